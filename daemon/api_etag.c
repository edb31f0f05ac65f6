/* SPDX-License-Identifier: ISC */
/*
 * This file contains the entity tags of the API's entities and the
 * If-Match precondition.  A tag is the BLAKE2b hash (libsodium) of the
 * entity's compact JSON with sorted keys, so it changes exactly when
 * what GET shows changes, needs no version column, and is the same
 * across restarts.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "api.h"
#include "api_etag.h"
#include "i18n.h"
#include "xmalloc.h"

void
api_etag_of(const json_t *repr, char tag[API_ETAG_LEN])
{
	unsigned char hash[16];
	char *text = json_dumps(repr, JSON_COMPACT | JSON_SORT_KEYS);
	const char *t = text != NULL ? text : "";

	crypto_generichash(
	    hash, sizeof(hash), (const unsigned char *)t, strlen(t), NULL, 0);
	free(text);
	tag[0] = '"';
	sodium_bin2hex(tag + 1, 2 * sizeof(hash) + 1, hash, sizeof(hash));
	tag[API_ETAG_LEN - 2] = '"';
	tag[API_ETAG_LEN - 1] = '\0';
}

void
api_set_etag(struct api_ctx *ctx, const json_t *repr)
{
	char tag[API_ETAG_LEN];

	api_etag_of(repr, tag);
	api_add_header(ctx, "ETag", tag);
}

/*
 * Whether the If-Match list (RFC 9110: "*" or a comma-separated list of
 * entity tags) holds `tag`.  Weak tags (W/"...") are skipped: If-Match
 * compares strongly.
 */
static bool
list_has(const char *list, const char *tag)
{
	size_t n = strlen(tag);
	const char *p = list;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '\0')
			return false;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0) {
			p += 2;
		} else if (strncmp(p, tag, n) == 0 &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' ' ||
		        p[n] == '\t')) {
			return true;
		}
		/* Skip this tag: to its closing quote, then to a comma. */
		if (*p == '"') {
			const char *q = strchr(p + 1, '"');
			p = q != NULL ? q + 1 : p + strlen(p);
		}
		while (*p != '\0' && *p != ',')
			p++;
	}
}

int
api_if_match(struct api_ctx *ctx, const json_t *current)
{
	const char *im = api_header(ctx, "If-Match");
	char tag[API_ETAG_LEN];
	json_t *e;

	if (im == NULL)
		return 0;
	api_etag_of(current, tag);
	if (list_has(im, tag))
		return 0;
	api_add_header(ctx, "ETag", tag);
	e = json_pack("{s:i, s:s, s:s, s:s}", "status", 412, "code",
	    "precondition_failed", "field", "If-Match", "message",
	    _("this was changed since you read it (If-Match does not match "
	      "its ETag); see current, and send the change again if it still "
	      "applies"));
	api_reply_json(
	    ctx, 412, json_pack("{s:o, s:O}", "error", e, "current", current));
	return -1;
}
