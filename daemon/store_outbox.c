/* SPDX-License-Identifier: ISC */
/*
 * This file contains the SQLite reads and writes of the outbox
 * (store_outbox.h): prepared statements cached on the connection they
 * run on (the loop's for enqueue and unsubscribe, the sender's own for
 * the rest).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "auth.h"
#include "civil.h"
#include "log.h"
#include "mail_mime.h"
#include "sbuf.h"
#include "store.h"
#include "store_outbox.h"
#include "xmalloc.h"

static const char sql_optout[] =
    "SELECT 1 FROM mail_optout WHERE recipient_kind = ?1 AND "
    "recipient_id = ?2 AND kind = ?3";
static const char sql_insert[] =
    "INSERT INTO outbox(message_id, recipient, recipient_kind, "
    "recipient_id, kind, language, subject, body_text, body_html, "
    "adult_from, zone, unsub_token, created_at, not_before, next_attempt, "
    "ref, ref_at, urgent_visit_at, about_youth) VALUES (?1, ?2, ?3, ?4, ?5, "
    "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?16, ?17, ?18)";
static const char sql_ref_exists[] =
    "SELECT 1 FROM outbox WHERE ref = ?1 AND ref_at = ?2";
static const char sql_drop_ref[] =
    "DELETE FROM outbox WHERE ref = ?1 AND state = 'queued'";
static const char sql_forget_ref[] = "DELETE FROM outbox WHERE ref = ?1";
static const char sql_link[] =
    "INSERT INTO mail_unsubscribe(token_hash, recipient_kind, recipient_id, "
    "kind, created_at) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_due[] =
    "SELECT id, message_id, recipient, recipient_kind, recipient_id, kind, "
    "subject, body_text, body_html, zone, unsub_token, adult_from, "
    "attempts, ref, ref_at, urgent_visit_at FROM outbox WHERE state IN "
    "('queued', 'sending') AND next_attempt <= ?1 ORDER BY next_attempt, id "
    "LIMIT 1";
static const char sql_next[] =
    "SELECT min(next_attempt) FROM outbox WHERE state IN ('queued', "
    "'sending')";
static const char sql_sending[] =
    "UPDATE outbox SET state = 'sending', attempts = attempts + 1 "
    "WHERE id = ?1";
static const char sql_sent[] =
    "UPDATE outbox SET state = 'sent', sent_at = ?2, unsub_token = NULL, "
    "last_error = NULL WHERE id = ?1";
static const char sql_retry[] =
    "UPDATE outbox SET state = ?2, next_attempt = ?3, last_error = ?4 "
    "WHERE id = ?1";
static const char sql_defer[] =
    "UPDATE outbox SET state = 'queued', next_attempt = ?2, not_before = ?2 "
    "WHERE id = ?1";
static const char sql_drop[] = "DELETE FROM outbox WHERE id = ?1";
static const char sql_counts[] =
    "SELECT coalesce(sum(state IN ('queued', 'sending')), 0), "
    "coalesce(sum(state = 'sent'), 0), coalesce(sum(state = 'failed'), 0), "
    "coalesce(sum(attempts - (state = 'sent')), 0) FROM outbox";
static const char sql_find_link[] =
    "SELECT recipient_kind, recipient_id, kind FROM mail_unsubscribe "
    "WHERE token_hash = ?1";
static const char sql_optout_put[] =
    "INSERT OR IGNORE INTO mail_optout(recipient_kind, recipient_id, kind, "
    "at) VALUES (?1, ?2, ?3, ?4)";
static const char sql_forget_outbox[] =
    "DELETE FROM outbox WHERE (recipient_kind = 'youth' AND recipient_id = "
    "?1) OR about_youth = ?1";
static const char sql_forget_links[] =
    "DELETE FROM mail_unsubscribe WHERE recipient_kind = 'youth' AND "
    "recipient_id = ?1";
static const char sql_forget_optout[] =
    "DELETE FROM mail_optout WHERE recipient_kind = 'youth' AND "
    "recipient_id = ?1";
static const char sql_youth_messages[] =
    "SELECT id, kind, recipient, subject, state, attempts, created_at, "
    "not_before, sent_at FROM outbox WHERE recipient_kind = 'youth' AND "
    "recipient_id = ?1 ORDER BY id";
static const char sql_youth_optouts[] =
    "SELECT kind, at FROM mail_optout WHERE recipient_kind = 'youth' AND "
    "recipient_id = ?1 ORDER BY kind";
static const char sql_recent[] =
    "SELECT id, kind, recipient, state, attempts, created_at, sent_at, "
    "recipient_kind, not_before FROM outbox ORDER BY id DESC LIMIT ?1";

static int
fail(struct store *st, int rc, const char *what, struct rotad_error *err)
{
	log_warnx(
	    "store: %s: %s (%d)", what, sqlite3_errmsg(store_sqlite(st)), rc);
	if ((rc & 0xff) == SQLITE_BUSY)
		rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
		    "the database is busy; try again");
	else
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the database failed to %s", what);
	return -1;
}

static void
text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

static char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Runs a prepared, bound statement that returns no rows. */
static int
done(struct store *st, sqlite3_stmt *s, const char *what,
    struct rotad_error *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : fail(st, rc, what, err);
}

int
outbox_opted_out(struct store *st, const char *recipient_kind,
    const char *recipient_id, const char *kind)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_optout);
	int rc;

	if (s == NULL)
		return -1;
	text(s, 1, recipient_kind);
	text(s, 2, recipient_id);
	text(s, 3, kind);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Replaces every "{UNSUBSCRIBE}" in s by url (or ""). */
static char *
with_link(const char *s, const char *url)
{
	static const char mark[] = "{UNSUBSCRIBE}";
	struct sbuf b = {0};
	const char *p;

	while ((p = strstr(s, mark)) != NULL) {
		sbuf_add(&b, s, (size_t)(p - s));
		sbuf_adds(&b, url ? url : "");
		s = p + sizeof(mark) - 1;
	}
	sbuf_adds(&b, s);
	return sbuf_take(&b);
}

int
outbox_enqueue(
    struct store *st, const struct outbox_new *m, struct rotad_error *err)
{
	char mid[AUTH_TOKEN_MAXLEN + 300], tok[AUTH_TOKEN_MAXLEN];
	unsigned char hash[AUTH_HASH_LEN];
	char *url = NULL;
	sqlite3_stmt *s;
	int rc;

	if ((rc = outbox_opted_out(
	         st, m->recipient_kind, m->recipient_id, m->kind)) != 0)
		return rc == 1 ? 0
		               : fail(st, SQLITE_ERROR, "read opt-outs", err);
	if (m->ref != NULL) {
		if ((s = store_stmt_cached(st, sql_ref_exists)) == NULL)
			return fail(st, SQLITE_ERROR, "read the outbox", err);
		text(s, 1, m->ref);
		sqlite3_bind_int64(s, 2, m->ref_at);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		if (rc == SQLITE_ROW)
			return 0; /* never two of the same */
		if (rc != SQLITE_DONE)
			return fail(st, rc, "read the outbox", err);
	}
	auth_token_new("", tok, sizeof(tok));
	snprintf(mid, sizeof(mid), "<%s@%s>", tok, m->domain);
	if (m->public_url != NULL) {
		auth_token_new("", tok, sizeof(tok));
		auth_token_hash(tok, hash);
		url = xasprintf("%s%sunsubscribe/%s", m->public_url,
		    m->public_url[0] &&
		            m->public_url[strlen(m->public_url) - 1] == '/'
		        ? ""
		        : "/",
		    tok);
		if ((s = store_stmt_cached(st, sql_link)) == NULL) {
			free(url);
			return fail(st, SQLITE_ERROR, "prepare a link", err);
		}
		sqlite3_bind_blob(s, 1, hash, AUTH_HASH_LEN, SQLITE_TRANSIENT);
		text(s, 2, m->recipient_kind);
		text(s, 3, m->recipient_id);
		text(s, 4, m->kind);
		sqlite3_bind_int64(s, 5, m->now);
		if (done(st, s, "store an unsubscribe link", err) == -1) {
			free(url);
			return -1;
		}
	}
	if ((s = store_stmt_cached(st, sql_insert)) == NULL) {
		free(url);
		return fail(st, SQLITE_ERROR, "prepare a message", err);
	}
	text(s, 1, mid);
	text(s, 2, m->recipient);
	text(s, 3, m->recipient_kind);
	text(s, 4, m->recipient_id);
	text(s, 5, m->kind);
	text(s, 6, m->language);
	text(s, 7, m->subject);
	text(s, 8, m->text);
	text(s, 9, m->html);
	if (m->adult_from == CIVIL_NO_DATE)
		sqlite3_bind_null(s, 10);
	else
		sqlite3_bind_int64(s, 10, m->adult_from);
	text(s, 11, m->zone);
	text(s, 12, url);
	sqlite3_bind_int64(s, 13, m->now);
	sqlite3_bind_int64(s, 14, m->not_before > 0 ? m->not_before : m->now);
	text(s, 15, m->ref);
	if (m->ref != NULL)
		sqlite3_bind_int64(s, 16, m->ref_at);
	else
		sqlite3_bind_null(s, 16);
	if (m->urgent_visit_at != 0)
		sqlite3_bind_int64(s, 17, m->urgent_visit_at);
	else
		sqlite3_bind_null(s, 17);
	text(s, 18, m->about_youth);
	rc = done(st, s, "store a message", err);
	free(url);
	return rc == 0 ? 1 : -1;
}

int
outbox_drop_ref(struct store *st, const char *ref, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_drop_ref);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "take back a reminder", err);
	text(s, 1, ref);
	return done(st, s, "take back a reminder", err);
}

int
outbox_forget_ref(struct store *st, const char *ref, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_forget_ref);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "forget a message", err);
	text(s, 1, ref);
	return done(st, s, "forget a message", err);
}

void
outbox_msg_clear(struct outbox_msg *m)
{
	free(m->message_id);
	free(m->recipient);
	free(m->recipient_kind);
	free(m->recipient_id);
	free(m->kind);
	free(m->subject);
	free(m->text);
	free(m->html);
	free(m->zone);
	free(m->unsub_url);
	free(m->ref);
	memset(m, 0, sizeof(*m));
}

int
outbox_next_due(
    struct store *st, int64_t now, struct outbox_msg *out, int64_t *next_due)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_due);
	int rc;

	memset(out, 0, sizeof(*out));
	*next_due = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, now);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->message_id = col(s, 1);
		out->recipient = col(s, 2);
		out->recipient_kind = col(s, 3);
		out->recipient_id = col(s, 4);
		out->kind = col(s, 5);
		out->subject = col(s, 6);
		out->zone = col(s, 9);
		out->unsub_url = col(s, 10);
		/* The link goes in now: the stored bodies never hold it. */
		out->text = with_link(
		    (const char *)sqlite3_column_text(s, 7), out->unsub_url);
		out->html = with_link(
		    (const char *)sqlite3_column_text(s, 8), out->unsub_url);
		out->adult_from = sqlite3_column_type(s, 11) == SQLITE_NULL
		    ? CIVIL_NO_DATE
		    : (int32_t)sqlite3_column_int64(s, 11);
		out->attempts = sqlite3_column_int(s, 12);
		out->ref = col(s, 13);
		out->ref_at = sqlite3_column_int64(s, 14);
		out->urgent_visit_at = sqlite3_column_int64(s, 15);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return -1;
	if ((s = store_stmt_cached(st, sql_next)) == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*next_due = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int
by_id(struct store *st, const char *sql, int64_t id, const char *what,
    struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, what, err);
	sqlite3_bind_int64(s, 1, id);
	return done(st, s, what, err);
}

int
outbox_mark_sending(struct store *st, int64_t id, struct rotad_error *err)
{
	return by_id(st, sql_sending, id, "mark a message sending", err);
}

int
outbox_drop(struct store *st, int64_t id, struct rotad_error *err)
{
	return by_id(st, sql_drop, id, "drop a message", err);
}

int
outbox_mark_sent(
    struct store *st, int64_t id, int64_t now, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_sent);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "mark a message sent", err);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, now);
	return done(st, s, "mark a message sent", err);
}

int
outbox_mark_retry(struct store *st, int64_t id, int attempts, int64_t next,
    const char *why, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_retry);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "mark a message", err);
	sqlite3_bind_int64(s, 1, id);
	text(s, 2, attempts >= MAIL_MAX_ATTEMPTS ? "failed" : "queued");
	sqlite3_bind_int64(s, 3, next);
	text(s, 4, why);
	return done(st, s, "mark a message", err);
}

int
outbox_defer(
    struct store *st, int64_t id, int64_t until, struct rotad_error *err)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_defer);

	if (s == NULL)
		return fail(st, SQLITE_ERROR, "defer a message", err);
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, until);
	return done(st, s, "defer a message", err);
}

int
outbox_counts(struct store *st, struct outbox_counts *c)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_counts);
	int rc;

	memset(c, 0, sizeof(*c));
	if (s == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->queued = sqlite3_column_int64(s, 0);
		c->sent = sqlite3_column_int64(s, 1);
		c->failed = sqlite3_column_int64(s, 2);
		c->failed_attempts = sqlite3_column_int64(s, 3);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* The link's row: 1 with its recipient and kind, 0, -1. */
static int
find_link(struct store *st, const char *token, char *rkind, char *rid,
    char *kind, size_t len)
{
	unsigned char hash[AUTH_HASH_LEN];
	sqlite3_stmt *s;
	int rc;

	if (!auth_token_wellformed(token))
		return 0;
	if ((s = store_stmt_cached(st, sql_find_link)) == NULL)
		return -1;
	auth_token_hash(token, hash);
	sqlite3_bind_blob(s, 1, hash, AUTH_HASH_LEN, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		snprintf(rkind, len, "%s", sqlite3_column_text(s, 0));
		snprintf(rid, len, "%s", sqlite3_column_text(s, 1));
		snprintf(kind, len, "%s", sqlite3_column_text(s, 2));
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
outbox_unsubscribe_find(
    struct store *st, const char *token, char *kind, size_t len)
{
	char rk[80], rid[80], k[80];
	int rc = find_link(st, token, rk, rid, k, sizeof(k));

	if (rc == 1)
		snprintf(kind, len, "%s", k);
	return rc;
}

int
outbox_unsubscribe(
    struct store *st, const char *token, int64_t now, struct rotad_error *err)
{
	char rk[80], rid[80], k[80];
	sqlite3_stmt *s;
	int rc = find_link(st, token, rk, rid, k, sizeof(k));

	if (rc != 1)
		return rc;
	if (store_begin(st, err) == -1)
		return -1;
	if ((s = store_stmt_cached(st, sql_optout_put)) == NULL) {
		store_rollback(st);
		return fail(st, SQLITE_ERROR, "prepare an opt-out", err);
	}
	text(s, 1, rk);
	text(s, 2, rid);
	text(s, 3, k);
	sqlite3_bind_int64(s, 4, now);
	if (done(st, s, "store an opt-out", err) == -1 ||
	    store_audit(st, now, "-", "unsubscribe", "mail", k, NULL, NULL,
	        err) == -1 ||
	    store_commit(st, err) == -1) {
		store_rollback(st);
		return -1;
	}
	return 1;
}

int
outbox_forget_youth(
    struct store *st, const char *youth_id, struct rotad_error *err)
{
	static const char *const sqls[] = {
	    sql_forget_outbox, sql_forget_links, sql_forget_optout};

	for (size_t i = 0; i < sizeof(sqls) / sizeof(sqls[0]); i++) {
		sqlite3_stmt *s = store_stmt_cached(st, sqls[i]);
		if (s == NULL)
			return fail(st, SQLITE_ERROR, "forget mail", err);
		text(s, 1, youth_id);
		if (done(st, s, "forget a youth's mail", err) == -1)
			return -1;
	}
	return 0;
}

void
outbox_mask_address(const char *addr, char *buf, size_t len)
{
	const char *at = strchr(addr, '@');

	if (at == NULL || at == addr)
		snprintf(buf, len, "***");
	else
		snprintf(buf, len, "%c***%s", addr[0], at);
}

json_t *
outbox_recent_json(struct store *st, int limit)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_recent);
	json_t *a = json_array();
	char masked[300];

	if (s == NULL)
		return a;
	sqlite3_bind_int(s, 1, limit);
	while (sqlite3_step(s) == SQLITE_ROW) {
		json_t *o = json_object();
		outbox_mask_address((const char *)sqlite3_column_text(s, 2),
		    masked, sizeof(masked));
		json_object_set_new(
		    o, "id", json_integer(sqlite3_column_int64(s, 0)));
		json_object_set_new(o, "kind",
		    json_string((const char *)sqlite3_column_text(s, 1)));
		json_object_set_new(o, "recipient", json_string(masked));
		json_object_set_new(o, "recipient_kind",
		    json_string((const char *)sqlite3_column_text(s, 7)));
		json_object_set_new(o, "state",
		    json_string((const char *)sqlite3_column_text(s, 3)));
		json_object_set_new(
		    o, "attempts", json_integer(sqlite3_column_int(s, 4)));
		json_object_set_new(
		    o, "created_at", json_integer(sqlite3_column_int64(s, 5)));
		json_object_set_new(
		    o, "not_before", json_integer(sqlite3_column_int64(s, 8)));
		json_object_set_new(o, "sent_at",
		    sqlite3_column_type(s, 6) == SQLITE_NULL
		        ? json_null()
		        : json_integer(sqlite3_column_int64(s, 6)));
		json_array_append_new(a, o);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return a;
}

/* Column i as a JSON string (null when NULL). */
static json_t *
jcol(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? json_string((const char *)t) : json_null();
}

json_t *
outbox_youth_json(struct store *st, const char *youth_id)
{
	sqlite3_stmt *s = store_stmt_cached(st, sql_youth_messages);
	json_t *msgs = json_array(), *outs = json_array();
	int rc;

	if (s == NULL)
		goto bad;
	text(s, 1, youth_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(s, 1);
		json_t *o = json_object();
		json_object_set_new(
		    o, "id", json_integer(sqlite3_column_int64(s, 0)));
		json_object_set_new(o, "kind", jcol(s, 1));
		json_object_set_new(o, "to",
		    json_string(kind && strcmp(kind, OUTBOX_KIND_CONSENT) == 0
		            ? "guardian"
		            : "youth"));
		json_object_set_new(o, "recipient", jcol(s, 2));
		json_object_set_new(o, "subject", jcol(s, 3));
		json_object_set_new(o, "state", jcol(s, 4));
		json_object_set_new(
		    o, "attempts", json_integer(sqlite3_column_int(s, 5)));
		json_object_set_new(
		    o, "created_at", json_integer(sqlite3_column_int64(s, 6)));
		json_object_set_new(
		    o, "not_before", json_integer(sqlite3_column_int64(s, 7)));
		json_object_set_new(o, "sent_at",
		    sqlite3_column_type(s, 8) == SQLITE_NULL
		        ? json_null()
		        : json_integer(sqlite3_column_int64(s, 8)));
		json_array_append_new(msgs, o);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE ||
	    (s = store_stmt_cached(st, sql_youth_optouts)) == NULL)
		goto bad;
	text(s, 1, youth_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(outs,
		    json_pack("{s:o, s:I}", "kind", jcol(s, 0), "at",
		        (json_int_t)sqlite3_column_int64(s, 1)));
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE)
		goto bad;
	return json_pack("{s:o, s:o}", "messages", msgs, "opt_outs", outs);
bad:
	json_decref(msgs);
	json_decref(outs);
	return NULL;
}
