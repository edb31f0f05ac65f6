/* SPDX-License-Identifier: ISC */
/*
 * This file contains the assignment handlers: list with filters, get,
 * create, merge-patch update, delete, and cancel (a sick call).  Each
 * handler parses, calls the change module (api_change) and replies; every
 * change passes its labour-law gate except a cancel, which records a fact:
 * the youth is not coming.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_etag.h"
#include "api_schedule.h"
#include "api_publish.h"
#include "api_util.h"
#include "change.h"
#include "instance_json.h"
#include "model.h"
#include "rotad.h"
#include "state.h"
#include "store.h"
#include "users.h"
#include "xmalloc.h"

static json_t *
assignment_json(const struct model_instance *inst, size_t i)
{
	return instance_assignment_to_json(&inst->assignments[i], true);
}

static void
assignments_list(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	const char *cursor, *last = NULL, *home, *youth, *slot, *status;
	const char *region;
	int64_t from = 0, to = 0;
	bool has_from, has_to, more = false, names;
	size_t limit, n = 0;
	json_t *items;

	if (api_page_params(ctx, &limit, &cursor) == -1 ||
	    api_time_param(ctx, "from", false, &from, &has_from) == -1 ||
	    api_time_param(ctx, "to", true, &to, &has_to) == -1 ||
	    api_bool_param(ctx, "names", &names) == -1)
		return;
	/*
	 * ?names=true: each youth's name beside the id, so that the board
	 * needs no list of every youth (6.5 MB at 20,000 youths) for the
	 * names of a week's visits.  Only for those who may read youths.
	 */
	if (ctx->who == NULL || ctx->who->role < USER_ROLE_COORDINATOR)
		names = false;
	home = api_query(ctx, "home");
	region = api_query(ctx, "region");
	youth = api_query(ctx, "youth");
	slot = api_query(ctx, "slot");
	status = api_query(ctx, "status");
	if (status != NULL && strcmp(status, "active") != 0 &&
	    strcmp(status, "cancelled") != 0) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "status",
		    "status must be 'active' or 'cancelled'");
		return;
	}
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	items = json_array();
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *s = &inst->slots[a->slot_idx];
		if (cursor != NULL && strcmp(a->id, cursor) <= 0)
			continue;
		if ((youth && strcmp(a->youth, youth) != 0) ||
		    (slot && strcmp(a->slot, slot) != 0) ||
		    (home && strcmp(s->home, home) != 0) ||
		    (region &&
		        !model_home_in_region(
		            &inst->homes[s->home_idx], region)) ||
		    (has_from && s->end <= from) || (has_to && s->start >= to))
			continue;
		if (status != NULL &&
		    (a->status == MODEL_ASSIGNMENT_CANCELLED) !=
		        (strcmp(status, "cancelled") == 0))
			continue;
		if (n == limit) {
			more = true;
			break;
		}
		json_t *item = assignment_json(inst, i);
		api_publish_mark_assignment(ctx, a, item);
		if (names)
			json_object_set_new(item, "youth_name",
			    json_string(inst->youths[a->youth_idx].name));
		json_array_append_new(items, item);
		last = a->id;
		n++;
	}
	api_reply_json(ctx, 200,
	    json_pack("{s:o, s:s?}", "assignments", items, "next_cursor",
	        more ? last : NULL));
}

static long
find_or_reply(struct api_ctx *ctx, const struct model_instance *inst)
{
	long i = state_find_assignment(inst, ctx->params[0]);

	if (i < 0)
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no assignment has id '%s'", ctx->params[0]);
	return i;
}

/* If-Match against assignment i as GET shows it; replies 412 on -1. */
static int
if_match(struct api_ctx *ctx, const struct model_instance *inst, long i)
{
	json_t *current = assignment_json(inst, (size_t)i);
	int rc = api_if_match(ctx, current);

	json_decref(current);
	return rc;
}

static void
assignment_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	long i;

	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    (i = find_or_reply(ctx, inst)) < 0)
		return;
	{
		json_t *repr = assignment_json(inst, (size_t)i);
		api_set_etag(ctx, repr);
		/* After the ETag, which If-Match compares with the entity. */
		api_publish_mark_assignment(ctx, &inst->assignments[i], repr);
		api_reply_json(ctx, 200, repr);
	}
}

static bool
taken_assignment(const struct model_instance *inst, const char *id)
{
	return state_find_assignment(inst, id) >= 0;
}

/* A new assignment id: "a" and a number never given before (12.2). */
char *
api_new_assignment_id(struct store *st, const struct model_instance *inst)
{
	char id[32];

	for (int64_t n = store_assignment_id_floor(st) + 1;; n++) {
		snprintf(id, sizeof(id), "a%lld", (long long)n);
		if (!taken_assignment(inst, id))
			return xstrdup(id);
	}
}

/*
 * Stores `a` (new when index < 0, else replacing assignment `index`)
 * after the reference checks and, with `gate`, the labour-law gate, and
 * answers with what was stored.
 */
static void
assignment_save(struct api_ctx *ctx, const struct model_instance *inst,
    long index, struct model_assignment *a, bool gate)
{
	struct change c;
	struct change_result res;
	long slot, youth, i;
	json_t *out;

	if ((slot = state_find_slot(inst, a->slot)) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_REFERENCE, "slot",
		    "no slot has id '%s'", a->slot);
		return;
	}
	if ((youth = state_find_youth(inst, a->youth)) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_REFERENCE, "youth",
		    "no youth has id '%s'", a->youth);
		return;
	}
	for (size_t k = 0;
	     a->status == MODEL_ASSIGNMENT_ACTIVE && k < inst->nassignments;
	     k++) {
		const struct model_assignment *o = &inst->assignments[k];
		if ((long)k != index && o->status == MODEL_ASSIGNMENT_ACTIVE &&
		    o->slot_idx == (size_t)slot &&
		    o->youth_idx == (size_t)youth) {
			api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
			    "youth '%s' is already on slot '%s' (assignment "
			    "'%s')",
			    a->youth, a->slot, o->id);
			return;
		}
	}
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = index < 0 ? CHANGE_CREATE : CHANGE_UPDATE;
	c.id = index < 0 ? NULL : a->id;
	c.value.assignment = a;
	c.gate = gate;
	if (api_change(ctx, &c, &res) == -1)
		return;
	/* Reply with what was stored, bookkeeping included. */
	inst = ctx->rd->cache;
	i = state_find_assignment(inst, a->id);
	out = assignment_json(inst, (size_t)i);
	api_set_etag(ctx, out);
	api_add_forced(out, res.violations, res.nviolations);
	if (index < 0) {
		char *loc = xasprintf("/api/v1/assignments/%s", a->id);
		api_add_header(ctx, "Location", loc);
		free(loc);
	}
	api_reply_json(ctx, index < 0 ? 201 : 200, out);
	change_result_clear(&res);
}

static void
assignment_create(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_assignment a;
	struct rotad_error err;
	json_t *body;

	if (!json_is_object(ctx->body)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the body must be a JSON object");
		return;
	}
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	/* A coordinator's assignment is pinned unless said otherwise. */
	body = json_deep_copy(ctx->body);
	if (json_object_get(body, "pinned") == NULL)
		json_object_set_new(body, "pinned", json_true());
	memset(&a, 0, sizeof(a));
	rotad_error_clear(&err);
	if (instance_assignment_from_json(body, "", &a, &err) == -1) {
		json_decref(body);
		api_reply_error(ctx, &err);
		return;
	}
	json_decref(body);
	if (a.id == NULL)
		a.id = api_new_assignment_id(ctx->rd->store, inst);
	else if (taken_assignment(inst, a.id)) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, "id",
		    "an assignment with id '%s' exists already", a.id);
		model_assignment_clear(&a);
		return;
	}
	a.made_by = MODEL_MADE_BY_COORDINATOR;
	assignment_save(ctx, inst, -1, &a, true);
	model_assignment_clear(&a);
}

/* Keys that the API writes but a client cannot set. */
static const char *const output_only[] = {"made_by", "seq", "created_at",
    "updated_at", "forced_violations", "forced_violations_total"};

static void
assignment_patch(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_assignment a;
	struct rotad_error err;
	json_t *current, *merged;
	long i;

	if (!json_is_object(ctx->body)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the body must be a JSON object (a merge patch)");
		return;
	}
	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    (i = find_or_reply(ctx, inst)) < 0 || if_match(ctx, inst, i) == -1)
		return;
	current = instance_assignment_to_json(&inst->assignments[i], false);
	merged = api_merge_patch(current, ctx->body);
	/* Output-only keys of a GET may come back unchanged; drop them. */
	for (size_t k = 0; k < sizeof(output_only) / sizeof(output_only[0]);
	     k++)
		json_object_del(merged, output_only[k]);
	memset(&a, 0, sizeof(a));
	rotad_error_clear(&err);
	if (instance_assignment_from_json(merged, "", &a, &err) == -1) {
		api_reply_error(ctx, &err);
		goto done;
	}
	if (a.id == NULL || strcmp(a.id, inst->assignments[i].id) != 0) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "id",
		    "the id of an assignment cannot change");
		goto done;
	}
	a.made_by = MODEL_MADE_BY_COORDINATOR;
	a.created_at = inst->assignments[i].created_at;
	assignment_save(ctx, inst, i, &a, true);
done:
	model_assignment_clear(&a);
	json_decref(current);
	json_decref(merged);
}

static void
assignment_delete(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct change c;
	struct change_result res;
	long i;

	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    (i = find_or_reply(ctx, inst)) < 0 || if_match(ctx, inst, i) == -1)
		return;
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_DELETE;
	c.id = ctx->params[0];
	c.gate = true;
	if (api_change(ctx, &c, &res) == 0)
		api_reply_empty(ctx);
	change_result_clear(&res);
}

/*
 * A sick call with refill: the assignment is cancelled (a fact, so it
 * always goes through) and, in the same transaction, another youth who
 * may legally take the slot is put on it, changing nothing else.  When
 * nobody can, the answer says why.
 */
static void
cancel_and_refill(
    struct api_ctx *ctx, const struct model_instance *inst, size_t i)
{
	struct model_assignment repl;
	struct change c;
	struct change_result res;
	char why[512] = "";
	json_t *out;
	bool found;
	long k;

	memset(&repl, 0, sizeof(repl));
	found = api_schedule_refill(inst, i, &repl, why, sizeof(why)) == 0;
	if (found) {
		free(repl.id);
		repl.id = api_new_assignment_id(ctx->rd->store, inst);
		repl.made_by = MODEL_MADE_BY_SOLVER;
	}
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_CANCEL;
	c.id = ctx->params[0];
	c.replacement = found ? &repl : NULL;
	if (api_change(ctx, &c, &res) == 0) {
		inst = ctx->rd->cache;
		out = assignment_json(
		    inst, (size_t)state_find_assignment(inst, ctx->params[0]));
		api_set_etag(ctx, out); /* before the replacement is added */
		if (found && (k = state_find_assignment(inst, repl.id)) >= 0) {
			json_object_set_new(out, "replacement",
			    assignment_json(inst, (size_t)k));
		} else {
			json_object_set_new(out, "replacement", json_null());
			json_object_set_new(
			    out, "refill_reason", json_string(why));
		}
		api_reply_json(ctx, 200, out);
	}
	change_result_clear(&res);
	model_assignment_clear(&repl);
}

static void
assignment_cancel(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_assignment a;
	json_t *refill = NULL;
	long i;

	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    (i = find_or_reply(ctx, inst)) < 0 || if_match(ctx, inst, i) == -1)
		return;
	if (inst->assignments[i].status == MODEL_ASSIGNMENT_CANCELLED) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
		    "assignment '%s' is already cancelled", ctx->params[0]);
		return;
	}
	if (ctx->body != NULL) {
		const char *key;
		json_t *v;
		if (!json_is_object(ctx->body)) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
			    "the body must be a JSON object");
			return;
		}
		json_object_foreach(ctx->body, key, v)
		{
			if (strcmp(key, "refill") != 0) {
				api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_FIELD,
				    key, "unknown field '%s'", key);
				return;
			}
			if (!json_is_boolean(v)) {
				api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
				    "refill", "refill must be true or false");
				return;
			}
			refill = v;
		}
	}
	if (json_is_true(refill)) {
		cancel_and_refill(ctx, inst, (size_t)i);
		return;
	}
	model_assignment_copy(&a, &inst->assignments[i]);
	a.status = MODEL_ASSIGNMENT_CANCELLED;
	assignment_save(ctx, inst, i, &a, false);
	model_assignment_clear(&a);
}

/*
 * GET /api/v1/assignments/{id}/replacement: whom a sick call with
 * refill would put on the visit now (the same choice as
 * cancel_and_refill(), nothing written), or why nobody, so that the
 * coordinator sees the replacement before accepting it.
 */
static void
assignment_replacement(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_assignment repl;
	char why[512] = "";
	json_t *out;
	long i, y;

	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    (i = find_or_reply(ctx, inst)) < 0)
		return;
	if (inst->assignments[i].status == MODEL_ASSIGNMENT_CANCELLED) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
		    "assignment '%s' is already cancelled", ctx->params[0]);
		return;
	}
	memset(&repl, 0, sizeof(repl));
	if (api_schedule_refill(inst, (size_t)i, &repl, why, sizeof(why)) ==
	    0) {
		y = state_find_youth(inst, repl.youth);
		out = json_pack("{s:s, s:{s:s, s:s?}}", "assignment",
		    ctx->params[0], "replacement", "youth", repl.youth, "name",
		    y >= 0 ? inst->youths[y].name : NULL);
	} else {
		out = json_pack("{s:s, s:n, s:s}", "assignment", ctx->params[0],
		    "replacement", "refill_reason", why);
	}
	model_assignment_clear(&repl);
	api_reply_json(ctx, 200, out);
}

const struct api_route api_assignment_routes[] = {
    {API_GET | API_HEAD, "/api/v1/assignments", assignments_list, API_AUTH},
    {API_POST, "/api/v1/assignments", assignment_create, API_AUTH | API_BODY},
    {API_GET | API_HEAD, "/api/v1/assignments/:id", assignment_get, API_AUTH},
    {API_PATCH, "/api/v1/assignments/:id", assignment_patch,
        API_AUTH | API_BODY},
    {API_DELETE, "/api/v1/assignments/:id", assignment_delete, API_AUTH},
    {API_POST, "/api/v1/assignments/:id/cancel", assignment_cancel,
        API_AUTH | API_BODY_OPTIONAL},
    {API_GET | API_HEAD, "/api/v1/assignments/:id/replacement",
        assignment_replacement, API_AUTH},
    {0, NULL, NULL, 0},
};
