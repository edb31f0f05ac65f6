/* SPDX-License-Identifier: ISC */
/*
 * Youths' requests to the coordinator (issue 16, sql/0009_requests.sql):
 * a claim of an open visit waiting for approval, a day off over an
 * assignment, a visit given away.  Statements of their own on the store's
 * connection (store_stmt_cached), as store_series.c does; call the writes
 * inside a write transaction that also writes the audit row.
 */
#ifndef ROTAD_STORE_REQUESTS_H
#define ROTAD_STORE_REQUESTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "model.h"
#include "store.h"

enum request_kind { REQUEST_CLAIM, REQUEST_DAY_OFF, REQUEST_GIVE_AWAY };

enum request_state {
	REQUEST_OPEN,     /* waiting: for a coordinator, or for a taker */
	REQUEST_APPROVED, /* a coordinator approved it; carried out */
	REQUEST_DECLINED, /* a coordinator declined it; nothing done */
	REQUEST_DONE      /* carried out without a coordinator */
};

#define REQUEST_ACTOR_MAX 80

struct request {
	int64_t id;
	enum request_kind kind;
	enum request_state state;
	char youth[MODEL_ID_MAX + 1]; /* who asks */
	char slot[MODEL_ID_MAX + 1];  /* the visit; "" for none */
	int64_t start, end;           /* a day off: wall minutes; else 0 */
	char taker[MODEL_ID_MAX + 1]; /* a give-away's taker; "" for none */
	int64_t created_at, updated_at;
	char decided_by[REQUEST_ACTOR_MAX]; /* "" while undecided */
};

const char *request_kind_name(enum request_kind k);
const char *request_state_name(enum request_state s);
/* 0 and *out, or -1 for a name that is none. */
int request_kind_parse(const char *name, enum request_kind *out);
int request_state_parse(const char *name, enum request_state *out);

/* Stores a new request; sets r->id.  0 or -1 with err. */
int store_request_insert(
    struct store *st, struct request *r, struct rotad_error *err);
/* Writes state, taker, updated_at and decided_by of r->id. */
int store_request_update(
    struct store *st, const struct request *r, struct rotad_error *err);
/* 1 and *out, 0 when there is none, -1 on an error. */
int store_request_get(struct store *st, int64_t id, struct request *out);
/*
 * The requests matching the filters (NULL: any), oldest first: a new
 * array of *n for free().  youth matches the asker or the taker.
 */
int store_requests_list(struct store *st, const enum request_kind *kind,
    const enum request_state *state, const char *youth, struct request **out,
    size_t *n, struct rotad_error *err);

/* The API form of a request (docs/api.md, "Requests"). */
json_t *request_to_json(const struct request *r);

#endif /* ROTAD_STORE_REQUESTS_H */
