/* SPDX-License-Identifier: ISC */
/*
 * This file contains the whole-resource handlers: the school calendars
 * (the named ones of /api/v1/school-calendars, and the default one as
 * /api/v1/school-calendar, as before there were several) and the instance
 * settings (jurisdiction, time zone, rule switches, public holidays,
 * options).  Each change is one change (change.h) through the labour-law
 * gate, since a new term or a new jurisdiction can make stored shifts
 * illegal; a calendar change re-checks everything (the full check).
 */
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_etag.h"
#include "api_util.h"
#include "change.h"
#include "i18n.h"
#include "instance_json.h"
#include "model.h"
#include "publish_state.h"
#include "rotad.h"
#include "xmalloc.h"

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
    json_t *(*render)(const struct model_instance *), struct publish_switch *sw)
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
	if (sw != NULL && sw->manual != sw->was_manual) {
		/* options.publish switched: the published copy follows, in
		 * the same transaction (publish_state.h). */
		c.also = publish_switch_also;
		c.also_arg = sw;
	}
	if (api_change(ctx, &c, &res) == 0) {
		if (c.also == publish_switch_also) /* the copy was rewritten */
			publish_state_stale(ctx->rd);
		api_reply_json(ctx, 200, render(ctx->rd->cache));
	}
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
	config_change(ctx, CHANGE_CALENDAR, &cal, render_calendar, NULL);
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
	const struct model_instance *inst;
	struct instance_settings s;
	struct publish_switch sw;
	struct rotad_error err;

	rotad_error_clear(&err);
	memset(&s, 0, sizeof(s));
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if (instance_settings_from_json(ctx->body, "", &s, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	sw.live = inst;
	sw.was_manual = inst->publish_manual;
	sw.manual = s.publish_manual;
	config_change(ctx, CHANGE_SETTINGS, &s, render_settings, &sw);
	instance_settings_clear(&s);
}

/* ---- named school calendars (issue 15) ---- */

static json_t *
calendar_json(const struct model_instance *inst, size_t i)
{
	return instance_named_calendar_to_json(
	    model_calendar_at(inst, i), i == 0);
}

/* The index of the calendar a youth or home follows (NULL: the default). */
static size_t
followed(const struct model_instance *inst, const char *id)
{
	long i = id != NULL ? model_find_calendar(inst, id) : 0;

	return i > 0 ? (size_t)i : 0;
}

/*
 * The list, each with "used_by": how many youths and homes of the whole
 * organisation follow it (naming it; for the default also those naming
 * none).  Only here, not in GET .../{id}, whose ETag If-Match compares.
 */
static void
calendars_list(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	size_t n, *youths, *homes;
	json_t *a;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	n = model_calendar_count(inst);
	youths = xcalloc(n, sizeof(*youths));
	homes = xcalloc(n, sizeof(*homes));
	for (size_t i = 0; i < inst->nyouths; i++)
		youths[followed(inst, inst->youths[i].school_calendar)]++;
	for (size_t i = 0; i < inst->nhomes; i++)
		homes[followed(inst, inst->homes[i].school_calendar)]++;
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *c = calendar_json(inst, i);
		json_object_set_new(c, "used_by",
		    json_pack("{s:I, s:I}", "youths", (json_int_t)youths[i],
		        "homes", (json_int_t)homes[i]));
		json_array_append_new(a, c);
	}
	free(youths);
	free(homes);
	api_reply_json(ctx, 200, json_pack("{s:o}", "school_calendars", a));
}

/* The index of the calendar named in the path, or -1 (replied 404). */
static long
calendar_find(struct api_ctx *ctx, const struct model_instance *inst)
{
	long i = model_find_calendar(inst, ctx->params[0]);

	if (i < 0)
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no school calendar has id '%s'", ctx->params[0]);
	return i;
}

static void
calendar_one_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	json_t *repr;
	long i;

	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    (i = calendar_find(ctx, inst)) < 0)
		return;
	repr = calendar_json(inst, (size_t)i);
	api_set_etag(ctx, repr);
	api_reply_json(ctx, 200, repr);
}

/* One change of the calendar set; replies with calendar id as stored. */
static void
calendars_change(struct api_ctx *ctx, enum change_op op, const char *id,
    struct model_school_calendar *cal, bool make_default, int status)
{
	const struct model_instance *inst = ctx->rd->cache;
	struct change_calendars set;
	struct change c;
	struct change_result res;
	char *keep = xstrdup(id);
	long i;

	if (change_calendars_make(inst, op, id, cal, make_default, &set) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no school calendar has id '%s'", id);
		free(keep);
		return;
	}
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_CALENDAR;
	c.op = op;
	c.id = keep;
	c.value.calendars = &set;
	/* Nobody follows a calendar being deleted (checked). */
	c.gate = op != CHANGE_DELETE;
	if (api_change(ctx, &c, &res) == 0) {
		inst = ctx->rd->cache;
		if (op == CHANGE_DELETE) {
			api_reply_empty(ctx);
		} else if ((i = model_find_calendar(inst, keep)) >= 0) {
			json_t *out = calendar_json(inst, (size_t)i);
			if (res.violations != NULL)
				api_add_forced(
				    out, res.violations, res.nviolations);
			api_reply_json(ctx, status, out);
		}
	}
	change_result_clear(&res);
	/* What the change did not take over. */
	model_school_calendar_clear(&set.def);
	for (size_t k = 0; k < set.nothers; k++)
		model_school_calendar_clear(&set.others[k]);
	free(set.others);
	free(keep);
}

static void
calendars_create(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_school_calendar cal;
	struct rotad_error err;
	bool def = false;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	rotad_error_clear(&err);
	if (instance_named_calendar_from_json(
	        ctx->body, "", true, &cal, &def, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	if (model_find_calendar(inst, cal.id) >= 0)
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, "id",
		    "a school calendar with id '%s' exists already", cal.id);
	else
		calendars_change(ctx, CHANGE_CREATE, cal.id, &cal, def, 201);
	model_school_calendar_clear(&cal);
}

static void
calendar_one_put(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_school_calendar cal;
	struct rotad_error err;
	const json_t *d = json_object_get(ctx->body, "default");
	bool def = false;
	json_t *before;
	long i;

	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    (i = calendar_find(ctx, inst)) < 0)
		return;
	rotad_error_clear(&err);
	if (instance_named_calendar_from_json(
	        ctx->body, "", false, &cal, &def, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	before = calendar_json(inst, (size_t)i);
	if (api_if_match(ctx, before) == -1) {
		/* replied */
	} else if (cal.id != NULL && strcmp(cal.id, ctx->params[0]) != 0) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "id",
		    "the id is '%s' in the path; an id cannot be changed",
		    ctx->params[0]);
	} else if (i == 0 && json_is_false(d)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "default",
		    "this is the default calendar; make another one the "
		    "default instead");
	} else {
		calendars_change(
		    ctx, CHANGE_UPDATE, ctx->params[0], &cal, def, 200);
	}
	json_decref(before);
	model_school_calendar_clear(&cal);
}

static void
calendar_one_delete(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	size_t youths, homes;
	long i;

	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    (i = calendar_find(ctx, inst)) < 0)
		return;
	if (i == 0) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
		    "'%s' is the default school calendar; make another one "
		    "the default first",
		    ctx->params[0]);
		return;
	}
	model_calendar_users(inst, (size_t)i, &youths, &homes);
	if (youths > 0 || homes > 0) {
		char y[96], h[96];
		snprintf(y, sizeof(y),
		    dngettext(I18N_DOMAIN, "%zu youth", "%zu youths", youths),
		    youths);
		snprintf(h, sizeof(h),
		    dngettext(I18N_DOMAIN, "%zu home", "%zu homes", homes),
		    homes);
		/* TRANSLATORS: %2$s is "3 youths", %3$s is "1 home". */
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
		    "the school calendar '%1$s' is used by %2$s and %3$s; "
		    "move them to another calendar first",
		    ctx->params[0], y, h);
		return;
	}
	calendars_change(ctx, CHANGE_DELETE, ctx->params[0], NULL, false, 204);
}

const struct api_route api_config_routes[] = {
    {API_GET | API_HEAD, "/api/v1/school-calendars", calendars_list, API_AUTH},
    {API_POST, "/api/v1/school-calendars", calendars_create,
        API_AUTH | API_BODY},
    {API_GET | API_HEAD, "/api/v1/school-calendars/:id", calendar_one_get,
        API_AUTH},
    {API_PUT, "/api/v1/school-calendars/:id", calendar_one_put,
        API_AUTH | API_BODY},
    {API_DELETE, "/api/v1/school-calendars/:id", calendar_one_delete, API_AUTH},
    {API_GET | API_HEAD, "/api/v1/school-calendar", calendar_get, API_AUTH},
    {API_PUT, "/api/v1/school-calendar", calendar_put, API_AUTH | API_BODY},
    {API_GET | API_HEAD, "/api/v1/settings", settings_get, API_AUTH},
    {API_PUT, "/api/v1/settings", settings_put, API_AUTH | API_BODY},
    {0, NULL, NULL, 0},
};
