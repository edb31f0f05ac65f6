/* SPDX-License-Identifier: ISC */
/*
 * This file contains `rota publish` (issue 16, draft and publish): the
 * preview of a publish (GET /api/v1/publish/preview), who will be told
 * what, then the publish of exactly that preview (POST /api/v1/publish
 * with its preview_version).  The server decides everything; this file
 * asks, prints and sends the version back.  A publish whose preview is
 * outdated (409) publishes nothing and exits with ROTA_EXIT_CHANGED.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_paths.h"
#include "rota.h"
#include "sbuf.h"

#define PUBLISH_USAGE                                                          \
	"publish [--from DATE] [--to DATE] [--home ID]... [--dry-run] "        \
	"[--preview V] [--json]"
#define PUBLISH_HELP                                                            \
	_("Publishes the drafts (changed, added and cancelled visits and\n"     \
	  "assignments) of the visits that start from DATE to DATE (default:\n" \
	  "all dates) at the homes given (default: every home you plan).\n"     \
	  "It first shows the preview: per youth and per home who will be\n"    \
	  "told what; then publishes exactly that preview.  When the visits\n"  \
	  "changed meanwhile nothing is published (exit status 4).\n\n"         \
	  "  -f, --from DATE    first day (YYYY-MM-DD)\n"                       \
	  "  -t, --to DATE      last day (YYYY-MM-DD)\n"                        \
	  "  -H, --home ID      only this home (may be repeated)\n"             \
	  "  -n, --dry-run      show the preview and its version only\n"        \
	  "  -p, --preview V    publish only if the preview is still V\n"       \
	  "  -j, --json         print the server's answers as JSON\n")

/* "YYYY-MM-DD HH:MM-HH:MM" (the end's date too when it differs). */
static void
when_text(const json_t *v, char *buf, size_t len)
{
	const char *s = api_str(v, "start"), *e = api_str(v, "end");

	if (strlen(s) >= 16 && strlen(e) >= 16 && strncmp(s, e, 10) == 0)
		snprintf(buf, len, "%.10s %.5s-%.5s", s, s + 11, e + 11);
	else if (strlen(s) >= 16 && strlen(e) >= 16)
		snprintf(
		    buf, len, "%.10s %.5s - %.10s %.5s", s, s + 11, e, e + 11);
	else
		snprintf(buf, len, "%s - %s", s, e);
}

/* "2026-12-12 11:00-13:00 solheim (Quiz)" */
static void
print_visit(const json_t *v)
{
	char when[64];
	const char *act = api_str(v, "activity");

	when_text(v, when, sizeof(when));
	printf("%s %s", when, tsafe(api_str(v, "home")));
	if (act[0] != '\0')
		printf(" (%s)", tsafe(act));
}

/* The changes of one youth or home, a line each; how many. */
static size_t
print_subject(const json_t *s)
{
	/* The answer's keys, and what a reader is told. */
	static const char *const kinds[] = {
	    "added", "moved", "cancelled", "changed"};
	const char *words[] = {
	    _("new"), _("moved"), _("cancelled"), _("changed")};
	size_t n = 0, i;
	json_t *e;

	printf(
	    "  %s (%s)\n", tsafe(api_str(s, "name")), tsafe(api_str(s, "id")));
	for (size_t k = 0; k < 4; k++) {
		json_array_foreach(json_object_get(s, kinds[k]), i, e)
		{
			printf("    %-10s ", words[k]);
			if (k == 1 || k == 3) {
				print_visit(json_object_get(e, "from"));
				fputs(" -> ", stdout);
				print_visit(json_object_get(e, "to"));
			} else {
				print_visit(e);
			}
			putchar('\n');
			n++;
		}
	}
	return n;
}

static void
print_preview(const json_t *p)
{
	const json_t *youths = json_object_get(p, "youths");
	const json_t *homes = json_object_get(p, "homes");
	size_t i;
	json_t *s;

	if (json_array_size(youths) > 0) {
		printf("%s\n", _("Youths who will be told:"));
		json_array_foreach(youths, i, s) print_subject(s);
	}
	if (json_array_size(homes) > 0) {
		printf("%s\n", _("Homes whose feed and week page change:"));
		json_array_foreach(homes, i, s) print_subject(s);
	}
}

/* The query of the preview and the body of the publish. */
static void
range_of(const char *from, const char *to, char **homes, size_t nhomes,
    struct sbuf *query, json_t *body)
{
	char *esc;

	sbuf_addf(query, "%s", API_PUBLISH_PREVIEW);
	if (from) {
		sbuf_addf(query, "?from=%s", from);
		json_object_set_new(body, "from", json_string(from));
	}
	if (to) {
		sbuf_addf(query, "%sto=%s", from ? "&" : "?", to);
		json_object_set_new(body, "to", json_string(to));
	}
	if (nhomes > 0) {
		json_t *a = json_array();
		sbuf_addf(query, "%shome=", from || to ? "&" : "?");
		for (size_t i = 0; i < nhomes; i++) {
			esc = net_escape_dup(homes[i]);
			sbuf_addf(query, "%s%s", i ? "," : "", esc);
			free(esc);
			json_array_append_new(a, json_string(homes[i]));
		}
		json_object_set_new(body, "homes", a);
	}
}

int
cmd_publish(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"home", required_argument, NULL, 'H'},
	    {"dry-run", no_argument, NULL, 'n'},
	    {"preview", required_argument, NULL, 'p'},
	    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	const char *from = NULL, *to = NULL, *want = NULL, *version;
	bool json = false, dry = false;
	char **homes = NULL;
	size_t nhomes = 0;
	json_t *preview = NULL, *done = NULL, *body;
	struct sbuf query = {0};
	int32_t day;
	int ch, rc;

	while (
	    (ch = getopt_long(argc, argv, "f:t:H:np:jh", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'H':
			homes =
			    xreallocarray(homes, nhomes + 1, sizeof(*homes));
			homes[nhomes++] = optarg;
			break;
		case 'n':
			dry = true;
			break;
		case 'p':
			want = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			free(homes);
			return rota_usage(PUBLISH_USAGE, PUBLISH_HELP, true);
		default:
			free(homes);
			return rota_usage(PUBLISH_USAGE, NULL, false);
		}
	}
	if (argc - optind != 0) {
		free(homes);
		return rota_usage(PUBLISH_USAGE, NULL, false);
	}
	if ((from && util_parse_date(from, &day) == -1) ||
	    (to && util_parse_date(to, &day) == -1)) {
		rota_warnx(_("'%s' is not a date (YYYY-MM-DD)"),
		    from && util_parse_date(from, &day) == -1 ? from : to);
		free(homes);
		return ROTA_EXIT_USAGE;
	}
	body = json_object();
	range_of(from, to, homes, nhomes, &query, body);
	free(homes);
	rc = api_call("GET", query.s, NULL, &preview);
	sbuf_release(&query);
	if (rc != ROTA_EXIT_OK)
		goto out;
	version = api_str(preview, "preview_version");
	if (!json_is_true(json_object_get(preview, "manual"))) {
		if (json)
			api_print_json(preview, stdout);
		else
			printf("%s\n",
			    _("Publishing is immediate (the setting "
			      "options.publish): every change is published "
			      "already."));
		goto out;
	}
	if (json && (dry || want == NULL))
		api_print_json(preview, stdout);
	else if (!json)
		print_preview(preview);
	if (want != NULL && strcmp(want, version) != 0) {
		rota_warnx(_("the visits changed since the preview %s (it is "
		             "%s now); nothing was published"),
		    tsafe(want), version);
		fputs(_("rota: run 'rota publish --dry-run' to see the new "
		        "preview\n"),
		    stderr);
		rc = ROTA_EXIT_CHANGED;
		goto out;
	}
	if (json_integer_value(json_object_get(preview, "slots")) == 0) {
		if (!json)
			printf("%s\n", _("Nothing to publish."));
		goto out;
	}
	if (dry) {
		if (!json) {
			printf(P_("%lld visit to publish; preview %s.\n",
			           "%lld visits to publish; preview %s.\n",
			           json_integer_value(
			               json_object_get(preview, "slots"))),
			    (long long)json_integer_value(
			        json_object_get(preview, "slots")),
			    version);
			printf(_("Publish exactly this with: rota publish "
			         "--preview %s (and the same range)\n"),
			    version);
		}
		goto out;
	}
	json_object_set_new(body, "preview_version", json_string(version));
	rc = api_call("POST", API_PUBLISH, body, &done);
	if (rc != ROTA_EXIT_OK && api_last_status() == 409) {
		fputs(_("rota: nothing was published; run 'rota publish "
		        "--dry-run' to see the new preview\n"),
		    stderr);
		rc = ROTA_EXIT_CHANGED;
	} else if (rc == ROTA_EXIT_OK && json) {
		api_print_json(done, stdout);
	} else if (rc == ROTA_EXIT_OK) {
		json_int_t n =
		    json_integer_value(json_object_get(done, "slots"));
		printf(P_("Published %lld visit.\n", "Published %lld visits.\n",
		           n),
		    (long long)n);
	}
out:
	json_decref(body);
	json_decref(preview);
	json_decref(done);
	return rc;
}
