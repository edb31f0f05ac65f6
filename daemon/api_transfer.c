/* SPDX-License-Identifier: ISC */
/*
 * This file contains import and export of whole instances: POST
 * /api/v1/import replaces the stored schedule with a validated instance in
 * one transaction (all or nothing), GET /api/v1/export returns the stored
 * state as an instance that imports back to the same state.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_util.h"
#include "instance_json.h"
#include "model.h"
#include "rotad.h"
#include "store.h"

static void
export_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct rotad_error err;

	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return;
	}
	api_reply_json(ctx, 200, instance_to_json(inst));
}

static int
import_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	if (store_replace_all(ctx->rd->store, arg, api_now(), err) == -1)
		return -1;
	/* Links of youths and homes the import dropped stop working. */
	return store_feed_tokens_revoke_orphans(ctx->rd->store, api_now(), err);
}

static void
import_post(struct api_ctx *ctx)
{
	const struct model_instance *current;
	struct model_instance *inst;
	struct rotad_error err;
	json_t *forced = NULL, *summary;
	size_t nforced = 0;

	rotad_error_clear(&err);
	if ((inst = instance_from_json(ctx->body, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return;
	}
	/*
	 * An import may not bring violations that the stored schedule does
	 * not have already (so re-importing an export passes), unless forced.
	 */
	rotad_error_clear(&err);
	if ((current = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		model_instance_free(inst);
		return;
	}
	if (api_gate_change_total(ctx, current, inst, &forced, &nforced) ==
	    -1) {
		model_instance_free(inst);
		return;
	}
	summary = json_pack("{s:I, s:I, s:I, s:I}", "homes",
	    (json_int_t)inst->nhomes, "youths", (json_int_t)inst->nyouths,
	    "slots", (json_int_t)inst->nslots, "assignments",
	    (json_int_t)inst->nassignments);
	if (forced != NULL) {
		/* The first RULES_JSON_LIST_MAX, and how many in all. */
		json_object_set(summary, "forced_violations", forced);
		json_object_set_new(summary, "forced_violations_total",
		    json_integer((json_int_t)nforced));
	}
	if (api_commit(ctx, import_write, inst, "import", "instance", NULL,
	        NULL, summary) == 0)
		api_reply_json(
		    ctx, 200, json_pack("{s:O}", "imported", summary));
	json_decref(summary);
	json_decref(forced);
	model_instance_free(inst);
}

const struct api_route api_transfer_routes[] = {
    {API_GET | API_HEAD, "/api/v1/export", export_get, API_AUTH},
    {API_POST, "/api/v1/import", import_post, API_AUTH | API_BODY},
    {0, NULL, NULL, 0},
};
