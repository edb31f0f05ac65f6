/* SPDX-License-Identifier: ISC */
/*
 * This file contains the handlers of the three plain resources, homes,
 * youths and slots: list (filters, paging), get, create, merge-patch
 * update and delete.  One generic implementation serves all three through
 * a table of per-kind operations (struct entity_kind); what differs per
 * kind (how to read, check and filter one) sits in small functions.
 * Writes are changes (change.h): parse, api_change(), reply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_etag.h"
#include "i18n.h"
#include "api_privacy.h"
#include "api_publish.h"
#include "api_util.h"
#include "change.h"
#include "civil.h"
#include "instance_json.h"
#include "model.h"
#include "rotad.h"
#include "state.h"
#include "tzmap.h"
#include "xmalloc.h"

/* One entity of any kind, as the generic code carries it. */
union entity {
	struct model_home home;
	struct model_youth youth;
	struct model_slot slot;
};

struct entity_kind {
	const char *name;   /* "home" */
	const char *plural; /* "homes" */
	size_t (*count)(const struct model_instance *inst);
	const char *(*id_at)(const struct model_instance *inst, size_t i);
	/* state: the list's filter state (entity_list()), else NULL */
	json_t *(*to_json)(
	    const struct model_instance *inst, size_t i, const void *state);
	int (*from_json)(const json_t *obj, const struct model_instance *inst,
	    union entity *out, struct rotad_error *err);
	const char *(*id_of)(const union entity *e);
	/* Text a readable id is made from, read from a request body. */
	char *(*id_hint)(const json_t *body);
	/* References to other entities; 0 or -1 with err. */
	int (*check_refs)(const struct model_instance *inst,
	    const union entity *e, struct rotad_error *err);
	void (*clear)(union entity *e);
	/* What still refers to entity i (409 on delete), or NULL. */
	const char *(*in_use)(const struct model_instance *inst, size_t i);
	/* List filters from the query; 1 keep, 0 skip, -1 replied. */
	int (*filter_prepare)(struct api_ctx *ctx, void *state);
	int (*filter)(
	    const struct model_instance *inst, size_t i, const void *state);
};

/* ---- homes ---- */

static size_t
home_count(const struct model_instance *inst)
{
	return inst->nhomes;
}

static const char *
home_id_at(const struct model_instance *inst, size_t i)
{
	return inst->homes[i].id;
}

static json_t *
home_to_json(const struct model_instance *inst, size_t i, const void *state)
{
	(void)state;
	return instance_home_to_json(&inst->homes[i]);
}

static int
home_from_json(const json_t *obj, const struct model_instance *inst,
    union entity *out, struct rotad_error *err)
{
	(void)inst;
	return instance_home_from_json(obj, "", &out->home, err);
}

static const char *
home_id_of(const union entity *e)
{
	return e->home.id;
}

/* A string member of a body, or "" (the reader reports bad types). */
static const char *
body_str(const json_t *body, const char *key)
{
	const char *v = json_string_value(json_object_get(body, key));
	return v ? v : "";
}

static char *
home_id_hint(const json_t *body)
{
	return xstrdup(body_str(body, "name"));
}

/* A named school calendar must exist (issue 15). */
static int
calendar_ref(
    const struct model_instance *inst, const char *id, struct rotad_error *err)
{
	if (id != NULL && model_find_calendar(inst, id) < 0) {
		rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE,
		    "school_calendar", "no school calendar has id '%s'", id);
		return -1;
	}
	return 0;
}

static int
home_check_refs(const struct model_instance *inst, const union entity *e,
    struct rotad_error *err)
{
	return calendar_ref(inst, e->home.school_calendar, err);
}

static void
home_clear(union entity *e)
{
	model_home_clear(&e->home);
}

static const char *
home_in_use(const struct model_instance *inst, size_t i)
{
	for (size_t k = 0; k < inst->nslots; k++)
		if (inst->slots[k].home_idx == i)
			return N_("visits");
	for (size_t k = 0; k < inst->nyouths; k++)
		for (size_t j = 0; j < inst->youths[k].nhomes; j++)
			if (inst->youths[k].homes_idx[j] == i)
				return N_("youths allowed there");
	return NULL;
}

struct home_filter {
	const char *region; /* ?region=NAME, exact; NULL: all homes */
};

static int
home_filter_prepare(struct api_ctx *ctx, void *state)
{
	struct home_filter *f = state;

	f->region = api_query(ctx, "region");
	return 0;
}

static int
home_filter(const struct model_instance *inst, size_t i, const void *state)
{
	const struct home_filter *f = state;
	const struct model_home *h = &inst->homes[i];

	return f->region == NULL || model_home_in_region(h, f->region);
}

/* ---- youths ---- */

#define QUERY_MAX 100 /* bytes of a name search (?q=) */

static size_t
youth_count(const struct model_instance *inst)
{
	return inst->nyouths;
}

static const char *
youth_id_at(const struct model_instance *inst, size_t i)
{
	return inst->youths[i].id;
}

/*
 * Read-only extra: the youth's age today (in the instance's zone), so a
 * coordinator, who never sees the birth date, still sees the age.
 */
static json_t *
youth_to_json(const struct model_instance *inst, size_t i, const void *state)
{
	json_t *j = instance_youth_to_json(&inst->youths[i]);
	const struct tzmap *tz = tzmap_get(inst->timezone);

	(void)state;
	if (tz != NULL) {
		int32_t today =
		    civil_wall_date(tzmap_to_wall(tz, api_now() / 60));
		json_object_set_new(j, "age",
		    json_integer(
		        civil_age_on(inst->youths[i].birth_date, today)));
	}
	return j;
}

static int
youth_from_json(const json_t *obj, const struct model_instance *inst,
    union entity *out, struct rotad_error *err)
{
	json_t *copy = json_deep_copy(obj);
	int rc;

	/* "age" is output only; accept it back unchanged in a PATCH. */
	json_object_del(copy, "age");
	rc = instance_youth_from_json(
	    copy, "", tzmap_get(inst->timezone), &out->youth, err);
	json_decref(copy);
	return rc;
}

static const char *
youth_id_of(const union entity *e)
{
	return e->youth.id;
}

static char *
youth_id_hint(const json_t *body)
{
	return xstrdup(body_str(body, "name"));
}

static int
youth_check_refs(const struct model_instance *inst, const union entity *e,
    struct rotad_error *err)
{
	if (calendar_ref(inst, e->youth.school_calendar, err) < 0)
		return -1;
	for (size_t i = 0; i < e->youth.nhomes; i++) {
		if (model_find_home(inst, e->youth.homes[i]) < 0) {
			char field[48];
			snprintf(field, sizeof(field), "homes[%zu]", i);
			rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE, field,
			    "no home has id '%s'", e->youth.homes[i]);
			return -1;
		}
	}
	return 0;
}

static void
youth_clear(union entity *e)
{
	model_youth_clear(&e->youth);
}

static const char *
youth_in_use(const struct model_instance *inst, size_t i)
{
	for (size_t k = 0; k < inst->nassignments; k++)
		if (inst->assignments[k].youth_idx == i)
			return N_("assignments");
	return NULL;
}

struct youth_filter {
	const char *home;
	char q[QUERY_MAX + 1]; /* folded; "" for no name search */
};

/*
 * Folds the case of ASCII and of the Latin-1 letters (UTF-8 C3 80..C3 9E:
 * Æ, Ø, Å, É, ...) in place, so "øy" finds "Øystein".
 */
static void
fold_case(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p != '\0'; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (unsigned char)(*p + 32);
		else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0x9e &&
		    p[1] != 0x97) {
			p[1] = (unsigned char)(p[1] + 32);
			p++;
		}
	}
}

static int
youth_filter_prepare(struct api_ctx *ctx, void *state)
{
	struct youth_filter *f = state;
	const char *q = api_query(ctx, "q");

	f->home = api_query(ctx, "home");
	f->q[0] = '\0';
	if (q != NULL) {
		if (strlen(q) > QUERY_MAX) {
			api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "q",
			    "'q' may be at most %d bytes", QUERY_MAX);
			return -1;
		}
		snprintf(f->q, sizeof(f->q), "%s", q);
		fold_case(f->q);
	}
	return 0;
}

/* Whether the youth's name holds the folded f->q. */
static bool
name_matches(const struct youth_filter *f, const char *name)
{
	char buf[256];

	if (f->q[0] == '\0')
		return true;
	snprintf(buf, sizeof(buf), "%s", name != NULL ? name : "");
	fold_case(buf);
	return strstr(buf, f->q) != NULL;
}

static int
youth_filter(const struct model_instance *inst, size_t i, const void *state)
{
	const struct youth_filter *f = state;
	const struct model_youth *y = &inst->youths[i];

	if (!name_matches(f, y->name))
		return 0;
	if (f->home == NULL || !y->homes_limited)
		return 1;
	for (size_t k = 0; k < y->nhomes; k++)
		if (strcmp(y->homes[k], f->home) == 0)
			return 1;
	return 0;
}

/* ---- slots ---- */

static size_t
slot_count(const struct model_instance *inst)
{
	return inst->nslots;
}

static const char *
slot_id_at(const struct model_instance *inst, size_t i)
{
	return inst->slots[i].id;
}

struct slot_filter {
	const char *home;
	const char *region; /* ?region=NAME: the slots of its homes */
	int64_t from, to;
	bool has_from, has_to;
	/* In a list: each slot's active assignments, counted once. */
	int *assigned;
};

static json_t *
slot_to_json(const struct model_instance *inst, size_t i, const void *state)
{
	const struct slot_filter *f = state;
	json_t *j = instance_slot_to_json(&inst->slots[i]);
	int filled = 0;

	/* Read-only extra for coordinators: how many are on it now. */
	if (f != NULL && f->assigned != NULL)
		filled = f->assigned[i];
	else
		for (size_t k = 0; k < inst->nassignments; k++)
			if (inst->assignments[k].slot_idx == i &&
			    inst->assignments[k].status ==
			        MODEL_ASSIGNMENT_ACTIVE)
				filled++;
	json_object_set_new(j, "assigned", json_integer(filled));
	return j;
}

static int
slot_from_json(const json_t *obj, const struct model_instance *inst,
    union entity *out, struct rotad_error *err)
{
	json_t *copy = json_deep_copy(obj);
	int rc;

	/* "assigned" is output only; accept it back unchanged in a PUT. */
	json_object_del(copy, "assigned");
	rc = instance_slot_from_json(
	    copy, "", tzmap_get(inst->timezone), &out->slot, err);
	json_decref(copy);
	return rc;
}

static const char *
slot_id_of(const union entity *e)
{
	return e->slot.id;
}

static char *
slot_id_hint(const json_t *body)
{
	char *hint =
	    xasprintf("%s %s", body_str(body, "home"), body_str(body, "start"));
	char *t = strrchr(hint, 'T');

	/* "solheim 2027-01-04T16:00" -> "solheim-2027-01-04-1600" */
	if (t != NULL)
		*t = ' ';
	for (char *c = hint; *c != '\0'; c++)
		if (*c == ':')
			memmove(c, c + 1, strlen(c));
	return hint;
}

static int
slot_check_refs(const struct model_instance *inst, const union entity *e,
    struct rotad_error *err)
{
	if (model_find_home(inst, e->slot.home) < 0) {
		rotad_error_set(err, ROTAD_ERR_UNKNOWN_REFERENCE, "home",
		    "no home has id '%s'", e->slot.home);
		return -1;
	}
	return 0;
}

static void
slot_clear(union entity *e)
{
	model_slot_clear(&e->slot);
}

static const char *
slot_in_use(const struct model_instance *inst, size_t i)
{
	for (size_t k = 0; k < inst->nassignments; k++)
		if (inst->assignments[k].slot_idx == i)
			return N_("assignments");
	return NULL;
}

static int
slot_filter_prepare(struct api_ctx *ctx, void *state)
{
	struct slot_filter *f = state;

	f->home = api_query(ctx, "home");
	f->region = api_query(ctx, "region");
	if (api_time_param(ctx, "from", false, &f->from, &f->has_from) == -1 ||
	    api_time_param(ctx, "to", true, &f->to, &f->has_to) == -1)
		return -1;
	return 0;
}

static int
slot_filter(const struct model_instance *inst, size_t i, const void *state)
{
	const struct slot_filter *f = state;
	const struct model_slot *s = &inst->slots[i];

	if (f->home != NULL && strcmp(s->home, f->home) != 0)
		return 0;
	if (f->region != NULL &&
	    !model_home_in_region(&inst->homes[s->home_idx], f->region))
		return 0;
	/* A slot is in [from, to) when it overlaps it. */
	if (f->has_from && s->end <= f->from)
		return 0;
	if (f->has_to && s->start >= f->to)
		return 0;
	return 1;
}

static const struct entity_kind kind_home = {N_("home"), "homes", home_count,
    home_id_at, home_to_json, home_from_json, home_id_of, home_id_hint,
    home_check_refs, home_clear, home_in_use, home_filter_prepare, home_filter};
static const struct entity_kind kind_youth = {N_("youth"), "youths",
    youth_count, youth_id_at, youth_to_json, youth_from_json, youth_id_of,
    youth_id_hint, youth_check_refs, youth_clear, youth_in_use,
    youth_filter_prepare, youth_filter};
static const struct entity_kind kind_slot = {N_("slot"), "slots", slot_count,
    slot_id_at, slot_to_json, slot_from_json, slot_id_of, slot_id_hint,
    slot_check_refs, slot_clear, slot_in_use, slot_filter_prepare, slot_filter};

/* ---- the generic handlers ---- */

/* The loaded instance keeps every array in id order (state.h). */
static long
find_index(const struct entity_kind *k, const struct model_instance *inst,
    const char *id)
{
	return k == &kind_home ? state_find_home(inst, id)
	    : k == &kind_youth ? state_find_youth(inst, id)
	                       : state_find_slot(inst, id);
}

static void
entity_list(struct api_ctx *ctx, const struct entity_kind *k)
{
	const struct model_instance *inst;
	union {
		struct youth_filter y;
		struct slot_filter s;
		struct home_filter h;
	} state;
	const char *cursor, *last = NULL;
	size_t limit, n = 0;
	json_t *items;
	bool more = false;

	if (api_page_params(ctx, &limit, &cursor) == -1)
		return;
	memset(&state, 0, sizeof(state));
	if (k->filter_prepare(ctx, &state) == -1)
		return;
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	/*
	 * A page of slots says how many are on each: one pass over the
	 * assignments for the page, not one per slot (20,000 assignments
	 * times 1,000 slots took 50 ms at the nation preset).
	 */
	if (k == &kind_slot) {
		state.s.assigned = xcalloc(inst->nslots + 1, sizeof(int));
		for (size_t a = 0; a < inst->nassignments; a++)
			if (inst->assignments[a].status ==
			    MODEL_ASSIGNMENT_ACTIVE)
				state.s
				    .assigned[inst->assignments[a].slot_idx]++;
	}
	items = json_array();
	/* Entities are held in id order, so the cursor is the last id. */
	for (size_t i = 0; i < k->count(inst); i++) {
		const char *id = k->id_at(inst, i);
		if (cursor != NULL && strcmp(id, cursor) <= 0)
			continue;
		if (!k->filter(inst, i, &state))
			continue;
		if (n == limit) {
			more = true;
			break;
		}
		json_t *item = k->to_json(inst, i, &state);
		/* Manual publishing: the draft mark (api_publish.h). */
		if (k == &kind_slot)
			api_publish_mark_slot(ctx, &inst->slots[i], item);
		json_array_append_new(items, item);
		last = id;
		n++;
	}
	if (k == &kind_slot)
		free(state.s.assigned);
	api_reply_json(ctx, 200,
	    json_pack("{s:o, s:s?}", k->plural, items, "next_cursor",
	        more ? last : NULL));
}

static void
entity_get(struct api_ctx *ctx, const struct entity_kind *k)
{
	const struct model_instance *inst;
	long i;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if ((i = find_index(k, inst, ctx->params[0])) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s has id '%s'", _(k->name), ctx->params[0]);
		return;
	}
	{
		json_t *repr = k->to_json(inst, (size_t)i, NULL);
		api_set_etag(ctx, repr);
		/* After the ETag, which If-Match compares with the entity. */
		if (k == &kind_slot)
			api_publish_mark_slot(ctx, &inst->slots[i], repr);
		api_reply_json(ctx, 200, repr);
	}
}

/* The change module's name of a kind. */
static enum change_kind change_kind_of(const struct entity_kind *k);

/*
 * Whether the youth after differs from the one before only in consent
 * withdrawn (a date before, none after) and the guardian's name and
 * e-mail: compared as the JSON each is stored as.
 */
static bool
consent_withdrawn_only(
    const struct model_youth *before, const struct model_youth *after)
{
	json_t *a, *b;
	bool same;

	if (before->guardian_consent == CIVIL_NO_DATE ||
	    after->guardian_consent != CIVIL_NO_DATE)
		return false;
	a = instance_youth_to_json(before);
	b = instance_youth_to_json(after);
	json_object_del(a, "guardian_consent");
	json_object_del(a, "guardian_name");
	json_object_del(a, "guardian_email");
	json_object_del(b, "guardian_name");
	json_object_del(b, "guardian_email");
	same = json_equal(a, b);
	json_decref(a);
	json_decref(b);
	return same;
}

/*
 * Create (index < 0) or replace entity `index` with `obj`: validate and
 * check references here, then one change (api_change: the labour-law
 * gate, the store, the audit row), and answer with what was stored.
 */
static void
entity_save(struct api_ctx *ctx, const struct entity_kind *k,
    const struct model_instance *inst, long index, const json_t *obj)
{
	struct rotad_error err;
	struct change c;
	struct change_result res;
	union entity e;
	json_t *saved;
	long i;

	memset(&e, 0, sizeof(e));
	rotad_error_clear(&err);
	if (k->from_json(obj, inst, &e, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	if (index >= 0 &&
	    strcmp(k->id_of(&e), k->id_at(inst, (size_t)index)) != 0) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "id",
		    "the id of a %s cannot change", _(k->name));
		goto done;
	}
	if (index < 0 && find_index(k, inst, k->id_of(&e)) >= 0) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, "id",
		    "a %s with id '%s' exists already", _(k->name),
		    k->id_of(&e));
		goto done;
	}
	if (k->check_refs(inst, &e, &err) == -1) {
		api_reply_error(ctx, &err);
		goto done;
	}
	memset(&c, 0, sizeof(c));
	c.kind = change_kind_of(k);
	c.op = index < 0 ? CHANGE_CREATE : CHANGE_UPDATE;
	c.id = index < 0 ? NULL : k->id_of(&e);
	c.value.home = &e.home; /* the union's first member: any kind */
	if (c.kind == CHANGE_YOUTH)
		c.value.youth = &e.youth;
	else if (c.kind == CHANGE_SLOT)
		c.value.slot = &e.slot;
	c.gate = true;
	if (c.kind == CHANGE_YOUTH && index >= 0 &&
	    consent_withdrawn_only(&inst->youths[index], &e.youth)) {
		/*
		 * Withdrawn consent is the one change the gate lets through
		 * although it makes violations (docs/rules.md): a person's
		 * explicit act, forced and audited with its reason.
		 */
		c.force = true;
		c.force_reason = "guardian consent withdrawn";
		if (api_change_try(ctx, &c, &res, &err) == -1) {
			api_reply_error(ctx, &err);
			goto done;
		}
	} else if (api_change(ctx, &c, &res) == -1)
		goto done;
	inst = ctx->rd->cache;
	i = find_index(k, inst, k->id_of(&e));
	saved = k->to_json(inst, (size_t)i, NULL);
	if (index < 0) {
		char *loc = xasprintf("/api/v1/%s/%s", k->plural, k->id_of(&e));
		api_add_header(ctx, "Location", loc);
		free(loc);
	}
	/* The version a GET will show (before the forced list). */
	api_set_etag(ctx, saved);
	api_add_forced(saved, res.violations, res.nviolations);
	api_reply_json(ctx, index < 0 ? 201 : 200, saved);
	change_result_clear(&res);
done:
	k->clear(&e);
}

static bool
taken_by(const struct entity_kind *k, const struct model_instance *inst,
    const char *id)
{
	return find_index(k, inst, id) >= 0;
}

static bool
taken_home(const struct model_instance *inst, const char *id)
{
	return taken_by(&kind_home, inst, id);
}

static bool
taken_youth(const struct model_instance *inst, const char *id)
{
	return taken_by(&kind_youth, inst, id);
}

static bool
taken_slot(const struct model_instance *inst, const char *id)
{
	return taken_by(&kind_slot, inst, id);
}

static void
entity_create(struct api_ctx *ctx, const struct entity_kind *k)
{
	const struct model_instance *inst;
	json_t *body;

	if (!json_is_object(ctx->body)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the body must be a JSON object");
		return;
	}
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	body = json_deep_copy(ctx->body);
	/* No id given: make a readable one from the name (or home, time). */
	if (json_object_get(body, "id") == NULL) {
		bool (*taken)(const struct model_instance *, const char *) =
		    k == &kind_home    ? taken_home
		    : k == &kind_youth ? taken_youth
		                       : taken_slot;
		char *hint = k->id_hint(body);
		char *id = api_id_from_text(hint, k->name, taken, inst);
		json_object_set_new(body, "id", json_string(id));
		free(hint);
		free(id);
	}
	entity_save(ctx, k, inst, -1, body);
	json_decref(body);
}

static void
entity_patch(struct api_ctx *ctx, const struct entity_kind *k)
{
	const struct model_instance *inst;
	json_t *current, *merged;
	long i;

	if (!json_is_object(ctx->body)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the body must be a JSON object (a merge patch)");
		return;
	}
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if ((i = find_index(k, inst, ctx->params[0])) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s has id '%s'", _(k->name), ctx->params[0]);
		return;
	}
	current = k->to_json(inst, (size_t)i, NULL);
	if (api_if_match(ctx, current) == -1) {
		json_decref(current);
		return;
	}
	merged = api_merge_patch(current, ctx->body);
	entity_save(ctx, k, inst, i, merged);
	json_decref(current);
	json_decref(merged);
}

static void
entity_delete(struct api_ctx *ctx, const struct entity_kind *k)
{
	const struct model_instance *inst;
	struct change c;
	struct change_result res;
	const char *blocker;
	json_t *before;
	long i;

	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if ((i = find_index(k, inst, ctx->params[0])) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s has id '%s'", _(k->name), ctx->params[0]);
		return;
	}
	before = k->to_json(inst, (size_t)i, NULL);
	if (api_if_match(ctx, before) == -1)
		goto done;
	if (k == &kind_youth) {
		bool purge;
		if (api_bool_param(ctx, "purge", &purge) == -1)
			goto done;
		if (purge) {
			api_youth_purge(ctx, inst, (size_t)i);
			goto done;
		}
	}
	if ((blocker = k->in_use(inst, (size_t)i)) != NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
		    "the %s '%s' still has %s; remove them first", _(k->name),
		    ctx->params[0], _(blocker));
		goto done;
	}
	memset(&c, 0, sizeof(c));
	c.kind = change_kind_of(k);
	c.op = CHANGE_DELETE;
	c.id = ctx->params[0];
	/* An entity nothing refers to any more breaks and mends no rule. */
	c.gate = false;
	if (api_change(ctx, &c, &res) == 0)
		api_reply_empty(ctx);
	change_result_clear(&res);
done:
	json_decref(before);
}

static enum change_kind
change_kind_of(const struct entity_kind *k)
{
	return k == &kind_home ? CHANGE_HOME
	    : k == &kind_youth ? CHANGE_YOUTH
	                       : CHANGE_SLOT;
}

#define ENTITY_HANDLERS(kind)                                                  \
	static void kind##_list(struct api_ctx *ctx)                           \
	{                                                                      \
		entity_list(ctx, &kind_##kind);                                \
	}                                                                      \
	static void kind##_get(struct api_ctx *ctx)                            \
	{                                                                      \
		entity_get(ctx, &kind_##kind);                                 \
	}                                                                      \
	static void kind##_create(struct api_ctx *ctx)                         \
	{                                                                      \
		entity_create(ctx, &kind_##kind);                              \
	}                                                                      \
	static void kind##_patch(struct api_ctx *ctx)                          \
	{                                                                      \
		entity_patch(ctx, &kind_##kind);                               \
	}                                                                      \
	static void kind##_delete(struct api_ctx *ctx)                         \
	{                                                                      \
		entity_delete(ctx, &kind_##kind);                              \
	}

ENTITY_HANDLERS(home)
ENTITY_HANDLERS(youth)
ENTITY_HANDLERS(slot)

#define ENTITY_ROUTES(kind, path)                                              \
	{API_GET | API_HEAD, "/api/v1/" path, kind##_list, API_AUTH},          \
	    {API_POST, "/api/v1/" path, kind##_create, API_AUTH | API_BODY},   \
	    {API_GET | API_HEAD, "/api/v1/" path "/:id", kind##_get,           \
	        API_AUTH},                                                     \
	    {API_PATCH, "/api/v1/" path "/:id", kind##_patch,                  \
	        API_AUTH | API_BODY},                                          \
	{                                                                      \
		API_DELETE, "/api/v1/" path "/:id", kind##_delete, API_AUTH    \
	}

const struct api_route api_entity_routes[] = {
    ENTITY_ROUTES(home, "homes"),
    ENTITY_ROUTES(youth, "youths"),
    ENTITY_ROUTES(slot, "slots"),
    {0, NULL, NULL, 0},
};
