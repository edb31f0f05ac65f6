/* SPDX-License-Identifier: ISC */
/*
 * Reading the audit log (GET /api/v1/audit): the rows newest first, with
 * filters and keyset paging, their before/after parsed and cleaned of
 * anything secret.  Statements of their own on the store's connection
 * (store_stmt_cached), as users.c and store_series.c do.
 */
#ifndef ROTAD_STORE_AUDIT_H
#define ROTAD_STORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "store.h"

/* The filters of one page; NULL / false / 0 for "any". */
struct store_audit_query {
	const char *entity;    /* "assignment", "user", ... */
	const char *entity_id; /* the entity's id (a user's login) */
	const char *actor;     /* a login, or a token's "login (token x)" */
	bool has_from, has_to;
	int64_t from, to; /* Unix seconds: from <= at < to */
	bool forced;      /* only rows that forced violations through */
	int64_t before;   /* the cursor: rows with a smaller id (0: none) */
	size_t limit;     /* rows on the page (1..) */
};

/*
 * One page of audit rows, newest first: *rows gets a new array of
 * {id, at (Unix seconds), actor, action, entity, entity_id, before,
 * after}, before/after parsed (null when empty) and passed through
 * store_audit_scrub(); *more says whether older rows match too.  A forced
 * change's after always has forced_violations (the rows of a forced
 * delete or settings change that hold the bare list get it wrapped).
 * Returns 0, or -1 with err set.
 */
int store_audit_page(struct store *st, const struct store_audit_query *q,
    json_t **rows, bool *more, struct rotad_error *err);

/*
 * Removes, at any depth, the keys that could hold a secret (a password,
 * its hash, a token or an invitation code); audit rows are not meant to
 * hold any, this keeps it so.
 */
void store_audit_scrub(json_t *j);

#endif /* ROTAD_STORE_AUDIT_H */
