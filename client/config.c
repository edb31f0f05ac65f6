/* SPDX-License-Identifier: ISC */
/*
 * This file contains the client's configuration: where it lives (the XDG
 * base directories), the "key value" file that holds the server, the API
 * token and the saved feed link (always written atomically with mode
 * 0600, since both are secrets), and the environment overrides.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rota.h"

static char *
xdg_dir_dup(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home;

	if (v != NULL && v[0] == '/')
		return xasprintf("%s/rota", v);
	if ((home = getenv("HOME")) == NULL || home[0] == '\0')
		home = ".";
	return xasprintf("%s/%s/rota", home, fallback);
}

char *
config_path_dup(const char *name)
{
	char *dir = xdg_dir_dup("XDG_CONFIG_HOME", ".config");
	char *p = xasprintf("%s/%s", dir, name);

	free(dir);
	return p;
}

char *
config_cache_dir_dup(void)
{
	return xdg_dir_dup("XDG_CACHE_HOME", ".cache");
}

int
config_mkdirs(const char *dir)
{
	char *p = xstrdup(dir);

	for (char *s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST) {
			rota_warnx(
			    _("cannot create '%s': %s"), p, strerror(errno));
			free(p);
			return -1;
		}
		*s = '/';
	}
	if (mkdir(p, 0700) == -1 && errno != EEXIST) {
		rota_warnx(_("cannot create '%s': %s"), p, strerror(errno));
		free(p);
		return -1;
	}
	free(p);
	return 0;
}

/* Reads "key value" lines: calls fn for each; -1 on a read error. */
static int
kv_read(
    const char *file, void (*fn)(void *, const char *, const char *), void *arg)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (f == NULL) {
		if (errno == ENOENT)
			return 0;
		rota_warnx(_("cannot open '%s': %s"), file, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		char *k = line, *v;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		while (*k == ' ' || *k == '\t')
			k++;
		if (*k == '#' || *k == '\0')
			continue;
		v = k + strcspn(k, " \t");
		if (*v != '\0')
			*v++ = '\0';
		while (*v == ' ' || *v == '\t')
			v++;
		fn(arg, k, v);
	}
	free(line);
	fclose(f);
	return 0;
}

struct kv_list {
	char **keys, **values;
	size_t n;
};

static void
kv_collect(void *arg, const char *k, const char *v)
{
	struct kv_list *l = arg;

	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->keys[i], k) == 0) {
			free(l->values[i]);
			l->values[i] = xstrdup(v);
			return;
		}
	l->keys = xreallocarray(l->keys, l->n + 1, sizeof(*l->keys));
	l->values = xreallocarray(l->values, l->n + 1, sizeof(*l->values));
	l->keys[l->n] = xstrdup(k);
	l->values[l->n] = xstrdup(v);
	l->n++;
}

static void
kv_list_release(struct kv_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->keys[i]);
		free(l->values[i]);
	}
	free(l->keys);
	free(l->values);
}

/* Writes the list to file atomically, mode 0600. */
static int
kv_write(const char *file, const struct kv_list *l, const char *comment)
{
	char *dir = xstrdup(file), *slash = strrchr(dir, '/');
	char *tmp = xasprintf("%s.tmp.%ld", file, (long)getpid());
	FILE *f;
	int fd, rc = -1;

	if (slash != NULL) {
		*slash = '\0';
		if (config_mkdirs(dir) == -1)
			goto done;
	}
	/* A stale temp file from a crash must not lend us its mode. */
	(void)unlink(tmp);
	if ((fd = open(tmp,
	         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)) ==
	    -1) {
		rota_warnx(_("cannot create '%s': %s"), tmp, strerror(errno));
		goto done;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(tmp);
		rota_warnx(_("cannot write '%s': %s"), tmp, strerror(errno));
		goto done;
	}
	if (comment != NULL)
		fprintf(f, "# %s\n", comment);
	for (size_t i = 0; i < l->n; i++)
		if (l->values[i][0] != '\0')
			fprintf(f, "%s %s\n", l->keys[i], l->values[i]);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
		rota_warnx(_("cannot write '%s': %s"), tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto done;
	}
	fclose(f);
	if (rename(tmp, file) == -1) {
		rota_warnx(_("cannot rename '%s': %s"), tmp, strerror(errno));
		unlink(tmp);
		goto done;
	}
	rc = 0;
done:
	free(dir);
	free(tmp);
	return rc;
}

int
config_kv_get(const char *file, const char *key, char **value)
{
	struct kv_list l = {0};

	*value = NULL;
	if (kv_read(file, kv_collect, &l) == -1)
		return -1;
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.keys[i], key) == 0)
			*value = xstrdup(l.values[i]);
	kv_list_release(&l);
	return 0;
}

int
config_kv_set(const char *file, const char *key, const char *value)
{
	struct kv_list l = {0};
	int rc;

	if (kv_read(file, kv_collect, &l) == -1)
		return -1;
	kv_collect(&l, key, value);
	rc = kv_write(file, &l, "rota feed links (secret: keep mode 0600)");
	kv_list_release(&l);
	return rc;
}

static void
config_set(void *arg, const char *k, const char *v)
{
	struct rota_config *c = arg;
	char **slot = strcmp(k, "server") == 0 ? &c->server
	    : strcmp(k, "token") == 0          ? &c->token
	    : strcmp(k, "feed") == 0           ? &c->feed
	                                       : NULL;

	if (slot == NULL)
		return; /* unknown keys are left for newer versions */
	free(*slot);
	*slot = xstrdup(v);
}

int
config_load(struct rota_config *c)
{
	char *file = config_path_dup("config");
	const char *v;
	int rc;

	memset(c, 0, sizeof(*c));
	rc = kv_read(file, config_set, c);
	free(file);
	if ((v = getenv("ROTA_SERVER")) != NULL && v[0] != '\0') {
		free(c->server);
		c->server = xstrdup(v);
	}
	if ((v = getenv("ROTA_TOKEN")) != NULL && v[0] != '\0') {
		free(c->token);
		c->token = xstrdup(v);
	}
	if (c->server != NULL) {
		size_t n = strlen(c->server);
		while (n > 0 && c->server[n - 1] == '/')
			c->server[--n] = '\0';
	}
	return rc;
}

int
config_check_server(const char *url)
{
	const char *host = strstr(url, "://"), *path, *api;
	size_t n;

	if (host == NULL)
		return 0; /* the callers say what a URL looks like */
	host += 3;
	path = host + strcspn(host, "/?#");
	/* ".../api/v1", ".../api/v1/..." or ".../api": the API, not the base.
	 */
	for (api = strstr(path, "/api"); api != NULL;
	     api = strstr(api + 1, "/api")) {
		n = strlen(api);
		while (n > 0 && api[n - 1] == '/')
			n--;
		if (n == 4 || strncmp(api, "/api/v1", 7) == 0)
			break;
	}
	if (api == NULL)
		return 0;
	rota_warnx(_("'%s' is the API's own URL: give the server's base URL, "
	             "'%.*s' (rota adds /api/v1 itself)"),
	    url, (int)(api - url), url);
	return -1;
}

int
config_update(const char *const *keys, const char *const *values, size_t n)
{
	char *file = config_path_dup("config");
	struct kv_list l = {0};
	int rc = -1;

	/* The file's own values: never the environment's overrides. */
	if (kv_read(file, kv_collect, &l) == -1)
		goto done;
	for (size_t i = 0; i < n; i++)
		kv_collect(&l, keys[i], values[i]);
	rc = kv_write(file, &l, "rota client configuration (see rota(1))");
done:
	kv_list_release(&l);
	free(file);
	return rc;
}

void
config_release(struct rota_config *c)
{
	free(c->server);
	free(c->token);
	free(c->feed);
	memset(c, 0, sizeof(*c));
}
