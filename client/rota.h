/* SPDX-License-Identifier: ISC */
/*
 * Declarations shared by the parts of the rota command-line client: exit
 * codes, the subcommand table, small helpers (util.c), the HTTP wrapper
 * (net.c), the API calls (api.c), configuration (config.c), the feed
 * cache (cache.c), feed parsing (ics.c) and aligned tables (table.c).
 */
#ifndef ROTA_H
#define ROTA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <jansson.h>

#include "lang.h"

/* Exit statuses (documented in rota(1)). */
enum rota_exit {
	ROTA_EXIT_OK = 0,      /* success */
	ROTA_EXIT_SERVER = 1,  /* the server reported an error */
	ROTA_EXIT_USAGE = 2,   /* bad usage, configuration or connection */
	ROTA_EXIT_REFUSED = 3, /* a change was refused by the rules */
	ROTA_EXIT_CHANGED = 4  /* changed by someone else since it was read */
};

/* One subcommand: argv[0] is its name. */
struct rota_cmd {
	const char *name;
	const char *usage;   /* synopsis after "rota " */
	const char *summary; /* one line for "rota --help" */
	int (*run)(int argc, char **argv);
};

/* "rota": argv[0] of subcommands, for getopt's messages. */
extern char rota_progname[];

/* Prints "usage: rota <usage>" (and help text when not NULL) for cmd. */
int rota_usage(const char *usage, const char *help, bool to_stdout);

/* ---- util.c ---- */
void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Messages to stderr, prefixed "rota: ". */
void rota_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Out-of-memory and other impossible states. */
void rota_fatalx(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
/*
 * safe_text_dup(s) (NULL is ""), for a printf argument: the string stays
 * valid until eight more calls, so one printf may use up to eight.
 * Both messages above make their whole text safe already.
 */
const char *tsafe(const char *s);

/* A growable string: daemon/sbuf.h, compiled into the client too. */
#include "sbuf.h"

/* Safe printing of others' text, and time-zone names: safe.c, tzname.c. */
#include "safe.h"

/* Reads a whole file ("-" is stdin); NULL and a message on failure. */
char *util_read_file(const char *path, size_t *len);
/* Reads a "YYYY-MM-DD" date into days since 1970-01-01; -1 when bad. */
int util_parse_date(const char *s, int32_t *days);
/* Today's date in the local zone, as days since 1970-01-01. */
int32_t util_today(void);
/* Formats days as "YYYY-MM-DD" into buf (11 bytes). */
void util_format_date(int32_t days, char buf[11]);
/* Local midnight starting a date, as a time_t. */
time_t util_local_midnight(int32_t days);
/* "3 hours", "2 days" ... for an age in seconds; a new string. */
char *util_age_dup(time_t seconds);
/*
 * Reads a secret (a token, a password): from the terminal without echo
 * after prompt, else one line of standard input (trailing spaces and the
 * line end cut).  A new string; NULL at the end of the input.
 */
char *util_read_secret_dup(const char *prompt);
/* Parses a whole number in [min, max]; -1 when bad. */
int util_parse_long(const char *s, long min, long max, long *out);

/* ---- net.c ---- */
struct net_request {
	const char *method; /* "GET", "POST" ... */
	const char *url;
	const char *token; /* bearer token, or NULL */
	const char *body;  /* request body, or NULL */
	size_t body_len;
	const char *if_none_match; /* an ETag, or NULL */
	const char *if_match;      /* an ETag, or NULL */
	bool progress;             /* show transfer progress on stderr */
};

struct net_response {
	long status;
	char *body; /* NUL-terminated */
	size_t len;
	char *etag;
	char *content_type;
	char error[512]; /* set when net_perform returns -1 */
};

/* Global set-up and clean-up of libcurl. */
void net_init(void);
void net_cleanup(void);
/*
 * Performs a request.  Returns 0 when the server answered (any status) and
 * -1 when it could not be reached (rs->error says why).  The caller
 * releases rs with net_response_release() either way.
 */
int net_perform(const struct net_request *rq, struct net_response *rs);
void net_response_release(struct net_response *rs);
/* Percent-encodes s for a path segment or query value; a new string. */
char *net_escape_dup(const char *s);

/* ---- config.c ---- */
struct rota_config {
	char *server; /* base URL, no trailing slash */
	char *token;
	char *feed; /* the saved feed URL */
};
/* $XDG_CONFIG_HOME/rota/<name> and $XDG_CACHE_HOME/rota; new strings. */
char *config_path_dup(const char *name);
char *config_cache_dir_dup(void);
/* Creates a directory and its parents, mode 0700; -1 with a message. */
int config_mkdirs(const char *dir);
/* Reads the config file (absent is fine); -1 with a message on error. */
int config_load(struct rota_config *c);
/*
 * Sets keys in the config file (the file's values, not the environment's,
 * are kept for the others) and writes it atomically with mode 0600.
 * -1 with a message on failure.
 */
int config_update(const char *const *keys, const char *const *values, size_t n);
void config_release(struct rota_config *c);
/*
 * Refuses a server URL that points at the API itself ("http://h/api/v1"),
 * saying which base URL to give instead; -1 with the message, else 0.
 */
int config_check_server(const char *url);
/* Reads and writes key-value files like the config (the links file). */
int config_kv_get(const char *file, const char *key, char **value);
int config_kv_set(const char *file, const char *key, const char *value);

/* ---- cache.c ---- */
/* The cached copy of a feed: body, ETag and when it was last confirmed. */
int cache_read(
    const char *url, char **body, size_t *len, char **etag, time_t *checked);
int cache_write(
    const char *url, const char *body, size_t len, const char *etag);
/* Marks the cached copy as confirmed now (after a 304). */
void cache_touch(const char *url);

/* ---- ics.c ---- */
struct shift {
	time_t start, end;
	char *uid;
	char *home;
	char *activity;
	char *youth; /* in home and coordinator feeds, else NULL */
	char *location;
	bool cancelled;
};
struct shift_list {
	struct shift *v;
	size_t n;
};
/* Parses an iCalendar feed; -1 with a message in err on failure. */
int ics_parse(
    const char *text, struct shift_list *out, char *err, size_t errlen);
void ics_list_release(struct shift_list *l);
/*
 * Real elapsed minutes between two local "YYYY-MM-DDTHH:MM" times in the
 * IANA zone tzid (libical's built-in zone data: a slot over a DST change
 * is an hour shorter or longer); -1 when a value is bad.
 */
long ics_elapsed_minutes(const char *tzid, const char *start, const char *end);

/* ---- versions.c ---- */
/*
 * The version of an entity the client last read, per server and API path
 * (the entity and its ETag), in $XDG_CACHE_HOME/rota/version-<hash>.json:
 * a later change sends that ETag in If-Match.
 */
int version_get(const char *path, json_t **entity, char **etag);
void version_put(const char *path, const json_t *entity, const char *etag);
void version_forget(const char *path);
/* Prints "  key: old -> new" for each member that differs; the count. */
size_t version_print_changes(const json_t *old, const json_t *cur, FILE *out);

/* ---- table.c ---- */
struct table;
struct table *table_new(size_t ncols, const char *const *headers);
/* Adds a row of ncols strings (copied; NULL shows as empty). */
void table_add(struct table *t, const char *const *cells);
/* Prints with columns aligned by display width; the last is not padded. */
void table_print(const struct table *t, FILE *out);
void table_free(struct table *t);
/* Display width of UTF-8 text. */
size_t table_width(const char *s);

/* ---- api.c ---- */
/*
 * Calls the coordinator API: method, path (from "/api/v1/..."), optional
 * JSON body (borrowed).  On success returns 0 and *out (may be NULL for
 * 204; a new reference).  Otherwise prints what failed and returns the
 * exit status: ROTA_EXIT_SERVER, ROTA_EXIT_USAGE or ROTA_EXIT_REFUSED.
 */
int api_call(
    const char *method, const char *path, const json_t *body, json_t **out);
/*
 * Like api_call, with If-Match: if_match (when not NULL), the answer's
 * ETag in *etag (when etag is not NULL; NULL when there is none), and on
 * 412 no message but the server's current version in *current (when not
 * NULL; ROTA_EXIT_CHANGED is returned).
 */
int api_call_versioned(const char *method, const char *path, const json_t *body,
    const char *if_match, json_t **out, char **etag, json_t **current);
/*
 * A change of one entity with optimistic concurrency (issue 12): sends
 * method to path (the entity's path with a query or a suffix) with
 * If-Match: the ETag of the version of entity_path last read (versions.c),
 * read first when none is remembered.  When someone changed it meanwhile
 * (412) says so with what changed, remembers the current version and
 * returns ROTA_EXIT_CHANGED; else as api_call.  kind and id name it in
 * messages.
 */
int api_change(const char *method, const char *entity_path, const char *path,
    const json_t *body, const char *kind, const char *id, json_t **out);
/* Like api_call, with progress on a terminal (long operations). */
int api_call_progress(
    const char *method, const char *path, const json_t *body, json_t **out);
/*
 * GETs every page of a list ("path" may hold a query) and returns the
 * items of array `key` in *items (a new array).
 */
int api_list_all(const char *path, const char *key, json_t **items);
/* The HTTP status of the last answer to api_call(); 0 when none came. */
long api_last_status(void);
/* Uses this server and token instead of the configuration. */
void api_use(const char *server, const char *token);
/* Loads the configuration; an exit status (a message when it fails). */
int api_call_check(void);
/* The configured server URL, after api_call_check(); borrowed. */
const char *api_server(void);
/* Prints rule violations as a readable list to out. */
void api_print_violations(const json_t *violations, FILE *out);
/* Prints JSON pretty, keys in the server's order. */
void api_print_json(const json_t *j, FILE *out);
/* A string member or "" */
const char *api_str(const json_t *o, const char *key);

/* ---- subcommands ---- */
int cmd_shifts(int argc, char **argv);
int cmd_next(int argc, char **argv);
int cmd_login(int argc, char **argv);
int cmd_homes(int argc, char **argv);
int cmd_youths(int argc, char **argv);
int cmd_slots(int argc, char **argv);
int cmd_series(int argc, char **argv);
int cmd_assign(int argc, char **argv);
int cmd_unassign(int argc, char **argv);
int cmd_cancel(int argc, char **argv);
int cmd_schedule(int argc, char **argv);
int cmd_violations(int argc, char **argv);
int cmd_hours(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_feed(int argc, char **argv);
int cmd_assignments(int argc, char **argv);
int cmd_settings(int argc, char **argv);
int cmd_school_calendar(int argc, char **argv);
int cmd_school_calendars(int argc, char **argv);
int cmd_users(int argc, char **argv);
int cmd_candidates(int argc, char **argv); /* cmd_candidates.c */
int cmd_limits(int argc, char **argv);
int cmd_publish(int argc, char **argv); /* cmd_publish.c */

#endif /* ROTA_H */
