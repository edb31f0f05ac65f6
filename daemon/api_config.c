/* SPDX-License-Identifier: ISC */
/*
 * This file contains the two whole-resource handlers: the school calendar
 * and the instance settings (jurisdiction, time zone, rule switches,
 * public holidays, options).  Both are read with GET and replaced whole
 * with PUT, and a replacement is one change (change.h) through the
 * labour-law gate, since a new term or a new jurisdiction can make stored
 * shifts illegal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_util.h"
#include "change.h"
#include "instance_json.h"
#include "model.h"
#include "rotad.h"

static void
calendar_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	api_reply_json(
	    ctx, 200, instance_school_calendar_to_json(&inst->school_calendar));
}

/*
 * One change of the settings or the calendar (kind), taking over *value:
 * it touches every youth and slot, so the gate runs the full check.
 */
static void
config_change(struct api_ctx *ctx, enum change_kind kind, void *value,
    json_t *(*render)(const struct model_instance *))
{
	struct change c;
	struct change_result res;

	memset(&c, 0, sizeof(c));
	c.kind = kind;
	c.op = CHANGE_REPLACE;
	if (kind == CHANGE_SETTINGS)
		c.value.settings = value;
	else
		c.value.calendar = value;
	c.gate = true;
	if (api_change(ctx, &c, &res) == 0)
		api_reply_json(ctx, 200, render(ctx->rd->cache));
	change_result_clear(&res);
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
	struct model_school_calendar cal;
	struct rotad_error err;

	rotad_error_clear(&err);
	memset(&cal, 0, sizeof(cal));
	if (instance_school_calendar_from_json(ctx->body, "", &cal, &err) ==
	    -1) {
		api_reply_error(ctx, &err);
		return;
	}
	config_change(ctx, CHANGE_CALENDAR, &cal, render_calendar);
	instance_school_calendar_clear(&cal);
}

static void
settings_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	api_reply_json(ctx, 200, render_settings(inst));
}

/* The zone's gaps are checked by the change (change.c: times_exist). */
static void
settings_put(struct api_ctx *ctx)
{
	struct instance_settings s;
	struct rotad_error err;

	rotad_error_clear(&err);
	memset(&s, 0, sizeof(s));
	if (instance_settings_from_json(ctx->body, "", &s, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	config_change(ctx, CHANGE_SETTINGS, &s, render_settings);
	instance_settings_clear(&s);
}

const struct api_route api_config_routes[] = {
    {API_GET | API_HEAD, "/api/v1/school-calendar", calendar_get, API_AUTH},
    {API_PUT, "/api/v1/school-calendar", calendar_put, API_AUTH | API_BODY},
    {API_GET | API_HEAD, "/api/v1/settings", settings_get, API_AUTH},
    {API_PUT, "/api/v1/settings", settings_put, API_AUTH | API_BODY},
    {0, NULL, NULL, 0},
};
