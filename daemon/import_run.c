/* SPDX-License-Identifier: ISC */
/*
 * This file contains an import's work on a worker thread (import_run.h):
 * parse, validate, gate against the stored schedule, write in one
 * transaction, read back.
 */
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "i18n.h"
#include "import_run.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "store.h"
#include "store_series.h"
#include "tzmap.h"

/* Checks inst whole; -1 with err when it cannot be checked. */
static int
check(const struct model_instance *inst, struct rules_report *rep,
    struct rotad_error *err)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	if (tz == NULL || rules_check_instance(inst, tz, rep) == -1) {
		rotad_error_set(err, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the schedule cannot be checked: a time does not exist in "
		    "time zone '%s' or the jurisdiction is unknown",
		    inst->timezone);
		return -1;
	}
	return 0;
}

/*
 * What `after` breaks that `before` did not (as a multiset of violation
 * keys, as the gate of every change counts them): 0 with *fresh NULL when
 * nothing, 0 with the list otherwise, -1 with err when either cannot be
 * checked.
 */
static int
gate(const struct model_instance *before, const struct model_instance *after,
    json_t **fresh, size_t *nfresh, struct rotad_error *err)
{
	struct rules_report rb = {0}, ra = {0};
	struct change_keys keys = {0};
	int rc = -1;

	*fresh = NULL;
	*nfresh = 0;
	if (check(before, &rb, err) == -1 || check(after, &ra, err) == -1)
		goto done;
	change_keys_of(&keys, before, &rb);
	*fresh = change_keys_fresh(&keys, after, &ra, nfresh);
	if (*nfresh == 0) {
		json_decref(*fresh);
		*fresh = NULL;
	}
	rc = 0;
done:
	change_keys_free(&keys);
	rules_report_free(&rb);
	rules_report_free(&ra);
	return rc;
}

/* The document's visit series, after the slots they link (issue 15). */
static int
write_series(struct import_run *r, const struct instance_series_set *set)
{
	for (size_t i = 0; i < set->nseries; i++) {
		const struct instance_series *is = &set->series[i];
		if (store_series_insert(r->store, &is->s, r->now, &r->err) ==
		    -1)
			return -1;
		for (size_t k = 0; k < is->nexceptions; k++)
			if (store_series_exception_add(r->store, is->s.id,
			        is->exceptions[k], &r->err) == -1)
				return -1;
	}
	for (size_t i = 0; i < set->nlinks; i++) {
		const struct instance_series_link *l = &set->links[i];
		if (store_series_slot_link(r->store, l->slot, l->series,
		        l->edited, l->cancelled, &r->err) == -1)
			return -1;
	}
	return 0;
}

static int
write_all(struct import_run *r, const struct model_instance *inst,
    const struct instance_series_set *set)
{
	const char *actor = r->actor && r->actor[0] ? r->actor : "-";
	char *after = json_dumps(r->summary, JSON_COMPACT | JSON_SORT_KEYS);
	int rc = -1;

	if (store_begin(r->store, &r->err) == -1)
		goto done;
	if (store_replace_all(r->store, inst, r->now, &r->err) == -1 ||
	    write_series(r, set) == -1)
		goto fail;
	/* Links of youths and homes the import dropped stop working. */
	if (store_feed_tokens_revoke_orphans(r->store, r->now, &r->err) == -1)
		goto fail;
	if (store_audit(r->store, r->now, actor, "import", "instance", NULL,
	        NULL, after, &r->err) == -1)
		goto fail;
	if (store_commit(r->store, &r->err) == -1)
		goto fail;
	rc = 0;
	goto done;
fail:
	store_rollback(r->store);
done:
	free(after);
	return rc;
}

void
import_run(struct import_run *r)
{
	struct model_instance *inst = NULL, *current = NULL;
	struct instance_series_set set = {0};
	json_t *doc, *fresh = NULL;
	size_t nfresh = 0;

	r->outcome = IMPORT_FAILED;
	r->written = false;
	r->loaded = NULL;
	r->summary = r->fresh = NULL;
	r->nfresh = 0;
	rotad_error_clear(&r->err);
	if ((doc = instance_json_parse(r->body, r->len, &r->err)) == NULL)
		return;
	/* Version 2's series and the slots' links to them. */
	inst = instance_with_series_from_json(doc, &set, &r->err);
	json_decref(doc);
	if (inst == NULL)
		return;
	/*
	 * The stored schedule as this connection reads it: another write
	 * may land on the loop until ours begins, and the import replaces
	 * it whole anyway; the loop refuses writes while we run.
	 */
	if (store_load_instance(r->store, &current, &r->err) == -1)
		goto done;
	if (gate(current, inst, &fresh, &nfresh, &r->err) == -1)
		goto done;
	if (fresh != NULL && !r->force) {
		r->outcome = IMPORT_REFUSED;
		r->fresh = fresh;
		r->nfresh = nfresh;
		fresh = NULL;
		goto done;
	}
	r->summary = json_pack("{s:I, s:I, s:I, s:I, s:I}", "homes",
	    (json_int_t)inst->nhomes, "youths", (json_int_t)inst->nyouths,
	    "series", (json_int_t)set.nseries, "slots",
	    (json_int_t)inst->nslots, "assignments",
	    (json_int_t)inst->nassignments);
	if (fresh != NULL) {
		/* The first RULES_JSON_LIST_MAX, and how many in all. */
		json_object_set(r->summary, "forced_violations", fresh);
		json_object_set_new(r->summary, "forced_violations_total",
		    json_integer((json_int_t)nfresh));
		if (r->force_reason != NULL)
			json_object_set_new(r->summary, "force_reason",
			    json_string(r->force_reason));
		r->nfresh = nfresh;
	}
	if (write_all(r, inst, &set) == -1)
		goto done;
	r->written = true;
	/* What the store holds now, as a reload would read it. */
	if (store_load_instance(r->store, &r->loaded, &r->err) == -1)
		goto done;
	r->outcome = IMPORT_DONE;
done:
	json_decref(fresh);
	instance_series_set_clear(&set);
	model_instance_free(current);
	model_instance_free(inst);
	if (r->outcome != IMPORT_DONE) {
		json_decref(r->summary);
		r->summary = NULL;
	}
}

void
import_run_clear(struct import_run *r)
{
	model_instance_free(r->loaded);
	json_decref(r->summary);
	json_decref(r->fresh);
	r->loaded = NULL;
	r->summary = r->fresh = NULL;
}
