/* SPDX-License-Identifier: ISC */
/*
 * Draft and publish in the daemon (issue 16, publish.h): the instance
 * that feeds, week pages and youth pages render, the preview of a
 * publish and the publish itself.
 *
 * With options.publish "immediate" (the default) the published state is
 * the live one: publish_view_get() returns the loaded instance and there
 * is no copy.  With "manual" the published copy (store_publish.c) is read
 * from the store once and kept across writes: a publish changes it in
 * place, and it is read again only after publish_state_stale() (a mode
 * switch, a youth deleted or purged) or a dropped or replaced state
 * (state.h: a failed transaction, an import).  Each publish_view_get()
 * builds a view of it over the live homes and youths, released with
 * publish_view_put() before the handler returns (a view never outlives
 * a change: it shares the live instance's strings).
 */
#ifndef ROTAD_PUBLISH_STATE_H
#define ROTAD_PUBLISH_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "model.h"
#include "publish.h"

struct rotad;
struct store;
struct change;
struct change_batch;
struct feed_touch;

/* The instance as published; NULL with err on a store error. */
const struct model_instance *publish_view_get(
    struct rotad *rd, struct rotad_error *err);
void publish_view_put(struct rotad *rd, const struct model_instance *view);

/* The published copy (manual mode), or NULL: immediate, or err set. */
const struct publish_snapshot *publish_snapshot_get(
    struct rotad *rd, struct rotad_error *err);

/*
 * What publishing r would change (*out, free with publish_diff_free()):
 * empty in immediate mode.  -1 with err on a store error.
 */
int publish_preview(struct rotad *rd, const struct publish_range *r,
    struct publish_diff *out, struct rotad_error *err);

/*
 * Called inside a publish's transaction, after its rows and before its
 * audit row, with what it publishes (the e-mail digests' hook: one per
 * youth of d->youths).  -1 with err rolls the publish back.
 */
typedef int (*publish_also_fn)(struct store *st,
    const struct model_instance *live, const struct publish_diff *d, void *arg,
    struct rotad_error *err);

struct publish_request {
	struct publish_range range;
	uint64_t version; /* the preview's; CONFLICT when it moved */
	const char *actor;
	int64_t now;
	publish_also_fn also; /* or NULL */
	void *also_arg;
};

/*
 * Publishes exactly the preview of req->range if its version is still
 * req->version: the live rows of its groups copied in one transaction
 * with an audit row (action "publish", entity "publish"), the feeds of
 * exactly the youths and homes it changes made stale.  *out (may be
 * NULL) gets what was published.  -1 with err: CONFLICT (the preview is
 * outdated, or publishing is immediate), or a store error.
 */
int publish_commit(struct rotad *rd, const struct publish_request *req,
    struct publish_diff *out, struct rotad_error *err);

/*
 * A settings change that may switch options.publish (struct change's
 * `also`, arg a struct publish_switch): becoming manual publishes
 * everything live (the copy starts equal to it), becoming immediate
 * drops the copy.
 */
struct publish_switch {
	const struct model_instance *live;
	bool was_manual, manual;
};
int publish_switch_also(struct store *st, void *arg, struct rotad_error *err);

/*
 * The published rows may have changed other than by a publish (a mode
 * switch, a youth's delete or purge): the copy is read again when next
 * needed.
 */
void publish_state_stale(struct rotad *rd);

/*
 * Called after c (or b) committed and before state_committed(): notes
 * a youth deleted or purged (publish_state_stale()), and in manual mode
 * empties *ft for a draft (a change of visits or assignments only, which
 * no published feed shows), so that every feed stays current.
 */
void publish_state_changed(
    struct rotad *rd, const struct change *c, struct feed_touch *ft);
void publish_state_batch_changed(
    struct rotad *rd, const struct change_batch *b, struct feed_touch *ft);

/* Frees what is kept (at exit). */
void publish_state_free(struct rotad *rd);

#endif /* ROTAD_PUBLISH_STATE_H */
