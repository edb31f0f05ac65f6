/*
 * This file contains the status handlers: GET /healthz (no token; 200 when
 * the database answers, 503 otherwise) and GET /api/v1 (the version).
 */
#include "api.h"
#include "model.h"
#include "rotad.h"
#include "store.h"

static void
healthz(struct api_ctx *ctx)
{
	if (store_ping(ctx->rd->store) == 0)
		api_reply_json(ctx, 200, json_pack("{s:s}", "status", "ok"));
	else
		api_reply_errorf(ctx, ROTAD_ERR_UNAVAILABLE, NULL,
		    "the database does not answer");
}

static void
version(struct api_ctx *ctx)
{
	api_reply_json(ctx, 200, json_pack("{s:s, s:s, s:i, s:i}", "name",
	    "rotad", "version", ROTA_VERSION, "api", 1, "instance_format",
	    MODEL_FORMAT_VERSION));
}

const struct api_route api_status_routes[] = {
	{API_GET | API_HEAD, "/healthz", healthz, 0},
	{API_GET | API_HEAD, "/api/v1", version, API_AUTH},
	{0, NULL, NULL, 0},
};
