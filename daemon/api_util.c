/* SPDX-License-Identifier: ISC */
/*
 * This file contains the helpers every API handler shares: the write
 * transaction with its audit row, readable ids, list parameters and JSON
 * merge patches.  The labour-law gate lives in api_rules.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_util.h"
#include "change.h"
#include "feed_cache.h"
#include "civil.h"
#include "log.h"
#include "publish_state.h"
#include "rotad.h"
#include "state.h"
#include "store.h"
#include "xmalloc.h"

static char *
json_text(const json_t *j)
{
	return j
	    ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY)
	    : NULL;
}

int
api_commit(struct api_ctx *ctx,
    int (*write)(struct api_ctx *ctx, void *arg, struct rotad_error *err),
    void *arg, const char *action, const char *entity, const char *id,
    const json_t *before, const json_t *after)
{
	struct store *st = ctx->rd->store;
	struct feed_touch none = {0};
	struct rotad_error err;
	char *b = NULL, *a = NULL;
	int rc = -1;

	/*
	 * Sessions, users and feed links wait for no import: the loop's
	 * connection gives up while the import holds the write lock (503),
	 * and nothing of the loaded model is touched.
	 */
	rotad_error_clear(&err);
	if (store_begin(st, &err) == -1)
		goto fail;
	if (write(ctx, arg, &err) == -1) {
		store_rollback(st);
		goto fail;
	}
	b = json_text(before);
	a = json_text(after);
	if (store_audit(st, api_now(), ctx->actor[0] ? ctx->actor : "-", action,
	        entity, id, b, a, &err) == -1) {
		store_rollback(st);
		goto fail;
	}
	if (store_commit(st, &err) == -1)
		goto fail;
	rc = 0;
	/* The version moves (remembered feed-token answers are retired);
	 * the model and every rendered feed stay. */
	state_committed(ctx->rd, &none);
	goto done;
fail:
	/*
	 * Rolled back: the model was never edited, so it still matches the
	 * store and is kept (no full read of the store on the loop).  The
	 * version moves all the same, in case a remembered token answer was
	 * about the link the write meant to change.
	 */
	state_committed(ctx->rd, &none);
	api_reply_error(ctx, &err);
done:
	free(b);
	free(a);
	return rc;
}

int
api_force_reason(struct api_ctx *ctx, const char **reason)
{
	const char *v = api_query(ctx, "reason");
	size_t n = 0;

	*reason = NULL;
	if (v == NULL)
		return 0;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++, n++)
		if (*p < 0x20 || *p == 0x7f) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "reason",
			    "reason must be one line of text");
			return -1;
		}
	if (n > API_FORCE_REASON_MAX) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "reason",
		    "reason must be at most %d bytes", API_FORCE_REASON_MAX);
		return -1;
	}
	*reason = n > 0 ? v : NULL;
	return 0;
}

int
api_refuse_while_importing(struct api_ctx *ctx)
{
	if (!ctx->rd->importing)
		return 0;
	api_add_header(ctx, "Retry-After", "5");
	api_reply_errorf(ctx, ROTAD_ERR_UNAVAILABLE, NULL,
	    "an import is replacing the data; try again in a moment");
	return -1;
}

int
api_change_try(struct api_ctx *ctx, struct change *c, struct change_result *res,
    struct rotad_error *err)
{
	struct feed_touch ft = {0};
	struct model_instance *inst;
	bool failed = false;

	memset(res, 0, sizeof(*res));
	if (ctx->rd->importing) {
		/* The loop writes nothing until the import has landed. */
		api_add_header(ctx, "Retry-After", "5");
		rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
		    "an import is replacing the data; try again in a moment");
		return -1;
	}
	c->actor = ctx->actor;
	c->now = api_now();
	rotad_error_clear(err);
	if ((inst = state_edit(ctx->rd, err)) == NULL)
		return -1;
	if (change_apply(ctx->rd->store, inst, c, res, &ft, &failed, err) ==
	    0) {
		publish_state_changed(ctx->rd, c, &ft);
		state_committed(ctx->rd, &ft);
		feed_touch_free(&ft);
		return 0;
	}
	feed_touch_free(&ft);
	/* A failed transaction: the model may be ahead of the store. */
	if (failed)
		state_drop(ctx->rd);
	if (err->code != ROTAD_ERR_RULE_VIOLATION)
		change_result_clear(res);
	return -1;
}

int
api_batch_try(struct api_ctx *ctx, struct change_batch *b,
    struct change_result *res, struct rotad_error *err)
{
	struct feed_touch ft = {0};
	struct model_instance *inst;
	bool failed = false;

	memset(res, 0, sizeof(*res));
	rotad_error_clear(err);
	if (ctx->rd->importing) {
		api_add_header(ctx, "Retry-After", "5");
		rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
		    "an import is replacing the data; try again in a moment");
		return -1;
	}
	b->actor = ctx->actor;
	b->now = api_now();
	if ((inst = state_edit(ctx->rd, err)) == NULL)
		return -1;
	if (change_apply_batch(
	        ctx->rd->store, inst, b, res, &ft, &failed, err) == 0) {
		publish_state_batch_changed(ctx->rd, b, &ft);
		state_committed(ctx->rd, &ft);
		feed_touch_free(&ft);
		return 0;
	}
	feed_touch_free(&ft);
	if (failed)
		state_drop(ctx->rd);
	if (err->code != ROTAD_ERR_RULE_VIOLATION)
		change_result_clear(res);
	return -1;
}

int
api_change(struct api_ctx *ctx, struct change *c, struct change_result *res)
{
	struct rotad_error err;

	memset(res, 0, sizeof(*res));
	if (c->gate && api_bool_param(ctx, "force", &c->force) == -1)
		return -1;
	if (c->gate && api_force_reason(ctx, &c->force_reason) == -1)
		return -1;
	if (api_change_try(ctx, c, res, &err) == 0)
		return 0;
	if (err.code == ROTAD_ERR_RULE_VIOLATION && res->violations != NULL)
		api_reply_rule_refusal(ctx, res->violations, res->nviolations);
	else
		api_reply_error(ctx, &err);
	change_result_clear(res);
	return -1;
}

void
api_add_forced(json_t *out, json_t *forced, size_t total)
{
	if (forced == NULL)
		return;
	json_object_set(out, "forced_violations", forced);
	json_object_set_new(
	    out, "forced_violations_total", json_integer((json_int_t)total));
}

const struct model_instance *
api_instance_or_reply(struct api_ctx *ctx)
{
	struct rotad_error err;
	const struct model_instance *inst;

	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL)
		api_reply_error(ctx, &err);
	return inst;
}

/* Folds a UTF-8 name into [a-z0-9-]. */
static void
slugify(const char *text, char *out, size_t outlen)
{
	static const struct {
		const char *utf8, *ascii;
	} fold[] = {{"æ", "ae"}, {"Æ", "ae"}, {"ø", "o"}, {"Ø", "o"},
	    {"å", "a"}, {"Å", "a"}, {"ä", "a"}, {"Ä", "a"}, {"ö", "o"},
	    {"Ö", "o"}, {"ü", "u"}, {"Ü", "u"}, {"é", "e"}, {"É", "e"}};
	size_t n = 0;
	bool dash = false;

	for (const char *p = text; *p != '\0' && n + 3 < outlen;) {
		unsigned char c = (unsigned char)*p;
		const char *rep = NULL;
		size_t adv = 1;

		if (c >= 0x80) {
			for (size_t i = 0; i < sizeof(fold) / sizeof(fold[0]);
			     i++) {
				size_t l = strlen(fold[i].utf8);
				if (strncmp(p, fold[i].utf8, l) == 0) {
					rep = fold[i].ascii;
					adv = l;
					break;
				}
			}
			if (rep == NULL) {
				/* Skip the whole UTF-8 sequence. */
				while (((unsigned char)p[adv] & 0xc0) == 0x80)
					adv++;
			}
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			out[n++] = (char)c;
			dash = false;
		} else if (c >= 'A' && c <= 'Z') {
			out[n++] = (char)(c - 'A' + 'a');
			dash = false;
		} else if (n > 0 && !dash) {
			out[n++] = '-';
			dash = true;
		}
		for (const char *r = rep; r && *r && n + 1 < outlen; r++) {
			out[n++] = *r;
			dash = false;
		}
		p += adv;
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
}

char *
api_id_from_text(const char *text, const char *fallback,
    bool (*taken)(const struct model_instance *inst, const char *id),
    const struct model_instance *inst)
{
	char base[48], id[MODEL_ID_MAX + 1];

	slugify(text ? text : "", base, sizeof(base));
	if (base[0] == '\0')
		snprintf(base, sizeof(base), "%s", fallback);
	snprintf(id, sizeof(id), "%s", base);
	for (unsigned n = 2; taken(inst, id); n++)
		snprintf(id, sizeof(id), "%s-%u", base, n);
	return xstrdup(id);
}

int
api_page_params(struct api_ctx *ctx, size_t *limit, const char **cursor)
{
	const char *l = api_query(ctx, "limit");
	char *end;
	long v;

	*limit = ROTAD_DEFAULT_PAGE_LIMIT;
	*cursor = api_query(ctx, "cursor");
	if (l == NULL)
		return 0;
	/* Digits only: strtol would also take blanks and a sign. */
	v = strtol(l, &end, 10);
	if (*l < '0' || *l > '9' || *end != '\0' || v < 1 ||
	    v > ROTAD_MAX_PAGE_LIMIT) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "limit",
		    "limit must be a whole number from 1 to %d",
		    ROTAD_MAX_PAGE_LIMIT);
		return -1;
	}
	*limit = (size_t)v;
	return 0;
}

int
api_time_param(struct api_ctx *ctx, const char *name, bool is_end,
    int64_t *wall, bool *present)
{
	const char *v = api_query(ctx, name);
	int32_t days;

	*present = v != NULL;
	if (v == NULL)
		return 0;
	if (civil_parse_date(v, &days) == 0) {
		*wall = (int64_t)(days + (is_end ? 1 : 0)) * CIVIL_MIN_PER_DAY;
		return 0;
	}
	if (civil_parse_datetime(v, wall) == 0)
		return 0;
	api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, name,
	    "%s must be a date (YYYY-MM-DD) or a local time "
	    "(YYYY-MM-DDTHH:MM)",
	    name);
	return -1;
}

int
api_bool_param(struct api_ctx *ctx, const char *name, bool *value)
{
	const char *v = api_query(ctx, name);

	*value = false;
	if (v == NULL || strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		return 0;
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0 || v[0] == '\0') {
		*value = true;
		return 0;
	}
	api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, name,
	    "%s must be true or false", name);
	return -1;
}

json_t *
api_merge_patch(const json_t *current, const json_t *patch)
{
	json_t *out;
	const char *key;
	json_t *v;

	if (!json_is_object(patch))
		return json_incref((json_t *)patch);
	out = json_is_object(current) ? json_deep_copy(current) : json_object();
	json_object_foreach((json_t *)patch, key, v)
	{
		if (json_is_null(v)) {
			json_object_del(out, key);
		} else if (json_is_object(v)) {
			json_t *merged =
			    api_merge_patch(json_object_get(out, key), v);
			json_object_set_new(out, key, merged);
		} else {
			json_object_set(out, key, v);
		}
	}
	return out;
}
