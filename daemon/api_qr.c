/* SPDX-License-Identifier: ISC */
/*
 * This file contains POST /api/v1/qr (issue 19): the QR code of a short
 * text as image/svg+xml, for the youth panel's feed link.  The text comes
 * in the JSON body, never in the URL: a feed link is a secret, and URLs
 * land in logs.  The answer is not stored anywhere (no-store) and carries
 * a CSP of its own that forbids everything, in case it is ever opened as
 * a document instead of an image.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api.h"
#include "qr.h"
#include "rotad.h"

static void
qr_post(struct api_ctx *ctx)
{
	json_t *text = NULL;
	const char *key;
	json_t *v;
	char *svg;

	if (!json_is_object(ctx->body)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the body must be a JSON object");
		return;
	}
	json_object_foreach(ctx->body, key, v)
	{
		if (strcmp(key, "text") != 0) {
			api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_FIELD, key,
			    "unknown field '%s'", key);
			return;
		}
		text = v;
	}
	if (text == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_MISSING_FIELD, "text",
		    "'%s' is required", "text");
		return;
	}
	if (!json_is_string(text) || json_string_length(text) == 0 ||
	    json_string_length(text) > QR_MAX_TEXT ||
	    strlen(json_string_value(text)) != json_string_length(text)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "text",
		    "'text' must be a text of 1 to %d bytes", QR_MAX_TEXT);
		return;
	}
	if ((svg = qr_svg(json_string_value(text), NULL)) == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "text",
		    "'text' cannot be made into a QR code");
		return;
	}
	api_add_header(ctx, "Cache-Control", "no-store");
	api_add_header(ctx, "Content-Security-Policy",
	    "default-src 'none'; frame-ancestors 'none'");
	api_reply_raw(ctx, 200, "image/svg+xml", svg, strlen(svg));
	free(svg);
}

const struct api_route api_qr_routes[] = {
    {API_POST, "/api/v1/qr", qr_post, API_AUTH | API_BODY | API_BODY_SMALL},
    {0, NULL, NULL, 0},
};
