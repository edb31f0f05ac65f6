/* SPDX-License-Identifier: ISC */
/*
 * The daemon's run-time state and configuration, shared by main (rotad.c),
 * the HTTP layer and the API handlers.  Defaults are the ROTAD_DEFAULT_*
 * constants, kept together here.
 */
#ifndef ROTAD_ROTAD_H
#define ROTAD_ROTAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ROTAD_DEFAULT_LISTEN          "127.0.0.1:8080"
#define ROTAD_DEFAULT_DB              "rota.db"
#define ROTAD_DEFAULT_MAX_BODY        (1024 * 1024) /* bytes, like httpd */
#define ROTAD_DEFAULT_MAX_HEADERS     8192          /* bytes */
#define ROTAD_DEFAULT_HTTP_TIMEOUT    30            /* seconds */
#define ROTAD_DEFAULT_FEED_PAST_DAYS  30
#define ROTAD_DEFAULT_FEED_DAYS       180
#define ROTAD_DEFAULT_FEED_GRACE_DAYS 30 /* revoked feed: empty, then 410 */
#define ROTAD_DEFAULT_PAGE_LIMIT      100
#define ROTAD_MAX_PAGE_LIMIT          1000
#define ROTAD_DEFAULT_SESSION_IDLE    30 /* minutes */
#define ROTAD_DEFAULT_SESSION_LIFE    12 /* hours */

struct rotad_conf {
	char *listen;     /* "ADDR:PORT"; port 0 picks a free one */
	char *db_path;    /* SQLite file */
	char *public_url; /* base for feed links, e.g. https://rota.example */
	char *port_file;  /* when set, the bound port is written there */
	char *coordinator_contact;  /* shown in feeds */
	char *uid_domain;           /* right-hand side of feed UIDs */
	char *default_timezone;     /* for a new, empty database */
	char *default_jurisdiction; /* for a new, empty database */
	char *metrics_token;        /* when set, /metrics takes this token */
	char *trusted_proxies;      /* reverse proxies, see clientaddr.h */
	size_t max_body;
	int http_timeout; /* seconds */
	int feed_past_days;
	int feed_future_days;
	int feed_grace_days;
	int schedule_max_runs;
	int log_level;              /* enum log_level */
	int session_idle_minutes;   /* [sessions] idle_minutes (issue 14) */
	int session_lifetime_hours; /* [sessions] lifetime_hours */
	/* [mail] (issue 16): notifications through SMTP; none without url */
	char *mail_url;           /* smtp://host:port or smtps://host */
	char *mail_from;          /* the From address */
	char *mail_username;      /* SMTP AUTH user, or NULL */
	char *mail_password_file; /* its password's file, or NULL */
	int mail_starttls;        /* 1: STARTTLS required */
	/* Tests only: a file holding the sender's "now" (Unix seconds). */
	char *mail_test_clock_file;
	bool demo;
};

struct store;
struct model_instance;
struct event_base;
struct evhttp;
struct evhttp_bound_socket;
struct feed_cache;
struct ratelimit;
struct proxy_list;
struct http_conn;
struct event;
struct mail_sender;

struct rotad {
	struct rotad_conf conf;
	struct event_base *base;
	struct evhttp *http;
	struct evhttp_bound_socket *listener;
	struct http_conn *conns; /* open client connections (http.c) */
	size_t nconns;
	struct event *sweeper;
	struct event *accept_resume; /* re-enables accepting after EMFILE */
	struct store *store;
	int port; /* the bound port */
	/*
	 * The stored state as a linked instance and its version, written by
	 * state.c only: read once, then changed in place by each committed
	 * change (change.c), and data_version grows with every write.
	 */
	struct model_instance *cache;
	uint64_t data_version;
	/* The published copy in manual mode (publish_state.c), or NULL. */
	struct publish_cache *published;
	/*
	 * Grows when the published rows may have changed other than by a
	 * publish (which changes the copy in place): a mode switch, a youth
	 * deleted or purged, an import, a dropped state.  The copy is read
	 * again only when it moved.
	 */
	uint64_t published_version;
	struct feed_cache *feeds;
	struct ratelimit *limiter;  /* bad tokens per client address */
	struct proxy_list *proxies; /* conf.trusted_proxies, parsed */
	bool stopping;
	/*
	 * An import is being written by a worker (api_transfer.c): writes on
	 * the loop answer 503 until it lands, reads answer from the state
	 * before it.
	 */
	bool importing;
	const char *config_path; /* for SIGHUP; NULL when none */
	/* The e-mail sender thread (mail_sender.c), NULL without [mail]. */
	struct mail_sender *mail;
};

/* Sets every field of conf to its default. */
void rotad_conf_defaults(struct rotad_conf *conf);
void rotad_conf_release(struct rotad_conf *conf);
/* Deep copy of a configuration into *dst (overwritten, not released). */
void rotad_conf_copy(struct rotad_conf *dst, const struct rotad_conf *src);

#endif /* ROTAD_ROTAD_H */
