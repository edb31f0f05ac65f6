/* SPDX-License-Identifier: ISC */
/*
 * This file contains the coordinator's subcommands for the two
 * whole-resource documents of the API: "rota settings" (jurisdiction,
 * time zone, rule switches, public holidays, options) and "rota
 * school-calendar" (terms, holidays, lesson hours; the default calendar),
 * with "rota school-calendars" for the named ones.  Both are shown as
 * "key value" lines or JSON, and both are changed with a PUT of the whole
 * document, since the server replaces it rather than merging: "settings
 * set" reads the current settings, applies KEY=VALUE changes to them and
 * sends the result back, so keys the user did not name keep their values.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_paths.h"
#include "rota.h"

#define SETTINGS_USAGE                                                         \
	"settings [--json] | settings set KEY=VALUE... [--unset KEY]... "      \
	"[--force] [--json]"
#define SETTINGS_HELP                                                             \
	_("Shows the instance settings as 'key value' lines (nested keys\n"       \
	  "joined with '.'), or changes them: 'set' reads the current\n"          \
	  "settings, applies each KEY=VALUE and sends the whole document back,\n" \
	  "so the keys not named keep their values.  KEY may name a nested\n"     \
	  "key (rule_options.care_exemption_12_9g=true,\n"                        \
	  "options.travel_minutes=45).  VALUE is read as JSON when it is JSON\n"  \
	  "(numbers, true, false, [\"2027-05-17\"], {...}), else as a string;\n"  \
	  "quote it ('\"30\"') to force a string.  A change that breaks a rule\n" \
	  "is refused with the list of violations (exit status 3).\n\n"           \
	  "  -u, --unset KEY   remove KEY, so that it takes its default\n"        \
	  "                    (applied before the KEY=VALUE changes)\n"          \
	  "  -f, --force       store the change even when it breaks rules\n"      \
	  "  -j, --json        print the (stored) settings as JSON\n")
#define CALENDAR_USAGE                                                         \
	"school-calendar [--json] | school-calendar set FILE [--force] [--json]"
#define CALENDAR_HELP                                                              \
	_("Shows the school calendar: the terms, the school holidays inside\n"     \
	  "them and the lesson hours (public holidays are part of 'rota\n"         \
	  "settings').  'set' replaces the whole calendar with FILE ('-' is\n"     \
	  "standard input), a JSON object of the shape that 'rota\n"               \
	  "school-calendar --json' prints:\n\n"                                    \
	  "  {\"terms\": [{\"from\": DATE, \"to\": DATE}], \"holidays\": [...],\n" \
	  "   \"school_hours\": {\"start\": \"HH:MM\", \"end\": \"HH:MM\"}}\n\n"   \
	  "A key left out takes its default (no terms, no holidays, no lesson\n"   \
	  "hours).\n\n"                                                            \
	  "  -f, --force       store it even when it breaks rules\n"               \
	  "  -j, --json        print the (stored) calendar as JSON\n")

#define CALENDARS_USAGE                                                         \
	"school-calendars list [--json] | school-calendars show ID [--json] | " \
	"school-calendars set ID FILE [--force] [--json] | "                    \
	"school-calendars rm ID"
#define CALENDARS_HELP                                                            \
	_("The organisation's named school calendars, one per municipality or\n"  \
	  "school district; each youth follows one, the default when none is\n"   \
	  "set.  'list' shows their ids and names, 'show' one of them.  'set'\n"  \
	  "creates calendar ID, or replaces it whole, with FILE ('-' is\n"        \
	  "standard input): a JSON object with \"name\", \"terms\",\n"            \
	  "\"holidays\", \"school_hours\" and \"default\": true to make it the\n" \
	  "default.  'rm' deletes a calendar nobody follows.\n\n"                 \
	  "  -f, --force       store it even when it breaks rules\n"              \
	  "  -j, --json        print the (stored) calendar(s) as JSON\n")

static const struct option config_opts[] = {
    {"json", no_argument, NULL, 'j'},
    {"force", no_argument, NULL, 'f'},
    {"unset", required_argument, NULL, 'u'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* "key value" lines, aligned on the widest key. */
struct kv_lines {
	char **keys, **values;
	size_t n;
};

/* Adds a line; value is taken over (a new string). */
static void
kv_add(struct kv_lines *l, const char *key, char *value)
{
	l->keys = xreallocarray(l->keys, l->n + 1, sizeof(*l->keys));
	l->values = xreallocarray(l->values, l->n + 1, sizeof(*l->values));
	/* The server's text, made safe to print. */
	l->keys[l->n] = safe_text_dup(key);
	l->values[l->n] = safe_text_dup(value);
	free(value);
	l->n++;
}

static void
kv_print(struct kv_lines *l, FILE *out)
{
	size_t w = 0;

	for (size_t i = 0; i < l->n; i++)
		if (table_width(l->keys[i]) > w)
			w = table_width(l->keys[i]);
	for (size_t i = 0; i < l->n; i++)
		fprintf(out, "%s%*s%s\n", l->keys[i],
		    (int)(w - table_width(l->keys[i]) + 2), "", l->values[i]);
}

static void
kv_release(struct kv_lines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->keys[i]);
		free(l->values[i]);
	}
	free(l->keys);
	free(l->values);
	memset(l, 0, sizeof(*l));
}

/* Text of a JSON value as the user would type it back; a new string. */
static char *
value_dup(const json_t *v)
{
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_array(v)) {
		struct sbuf b = {0};
		size_t i;
		json_t *e;

		if (json_array_size(v) == 0)
			return xstrdup(_("none"));
		json_array_foreach(v, i, e)
		{
			char *s = value_dup(e);
			if (i > 0)
				sbuf_adds(&b, ", ");
			sbuf_adds(&b, s);
			free(s);
		}
		return sbuf_take(&b);
	}
	{
		char *s = json_dumps(
		    v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
		char *r = xstrdup(s ? s : "");
		free(s);
		return r;
	}
}

/* Adds an object's members as lines, nested keys joined with '.'. */
static void
kv_flatten(struct kv_lines *l, const char *prefix, const json_t *o)
{
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)o, key, v)
	{
		char *name =
		    prefix[0] ? xasprintf("%s.%s", prefix, key) : xstrdup(key);
		if (json_is_object(v) && json_object_size(v) > 0)
			kv_flatten(l, name, v);
		else if (json_is_object(v))
			kv_add(l, name, xstrdup(_("none")));
		else
			kv_add(l, name, value_dup(v));
		free(name);
	}
}

/* The public holidays when the settings name none of their own. */
static void
kv_add_profile_holidays(struct kv_lines *l, const json_t *s)
{
	const char *j = api_str(s, "jurisdiction");

	kv_add(l, "public_holidays",
	    j[0] ? xasprintf(_("the %s profile's own list"), j)
	         : xstrdup(_("the jurisdiction profile's own list")));
}

static void
print_settings(const json_t *s)
{
	struct kv_lines l = {0};
	bool holidays = json_object_get(s, "public_holidays") != NULL;
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)s, key, v)
	{
		/* Absent, the profile's own list applies: said where the
		 * server would have put the key, before the options. */
		if (!holidays && strcmp(key, "options") == 0) {
			kv_add_profile_holidays(&l, s);
			holidays = true;
		}
		if (strcmp(key, "rule_options") == 0 && json_is_object(v) &&
		    json_object_size(v) == 0)
			kv_add(&l, key,
			    xstrdup(_("none set (the profile's defaults)")));
		else if (json_is_object(v) && json_object_size(v) > 0)
			kv_flatten(&l, key, v);
		else if (strcmp(key, "public_holidays") == 0 &&
		    json_array_size(v) == 0)
			kv_add(&l, key,
			    xstrdup(_("none (no public holidays at all)")));
		else
			kv_add(&l, key,
			    json_is_object(v) ? xstrdup(_("none"))
			                      : value_dup(v));
	}
	if (!holidays)
		kv_add_profile_holidays(&l, s);
	kv_print(&l, stdout);
	kv_release(&l);
}

/* "2027-02-22 to 2027-02-26", or one date when the range is one day. */
static char *
range_dup(const json_t *r)
{
	const char *from = api_str(r, "from"), *to = api_str(r, "to");

	if (!json_is_object(r))
		return value_dup(r);
	if (strcmp(from, to) == 0)
		return xstrdup(from);
	return xasprintf(_("%s to %s"), from, to);
}

static void
print_calendar(const json_t *cal)
{
	struct kv_lines l = {0};
	const char *key;
	json_t *v;

	json_object_foreach((json_t *)cal, key, v)
	{
		if (json_is_array(v) && json_array_size(v) == 0) {
			kv_add(&l, key, xstrdup(_("none")));
		} else if (json_is_array(v)) {
			size_t i;
			json_t *r;
			json_array_foreach(v, i, r)
			    kv_add(&l, i == 0 ? key : "", range_dup(r));
		} else if (strcmp(key, "school_hours") == 0 &&
		    json_is_object(v)) {
			kv_add(&l, key,
			    xasprintf("%s-%s", api_str(v, "start"),
			        api_str(v, "end")));
		} else if (json_is_object(v)) {
			kv_flatten(&l, key, v);
		} else {
			kv_add(&l, key, value_dup(v));
		}
	}
	if (json_object_get(cal, "school_hours") == NULL)
		kv_add(
		    &l, "school_hours", xstrdup(_("none (no lesson hours)")));
	kv_print(&l, stdout);
	kv_release(&l);
}

/*
 * Finds the object holding the last component of a dotted key, making
 * the objects on the way when make is true.  Returns it and the last
 * component in *last (borrowed from key); NULL with a message when the
 * key is malformed, or (make false) a part is missing or not an object.
 */
static json_t *
key_parent(json_t *doc, const char *key, bool make, const char **last)
{
	json_t *o = doc;
	const char *p = key, *dot;

	if (key[0] == '\0' || key[0] == '.' || key[strlen(key) - 1] == '.' ||
	    strstr(key, "..") != NULL) {
		rota_warnx(
		    _("'%s' is not a settings key (KEY or KEY.SUBKEY)"), key);
		return NULL;
	}
	while ((dot = strchr(p, '.')) != NULL) {
		char *part = xasprintf("%.*s", (int)(dot - p), p);
		json_t *next = json_object_get(o, part);

		if (next == NULL && make) {
			next = json_object();
			json_object_set_new(o, part, next);
		}
		if (!json_is_object(next)) {
			rota_warnx(_("'%s': '%.*s' is %s"), key,
			    (int)(dot - key), key,
			    next == NULL ? _("not set") : _("not an object"));
			free(part);
			return NULL;
		}
		free(part);
		o = next;
		p = dot + 1;
	}
	*last = p;
	return o;
}

/* Applies --unset and KEY=VALUE changes to doc; -1 with a message. */
static int
settings_apply(
    json_t *doc, char **unset, size_t nunset, char **sets, size_t nsets)
{
	const char *last;
	json_t *parent;

	for (size_t i = 0; i < nunset; i++) {
		if ((parent = key_parent(doc, unset[i], false, &last)) == NULL)
			return -1;
		if (json_object_del(parent, last) == -1) {
			rota_warnx(_("--unset: '%s' is not set"), unset[i]);
			return -1;
		}
	}
	for (size_t i = 0; i < nsets; i++) {
		char *eq = strchr(sets[i], '='), *key;
		json_t *v;
		int rc;

		if (eq == NULL || eq == sets[i]) {
			rota_warnx(_("'%s' is not KEY=VALUE"), sets[i]);
			return -1;
		}
		key = xasprintf("%.*s", (int)(eq - sets[i]), sets[i]);
		/* JSON when it is JSON (30, true, [...]), else a string. */
		if ((v = json_loads(eq + 1,
		         JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL)) ==
		    NULL)
			v = json_string(eq + 1);
		if (v == NULL) {
			rota_warnx(_("'%s': the value is not UTF-8"), key);
			free(key);
			return -1;
		}
		parent = key_parent(doc, key, true, &last);
		rc = parent == NULL ? -1 : json_object_set(parent, last, v);
		json_decref(v);
		free(key);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/*
 * Parses the options common to both commands.  Returns true to go on;
 * false with *rc set when the command is done (help, or a usage error).
 */
static bool
config_opts_parse(int argc, char **argv, const char *usage, const char *help,
    bool *json, bool *force, char ***unset, size_t *nunset, int *rc)
{
	int ch;

	while ((ch = getopt_long(argc, argv, unset ? "jfu:h" : "jfh",
	            config_opts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			*json = true;
			break;
		case 'f':
			*force = true;
			break;
		case 'u':
			if (unset != NULL) {
				*unset = xreallocarray(
				    *unset, *nunset + 1, sizeof(**unset));
				(*unset)[(*nunset)++] = optarg;
				break;
			}
			*rc = rota_usage(usage, NULL, false);
			return false;
		case 'h':
			*rc = rota_usage(usage, help, true);
			return false;
		default:
			*rc = rota_usage(usage, NULL, false);
			return false;
		}
	}
	return true;
}

int
cmd_settings(int argc, char **argv)
{
	bool json = false, force = false;
	char **unset = NULL;
	size_t nunset = 0;
	json_t *doc = NULL, *out = NULL;
	int rc = ROTA_EXIT_OK, nargs;

	if (!config_opts_parse(argc, argv, SETTINGS_USAGE, SETTINGS_HELP, &json,
	        &force, &unset, &nunset, &rc))
		goto done;
	nargs = argc - optind;
	argv += optind;
	if (nargs == 0 && !force && nunset == 0) {
		if ((rc = api_call("GET", API_SETTINGS, NULL, &doc)) == 0) {
			if (json)
				api_print_json(doc, stdout);
			else
				print_settings(doc);
		}
	} else if (nargs >= 1 && strcmp(argv[0], "set") == 0 &&
	    (nargs > 1 || nunset > 0)) {
		if ((rc = api_call("GET", API_SETTINGS, NULL, &doc)) != 0)
			goto done;
		if (settings_apply(doc, unset, nunset, argv + 1,
		        (size_t)(nargs - 1)) == -1) {
			rc = ROTA_EXIT_USAGE;
			goto done;
		}
		if ((rc = api_call("PUT",
		         force ? API_SETTINGS "?" API_FORCE_QUERY
		               : API_SETTINGS,
		         doc, &out)) == 0 &&
		    json)
			api_print_json(out, stdout);
	} else if (nargs >= 1 && strcmp(argv[0], "set") == 0) {
		rota_warnx(_("settings set: give at least one KEY=VALUE (see "
		             "'rota settings --help')"));
		rc = ROTA_EXIT_USAGE;
	} else {
		rc = rota_usage(SETTINGS_USAGE, NULL, false);
	}
done:
	json_decref(out);
	json_decref(doc);
	free(unset);
	return rc;
}

int
cmd_school_calendar(int argc, char **argv)
{
	bool json = false, force = false;
	json_t *doc = NULL, *out = NULL;
	json_error_t jerr;
	const char *file;
	char *data;
	size_t len;
	int rc = ROTA_EXIT_OK, nargs;

	if (!config_opts_parse(argc, argv, CALENDAR_USAGE, CALENDAR_HELP, &json,
	        &force, NULL, NULL, &rc))
		return rc;
	nargs = argc - optind;
	argv += optind;
	if (nargs == 0 && !force) {
		if ((rc = api_call("GET", API_SCHOOL_CALENDAR, NULL, &out)) ==
		    0) {
			if (json)
				api_print_json(out, stdout);
			else
				print_calendar(out);
		}
		json_decref(out);
		return rc;
	}
	if (nargs != 2 || strcmp(argv[0], "set") != 0)
		return rota_usage(CALENDAR_USAGE, NULL, false);
	file = argv[1];
	if ((data = util_read_file(file, &len)) == NULL)
		return ROTA_EXIT_USAGE;
	doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	free(data);
	if (doc == NULL) {
		rota_warnx(_("%s:%d:%d: not a JSON document: %s"),
		    strcmp(file, "-") == 0 ? _("standard input") : file,
		    jerr.line, jerr.column, jerr.text);
		return ROTA_EXIT_USAGE;
	}
	if (!json_is_object(doc)) {
		rota_warnx(_("%s: the school calendar is a JSON object "
		             "({\"terms\": [...], \"holidays\": [...], ...})"),
		    strcmp(file, "-") == 0 ? _("standard input") : file);
		json_decref(doc);
		return ROTA_EXIT_USAGE;
	}
	if ((rc = api_call("PUT",
	         force ? API_SCHOOL_CALENDAR "?" API_FORCE_QUERY
	               : API_SCHOOL_CALENDAR,
	         doc, &out)) == 0 &&
	    json)
		api_print_json(out, stdout);
	json_decref(doc);
	json_decref(out);
	return rc;
}

/* The JSON object in FILE ('-': standard input), or NULL with a message. */
static json_t *
calendar_file(const char *file)
{
	json_error_t jerr;
	json_t *doc;
	char *data;
	size_t len;

	if ((data = util_read_file(file, &len)) == NULL)
		return NULL;
	doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	free(data);
	if (doc == NULL) {
		rota_warnx(_("%s:%d:%d: not a JSON document: %s"),
		    strcmp(file, "-") == 0 ? _("standard input") : file,
		    jerr.line, jerr.column, jerr.text);
		return NULL;
	}
	if (!json_is_object(doc)) {
		rota_warnx(_("%s: the school calendar is a JSON object "
		             "({\"terms\": [...], \"holidays\": [...], ...})"),
		    strcmp(file, "-") == 0 ? _("standard input") : file);
		json_decref(doc);
		return NULL;
	}
	return doc;
}

static void
print_calendar_list(const json_t *list)
{
	static const char *const headers[] = {N_("ID"), N_("NAME"), ""};
	const char *h[3] = {_(headers[0]), _(headers[1]), ""};
	struct table *t = table_new(3, h);
	size_t i;
	json_t *c;

	json_array_foreach(json_object_get(list, API_CALENDARS_KEY), i, c)
	{
		const char *row[3] = {api_str(c, "id"), api_str(c, "name"),
		    json_is_true(json_object_get(c, "default")) ? _("default")
		                                                : ""};
		table_add(t, row);
	}
	table_print(t, stdout);
	table_free(t);
}

/* "set ID FILE": PUT when calendar ID exists, else POST with the id. */
static int
calendars_set(const char *id, const char *file, bool force, bool json)
{
	json_t *doc, *list = NULL, *out = NULL, *c;
	bool exists = false;
	char *esc, *path;
	size_t i;
	int rc;

	if ((doc = calendar_file(file)) == NULL)
		return ROTA_EXIT_USAGE;
	if ((rc = api_call("GET", API_CALENDARS, NULL, &list)) != 0) {
		json_decref(doc);
		return rc;
	}
	json_array_foreach(json_object_get(list, API_CALENDARS_KEY), i, c)
	    exists = exists || strcmp(api_str(c, "id"), id) == 0;
	json_decref(list);
	esc = net_escape_dup(id);
	if (exists) {
		path = xasprintf("%s/%s%s", API_CALENDARS, esc,
		    force ? "?" API_FORCE_QUERY : "");
		json_object_del(doc, "id");
		rc = api_call("PUT", path, doc, &out);
	} else {
		path = xasprintf(
		    "%s%s", API_CALENDARS, force ? "?" API_FORCE_QUERY : "");
		json_object_set_new(doc, "id", json_string(id));
		rc = api_call("POST", path, doc, &out);
	}
	if (rc == 0 && json)
		api_print_json(out, stdout);
	free(path);
	free(esc);
	json_decref(out);
	json_decref(doc);
	return rc;
}

int
cmd_school_calendars(int argc, char **argv)
{
	bool json = false, force = false;
	json_t *out = NULL;
	const char *action;
	char *esc, *path;
	int rc = ROTA_EXIT_OK, nargs;

	if (!config_opts_parse(argc, argv, CALENDARS_USAGE, CALENDARS_HELP,
	        &json, &force, NULL, NULL, &rc))
		return rc;
	nargs = argc - optind;
	argv += optind;
	action = nargs > 0 ? argv[0] : "list";
	if (strcmp(action, "list") == 0 && nargs <= 1) {
		if ((rc = api_call("GET", API_CALENDARS, NULL, &out)) == 0) {
			if (json)
				api_print_json(out, stdout);
			else
				print_calendar_list(out);
		}
		json_decref(out);
		return rc;
	}
	if (strcmp(action, "set") == 0 && nargs == 3)
		return calendars_set(argv[1], argv[2], force, json);
	if (nargs != 2 ||
	    (strcmp(action, "show") != 0 && strcmp(action, "rm") != 0))
		return rota_usage(CALENDARS_USAGE, NULL, false);
	esc = net_escape_dup(argv[1]);
	path = xasprintf("%s/%s", API_CALENDARS, esc);
	if (action[0] == 's') {
		if ((rc = api_call("GET", path, NULL, &out)) == 0) {
			if (json)
				api_print_json(out, stdout);
			else
				print_calendar(out);
		}
	} else {
		rc = api_call("DELETE", path, NULL, &out);
	}
	json_decref(out);
	free(path);
	free(esc);
	return rc;
}
