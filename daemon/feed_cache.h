/* SPDX-License-Identifier: ISC */
/*
 * Rendered feeds kept in memory: each feed is rendered once per change of
 * the stored data (and once a day, as its window moves), compressed once,
 * and served from here with a strong ETag and a Last-Modified that move
 * only when the bytes do.  Bounded: the least recently used entry goes.
 * Looked up through a hash index, so a full cache costs what an empty one
 * does.  Used by the event loop's thread only.
 */
#ifndef ROTAD_FEED_CACHE_H
#define ROTAD_FEED_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FEED_CACHE_ENTRIES 512

struct feed_cache;
struct feed_cache_bytes; /* the body and its gzip copy, reference-counted */

/*
 * Everything a response needs is made once per render, not per request:
 * the ETag of each encoding and the Last-Modified text.
 */
struct feed_cache_entry {
	char key[96];     /* "youth:ida" */
	uint64_t version; /* data version it was rendered from */
	/* Whose data it shows: kind "youth" or "home" and its id, for
	 * feed_cache_carry(); "" (any change makes it stale) when unset. */
	char subject_kind[8];
	char subject[72];
	int64_t window_day;    /* day number of the window it covers */
	char etag[40];         /* "\"<32 hex>\"" */
	char etag_gz[44];      /* "\"<32 hex>-gz\"": the gzip representation */
	int64_t last_modified; /* Unix seconds */
	char last_modified_http[32]; /* "Sat, 28 Nov 2026 12:00:00 GMT" */
	char *body;
	size_t len;
	unsigned char *gz; /* gzip of body, or NULL */
	size_t gzlen;
	uint64_t used;                  /* LRU clock */
	struct feed_cache_bytes *bytes; /* owns body and gz */
};

struct feed_cache *feed_cache_new(void);
void feed_cache_free(struct feed_cache *fc);

/*
 * The entry for key if it is current for (version, window_day), else NULL.
 * Borrowed until the next feed_cache_put.
 */
const struct feed_cache_entry *feed_cache_get(struct feed_cache *fc,
    const char *key, uint64_t version, int64_t window_day);

/*
 * Stores a freshly rendered body (taken over) for key.  The ETag is a hash
 * of the bytes; Last-Modified stays that of the previous entry when the
 * bytes are the same, else it is `now`.  Returns the entry (borrowed).
 */
const struct feed_cache_entry *feed_cache_put(struct feed_cache *fc,
    const char *key, uint64_t version, int64_t window_day, char *body_take,
    int64_t now);
/*
 * The same, with the validators last served for key when the cache no
 * longer holds them (after a restart or an eviction): prev_etag (or NULL)
 * and prev_last_modified play the part of the previous entry's.
 */
const struct feed_cache_entry *feed_cache_put_after(struct feed_cache *fc,
    const char *key, uint64_t version, int64_t window_day, char *body_take,
    int64_t now, const char *prev_etag, int64_t prev_last_modified);

/*
 * Says whose data the entry for key shows (a youth or a home, by id), so
 * that a change that does not touch them leaves it cached.  An entry
 * without a subject is made stale by every change.
 */
void feed_cache_set_subject(struct feed_cache *fc, const char *key,
    const char *kind, const char *subject);

/*
 * The subjects whose feeds a change alters: youths and homes by id (each
 * once), or all of them.  Zero-initialise, release with _free.
 */
struct feed_touch {
	bool all;
	char **youths;
	size_t nyouths, capy;
	char **homes;
	size_t nhomes, caph;
};
void feed_touch_youth(struct feed_touch *t, const char *id);
void feed_touch_home(struct feed_touch *t, const char *id);
void feed_touch_free(struct feed_touch *t);

/*
 * The data version moved from `from` to `to` by a change that touched t:
 * every entry current at `from` whose subject is not in t is current at
 * `to` too (same bytes, same validators); the others are left stale and
 * are rendered again when next asked for.  Nothing is carried when
 * t->all.
 */
void feed_cache_carry(struct feed_cache *fc, uint64_t from, uint64_t to,
    const struct feed_touch *t);

/*
 * Feed-token look-ups remembered per data version, so that serving a feed
 * (or a 304) needs no database read.  Direct-mapped by hash; a slot holds
 * a found or a not-found answer.  Every write moves the data version,
 * which retires all of them.
 */
#define FEED_TOKEN_CACHE 256
struct feed_token_answer {
	unsigned char hash[32];
	uint64_t version;
	int used;
	int found;
	char kind[8];
	char subject[72];
	int64_t created_at, revoked_at;
};

/* The remembered answer for hash at version, or NULL. */
const struct feed_token_answer *feed_cache_token_get(
    struct feed_cache *fc, const unsigned char hash[32], uint64_t version);
/* Remembers an answer (copied). */
void feed_cache_token_put(
    struct feed_cache *fc, const struct feed_token_answer *answer);

/*
 * Keeps an entry's body and gzip copy alive past its eviction, for a
 * response that sends them without copying: one hold, one release.
 */
struct feed_cache_bytes *feed_cache_hold(const struct feed_cache_entry *e);
void feed_cache_release(struct feed_cache_bytes *bytes);

/* Hit and miss counts since start. */
void feed_cache_stats(
    const struct feed_cache *fc, uint64_t *hits, uint64_t *misses);

#endif /* ROTAD_FEED_CACHE_H */
