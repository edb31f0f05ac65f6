/* SPDX-License-Identifier: ISC */
/*
 * This file contains the planning panels of issue 19 on the command line:
 * `rota candidates SLOT` (who can take a visit, the server's ranking and
 * every reason for the others) and `rota limits YOUTH` (the youth's legal
 * caps on some dates against the minutes used).  The server decides
 * everything; this file only asks and prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_paths.h"
#include "rota.h"
#include "sbuf.h"

#define CANDIDATES_USAGE "candidates SLOT [--eligible] [--json]"
#define CANDIDATES_HELP                                                         \
	"Lists who can take the visit SLOT: the youths who may legally\n"       \
	"take it first, ranked as the solver would pick them (RANK 1 first),\n" \
	"then the others, each with every reason (rule and message).\n\n"       \
	"  -e, --eligible    only the youths who can take it\n"                 \
	"  -j, --json        print the server's list as JSON\n"
#define LIMITS_USAGE "limits YOUTH [--from DATE] [--to DATE] [--json]"
#define LIMITS_HELP                                                            \
	"Prints every legal cap that applies to YOUTH per day and per week\n"  \
	"from DATE to DATE (default: this week), with the time used\n"         \
	"(assignments and other work) and what is left.\n\n"                   \
	"  -f, --from DATE   first day (YYYY-MM-DD)\n"                         \
	"  -t, --to DATE     last day (YYYY-MM-DD)\n"                          \
	"  -j, --json        print the server's answer as JSON\n"

/* "h:mm" of minutes (negative: "-h:mm"). */
static void
hm(json_int_t minutes, char buf[32])
{
	json_int_t m = minutes < 0 ? -minutes : minutes;

	snprintf(buf, 32, "%s%lld:%02lld", minutes < 0 ? "-" : "",
	    (long long)(m / 60), (long long)(m % 60));
}

/* Every reason of a candidate in one cell: "message (RULE); ...". */
static char *
reasons_dup(const json_t *reasons)
{
	struct sbuf b = {0};
	size_t i;
	json_t *r;

	json_array_foreach(reasons, i, r)
	{
		sbuf_addf(&b, "%s%s (%s)", i ? "; " : "", api_str(r, "message"),
		    api_str(r, "rule"));
	}
	return sbuf_take(&b);
}

int
cmd_candidates(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"eligible", no_argument, NULL, 'e'},
	    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	bool json = false, eligible = false;
	json_t *items = NULL, *c;
	char *esc, *path;
	int ch, rc;
	size_t i;

	while ((ch = getopt_long(argc, argv, "ejh", opts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			eligible = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			return rota_usage(
			    CANDIDATES_USAGE, CANDIDATES_HELP, true);
		default:
			return rota_usage(CANDIDATES_USAGE, NULL, false);
		}
	}
	if (argc - optind != 1)
		return rota_usage(CANDIDATES_USAGE, NULL, false);
	esc = net_escape_dup(argv[optind]);
	path = xasprintf(API_SLOTS "/%s" API_CAND_SUFFIX "%s", esc,
	    eligible ? "?eligible=true" : "");
	free(esc);
	rc = api_list_all(path, API_CAND_KEY, &items);
	free(path);
	if (rc != ROTA_EXIT_OK)
		return rc;
	if (json) {
		api_print_json(items, stdout);
	} else {
		const char *h[] = {
		    "RANK", "YOUTH", "NAME", "AGE", "ELIGIBLE", "REASONS"};
		struct table *t = table_new(6, h);
		json_array_foreach(items, i, c)
		{
			json_t *rank = json_object_get(c, "rank");
			char r[32], age[32], *why;
			const char *row[6];
			snprintf(r, sizeof(r), "%lld",
			    (long long)json_integer_value(rank));
			snprintf(age, sizeof(age), "%lld",
			    (long long)json_integer_value(
			        json_object_get(c, "age")));
			why = reasons_dup(json_object_get(c, "reasons"));
			row[0] = json_is_integer(rank) ? r : "-";
			row[1] = api_str(c, "youth");
			row[2] = api_str(c, "name");
			row[3] = age;
			row[4] = json_is_true(json_object_get(c, "eligible"))
			    ? "yes"
			    : json_is_true(json_object_get(c, "assigned"))
			    ? "assigned"
			    : "no";
			row[5] = why;
			table_add(t, row);
			free(why);
		}
		table_print(t, stdout);
		table_free(t);
	}
	json_decref(items);
	return ROTA_EXIT_OK;
}

int
cmd_limits(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	const char *from = NULL, *to = NULL;
	bool json = false;
	json_t *out = NULL, *limits, *l;
	struct sbuf q = {0};
	char *esc, *path;
	int32_t day;
	int ch, rc;
	size_t i;

	while ((ch = getopt_long(argc, argv, "f:t:jh", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			return rota_usage(LIMITS_USAGE, LIMITS_HELP, true);
		default:
			return rota_usage(LIMITS_USAGE, NULL, false);
		}
	}
	if (argc - optind != 1)
		return rota_usage(LIMITS_USAGE, NULL, false);
	if ((from && util_parse_date(from, &day) == -1) ||
	    (to && util_parse_date(to, &day) == -1)) {
		rota_warnx("'%s' is not a date (YYYY-MM-DD)",
		    from && util_parse_date(from, &day) == -1 ? from : to);
		return ROTA_EXIT_USAGE;
	}
	if (from)
		sbuf_addf(&q, "?from=%s", from);
	if (to)
		sbuf_addf(&q, "%sto=%s", from ? "&" : "?", to);
	esc = net_escape_dup(argv[optind]);
	path = xasprintf(
	    API_YOUTHS "/%s" API_LIMITS_SUFFIX "%s", esc, q.s ? q.s : "");
	free(esc);
	sbuf_release(&q);
	rc = api_call("GET", path, NULL, &out);
	free(path);
	if (rc != ROTA_EXIT_OK)
		return rc;
	limits = json_object_get(out, "limits");
	if (json) {
		api_print_json(out, stdout);
	} else if (!json_is_array(limits)) {
		rota_warnx("the answer has no limits list");
		rc = ROTA_EXIT_SERVER;
	} else {
		const char *h[] = {
		    "PERIOD", "RULE", "LIMIT", "USED", "CAP", "LEFT"};
		struct table *t = table_new(6, h);
		json_array_foreach(limits, i, l)
		{
			json_int_t used =
			    json_integer_value(json_object_get(l, "minutes"));
			json_int_t cap =
			    json_integer_value(json_object_get(l, "cap"));
			char per[48], u[32], c[32], left[32];
			const char *row[6];
			snprintf(per, sizeof(per), "%s%s",
			    strcmp(api_str(l, "per"), "week") == 0 ? "week "
			                                           : "",
			    api_str(l, "period"));
			hm(used, u);
			hm(cap, c);
			hm(cap - used, left);
			row[0] = per;
			row[1] = api_str(l, "rule");
			row[2] = api_str(l, "name");
			row[3] = u;
			row[4] = c;
			row[5] = left;
			table_add(t, row);
		}
		table_print(t, stdout);
		table_free(t);
	}
	json_decref(out);
	return rc;
}
