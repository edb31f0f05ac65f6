/* SPDX-License-Identifier: ISC */
/*
 * This file contains the handlers of visit series (issue 15): create a
 * series and its slots, list, show with its occurrences, edit one visit,
 * this and the following ones (the series is split, as Google Calendar
 * does) or all, and delete from a date.  A series only generates ordinary
 * slots: each passes the checks of a hand-made slot (instance_slot_from_
 * json), the whole change passes the labour-law gate, and it is written in
 * one transaction with its audit row.  Slots changed by hand and slots
 * with assignments are never silently overwritten: an edit that would
 * move or remove an assigned visit answers 409 with the list and goes
 * ahead only with ?confirm=true; removing one cancels its assignments as
 * the cancel route does, so that feeds show them cancelled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_etag.h"
#include "api_util.h"
#include "civil.h"
#include "i18n.h"
#include "instance_json.h"
#include "model.h"
#include "notify.h"
#include "rotad.h"
#include "rules.h"
#include "series.h"
#include "store.h"
#include "store_series.h"
#include "tzmap.h"
#include "users.h"
#include "xmalloc.h"

/* ---- JSON form ---- */

static const char *const series_keys[] = {"id", "home", "activity", "time",
    "duration", "needed", "min_age", "requires", "days", "interval", "first",
    "last", "skip_school_holidays", "skip_public_holidays", NULL};

/* Keys a GET shows that a client cannot set (dropped from a PATCH). */
static const char *const output_only[] = {
    "rrule", "exdate", "occurrences", "skipped", "visits"};

static json_t *
date_json(int32_t d)
{
	char buf[CIVIL_DATE_LEN];

	civil_format_date(d, buf);
	return json_string(buf);
}

static json_t *
wall_json(int64_t w)
{
	char buf[CIVIL_DATETIME_LEN];

	civil_format_datetime(w, buf);
	return json_string(buf);
}

static json_t *
series_to_json(const struct series *s)
{
	json_t *o = json_object(), *days = json_array(), *req = json_object();
	char hm[CIVIL_HM_LEN];

	json_object_set_new(o, "id", json_string(s->id));
	json_object_set_new(o, "home", json_string(s->home));
	if (s->activity != NULL)
		json_object_set_new(o, "activity", json_string(s->activity));
	civil_format_hm(s->start_minute, hm);
	json_object_set_new(o, "time", json_string(hm));
	json_object_set_new(o, "duration", json_integer(s->duration));
	json_object_set_new(o, "needed", json_integer(s->needed));
	json_object_set_new(o, "min_age", json_integer(s->min_age));
	for (size_t i = 0; i < s->nrequires; i++)
		json_object_set_new(req, s->requires[i].skill,
		    json_integer(s->requires[i].count));
	json_object_set_new(o, "requires", req);
	for (int wd = CIVIL_MON; wd <= CIVIL_SUN; wd++)
		if (s->days & MODEL_DAY_BIT(wd))
			json_array_append_new(
			    days, json_string(civil_weekday_key(wd)));
	json_object_set_new(o, "days", days);
	json_object_set_new(o, "interval", json_integer(s->interval));
	json_object_set_new(o, "first", date_json(s->first));
	json_object_set_new(o, "last", date_json(s->last));
	json_object_set_new(
	    o, "skip_school_holidays", json_boolean(s->skip_school_holidays));
	json_object_set_new(
	    o, "skip_public_holidays", json_boolean(s->skip_public_holidays));
	return o;
}

static int
bad(struct rotad_error *err, enum rotad_err code, const char *field,
    const char *msg)
{
	rotad_error_set(err, code, field, "%s", _(msg));
	return -1;
}

static int
read_date(
    const json_t *obj, const char *key, int32_t *out, struct rotad_error *err)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL)
		return bad(err, ROTAD_ERR_MISSING_FIELD, key,
		    N_("this field is required"));
	if (!json_is_string(v) ||
	    civil_parse_date(json_string_value(v), out) == -1)
		return bad(err, ROTAD_ERR_INVALID_FIELD, key,
		    N_("must be a date (YYYY-MM-DD)"));
	return 0;
}

static int
read_int(const json_t *obj, const char *key, bool required, int dflt, int *out,
    struct rotad_error *err)
{
	const json_t *v = json_object_get(obj, key);

	*out = dflt;
	if (v == NULL) {
		if (required)
			return bad(err, ROTAD_ERR_MISSING_FIELD, key,
			    N_("this field is required"));
		return 0;
	}
	if (!json_is_integer(v) || json_integer_value(v) < -1000000 ||
	    json_integer_value(v) > 1000000)
		return bad(err, ROTAD_ERR_INVALID_FIELD, key,
		    N_("must be a whole number"));
	*out = (int)json_integer_value(v);
	return 0;
}

static int
read_bool(
    const json_t *obj, const char *key, bool *out, struct rotad_error *err)
{
	const json_t *v = json_object_get(obj, key);

	*out = true; /* holidays are skipped unless said otherwise */
	if (v == NULL)
		return 0;
	if (!json_is_boolean(v))
		return bad(err, ROTAD_ERR_INVALID_FIELD, key,
		    N_("must be true or false"));
	*out = json_is_true(v);
	return 0;
}

static int
read_days(const json_t *obj, unsigned *out, struct rotad_error *err)
{
	const json_t *v = json_object_get(obj, "days"), *d;
	size_t i;

	*out = 0;
	if (v == NULL)
		return bad(err, ROTAD_ERR_MISSING_FIELD, "days",
		    N_("this field is required"));
	if (!json_is_array(v) || json_array_size(v) == 0)
		return bad(err, ROTAD_ERR_INVALID_FIELD, "days",
		    N_("must be a list of days (\"mon\" .. \"sun\")"));
	json_array_foreach(v, i, d)
	{
		int wd;
		for (wd = CIVIL_MON; wd <= CIVIL_SUN; wd++)
			if (json_is_string(d) &&
			    strcmp(json_string_value(d),
			        civil_weekday_key(wd)) == 0)
				break;
		if (wd > CIVIL_SUN)
			return bad(err, ROTAD_ERR_INVALID_FIELD, "days",
			    N_("must be a list of days (\"mon\" .. \"sun\")"));
		*out |= MODEL_DAY_BIT(wd);
	}
	return 0;
}

/*
 * Reads a series.  The fields a slot has (id, home, needed, activity,
 * min_age, requires) are checked by the slot reader itself, on a slot
 * made of them, so a series accepts exactly what a slot does.
 */
static int
series_from_json(const json_t *obj, struct series *out, struct rotad_error *err)
{
	static const char *const slot_fields[] = {
	    "id", "home", "needed", "activity", "min_age", "requires"};
	struct model_slot probe;
	const char *key, *field, *msg;
	json_t *v, *slot;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(obj))
		return bad(err, ROTAD_ERR_INVALID_FIELD, NULL,
		    N_("the body must be a JSON object"));
	json_object_foreach((json_t *)obj, key, v)
	{
		size_t k = 0;
		while (series_keys[k] != NULL && strcmp(series_keys[k], key))
			k++;
		if (series_keys[k] == NULL) {
			rotad_error_set(err, ROTAD_ERR_UNKNOWN_FIELD, key,
			    _("unknown field '%s'"), key);
			return -1;
		}
	}
	v = json_object_get(obj, "time");
	if (v == NULL)
		return bad(err, ROTAD_ERR_MISSING_FIELD, "time",
		    N_("this field is required"));
	if (!json_is_string(v) ||
	    civil_parse_hm(json_string_value(v), false, &out->start_minute) ==
	        -1)
		return bad(err, ROTAD_ERR_INVALID_FIELD, "time",
		    N_("time must be a local time of day (HH:MM)"));
	if (read_int(obj, "duration", true, 0, &out->duration, err) == -1 ||
	    read_int(obj, "interval", false, 1, &out->interval, err) == -1 ||
	    read_days(obj, &out->days, err) == -1 ||
	    read_date(obj, "first", &out->first, err) == -1 ||
	    read_date(obj, "last", &out->last, err) == -1 ||
	    read_bool(obj, "skip_school_holidays", &out->skip_school_holidays,
	        err) == -1 ||
	    read_bool(obj, "skip_public_holidays", &out->skip_public_holidays,
	        err) == -1)
		goto fail;

	slot = json_object();
	for (size_t k = 0; k < sizeof(slot_fields) / sizeof(slot_fields[0]);
	     k++)
		if ((v = json_object_get(obj, slot_fields[k])) != NULL)
			json_object_set(slot, slot_fields[k], v);
	json_object_set_new(slot, "start", json_string("2000-01-03T10:00"));
	json_object_set_new(slot, "end", json_string("2000-01-03T11:00"));
	rc = instance_slot_from_json(slot, "", NULL, &probe, err);
	json_decref(slot);
	if (rc == -1)
		goto fail;
	out->id = probe.id, probe.id = NULL;
	out->home = probe.home, probe.home = NULL;
	out->activity = probe.activity, probe.activity = NULL;
	out->needed = probe.needed;
	out->min_age = probe.min_age;
	out->requires = probe.requires, probe.requires = NULL;
	out->nrequires = probe.nrequires, probe.nrequires = 0;
	model_slot_clear(&probe);
	if (series_check(out, &field, &msg) == -1) {
		bad(err, ROTAD_ERR_INVALID_FIELD, field, msg);
		goto fail;
	}
	return 0;
fail:
	series_clear(out);
	return -1;
}

/* ---- expansion against the stored calendar ---- */

struct holidays {
	const struct model_instance *inst;
	const struct rules_profile *prof;
};

static bool
public_holiday(int32_t day, const void *arg)
{
	const struct holidays *h = arg;

	if (!h->inst->public_holidays_set)
		return h->prof != NULL && h->prof->is_public_holiday != NULL &&
		    h->prof->is_public_holiday(day);
	for (size_t i = 0; i < h->inst->npublic_holidays; i++)
		if (h->inst->public_holidays[i] == day)
			return true;
	return false;
}

/* Expands s against the instance's calendars and its deleted dates. */
static int
expand(struct api_ctx *ctx, const struct model_instance *inst,
    const struct series *s, bool with_exceptions, struct series_expansion *e)
{
	struct holidays h = {inst, rules_profile_find(inst->jurisdiction)};
	/* The school holidays of the home's calendar (issue 15). */
	long hi = s->home ? model_find_home(inst, s->home) : -1;
	struct series_calendar cal = {hi < 0
	        ? &inst->school_calendar
	        : model_home_calendar(inst, &inst->homes[hi]),
	    public_holiday, &h, NULL, 0};
	struct rotad_error err;
	int32_t *ex = NULL;
	size_t nex = 0;
	const char *msg;
	int rc;

	rotad_error_clear(&err);
	if (with_exceptions &&
	    store_series_exceptions(ctx->rd->store, s->id, &ex, &nex, &err) ==
	        -1) {
		api_reply_error(ctx, &err);
		return -1;
	}
	cal.exceptions = ex;
	cal.nexceptions = nex;
	rc = series_expand(s, &cal, tzmap_get(inst->timezone), e, &msg);
	free(ex);
	if (rc == -1)
		api_reply_errorf(
		    ctx, ROTAD_ERR_INVALID_FIELD, "last", "%s", _(msg));
	return rc;
}

/* The slot a series makes on one date, as a hand-made slot is read. */
static int
make_slot(const struct model_instance *inst, const struct series *s,
    const char *id, int64_t start, int64_t end, struct model_slot *out,
    struct rotad_error *err)
{
	json_t *o = json_object(), *req = json_object();
	int rc;

	json_object_set_new(o, "id", json_string(id));
	json_object_set_new(o, "home", json_string(s->home));
	json_object_set_new(o, "start", wall_json(start));
	json_object_set_new(o, "end", wall_json(end));
	json_object_set_new(o, "needed", json_integer(s->needed));
	if (s->activity != NULL)
		json_object_set_new(o, "activity", json_string(s->activity));
	if (s->min_age > 0)
		json_object_set_new(o, "min_age", json_integer(s->min_age));
	for (size_t i = 0; i < s->nrequires; i++)
		json_object_set_new(req, s->requires[i].skill,
		    json_integer(s->requires[i].count));
	json_object_set_new(o, "requires", req);
	rc =
	    instance_slot_from_json(o, "", tzmap_get(inst->timezone), out, err);
	json_decref(o);
	return rc;
}

static bool
same_text(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Same visit: home, times, needed, activity, min_age, requires. */
static bool
same_slot(const struct model_slot *a, const struct model_slot *b)
{
	if (strcmp(a->home, b->home) != 0 || a->start != b->start ||
	    a->end != b->end || a->needed != b->needed ||
	    !same_text(a->activity, b->activity) || a->min_age != b->min_age ||
	    a->nrequires != b->nrequires)
		return false;
	for (size_t i = 0; i < a->nrequires; i++)
		if (strcmp(a->requires[i].skill, b->requires[i].skill) != 0 ||
		    a->requires[i].count != b->requires[i].count)
			return false;
	return true;
}

static bool
moves(const struct model_slot *a, const struct model_slot *b)
{
	return strcmp(a->home, b->home) != 0 || a->start != b->start ||
	    a->end != b->end;
}

/*
 * Whether slot k differs from what series s makes on its date: changed
 * by hand (requires included, which the edited trigger cannot see).
 */
static bool
hand_edited(const struct model_instance *inst, const struct series *s, size_t k,
    bool flag)
{
	const struct model_slot *sl = &inst->slots[k];
	int32_t day = civil_wall_date(sl->start);
	int64_t start = (int64_t)day * CIVIL_MIN_PER_DAY + s->start_minute;
	struct model_slot t;
	struct rotad_error err;
	bool differs;

	if (flag)
		return true;
	if (make_slot(inst, s, sl->id, start, start + s->duration, &t, &err) ==
	    -1)
		return true;
	differs = !same_slot(&t, sl);
	model_slot_clear(&t);
	return differs;
}

static size_t
active_on(const struct model_instance *inst, size_t k)
{
	size_t n = 0;

	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].slot_idx == k &&
		    inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE)
			n++;
	return n;
}

static bool
any_on(const struct model_instance *inst, size_t k)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].slot_idx == k)
			return true;
	return false;
}

/* ---- the plan of a change ---- */

struct link {
	char *slot, *series; /* series NULL: detached */
	bool edited, cancelled;
};

struct change {
	struct model_instance *after; /* the candidate state */
	/* The state before (plan_commit()): whom the e-mail tells. */
	const struct model_instance *before;
	struct series *put; /* series to insert or update */
	bool *put_new;
	size_t nput;
	char *drop_series;            /* a series to delete, or NULL */
	struct model_slot *ins, *upd; /* slots to insert, update */
	size_t nins, nupd;
	char **del; /* slot ids to delete */
	size_t ndel;
	struct link *links; /* applied after the slot writes */
	size_t nlinks;
	struct model_assignment *cancel; /* assignments to cancel */
	size_t ncancel;
	json_t *moved; /* assigned visits that move or go: 409 without
	                  confirm */
	json_t *kept;  /* hand-edited visits left as they are */
	json_t *made;  /* ids of slots made */
	bool asked;    /* a DELETE asks for the cancellations itself */
	/* A split: the dates deleted by hand from `split_at` on go with the
	 * tail (from split_old to split_new). */
	const char *split_old, *split_new;
	int32_t split_at;
};

static void
change_init(struct change *p, const struct model_instance *inst)
{
	memset(p, 0, sizeof(*p));
	p->after = model_instance_copy(inst);
	p->moved = json_array();
	p->kept = json_array();
	p->made = json_array();
}

static void
change_free(struct change *p)
{
	model_instance_free(p->after);
	for (size_t i = 0; i < p->nput; i++)
		series_clear(&p->put[i]);
	free(p->put);
	free(p->put_new);
	free(p->drop_series);
	for (size_t i = 0; i < p->nins; i++)
		model_slot_clear(&p->ins[i]);
	free(p->ins);
	for (size_t i = 0; i < p->nupd; i++)
		model_slot_clear(&p->upd[i]);
	free(p->upd);
	for (size_t i = 0; i < p->ndel; i++)
		free(p->del[i]);
	free(p->del);
	for (size_t i = 0; i < p->nlinks; i++) {
		free(p->links[i].slot);
		free(p->links[i].series);
	}
	free(p->links);
	for (size_t i = 0; i < p->ncancel; i++)
		model_assignment_clear(&p->cancel[i]);
	free(p->cancel);
	json_decref(p->moved);
	json_decref(p->kept);
	json_decref(p->made);
}

static void
plan_series(struct change *p, const struct series *s, bool is_new)
{
	p->put = xreallocarray(p->put, p->nput + 1, sizeof(*p->put));
	p->put_new =
	    xreallocarray(p->put_new, p->nput + 1, sizeof(*p->put_new));
	series_copy(&p->put[p->nput], s);
	p->put_new[p->nput++] = is_new;
}

static void
plan_link(struct change *p, const char *slot, const char *series, bool edited,
    bool cancelled)
{
	struct link *l;

	p->links = xreallocarray(p->links, p->nlinks + 1, sizeof(*p->links));
	l = &p->links[p->nlinks++];
	l->slot = xstrdup(slot);
	l->series = series ? xstrdup(series) : NULL;
	l->edited = edited;
	l->cancelled = cancelled;
}

static void
plan_insert(struct change *p, const struct model_slot *s, const char *series)
{
	p->ins = xreallocarray(p->ins, p->nins + 1, sizeof(*p->ins));
	model_slot_copy(&p->ins[p->nins++], s);
	model_add_slot(p->after, s);
	plan_link(p, s->id, series, false, false);
	json_array_append_new(p->made, json_string(s->id));
}

/* Replaces slot k of the candidate (same id). */
static void
plan_update(struct change *p, size_t k, const struct model_slot *s)
{
	p->upd = xreallocarray(p->upd, p->nupd + 1, sizeof(*p->upd));
	model_slot_copy(&p->upd[p->nupd++], s);
	model_slot_clear(&p->after->slots[k]);
	model_slot_copy(&p->after->slots[k], s);
}

static void
plan_delete(struct change *p, const char *id)
{
	p->del = xreallocarray(p->del, p->ndel + 1, sizeof(*p->del));
	p->del[p->ndel++] = xstrdup(id);
}

/* Cancels the active assignments of slot k (a fact, as a sick call). */
static void
plan_cancel_on(struct change *p, size_t k)
{
	for (size_t i = 0; i < p->after->nassignments; i++) {
		struct model_assignment *a = &p->after->assignments[i];
		if (a->slot_idx != k || a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		a->status = MODEL_ASSIGNMENT_CANCELLED;
		p->cancel = xreallocarray(
		    p->cancel, p->ncancel + 1, sizeof(*p->cancel));
		model_assignment_copy(&p->cancel[p->ncancel++], a);
	}
}

/* An assigned visit that would move or go, for the 409 list. */
static void
note_moved(struct change *p, const struct model_instance *inst, size_t k,
    const struct model_slot *to)
{
	const struct model_slot *s = &inst->slots[k];
	json_t *ids = json_array(), *youths = json_array();
	json_t *o;

	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		if (a->slot_idx != k || a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		json_array_append_new(ids, json_string(a->id));
		json_array_append_new(youths, json_string(a->youth));
	}
	o = json_pack("{s:s, s:o, s:o, s:o, s:o}", "slot", s->id, "start",
	    wall_json(s->start), "end", wall_json(s->end), "assignments", ids,
	    "youths", youths);
	if (to != NULL) {
		json_object_set_new(o, "new_start", wall_json(to->start));
		json_object_set_new(o, "new_end", wall_json(to->end));
	} else {
		json_object_set_new(o, "removed", json_true());
	}
	json_array_append_new(p->moved, o);
}

static bool
taken_in(const struct model_instance *inst, const char *id)
{
	return model_find_slot(inst, id) >= 0;
}

/* A new slot id like a hand-made one's: "solheim-2027-01-06-1600". */
static char *
new_slot_id(const struct change *p, const struct series *s, int64_t start)
{
	int y, m, d, min = civil_wall_minute(start);
	char *hint, *id;

	civil_ymd_from_days(civil_wall_date(start), &y, &m, &d);
	hint = xasprintf(
	    "%s %04d-%02d-%02d %02d%02d", s->home, y, m, d, min / 60, min % 60);
	id = api_id_from_text(hint, "slot", taken_in, p->after);
	free(hint);
	return id;
}

/*
 * Plans series `ns` to cover the occurrences of `e`, taking over the
 * stored slots `old` (made by series `os`, which decides which of them
 * were changed by hand).  Returns 0, or -1 having replied.
 */
static int
plan_cover(struct api_ctx *ctx, const struct model_instance *inst,
    struct change *p, const struct series *os,
    const struct store_series_slot *old, size_t nold, const struct series *ns,
    const struct series_expansion *e, bool deleting)
{
	bool *used = xcalloc(nold + 1, sizeof(*used));
	struct rotad_error err;
	int rc = -1;

	rotad_error_clear(&err);
	for (size_t i = 0; i < e->nocc; i++) {
		const struct series_occurrence *o = &e->occ[i];
		struct model_slot t;
		size_t j;
		long k;

		for (j = 0; j < nold; j++)
			if (!used[j] && old[j].date == o->date)
				break;
		if (j == nold || (k = model_find_slot(inst, old[j].id)) < 0) {
			char *id = new_slot_id(p, ns, o->start);
			int r =
			    make_slot(inst, ns, id, o->start, o->end, &t, &err);
			free(id);
			if (r == -1)
				goto reply;
			plan_insert(p, &t, ns->id);
			model_slot_clear(&t);
			continue;
		}
		used[j] = true;
		if (old[j].cancelled) {
			plan_link(p, old[j].id, ns->id, old[j].edited, true);
			continue;
		}
		if (hand_edited(inst, os, (size_t)k, old[j].edited)) {
			plan_link(p, old[j].id, ns->id, true, false);
			json_array_append_new(p->kept, json_string(old[j].id));
			continue;
		}
		if (make_slot(
		        inst, ns, old[j].id, o->start, o->end, &t, &err) == -1)
			goto reply;
		if (!same_slot(&t, &inst->slots[k])) {
			if (active_on(inst, (size_t)k) > 0 &&
			    moves(&t, &inst->slots[k]))
				note_moved(p, inst, (size_t)k, &t);
			plan_update(p, (size_t)k, &t);
		}
		plan_link(p, old[j].id, ns->id, false, false);
		model_slot_clear(&t);
	}
	/* Stored slots whose date is no longer an occurrence. */
	for (size_t j = 0; j < nold; j++) {
		long k = model_find_slot(inst, old[j].id);

		if (used[j] || k < 0)
			continue;
		if (old[j].cancelled) {
			plan_link(p, old[j].id, ns->id, old[j].edited, true);
		} else if (active_on(inst, (size_t)k) > 0) {
			note_moved(p, inst, (size_t)k, NULL);
			plan_cancel_on(p, (size_t)k);
			plan_link(p, old[j].id, ns->id, old[j].edited, true);
		} else if (any_on(inst, (size_t)k)) {
			/* Only cancelled ones: kept for the feeds. */
			plan_link(p, old[j].id, ns->id, old[j].edited, true);
		} else if (!deleting &&
		    hand_edited(inst, os, (size_t)k, old[j].edited)) {
			/* Changed by hand: it stays, as a one-off visit. */
			plan_link(p, old[j].id, NULL, true, false);
			json_array_append_new(p->kept, json_string(old[j].id));
		} else {
			plan_link(p, old[j].id, NULL, false, false);
			plan_delete(p, old[j].id);
		}
	}
	rc = 0;
	goto done;
reply:
	api_reply_error(ctx, &err);
done:
	free(used);
	return rc;
}

/* Removes the planned deletions from the candidate and links it. */
static int
plan_finish(struct api_ctx *ctx, struct change *p)
{
	char field[128], msg[256];

	for (size_t i = 0; i < p->ndel; i++) {
		long k = model_find_slot(p->after, p->del[i]);
		if (k >= 0)
			model_remove_slot(p->after, (size_t)k);
	}
	if (model_instance_link(
	        p->after, field, sizeof(field), msg, sizeof(msg)) == -1) {
		api_reply_errorf(
		    ctx, ROTAD_ERR_UNKNOWN_REFERENCE, NULL, "%s", msg);
		return -1;
	}
	return 0;
}

/* 409 with the assigned visits that would move, unless ?confirm=true. */
static int
confirm_moves(struct api_ctx *ctx, struct change *p)
{
	bool confirm;
	json_t *e;

	if (json_array_size(p->moved) == 0 || p->asked)
		return 0;
	if (api_bool_param(ctx, "confirm", &confirm) == -1)
		return -1;
	if (confirm)
		return 0;
	e = json_pack("{s:i, s:s, s:s, s:s}", "status", 409, "code", "conflict",
	    "field", "confirm", "message",
	    _("the change would move or remove visits that youths are "
	      "assigned to; see visits (add ?confirm=true to go ahead: "
	      "removed visits have their assignments cancelled)"));
	api_reply_json(
	    ctx, 409, json_pack("{s:o, s:O}", "error", e, "visits", p->moved));
	return -1;
}

static int
plan_write(struct api_ctx *ctx, void *arg, struct rotad_error *err)
{
	struct change *p = arg;
	struct store *st = ctx->rd->store;
	int64_t now = api_now();

	for (size_t i = 0; i < p->nput; i++)
		if ((p->put_new[i]
		            ? store_series_insert(st, &p->put[i], now, err)
		            : store_series_update(st, &p->put[i], now, err)) ==
		    -1)
			return -1;
	if (p->split_new != NULL &&
	    store_series_exceptions_copy(
	        st, p->split_old, p->split_new, p->split_at, err) == -1)
		return -1;
	for (size_t i = 0; i < p->nins; i++)
		if (store_slot_insert(st, &p->ins[i], now, err) == -1)
			return -1;
	for (size_t i = 0; i < p->nupd; i++) {
		/* Feeds show this visit: its events get a new version. */
		if (store_slot_update(st, &p->upd[i], now, err) == -1 ||
		    store_assignments_touch(
		        st, STORE_TOUCH_SLOT, p->upd[i].id, now, err) == -1)
			return -1;
	}
	/* After the updates: they set edited (the trigger); this resets. */
	for (size_t i = 0; i < p->nlinks; i++)
		if (store_series_slot_link(st, p->links[i].slot,
		        p->links[i].series, p->links[i].edited,
		        p->links[i].cancelled, err) == -1)
			return -1;
	for (size_t i = 0; i < p->ncancel; i++) {
		struct model_assignment *a = &p->cancel[i];
		int64_t seq;
		if (store_assignments_touch(
		        st, STORE_TOUCH_SLOT, a->slot, now, err) == -1 ||
		    (seq = store_next_seq(st, err)) < 0)
			return -1;
		a->seq = seq;
		a->updated_at = now;
		if (store_assignment_update(st, a, err) == -1)
			return -1;
	}
	for (size_t i = 0; i < p->ndel; i++)
		if (store_slot_delete(st, p->del[i], err) == -1)
			return -1;
	if (p->drop_series != NULL &&
	    store_series_delete(st, p->drop_series, err) == -1)
		return -1;
	/* E-mail: moved and cancelled visits, in this transaction. */
	return p->before != NULL
	    ? notify_batch(st, p->before, p->after, now, err)
	    : 0;
}

/* What the audit row and the answer say about a plan. */
static json_t *
plan_summary(const struct change *p)
{
	json_t *upd = json_array(), *del = json_array(), *can = json_array();

	for (size_t i = 0; i < p->nupd; i++)
		json_array_append_new(upd, json_string(p->upd[i].id));
	for (size_t i = 0; i < p->ndel; i++)
		json_array_append_new(del, json_string(p->del[i]));
	for (size_t i = 0; i < p->ncancel; i++)
		json_array_append_new(can, json_string(p->cancel[i].id));
	return json_pack("{s:O, s:o, s:o, s:O, s:o}", "slots_created", p->made,
	    "slots_changed", upd, "slots_deleted", del, "kept_edited", p->kept,
	    "assignments_cancelled", can);
}

/*
 * Gate, confirm and commit a plan; replies with `answer` (taken over)
 * and the summary on success.
 */
static void
plan_commit(struct api_ctx *ctx, const struct model_instance *inst,
    struct change *p, const char *action, const char *id, json_t *before,
    json_t *answer, int status)
{
	json_t *forced = NULL, *summary, *audit;
	size_t nforced = 0;

	if (plan_finish(ctx, p) == -1 || confirm_moves(ctx, p) == -1 ||
	    api_gate_change_total(ctx, inst, p->after, &forced, &nforced) ==
	        -1) {
		json_decref(answer);
		return;
	}
	summary = plan_summary(p);
	p->before = inst;
	audit = json_pack("{s:O, s:O}", "value", answer, "changes", summary);
	if (forced != NULL)
		json_object_set(audit, "forced_violations", forced);
	if (api_commit(
	        ctx, plan_write, p, action, "series", id, before, audit) == 0) {
		json_object_set(answer, "changes", summary);
		api_add_forced(answer, forced, nforced);
		api_reply_json(ctx, status, json_incref(answer));
	}
	json_decref(audit);
	json_decref(summary);
	json_decref(forced);
	json_decref(answer);
}

/* ---- handlers ---- */

static bool
in_scope(struct api_ctx *ctx, const char *home)
{
	return ctx->who == NULL || user_in_scope(ctx->who, home);
}

/* The series :id, or -1 having replied (404 also outside the scope). */
static int
load_series(struct api_ctx *ctx, struct series *s)
{
	struct rotad_error err;
	int rc;

	rotad_error_clear(&err);
	rc = store_series_get(ctx->rd->store, ctx->params[0], s, &err);
	if (rc == -1) {
		api_reply_error(ctx, &err);
		return -1;
	}
	if (rc == 0 || !in_scope(ctx, s->home)) {
		if (rc == 1)
			series_clear(s);
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no series has id '%s'", ctx->params[0]);
		return -1;
	}
	return 0;
}

static bool
series_taken(struct api_ctx *ctx, const char *id)
{
	struct series s;
	struct rotad_error err;
	int rc;

	rotad_error_clear(&err);
	rc = store_series_get(ctx->rd->store, id, &s, &err);
	if (rc == 1)
		series_clear(&s);
	return rc != 0;
}

/* api_id_from_text() wants a taken() on an instance; the store decides. */
static struct api_ctx *taken_ctx;

static bool
series_id_taken(const struct model_instance *inst, const char *id)
{
	(void)inst;
	return series_taken(taken_ctx, id);
}

static char *
new_series_id(
    struct api_ctx *ctx, const struct model_instance *inst, const char *hint)
{
	char *id;

	taken_ctx = ctx; /* handlers run on the loop thread, one at a time */
	id = api_id_from_text(hint, "series", series_id_taken, inst);
	taken_ctx = NULL;
	return id;
}

static json_t *
skipped_json(const struct series_expansion *e)
{
	json_t *a = json_array();

	for (size_t i = 0; i < e->nskipped; i++)
		json_array_append_new(a,
		    json_pack("{s:o, s:s}", "date",
		        date_json(e->skipped[i].date), "reason",
		        series_skip_name(e->skipped[i].why)));
	return a;
}

static void
add_rule_text(json_t *o, const struct series_expansion *e)
{
	json_object_set_new(o, "rrule", json_string(e->rrule));
	json_object_set_new(o, "exdate", json_string(e->exdate));
	json_object_set_new(o, "skipped", skipped_json(e));
}

static void
series_create(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct series s;
	struct series_expansion e;
	struct rotad_error err;
	struct change p;
	json_t *body, *answer;
	char *loc;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	rotad_error_clear(&err);
	body = json_deep_copy(ctx->body);
	if (json_is_object(body) && json_object_get(body, "id") == NULL) {
		const char *home =
		    json_string_value(json_object_get(body, "home"));
		const char *act =
		    json_string_value(json_object_get(body, "activity"));
		char *hint =
		    xasprintf("%s %s", home ? home : "", act ? act : "");
		char *id = new_series_id(ctx, inst, hint);
		json_object_set_new(body, "id", json_string(id));
		free(hint);
		free(id);
	}
	if (series_from_json(body, &s, &err) == -1) {
		json_decref(body);
		api_reply_error(ctx, &err);
		return;
	}
	json_decref(body);
	if (model_find_home(inst, s.home) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_REFERENCE, "home",
		    "no home has id '%s'", s.home);
		series_clear(&s);
		return;
	}
	if (series_taken(ctx, s.id)) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, "id",
		    "a series with id '%s' exists already", s.id);
		series_clear(&s);
		return;
	}
	if (expand(ctx, inst, &s, false, &e) == -1) {
		series_clear(&s);
		return;
	}
	change_init(&p, inst);
	plan_series(&p, &s, true);
	if (plan_cover(ctx, inst, &p, &s, NULL, 0, &s, &e, false) == 0) {
		answer = series_to_json(&s);
		add_rule_text(answer, &e);
		loc = xasprintf("/api/v1/series/%s", s.id);
		api_add_header(ctx, "Location", loc);
		free(loc);
		plan_commit(ctx, inst, &p, "create", s.id, NULL, answer, 201);
	}
	change_free(&p);
	series_expansion_clear(&e);
	series_clear(&s);
}

static void
series_list(struct api_ctx *ctx)
{
	struct series *all;
	struct rotad_error err;
	const char *home = api_query(ctx, "home");
	size_t n;
	json_t *items = json_array();

	rotad_error_clear(&err);
	if (store_series_all(ctx->rd->store, &all, &n, &err) == -1) {
		json_decref(items);
		api_reply_error(ctx, &err);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (home == NULL || strcmp(all[i].home, home) == 0)
			json_array_append_new(items, series_to_json(&all[i]));
		series_clear(&all[i]);
	}
	free(all);
	api_reply_json(ctx, 200, json_pack("{s:o}", "series", items));
}

/* The series with its visits, as GET shows it. */
static json_t *
series_full_json(struct api_ctx *ctx, const struct model_instance *inst,
    const struct series *s, const struct series_expansion *e)
{
	struct store_series_slot *ss = NULL;
	struct rotad_error err;
	size_t n = 0;
	json_t *o = series_to_json(s), *visits = json_array();

	rotad_error_clear(&err);
	(void)store_series_slots(ctx->rd->store, s->id, &ss, &n, &err);
	for (size_t i = 0; i < n; i++) {
		long k = model_find_slot(inst, ss[i].id);
		json_t *v;
		if (k < 0)
			continue;
		v = json_pack("{s:s, s:o, s:o, s:o, s:b, s:b, s:i}", "slot",
		    ss[i].id, "date", date_json(ss[i].date), "start",
		    wall_json(inst->slots[k].start), "end",
		    wall_json(inst->slots[k].end), "edited",
		    !ss[i].cancelled &&
		        hand_edited(inst, s, (size_t)k, ss[i].edited),
		    "cancelled", ss[i].cancelled, "assigned",
		    (int)active_on(inst, (size_t)k));
		json_array_append_new(visits, v);
	}
	free(ss);
	json_object_set_new(o, "visits", visits);
	if (e != NULL)
		add_rule_text(o, e);
	return o;
}

static void
series_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct series s;
	struct series_expansion e;
	json_t *o;

	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    load_series(ctx, &s) == -1)
		return;
	if (expand(ctx, inst, &s, true, &e) == 0) {
		o = series_full_json(ctx, inst, &s, &e);
		api_set_etag(ctx, o);
		api_reply_json(ctx, 200, o);
		series_expansion_clear(&e);
	}
	series_clear(&s);
}

/*
 * If-Match against the series as GET shows it (visits included, so that a
 * change of one of its slots is a new version too); -1 having replied.
 */
static int
series_if_match(struct api_ctx *ctx, const struct model_instance *inst,
    const struct series *s)
{
	struct series_expansion e;
	json_t *o;
	int rc;

	if (api_header(ctx, "If-Match") == NULL)
		return 0;
	if (expand(ctx, inst, s, true, &e) == -1)
		return -1;
	o = series_full_json(ctx, inst, s, &e);
	rc = api_if_match(ctx, o);
	json_decref(o);
	series_expansion_clear(&e);
	return rc;
}

/* The fields one visit may change on its own. */
static const char *const visit_fields[] = {
    "time", "duration", "needed", "activity", "min_age", "requires"};

/* scope=this: the one visit `slot` becomes what the patch says. */
static void
edit_this(struct api_ctx *ctx, const struct model_instance *inst,
    const struct series *s, const struct store_series_slot *ss,
    const json_t *patch)
{
	const char *key;
	json_t *v, *cur, *merged, *answer;
	struct series one;
	struct model_slot t;
	struct rotad_error err;
	struct change p;
	long k = model_find_slot(inst, ss->id);
	int32_t day = ss->date;
	int64_t start;

	json_object_foreach((json_t *)patch, key, v)
	{
		size_t i = 0;
		while (i < sizeof(visit_fields) / sizeof(visit_fields[0]) &&
		    strcmp(visit_fields[i], key) != 0)
			i++;
		if (i == sizeof(visit_fields) / sizeof(visit_fields[0])) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, key,
			    "'%s' cannot change for one visit; use "
			    "scope=following or scope=all",
			    key);
			return;
		}
	}
	if (k < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, "from",
		    "no slot has id '%s'", ss->id);
		return;
	}
	if (ss->cancelled) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, "from",
		    "the visit '%s' was cancelled; add a new slot instead",
		    ss->id);
		return;
	}
	/* The visit as it is now, in the series' terms, with the patch. */
	cur = series_to_json(s);
	{
		const struct model_slot *sl = &inst->slots[k];
		json_t *req = json_object();
		char hm[CIVIL_HM_LEN];
		civil_format_hm(civil_wall_minute(sl->start), hm);
		json_object_set_new(cur, "time", json_string(hm));
		json_object_set_new(cur, "duration",
		    json_integer((json_int_t)(sl->end - sl->start)));
		json_object_set_new(cur, "needed", json_integer(sl->needed));
		json_object_del(cur, "activity");
		if (sl->activity != NULL)
			json_object_set_new(
			    cur, "activity", json_string(sl->activity));
		json_object_set_new(cur, "min_age", json_integer(sl->min_age));
		for (size_t i = 0; i < sl->nrequires; i++)
			json_object_set_new(req, sl->requires[i].skill,
			    json_integer(sl->requires[i].count));
		json_object_set_new(cur, "requires", req);
	}
	merged = api_merge_patch(cur, patch);
	json_decref(cur);
	rotad_error_clear(&err);
	if (series_from_json(merged, &one, &err) == -1) {
		json_decref(merged);
		api_reply_error(ctx, &err);
		return;
	}
	json_decref(merged);
	start = (int64_t)day * CIVIL_MIN_PER_DAY + one.start_minute;
	if (make_slot(inst, &one, ss->id, start, start + one.duration, &t,
	        &err) == -1) {
		series_clear(&one);
		api_reply_error(ctx, &err);
		return;
	}
	change_init(&p, inst);
	if (active_on(inst, (size_t)k) > 0 && moves(&t, &inst->slots[k]))
		note_moved(&p, inst, (size_t)k, &t);
	plan_update(&p, (size_t)k, &t);
	plan_link(&p, ss->id, s->id, true, false);
	answer = instance_slot_to_json(&t);
	plan_commit(ctx, inst, &p, "update", s->id, NULL, answer, 200);
	change_free(&p);
	model_slot_clear(&t);
	series_clear(&one);
}

static void
series_patch(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	const char *scope = api_query(ctx, "scope");
	const char *from = api_query(ctx, "from");
	struct series s, ns, head;
	struct series_expansion e;
	struct store_series_slot *ss = NULL;
	struct rotad_error err;
	struct change p;
	json_t *cur, *merged, *before, *answer;
	size_t nss = 0, at = 0, i;
	bool split;

	if (!json_is_object(ctx->body)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the body must be a JSON object (a merge patch)");
		return;
	}
	if (scope == NULL ||
	    (strcmp(scope, "this") != 0 && strcmp(scope, "following") != 0 &&
	        strcmp(scope, "all") != 0)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "scope",
		    "scope must be 'this', 'following' or 'all'");
		return;
	}
	if (strcmp(scope, "all") != 0 && from == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_MISSING_FIELD, "from",
		    "scope=%s needs from=SLOT_ID, the visit it starts at",
		    scope);
		return;
	}
	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    load_series(ctx, &s) == -1)
		return;
	rotad_error_clear(&err);
	cur = series_to_json(&s);
	before = json_incref(cur);
	if (series_if_match(ctx, inst, &s) == -1)
		goto out_cur;
	if (store_series_slots(ctx->rd->store, s.id, &ss, &nss, &err) == -1) {
		api_reply_error(ctx, &err);
		goto out_cur;
	}
	if (from != NULL) {
		for (at = 0; at < nss && strcmp(ss[at].id, from) != 0; at++)
			;
		if (at == nss) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "from",
			    "slot '%s' is not a visit of series '%s'", from,
			    s.id);
			goto out_slots;
		}
	}
	if (strcmp(scope, "this") == 0) {
		edit_this(ctx, inst, &s, &ss[at], ctx->body);
		goto out_slots;
	}

	/* following or all: the series (or its tail) becomes the merge. */
	merged = api_merge_patch(cur, ctx->body);
	for (i = 0; i < sizeof(output_only) / sizeof(output_only[0]); i++)
		json_object_del(merged, output_only[i]);
	split = strcmp(scope, "following") == 0 && ss[at].date > s.first;
	if (split) {
		/* The tail is a new series from the visit's date on. */
		if (json_object_get(ctx->body, "id") == NULL) {
			char *id = new_series_id(ctx, inst, s.id);
			json_object_set_new(merged, "id", json_string(id));
			free(id);
		}
		if (json_object_get(ctx->body, "first") == NULL)
			json_object_set_new(
			    merged, "first", date_json(ss[at].date));
	}
	if (series_from_json(merged, &ns, &err) == -1) {
		json_decref(merged);
		api_reply_error(ctx, &err);
		goto out_slots;
	}
	json_decref(merged);
	if (strcmp(ns.id, s.id) != 0 && !split) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "id",
		    "the id of a series cannot change");
		goto out_ns;
	}
	if (split && (strcmp(ns.id, s.id) == 0 || series_taken(ctx, ns.id))) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, "id",
		    "a series with id '%s' exists already", ns.id);
		goto out_ns;
	}
	if (split && ns.first < ss[at].date) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "first",
		    "the following visits cannot start before the visit "
		    "they are split at");
		goto out_ns;
	}
	if (model_find_home(inst, ns.home) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_REFERENCE, "home",
		    "no home has id '%s'", ns.home);
		goto out_ns;
	}
	if (!in_scope(ctx, ns.home)) {
		api_reply_errorf(ctx, ROTAD_ERR_FORBIDDEN, "home",
		    "the home is outside the scope of %s", ctx->who->login);
		goto out_ns;
	}
	/* Dates deleted by hand stay out: those stored for the old id. */
	{
		char *newid = ns.id;
		int rc;
		ns.id = s.id;
		rc = expand(ctx, inst, &ns, true, &e);
		ns.id = newid;
		if (rc == -1)
			goto out_ns;
	}
	change_init(&p, inst);
	if (split) {
		series_copy(&head, &s);
		head.last = ss[at].date - 1;
		plan_series(&p, &head, false);
		plan_series(&p, &ns, true);
		series_clear(&head);
		p.split_old = s.id;
		p.split_new = ns.id;
		p.split_at = ss[at].date;
		if (plan_cover(ctx, inst, &p, &s, ss + at, nss - at, &ns, &e,
		        false) == -1)
			goto out_plan;
	} else {
		plan_series(&p, &ns, false);
		if (plan_cover(ctx, inst, &p, &s, ss, nss, &ns, &e, false) ==
		    -1)
			goto out_plan;
	}
	answer = series_to_json(&ns);
	add_rule_text(answer, &e);
	if (split)
		json_object_set_new(answer, "split_from", json_string(s.id));
	plan_commit(ctx, inst, &p, split ? "split" : "update", s.id, before,
	    answer, 200);
out_plan:
	change_free(&p);
	series_expansion_clear(&e);
out_ns:
	series_clear(&ns);
out_slots:
	free(ss);
out_cur:
	json_decref(cur);
	json_decref(before);
	series_clear(&s);
}

/*
 * DELETE ?from=DATE: the visits from that date on go (all of them
 * without from); visits with assignments stay as cancelled visits, their
 * assignments cancelled, so that every feed shows them cancelled.
 */
static void
series_delete(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	const char *from = api_query(ctx, "from");
	struct series s, head;
	struct series_expansion none;
	struct store_series_slot *ss = NULL;
	struct rotad_error err;
	struct change p;
	json_t *before;
	size_t nss = 0, at;
	int32_t day = CIVIL_NO_DATE;

	if (from != NULL && civil_parse_date(from, &day) == -1) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "from",
		    "from must be a date (YYYY-MM-DD)");
		return;
	}
	if ((inst = api_instance_or_reply(ctx)) == NULL ||
	    load_series(ctx, &s) == -1)
		return;
	before = series_to_json(&s);
	rotad_error_clear(&err);
	if (series_if_match(ctx, inst, &s) == -1)
		goto out;
	if (store_series_slots(ctx->rd->store, s.id, &ss, &nss, &err) == -1) {
		api_reply_error(ctx, &err);
		goto out;
	}
	for (at = 0; at < nss && day != CIVIL_NO_DATE && ss[at].date < day;
	     at++)
		;
	change_init(&p, inst);
	p.asked = true;
	memset(&none, 0, sizeof(none));
	/* Every stored visit from `at` on is no longer an occurrence. */
	if (plan_cover(ctx, inst, &p, &s, ss + at, nss - at, &s, &none, true) ==
	    0) {
		bool whole = day == CIVIL_NO_DATE || day <= s.first;
		json_t *answer;
		if (whole) {
			p.drop_series = xstrdup(s.id);
			/* Kept (cancelled) visits stay, detached. */
			for (size_t i = 0; i < p.nlinks; i++) {
				free(p.links[i].series);
				p.links[i].series = NULL;
			}
		} else {
			series_copy(&head, &s);
			head.last = day - 1;
			plan_series(&p, &head, false);
			series_clear(&head);
		}
		answer = whole
		    ? json_pack("{s:s, s:b}", "id", s.id, "deleted", true)
		    : series_to_json(&p.put[0]);
		plan_commit(ctx, inst, &p, "delete", s.id, before, answer, 200);
	}
	change_free(&p);
out:
	free(ss);
	json_decref(before);
	series_clear(&s);
}

const struct api_route api_series_routes[] = {
    {API_GET | API_HEAD, "/api/v1/series", series_list, API_AUTH},
    {API_POST, "/api/v1/series", series_create, API_AUTH | API_BODY},
    {API_GET | API_HEAD, "/api/v1/series/:id", series_get, API_AUTH},
    {API_PATCH, "/api/v1/series/:id", series_patch, API_AUTH | API_BODY},
    {API_DELETE, "/api/v1/series/:id", series_delete, API_AUTH},
    {0, NULL, NULL, 0},
};
