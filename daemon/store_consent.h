/* SPDX-License-Identifier: ISC */
/*
 * The consent links (issue 16, sql/0013_consent.sql): a capability link a
 * coordinator makes for a youth's guardian, stored as the hash of its
 * token only, one active per youth, expiring, revocable.  Statements on
 * the store's connection (store_stmt_cached); the caller holds the
 * transaction for the writes.
 */
#ifndef ROTAD_STORE_CONSENT_H
#define ROTAD_STORE_CONSENT_H

#include <stdbool.h>
#include <stdint.h>

#include "auth.h"
#include "error.h"
#include "model.h"

struct store;

struct consent_link {
	int64_t id;
	char youth[MODEL_ID_MAX + 1];
	unsigned char hash[AUTH_HASH_LEN];
	int64_t created_at, expires_at; /* Unix seconds */
	int64_t revoked_at;             /* 0: not revoked */
};

/*
 * A new link for youth `youth` (hash of its token), working until
 * `expires_at`; the youth's older links are revoked at `now`.  0 or -1.
 */
int store_consent_create(struct store *st, const char *youth,
    const unsigned char hash[AUTH_HASH_LEN], int64_t now, int64_t expires_at,
    const char *actor, struct rotad_error *err);

/* Revokes the youth's links at `now`; *n: how many were active. */
int store_consent_revoke(struct store *st, const char *youth, int64_t now,
    int *n, struct rotad_error *err);

/* The link whose token has hash `hash`: 1 found, 0 not, -1 error. */
int store_consent_find(struct store *st,
    const unsigned char hash[AUTH_HASH_LEN], struct consent_link *out,
    struct rotad_error *err);

/*
 * Link `id` of youth `youth` made at `created_at` (the three: an id is
 * given again after a purge or an import) gets the token with hash
 * `hash` when it still works at `now` (not revoked, not expired):
 * *changed 1, else 0 (nothing written).  For the guardian's e-mail: the sender
 * makes the token when it sends (mail_sender.c); until then the row holds the
 * hash of a token nobody knows.  0 or -1.
 */
int store_consent_rekey(struct store *st, int64_t id, const char *youth,
    int64_t created_at, const unsigned char hash[AUTH_HASH_LEN], int64_t now,
    int *changed, struct rotad_error *err);

/* The youth's newest link not revoked (expired or not): 1, 0 or -1. */
int store_consent_current(struct store *st, const char *youth,
    struct consent_link *out, struct rotad_error *err);

#endif /* ROTAD_STORE_CONSENT_H */
