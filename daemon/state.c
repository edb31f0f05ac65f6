/* SPDX-License-Identifier: ISC */
/*
 * This file contains the loaded state (state.h): loading the stored
 * instance once, moving its version when a change is committed (carrying
 * the feeds the change does not touch over to the new version), dropping
 * it when it must be read again, and id look-ups by binary search.
 */
#include <string.h>

#include "feed_cache.h"
#include "mail_sender.h"
#include "model.h"
#include "rotad.h"
#include "state.h"
#include "stats.h"
#include "store.h"

const struct model_instance *
state_get(struct rotad *rd, struct rotad_error *err)
{
	if (rd->cache == NULL) {
		if (store_load_instance(rd->store, &rd->cache, err) == -1)
			return NULL;
		stats.state_loads++;
	}
	return rd->cache;
}

struct model_instance *
state_edit(struct rotad *rd, struct rotad_error *err)
{
	if (state_get(rd, err) == NULL)
		return NULL;
	return rd->cache;
}

void
state_committed(struct rotad *rd, const struct feed_touch *t)
{
	uint64_t old = rd->data_version++;

	if (t != NULL && !t->all && rd->feeds != NULL)
		feed_cache_carry(rd->feeds, old, rd->data_version, t);
	/* The change may have written e-mail into the outbox. */
	mail_sender_wake(rd->mail);
}

void
state_drop(struct rotad *rd)
{
	mail_sender_wake(rd->mail);
	model_instance_free(rd->cache);
	rd->cache = NULL;
	rd->data_version++;
	/* The store may hold what the memory does not: read both again. */
	rd->published_version++;
}

void
state_replace(struct rotad *rd, struct model_instance *inst)
{
	model_instance_free(rd->cache);
	rd->cache = inst;
	rd->data_version++;
	/* An import replaced the published rows as well. */
	rd->published_version++;
}

void
state_free(struct rotad *rd)
{
	model_instance_free(rd->cache);
	rd->cache = NULL;
}

/*
 * The first position whose id is not below `id` in an array of n entities
 * of `size` bytes whose id is the char * at offset 0 (every model entity
 * starts with its id).
 */
static size_t
lower_bound(const void *arr, size_t n, size_t size, const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *mid_id =
		    *(char *const *)((const char *)arr + mid * size);
		if (mid_id != NULL && strcmp(mid_id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static long
find(const void *arr, size_t n, size_t size, const char *id)
{
	size_t i;
	const char *at;

	if (id == NULL)
		return -1;
	i = lower_bound(arr, n, size, id);
	if (i >= n)
		return -1;
	at = *(char *const *)((const char *)arr + i * size);
	return at != NULL && strcmp(at, id) == 0 ? (long)i : -1;
}

long
state_find_home(const struct model_instance *inst, const char *id)
{
	return find(inst->homes, inst->nhomes, sizeof(*inst->homes), id);
}

long
state_find_youth(const struct model_instance *inst, const char *id)
{
	return find(inst->youths, inst->nyouths, sizeof(*inst->youths), id);
}

long
state_find_slot(const struct model_instance *inst, const char *id)
{
	return find(inst->slots, inst->nslots, sizeof(*inst->slots), id);
}

long
state_find_assignment(const struct model_instance *inst, const char *id)
{
	return find(inst->assignments, inst->nassignments,
	    sizeof(*inst->assignments), id);
}

size_t
state_home_pos(const struct model_instance *inst, const char *id)
{
	return lower_bound(inst->homes, inst->nhomes, sizeof(*inst->homes), id);
}

size_t
state_youth_pos(const struct model_instance *inst, const char *id)
{
	return lower_bound(
	    inst->youths, inst->nyouths, sizeof(*inst->youths), id);
}

size_t
state_slot_pos(const struct model_instance *inst, const char *id)
{
	return lower_bound(inst->slots, inst->nslots, sizeof(*inst->slots), id);
}

size_t
state_assignment_pos(const struct model_instance *inst, const char *id)
{
	return lower_bound(inst->assignments, inst->nassignments,
	    sizeof(*inst->assignments), id);
}
