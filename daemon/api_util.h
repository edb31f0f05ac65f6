/* SPDX-License-Identifier: ISC */
/*
 * Helpers shared by the API handlers: write transactions with their audit
 * record, the labour-law gate on changes, readable id generation, and the
 * parsing of list parameters (limit, cursor, from, to).
 */
#ifndef ROTAD_API_UTIL_H
#define ROTAD_API_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "api.h"
#include "model.h"

/*
 * Commits a write that leaves the loaded model as it is (a session, a
 * user, a feed link; every change of the model's entities goes through
 * api_change or api_batch_try): `write` stores it inside one transaction
 * together with an audit row (action, entity, id, before and after as
 * JSON, either may be NULL).  Afterwards, committed or not, the loaded
 * state is kept and its version moves; `write` must not touch the model.
 * Replies with the error and returns -1 on failure (the transaction is
 * rolled back, nothing changes).
 */
int api_commit(struct api_ctx *ctx,
    int (*write)(struct api_ctx *ctx, void *arg, struct rotad_error *err),
    void *arg, const char *action, const char *entity, const char *id,
    const json_t *before, const json_t *after);

/*
 * Makes one change (change.h) through the labour-law gate, with the
 * request's actor, the time now and ?force: in the loaded state in place
 * and in the store, in one transaction with its audit row.  Returns 0
 * when committed (res->violations then lists what was forced through, or
 * is NULL); otherwise replies itself (409 with the new violations when
 * the gate refuses) and returns -1.  Release res with
 * change_result_clear().
 */
struct change;
struct change_result;
int api_change(
    struct api_ctx *ctx, struct change *c, struct change_result *res);
/*
 * api_change() without the query (c->force and c->force_reason as the
 * caller set them) and without a reply: returns 0 when committed, or -1
 * with err set (RULE_VIOLATION with the new violations in res, to be
 * released with change_result_clear(); otherwise res is empty).  For the
 * forms of the pages without JavaScript (web_visit.c).
 */
int api_change_try(struct api_ctx *ctx, struct change *c,
    struct change_result *res, struct rotad_error *err);

/*
 * A batch of many rows (change.h: a schedule run applied, a purge, a
 * visit series) with the request's actor and the time now: in the loaded
 * state in place and in the store, in one transaction.  No reply: 0 when
 * committed, or -1 with err set (res as api_change_try()'s).
 */
struct change_batch;
int api_batch_try(struct api_ctx *ctx, struct change_batch *b,
    struct change_result *res, struct rotad_error *err);

/*
 * While an import is being written (rotad.importing), replies 503 with
 * Retry-After and returns -1: every write on the loop asks first.
 */
int api_refuse_while_importing(struct api_ctx *ctx);

/*
 * ?reason=: why a person forces a change past the labour-law gate, kept
 * in the audit row (*reason NULL when absent or empty).  Replies 400 and
 * returns -1 when it holds a control character or is longer than
 * API_FORCE_REASON_MAX bytes.
 */
#define API_FORCE_REASON_MAX 500
int api_force_reason(struct api_ctx *ctx, const char **reason);

/*
 * A forced change's answer: `out` gets forced_violations (the first
 * RULES_JSON_LIST_MAX, borrowed) and forced_violations_total (how many in
 * all), as the 409 it overrode gave violations and violations_total.
 * Nothing when forced is NULL (nothing was forced).
 */
void api_add_forced(json_t *out, json_t *forced, size_t total);

/* The 409 of a change the labour-law gate refuses (fresh is borrowed). */
void api_reply_rule_refusal(struct api_ctx *ctx, json_t *fresh, size_t nfresh);

/* api_instance(), replying with the error itself when it fails. */
const struct model_instance *api_instance_or_reply(struct api_ctx *ctx);

/*
 * The labour-law gate: checks `after` (a linked candidate instance) and
 * refuses the change when it creates a violation that `before` did not
 * have (409 rule_violation with the list), unless ?force=true.  Replies
 * and returns -1 when refused or on bad input; returns 0 to go ahead.
 * With force, *forced is set to the new violations (a new reference, or
 * NULL) for the audit record.  Both lists hold at most
 * RULES_JSON_LIST_MAX violations (the first ones); the 409 gives the
 * whole number as violations_total.
 */
int api_gate_change(struct api_ctx *ctx, const struct model_instance *before,
    const struct model_instance *after, json_t **forced);

/*
 * api_gate_change(), also giving the number of new violations when
 * forced: *forced lists at most RULES_JSON_LIST_MAX of them.
 */
int api_gate_change_total(struct api_ctx *ctx,
    const struct model_instance *before, const struct model_instance *after,
    json_t **forced, size_t *forced_total);

/*
 * A readable id from a name ("Solheim sykehjem" -> "solheim-sykehjem",
 * Norwegian letters folded), made unique with "-2", "-3" ... by `taken`.
 * Returns a new string.
 */
char *api_id_from_text(const char *text, const char *fallback,
    bool (*taken)(const struct model_instance *inst, const char *id),
    const struct model_instance *inst);

/*
 * A new assignment id: "a" and a number never given before (issue 12.2;
 * api_assignments.c).  Returns a new string.
 */
struct store;
char *api_new_assignment_id(
    struct store *st, const struct model_instance *inst);

/* List paging: limit (1..ROTAD_MAX_PAGE_LIMIT) and the cursor (the last
 * id of the previous page).  Replies and returns -1 on bad values. */
int api_page_params(struct api_ctx *ctx, size_t *limit, const char **cursor);

/*
 * A from/to query parameter: "YYYY-MM-DD" (from: 00:00 that day; to: the
 * end of that day) or "YYYY-MM-DDTHH:MM".  *present is false when absent.
 * Replies and returns -1 on a bad value.
 */
int api_time_param(struct api_ctx *ctx, const char *name, bool is_end,
    int64_t *wall, bool *present);

/* A boolean query parameter: absent, "true"/"1" or "false"/"0". */
int api_bool_param(struct api_ctx *ctx, const char *name, bool *value);

/* Parses a merge patch (RFC 7396) over `current`; returns a new object. */
json_t *api_merge_patch(const json_t *current, const json_t *patch);

#endif /* ROTAD_API_UTIL_H */
