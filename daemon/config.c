/* SPDX-License-Identifier: ISC */
/*
 * This file contains the configuration reader: a table of known keys
 * (section, name, type, range, where the value goes), libinih to split
 * the file into key = value pairs, and a line-counting reader so that
 * every error names its line.  It also holds the defaults and the copy
 * and release of struct rotad_conf.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "clientaddr.h"
#include "config.h"
#include "log.h"
#include "mail_mime.h"
#include "rotad.h"
#include "rules_options.h"
#include "tzmap.h"
#include "xmalloc.h"

enum config_type {
	CONFIG_STRING,
	CONFIG_LISTEN, /* ADDR:PORT */
	CONFIG_URL,    /* http:// or https://, no trailing slash needed */
	CONFIG_INT,
	CONFIG_LEVEL, /* error, warning, info, debug */
	CONFIG_TIMEZONE,
	CONFIG_JURISDICTION,
	CONFIG_PROXIES,  /* addresses and networks, see clientaddr.h */
	CONFIG_SMTP_URL, /* smtp:// or smtps:// */
	CONFIG_ADDRESS   /* an e-mail address */
};

struct config_key {
	const char *section, *name;
	enum config_type type;
	long min, max;
	size_t offset; /* in struct rotad_conf */
	int size;      /* of the int member, for CONFIG_INT */
};

#define STR(sec, key, type, field)                                             \
	{                                                                      \
		sec, key, type, 0, 0, offsetof(struct rotad_conf, field), 0    \
	}
#define NUM(sec, key, lo, hi, field)                                           \
	{                                                                      \
		sec, key, CONFIG_INT, lo, hi,                                  \
		    offsetof(struct rotad_conf, field),                        \
		    (int)sizeof(((struct rotad_conf *)0)->field)               \
	}

static const struct config_key config_keys[] = {
    STR("server", "listen", CONFIG_LISTEN, listen),
    STR("server", "public_url", CONFIG_URL, public_url),
    NUM("server", "max_body", 1024, 64 * 1024 * 1024, max_body),
    NUM("server", "timeout", 1, 3600, http_timeout),
    STR("server", "metrics_token", CONFIG_STRING, metrics_token),
    STR("server", "trusted_proxies", CONFIG_PROXIES, trusted_proxies),
    NUM("server", "schedule_max_runs", 1, 16, schedule_max_runs),
    STR("database", "path", CONFIG_STRING, db_path),
    STR("defaults", "timezone", CONFIG_TIMEZONE, default_timezone),
    STR("defaults", "jurisdiction", CONFIG_JURISDICTION, default_jurisdiction),
    NUM("feeds", "past_days", 0, 3650, feed_past_days),
    NUM("feeds", "future_days", 1, 3650, feed_future_days),
    NUM("feeds", "grace_days", 0, 3650, feed_grace_days),
    STR("feeds", "coordinator_contact", CONFIG_STRING, coordinator_contact),
    STR("feeds", "uid_domain", CONFIG_STRING, uid_domain),
    NUM("sessions", "idle_minutes", 1, 7 * 24 * 60, session_idle_minutes),
    NUM("sessions", "lifetime_hours", 1, 24 * 90, session_lifetime_hours),
    {"log", "level", CONFIG_LEVEL, 0, 0, offsetof(struct rotad_conf, log_level),
        0},
    STR("mail", "url", CONFIG_SMTP_URL, mail_url),
    STR("mail", "from", CONFIG_ADDRESS, mail_from),
    STR("mail", "username", CONFIG_STRING, mail_username),
    STR("mail", "password_file", CONFIG_STRING, mail_password_file),
    NUM("mail", "starttls", 0, 1, mail_starttls),
    STR("mail", "test_clock_file", CONFIG_STRING, mail_test_clock_file),
};

static const char *const level_names[] = {"error", "warning", "info", "debug"};

void
rotad_conf_defaults(struct rotad_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->listen = xstrdup(ROTAD_DEFAULT_LISTEN);
	conf->db_path = xstrdup(ROTAD_DEFAULT_DB);
	conf->uid_domain = xstrdup("rota.invalid");
	conf->max_body = ROTAD_DEFAULT_MAX_BODY;
	conf->http_timeout = ROTAD_DEFAULT_HTTP_TIMEOUT;
	conf->feed_past_days = ROTAD_DEFAULT_FEED_PAST_DAYS;
	conf->feed_future_days = ROTAD_DEFAULT_FEED_DAYS;
	conf->feed_grace_days = ROTAD_DEFAULT_FEED_GRACE_DAYS;
	conf->schedule_max_runs = 2; /* solver runs at once; as many wait */
	conf->log_level = LOG_LEVEL_INFO;
	conf->session_idle_minutes = ROTAD_DEFAULT_SESSION_IDLE;
	conf->session_lifetime_hours = ROTAD_DEFAULT_SESSION_LIFE;
}

static char **
str_field(struct rotad_conf *conf, const struct config_key *k)
{
	return (char **)(void *)((char *)conf + k->offset);
}

void
rotad_conf_release(struct rotad_conf *conf)
{
	for (size_t i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]);
	     i++) {
		const struct config_key *k = &config_keys[i];
		if (k->type != CONFIG_INT && k->type != CONFIG_LEVEL) {
			free(*str_field(conf, k));
			*str_field(conf, k) = NULL;
		}
	}
	free(conf->port_file);
	memset(conf, 0, sizeof(*conf));
}

void
rotad_conf_copy(struct rotad_conf *dst, const struct rotad_conf *src)
{
	*dst = *src;
	for (size_t i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]);
	     i++) {
		const struct config_key *k = &config_keys[i];
		char **p;
		if (k->type == CONFIG_INT || k->type == CONFIG_LEVEL)
			continue;
		p = str_field(dst, k);
		*p = *p ? xstrdup(*p) : NULL;
	}
	dst->port_file = src->port_file ? xstrdup(src->port_file) : NULL;
}

struct config_reader {
	FILE *f;
	const char *path;
	FILE *errs;
	struct rotad_conf *conf;
	int line;     /* line being parsed */
	int bad_line; /* last line reported */
	int errors;
};

/* fgets that counts lines, so the handler knows where it is. */
static char *
config_read_line(char *str, int num, void *stream)
{
	struct config_reader *r = stream;
	char *s = fgets(str, num, r->f);

	if (s != NULL)
		r->line++;
	return s;
}

static void config_error(struct config_reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
config_error(struct config_reader *r, const char *fmt, ...)
{
	va_list ap;

	fprintf(r->errs, "%s:%d: ", r->path, r->line);
	va_start(ap, fmt);
	vfprintf(r->errs, fmt, ap);
	va_end(ap);
	fputc('\n', r->errs);
	r->bad_line = r->line;
	r->errors++;
}

static int
parse_long(const char *v, long *out)
{
	char *end;

	if (*v == '\0')
		return -1;
	*out = strtol(v, &end, 10);
	return *end == '\0' ? 0 : -1;
}

static int
config_set(void *user, const char *section, const char *name, const char *value)
{
	struct config_reader *r = user;
	const struct config_key *k = NULL;
	long n;

	for (size_t i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]);
	     i++) {
		if (strcmp(config_keys[i].section, section) == 0 &&
		    strcmp(config_keys[i].name, name) == 0) {
			k = &config_keys[i];
			break;
		}
	}
	if (k == NULL) {
		config_error(
		    r, "unknown key '%s' in section [%s]", name, section);
		return 1; /* reported; keep reading */
	}
	switch (k->type) {
	case CONFIG_INT:
		if (parse_long(value, &n) == -1 || n < k->min || n > k->max) {
			config_error(r,
			    "%s must be a whole number from %ld to "
			    "%ld, not '%s'",
			    name, k->min, k->max, value);
			return 1;
		}
		if (k->size == (int)sizeof(size_t))
			*(size_t *)(void *)((char *)r->conf + k->offset) =
			    (size_t)n;
		else
			*(int *)(void *)((char *)r->conf + k->offset) = (int)n;
		return 1;
	case CONFIG_LEVEL:
		for (int i = 0; i < 4; i++) {
			if (strcmp(value, level_names[i]) == 0) {
				r->conf->log_level = i;
				return 1;
			}
		}
		config_error(r,
		    "level must be error, warning, info or debug, "
		    "not '%s'",
		    value);
		return 1;
	case CONFIG_LISTEN: {
		const char *colon = strrchr(value, ':');
		if (colon == NULL || colon == value ||
		    parse_long(colon + 1, &n) == -1 || n < 0 || n > 65535) {
			config_error(
			    r, "listen must be ADDRESS:PORT, not '%s'", value);
			return 1;
		}
		break;
	}
	case CONFIG_URL:
		if (strncmp(value, "http://", 7) != 0 &&
		    strncmp(value, "https://", 8) != 0) {
			config_error(r,
			    "%s must start with https:// (or "
			    "http://), not '%s'",
			    name, value);
			return 1;
		}
		break;
	case CONFIG_PROXIES: {
		char msg[160];
		struct proxy_list *pl =
		    proxy_list_parse(value, msg, sizeof(msg));

		if (pl == NULL) {
			config_error(r, "%s: %s", name, msg);
			return 1;
		}
		proxy_list_free(pl);
		break;
	}
	case CONFIG_TIMEZONE:
		if (tzmap_get(value) == NULL) {
			config_error(r, "unknown time zone '%s'", value);
			return 1;
		}
		break;
	case CONFIG_JURISDICTION:
		if (!rules_jurisdiction_known(value)) {
			config_error(r,
			    "unknown jurisdiction '%s' (NO, EU, "
			    "US-FLSA or UK)",
			    value);
			return 1;
		}
		break;
	case CONFIG_SMTP_URL:
		if (strncmp(value, "smtp://", 7) != 0 &&
		    strncmp(value, "smtps://", 8) != 0) {
			config_error(r,
			    "%s must start with smtp:// or smtps://, not '%s'",
			    name, value);
			return 1;
		}
		break;
	case CONFIG_ADDRESS:
		if (!mail_addr_valid(value)) {
			config_error(r,
			    "%s must be an e-mail address (name@example.org), "
			    "not '%s'",
			    name, value);
			return 1;
		}
		break;
	case CONFIG_STRING:
		if (*value == '\0') {
			config_error(r, "%s must not be empty", name);
			return 1;
		}
		break;
	}
	free(*str_field(r->conf, k));
	*str_field(r->conf, k) = xstrdup(value);
	return 1;
}

int
config_load(const char *path, struct rotad_conf *conf, FILE *errs)
{
	struct config_reader r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.path = path;
	r.errs = errs;
	r.conf = conf;
	if ((r.f = fopen(path, "r")) == NULL) {
		fprintf(errs, "%s: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	/* One value per line; no continuation lines. */
	ini_allow_multiline = false;
	rc = ini_parse_stream(config_read_line, &r, config_set, &r);
	fclose(r.f);
	/* libinih reports lines it could not split (no '=', bad section). */
	if (rc > 0 && r.errors == 0) {
		fprintf(errs, "%s:%d: not a [section] or key = value line\n",
		    path, rc);
		r.errors++;
	}
	return r.errors > 0 || rc < 0 ? -1 : 0;
}

/* Reads the first line of a credential; NULL with *missing when absent. */
static char *
read_credential(const char *dir, const char *name, bool *missing, FILE *errs)
{
	char *path = xasprintf("%s/%s", dir, name);
	char buf[1024];
	FILE *f;
	size_t n;

	*missing = false;
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			*missing = true;
		else
			fprintf(errs, "%s: cannot open: %s\n", path,
			    strerror(errno));
		free(path);
		return NULL;
	}
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	if (n == 0) {
		fprintf(errs, "%s: the credential is empty\n", path);
		free(path);
		return NULL;
	}
	free(path);
	return xstrdup(buf);
}

int
config_load_credentials(struct rotad_conf *conf, FILE *errs)
{
	const char *dir = getenv("CREDENTIALS_DIRECTORY");
	bool missing;
	char *v;

	if (dir == NULL || *dir == '\0')
		return 0;
	if ((v = read_credential(dir, "metrics_token", &missing, errs)) == NULL)
		return missing ? 0 : -1;
	free(conf->metrics_token);
	conf->metrics_token = v;
	return 0;
}

void
config_dump(const struct rotad_conf *conf, FILE *out)
{
	const char *section = "";

	for (size_t i = 0; i < sizeof(config_keys) / sizeof(config_keys[0]);
	     i++) {
		const struct config_key *k = &config_keys[i];
		const char *p = (const char *)conf + k->offset;
		if (strcmp(section, k->section) != 0) {
			fprintf(out, "%s[%s]\n", i ? "\n" : "", k->section);
			section = k->section;
		}
		switch (k->type) {
		case CONFIG_INT:
			if (k->size == (int)sizeof(size_t))
				fprintf(out, "%s = %zu\n", k->name,
				    *(const size_t *)(const void *)p);
			else
				fprintf(out, "%s = %d\n", k->name,
				    *(const int *)(const void *)p);
			break;
		case CONFIG_LEVEL:
			fprintf(out, "%s = %s\n", k->name,
			    level_names[conf->log_level]);
			break;
		default: {
			const char *v = *(char *const *)(const void *)p;
			if (strcmp(k->name, "metrics_token") == 0 && v) {
				fprintf(out,
				    "; metrics_token is set (not "
				    "shown)\n");
				continue;
			}
			if (v != NULL)
				fprintf(out, "%s = %s\n", k->name, v);
			else
				fprintf(out, "; %s is not set\n", k->name);
		}
		}
	}
}
