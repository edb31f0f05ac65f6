/* SPDX-License-Identifier: ISC */
/*
 * What the other pages opened by a feed link share with api_feed.c: the
 * token look-up (hashed, remembered per data version, bad tokens
 * rate-limited, a 404 that says nothing more), the public base URL and
 * the language a tag really gets.
 */
#ifndef ROTAD_API_FEED_H
#define ROTAD_API_FEED_H

#include "api.h"
#include "store.h"

/*
 * The record of `token` (live or revoked; kind "gone" for a purged
 * youth's link), or a reply (404, or 429 when over the bad-token limit)
 * and -1.
 */
int api_feed_token_lookup(
    struct api_ctx *ctx, const char *token, struct store_feed_token *out);

/* The public base URL, e.g. "https://rota.example.org" (no slash; free). */
char *api_feed_base_url(struct api_ctx *ctx);

/* A language tag as texts will be in (enum i18n_lang): English when rota
 * has no catalog or locale for it. */
int api_feed_lang_of(const char *tag);

#endif /* ROTAD_API_FEED_H */
