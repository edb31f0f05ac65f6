/* SPDX-License-Identifier: ISC */
/*
 * This file contains main(): the command line (the daemon and its offline
 * subcommands: token, check, backup), start-up (log, store, demo data,
 * HTTP), signal handling and a clean shutdown.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <systemd/sd-daemon.h>

#include "api_schedule.h"
#include "api_transfer.h"
#include "access.h"
#include "auth.h"
#include "civil.h"
#include "cmd_user.h"
#include "clientaddr.h"
#include "config.h"
#include "demo.h"
#include "error.h"
#include "feed_cache.h"
#include "http.h"
#include "i18n.h"
#include "log.h"
#include "mail_sender.h"
#include "model.h"
#include "ratelimit.h"
#include "rotad.h"
#include "publish_state.h"
#include "state.h"
#include "stats.h"
#include "store.h"
#include "tzmap.h"
#include "users.h"
#include "xmalloc.h"

int rotad_check_main(int argc, char **argv);
int rotad_solve_main(int argc, char **argv);

static void
usage(FILE *out)
{
	fprintf(out,
	    "usage: rotad [--config FILE] [--check-config] [--listen ADDR:PORT]\n"
	    "             [--db PATH] [--public-url URL] [--port-file FILE]\n"
	    "             [--contact TEXT] [--create] [--demo] [-v]\n"
	    "       rotad init [--db PATH]\n"
	    "       rotad token create NAME [--user LOGIN] [--db PATH]\n"
	    "       rotad token revoke NAME [--db PATH]\n"
	    "       rotad user add|list|passwd|rm ... (see rotad(8))\n"
	    "       rotad check INSTANCE.json PLAN.json [--json]\n"
	    "       rotad solve INSTANCE.json [--seconds N] [--seed S] [--out PLAN.json]\n"
	    "       rotad backup DEST [--db PATH]\n"
	    "       rotad --version\n");
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/*
 * The settings given on the command line, which beat the configuration
 * file at start-up and again on every SIGHUP (NULL: not given).
 */
static struct {
	const char *listen, *db_path, *public_url, *contact;
} cli;
static bool socket_activated;

static void
apply_cli(struct rotad_conf *conf)
{
	if (cli.listen != NULL)
		set_str(&conf->listen, cli.listen);
	if (cli.db_path != NULL)
		set_str(&conf->db_path, cli.db_path);
	if (cli.public_url != NULL)
		set_str(&conf->public_url, cli.public_url);
	if (cli.contact != NULL)
		set_str(&conf->coordinator_contact, cli.contact);
}

static struct store *
open_store_or_die(const char *path, enum store_open_mode mode)
{
	struct rotad_error err;
	struct store *st;

	rotad_error_clear(&err);
	if ((st = store_open_mode(path, mode, &err)) == NULL)
		fatalx("%s", err.message);
	return st;
}

/* rotad token create NAME [--user LOGIN] | revoke NAME, [--db PATH] */
static int
token_main(int argc, char **argv)
{
	const char *db = ROTAD_DEFAULT_DB, *verb, *name = NULL, *user = NULL;
	struct rotad_error err;
	struct store *st;
	int rc = 1;

	if (argc < 3) {
		usage(stderr);
		return 2;
	}
	verb = argv[1];
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strcmp(argv[i], "--user") == 0 && i + 1 < argc)
			user = argv[++i]; /* issue 14: the token's owner */
		else if (name == NULL && argv[i][0] != '-')
			name = argv[i];
		else {
			usage(stderr);
			return 2;
		}
	}
	if (name == NULL || strlen(name) > 64 || name[0] == '\0') {
		fprintf(stderr,
		    "rotad: token: give a NAME of 1 to 64 "
		    "characters\n");
		return 2;
	}
	/* The first token is the first-run act: it may make the database. */
	if (strcmp(verb, "create") == 0 && access(db, F_OK) == -1 &&
	    errno == ENOENT)
		fprintf(stderr, "rotad: creating the new database '%s'\n", db);
	st = open_store_or_die(db,
	    strcmp(verb, "create") == 0 ? STORE_OPEN_CREATE
	                                : STORE_OPEN_EXISTING);
	rotad_error_clear(&err);
	if (strcmp(verb, "create") == 0) {
		char token[AUTH_TOKEN_MAXLEN];
		unsigned char hash[AUTH_HASH_LEN];
		auth_token_new("rota_", token, sizeof(token));
		auth_token_hash(token, hash);
		/* One transaction: the token and its owner (issue 14). */
		if (store_begin(st, &err) == 0 &&
		    store_api_token_insert(
		        st, name, hash, (int64_t)time(NULL), &err) == 0 &&
		    (user == NULL ||
		        cmd_user_token_owner(st, name, user, &err) == 0) &&
		    store_commit(st, &err) == 0) {
			printf("%s\n", token);
			rc = 0;
		} else
			store_rollback(st);
	} else if (strcmp(verb, "revoke") == 0) {
		if (store_api_token_revoke(
		        st, name, (int64_t)time(NULL), &err) == 0)
			rc = 0;
	} else {
		usage(stderr);
		store_close(st);
		return 2;
	}
	if (rc != 0)
		fprintf(stderr, "rotad: token %s: %s\n", verb, err.message);
	store_close(st);
	return rc;
}

/* rotad backup DEST [--db PATH] */
static int
backup_main(int argc, char **argv)
{
	const char *db = ROTAD_DEFAULT_DB, *dest = NULL;
	struct rotad_error err;
	struct store *st;
	int rc, fd;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (dest == NULL)
			dest = argv[i];
		else {
			usage(stderr);
			return 2;
		}
	}
	if (dest == NULL) {
		usage(stderr);
		return 2;
	}
	/*
	 * Create the file here, exclusively (no race with another creator,
	 * no symlink followed) and readable by the owner only: it holds the
	 * personal data of minors whatever the caller's umask.
	 */
	if ((fd = open(dest,
	         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) ==
	    -1) {
		if (errno == EEXIST)
			fprintf(stderr,
			    "rotad: backup: '%s' exists; give a "
			    "new file\n",
			    dest);
		else
			fprintf(stderr,
			    "rotad: backup: cannot create '%s': "
			    "%s\n",
			    dest, strerror(errno));
		return 1;
	}
	close(fd);
	st = open_store_or_die(db, STORE_OPEN_EXISTING);
	rotad_error_clear(&err);
	rc = store_backup(st, dest, &err);
	if (rc != 0) {
		fprintf(stderr, "rotad: backup: %s\n", err.message);
		unlink(dest);
	}
	store_close(st);
	return rc == 0 ? 0 : 1;
}

/*
 * rotad init [--db PATH]: makes the database (schema at its newest) if it
 * does not exist, so a package's first install can start the service.
 * The daemon itself never makes one (a lost or unmounted database must not
 * be replaced by an empty one without anyone asking).  An existing file is
 * left as it is (migrated at the daemon's next start).
 */
static int
init_main(int argc, char **argv)
{
	const char *db = ROTAD_DEFAULT_DB;
	struct stat sb;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else {
			usage(stderr);
			return 2;
		}
	}
	if (lstat(db, &sb) == 0) {
		printf("rotad: the database '%s' exists; nothing to do\n", db);
		return 0;
	}
	if (errno != ENOENT) {
		fprintf(stderr, "rotad: init: cannot look at '%s': %s\n", db,
		    strerror(errno));
		return 1;
	}
	/* Personal data of minors: the owner's alone, whatever the umask. */
	umask(077);
	store_close(open_store_or_die(db, STORE_OPEN_CREATE));
	printf("rotad: made the database '%s'\n", db);
	return 0;
}

/*
 * --demo: a user "demo" (admin) with a fresh random password each start,
 * to try POST /api/v1/login (issue 14).  0, or -1 (then no login shown).
 */
static int
demo_login(struct rotad *rd, char *password, size_t len)
{
	struct rotad_error err;
	char hash[USERS_HASH_MAX];
	struct user u;
	int64_t now = (int64_t)time(NULL);
	int found;

	auth_token_new("", password, len);
	if (users_password_hash(password, hash) == -1)
		return -1;
	rotad_error_clear(&err);
	if (store_begin(rd->store, &err) == -1)
		return -1;
	if ((found = users_find(rd->store, "demo", &u, NULL)) == 1)
		found = users_set_password(rd->store, u.id, hash, now, &err);
	else {
		memset(&u, 0, sizeof(u));
		snprintf(u.login, sizeof(u.login), "demo");
		snprintf(u.name, sizeof(u.name), "Demo admin");
		u.role = USER_ROLE_ADMIN;
		found = users_insert(rd->store, &u, hash, now, &err);
	}
	user_release(&u);
	if (found == -1 || store_commit(rd->store, &err) == -1) {
		store_rollback(rd->store);
		password[0] = '\0';
		return -1;
	}
	return 0;
}

/*
 * --demo: fill an empty database with the demo data set and make a fresh
 * token named "demo", printed with the URLs to try.
 */
static void
demo_setup(struct rotad *rd, char *token, size_t tokenlen,
    char feeds[2][AUTH_TOKEN_MAXLEN])
{
	struct rotad_error err;
	int64_t now = (int64_t)time(NULL);

	rotad_error_clear(&err);
	if (!store_has_data(rd->store)) {
		struct model_instance *inst =
		    demo_instance((int32_t)(now / 86400));
		if (store_begin(rd->store, &err) == -1 ||
		    store_replace_all(rd->store, inst, now, &err) == -1 ||
		    store_audit(rd->store, now, "rotad --demo", "import",
		        "instance", NULL, NULL, NULL, &err) == -1 ||
		    store_commit(rd->store, &err) == -1)
			fatalx("demo data: %s", err.message);
		log_info("demo data: %zu homes, %zu youths, %zu slots, %zu "
		         "assignments",
		    inst->nhomes, inst->nyouths, inst->nslots,
		    inst->nassignments);
		model_instance_free(inst);
	}
	/* The token and links of the last run when they still work. */
	(void)tokenlen;
	if (demo_tokens(rd->store, rd->conf.db_path, now, token, feeds, &err) ==
	    -1)
		fatalx("demo token: %s", err.message);
}

static void
on_signal(evutil_socket_t sig, short what, void *arg)
{
	struct rotad *rd = arg;
	struct timeval grace = {0, 200 * 1000};

	(void)what;
	if (rd->stopping)
		return;
	log_info("received signal %d, shutting down", (int)sig);
	rd->stopping = true;
	sd_notify(0, "STOPPING=1");
	/* No new connections; replies already queued get a moment to go. */
	http_stop_listening(rd);
	event_base_loopexit(rd->base, &grace);
}

/*
 * Every client connection takes a descriptor, and the default soft limit
 * (1024 under systemd) is far below the hard one; raise it, to at most
 * 65536 (epoll has no FD_SETSIZE limit).
 */
static void
raise_fd_limit(void)
{
	struct rlimit rl;
	rlim_t want;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return;
	want = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > 65536
	    ? 65536
	    : rl.rlim_max;
	if (want <= rl.rlim_cur)
		return;
	rl.rlim_cur = want;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		log_warn("cannot raise the open-file limit to %lu",
		    (unsigned long)want);
}

/* The configured proxies; the reader has already checked the list. */
static struct proxy_list *
proxies_of(const struct rotad_conf *conf)
{
	char err[160];
	struct proxy_list *pl =
	    proxy_list_parse(conf->trusted_proxies, err, sizeof(err));

	if (pl == NULL)
		fatalx("trusted_proxies: %s", err);
	return pl;
}

/*
 * SIGHUP: read the configuration file again and take what can change
 * while running.  A bad file changes nothing.  The mail sender looks at
 * its queue again (and at [mail] test_clock_file).
 */
static void
on_reload(evutil_socket_t sig, short what, void *arg)
{
	struct rotad *rd = arg;
	struct rotad_conf fresh;

	(void)sig;
	(void)what;
	mail_sender_wake(rd->mail);
	if (rd->config_path == NULL) {
		log_info("SIGHUP: no configuration file to read");
		return;
	}
	sd_notify(0, "RELOADING=1");
	rotad_conf_defaults(&fresh);
	if (config_load(rd->config_path, &fresh, stderr) == -1) {
		log_warnx("SIGHUP: '%s' has errors; nothing changed",
		    rd->config_path);
		rotad_conf_release(&fresh);
		sd_notify(0, "READY=1");
		return;
	}
	/* --public-url, --contact, --listen and --db still win. */
	apply_cli(&fresh);
	if (config_load_credentials(&fresh, stderr) == -1) {
		log_warnx("SIGHUP: unreadable credentials; nothing changed");
		rotad_conf_release(&fresh);
		sd_notify(0, "READY=1");
		return;
	}
	/* Under socket activation the socket unit decides the address. */
	if (!socket_activated && strcmp(fresh.listen, rd->conf.listen) != 0)
		log_warnx("SIGHUP: listen changes only with a restart");
	if (strcmp(fresh.db_path, rd->conf.db_path) != 0)
		log_warnx("SIGHUP: the database path changes only with a "
		          "restart");
	/* Run-time settings: feeds, limits, log level. */
	free(rd->conf.public_url);
	rd->conf.public_url = fresh.public_url;
	fresh.public_url = NULL;
	free(rd->conf.coordinator_contact);
	rd->conf.coordinator_contact = fresh.coordinator_contact;
	fresh.coordinator_contact = NULL;
	free(rd->conf.metrics_token);
	rd->conf.metrics_token = fresh.metrics_token;
	fresh.metrics_token = NULL;
	free(rd->conf.trusted_proxies);
	rd->conf.trusted_proxies = fresh.trusted_proxies;
	fresh.trusted_proxies = NULL;
	proxy_list_free(rd->proxies);
	rd->proxies = proxies_of(&rd->conf);
	rd->conf.max_body = fresh.max_body;
	rd->conf.http_timeout = fresh.http_timeout;
	rd->conf.feed_past_days = fresh.feed_past_days;
	rd->conf.feed_future_days = fresh.feed_future_days;
	rd->conf.feed_grace_days = fresh.feed_grace_days;
	rd->conf.schedule_max_runs = fresh.schedule_max_runs;
	/* Sessions: the new idle timeout applies to every session at its
	 * next request, the new lifetime to sessions started from now. */
	rd->conf.session_idle_minutes = fresh.session_idle_minutes;
	rd->conf.session_lifetime_hours = fresh.session_lifetime_hours;
	rd->conf.log_level = fresh.log_level;
	log_set_level((enum log_level)rd->conf.log_level);
	http_apply_limits(rd);
	rotad_conf_release(&fresh);
	/* Rendered feeds carry the old settings. */
	rd->data_version++;
	log_info("SIGHUP: configuration reloaded from '%s'", rd->config_path);
	sd_notify(0, "READY=1");
}

static void
on_watchdog(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	sd_notify(0, "WATCHDOG=1");
}

static void
libevent_log(int severity, const char *msg)
{
	if (severity >= EVENT_LOG_WARN)
		log_warnx("libevent: %s", msg);
	else
		log_debug("libevent: %s", msg);
}

static int
write_port_file(const char *path, int port)
{
	FILE *f;
	char *tmp = xasprintf("%s.tmp", path);

	/* Written whole, then renamed, so a reader never sees half. */
	if ((f = fopen(tmp, "w")) == NULL) {
		free(tmp);
		return -1;
	}
	fprintf(f, "%d\n", port);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* An empty database takes the configured default zone and jurisdiction. */
static void
apply_defaults(struct rotad *rd)
{
	struct model_instance *inst;
	struct rotad_error err;

	if (rd->conf.default_timezone == NULL &&
	    rd->conf.default_jurisdiction == NULL)
		return;
	rotad_error_clear(&err);
	if (store_has_data(rd->store) ||
	    store_load_instance(rd->store, &inst, &err) == -1)
		return;
	if (rd->conf.default_timezone != NULL) {
		free(inst->timezone);
		inst->timezone = xstrdup(rd->conf.default_timezone);
	}
	if (rd->conf.default_jurisdiction != NULL) {
		free(inst->jurisdiction);
		inst->jurisdiction = xstrdup(rd->conf.default_jurisdiction);
		/* Switches belong to a jurisdiction. */
		for (size_t i = 0; i < inst->nrule_options; i++) {
			free(inst->rule_options[i].name);
			free(inst->rule_options[i].s);
		}
		inst->nrule_options = 0;
	}
	if (store_begin(rd->store, &err) == -1 ||
	    store_settings_replace(rd->store, inst, &err) == -1 ||
	    store_commit(rd->store, &err) == -1)
		fatalx("cannot store the default settings: %s", err.message);
	model_instance_free(inst);
}

/*
 * The event loop.  With the epoll change list, the enable/disable pairs
 * evhttp makes on every request (stop reading, start writing, and back)
 * are merged into at most one epoll_ctl per descriptor and loop turn
 * instead of up to four; the documented caveat (descriptors shared via
 * dup()) does not apply, rotad never dups a socket.
 */
static struct event_base *
new_event_base(void)
{
	struct event_config *cfg;
	struct event_base *base;

	if ((cfg = event_config_new()) == NULL)
		return NULL;
	event_config_set_flag(cfg, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
	base = event_base_new_with_config(cfg);
	event_config_free(cfg);
	return base;
}

static void
on_log_flush(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	log_flush();
}

static void
wake_log_flusher(void *ev)
{
	event_active(ev, 0, 0);
}

static const struct option daemon_options[] = {
    {"config", required_argument, NULL, 'f'},
    {"check-config", no_argument, NULL, 'n'},
    {"listen", required_argument, NULL, 'l'},
    {"db", required_argument, NULL, 'd'},
    {"public-url", required_argument, NULL, 'u'},
    {"port-file", required_argument, NULL, 'P'},
    {"contact", required_argument, NULL, 'c'},
    {"demo", no_argument, NULL, 'D'},
    {"create", no_argument, NULL, 'C'},
    {"verbose", no_argument, NULL, 'v'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};
#define DAEMON_SHORTOPTS "f:nl:d:u:P:c:DCvhV"

static int
daemon_main(int argc, char **argv)
{
	struct rotad rd;
	struct rotad_error err;
	struct event *sigterm, *sigint, *sighup, *watchdog = NULL;
	struct event *log_flusher;
	char token[AUTH_TOKEN_MAXLEN] = "";
	char feeds[2][AUTH_TOKEN_MAXLEN] = {"", ""};
	char demo_password[AUTH_TOKEN_MAXLEN] = "";
	const char *config_path = NULL;
	bool check_only = false, create = false;
	uint64_t wd_usec = 0;
	int ch, verbose = 0, nfds;

	memset(&rd, 0, sizeof(rd));
	rotad_conf_defaults(&rd.conf);

	/* First pass: only the config file, which the flags then override. */
	opterr = 0;
	while ((ch = getopt_long(
	            argc, argv, DAEMON_SHORTOPTS, daemon_options, NULL)) != -1)
		if (ch == 'f')
			config_path = optarg;
	if (config_path != NULL &&
	    config_load(config_path, &rd.conf, stderr) == -1) {
		fprintf(stderr, "rotad: configuration '%s' has errors\n",
		    config_path);
		rotad_conf_release(&rd.conf);
		return 1;
	}
	optind = 0;
	opterr = 1;
	while ((ch = getopt_long(argc, argv, DAEMON_SHORTOPTS, daemon_options,
	            NULL)) != -1) {
		switch (ch) {
		case 'f':
			break;
		case 'n':
			check_only = true;
			break;
		case 'l':
			cli.listen = optarg;
			break;
		case 'd':
			cli.db_path = optarg;
			break;
		case 'u':
			cli.public_url = optarg;
			break;
		case 'P':
			set_str(&rd.conf.port_file, optarg);
			break;
		case 'c':
			cli.contact = optarg;
			break;
		case 'D':
			rd.conf.demo = true;
			break;
		case 'C':
			create = true;
			break;
		case 'v':
			verbose++;
			break;
		case 'h':
			usage(stdout);
			rotad_conf_release(&rd.conf);
			return 0;
		case 'V':
			printf("rotad %s\n", ROTA_VERSION);
			rotad_conf_release(&rd.conf);
			return 0;
		default:
			usage(stderr);
			rotad_conf_release(&rd.conf);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		rotad_conf_release(&rd.conf);
		return 2;
	}
	apply_cli(&rd.conf);
	if (config_load_credentials(&rd.conf, stderr) == -1) {
		rotad_conf_release(&rd.conf);
		return 1;
	}
	if (check_only) {
		config_dump(&rd.conf, stdout);
		printf("; configuration OK\n");
		rotad_conf_release(&rd.conf);
		return 0;
	}
	if (verbose)
		rd.conf.log_level = LOG_LEVEL_DEBUG;
	rd.config_path = config_path;
	stats_started();
	log_init((enum log_level)rd.conf.log_level);
	event_set_log_callback(libevent_log);
	signal(SIGPIPE, SIG_IGN);
	{
		char missing[256];
		i18n_init(NULL, missing, sizeof(missing));
		if (missing[0] != '\0')
			log_warnx(
			    "Norwegian texts need %s; answering in English "
			    "(docs/ops.md, \"Languages\")",
			    missing);
	}
	/* The zone-name list is read here, never on the event loop. */
	log_info("%zu time-zone names known", tzmap_names_init());

	rotad_error_clear(&err);
	/* A new database only when asked for (--demo makes a throwaway). */
	if ((rd.store = store_open_mode(rd.conf.db_path,
	         create || rd.conf.demo ? STORE_OPEN_CREATE
	                                : STORE_OPEN_EXISTING,
	         &err)) == NULL)
		fatalx("%s", err.message);
	log_info("database '%s' at schema version %d", rd.conf.db_path,
	    store_schema_version(rd.store));
	apply_defaults(&rd);
	if (rd.conf.demo) {
		demo_setup(&rd, token, sizeof(token), feeds);
		(void)demo_login(&rd, demo_password, sizeof(demo_password));
	}
	rd.feeds = feed_cache_new();
	rd.limiter = ratelimit_new();
	rd.proxies = proxies_of(&rd.conf);
	raise_fd_limit();

	if ((rd.base = new_event_base()) == NULL)
		fatalx("cannot create the event loop");
	/*
	 * One write(2) of the log per loop turn: the flush event is made
	 * active by the first line of a turn and runs after the turn's
	 * other callbacks, before any reply of that turn reaches its socket
	 * (bufferevents write on the next turn).
	 */
	log_flusher = event_new(rd.base, -1, 0, on_log_flush, NULL);
	if (log_flusher == NULL)
		fatalx("cannot create the log flush event");
	log_batch(wake_log_flusher, log_flusher);
	/* Socket activation: systemd hands over the listening socket. */
	nfds = sd_listen_fds(1);
	if (nfds > 1)
		fatalx("expected one socket from systemd, got %d", nfds);
	socket_activated = nfds == 1;
	/*
	 * The stored instance and its time zone now, before the loop runs:
	 * the first request would otherwise wait for the load on the loop.
	 */
	rotad_error_clear(&err);
	if (state_get(&rd, &err) != NULL &&
	    tzmap_get(rd.cache->timezone) == NULL)
		log_warnx("the stored time zone '%s' is not known",
		    rd.cache->timezone);
	rd.mail = mail_sender_start(&rd, &err);
	if (rd.mail == NULL && err.code != ROTAD_ERR_OK)
		fatalx("mail: %s", err.message);
	if (http_init(&rd, nfds == 1 ? SD_LISTEN_FDS_START : -1) == -1)
		fatalx("cannot start the HTTP server");
	sigterm = evsignal_new(rd.base, SIGTERM, on_signal, &rd);
	sigint = evsignal_new(rd.base, SIGINT, on_signal, &rd);
	sighup = evsignal_new(rd.base, SIGHUP, on_reload, &rd);
	evsignal_add(sigterm, NULL);
	evsignal_add(sigint, NULL);
	evsignal_add(sighup, NULL);
	if (sd_watchdog_enabled(0, &wd_usec) > 0 && wd_usec > 0) {
		struct timeval half = {(time_t)(wd_usec / 2000000),
		    (suseconds_t)((wd_usec / 2) % 1000000)};
		watchdog =
		    event_new(rd.base, -1, EV_PERSIST, on_watchdog, NULL);
		event_add(watchdog, &half);
	}
	if (rd.conf.port_file != NULL &&
	    write_port_file(rd.conf.port_file, rd.port) == -1)
		fatal("cannot write the port file '%s'", rd.conf.port_file);
	log_info("listening on port %d", rd.port);
	sd_notify(0, "READY=1");
	log_flush(); /* the start-up lines before the banner below */

	if (rd.conf.demo) {
		char *colon = strrchr(rd.conf.listen, ':');
		const char *host = rd.conf.listen;
		int hostlen = colon ? (int)(colon - host) : 0;
		printf("rotad is running with demo data.\n"
		       "  web app:      http://%.*s:%d/\n"
		       "  API base URL: http://%.*s:%d/api/v1\n"
		       "  token:        %s\n"
		       "  try:          curl -H 'Authorization: Bearer %s' "
		       "http://%.*s:%d/api/v1/homes\n",
		    hostlen, host, rd.port, hostlen, host, rd.port, token,
		    token, hostlen, host, rd.port);
		if (demo_password[0] != '\0')
			printf("  login:        demo / %s (in the web app, or "
			       "POST /api/v1/login)\n",
			    demo_password);
		if (feeds[0][0] != '\0')
			printf("  Ida's shifts: http://%.*s:%d/feeds/%s.ics\n"
			       "  Ida's page:   http://%.*s:%d/youth/%s\n",
			    hostlen, host, rd.port, feeds[0], hostlen, host,
			    rd.port, feeds[0]);
		if (feeds[1][0] != '\0')
			printf(
			    "  Solheim's week page: http://%.*s:%d/homes/%s\n"
			    "  Solheim's visits:    "
			    "http://%.*s:%d/feeds/%s.ics\n",
			    hostlen, host, rd.port, feeds[1], hostlen, host,
			    rd.port, feeds[1]);
		printf("Stop it with Ctrl-C.\n");
		fflush(stdout);
	}

	event_base_dispatch(rd.base);

	api_schedule_shutdown();
	api_transfer_shutdown();
	mail_sender_stop(rd.mail);
	rd.mail = NULL;
	log_batch(NULL, NULL);
	event_free(log_flusher);
	log_info("stopped");
	if (watchdog != NULL)
		event_free(watchdog);
	event_free(sigterm);
	event_free(sigint);
	event_free(sighup);
	http_free(&rd);
	event_base_free(rd.base);
	feed_cache_free(rd.feeds);
	ratelimit_free(rd.limiter);
	proxy_list_free(rd.proxies);
	publish_state_free(&rd);
	model_instance_free(rd.cache);
	store_close(rd.store);
	rotad_conf_release(&rd.conf);
	return 0;
}

/* rotad access-table: who may do what, for the tests. */
static int
access_table_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	access_print_table(stdout);
	return 0;
}

/* The subcommands; anything else runs the daemon (rotad [OPTIONS]). */
static const struct {
	const char *name;
	int (*main)(int argc, char **argv);
} subcommands[] = {
    {"init", init_main},
    {"token", token_main},
    {"user", rotad_user_main},
    {"backup", backup_main},
    {"check", rotad_check_main},
    {"solve", rotad_solve_main},
    {"access-table", access_table_main},
};

int
main(int argc, char **argv)
{
	if (auth_init() == -1) {
		fprintf(stderr, "rotad: cannot initialise libsodium\n");
		return 1;
	}
	for (size_t i = 0;
	     argc > 1 && i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (strcmp(argv[1], subcommands[i].name) == 0)
			return subcommands[i].main(argc - 1, argv + 1);
	return daemon_main(argc, argv);
}
