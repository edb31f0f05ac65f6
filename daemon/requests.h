/* SPDX-License-Identifier: ISC */
/*
 * What a youth does on their own page, and what a coordinator answers
 * (issue 16): claim an open visit, give one away, take one a colleague
 * gives away, mark a day off; approve or decline a request.  Every change
 * of the plan goes through change_apply() (the labour-law gate at that
 * moment, one transaction with its audit row), with the request's row
 * written in the same transaction (struct change's `also`); a request
 * that only waits is written with its own audit row.
 *
 * Messages of refusals (the violations in res) are in the calling
 * thread's language.
 */
#ifndef ROTAD_REQUESTS_H
#define ROTAD_REQUESTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "change.h"
#include "error.h"
#include "store_requests.h"

struct rotad;

/* What a youth's action came to. */
enum requests_outcome {
	REQUESTS_DONE,    /* the plan changed */
	REQUESTS_PENDING, /* a request waits for a coordinator */
	REQUESTS_OFFERED  /* a give-away waits for a colleague */
};

/*
 * Youth `youth` claims slot `slot`: an open position, or a visit a
 * colleague gives away (a swap).  0 with *out; -1 with err: NOT_FOUND,
 * CONFLICT (full, on it already, past), RULE_VIOLATION (res->violations,
 * the gate's reasons), or a store error.  With claims_need_approval a
 * claim that is legal now becomes a request.
 */
int requests_claim(struct rotad *rd, const char *youth, const char *slot,
    const char *actor, int64_t now, enum requests_outcome *out,
    struct change_result *res, struct rotad_error *err);

/* Youth `youth` offers their visit `slot` to colleagues. */
int requests_give_away(struct rotad *rd, const char *youth, const char *slot,
    const char *actor, int64_t now, enum requests_outcome *out,
    struct rotad_error *err);

/*
 * Youth `youth` can't work in the wall times [start, end).  Added to the
 * youth's unavailable times at once, unless an active assignment falls
 * inside: then a request to the coordinator (*clash: that visit's slot
 * index) and the assignment is kept.
 */
int requests_day_off(struct rotad *rd, const char *youth, int64_t start,
    int64_t end, const char *actor, int64_t now, enum requests_outcome *out,
    long *clash, struct change_result *res, struct rotad_error *err);

/*
 * A coordinator's answer to request `id` (open): approve carries it out
 * through the gate (RULE_VIOLATION with res->violations when it became
 * illegal; CONFLICT when it cannot be done, such as a give-away nobody
 * has asked to take), decline only records it.  *r is the request after.
 */
int requests_approve(struct rotad *rd, int64_t id, const char *actor,
    int64_t now, struct request *r, struct change_result *res,
    struct rotad_error *err);
int requests_decline(struct rotad *rd, int64_t id, const char *actor,
    int64_t now, struct request *r, struct rotad_error *err);

/*
 * The request in a sentence for the coordinator, in the thread's
 * language, first names only: "Ida can't come on Thursday 14 January;
 * she is on Quiz at Solheim, 16:00-18:00."  Into buf.
 */
struct model_instance;
void requests_describe(const struct model_instance *inst,
    const struct request *r, char *buf, size_t len);

#endif /* ROTAD_REQUESTS_H */
