/* SPDX-License-Identifier: ISC */
/*
 * This file contains the feed holder's subcommands, "rota shifts" and
 * "rota next": fetch the feed link (conditionally, with the cached ETag),
 * fall back to the cached copy when the server cannot be reached, and
 * print the shifts in the local time zone as a table, JSON or one line.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rota.h"

#define SHIFTS_USAGE                                                           \
	"shifts [URL] [--from DATE] [--to DATE] [--json] [--save URL]"
#define SHIFTS_HELP                                                               \
	_("Fetches a feed link (https://, http:// or webcal://) and prints its\n" \
	  "shifts in the local time zone: date, time, home, activity, status.\n"  \
	  "Without URL, the link saved with --save is used.\n\n"                  \
	  "  -f, --from DATE   first day (YYYY-MM-DD; default today)\n"           \
	  "  -t, --to DATE     last day (default 14 days after --from)\n"         \
	  "  -j, --json        print JSON for scripts\n"                          \
	  "  -s, --save URL    remember URL as the feed link, then show it\n")
#define NEXT_USAGE "next [URL] [--json]"
#define NEXT_HELP                                                              \
	_("Prints the next shift that is not cancelled in one line (nothing\n" \
	  "when there is none), for a status bar or a widget.\n\n"             \
	  "  -j, --json        print JSON for scripts\n")

/* The feed URL to use (argument, else saved); a new string or NULL. */
static char *
feed_url_dup(const char *arg)
{
	struct rota_config c;
	char *url = NULL;

	if (arg != NULL)
		url = xstrdup(arg);
	else if (config_load(&c) == 0) {
		if (c.feed != NULL)
			url = xstrdup(c.feed);
		config_release(&c);
	}
	if (url == NULL) {
		rota_warnx(_("no feed link: give one, or save it once with "
		             "'rota shifts --save URL'"));
		return NULL;
	}
	if (strncmp(url, "webcal://", 9) == 0) {
		char *https = xasprintf("https://%s", url + 9);
		free(url);
		url = https;
	}
	if (strncmp(url, "https://", 8) != 0 &&
	    strncmp(url, "http://", 7) != 0) {
		/* Never echo the link: its path is the secret. */
		rota_warnx(
		    _("that is not a feed link (it starts with https://, "
		      "http:// or webcal://)"));
		free(url);
		return NULL;
	}
	return url;
}

/* The host part of a URL for messages (never the path: it is secret). */
static char *
url_host_dup(const char *url)
{
	const char *h = strstr(url, "://");

	h = h ? h + 3 : url;
	return xasprintf("%.*s", (int)strcspn(h, "/?#"), h);
}

/*
 * Fills `out` from the feed at url, or from the cache when the server
 * cannot be reached.  Returns an exit status.
 */
static int
feed_load(const char *url, struct shift_list *out)
{
	struct net_request rq = {0};
	struct net_response rs;
	char *cached = NULL, *etag = NULL, *host = url_host_dup(url);
	char err[256], why[600];
	size_t clen = 0;
	time_t checked = 0;
	int rc = ROTA_EXIT_OK;
	bool have_cache;

	have_cache = cache_read(url, &cached, &clen, &etag, &checked) == 0;
	rq.method = "GET";
	rq.url = url;
	rq.if_none_match = have_cache ? etag : NULL;
	if (net_perform(&rq, &rs) == -1) {
		snprintf(
		    why, sizeof(why), _("cannot reach %s: %s"), host, rs.error);
	} else if (rs.status == 304 && have_cache) {
		cache_touch(url);
		if (ics_parse(cached, out, err, sizeof(err)) == -1) {
			rota_warnx(_("the cached feed is damaged: %s"), err);
			rc = ROTA_EXIT_SERVER;
		}
		goto done;
	} else if (rs.status == 200) {
		if (ics_parse(rs.body, out, err, sizeof(err)) == -1) {
			rota_warnx("%s: %s", host, err);
			rc = ROTA_EXIT_SERVER;
		} else {
			cache_write(url, rs.body, rs.len, rs.etag);
		}
		goto done;
	} else if (rs.status == 404 || rs.status == 410) {
		rota_warnx(_("%s: this feed link %s (HTTP %ld); ask your "
		             "coordinator for a new one"),
		    host,
		    rs.status == 410 ? _("has been withdrawn")
		                     : _("is not known"),
		    rs.status);
		rc = ROTA_EXIT_SERVER;
		goto done;
	} else {
		snprintf(why, sizeof(why), _("%s answered HTTP %ld"), host,
		    rs.status);
	}
	/* The server could not give us the feed: the cached copy, if any. */
	if (!have_cache) {
		rota_warnx("%s", why);
		rc = ROTA_EXIT_USAGE;
	} else if (ics_parse(cached, out, err, sizeof(err)) == -1) {
		rota_warnx(
		    _("%s, and the cached feed is damaged: %s"), why, err);
		rc = ROTA_EXIT_USAGE;
	} else {
		char *age = util_age_dup(time(NULL) - checked);
		rota_warnx(
		    _("%s; showing the cached copy from %s ago"), why, age);
		free(age);
	}
done:
	net_response_release(&rs);
	free(cached);
	free(etag);
	free(host);
	return rc;
}

/* "2027-01-04T16:00:00+01:00" into buf. */
static void
format_iso(time_t t, char *buf, size_t len)
{
	struct tm tm;
	long off;

	localtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(buf + strlen(buf), len - strlen(buf), "%c%02ld:%02ld",
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

/* "Mon 2027-01-04" and "16:00-18:00" (with "+1" over midnight). */
static void
format_when(
    const struct shift *s, char *day, size_t dlen, char *hours, size_t hlen)
{
	struct tm a, b;
	char t1[8], t2[8];
	int days;

	localtime_r(&s->start, &a);
	localtime_r(&s->end, &b);
	strftime(day, dlen, "%a %Y-%m-%d", &a);
	strftime(t1, sizeof(t1), "%H:%M", &a);
	strftime(t2, sizeof(t2), "%H:%M", &b);
	days = (b.tm_year - a.tm_year) * 366 + (b.tm_yday - a.tm_yday);
	if (days > 0 && !(b.tm_hour == 0 && b.tm_min == 0 && days == 1))
		snprintf(hours, hlen, "%s-%s+%d", t1, t2,
		    b.tm_year == a.tm_year ? days : 1);
	else
		snprintf(hours, hlen, "%s-%s", t1, t2);
}

static json_t *
shift_json(const struct shift *s)
{
	char start[40], end[40], day[32], hours[32];
	json_t *o;

	format_iso(s->start, start, sizeof(start));
	format_iso(s->end, end, sizeof(end));
	format_when(s, day, sizeof(day), hours, sizeof(hours));
	o = json_pack("{s:s, s:s, s:s, s:s%, s:s, s:s}", "start", start, "end",
	    end, "date", day + 4, "weekday", day, (size_t)3, "time", hours,
	    "home", s->home);
	json_object_set_new(o, "activity", json_string(s->activity));
	if (s->location != NULL)
		json_object_set_new(o, "location", json_string(s->location));
	if (s->youth != NULL)
		json_object_set_new(o, "youth", json_string(s->youth));
	json_object_set_new(
	    o, "status", json_string(s->cancelled ? "cancelled" : "confirmed"));
	json_object_set_new(o, "uid", json_string(s->uid));
	return o;
}

static int
print_shifts(const struct shift_list *l, time_t from, time_t to, bool json,
    const char *from_s, const char *to_s)
{
	bool youth = false;
	size_t shown = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].youth != NULL)
			youth = true;
	if (json) {
		json_t *a = json_array();
		for (size_t i = 0; i < l->n; i++)
			if (l->v[i].end > from && l->v[i].start < to)
				json_array_append_new(a, shift_json(&l->v[i]));
		api_print_json(a, stdout);
		json_decref(a);
		return ROTA_EXIT_OK;
	}
	{
		const char *h[] = {_("DATE"), _("TIME"), _("HOME"),
		    _("ACTIVITY"), youth ? _("YOUTH") : _("STATUS"),
		    _("STATUS")};
		struct table *t = table_new(youth ? 6 : 5, h);
		for (size_t i = 0; i < l->n; i++) {
			const struct shift *s = &l->v[i];
			char day[32], hours[32];
			const char *st =
			    s->cancelled ? _("cancelled") : _("confirmed");
			if (s->end <= from || s->start >= to)
				continue;
			format_when(s, day, sizeof(day), hours, sizeof(hours));
			char *date = lang_local_date_dup(s->start);
			const char *row[] = {date, hours, s->home, s->activity,
			    youth ? (s->youth ? s->youth : "") : st, st};
			table_add(t, row);
			free(date);
			shown++;
		}
		if (shown > 0)
			table_print(t, stdout);
		else
			printf(_("no shifts from %s to %s\n"), from_s, to_s);
		table_free(t);
	}
	return ROTA_EXIT_OK;
}

int
cmd_shifts(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"json", no_argument, NULL, 'j'},
	    {"save", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	const char *from_s = NULL, *to_s = NULL, *save = NULL;
	char fbuf[11], tbuf[11], *url;
	struct shift_list l;
	int32_t from, to;
	bool json = false;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "f:t:js:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			from_s = optarg;
			break;
		case 't':
			to_s = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 's':
			save = optarg;
			break;
		case 'h':
			return rota_usage(SHIFTS_USAGE, SHIFTS_HELP, true);
		default:
			return rota_usage(SHIFTS_USAGE, NULL, false);
		}
	}
	if (argc - optind > 1 || (save != NULL && argc - optind > 0))
		return rota_usage(SHIFTS_USAGE, NULL, false);
	from = util_today();
	if (from_s != NULL && util_parse_date(from_s, &from) == -1) {
		rota_warnx(
		    _("--from: '%s' is not a date (YYYY-MM-DD)"), from_s);
		return ROTA_EXIT_USAGE;
	}
	to = from + 14;
	if (to_s != NULL && util_parse_date(to_s, &to) == -1) {
		rota_warnx(_("--to: '%s' is not a date (YYYY-MM-DD)"), to_s);
		return ROTA_EXIT_USAGE;
	}
	if (to < from) {
		rota_warnx(_("--to is before --from"));
		return ROTA_EXIT_USAGE;
	}
	if ((url = feed_url_dup(save ? save
	             : optind < argc ? argv[optind]
	                             : NULL)) == NULL)
		return ROTA_EXIT_USAGE;
	if (save != NULL) {
		const char *k[] = {"feed"}, *v[] = {url};
		if (config_update(k, v, 1) == -1) {
			free(url);
			return ROTA_EXIT_USAGE;
		}
	}
	if ((rc = feed_load(url, &l)) == ROTA_EXIT_OK) {
		util_format_date(from, fbuf);
		util_format_date(to, tbuf);
		rc = print_shifts(&l, util_local_midnight(from),
		    util_local_midnight(to + 1), json, fbuf, tbuf);
		ics_list_release(&l);
	}
	free(url);
	return rc;
}

int
cmd_next(int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
	struct shift_list l;
	bool json = false;
	time_t now = time(NULL);
	char *url;
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			json = true;
			break;
		case 'h':
			return rota_usage(NEXT_USAGE, NEXT_HELP, true);
		default:
			return rota_usage(NEXT_USAGE, NULL, false);
		}
	}
	if (argc - optind > 1)
		return rota_usage(NEXT_USAGE, NULL, false);
	if ((url = feed_url_dup(optind < argc ? argv[optind] : NULL)) == NULL)
		return ROTA_EXIT_USAGE;
	if ((rc = feed_load(url, &l)) == ROTA_EXIT_OK) {
		for (size_t i = 0; i < l.n; i++) {
			const struct shift *s = &l.v[i];
			char day[32], hours[32];
			if (s->cancelled || s->end <= now)
				continue;
			if (json) {
				json_t *o = shift_json(s);
				api_print_json(o, stdout);
				json_decref(o);
				break;
			}
			format_when(s, day, sizeof(day), hours, sizeof(hours));
			char *date = lang_local_date_dup(s->start);
			printf("%s %s %s%s%s%s\n", date, hours, tsafe(s->home),
			    s->activity[0] ? ": " : "", tsafe(s->activity),
			    s->start <= now ? _(" (now)") : "");
			free(date);
			break;
		}
		ics_list_release(&l);
	}
	free(url);
	return rc;
}
