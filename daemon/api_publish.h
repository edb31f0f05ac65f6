/* SPDX-License-Identifier: ISC */
/*
 * Draft and publish in the API's answers (issue 16, api_publish.c): the
 * preview's JSON, and the marks a slot's or an assignment's JSON carries
 * when publishing is manual ("draft": whether it differs from what was
 * published, "published": the published version or null).
 */
#ifndef ROTAD_API_PUBLISH_H
#define ROTAD_API_PUBLISH_H

#include <jansson.h>

#include "api.h"
#include "model.h"
#include "publish.h"

json_t *api_publish_diff_json(const struct model_instance *inst,
    const struct publish_range *r, const struct publish_diff *d);

/*
 * The homes of a publish: those asked for (each known and in the
 * caller's scope, else -1 after a 404 answer), or the caller's scope
 * when none are asked for (r->homes NULL: every home).  The no-JS page
 * (web_publish.c) shares it.
 */
int api_publish_scope(struct api_ctx *ctx, const struct model_instance *inst,
    struct publish_range *r, const char *const *asked, size_t nasked);
void api_publish_range_clear(struct publish_range *r);

/* Nothing in immediate mode (the answers stay as they were). */
void api_publish_mark_slot(
    struct api_ctx *ctx, const struct model_slot *s, json_t *o);
void api_publish_mark_assignment(
    struct api_ctx *ctx, const struct model_assignment *a, json_t *o);

#endif /* ROTAD_API_PUBLISH_H */
