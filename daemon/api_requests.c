/* SPDX-License-Identifier: ISC */
/*
 * This file contains the coordinators' side of youths' requests (issue
 * 16):
 *
 *   GET  /api/v1/requests               ?kind= ?state= ?youth=
 *   POST /api/v1/requests/{id}/approve  carried out through the gate
 *   POST /api/v1/requests/{id}/decline
 *
 * The list is cut to the caller's scope by access.c (each request names
 * its visit's slot); approve and decline check the scope of the request's
 * visit here, as api_series.c does for a series.  The work is
 * requests.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_util.h"
#include "model.h"
#include "requests.h"
#include "rotad.h"
#include "state.h"
#include "store_requests.h"
#include "users.h"

/* A request with its description in the reader's language. */
static json_t *
request_json(struct api_ctx *ctx, const struct request *r)
{
	struct rotad_error err;
	const struct model_instance *inst = api_instance(ctx, &err);
	json_t *o = request_to_json(r);
	char text[1024];

	if (inst != NULL) {
		requests_describe(inst, r, text, sizeof(text));
		json_object_set_new(o, "message", json_string(text));
	}
	return o;
}

static void
requests_list(struct api_ctx *ctx)
{
	const char *kind = api_query(ctx, "kind");
	const char *state = api_query(ctx, "state");
	const char *youth = api_query(ctx, "youth");
	enum request_kind k;
	enum request_state s;
	struct rotad_error err;
	struct request *v;
	json_t *items;
	size_t n;

	if (kind != NULL && request_kind_parse(kind, &k) == -1) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "kind",
		    "kind must be 'claim', 'day_off' or 'give_away'");
		return;
	}
	if (state != NULL && request_state_parse(state, &s) == -1) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "state",
		    "state must be 'open', 'approved', 'declined' or 'done'");
		return;
	}
	if (api_instance_or_reply(ctx) == NULL)
		return;
	rotad_error_clear(&err);
	if (store_requests_list(ctx->rd->store, kind ? &k : NULL,
	        state ? &s : NULL, youth, &v, &n, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, request_json(ctx, &v[i]));
	free(v);
	api_reply_json(ctx, 200, json_pack("{s:o}", "requests", items));
}

/* The request :id ("r12"), or a reply (404, also outside the scope). */
static int
request_param(struct api_ctx *ctx, int64_t *id)
{
	const struct model_instance *inst;
	const char *p = ctx->params[0];
	struct request r;
	char *end;
	long long v;
	long s;

	if (p[0] == 'r' && p[1] >= '0' && p[1] <= '9') {
		v = strtoll(p + 1, &end, 10);
		if (*end == '\0' && v > 0) {
			*id = (int64_t)v;
			if (store_request_get(ctx->rd->store, *id, &r) != 1)
				goto none;
			if ((inst = api_instance_or_reply(ctx)) == NULL)
				return -1;
			s = r.slot[0] ? state_find_slot(inst, r.slot) : -1;
			if (ctx->who == NULL || s < 0 ||
			    user_in_scope(ctx->who, inst->slots[s].home))
				return 0;
		}
	}
none:
	api_reply_errorf(
	    ctx, ROTAD_ERR_NOT_FOUND, NULL, "no request has id '%s'", p);
	return -1;
}

static void
request_answer(struct api_ctx *ctx, bool approve)
{
	struct change_result res = {0};
	struct rotad_error err;
	struct request r;
	int64_t id;
	int rc;

	if (request_param(ctx, &id) == -1)
		return;
	rotad_error_clear(&err);
	rc = approve
	    ? requests_approve(
	          ctx->rd, id, ctx->actor, api_now(), &r, &res, &err)
	    : requests_decline(ctx->rd, id, ctx->actor, api_now(), &r, &err);
	if (rc == 0)
		api_reply_json(ctx, 200, request_json(ctx, &r));
	else if (err.code == ROTAD_ERR_RULE_VIOLATION && res.violations)
		api_reply_rule_refusal(ctx, res.violations, res.nviolations);
	else
		api_reply_error(ctx, &err);
	change_result_clear(&res);
}

static void
request_approve(struct api_ctx *ctx)
{
	request_answer(ctx, true);
}

static void
request_decline(struct api_ctx *ctx)
{
	request_answer(ctx, false);
}

const struct api_route api_requests_routes[] = {
    {API_GET | API_HEAD, "/api/v1/requests", requests_list, API_AUTH},
    {API_POST, "/api/v1/requests/:id/approve", request_approve, API_AUTH},
    {API_POST, "/api/v1/requests/:id/decline", request_decline, API_AUTH},
    {0, NULL, NULL, 0},
};
