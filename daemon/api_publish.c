/* SPDX-License-Identifier: ISC */
/*
 * This file contains draft and publish's API (issue 16):
 *
 *   GET  /api/v1/publish/preview  ?from= ?to= ?home=a,b
 *   POST /api/v1/publish          {from, to, homes, preview_version}
 *
 * Both are cut to the caller's scope here (the homes asked for, each of
 * which must be in scope; none: every home in scope).  The work is
 * publish_state.c's; the slot and assignment answers' draft marks are
 * api_publish_mark_*().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_publish.h"
#include "api_util.h"
#include "civil.h"
#include "instance_json.h"
#include "model.h"
#include "publish_state.h"
#include "rotad.h"
#include "state.h"
#include "users.h"
#include "xmalloc.h"

#define PUBLISH_HOMES_MAX 1000

void
api_publish_range_clear(struct publish_range *r)
{
	for (size_t i = 0; i < r->nhomes; i++)
		free(r->homes[i]);
	free(r->homes);
	memset(r, 0, sizeof(*r));
}

static void
range_add_home(struct publish_range *r, const char *id)
{
	r->homes = xreallocarray(r->homes, r->nhomes + 1, sizeof(*r->homes));
	r->homes[r->nhomes++] = xstrdup(id);
}

static int
parse_day(
    struct api_ctx *ctx, const char *field, const char *text, int32_t *out)
{
	if (civil_parse_date(text, out) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, field,
		    "%s must be a date (YYYY-MM-DD)", field);
		return -1;
	}
	return 0;
}

/*
 * The homes asked for (each known and in scope, else 404 as access.c
 * answers), or the caller's scope when none are asked for and it is
 * limited; none at all: every home.
 */
int
api_publish_scope(struct api_ctx *ctx, const struct model_instance *inst,
    struct publish_range *r, const char *const *asked, size_t nasked)
{
	const struct user *u = ctx->who;

	if (nasked > PUBLISH_HOMES_MAX) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "homes",
		    "at most %d homes", PUBLISH_HOMES_MAX);
		return -1;
	}
	for (size_t i = 0; i < nasked; i++) {
		if (state_find_home(inst, asked[i]) < 0 ||
		    (u != NULL && !user_in_scope(u, asked[i]))) {
			api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, "homes",
			    "no home has id '%s'", asked[i]);
			return -1;
		}
		range_add_home(r, asked[i]);
	}
	if (nasked == 0 && u != NULL && u->nhomes > 0) {
		for (size_t i = 0; i < u->nhomes; i++)
			range_add_home(r, u->homes[i]);
	}
	if (nasked > 0 && r->homes == NULL)
		r->homes = xcalloc(1, sizeof(*r->homes));
	return 0;
}

static json_t *
visit_json(const struct publish_visit *v)
{
	char start[CIVIL_DATETIME_LEN], end[CIVIL_DATETIME_LEN];

	if (v->slot == NULL)
		return json_null();
	civil_format_datetime(v->start, start);
	civil_format_datetime(v->end, end);
	return json_pack("{s:s, s:s, s:s, s:s, s:o}", "slot", v->slot, "home",
	    v->home, "start", start, "end", end, "activity",
	    v->activity ? json_string(v->activity) : json_null());
}

static json_t *
subject_json(const struct publish_subject *s, const char *name)
{
	json_t *o = json_pack("{s:s, s:s}", "id", s->id, "name", name);
	json_t *lists[4];

	for (int w = 0; w < 4; w++)
		lists[w] = json_array();
	for (size_t i = 0; i < s->n; i++) {
		const struct publish_item *it = &s->items[i];
		json_t *e;

		if (it->what == PUBLISH_ADDED)
			e = visit_json(&it->after);
		else if (it->what == PUBLISH_CANCELLED)
			e = visit_json(&it->before);
		else
			e = json_pack("{s:o, s:o}", "from",
			    visit_json(&it->before), "to",
			    visit_json(&it->after));
		if (it->assignment != NULL)
			json_object_set_new(
			    e, "assignment", json_string(it->assignment));
		json_array_append_new(lists[it->what], e);
	}
	for (int w = 0; w < 4; w++)
		json_object_set_new(
		    o, publish_what_name((enum publish_what)w), lists[w]);
	return o;
}

json_t *
api_publish_diff_json(const struct model_instance *inst,
    const struct publish_range *r, const struct publish_diff *d)
{
	char from[CIVIL_DATE_LEN], to[CIVIL_DATE_LEN], v[17];
	json_t *o, *range, *a;

	civil_format_date(r->from, from);
	civil_format_date(r->to, to);
	publish_version_text(d->version, v);
	range = json_pack("{s:s, s:s}", "from", from, "to", to);
	if (r->homes != NULL) {
		a = json_array();
		for (size_t i = 0; i < r->nhomes; i++)
			json_array_append_new(a, json_string(r->homes[i]));
		json_object_set_new(range, "homes", a);
	}
	o = json_pack("{s:s, s:b, s:o, s:I}", "preview_version", v, "manual",
	    (int)inst->publish_manual, "range", range, "slots",
	    (json_int_t)d->ngroups);
	a = json_array();
	for (size_t i = 0; i < d->ngroups; i++)
		json_array_append_new(a, json_string(d->groups[i]));
	json_object_set_new(o, "slot_ids", a);
	a = json_array();
	for (size_t i = 0; i < d->nyouths; i++) {
		long y = state_find_youth(inst, d->youths[i].id);
		json_array_append_new(a,
		    subject_json(&d->youths[i],
		        y >= 0 ? inst->youths[y].name : d->youths[i].id));
	}
	json_object_set_new(o, "youths", a);
	a = json_array();
	for (size_t i = 0; i < d->nhomes; i++) {
		long h = state_find_home(inst, d->homes[i].id);
		json_array_append_new(a,
		    subject_json(&d->homes[i],
		        h >= 0 ? inst->homes[h].name : d->homes[i].id));
	}
	json_object_set_new(o, "homes", a);
	return o;
}

/* The whole time line when from or to is not given. */
#define DAY_MIN (-3000000)
#define DAY_MAX 3000000

static void
preview_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	const char *from = api_query(ctx, "from"), *to = api_query(ctx, "to");
	const char *home = api_query(ctx, "home");
	struct publish_range r = {DAY_MIN, DAY_MAX, NULL, 0};
	struct publish_diff d;
	struct rotad_error err;
	char **asked = NULL;
	size_t nasked = 0;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if ((from != NULL && parse_day(ctx, "from", from, &r.from) == -1) ||
	    (to != NULL && parse_day(ctx, "to", to, &r.to) == -1))
		return;
	if (home != NULL && home[0] != '\0') {
		char *copy = xstrdup(home), *save = NULL;
		for (char *t = strtok_r(copy, ",", &save); t != NULL;
		     t = strtok_r(NULL, ",", &save)) {
			asked =
			    xreallocarray(asked, nasked + 1, sizeof(*asked));
			asked[nasked++] = xstrdup(t);
		}
		free(copy);
	}
	if (r.from > r.to) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "to",
		    "to must not be before from");
		goto done;
	}
	if (api_publish_scope(
	        ctx, inst, &r, (const char *const *)asked, nasked) == -1)
		goto done;
	rotad_error_clear(&err);
	if (publish_preview(ctx->rd, &r, &d, &err) == -1) {
		api_reply_error(ctx, &err);
		goto done;
	}
	api_reply_json(ctx, 200, api_publish_diff_json(inst, &r, &d));
	publish_diff_free(&d);
done:
	for (size_t i = 0; i < nasked; i++)
		free(asked[i]);
	free(asked);
	api_publish_range_clear(&r);
}

static void
publish_post(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	const json_t *b = ctx->body, *homes, *v;
	const char *from, *to, *version, *key;
	struct publish_range r = {DAY_MIN, DAY_MAX, NULL, 0};
	struct publish_request req;
	struct publish_diff d;
	struct rotad_error err;
	const char **asked = NULL;
	size_t nasked = 0, i;
	unsigned long long ver;
	char *endp;

	if (api_refuse_while_importing(ctx) == -1 ||
	    (inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if (!json_is_object(b)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_JSON, NULL,
		    "the body must be an object");
		return;
	}
	json_object_foreach((json_t *)b, key, v)
	{
		if (strcmp(key, "from") != 0 && strcmp(key, "to") != 0 &&
		    strcmp(key, "homes") != 0 &&
		    strcmp(key, "preview_version") != 0) {
			api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_FIELD, key,
			    "unknown field '%s'", key);
			return;
		}
	}
	from = json_string_value(json_object_get(b, "from"));
	to = json_string_value(json_object_get(b, "to"));
	version = json_string_value(json_object_get(b, "preview_version"));
	if ((json_object_get(b, "from") != NULL && from == NULL) ||
	    (from != NULL && parse_day(ctx, "from", from, &r.from) == -1)) {
		if (!ctx->replied)
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "from",
			    "from must be a date (YYYY-MM-DD)");
		return;
	}
	if ((json_object_get(b, "to") != NULL && to == NULL) ||
	    (to != NULL && parse_day(ctx, "to", to, &r.to) == -1)) {
		if (!ctx->replied)
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "to",
			    "to must be a date (YYYY-MM-DD)");
		return;
	}
	if (r.from > r.to) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "to",
		    "to must not be before from");
		return;
	}
	if (version == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_MISSING_FIELD,
		    "preview_version",
		    "preview_version is required: the version of the "
		    "preview (GET /api/v1/publish/preview)");
		return;
	}
	ver = strtoull(version, &endp, 16);
	if (strlen(version) != 16 || *endp != '\0') {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
		    "preview_version", "preview_version must be 16 hex digits");
		return;
	}
	homes = json_object_get(b, "homes");
	if (homes != NULL && !json_is_null(homes)) {
		if (!json_is_array(homes)) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "homes",
			    "homes must be an array of home ids");
			return;
		}
		asked = xcalloc(json_array_size(homes) + 1, sizeof(*asked));
		json_array_foreach(homes, i, v)
		{
			if (!json_is_string(v)) {
				free(asked);
				api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
				    "homes",
				    "homes must be an array of home ids");
				return;
			}
			asked[nasked++] = json_string_value(v);
		}
	}
	if (api_publish_scope(ctx, inst, &r, asked, nasked) == -1) {
		free(asked);
		api_publish_range_clear(&r);
		return;
	}
	free(asked);
	memset(&req, 0, sizeof(req));
	req.range = r;
	req.version = (uint64_t)ver;
	req.actor = ctx->actor[0] ? ctx->actor : "-";
	req.now = api_now();
	rotad_error_clear(&err);
	if (publish_commit(ctx->rd, &req, &d, &err) == -1) {
		api_reply_error(ctx, &err);
		api_publish_range_clear(&r);
		return;
	}
	/* The state after it: the names are the same. */
	if ((inst = api_instance_or_reply(ctx)) != NULL)
		api_reply_json(ctx, 200, api_publish_diff_json(inst, &r, &d));
	publish_diff_free(&d);
	api_publish_range_clear(&r);
}

/* ---- draft marks ---- */

void
api_publish_mark_slot(
    struct api_ctx *ctx, const struct model_slot *s, json_t *o)
{
	struct rotad_error err;
	const struct publish_snapshot *snap;
	const struct model_slot *p;

	rotad_error_clear(&err);
	if ((snap = publish_snapshot_get(ctx->rd, &err)) == NULL)
		return;
	p = publish_find_slot(snap, s->id);
	json_object_set_new(
	    o, "draft", json_boolean(p == NULL || !publish_slot_same(p, s)));
	json_object_set_new(
	    o, "published", p != NULL ? instance_slot_to_json(p) : json_null());
}

void
api_publish_mark_assignment(
    struct api_ctx *ctx, const struct model_assignment *a, json_t *o)
{
	struct rotad_error err;
	const struct publish_snapshot *snap;
	const struct model_assignment *p;
	const struct model_slot *ps;
	const struct model_instance *inst;
	long s;
	bool draft;

	rotad_error_clear(&err);
	if (a->id == NULL ||
	    (snap = publish_snapshot_get(ctx->rd, &err)) == NULL ||
	    (inst = state_get(ctx->rd, &err)) == NULL)
		return;
	p = publish_find_assignment(snap, a->id);
	/* A draft too when its visit moved: the youth has not been told. */
	draft = p == NULL || !publish_assignment_same(p, a);
	if (!draft && (s = state_find_slot(inst, a->slot)) >= 0) {
		ps = publish_find_slot(snap, a->slot);
		draft = ps == NULL || !publish_slot_same(ps, &inst->slots[s]);
	}
	json_object_set_new(o, "draft", json_boolean(draft));
	json_object_set_new(o, "published",
	    p != NULL ? instance_assignment_to_json(p, false) : json_null());
}

const struct api_route api_publish_routes[] = {
    {API_GET | API_HEAD, "/api/v1/publish/preview", preview_get, API_AUTH},
    {API_POST, "/api/v1/publish", publish_post, API_AUTH | API_BODY},
    {0, NULL, NULL, 0},
};
