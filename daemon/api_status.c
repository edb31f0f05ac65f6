/* SPDX-License-Identifier: ISC */
/*
 * This file contains the status handlers: GET /healthz (no token; 200 when
 * the database file is still in place and answers, 503 otherwise), GET /api/v1
 * (the version), GET /metrics (Prometheus text; an API token or the metrics
 * token) and GET /api/v1/openapi.json (the API description, no token).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "auth.h"
#include "feed_cache.h"
#include "http.h"
#include "mail_sender.h"
#include "model.h"
#include "rotad.h"
#include "stats.h"
#include "store.h"

static void
healthz(struct api_ctx *ctx)
{
	struct rotad_error err;

	/* A database deleted or replaced under rotad fails too (18.7). */
	rotad_error_clear(&err);
	if (store_files_ok(ctx->rd->store, &err) == -1)
		api_reply_error(ctx, &err);
	else if (store_ping(ctx->rd->store) == 0 && ctx->rd->importing)
		api_reply_json(ctx, 200,
		    json_pack(
		        "{s:s, s:s}", "status", "ok", "import", "running"));
	else if (store_ping(ctx->rd->store) == 0)
		api_reply_json(ctx, 200, json_pack("{s:s}", "status", "ok"));
	else
		api_reply_errorf(ctx, ROTAD_ERR_UNAVAILABLE, NULL,
		    "the database does not answer");
}

static void
version(struct api_ctx *ctx)
{
	api_reply_json(ctx, 200,
	    json_pack("{s:s, s:s, s:i, s:i}", "name", "rotad", "version",
	        ROTA_VERSION, "api", 1, "instance_format",
	        MODEL_FORMAT_VERSION));
}

/* The metrics token, compared through hashes in constant time. */
static bool
metrics_token_ok(struct api_ctx *ctx)
{
	const char *t = api_bearer(ctx);
	unsigned char a[AUTH_HASH_LEN], b[AUTH_HASH_LEN];

	if (t == NULL || ctx->rd->conf.metrics_token == NULL)
		return false;
	auth_token_hash(t, a);
	auth_token_hash(ctx->rd->conf.metrics_token, b);
	return auth_hash_equal(a, b);
}

static void
metrics(struct api_ctx *ctx)
{
	uint64_t hits, misses;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!metrics_token_ok(ctx) && !api_token_ok(ctx)) {
		if (!api_throttle_bad_token(ctx))
			api_reply_errorf(ctx, ROTAD_ERR_UNAUTHORIZED, NULL,
			    "send the metrics token or an API token as "
			    "'Authorization: Bearer TOKEN'");
		return;
	}
	feed_cache_stats(ctx->rd->feeds, &hits, &misses);
	if ((f = open_memstream(&text, &len)) == NULL) {
		api_reply_errorf(
		    ctx, ROTAD_ERR_INTERNAL, NULL, "out of memory");
		return;
	}
	stats_write(f, hits, misses, store_size_bytes(ctx->rd->store),
	    (long)http_open_connections(ctx->rd));
	mail_sender_metrics(f, ctx->rd);
	fclose(f);
	api_reply_raw(
	    ctx, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
	free(text);
}

/* docs/openapi.json, embedded at build time (cmake/embed_file.cmake). */
extern const char openapi_json[];
extern const size_t openapi_json_len;

static void
openapi(struct api_ctx *ctx)
{
	api_reply_raw(
	    ctx, 200, "application/json", openapi_json, openapi_json_len);
}

const struct api_route api_status_routes[] = {
    {API_GET | API_HEAD, "/metrics", metrics, API_SECRET},
    {API_GET | API_HEAD, "/healthz", healthz, 0},
    {API_GET | API_HEAD, "/api/v1", version, API_AUTH},
    {API_GET | API_HEAD, "/api/v1/openapi.json", openapi, 0},
    {0, NULL, NULL, 0},
};
