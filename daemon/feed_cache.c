/* SPDX-License-Identifier: ISC */
/*
 * This file contains the bounded in-memory cache of rendered feeds: look
 * up by key and data version, insert with LRU eviction, the ETag (BLAKE2b
 * of the bytes) and the gzip copy made once per render with zlib.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>
#include <zlib.h>

#include "feed_cache.h"
#include "xmalloc.h"

#define BUCKETS 1024 /* a power of two, twice FEED_CACHE_ENTRIES */

struct feed_cache_bytes {
	unsigned refs;
	char *body;
	unsigned char *gz;
};

struct feed_cache {
	struct feed_cache_entry e[FEED_CACHE_ENTRIES];
	size_t n;
	/* Hash index: bucket heads and chains hold entry index + 1 (0 ends). */
	uint16_t head[BUCKETS];
	uint16_t next[FEED_CACHE_ENTRIES];
	uint16_t bucket_of[FEED_CACHE_ENTRIES];
	uint64_t clock;
	uint64_t hits, misses;
	struct feed_token_answer tokens[FEED_TOKEN_CACHE];
};

struct feed_cache *
feed_cache_new(void)
{
	return xcalloc(1, sizeof(struct feed_cache));
}

struct feed_cache_bytes *
feed_cache_hold(const struct feed_cache_entry *e)
{
	e->bytes->refs++;
	return e->bytes;
}

void
feed_cache_release(struct feed_cache_bytes *bytes)
{
	if (bytes == NULL || --bytes->refs > 0)
		return;
	free(bytes->body);
	free(bytes->gz);
	free(bytes);
}

static void
entry_release(struct feed_cache_entry *e)
{
	feed_cache_release(e->bytes);
	memset(e, 0, sizeof(*e));
}

void
feed_cache_free(struct feed_cache *fc)
{
	if (fc == NULL)
		return;
	for (size_t i = 0; i < fc->n; i++)
		entry_release(&fc->e[i]);
	free(fc);
}

/* FNV-1a: keys are short and chosen by us, not by clients. */
static uint16_t
bucket(const char *key)
{
	uint32_t h = 2166136261u;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return (uint16_t)(h & (BUCKETS - 1));
}

static struct feed_cache_entry *
find(struct feed_cache *fc, const char *key)
{
	for (uint16_t i = fc->head[bucket(key)]; i != 0; i = fc->next[i - 1])
		if (strcmp(fc->e[i - 1].key, key) == 0)
			return &fc->e[i - 1];
	return NULL;
}

static void
index_add(struct feed_cache *fc, struct feed_cache_entry *e)
{
	size_t i = (size_t)(e - fc->e);
	uint16_t b = bucket(e->key);

	fc->bucket_of[i] = b;
	fc->next[i] = fc->head[b];
	fc->head[b] = (uint16_t)(i + 1);
}

static void
index_remove(struct feed_cache *fc, struct feed_cache_entry *e)
{
	size_t i = (size_t)(e - fc->e);
	uint16_t *link = &fc->head[fc->bucket_of[i]];

	while (*link != 0 && *link != i + 1)
		link = &fc->next[*link - 1];
	if (*link != 0)
		*link = fc->next[i];
}

const struct feed_cache_entry *
feed_cache_get(struct feed_cache *fc, const char *key, uint64_t version,
    int64_t window_day)
{
	struct feed_cache_entry *e = find(fc, key);

	if (e == NULL || e->version != version || e->window_day != window_day) {
		fc->misses++;
		return NULL;
	}
	fc->hits++;
	e->used = ++fc->clock;
	return e;
}

/* gzip (RFC 1952) of data; NULL when zlib fails. */
static unsigned char *
gzip_dup(const char *data, size_t len, size_t *outlen)
{
	z_stream zs;
	unsigned char *out;
	uLong cap;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8,
	        Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	cap = deflateBound(&zs, (uLong)len) + 32;
	out = xmalloc(cap);
	zs.next_in = (Bytef *)(uintptr_t)data;
	zs.avail_in = (uInt)len;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	if (deflate(&zs, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&zs);
		free(out);
		return NULL;
	}
	*outlen = zs.total_out;
	deflateEnd(&zs);
	return out;
}

const struct feed_cache_entry *
feed_cache_put(struct feed_cache *fc, const char *key, uint64_t version,
    int64_t window_day, char *body_take, int64_t now)
{
	return feed_cache_put_after(
	    fc, key, version, window_day, body_take, now, NULL, 0);
}

const struct feed_cache_entry *
feed_cache_put_after(struct feed_cache *fc, const char *key, uint64_t version,
    int64_t window_day, char *body_take, int64_t now, const char *prev_etag,
    int64_t prev_last_modified)
{
	struct feed_cache_entry *e = find(fc, key);
	unsigned char hash[16];
	char etag[40];
	int64_t last_modified = now;
	time_t lm;
	struct tm tm;

	crypto_generichash(hash, sizeof(hash), (unsigned char *)body_take,
	    strlen(body_take), NULL, 0);
	etag[0] = '"';
	sodium_bin2hex(etag + 1, 33, hash, sizeof(hash));
	etag[33] = '"';
	etag[34] = '\0';

	if (e != NULL) {
		prev_etag = e->etag;
		prev_last_modified = e->last_modified;
	}
	/*
	 * Same bytes: same Last-Modified.  New bytes: a later one, even
	 * within the same second (HTTP dates have whole seconds), so a
	 * client using If-Modified-Since never misses a change.
	 */
	if (prev_etag != NULL) {
		if (strcmp(prev_etag, etag) == 0)
			last_modified = prev_last_modified;
		else if (last_modified <= prev_last_modified)
			last_modified = prev_last_modified + 1;
	}
	if (e != NULL) {
		index_remove(fc, e);
		entry_release(e);
	} else if (fc->n < FEED_CACHE_ENTRIES) {
		e = &fc->e[fc->n++];
	} else {
		/* Evict the least recently used. */
		e = &fc->e[0];
		for (size_t i = 1; i < fc->n; i++)
			if (fc->e[i].used < e->used)
				e = &fc->e[i];
		index_remove(fc, e);
		entry_release(e);
	}
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->version = version;
	e->window_day = window_day;
	memcpy(e->etag, etag, sizeof(e->etag));
	snprintf(e->etag_gz, sizeof(e->etag_gz), "%.33s-gz\"", etag);
	e->last_modified = last_modified;
	lm = (time_t)last_modified;
	gmtime_r(&lm, &tm);
	strftime(e->last_modified_http, sizeof(e->last_modified_http),
	    "%a, %d %b %Y %H:%M:%S GMT", &tm);
	e->bytes = xcalloc(1, sizeof(*e->bytes));
	e->bytes->refs = 1;
	e->bytes->body = e->body = body_take;
	e->len = strlen(body_take);
	e->bytes->gz = e->gz = gzip_dup(e->body, e->len, &e->gzlen);
	e->used = ++fc->clock;
	index_add(fc, e);
	return e;
}

void
feed_cache_set_subject(struct feed_cache *fc, const char *key, const char *kind,
    const char *subject)
{
	struct feed_cache_entry *e = find(fc, key);

	if (e == NULL)
		return;
	snprintf(e->subject_kind, sizeof(e->subject_kind), "%s", kind);
	/* An id too long to keep whole is no subject: always stale. */
	if (snprintf(e->subject, sizeof(e->subject), "%s", subject) >=
	    (int)sizeof(e->subject))
		e->subject_kind[0] = '\0';
}

static bool
listed(char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

static void
touch_add(char ***ids, size_t *n, size_t *cap, const char *id)
{
	if (id == NULL || listed(*ids, *n, id))
		return;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*ids = xreallocarray(*ids, *cap, sizeof(**ids));
	}
	(*ids)[(*n)++] = xstrdup(id);
}

void
feed_touch_youth(struct feed_touch *t, const char *id)
{
	touch_add(&t->youths, &t->nyouths, &t->capy, id);
}

void
feed_touch_home(struct feed_touch *t, const char *id)
{
	touch_add(&t->homes, &t->nhomes, &t->caph, id);
}

void
feed_touch_free(struct feed_touch *t)
{
	for (size_t i = 0; i < t->nyouths; i++)
		free(t->youths[i]);
	for (size_t i = 0; i < t->nhomes; i++)
		free(t->homes[i]);
	free(t->youths);
	free(t->homes);
	memset(t, 0, sizeof(*t));
}

void
feed_cache_carry(struct feed_cache *fc, uint64_t from, uint64_t to,
    const struct feed_touch *t)
{
	if (t->all)
		return;
	for (size_t i = 0; i < fc->n; i++) {
		struct feed_cache_entry *e = &fc->e[i];
		bool keep;

		if (e->version != from)
			continue;
		if (strcmp(e->subject_kind, "youth") == 0)
			keep = !listed(t->youths, t->nyouths, e->subject);
		else if (strcmp(e->subject_kind, "home") == 0)
			keep = !listed(t->homes, t->nhomes, e->subject);
		else
			keep = false;
		if (keep)
			e->version = to;
	}
}

void
feed_cache_stats(const struct feed_cache *fc, uint64_t *hits, uint64_t *misses)
{
	*hits = fc->hits;
	*misses = fc->misses;
}

const struct feed_token_answer *
feed_cache_token_get(
    struct feed_cache *fc, const unsigned char hash[32], uint64_t version)
{
	const struct feed_token_answer *a = &fc->tokens[hash[0]];

	if (!a->used || a->version != version ||
	    memcmp(a->hash, hash, sizeof(a->hash)) != 0)
		return NULL;
	return a;
}

void
feed_cache_token_put(
    struct feed_cache *fc, const struct feed_token_answer *answer)
{
	struct feed_token_answer *a = &fc->tokens[answer->hash[0]];

	*a = *answer;
	a->used = 1;
}
