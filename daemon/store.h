/* SPDX-License-Identifier: ISC */
/*
 * The SQLite store: opening and migrating the database, transactions, and
 * every query rota makes.  Only store*.c include <sqlite3.h>.  Entities
 * travel as the plain structs of model.h; SQLite result codes are mapped
 * to struct rotad_error in one place (store_fail in store.c).
 *
 * Every API write is one transaction: store_begin(), the writes, the audit
 * record, then store_commit() or store_rollback().
 */
#ifndef ROTAD_STORE_H
#define ROTAD_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

struct store;

/*
 * Opens (creating if needed; tests and tools) the database at path
 * (":memory:" for tests), checks it whole,
 * sets WAL, foreign keys, synchronous=FULL and a busy timeout, and applies
 * the compiled-in migrations in one transaction.  A database written by a
 * newer rotad is refused.  Returns NULL with err set on failure.
 */
struct store *store_open(const char *path, struct rotad_error *err);
/*
 * The same, but with STORE_OPEN_EXISTING a file that does not exist is
 * refused (NOT_FOUND) instead of created: rotad never silently replaces a
 * lost database with an empty one.  Either way the file is checked whole
 * (PRAGMA integrity_check) and a damaged one is refused.
 */
enum store_open_mode { STORE_OPEN_EXISTING, STORE_OPEN_CREATE };
struct store *store_open_mode(
    const char *path, enum store_open_mode mode, struct rotad_error *err);
/*
 * A second connection to the database st has open, for a worker thread
 * (an import): same settings, no integrity check and no migrations (st's
 * opening did both).  NULL with err set when st's database is not a file
 * another connection can reach (":memory:").
 */
struct store *store_open_worker(
    const struct store *st, struct rotad_error *err);
void store_close(struct store *st);
/*
 * Whether this connection waits for another connection's write
 * transaction (up to a few seconds) or gives up at once with 503
 * unavailable: the event loop's connection gives up while a worker
 * writes, so that nothing on the loop waits for it.
 */
void store_set_wait(struct store *st, bool wait);

/*
 * The SQLite connection, for modules that keep their own prepared
 * statements (users.c, issue 14); they follow the same rules.
 */
struct sqlite3;
struct sqlite3 *store_sqlite(struct store *st);
/*
 * Their statements, prepared once per connection and kept by the address
 * of the SQL text (a string literal), returned reset and unbound; reset
 * them after use, never finalize them.  store_close finalizes them.
 */
struct sqlite3_stmt;
struct sqlite3_stmt *store_stmt_cached(struct store *st, const char *sql);

/* Schema version of the open database (PRAGMA user_version). */
int store_schema_version(struct store *st);

/* Transactions.  Each returns 0 or -1 with err set. */
int store_begin(struct store *st, struct rotad_error *err);
int store_commit(struct store *st, struct rotad_error *err);
void store_rollback(struct store *st);

/*
 * 0 when the database file (and its -wal) opened is still the one at its
 * path; -1 with UNAVAILABLE (logged once) when it was deleted or replaced
 * under the running rotad.  store_begin() checks it before every write.
 */
int store_files_ok(struct store *st, struct rotad_error *err);

/* 0 when the files are in place and the database answers a trivial
 * query (for /healthz). */
int store_ping(struct store *st);

/* Size of the database in bytes (page_count * page_size). */
int64_t store_size_bytes(struct store *st);

/*
 * Reads the whole stored state as a linked instance (assignments of every
 * status, with bookkeeping).  Returns 0 and a new instance, or -1.
 */
int store_load_instance(
    struct store *st, struct model_instance **out, struct rotad_error *err);

/* Entity writes; `now` is Unix seconds.  Insert fails with CONFLICT on a
 * duplicate id; update and delete fail with NOT_FOUND on an unknown one. */
int store_home_insert(struct store *st, const struct model_home *h, int64_t now,
    struct rotad_error *err);
int store_home_update(struct store *st, const struct model_home *h, int64_t now,
    struct rotad_error *err);
int store_home_delete(
    struct store *st, const char *id, struct rotad_error *err);
int store_youth_insert(struct store *st, const struct model_youth *y,
    int64_t now, struct rotad_error *err);
int store_youth_update(struct store *st, const struct model_youth *y,
    int64_t now, struct rotad_error *err);
int store_youth_delete(
    struct store *st, const char *id, struct rotad_error *err);
int store_slot_insert(struct store *st, const struct model_slot *s, int64_t now,
    struct rotad_error *err);
int store_slot_update(struct store *st, const struct model_slot *s, int64_t now,
    struct rotad_error *err);
int store_slot_delete(
    struct store *st, const char *id, struct rotad_error *err);
/* Assignments carry their own bookkeeping (seq, times, made_by). */
int store_assignment_insert(struct store *st, const struct model_assignment *a,
    struct rotad_error *err);
int store_assignment_update(struct store *st, const struct model_assignment *a,
    struct rotad_error *err);
int store_assignment_delete(
    struct store *st, const char *id, struct rotad_error *err);

/*
 * Gives every assignment that a feed shows differently after a change a
 * new sequence number and updated_at, so calendars take the new version:
 * those on one slot, at one home, or on the slots a youth is on.
 */
enum store_touch {
	STORE_TOUCH_SLOT,
	STORE_TOUCH_HOME,
	STORE_TOUCH_YOUTH_SLOTS
};
int store_assignments_touch(struct store *st, enum store_touch what,
    const char *id, int64_t now, struct rotad_error *err);

/*
 * The highest N of an assignment id "aN" ever stored; it never goes down
 * (deletes, purges, imports, restarts), so a new id "a(N+1)" or above was
 * never given before and neither was the feed UID made from it.
 */
int64_t store_assignment_id_floor(struct store *st);

/* The next assignment sequence number (call inside a transaction). */
int64_t store_next_seq(struct store *st, struct rotad_error *err);

/* Replaces the school calendar / the settings with those of inst. */
int store_school_calendar_replace(struct store *st,
    const struct model_instance *inst, struct rotad_error *err);
int store_settings_replace(struct store *st, const struct model_instance *inst,
    struct rotad_error *err);

/* Replaces every domain table with inst (import).  Tokens and the audit
 * log are kept.  Assignments without an id get one. */
int store_replace_all(struct store *st, const struct model_instance *inst,
    int64_t now, struct rotad_error *err);

/* True when any row exists in homes, youths or slots. */
bool store_has_data(struct store *st);

/* API tokens: only hashes are stored.  hash is STORE_HASH_LEN bytes. */
#define STORE_HASH_LEN 32
int store_api_token_insert(struct store *st, const char *name,
    const unsigned char *hash, int64_t now, struct rotad_error *err);
/* Revokes by name; NOT_FOUND when no live token has that name. */
int store_api_token_revoke(
    struct store *st, const char *name, int64_t now, struct rotad_error *err);
/* Finds the live token with this hash; copies its name.  1 found, 0 not. */
int store_api_token_find(
    struct store *st, const unsigned char *hash, char *name, size_t namelen);

/* Feed tokens. kind is "youth", "home" or "all". */
struct store_feed_token {
	char kind[8];
	char subject[MODEL_ID_MAX + 1];
	int64_t created_at;
	int64_t revoked_at; /* 0 when live */
};
/* Revokes the subject's live tokens, then stores the new hash. */
int store_feed_token_rotate(struct store *st, const char *kind,
    const char *subject, const unsigned char *hash, int64_t now,
    struct rotad_error *err);
/* Revokes the subject's live tokens. */
int store_feed_token_revoke(struct store *st, const char *kind,
    const char *subject, int64_t now, struct rotad_error *err);
/*
 * Revokes the live tokens of youths and homes that no longer exist, so
 * that a link never opens the feed of a later entity given the same id.
 * Call it in the transaction that deletes or replaces entities.
 */
int store_feed_tokens_revoke_orphans(
    struct store *st, int64_t now, struct rotad_error *err);
/*
 * 1 and *out when a token (live or revoked) has this hash, else 0.  A
 * purged link's token (its row deleted) is found with kind "gone".
 */
int store_feed_token_find(
    struct store *st, const unsigned char *hash, struct store_feed_token *out);

/*
 * The stored validators of a rendered feed or page (key as in the feed
 * cache): 1 and the ETag and Last-Modified last served, or 0.  _put
 * replaces them; one statement, so one transaction of its own.
 */
#define STORE_ETAG_LEN 40
int store_feed_validator_get(struct store *st, const char *key,
    char etag[STORE_ETAG_LEN], int64_t *last_modified);
int store_feed_validator_put(struct store *st, const char *key,
    const char *etag, int64_t last_modified, struct rotad_error *err);

/*
 * Privacy.  store_youth_audit_json() gives every audit row that mentions
 * a youth (their record and links, their assignments, schedule entries
 * and forced violations naming them, in any row) as a JSON array text
 * (caller frees), each shared row cut down to this youth's part.
 * store_youth_purge() deletes the youth, their assignments and feed
 * links (keeping of each link only its hash and the time it was withdrawn,
 * `now` for a live one, so it serves an empty calendar for the grace
 * period), and removes their part from every audit row, keeping what the
 * row says about others; call store_anonymous_hours_add() first to keep
 * the hours for the accounts.
 */
char *store_youth_audit_json(struct store *st, const char *youth_id);
int store_youth_feed_tokens_json(
    struct store *st, const char *youth_id, char **out);
int store_anonymous_hours_add(struct store *st, const char *month,
    const char *home_id, int64_t minutes, int64_t shifts, int64_t now,
    struct rotad_error *err);
/*
 * The anonymous totals of purged youths for one month ("YYYY-MM"), per
 * home: a JSON array text of {home, shifts, minutes} (caller frees).
 */
char *store_anonymous_hours_json(struct store *st, const char *month);
int store_youth_purge(struct store *st, const char *youth_id, int64_t now,
    struct rotad_error *err);

/* Appends to the audit log.  before/after are JSON texts or NULL. */
int store_audit(struct store *st, int64_t now, const char *actor,
    const char *action, const char *entity, const char *entity_id,
    const char *before, const char *after, struct rotad_error *err);

/*
 * Tries, without waiting, to move the write-ahead log into the database
 * and truncate it, so that erased data leaves no copy behind (with
 * secure_delete on).  1 when done, 0 when a reader or writer of another
 * connection is in the way (try again later), -1 on an error (logged).
 */
int store_checkpoint_try(struct store *st);

/* Consistent online copy of the live database to dest (backup API). */
int store_backup(struct store *st, const char *dest, struct rotad_error *err);

#endif /* ROTAD_STORE_H */
