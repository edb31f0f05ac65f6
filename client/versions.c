/* SPDX-License-Identifier: ISC */
/*
 * This file contains the versions of entities the client has read, for
 * optimistic concurrency (issue 12): "rota homes show X" remembers X as
 * the server sent it with its ETag, and a later "rota homes edit X" sends
 * that ETag in If-Match, so a change someone else made in between is
 * refused (412) instead of overwritten, and shown.  Kept per server and
 * API path in $XDG_CACHE_HOME/rota/version-<FNV-1a of URL>.json (mode
 * 0600), as {"etag": ..., "entity": {...}}.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rota.h"

/* The file of path on the configured server; a new string. */
static char *
version_file_dup(const char *path)
{
	const char *server = api_server() ? api_server() : "";
	uint64_t h = 0xcbf29ce484222325ULL;
	char *dir = config_cache_dir_dup(), *p;

	for (const char *s = server; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	for (const char *s = path; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	p = xasprintf("%s/version-%016llx.json", dir, (unsigned long long)h);
	free(dir);
	return p;
}

int
version_get(const char *path, json_t **entity, char **etag)
{
	char *file = version_file_dup(path);
	json_t *j = json_load_file(file, 0, NULL);
	const char *tag = json_string_value(json_object_get(j, "etag"));
	json_t *e = json_object_get(j, "entity");
	int rc = -1;

	*entity = NULL;
	*etag = NULL;
	if (tag != NULL && tag[0] != '\0' && json_is_object(e)) {
		*entity = json_incref(e);
		*etag = xstrdup(tag);
		rc = 0;
	}
	json_decref(j);
	free(file);
	return rc;
}

void
version_put(const char *path, const json_t *entity, const char *etag)
{
	char *dir = config_cache_dir_dup(), *file, *tmp;
	json_t *j;

	if (etag == NULL || config_mkdirs(dir) == -1) {
		free(dir);
		version_forget(path);
		return;
	}
	file = version_file_dup(path);
	tmp = xasprintf("%s.tmp.%ld", file, (long)getpid());
	j = json_pack("{s:s, s:O}", "etag", etag, "entity", entity);
	/* A version not kept only costs a GET before the next change. */
	if (j == NULL ||
	    json_dump_file(j, tmp, JSON_COMPACT | JSON_PRESERVE_ORDER) == -1 ||
	    rename(tmp, file) == -1)
		unlink(tmp);
	json_decref(j);
	free(tmp);
	free(file);
	free(dir);
}

void
version_forget(const char *path)
{
	char *file = version_file_dup(path);

	if (unlink(file) == -1 && errno != ENOENT)
		rota_warnx(_("cannot remove '%s': %s"), file, strerror(errno));
	free(file);
}

/* A member's value as the user reads it; a new string. */
static char *
value_dup(const json_t *v)
{
	char *s, *r;

	if (v == NULL)
		return xstrdup(_("(none)"));
	if (json_is_string(v))
		return xasprintf("'%s'", json_string_value(v));
	s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	r = xstrdup(s ? s : "?");
	free(s);
	return r;
}

static void
print_change(const char *key, const json_t *a, const json_t *b, FILE *out)
{
	char *x = value_dup(a), *y = value_dup(b);

	/* TRANSLATORS: one changed field: its name, the value read, the
	 * value now. */
	fprintf(out, _("  %s: %s, now %s\n"), tsafe(key), tsafe(x), tsafe(y));
	free(x);
	free(y);
}

size_t
version_print_changes(const json_t *old, const json_t *cur, FILE *out)
{
	const char *key;
	json_t *v;
	size_t n = 0;

	json_object_foreach((json_t *)cur, key, v)
	{
		const json_t *was = json_object_get(old, key);
		if (was == NULL || !json_equal(was, v)) {
			print_change(key, was, v, out);
			n++;
		}
	}
	json_object_foreach((json_t *)old, key, v)
	{
		if (json_object_get(cur, key) == NULL) {
			print_change(key, v, NULL, out);
			n++;
		}
	}
	return n;
}
