/* SPDX-License-Identifier: ISC */
/*
 * This file contains the two whole-resource handlers: the school calendar
 * and the instance settings (jurisdiction, time zone, rule switches,
 * public holidays, options).  Both are read with GET and replaced whole
 * with PUT, and a replacement passes the labour-law gate, since a new
 * term or a new jurisdiction can make stored shifts illegal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_util.h"
#include "civil.h"
#include "instance_json.h"
#include "model.h"
#include "rotad.h"
#include "store.h"
#include "tzmap.h"

static void
calendar_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	api_reply_json(
	    ctx, 200, instance_school_calendar_to_json(&inst->school_calendar));
}

static int
calendar_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	return store_school_calendar_replace(ctx->rd->store, arg, err);
}

static int
settings_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	return store_settings_replace(ctx->rd->store, arg, err);
}

/* Gate and commit a candidate whose calendar or settings changed. */
static void
config_commit(struct api_ctx *ctx, const struct model_instance *inst,
    struct model_instance *after, const char *entity,
    int (*write)(struct api_ctx *, void *, struct rotad_error *),
    json_t *(*render)(const struct model_instance *))
{
	json_t *before, *now, *forced = NULL;

	if (api_gate_change(ctx, inst, after, &forced) == -1)
		return;
	before = render(inst);
	now = render(after);
	if (api_commit(ctx, write, after, "replace", entity, NULL, before,
	        forced ? forced : now) == 0)
		api_reply_json(ctx, 200, json_incref(now));
	json_decref(before);
	json_decref(now);
	json_decref(forced);
}

static json_t *
render_calendar(const struct model_instance *inst)
{
	return instance_school_calendar_to_json(&inst->school_calendar);
}

static json_t *
render_settings(const struct model_instance *inst)
{
	struct instance_settings s;
	json_t *j;

	instance_settings_get(&s, inst);
	j = instance_settings_to_json(&s);
	instance_settings_clear(&s);
	return j;
}

static void
calendar_put(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_instance *after;
	struct model_school_calendar cal;
	struct rotad_error err;

	rotad_error_clear(&err);
	memset(&cal, 0, sizeof(cal));
	if (instance_school_calendar_from_json(ctx->body, "", &cal, &err) ==
	    -1) {
		api_reply_error(ctx, &err);
		return;
	}
	if ((inst = api_instance_or_reply(ctx)) == NULL) {
		instance_school_calendar_clear(&cal);
		return;
	}
	after = model_instance_copy(inst);
	instance_school_calendar_clear(&after->school_calendar);
	after->school_calendar = cal;
	config_commit(ctx, inst, after, "school_calendar", calendar_write,
	    render_calendar);
	model_instance_free(after);
}

static void
settings_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	api_reply_json(ctx, 200, render_settings(inst));
}

/* Every stored wall time must exist in the (new) zone. */
static int
times_exist(struct api_ctx *ctx, const struct model_instance *inst)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	char when[CIVIL_DATETIME_LEN];
	int64_t utc;

	for (size_t i = 0; i < inst->nslots; i++) {
		const struct model_slot *s = &inst->slots[i];
		int64_t t[2] = {s->start, s->end};
		for (size_t k = 0; k < 2; k++) {
			if (tzmap_to_utc(tz, t[k], &utc) != TZMAP_GAP)
				continue;
			civil_format_datetime(t[k], when);
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
			    "timezone",
			    "slot '%s' has the time %s, which does not exist "
			    "in %s (a daylight-saving gap)",
			    s->id, when, inst->timezone);
			return -1;
		}
	}
	return 0;
}

static void
settings_put(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_instance *after;
	struct instance_settings s;
	struct rotad_error err;

	rotad_error_clear(&err);
	memset(&s, 0, sizeof(s));
	if (instance_settings_from_json(ctx->body, "", &s, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	if ((inst = api_instance_or_reply(ctx)) == NULL) {
		instance_settings_clear(&s);
		return;
	}
	after = model_instance_copy(inst);
	instance_settings_take(after, &s);
	if (times_exist(ctx, after) == 0)
		config_commit(ctx, inst, after, "settings", settings_write,
		    render_settings);
	model_instance_free(after);
}

const struct api_route api_config_routes[] = {
    {API_GET | API_HEAD, "/api/v1/school-calendar", calendar_get, API_AUTH},
    {API_PUT, "/api/v1/school-calendar", calendar_put, API_AUTH | API_BODY},
    {API_GET | API_HEAD, "/api/v1/settings", settings_get, API_AUTH},
    {API_PUT, "/api/v1/settings", settings_put, API_AUTH | API_BODY},
    {0, NULL, NULL, 0},
};
