/* SPDX-License-Identifier: ISC */
/*
 * This file contains "rota homes|youths|slots|assignments": list, show,
 * add, edit and rm over the API's plain resources.  One generic
 * implementation serves every kind through a table of fields: each
 * becomes a --flag, a JSON member of the body, and (some) a table column.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_paths.h"
#include "rota.h"

enum field_type {
	FT_STRING,   /* --name TEXT */
	FT_INT,      /* --needed N */
	FT_NUMBER,   /* --max-week-hours 7.5 */
	FT_LIST,     /* --skill S (repeatable; a list) */
	FT_WINDOW,   /* --available "mon,tue 15:00-20:00" (repeatable) */
	FT_RANGE,    /* --unavailable FROM/TO (repeatable) */
	FT_SKILLMAP, /* --require SKILL=N (repeatable) */
	FT_BOOL      /* --pinned true|false */
};

struct field {
	const char *flag; /* long option */
	const char *key;  /* JSON member */
	enum field_type type;
	const char *arg; /* metavariable for help */
};

struct kind {
	const char *name;   /* "home" */
	const char *plural; /* "homes" */
	const char *path;   /* API_HOMES */
	const struct field *fields;
	const char *const *filters; /* list query parameters */
	const char *const *columns; /* JSON members shown by list */
	const char *const *headers;
	size_t ncolumns;
	bool writable;
};

static const struct field home_fields[] = {
    {"id", "id", FT_STRING, "ID"},
    {"name", "name", FT_STRING, "TEXT"},
    {"address", "address", FT_STRING, "TEXT"},
    {NULL, NULL, 0, NULL},
};
static const struct field youth_fields[] = {
    {"id", "id", FT_STRING, "ID"},
    {"name", "name", FT_STRING, "TEXT"},
    {"birth-date", "birth_date", FT_STRING, "DATE"},
    {"school", "school", FT_STRING, "compulsory|secondary|none"},
    {"guardian-consent", "guardian_consent", FT_STRING, "DATE"},
    {"skill", "skills", FT_LIST, "SKILL"},
    {"available", "availability", FT_WINDOW, "'mon,tue HH:MM-HH:MM'"},
    {"unavailable", "unavailable", FT_RANGE, "FROM/TO"},
    {"other-work", "other_work", FT_RANGE, "START/END"},
    {"max-week-hours", "max_week_hours", FT_NUMBER, "HOURS"},
    {"home", "homes", FT_LIST, "HOME"},
    {NULL, NULL, 0, NULL},
};
static const struct field slot_fields[] = {
    {"id", "id", FT_STRING, "ID"},
    {"home", "home", FT_STRING, "HOME"},
    {"start", "start", FT_STRING, "YYYY-MM-DDTHH:MM"},
    {"end", "end", FT_STRING, "YYYY-MM-DDTHH:MM"},
    {"needed", "needed", FT_INT, "N"},
    {"activity", "activity", FT_STRING, "TEXT"},
    {"min-age", "min_age", FT_INT, "YEARS"},
    {"require", "requires", FT_SKILLMAP, "SKILL=N"},
    {NULL, NULL, 0, NULL},
};
static const struct field no_fields[] = {{NULL, NULL, 0, NULL}};

static const char *const home_filters[] = {NULL};
static const char *const youth_filters[] = {"home", NULL};
static const char *const slot_filters[] = {"home", "from", "to", NULL};
static const char *const assignment_filters[] = {
    "slot", "youth", "home", "from", "to", "status", NULL};

static const char *const home_cols[] = {"id", "name", "address"};
static const char *const home_hdrs[] = {N_("ID"), N_("NAME"), N_("ADDRESS")};
static const char *const youth_cols[] = {
    "id", "name", "birth_date", "school", "skills"};
static const char *const youth_hdrs[] = {
    N_("ID"), N_("NAME"), N_("BORN"), N_("SCHOOL"), N_("SKILLS")};
static const char *const slot_cols[] = {
    "id", "home", "start", "end", "needed", "assigned", "activity"};
static const char *const slot_hdrs[] = {N_("ID"), N_("HOME"), N_("START"),
    N_("END"), N_("NEEDED"), N_("ASSIGNED"), N_("ACTIVITY")};
static const char *const asg_cols[] = {
    "id", "slot", "youth", "status", "pinned", "made_by"};
static const char *const asg_hdrs[] = {N_("ID"), N_("SLOT"), N_("YOUTH"),
    N_("STATUS"), N_("PINNED"), N_("MADE BY")};

static const struct kind kind_home = {"home", "homes", API_HOMES, home_fields,
    home_filters, home_cols, home_hdrs, 3, true};
static const struct kind kind_youth = {"youth", "youths", API_YOUTHS,
    youth_fields, youth_filters, youth_cols, youth_hdrs, 5, true};
static const struct kind kind_slot = {"slot", "slots", API_SLOTS, slot_fields,
    slot_filters, slot_cols, slot_hdrs, 7, true};
static const struct kind kind_assignment = {"assignment", "assignments",
    API_ASSIGNMENTS, no_fields, assignment_filters, asg_cols, asg_hdrs, 6,
    false};

/* Text of a JSON value for a table cell; a new string. */
static char *
cell_dup(const json_t *v)
{
	if (v == NULL || json_is_null(v))
		return xstrdup("");
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%g", json_real_value(v));
	if (json_is_boolean(v))
		return xstrdup(json_is_true(v) ? _("yes") : _("no"));
	if (json_is_array(v)) {
		struct sbuf b = {0};
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
		{
			char *s = cell_dup(e);
			if (i > 0)
				sbuf_adds(&b, ",");
			sbuf_adds(&b, s);
			free(s);
		}
		return sbuf_take(&b);
	}
	{
		char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
		char *r = xstrdup(s ? s : "");
		free(s);
		return r;
	}
}

/* The kind in messages, as the daemon names it ("the home"). */
static const char *
kind_label(const struct kind *k)
{
	if (k == &kind_home)
		return _("home");
	if (k == &kind_youth)
		return _("youth");
	if (k == &kind_slot)
		return _("slot");
	return _("assignment");
}

static void
entity_usage_text(const struct kind *k, struct sbuf *u, struct sbuf *h)
{
	/* Only the actions that exist for this kind. */
	sbuf_addf(u, "%s list|show|%s ...", k->plural,
	    k->writable ? "add|edit|rm" : "move");
	sbuf_addf(h,
	    "  rota %s list [--json]%s\n"
	    "  rota %s show ID [--json]\n",
	    k->plural, k->filters[0] ? " [FILTERS]" : "", k->plural);
	if (k->writable)
		sbuf_addf(h,
		    "  rota %s add FIELDS [--force] [--json]\n"
		    "  rota %s edit ID FIELDS [--unset KEY]... [--force]\n"
		    "  rota %s rm ID%s [--force]\n",
		    k->plural, k->plural, k->plural,
		    k == &kind_youth ? " [--purge]" : "");
	if (k == &kind_assignment)
		sbuf_adds(h,
		    _("  rota assignments move ID [--slot SLOT] [--youth "
		      "YOUTH] [--force] [--json]\n\n"
		      "move puts an assignment on another slot or youth (or "
		      "both) and pins\n"
		      "it, so the solver leaves it there.  To make one: 'rota "
		      "assign'; to\n"
		      "delete one: 'rota unassign'; for a sick call: 'rota "
		      "cancel'.\n"));
	if (k == &kind_slot)
		sbuf_adds(h,
		    _("\nadd prints the new id (made from the home "
		      "and the start when --id is not given).\n"));
	else if (k->writable)
		sbuf_adds(h,
		    _("\nadd prints the new id (made from the name "
		      "when --id is not given).\n"));
	if (k->writable)
		sbuf_adds(h,
		    _("edit and rm change the version you last read with "
		      "'show' (or the one\n"
		      "there is now): if someone else changed it since, "
		      "nothing is changed\n"
		      "and rota says what differs (exit status 4).\n"));
	if (k == &kind_youth)
		sbuf_adds(h,
		    _("rm --purge erases the youth with all their "
		      "assignments, feed links\n"
		      "and audit entries, keeping only anonymous hour totals; "
		      "it cannot be\n"
		      "undone.  Without it, a youth with assignments cannot "
		      "be removed.\n"));
	if (k->filters[0] != NULL) {
		sbuf_adds(h, _("\nFilters of list:"));
		for (size_t i = 0; k->filters[i]; i++)
			sbuf_addf(h, " --%s %s", k->filters[i],
			    strcmp(k->filters[i], "from") == 0 ||
			            strcmp(k->filters[i], "to") == 0
			        ? "DATE"
			        : "VALUE");
		sbuf_adds(h, "\n");
	}
	if (k->fields[0].flag != NULL) {
		sbuf_adds(h,
		    _("\nFields (repeat a list flag for several "
		      "values; edit replaces a whole list):\n"));
		for (const struct field *f = k->fields; f->flag; f++)
			sbuf_addf(h, "  --%s %s\n", f->flag, f->arg);
	}
	if (k == &kind_assignment)
		sbuf_adds(h,
		    _("\n  --slot SLOT       the slot to move it to\n"
		      "  --youth YOUTH     the youth to give it to\n"));
	if (k == &kind_youth)
		sbuf_adds(h,
		    _("\n  --purge           rm: erase the youth and "
		      "every trace (right to erasure)"));
	sbuf_adds(h,
	    _("\n  --json            print JSON for scripts\n"
	      "  --force           store a change even when it "
	      "breaks rules\n"));
}

static int
entity_usage(const struct kind *k, bool help)
{
	struct sbuf u = {0}, h = {0};
	int rc;

	entity_usage_text(k, &u, &h);
	rc = rota_usage(u.s, help ? h.s : NULL, help);
	sbuf_release(&u);
	sbuf_release(&h);
	return rc;
}

/* "mon,tue 15:00-20:00" into {"days":[..],"from":..,"to":..}. */
static json_t *
parse_window(const char *s)
{
	char days[128], from[8], to[8];
	json_t *o, *d;
	char *tok, *save = NULL;

	if (sscanf(s, "%127s %7[0-9:]-%7[0-9:]", days, from, to) != 3)
		return NULL;
	d = json_array();
	for (tok = strtok_r(days, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		json_array_append_new(d, json_string(tok));
	o = json_pack("{s:o, s:s, s:s}", "days", d, "from", from, "to", to);
	return o;
}

/* Applies one flag's value to the body; -1 with a message when bad. */
static int
field_apply(json_t *body, const struct field *f, const char *v)
{
	json_t *cur = json_object_get(body, f->key), *x;
	const char *slash, *eq;
	char *end;
	long n;
	double d;

	switch (f->type) {
	case FT_STRING:
		json_object_set_new(body, f->key, json_string(v));
		return 0;
	case FT_INT:
		if (util_parse_long(v, -1000000, 1000000, &n) == -1)
			break;
		json_object_set_new(body, f->key, json_integer(n));
		return 0;
	case FT_NUMBER:
		d = strtod(v, &end);
		if (*v == '\0' || *end != '\0')
			break;
		if (d == (double)(long long)d)
			json_object_set_new(
			    body, f->key, json_integer((json_int_t)d));
		else
			json_object_set_new(body, f->key, json_real(d));
		return 0;
	case FT_BOOL:
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			break;
		json_object_set_new(body, f->key, json_boolean(v[0] == 't'));
		return 0;
	case FT_LIST:
	case FT_WINDOW:
	case FT_RANGE:
		if (!json_is_array(cur)) {
			cur = json_array();
			json_object_set_new(body, f->key, cur);
		}
		if (f->type == FT_LIST) {
			/* An empty value makes an empty list ("--home ''"). */
			if (v[0] != '\0')
				json_array_append_new(cur, json_string(v));
			return 0;
		}
		if (f->type == FT_WINDOW) {
			if ((x = parse_window(v)) == NULL)
				break;
			json_array_append_new(cur, x);
			return 0;
		}
		if ((slash = strchr(v, '/')) == NULL)
			break;
		json_array_append_new(cur,
		    json_pack("{s:s%, s:s}",
		        strcmp(f->key, "other_work") == 0 ? "start" : "from", v,
		        (size_t)(slash - v),
		        strcmp(f->key, "other_work") == 0 ? "end" : "to",
		        slash + 1));
		return 0;
	case FT_SKILLMAP:
		if ((eq = strchr(v, '=')) == NULL || eq == v ||
		    util_parse_long(eq + 1, 0, 1000, &n) == -1)
			break;
		if (!json_is_object(cur)) {
			cur = json_object();
			json_object_set_new(body, f->key, cur);
		}
		{
			char *skill = xasprintf("%.*s", (int)(eq - v), v);
			json_object_set_new(cur, skill, json_integer(n));
			free(skill);
		}
		return 0;
	}
	rota_warnx(_("--%s: '%s' is not %s"), f->flag, v, f->arg);
	return -1;
}

static void
print_list(const struct kind *k, const json_t *items)
{
	const char **row = xcalloc(k->ncolumns, sizeof(*row));
	struct table *t;
	size_t i;
	json_t *it;

	for (size_t c = 0; c < k->ncolumns; c++)
		row[c] = _(k->headers[c]);
	t = table_new(k->ncolumns, row);
	json_array_foreach(items, i, it)
	{
		char **cells = xcalloc(k->ncolumns, sizeof(*cells));
		for (size_t c = 0; c < k->ncolumns; c++)
			row[c] = cells[c] =
			    cell_dup(json_object_get(it, k->columns[c]));
		table_add(t, row);
		for (size_t c = 0; c < k->ncolumns; c++)
			free(cells[c]);
		free(cells);
	}
	table_print(t, stdout);
	table_free(t);
	free(row);
}

static void
print_object(const json_t *o)
{
	size_t w = 0;
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)o, key, v)
	{
		if (table_width(tsafe(key)) > w)
			w = table_width(tsafe(key));
	}
	json_object_foreach((json_t *)o, key, v)
	{
		char *s = cell_dup(v);
		const char *k = tsafe(key);
		printf(
		    "%s%*s  %s\n", k, (int)(w - table_width(k)), "", tsafe(s));
		free(s);
	}
}

/*
 * Prints forced violations after a change made with --force: how many in
 * all (forced_violations_total; a rotad before it gives the list alone),
 * then the list, which holds the first 100.
 */
static void
warn_forced(const json_t *saved)
{
	const json_t *v = json_object_get(saved, "forced_violations");
	const json_t *t = json_object_get(saved, "forced_violations_total");
	size_t n = json_array_size(v);

	if (json_is_integer(t) && json_integer_value(t) > (json_int_t)n)
		n = (size_t)json_integer_value(t);
	if (json_array_size(v) > 0) {
		rota_warnx(P_("stored with %zu rule violation (forced):",
		               "stored with %zu rule violations (forced):", n),
		    n);
		api_print_violations(v, stderr);
	}
}

static int
entity_main(const struct kind *k, int argc, char **argv)
{
	size_t nf = 0, nopt;
	struct option *opts;
	const char *action;
	json_t *body = json_object(), *out = NULL;
	struct sbuf query = {0};
	bool json = false, force = false, purge = false;
	char *path = NULL, *esc = NULL, *entity = NULL;
	int ch, rc = ROTA_EXIT_OK, nargs;

	if (argc < 2) {
		json_decref(body);
		return entity_usage(k, false);
	}
	action = argv[1];
	if (strcmp(action, "--help") == 0 || strcmp(action, "-h") == 0 ||
	    strcmp(action, "help") == 0) {
		json_decref(body);
		return entity_usage(k, true);
	}
	argv[1] = argv[0]; /* "rota", for getopt's messages */
	/* Options: fields (1000+i), filters (2000+i), the common ones. */
	for (const struct field *f = k->fields; f->flag; f++)
		nf++;
	nopt = nf + 16;
	opts = xcalloc(nopt + 1, sizeof(*opts));
	nopt = 0;
	if (strcmp(action, "add") == 0 || strcmp(action, "edit") == 0)
		for (size_t i = 0; i < nf; i++)
			opts[nopt++] = (struct option){k->fields[i].flag,
			    required_argument, NULL, 1000 + (int)i};
	if (strcmp(action, "list") == 0)
		for (size_t i = 0; k->filters[i]; i++)
			opts[nopt++] = (struct option){k->filters[i],
			    required_argument, NULL, 2000 + (int)i};
	if (k == &kind_youth && strcmp(action, "rm") == 0)
		opts[nopt++] = (struct option){"purge", no_argument, NULL, 'p'};
	if (k == &kind_assignment && strcmp(action, "move") == 0) {
		opts[nopt++] =
		    (struct option){"slot", required_argument, NULL, 's'};
		opts[nopt++] =
		    (struct option){"youth", required_argument, NULL, 'y'};
	}
	opts[nopt++] = (struct option){"json", no_argument, NULL, 'j'};
	opts[nopt++] = (struct option){"force", no_argument, NULL, 'f'};
	opts[nopt++] = (struct option){"unset", required_argument, NULL, 'u'};
	opts[nopt++] = (struct option){"help", no_argument, NULL, 'h'};
	optind = 0;
	while (
	    (ch = getopt_long(argc - 1, argv + 1, "jfh", opts, NULL)) != -1) {
		if (ch >= 1000 && ch < 2000) {
			if (field_apply(body, &k->fields[ch - 1000], optarg) ==
			    -1) {
				rc = ROTA_EXIT_USAGE;
				goto done;
			}
		} else if (ch >= 2000) {
			esc = net_escape_dup(optarg);
			sbuf_addf(&query, "%c%s=%s", query.len ? '&' : '?',
			    k->filters[ch - 2000], esc);
			free(esc);
			esc = NULL;
		} else if (ch == 'p') {
			purge = true;
		} else if (ch == 's' || ch == 'y') {
			json_object_set_new(body, ch == 's' ? "slot" : "youth",
			    json_string(optarg));
		} else if (ch == 'j') {
			json = true;
		} else if (ch == 'f') {
			force = true;
		} else if (ch == 'u' && strcmp(action, "edit") == 0) {
			json_object_set_new(body, optarg, json_null());
		} else if (ch == 'h') {
			rc = entity_usage(k, true);
			goto done;
		} else {
			rc = entity_usage(k, false);
			goto done;
		}
	}
	nargs = argc - 1 - optind;
	argv += 1 + optind;
	if (strcmp(action, "list") == 0 && nargs == 0) {
		json_t *items;
		char *p = xasprintf("%s%s", k->path, query.len ? query.s : "");
		rc = api_list_all(p, k->plural, &items);
		free(p);
		if (rc == ROTA_EXIT_OK) {
			if (json)
				api_print_json(items, stdout);
			else
				print_list(k, items);
			json_decref(items);
		}
	} else if ((strcmp(action, "show") == 0 || strcmp(action, "rm") == 0 ||
	               strcmp(action, "edit") == 0) &&
	    nargs == 1 && (k->writable || action[0] == 's')) {
		esc = net_escape_dup(argv[0]);
		entity = xasprintf("%s/%s", k->path, esc);
		path = xasprintf("%s/%s%s%s%s", k->path, esc,
		    purge ? "?" API_PURGE_QUERY : "",
		    force ? (purge ? "&" : "?") : "",
		    force ? API_FORCE_QUERY : "");
		if (action[0] == 's') {
			char *tag = NULL;
			if ((rc = api_call_versioned("GET", path, NULL, NULL,
			         &out, &tag, NULL)) == 0) {
				/* The version a later edit or rm changes. */
				version_put(entity, out, tag);
				if (json)
					api_print_json(out, stdout);
				else
					print_object(out);
			}
			free(tag);
		} else if (action[0] == 'r') {
			rc = api_change("DELETE", entity, path, NULL,
			    kind_label(k), argv[0], NULL);
			if (rc == ROTA_EXIT_SERVER && k == &kind_youth &&
			    !purge && api_last_status() == 409)
				rota_warnx(
				    _("'rota youths rm %s --purge' erases the "
				      "youth with their assignments (it cannot "
				      "be undone)"),
				    argv[0]);
		} else if (json_object_size(body) == 0) {
			rota_warnx(_("edit: give at least one field to change "
			             "(see 'rota %s --help')"),
			    k->plural);
			rc = ROTA_EXIT_USAGE;
		} else if ((rc = api_change("PATCH", entity, path, body,
		                kind_label(k), argv[0], &out)) == 0) {
			warn_forced(out);
			if (json)
				api_print_json(out, stdout);
		}
	} else if (strcmp(action, "move") == 0 && nargs == 1 &&
	    k == &kind_assignment) {
		/* A merge patch of slot and youth, pinned as by assign. */
		if (json_object_size(body) == 0) {
			rota_warnx(
			    _("move: give --slot SLOT, --youth YOUTH or both"));
			rc = ROTA_EXIT_USAGE;
			goto done;
		}
		json_object_set_new(body, "pinned", json_true());
		esc = net_escape_dup(argv[0]);
		entity = xasprintf("%s/%s", k->path, esc);
		path = xasprintf(
		    "%s/%s%s", k->path, esc, force ? "?" API_FORCE_QUERY : "");
		if ((rc = api_change("PATCH", entity, path, body, kind_label(k),
		         argv[0], &out)) == 0) {
			warn_forced(out);
			if (json)
				api_print_json(out, stdout);
		}
	} else if (strcmp(action, "add") == 0 && nargs == 0 && k->writable) {
		path = xasprintf(
		    "%s%s", k->path, force ? "?" API_FORCE_QUERY : "");
		char *tag = NULL;
		if ((rc = api_call_versioned(
		         "POST", path, body, NULL, &out, &tag, NULL)) == 0) {
			char *e = net_escape_dup(api_str(out, "id"));
			char *ep = xasprintf("%s/%s", k->path, e);
			version_put(ep, out, tag);
			free(ep);
			free(e);
			warn_forced(out);
			if (json)
				api_print_json(out, stdout);
			else
				printf("%s\n", tsafe(api_str(out, "id")));
			/* Say where an id the server made came from. */
			if (!json && json_object_get(body, "id") == NULL)
				rota_warnx(k == &kind_slot
				        ? _("the new slot's id is '%s' (made "
				            "from its home and start; --id "
				            "chooses one)")
				        : k == &kind_youth
				        ? _("the new youth's id is '%s' (made "
				            "from its name; --id chooses one)")
				        : _("the new home's id is '%s' (made "
				            "from its name; --id chooses one)"),
				    api_str(out, "id"));
		}
		free(tag);
	} else {
		rc = entity_usage(k, false);
	}
done:
	json_decref(out);
	json_decref(body);
	sbuf_release(&query);
	free(esc);
	free(path);
	free(entity);
	free(opts);
	return rc;
}

int
cmd_homes(int argc, char **argv)
{
	return entity_main(&kind_home, argc, argv);
}

int
cmd_youths(int argc, char **argv)
{
	return entity_main(&kind_youth, argc, argv);
}

int
cmd_slots(int argc, char **argv)
{
	return entity_main(&kind_slot, argc, argv);
}

int
cmd_assignments(int argc, char **argv)
{
	return entity_main(&kind_assignment, argc, argv);
}
