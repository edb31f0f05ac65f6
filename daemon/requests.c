/* SPDX-License-Identifier: ISC */
/*
 * This file contains the youth's own actions and the coordinator's
 * answers to them (requests.h): each checks what it can, then makes the
 * plan's change through change_apply() with the request's row in the
 * same transaction, or writes a waiting request with its audit row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "civil.h"
#include "feed_cache.h"
#include "i18n.h"
#include "model.h"
#include "plan.h"
#include "publish_state.h"
#include "requests.h"
#include "rotad.h"
#include "rules_json.h"
#include "feed.h"
#include "textfmt.h"
#include "state.h"
#include "store.h"
#include "notify.h"
#include "store_requests.h"
#include "tzmap.h"
#include "xmalloc.h"
#include "youthpage.h"

static char *
json_text(const json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
}

/* The wall time now in the instance's zone. */
static int64_t
wall_now(const struct tzmap *tz, int64_t now)
{
	return tzmap_to_wall(tz, now >= 0 ? now / 60 : -((-now + 59) / 60));
}

static long
active_on(const struct model_instance *inst, size_t youth, size_t slot)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].slot_idx == slot &&
		    inst->assignments[i].youth_idx == youth &&
		    inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE)
			return (long)i;
	return -1;
}

/* A new give-away: the colleagues who may take it hear of it by mail,
 * as their youth pages show the plan (notify_offer(); in manual
 * publishing the published state). */
static int
offers(struct rotad *rd, const struct request *r, int64_t now,
    struct rotad_error *err)
{
	const struct model_instance *shown;
	int rc;

	if (!notify_enabled())
		return 0;
	if ((shown = publish_view_get(rd, err)) == NULL)
		return -1;
	rc = notify_offer(rd->store, shown, r, now, err);
	publish_view_put(rd, shown);
	return rc;
}

/* Writes (insert when r->id is 0, else update) a request with its audit
 * row in one transaction; the version moves, the model stays. */
static int
request_commit(struct rotad *rd, struct request *r, const struct request *old,
    const char *actor, int64_t now, struct rotad_error *err)
{
	struct feed_touch none = {0};
	json_t *before = old ? request_to_json(old) : NULL, *after;
	char *b, *a, id[32];
	int rc;

	if (store_begin(rd->store, err) == -1) {
		json_decref(before);
		return -1;
	}
	rc = r->id == 0 ? store_request_insert(rd->store, r, err)
	                : store_request_update(rd->store, r, err);
	after = request_to_json(r);
	b = json_text(before);
	a = json_text(after);
	snprintf(id, sizeof(id), "r%lld", (long long)r->id);
	if (rc == 0) /* e-mail, in this transaction (notify.h) */
		rc = notify_request(
		    rd->store, rd->cache, r, old, actor, now, err);
	if (rc == 0 && old == NULL && r->kind == REQUEST_GIVE_AWAY)
		rc = offers(rd, r, now, err);
	if (rc == 0)
		rc = store_audit(rd->store, now, actor,
		    old ? "update" : "create", "request", id, b, a, err);
	if (rc == 0)
		rc = store_commit(rd->store, err);
	else
		store_rollback(rd->store);
	free(b);
	free(a);
	json_decref(before);
	json_decref(after);
	if (rc == 0)
		state_committed(rd, &none);
	return rc;
}

/* The request row written inside a change's transaction, with its
 * e-mail (apply_change() gives it the instance). */
struct also_ctx {
	struct request *r;
	const struct model_instance *inst;
	const char *actor;
};

static int
also_update(struct store *st, void *arg, struct rotad_error *err)
{
	struct also_ctx *a = arg;

	if (store_request_update(st, a->r, err) == -1)
		return -1;
	return notify_request(
	    st, a->inst, a->r, NULL, a->actor, a->r->updated_at, err);
}

/* A change through the gate, as api_change() makes it (without ?force). */
static int
apply_change(struct rotad *rd, struct change *c, const char *actor, int64_t now,
    struct change_result *res, struct rotad_error *err)
{
	struct feed_touch ft = {0};
	struct model_instance *inst;
	struct also_ctx ac;
	bool failed = false;
	int rc;

	memset(res, 0, sizeof(*res));
	c->gate = true;
	c->actor = actor;
	c->now = now;
	if ((inst = state_edit(rd, err)) == NULL)
		return -1;
	if (c->also == also_update) {
		ac.r = c->also_arg;
		ac.inst = inst;
		ac.actor = actor;
		c->also_arg = &ac;
	}
	rc = change_apply(rd->store, inst, c, res, &ft, &failed, err);
	if (rc == 0) {
		publish_state_changed(rd, c, &ft);
		state_committed(rd, &ft);
	} else if (failed)
		state_drop(rd);
	feed_touch_free(&ft);
	return rc;
}

static char *
new_assignment_id(struct rotad *rd, const struct model_instance *inst)
{
	char id[32];

	for (int64_t n = store_assignment_id_floor(rd->store) + 1;; n++) {
		snprintf(id, sizeof(id), "a%lld", (long long)n);
		if (state_find_assignment(inst, id) < 0)
			return xstrdup(id);
	}
}

/* Puts youth y on slot s (a new pinned assignment) through the gate. */
static int
add_assignment(struct rotad *rd, const struct model_instance *inst, size_t y,
    size_t s, struct request *also, const char *actor, int64_t now,
    struct change_result *res, struct rotad_error *err)
{
	struct model_assignment a;
	struct change c;
	int rc;

	memset(&a, 0, sizeof(a));
	a.id = new_assignment_id(rd, inst);
	a.slot = xstrdup(inst->slots[s].id);
	a.youth = xstrdup(inst->youths[y].id);
	a.pinned = true;
	a.status = MODEL_ASSIGNMENT_ACTIVE;
	a.made_by = MODEL_MADE_BY_COORDINATOR;
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_CREATE;
	c.value.assignment = &a;
	if (also != NULL) {
		c.also = also_update;
		c.also_arg = also;
	}
	rc = apply_change(rd, &c, actor, now, res, err);
	model_assignment_clear(&a);
	return rc;
}

/* Assignment `ai` moves from its youth to youth `taker`, through the gate:
 * one change, so one transaction (taker on, giver off). */
static int
swap_assignment(struct rotad *rd, const struct model_instance *inst, size_t ai,
    size_t taker, struct request *also, const char *actor, int64_t now,
    struct change_result *res, struct rotad_error *err)
{
	struct model_assignment a;
	struct change c;
	int rc;

	model_assignment_copy(&a, &inst->assignments[ai]);
	free(a.youth);
	a.youth = xstrdup(inst->youths[taker].id);
	a.pinned = true;
	a.made_by = MODEL_MADE_BY_COORDINATOR;
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_UPDATE;
	c.id = inst->assignments[ai].id;
	c.value.assignment = &a;
	c.also = also_update;
	c.also_arg = also;
	rc = apply_change(rd, &c, actor, now, res, err);
	model_assignment_clear(&a);
	return rc;
}

/* The open give-away of slot_id by someone else than `not_by`, if any. */
static int
find_offer(struct rotad *rd, const char *slot_id, const char *not_by,
    struct request *out, struct rotad_error *err)
{
	enum request_kind k = REQUEST_GIVE_AWAY;
	enum request_state s = REQUEST_OPEN;
	struct request *v;
	size_t n;
	int found = 0;

	if (store_requests_list(rd->store, &k, &s, NULL, &v, &n, err) == -1)
		return -1;
	for (size_t i = 0; i < n && !found; i++)
		if (strcmp(v[i].slot, slot_id) == 0 &&
		    strcmp(v[i].youth, not_by) != 0 && v[i].taker[0] == '\0') {
			*out = v[i];
			found = 1;
		}
	free(v);
	return found;
}

/* Whether youth already has an open request of this kind on slot_id. */
static int
has_open(struct rotad *rd, enum request_kind k, const char *youth,
    const char *slot_id, struct rotad_error *err)
{
	enum request_state s = REQUEST_OPEN;
	struct request *v;
	size_t n;
	int found = 0;

	if (store_requests_list(rd->store, &k, &s, youth, &v, &n, err) == -1)
		return -1;
	for (size_t i = 0; i < n && !found; i++)
		found = strcmp(v[i].slot, slot_id) == 0 &&
		    (strcmp(v[i].youth, youth) == 0 ||
		        strcmp(v[i].taker, youth) == 0);
	free(v);
	return found;
}

static const struct tzmap *
zone(const struct model_instance *inst, struct rotad_error *err)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	if (tz == NULL)
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "time zone '%s' cannot be loaded", inst->timezone);
	return tz;
}

/* The gate's reasons why youth y may not take slot s, as a refusal. */
static int
refuse(const struct model_instance *inst, struct rules_report *why,
    struct change_result *res, struct rotad_error *err)
{
	res->violations = rules_report_to_json(why, inst);
	res->nviolations = why->n;
	rules_report_free(why);
	rotad_error_set(err, ROTAD_ERR_RULE_VIOLATION, NULL,
	    "the change would break labour-law or planning rules; see "
	    "violations");
	return -1;
}

int
requests_claim(struct rotad *rd, const char *youth, const char *slot,
    const char *actor, int64_t now, enum requests_outcome *out,
    struct change_result *res, struct rotad_error *err)
{
	const struct model_instance *inst;
	const struct tzmap *tz;
	struct rules_report why = {0};
	struct request offer, r;
	long y, s, giver = -1, ai = -1;
	int *open, rc, found = 0;

	memset(res, 0, sizeof(*res));
	if ((inst = state_get(rd, err)) == NULL ||
	    (tz = zone(inst, err)) == NULL)
		return -1;
	if ((y = state_find_youth(inst, youth)) < 0 ||
	    (s = state_find_slot(inst, slot)) < 0) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, "slot",
		    "no visit has id '%s'", slot);
		return -1;
	}
	if (inst->slots[s].cancelled ||
	    inst->slots[s].start < wall_now(tz, now)) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, "slot",
		    "this visit has started or is over");
		return -1;
	}
	if (active_on(inst, (size_t)y, (size_t)s) >= 0) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, "slot",
		    "you are on this visit already");
		return -1;
	}
	if ((rc = has_open(rd, REQUEST_CLAIM, youth, slot, err)) != 0 ||
	    (rc = has_open(rd, REQUEST_GIVE_AWAY, youth, slot, err)) != 0) {
		if (rc == 1)
			rotad_error_set(err, ROTAD_ERR_CONFLICT, "slot",
			    "you have asked for this visit already");
		return -1;
	}
	open = plan_open_positions(inst);
	rc = open[s];
	free(open);
	if (rc <= 0) {
		if ((found = find_offer(rd, slot, youth, &offer, err)) == -1)
			return -1;
		if (found)
			giver = state_find_youth(inst, offer.youth);
		if (giver >= 0)
			ai = active_on(inst, (size_t)giver, (size_t)s);
		if (ai < 0) {
			/* Also the answer to a colleague who follows an
			 * offer's mail after it was taken or declined (the
			 * youth page shows it in the youth's language:
			 * rotad_error_set() translates). */
			rotad_error_set(err, ROTAD_ERR_CONFLICT, "slot",
			    "this visit is full, and nobody is giving it "
			    "away now");
			return -1;
		}
	}
	/* The gate's answer now, for its reasons in words; the change
	 * itself passes the gate again. */
	rc = youthpage_may_take(inst, tz, (size_t)y, (size_t)s, giver, &why,
	    err->message, sizeof(err->message));
	if (rc == -1) {
		rules_report_free(&why);
		rotad_error_set(err, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the schedule cannot be checked");
		return -1;
	}
	if (rc == 0)
		return refuse(inst, &why, res, err);
	rules_report_free(&why);
	if (inst->claims_need_approval) {
		*out = REQUESTS_PENDING;
		if (giver >= 0) {
			r = offer;
			snprintf(r.taker, sizeof(r.taker), "%s", youth);
			r.updated_at = now;
			return request_commit(rd, &r, &offer, actor, now, err);
		}
		memset(&r, 0, sizeof(r));
		r.kind = REQUEST_CLAIM;
		r.state = REQUEST_OPEN;
		snprintf(r.youth, sizeof(r.youth), "%s", youth);
		snprintf(r.slot, sizeof(r.slot), "%s", slot);
		r.created_at = now;
		return request_commit(rd, &r, NULL, actor, now, err);
	}
	*out = REQUESTS_DONE;
	if (giver >= 0) {
		r = offer;
		snprintf(r.taker, sizeof(r.taker), "%s", youth);
		r.state = REQUEST_DONE;
		r.updated_at = now;
		return swap_assignment(
		    rd, inst, (size_t)ai, (size_t)y, &r, actor, now, res, err);
	}
	return add_assignment(
	    rd, inst, (size_t)y, (size_t)s, NULL, actor, now, res, err);
}

int
requests_give_away(struct rotad *rd, const char *youth, const char *slot,
    const char *actor, int64_t now, enum requests_outcome *out,
    struct rotad_error *err)
{
	const struct model_instance *inst;
	const struct tzmap *tz;
	struct request r;
	long y, s;
	int rc;

	if ((inst = state_get(rd, err)) == NULL ||
	    (tz = zone(inst, err)) == NULL)
		return -1;
	if ((y = state_find_youth(inst, youth)) < 0 ||
	    (s = state_find_slot(inst, slot)) < 0 ||
	    active_on(inst, (size_t)y, (size_t)s) < 0) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, "slot",
		    "you are not on a visit with id '%s'", slot);
		return -1;
	}
	if (inst->slots[s].start < wall_now(tz, now)) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, "slot",
		    "this visit has started or is over");
		return -1;
	}
	if ((rc = has_open(rd, REQUEST_GIVE_AWAY, youth, slot, err)) != 0) {
		if (rc == 1)
			rotad_error_set(err, ROTAD_ERR_CONFLICT, "slot",
			    "you are giving this visit away already");
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.kind = REQUEST_GIVE_AWAY;
	r.state = REQUEST_OPEN;
	snprintf(r.youth, sizeof(r.youth), "%s", youth);
	snprintf(r.slot, sizeof(r.slot), "%s", slot);
	r.created_at = now;
	*out = REQUESTS_OFFERED;
	return request_commit(rd, &r, NULL, actor, now, err);
}

/* Youth y with [start, end) added to their unavailable times, through
 * the gate. */
static int
add_unavailable(struct rotad *rd, const struct model_instance *inst, size_t y,
    int64_t start, int64_t end, struct request *also, const char *actor,
    int64_t now, struct change_result *res, struct rotad_error *err)
{
	struct model_youth ny;
	struct change c;
	int rc;

	model_youth_copy(&ny, &inst->youths[y]);
	ny.unavailable = xreallocarray(
	    ny.unavailable, ny.nunavailable + 1, sizeof(*ny.unavailable));
	ny.unavailable[ny.nunavailable].start = start;
	ny.unavailable[ny.nunavailable].end = end;
	ny.nunavailable++;
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_YOUTH;
	c.op = CHANGE_UPDATE;
	c.id = inst->youths[y].id;
	c.value.youth = &ny;
	if (also != NULL) {
		c.also = also_update;
		c.also_arg = also;
	}
	rc = apply_change(rd, &c, actor, now, res, err);
	model_youth_clear(&ny);
	return rc;
}

int
requests_day_off(struct rotad *rd, const char *youth, int64_t start,
    int64_t end, const char *actor, int64_t now, enum requests_outcome *out,
    long *clash, struct change_result *res, struct rotad_error *err)
{
	const struct model_instance *inst;
	const struct tzmap *tz;
	struct request r;
	long y;

	memset(res, 0, sizeof(*res));
	*clash = -1;
	if ((inst = state_get(rd, err)) == NULL ||
	    (tz = zone(inst, err)) == NULL)
		return -1;
	if ((y = state_find_youth(inst, youth)) < 0) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
		    "no youth has id '%s'", youth);
		return -1;
	}
	if (end <= start) {
		rotad_error_set(err, ROTAD_ERR_INVALID_FIELD, "to",
		    "the end must be after the start");
		return -1;
	}
	if (civil_wall_date(start) < civil_wall_date(wall_now(tz, now))) {
		rotad_error_set(err, ROTAD_ERR_INVALID_FIELD, "date",
		    "the date is in the past");
		return -1;
	}
	/* Said before: nothing to do. */
	for (size_t i = 0; i < inst->youths[y].nunavailable; i++)
		if (inst->youths[y].unavailable[i].start <= start &&
		    inst->youths[y].unavailable[i].end >= end) {
			*out = REQUESTS_DONE;
			return 0;
		}
	for (size_t i = 0; i < inst->nassignments && *clash < 0; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *s = &inst->slots[a->slot_idx];
		if (a->youth_idx == (size_t)y &&
		    a->status == MODEL_ASSIGNMENT_ACTIVE && s->start < end &&
		    s->end > start)
			*clash = (long)a->slot_idx;
	}
	if (*clash < 0) {
		*out = REQUESTS_DONE;
		return add_unavailable(rd, inst, (size_t)y, start, end, NULL,
		    actor, now, res, err);
	}
	memset(&r, 0, sizeof(r));
	r.kind = REQUEST_DAY_OFF;
	r.state = REQUEST_OPEN;
	snprintf(r.youth, sizeof(r.youth), "%s", youth);
	snprintf(r.slot, sizeof(r.slot), "%s", inst->slots[*clash].id);
	r.start = start;
	r.end = end;
	r.created_at = now;
	*out = REQUESTS_PENDING;
	return request_commit(rd, &r, NULL, actor, now, err);
}

static int
open_request(
    struct rotad *rd, int64_t id, struct request *r, struct rotad_error *err)
{
	int rc = store_request_get(rd->store, id, r);

	if (rc == -1) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "the database failed to read a request");
		return -1;
	}
	if (rc == 0) {
		rotad_error_set(err, ROTAD_ERR_NOT_FOUND, NULL,
		    "no request has id 'r%lld'", (long long)id);
		return -1;
	}
	if (r->state != REQUEST_OPEN) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
		    "request 'r%lld' is %s already", (long long)id,
		    request_state_name(r->state));
		return -1;
	}
	return 0;
}

int
requests_approve(struct rotad *rd, int64_t id, const char *actor, int64_t now,
    struct request *r, struct change_result *res, struct rotad_error *err)
{
	const struct model_instance *inst;
	long y, s, taker, ai;
	int *open, left;

	memset(res, 0, sizeof(*res));
	if (open_request(rd, id, r, err) == -1 ||
	    (inst = state_get(rd, err)) == NULL)
		return -1;
	y = state_find_youth(inst, r->youth);
	s = r->slot[0] ? state_find_slot(inst, r->slot) : -1;
	r->state = REQUEST_APPROVED;
	r->updated_at = now;
	snprintf(r->decided_by, sizeof(r->decided_by), "%s", actor);
	switch (r->kind) {
	case REQUEST_CLAIM:
		if (y < 0 || s < 0)
			break;
		if (active_on(inst, (size_t)y, (size_t)s) >= 0) {
			rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
			    "the youth is on this visit already");
			return -1;
		}
		open = plan_open_positions(inst);
		left = open[s];
		free(open);
		if (left <= 0) {
			rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
			    "this visit is full");
			return -1;
		}
		return add_assignment(
		    rd, inst, (size_t)y, (size_t)s, r, actor, now, res, err);
	case REQUEST_GIVE_AWAY:
		if (y < 0 || s < 0)
			break;
		if (r->taker[0] == '\0' ||
		    (taker = state_find_youth(inst, r->taker)) < 0) {
			rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
			    "nobody has asked to take this visit yet");
			return -1;
		}
		if ((ai = active_on(inst, (size_t)y, (size_t)s)) < 0 ||
		    active_on(inst, (size_t)taker, (size_t)s) >= 0) {
			rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
			    "the visit has changed since; this swap cannot "
			    "be made");
			return -1;
		}
		return swap_assignment(rd, inst, (size_t)ai, (size_t)taker, r,
		    actor, now, res, err);
	case REQUEST_DAY_OFF:
		if (y < 0)
			break;
		return add_unavailable(rd, inst, (size_t)y, r->start, r->end, r,
		    actor, now, res, err);
	}
	rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
	    "the youth or the visit of this request is gone");
	return -1;
}

int
requests_decline(struct rotad *rd, int64_t id, const char *actor, int64_t now,
    struct request *r, struct rotad_error *err)
{
	struct request old;

	if (open_request(rd, id, r, err) == -1)
		return -1;
	old = *r;
	r->state = REQUEST_DECLINED;
	r->updated_at = now;
	snprintf(r->decided_by, sizeof(r->decided_by), "%s", actor);
	return request_commit(rd, r, &old, actor, now, err);
}

/* "Quiz at Solheim, Thursday 14 January 16:00-18:00" into buf. */
static void
visit_text(const struct model_instance *inst, long s, char *buf, size_t len)
{
	const struct model_slot *sl = &inst->slots[s];
	char date[TEXTFMT_MAX], from[TEXTFMT_MAX], to[TEXTFMT_MAX];
	char span[2 * TEXTFMT_MAX + 4];

	textfmt_date_long(civil_wall_date(sl->start), date, sizeof(date));
	textfmt_time(civil_wall_minute(sl->start), from, sizeof(from));
	textfmt_time(civil_wall_minute(sl->end), to, sizeof(to));
	snprintf(span, sizeof(span), "%s\xe2\x80\x93%s", from, to);
	/* TRANSLATORS: a visit in a request's description: activity, home,
	   date, "16:00-18:00"; bokmål "%1$s på %2$s, %3$s kl. %4$s". */
	snprintf(buf, len, _("%1$s at %2$s, %3$s %4$s"),
	    sl->activity && sl->activity[0] ? sl->activity : _("Visit"),
	    inst->homes[sl->home_idx].name, date, span);
}

void
requests_describe(const struct model_instance *inst, const struct request *r,
    char *buf, size_t len)
{
	long y = state_find_youth(inst, r->youth);
	long t = r->taker[0] ? state_find_youth(inst, r->taker) : -1;
	long s = r->slot[0] ? state_find_slot(inst, r->slot) : -1;
	char *who = feed_first_name_dup(y >= 0 ? inst->youths[y].name : "?");
	char *taker = t >= 0 ? feed_first_name_dup(inst->youths[t].name) : NULL;
	char visit[600] = "?", date[TEXTFMT_MAX];

	if (s >= 0)
		visit_text(inst, s, visit, sizeof(visit));
	switch (r->kind) {
	case REQUEST_CLAIM:
		snprintf(buf, len, _("%1$s asks to take %2$s."), who, visit);
		break;
	case REQUEST_DAY_OFF:
		textfmt_date_long(
		    civil_wall_date(r->start), date, sizeof(date));
		snprintf(buf, len,
		    _("%1$s can't come on %2$s, but is on %3$s. Find someone "
		      "else, then approve."),
		    who, date, visit);
		break;
	case REQUEST_GIVE_AWAY:
		if (taker != NULL)
			snprintf(buf, len,
			    _("%1$s gives away %2$s; %3$s asks to take it."),
			    who, visit, taker);
		else
			snprintf(buf, len,
			    _("%1$s gives away %2$s; nobody has asked to take "
			      "it yet."),
			    who, visit);
		break;
	}
	free(who);
	free(taker);
}
