/* SPDX-License-Identifier: ISC */
/*
 * This file contains "rota series": weekly visit series (issue 15) --
 * add one with all its visits, list, show with its visits and the dates
 * it leaves out, edit this visit, this and the following ones, or all,
 * and remove the visits from a date on.  The server does the work
 * (/api/v1/series); this file turns flags into the request and the
 * answer into lines.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_paths.h"
#include "rota.h"

#define API_SERIES API_PREFIX "/series"

static const char usage_line[] = "series list|show|add|edit|rm ...";
/* The help, translated when shown. */
static const char help_text[] =
    N_("  rota series list [--home ID] [--json]\n"
       "  rota series show ID [--json]\n"
       "  rota series add --home ID --time HH:MM --duration MINUTES --days "
       "DAYS\n"
       "                  --first DATE --last DATE [FIELDS] [--force] "
       "[--json]\n"
       "  rota series edit ID [--this SLOT | --following SLOT] FIELDS\n"
       "                  [--confirm] [--force] [--json]\n"
       "  rota series rm ID [--from DATE] [--json]\n"
       "\n"
       "A series makes one ordinary slot per date of a weekly pattern.  edit\n"
       "changes the whole series, or with --this one visit, or with\n"
       "--following that visit and the ones after it (the series is split in\n"
       "two).  Visits changed by hand are left alone; an edit that would move\n"
       "or remove a visit youths are assigned to is refused unless --confirm\n"
       "is given (removed visits then have their assignments cancelled).\n"
       "rm --from DATE removes the visits from that date on (all without it),\n"
       "cancelling their assignments.\n"
       "\n"
       "Fields:\n"
       "  --id ID                      add: the series' id (else made from "
       "home\n"
       "                               and activity)\n"
       "  --home ID --activity TEXT --needed N --min-age N\n"
       "  --require SKILL=N            repeat for several skills\n"
       "  --time HH:MM --duration MINUTES\n"
       "  --days mon,wed               the days of the week\n"
       "  --interval N                 every N weeks (default 1)\n"
       "  --first DATE --last DATE\n"
       "  --holidays school|public|both|none\n"
       "                               which holidays have visits too "
       "(default:\n"
       "                               none, both kinds are skipped)\n"
       "\n"
       "  --json                       print JSON for scripts\n"
       "  --force                      store a change even when it breaks "
       "rules\n");

static int
usage(bool help)
{
	return rota_usage(usage_line, help ? _(help_text) : NULL, help);
}

enum {
	OPT_ID = 1000,
	OPT_HOME,
	OPT_ACTIVITY,
	OPT_NEEDED,
	OPT_MIN_AGE,
	OPT_REQUIRES,
	OPT_TIME,
	OPT_DURATION,
	OPT_DAYS,
	OPT_INTERVAL,
	OPT_FIRST,
	OPT_LAST,
	OPT_HOLIDAYS,
	OPT_THIS,
	OPT_FOLLOWING,
	OPT_FROM,
	OPT_CONFIRM
};

static const struct option options[] = {
    {"id", required_argument, NULL, OPT_ID},
    {"home", required_argument, NULL, OPT_HOME},
    {"activity", required_argument, NULL, OPT_ACTIVITY},
    {"needed", required_argument, NULL, OPT_NEEDED},
    {"min-age", required_argument, NULL, OPT_MIN_AGE},
    {"require", required_argument, NULL, OPT_REQUIRES},
    {"time", required_argument, NULL, OPT_TIME},
    {"duration", required_argument, NULL, OPT_DURATION},
    {"days", required_argument, NULL, OPT_DAYS},
    {"interval", required_argument, NULL, OPT_INTERVAL},
    {"first", required_argument, NULL, OPT_FIRST},
    {"last", required_argument, NULL, OPT_LAST},
    {"holidays", required_argument, NULL, OPT_HOLIDAYS},
    {"this", required_argument, NULL, OPT_THIS},
    {"following", required_argument, NULL, OPT_FOLLOWING},
    {"from", required_argument, NULL, OPT_FROM},
    {"confirm", no_argument, NULL, OPT_CONFIRM},
    {"json", no_argument, NULL, 'j'},
    {"force", no_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* One flag into the request body; -1 with a message when bad. */
static int
apply(json_t *body, int opt, const char *v)
{
	static const char *const keys[] = {"id", "home", "activity", "needed",
	    "min_age", "requires", "time", "duration", "days", "interval",
	    "first", "last"};
	const char *key = keys[opt - OPT_ID];
	long n;

	switch (opt) {
	case OPT_NEEDED:
	case OPT_MIN_AGE:
	case OPT_DURATION:
	case OPT_INTERVAL:
		if (util_parse_long(v, 0, 100000, &n) == -1) {
			rota_warnx(_("--%s: '%s' is not a whole number"),
			    options[opt - OPT_ID].name, v);
			return -1;
		}
		json_object_set_new(body, key, json_integer(n));
		return 0;
	case OPT_REQUIRES: {
		const char *eq = strchr(v, '=');
		json_t *req = json_object_get(body, "requires");
		char *skill;
		if (eq == NULL || eq == v ||
		    util_parse_long(eq + 1, 0, 1000, &n) == -1) {
			rota_warnx(_("--require: '%s' is not SKILL=N"), v);
			return -1;
		}
		if (!json_is_object(req)) {
			req = json_object();
			json_object_set_new(body, "requires", req);
		}
		skill = xasprintf("%.*s", (int)(eq - v), v);
		json_object_set_new(req, skill, json_integer(n));
		free(skill);
		return 0;
	}
	case OPT_DAYS: {
		json_t *days = json_array();
		char *copy = xstrdup(v), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t;
		     t = strtok_r(NULL, ",", &save))
			json_array_append_new(days, json_string(t));
		free(copy);
		json_object_set_new(body, "days", days);
		return 0;
	}
	case OPT_HOLIDAYS: {
		/* Which holidays have visits: the skip flags are the rest.
		 */
		bool school =
		    strcmp(v, "school") == 0 || strcmp(v, "both") == 0;
		bool pub = strcmp(v, "public") == 0 || strcmp(v, "both") == 0;
		if (!school && !pub && strcmp(v, "none") != 0) {
			rota_warnx(_("--holidays: '%s' is not school, public, "
			             "both or none"),
			    v);
			return -1;
		}
		json_object_set_new(
		    body, "skip_school_holidays", json_boolean(!school));
		json_object_set_new(
		    body, "skip_public_holidays", json_boolean(!pub));
		return 0;
	}
	default:
		json_object_set_new(body, key, json_string(v));
		return 0;
	}
}

/* "school_holiday" -> "school holiday". */
static const char *
reason_text(const char *r)
{
	if (strcmp(r, "school_holiday") == 0)
		return _("school holiday");
	if (strcmp(r, "public_holiday") == 0)
		return _("public holiday");
	if (strcmp(r, "dst_gap") == 0)
		return _("the time does not exist that day (summer time "
		         "starts)");
	if (strcmp(r, "exception") == 0)
		return _("deleted by hand");
	return r;
}

static void
print_skipped(const json_t *s, FILE *out)
{
	const json_t *v;
	size_t i;

	json_array_foreach(json_object_get(s, "skipped"), i, v)
	    fprintf(out, _("  no visit on %s: %s\n"), tsafe(api_str(v, "date")),
	        reason_text(api_str(v, "reason")));
}

static char *
days_text(const json_t *s)
{
	struct sbuf b = {0};
	const json_t *v;
	size_t i;

	json_array_foreach(json_object_get(s, "days"), i, v)
	{
		if (i > 0)
			sbuf_adds(&b, ",");
		sbuf_adds(&b, tsafe(json_string_value(v)));
	}
	return sbuf_take(&b);
}

static void
print_list(const json_t *items)
{
	const char *const hdr[] = {_("ID"), _("HOME"), _("DAYS"), _("TIME"),
	    _("MIN"), _("FIRST"), _("LAST"), _("ACTIVITY")};
	struct table *t = table_new(8, hdr);
	const json_t *s;
	size_t i;

	json_array_foreach(items, i, s)
	{
		char *days = days_text(s);
		char *min = xasprintf("%lld",
		    (long long)json_integer_value(
		        json_object_get(s, "duration")));
		const char *row[8] = {tsafe(api_str(s, "id")),
		    tsafe(api_str(s, "home")), days, tsafe(api_str(s, "time")),
		    min, tsafe(api_str(s, "first")), tsafe(api_str(s, "last")),
		    tsafe(api_str(s, "activity"))};
		table_add(t, row);
		free(days);
		free(min);
	}
	table_print(t, stdout);
	table_free(t);
}

static void
print_series(const json_t *s)
{
	const char *const hdr[] = {
	    _("SLOT"), _("START"), _("END"), _("ASSIGNED"), _("NOTE")};
	struct table *t = table_new(5, hdr);
	char *days = days_text(s);
	long interval =
	    (long)json_integer_value(json_object_get(s, "interval"));
	const json_t *v;
	size_t i;

	/* TRANSLATORS: id: home, days at time for minutes. */
	printf(_("%s: %s, %s at %s for %lld min"), tsafe(api_str(s, "id")),
	    tsafe(api_str(s, "home")), days, tsafe(api_str(s, "time")),
	    (long long)json_integer_value(json_object_get(s, "duration")));
	if (interval > 1)
		printf(P_(" (every %ld week)", " (every %ld weeks)", interval),
		    interval);
	printf(_(", %s to %s\n"), tsafe(api_str(s, "first")),
	    tsafe(api_str(s, "last")));
	free(days);
	json_array_foreach(json_object_get(s, "visits"), i, v)
	{
		char *n = xasprintf("%lld",
		    (long long)json_integer_value(
		        json_object_get(v, "assigned")));
		const char *note = json_is_true(json_object_get(v, "cancelled"))
		    ? _("cancelled")
		    : json_is_true(json_object_get(v, "edited")) ? _("edited")
		                                                 : "";
		const char *row[5] = {tsafe(api_str(v, "slot")),
		    tsafe(api_str(v, "start")), tsafe(api_str(v, "end")), n,
		    note};
		table_add(t, row);
		free(n);
	}
	table_print(t, stdout);
	table_free(t);
	print_skipped(s, stdout);
}

/* What a write did, in one line on stderr (stdout stays for ids). */
static void
print_changes(const json_t *out)
{
	const json_t *c = json_object_get(out, "changes");
	struct sbuf b = {0};
	size_t made, cancelled;

	if (!json_is_object(c))
		return;
	made = json_array_size(json_object_get(c, "slots_created"));
	cancelled =
	    json_array_size(json_object_get(c, "assignments_cancelled"));
	/* One line in parts, each part with its own plural. */
	sbuf_addf(&b, P_("%zu visit made", "%zu visits made", made), made);
	sbuf_addf(&b, _(", %zu changed"),
	    json_array_size(json_object_get(c, "slots_changed")));
	sbuf_addf(&b, _(", %zu removed"),
	    json_array_size(json_object_get(c, "slots_deleted")));
	sbuf_addf(&b, _(", %zu left as edited by hand"),
	    json_array_size(json_object_get(c, "kept_edited")));
	sbuf_addf(&b,
	    P_(", %zu assignment cancelled", ", %zu assignments cancelled",
	        cancelled),
	    cancelled);
	rota_warnx("%s", b.s);
	free(b.s);
	if (json_array_size(json_object_get(out, "forced_violations")) > 0)
		rota_warnx(
		    "%s", _("stored with --force although it breaks rules"));
}

/* After a 409 for assigned visits: which visits of the series those are. */
static void
explain_assigned(const char *path)
{
	json_t *s = NULL;
	const json_t *v;
	size_t i, n = 0;

	if (api_call("GET", path, NULL, &s) != ROTA_EXIT_OK)
		return;
	json_array_foreach(json_object_get(s, "visits"), i, v)
	{
		if (json_integer_value(json_object_get(v, "assigned")) == 0)
			continue;
		if (n++ == 0)
			fputs(_("rota: visits of the series that youths are "
			        "assigned to:\n"),
			    stderr);
		fprintf(stderr, "  %s  %s\n", tsafe(api_str(v, "slot")),
		    tsafe(api_str(v, "start")));
	}
	if (n > 0)
		fputs(_("rota: nothing was changed; --confirm moves them (or "
		        "cancels them where a visit goes)\n"),
		    stderr);
	json_decref(s);
}

int
cmd_series(int argc, char **argv)
{
	json_t *body = json_object(), *out = NULL;
	const char *action, *home = NULL, *from = NULL, *at = NULL;
	const char *scope = "all";
	bool json = false, force = false, confirm = false;
	char *path = NULL, *esc = NULL, *base = NULL;
	int ch, rc = ROTA_EXIT_OK, nargs;

	if (argc < 2) {
		json_decref(body);
		return usage(false);
	}
	action = argv[1];
	if (strcmp(action, "--help") == 0 || strcmp(action, "-h") == 0 ||
	    strcmp(action, "help") == 0) {
		json_decref(body);
		return usage(true);
	}
	argv[1] = argv[0]; /* "rota", for getopt's messages */
	optind = 0;
	while ((ch = getopt_long(argc - 1, argv + 1, "jfh", options, NULL)) !=
	    -1) {
		if (ch == OPT_HOME && strcmp(action, "list") == 0) {
			home = optarg;
		} else if (ch >= OPT_ID && ch <= OPT_HOLIDAYS) {
			if (apply(body, ch, optarg) == -1) {
				rc = ROTA_EXIT_USAGE;
				goto done;
			}
		} else if (ch == OPT_THIS || ch == OPT_FOLLOWING) {
			scope = ch == OPT_THIS ? "this" : "following";
			at = optarg;
		} else if (ch == OPT_FROM) {
			from = optarg;
		} else if (ch == OPT_CONFIRM) {
			confirm = true;
		} else if (ch == 'j') {
			json = true;
		} else if (ch == 'f') {
			force = true;
		} else if (ch == 'h') {
			rc = usage(true);
			goto done;
		} else {
			rc = usage(false);
			goto done;
		}
	}
	nargs = argc - 1 - optind;
	argv += 1 + optind;
	if (strcmp(action, "list") == 0 && nargs == 0) {
		if (home != NULL) {
			esc = net_escape_dup(home);
			path = xasprintf("%s?home=%s", API_SERIES, esc);
		} else {
			path = xstrdup(API_SERIES);
		}
		if ((rc = api_call("GET", path, NULL, &out)) == ROTA_EXIT_OK) {
			if (json)
				api_print_json(
				    json_object_get(out, "series"), stdout);
			else
				print_list(json_object_get(out, "series"));
		}
	} else if (strcmp(action, "add") == 0 && nargs == 0) {
		path = xasprintf(
		    "%s%s", API_SERIES, force ? "?" API_FORCE_QUERY : "");
		if ((rc = api_call("POST", path, body, &out)) == ROTA_EXIT_OK) {
			if (json) {
				api_print_json(out, stdout);
			} else {
				printf("%s\n", tsafe(api_str(out, "id")));
				print_changes(out);
				print_skipped(out, stderr);
			}
		}
	} else if (nargs == 1 &&
	    (strcmp(action, "show") == 0 || strcmp(action, "edit") == 0 ||
	        strcmp(action, "rm") == 0)) {
		esc = net_escape_dup(argv[0]);
		base = xasprintf("%s/%s", API_SERIES, esc);
		if (action[0] == 's') {
			rc = api_call("GET", base, NULL, &out);
			if (rc == ROTA_EXIT_OK && json)
				api_print_json(out, stdout);
			else if (rc == ROTA_EXIT_OK)
				print_series(out);
		} else if (action[0] == 'r') {
			char *f = from ? net_escape_dup(from) : NULL;
			path = xasprintf(
			    "%s%s%s", base, f ? "?from=" : "", f ? f : "");
			free(f);
			rc = api_call("DELETE", path, NULL, &out);
			if (rc == ROTA_EXIT_OK && json)
				api_print_json(out, stdout);
			else if (rc == ROTA_EXIT_OK)
				print_changes(out);
		} else if (json_object_size(body) == 0) {
			rota_warnx("%s",
			    _("edit: give at least one field to change "
			      "(see 'rota series --help')"));
			rc = ROTA_EXIT_USAGE;
		} else {
			char *a = at ? net_escape_dup(at) : NULL;
			path = xasprintf("%s?scope=%s%s%s%s%s", base, scope,
			    a ? "&from=" : "", a ? a : "",
			    confirm ? "&confirm=true" : "",
			    force ? "&" API_FORCE_QUERY : "");
			free(a);
			rc = api_call("PATCH", path, body, &out);
			if (rc == ROTA_EXIT_OK && json)
				api_print_json(out, stdout);
			else if (rc == ROTA_EXIT_OK)
				print_changes(out);
			else if (rc == ROTA_EXIT_SERVER &&
			    api_last_status() == 409)
				explain_assigned(base);
		}
	} else {
		rc = usage(false);
	}
done:
	json_decref(out);
	json_decref(body);
	free(esc);
	free(base);
	free(path);
	return rc;
}
