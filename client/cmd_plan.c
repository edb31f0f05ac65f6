/* SPDX-License-Identifier: ISC */
/*
 * This file contains the coordinator's planning subcommands: assign,
 * unassign, cancel, schedule, violations and hours (worked hours per
 * youth in a month, the basis for pay, computed in real elapsed time in
 * the instance's time zone).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_paths.h"
#include "rota.h"

#define ASSIGN_USAGE "assign SLOT YOUTH [--force [--reason TEXT]] [--json]"
#define ASSIGN_HELP                                                             \
	_("Puts YOUTH on SLOT (a pinned assignment) and prints its id.  A\n"    \
	  "change that breaks a labour-law or planning rule is refused with\n"  \
	  "the list of violations (exit status 3).\n\n"                         \
	  "  -f, --force       store it anyway (the violations are recorded)\n" \
	  "  -R, --reason TEXT why you force it (kept in the audit log)\n"      \
	  "  -j, --json        print the stored assignment as JSON\n")
#define UNASSIGN_USAGE "unassign ASSIGNMENT [--force [--reason TEXT]]"
#define UNASSIGN_HELP                                                          \
	_("Deletes an assignment (a planning mistake; for a sick call use\n"   \
	  "'rota cancel', which keeps it in the feeds as cancelled).\n\n"      \
	  "  -f, --force       delete it even when that breaks a rule\n"       \
	  "  -R, --reason TEXT why you force it (kept in the audit log)\n")
#define CANCEL_USAGE "cancel ASSIGNMENT [--refill] [--json]"
#define CANCEL_HELP                                                               \
	_("Cancels an assignment: the youth is not coming.  The feeds show the\n" \
	  "shift as cancelled.\n\n"                                               \
	  "  -r, --refill      ask the server to find a replacement\n"            \
	  "  -j, --json        print the server's answer as JSON\n")
#define SCHEDULE_USAGE                                                         \
	"schedule --from DATE --to DATE [--dry-run] [--replan] [--seconds N] " \
	"[--home ID] [--json] | schedule --apply RUN [--json]"
#define SCHEDULE_HELP                                                            \
	_("Asks the server's solver to fill the open positions of the slots\n"   \
	  "from DATE to DATE and prints what it assigned, what it removed and\n" \
	  "which slots stay open, and why.\n\n"                                  \
	  "  -n, --dry-run     show the plan without storing it; the server\n"   \
	  "                    keeps it for 15 minutes as a run\n"               \
	  "  -a, --apply RUN   store exactly the plan of that dry run, if\n"     \
	  "                    nothing changed since\n"                          \
	  "  -H, --home ID     plan only this home\n"                            \
	  "  -r, --replan      also move assignments the solver made earlier\n"  \
	  "  -s, --seconds N   the solver's time budget\n"                       \
	  "  -j, --json        print the server's answer as JSON\n")
#define VIOLATIONS_USAGE "violations [--from DATE] [--to DATE] [--json]"
#define VIOLATIONS_HELP                                                         \
	_("Lists every rule violation in the stored schedule (for example\n"    \
	  "forced changes): rule, youth, day or week, slots, message and the\n" \
	  "legal reference.  Prints nothing when there is none.\n")
#define HOURS_USAGE "hours --month YYYY-MM [--csv | --json]"
#define HOURS_HELP                                                                \
	_("Prints each youth's hours in a month (visits that start in it):\n"     \
	  "WORKED the visits that have ended, PLANNED the rest, in real\n"        \
	  "elapsed time (a shift over a summer-time change is an hour shorter\n"  \
	  "or longer), and the hours purged youths left, per home, unnamed.\n\n"  \
	  "  -m, --month YYYY-MM  the month\n"                                    \
	  "  -c, --csv            print CSV (youth,name,worked_shifts,\n"         \
	  "                       worked_minutes,worked_hours,planned_shifts,\n"  \
	  "                       planned_minutes,planned_hours; quoted cells,\n" \
	  "                       never a formula)\n"                             \
	  "  -j, --json           print the server's answer (GET /api/v1/hours)\n")

static const struct option force_json_opts[] = {
    {"force", no_argument, NULL, 'f'},
    {"json", no_argument, NULL, 'j'},
    {"refill", no_argument, NULL, 'r'},
    {"reason", required_argument, NULL, 'R'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/*
 * Parses --force/--json/--refill/--reason/--help for the small commands;
 * reason is NULL for a command without --reason.  Returns true to go on;
 * false with *rc set when the command is done (help, or a usage error).
 */
static bool
small_opts(int argc, char **argv, const char *shorts, const char *usage,
    const char *help, int nargs, bool *force, bool *json, const char **reason,
    int *rc)
{
	int ch;

	while ((ch = getopt_long(argc, argv, shorts, force_json_opts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'f':
		case 'r':
			*force = true;
			break;
		case 'R':
			if (reason == NULL) {
				*rc = rota_usage(usage, NULL, false);
				return false;
			}
			*reason = optarg;
			break;
		case 'j':
			*json = true;
			break;
		case 'h':
			*rc = rota_usage(usage, help, true);
			return false;
		default:
			*rc = rota_usage(usage, NULL, false);
			return false;
		}
	}
	if (argc - optind != nargs) {
		*rc = rota_usage(usage, NULL, false);
		return false;
	}
	if (reason != NULL && *reason != NULL && !*force) {
		rota_warnx(_("--reason goes with --force"));
		*rc = rota_usage(usage, NULL, false);
		return false;
	}
	return true;
}

/*
 * The query of a gated change: "", "?force=true" or
 * "?force=true&reason=TEXT" (escaped).  Returns a new string.
 */
static char *
force_query(bool force, const char *reason)
{
	char *e, *q;

	if (!force)
		return xstrdup("");
	if (reason == NULL || reason[0] == '\0')
		return xstrdup("?" API_FORCE_QUERY);
	e = net_escape_dup(reason);
	q = xasprintf("?" API_FORCE_QUERY "&" API_REASON_QUERY "%s", e);
	free(e);
	return q;
}

int
cmd_assign(int argc, char **argv)
{
	bool force = false, json = false;
	const char *reason = NULL;
	json_t *out = NULL, *body;
	char *path, *q;
	int rc;

	if (!small_opts(argc, argv, "fjhR:", ASSIGN_USAGE, ASSIGN_HELP, 2,
	        &force, &json, &reason, &rc))
		return rc;
	body = json_pack(
	    "{s:s, s:s}", "slot", argv[optind], "youth", argv[optind + 1]);
	q = force_query(force, reason);
	path = xasprintf(API_ASSIGNMENTS "%s", q);
	free(q);
	rc = api_call("POST", path, body, &out);
	free(path);
	if (rc == ROTA_EXIT_OK) {
		const json_t *v = json_object_get(out, "forced_violations");
		char *e = net_escape_dup(argv[optind]);
		char *slot = xasprintf(API_SLOTS "/%s", e);
		/* The slot's "assigned" changed: our own change, not news. */
		version_forget(slot);
		free(slot);
		free(e);
		if (json_array_size(v) > 0) {
			rota_warnx(
			    P_("stored with %zu rule violation (forced):",
			        "stored with %zu rule violations "
			        "(forced):",
			        json_array_size(v)),
			    json_array_size(v));
			api_print_violations(v, stderr);
		}
		if (json)
			api_print_json(out, stdout);
		else
			printf("%s\n", tsafe(api_str(out, "id")));
	}
	json_decref(body);
	json_decref(out);
	return rc;
}

int
cmd_unassign(int argc, char **argv)
{
	bool force = false, json = false;
	const char *reason = NULL;
	char *esc, *path, *entity, *q;
	int rc;

	if (!small_opts(argc, argv, "fhR:", UNASSIGN_USAGE, UNASSIGN_HELP, 1,
	        &force, &json, &reason, &rc))
		return rc;
	esc = net_escape_dup(argv[optind]);
	entity = xasprintf(API_ASSIGNMENTS "/%s", esc);
	q = force_query(force, reason);
	path = xasprintf(API_ASSIGNMENTS "/%s%s", esc, q);
	free(q);
	rc = api_change(
	    "DELETE", entity, path, NULL, _("assignment"), argv[optind], NULL);
	free(esc);
	free(entity);
	free(path);
	return rc;
}

int
cmd_cancel(int argc, char **argv)
{
	bool refill = false, json = false;
	json_t *body = NULL, *out = NULL;
	char *esc, *path, *entity;
	int rc;

	if (!small_opts(argc, argv, "rjh", CANCEL_USAGE, CANCEL_HELP, 1,
	        &refill, &json, NULL, &rc))
		return rc;
	esc = net_escape_dup(argv[optind]);
	entity = xasprintf(API_ASSIGNMENTS "/%s", esc);
	path = xasprintf(API_ASSIGNMENTS "/%s" API_CANCEL_SUFFIX, esc);
	if (refill)
		body = json_pack("{s:b}", "refill", 1);
	rc = api_change(
	    "POST", entity, path, body, _("assignment"), argv[optind], &out);
	if (rc == ROTA_EXIT_OK && json && out != NULL) {
		api_print_json(out, stdout);
	} else if (rc == ROTA_EXIT_OK && refill && out != NULL) {
		/* Say who takes over, or why nobody can. */
		const json_t *r = json_object_get(out, "replacement");
		if (json_is_object(r))
			printf(_("replaced by %s (assignment %s)\n"),
			    tsafe(api_str(r, "youth")),
			    tsafe(api_str(r, "id")));
		else
			printf(_("no replacement: %s\n"),
			    api_str(out, "refill_reason")[0]
			        ? tsafe(api_str(out, "refill_reason"))
			        : _("none found"));
	}
	json_decref(body);
	json_decref(out);
	free(entity);
	free(esc);
	free(path);
	return rc;
}

/* Reads --from/--to into `q` ("?from=..&to=.."); an exit status. */
static int
date_arg(const char *flag, const char *v, struct sbuf *q)
{
	int32_t d;

	if (util_parse_date(v, &d) == -1) {
		rota_warnx(_("--%s: '%s' is not a date (YYYY-MM-DD)"), flag, v);
		return ROTA_EXIT_USAGE;
	}
	sbuf_addf(q, "%c%s=%s", q->len ? '&' : '?', flag, v);
	return ROTA_EXIT_OK;
}

static void
print_schedule(const json_t *out, bool dry, bool applied)
{
	const json_t *a = json_object_get(out, "assigned");
	const json_t *r = json_object_get(out, "removed");
	const json_t *u = json_object_get(out, "unfilled");
	const json_t *p = json_object_get(out, "period");
	size_t i;
	json_t *x;

	if (json_array_size(a) > 0 || json_array_size(r) > 0) {
		const char *h[] = {_("ID"), _("SLOT"), _("YOUTH"), _("CHANGE")};
		struct table *t = table_new(4, h);
		json_array_foreach(a, i, x)
		{
			const char *row[] = {api_str(x, "id"),
			    api_str(x, "slot"), api_str(x, "youth"),
			    _("assigned")};
			table_add(t, row);
		}
		json_array_foreach(r, i, x)
		{
			const char *row[] = {api_str(x, "id"),
			    api_str(x, "slot"), api_str(x, "youth"),
			    _("removed")};
			table_add(t, row);
		}
		table_print(t, stdout);
		table_free(t);
	}
	if (json_array_size(u) > 0) {
		const char *h[] = {_("OPEN SLOT"), _("MISSING"), _("REASON")};
		struct table *t = table_new(3, h);
		char n[32];
		if (json_array_size(a) > 0 || json_array_size(r) > 0)
			putchar('\n');
		json_array_foreach(u, i, x)
		{
			snprintf(n, sizeof(n), "%lld",
			    (long long)json_integer_value(
			        json_object_get(x, "missing")));
			const char *row[] = {
			    api_str(x, "slot"), n, api_str(x, "reason")};
			table_add(t, row);
		}
		table_print(t, stdout);
		table_free(t);
	}
	{
		char *from = lang_date_text_dup(api_str(out, "from"), 0);
		char *to = lang_date_text_dup(api_str(out, "to"), 0);
		if (dry && api_str(out, "run")[0] != '\0')
			printf(_("to store exactly this plan (within 15 "
			         "minutes): rota schedule --apply %s\n"),
			    tsafe(api_str(out, "run")));
		if (applied) {
			printf(_("stored the previewed plan: %zu assigned, %zu "
			         "removed from %s to %s\n"),
			    json_array_size(a), json_array_size(r), tsafe(from),
			    tsafe(to));
			free(from);
			free(to);
			return;
		}
		if (dry)
			fputs(_("dry run, nothing stored: "), stdout);
		printf(_("%zu assigned, %zu removed; %lld of %lld positions "
		         "filled from %s to %s\n"),
		    json_array_size(a), json_array_size(r),
		    (long long)json_integer_value(json_object_get(p, "filled")),
		    (long long)json_integer_value(
		        json_object_get(p, "positions")),
		    tsafe(from), tsafe(to));
		free(from);
		free(to);
	}
}

int
cmd_schedule(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'F'},
	    {"to", required_argument, NULL, 'T'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"replan", no_argument, NULL, 'r'},
	    {"seconds", required_argument, NULL, 's'},
	    {"apply", required_argument, NULL, 'a'},
	    {"home", required_argument, NULL, 'H'},
	    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	const char *from = NULL, *to = NULL, *apply = NULL, *home = NULL;
	bool dry = false, json = false, replan = false;
	json_t *body, *out = NULL;
	long seconds = -1;
	int32_t d;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "nrs:a:H:jh", opts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			apply = optarg;
			break;
		case 'H':
			home = optarg;
			break;
		case 'F':
			from = optarg;
			break;
		case 'T':
			to = optarg;
			break;
		case 'n':
			dry = true;
			break;
		case 'r':
			replan = true;
			break;
		case 's':
			if (util_parse_long(optarg, 0, 3600, &seconds) == -1) {
				rota_warnx(
				    _("--seconds: '%s' is not a number of "
				      "seconds (0 to 3600)"),
				    optarg);
				return ROTA_EXIT_USAGE;
			}
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			return rota_usage(SCHEDULE_USAGE, SCHEDULE_HELP, true);
		default:
			return rota_usage(SCHEDULE_USAGE, NULL, false);
		}
	}
	if (apply != NULL) {
		char path[128];

		if (argc != optind || from || to || dry || replan || home ||
		    seconds >= 0)
			return rota_usage(SCHEDULE_USAGE, NULL, false);
		if (apply[0] == '\0' || strlen(apply) > 64 ||
		    strspn(apply, "abcdefghijklmnopqrstuvwxyz0123456789") !=
		        strlen(apply)) {
			rota_warnx(_("--apply: '%s' is not a run id (the "
			             "'run' of a dry run)"),
			    apply);
			return ROTA_EXIT_USAGE;
		}
		snprintf(
		    path, sizeof(path), "%s/%s/apply", API_SCHEDULE, apply);
		rc = api_call("POST", path, NULL, &out);
		if (rc == ROTA_EXIT_OK && out != NULL) {
			if (json)
				api_print_json(out, stdout);
			else
				print_schedule(out, false, true);
		}
		json_decref(out);
		return rc;
	}
	if (argc != optind || from == NULL || to == NULL)
		return rota_usage(SCHEDULE_USAGE, NULL, false);
	if (util_parse_date(from, &d) == -1 || util_parse_date(to, &d) == -1) {
		rota_warnx(_("--from and --to are dates (YYYY-MM-DD)"));
		return ROTA_EXIT_USAGE;
	}
	body = json_pack(
	    "{s:s, s:s, s:b}", "from", from, "to", to, "dry_run", dry);
	if (replan)
		json_object_set_new(body, "replan", json_true());
	if (seconds >= 0)
		json_object_set_new(body, "seconds", json_integer(seconds));
	if (home != NULL)
		json_object_set_new(body, "home", json_string(home));
	rc = api_call_progress("POST", API_SCHEDULE, body, &out);
	if (rc == ROTA_EXIT_OK && out != NULL) {
		if (json || !json_is_array(json_object_get(out, "assigned")))
			api_print_json(out, stdout);
		else
			print_schedule(out, dry, false);
	}
	json_decref(body);
	json_decref(out);
	return rc;
}

int
cmd_violations(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'F'},
	    {"to", required_argument, NULL, 'T'},
	    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	struct sbuf q = {0};
	bool json = false;
	json_t *out = NULL;
	char *path;
	int ch, rc = ROTA_EXIT_OK;

	while ((ch = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (ch) {
		case 'F':
			rc = date_arg("from", optarg, &q);
			break;
		case 'T':
			rc = date_arg("to", optarg, &q);
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			sbuf_release(&q);
			return rota_usage(
			    VIOLATIONS_USAGE, VIOLATIONS_HELP, true);
		default:
			sbuf_release(&q);
			return rota_usage(VIOLATIONS_USAGE, NULL, false);
		}
		if (rc != ROTA_EXIT_OK) {
			sbuf_release(&q);
			return rc;
		}
	}
	if (argc != optind) {
		sbuf_release(&q);
		return rota_usage(VIOLATIONS_USAGE, NULL, false);
	}
	path = xasprintf(API_VIOLATIONS "%s", q.len ? q.s : "");
	if ((rc = api_call("GET", path, NULL, &out)) == ROTA_EXIT_OK) {
		if (json)
			api_print_json(
			    json_object_get(out, "violations"), stdout);
		else
			api_print_violations(
			    json_object_get(out, "violations"), stdout);
	}
	json_decref(out);
	free(path);
	sbuf_release(&q);
	return rc;
}

/* Minutes as hours in the reader's form ("2.5 h", "2,5 t"). */
static void
hm(json_int_t minutes, char buf[32])
{
	char *h = lang_hours_dup((long long)minutes);

	snprintf(buf, 32, "%s", h);
	free(h);
}

static json_int_t
tally(const json_t *row, const char *which, const char *what)
{
	return json_integer_value(
	    json_object_get(json_object_get(row, which), what));
}

/* One CSV line: youth, name, then shifts and minutes worked and planned. */
static void
hours_csv_row(const char *youth, const char *name, json_int_t ws, json_int_t wm,
    json_int_t ps, json_int_t pm)
{
	safe_csv_cell(youth, stdout);
	putchar(',');
	safe_csv_cell(name, stdout);
	printf(",%lld,%lld,%.2f,%lld,%lld,%.2f\n", (long long)ws, (long long)wm,
	    (double)wm / 60.0, (long long)ps, (long long)pm, (double)pm / 60.0);
}

int
cmd_hours(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"month", required_argument, NULL, 'm'},
	    {"csv", no_argument, NULL, 'c'}, {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	const char *month = NULL;
	bool csv = false, json = false;
	json_t *hours = NULL, *youths, *anon, *row;
	char first[11], *p;
	int32_t d0;
	int ch, rc;
	size_t i;

	while ((ch = getopt_long(argc, argv, "m:cjh", opts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			month = optarg;
			break;
		case 'c':
			csv = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			return rota_usage(HOURS_USAGE, HOURS_HELP, true);
		default:
			return rota_usage(HOURS_USAGE, NULL, false);
		}
	}
	if (argc != optind || month == NULL || (csv && json))
		return rota_usage(HOURS_USAGE, NULL, false);
	snprintf(first, sizeof(first), "%.7s-01", month);
	if (strlen(month) != 7 || util_parse_date(first, &d0) == -1) {
		rota_warnx(_("--month: '%s' is not a month (YYYY-MM)"), month);
		return ROTA_EXIT_USAGE;
	}
	/* The server counts: worked (ended) apart from planned, in real
	 * minutes, with the anonymous totals of purged youths. */
	p = xasprintf(API_HOURS "?month=%.7s", month);
	rc = api_call("GET", p, NULL, &hours);
	free(p);
	if (rc != 0)
		goto done;
	youths = json_object_get(hours, "youths");
	anon = json_object_get(hours, "anonymous");
	if (!json_is_array(youths) || !json_is_array(anon)) {
		rota_warnx("GET " API_HOURS ": the answer has no youths or "
		           "anonymous list");
		rc = ROTA_EXIT_SERVER;
		goto done;
	}
	if (json) {
		api_print_json(hours, stdout);
	} else if (csv) {
		/* The CSV's columns stay the same in every language. */
		puts("youth,name,worked_shifts,worked_minutes,worked_hours,"
		     "planned_shifts,planned_minutes,planned_hours");
		json_array_foreach(youths, i, row)
		{
			hours_csv_row(api_str(row, "youth"),
			    api_str(row, "name"),
			    tally(row, "worked", "shifts"),
			    tally(row, "worked", "minutes"),
			    tally(row, "planned", "shifts"),
			    tally(row, "planned", "minutes"));
		}
		/* Purged youths: worked hours only, per home, no name. */
		json_array_foreach(anon, i, row)
		{
			hours_csv_row("(purged)", api_str(row, "home"),
			    json_integer_value(json_object_get(row, "shifts")),
			    json_integer_value(json_object_get(row, "minutes")),
			    0, 0);
		}
	} else {
		const char *h[] = {_("YOUTH"), _("NAME"), _("SHIFTS"),
		    _("WORKED"), _("PLANNED")};
		struct table *t = table_new(5, h);
		char n[32], w[32], pl[32];
		json_t *tot = json_object_get(hours, "totals");
		json_int_t shifts = 0;
		json_array_foreach(youths, i, row)
		{
			json_int_t k = tally(row, "worked", "shifts") +
			    tally(row, "planned", "shifts");
			shifts += k;
			snprintf(n, sizeof(n), "%lld", (long long)k);
			hm(tally(row, "worked", "minutes"), w);
			hm(tally(row, "planned", "minutes"), pl);
			const char *cells[] = {api_str(row, "youth"),
			    api_str(row, "name"), n, w, pl};
			table_add(t, cells);
		}
		json_array_foreach(anon, i, row)
		{
			json_int_t k =
			    json_integer_value(json_object_get(row, "shifts"));
			char home[160];
			shifts += k;
			snprintf(n, sizeof(n), "%lld", (long long)k);
			snprintf(home, sizeof(home), _("home %s"),
			    api_str(row, "home"));
			hm(json_integer_value(json_object_get(row, "minutes")),
			    w);
			char zero[32];
			hm(0, zero);
			const char *cells[] = {_("(purged)"), home, n, w, zero};
			table_add(t, cells);
		}
		snprintf(n, sizeof(n), "%lld", (long long)shifts);
		hm(tally(tot, "worked", "minutes") +
		        tally(tot, "anonymous", "minutes"),
		    w);
		hm(tally(tot, "planned", "minutes"), pl);
		{
			const char *cells[] = {_("total"), "", n, w, pl};
			table_add(t, cells);
		}
		table_print(t, stdout);
		table_free(t);
	}
done:
	json_decref(hours);
	return rc;
}
