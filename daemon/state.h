/* SPDX-License-Identifier: ISC */
/*
 * The loaded state: the stored organisation as one linked instance in
 * memory (struct rotad's `cache`) and its version (`data_version`), both
 * written here only.  The instance is read from SQLite once, at start or on
 * first use, and then changed in place by each committed change
 * (change.c), so no read and no write after a write reloads it.  It is
 * replaced whole only after an import or a restore (state_replace()) and
 * read again only after a store error (state_drop()); a schedule run, a
 * purge and a visit series are changes of many rows made in place too
 * (change_apply_batch()).
 *
 * The version moves with every committed write; rendered feeds and the
 * remembered feed-token answers carry the version they were made at.  A
 * change names the youths and homes whose feeds it alters (struct
 * feed_touch): every other feed is carried over to the new version and
 * stays cached with its validators.
 *
 * The model's arrays are kept in id order (as store_load_instance() reads
 * them), so that the state after any sequence of changes is the one a
 * reload would give, byte for byte in every answer.
 */
#ifndef ROTAD_STATE_H
#define ROTAD_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

struct rotad;
struct model_instance;
struct feed_touch;

/* The linked instance, loaded when needed; NULL with err on a store error. */
const struct model_instance *state_get(
    struct rotad *rd, struct rotad_error *err);

/*
 * The same instance, writable: for change.c, which changes it in place and
 * undoes what it did when the change is refused or not stored.
 */
struct model_instance *state_edit(struct rotad *rd, struct rotad_error *err);

/*
 * A change was committed: the version moves, and the rendered feeds of the
 * subjects in t (all of them when t is NULL or t->all) become stale.
 */
void state_committed(struct rotad *rd, const struct feed_touch *t);

/*
 * Forgets the loaded instance (it is read again on next use) and moves the
 * version, so that every rendered feed is stale: after an import, a
 * restore, a write that replaces many rows at once, or a failed
 * transaction.
 */
void state_drop(struct rotad *rd);
/*
 * Puts inst (linked, as store_load_instance() reads the stored data;
 * taken over) in place of the loaded instance, and moves the version so
 * that every rendered feed is stale: after an import that a worker wrote
 * and read back, so that the loop never reads the whole store itself.
 */
void state_replace(struct rotad *rd, struct model_instance *inst);

/* Frees the loaded instance (at exit). */
void state_free(struct rotad *rd);

/*
 * Index look-ups in the loaded instance by binary search (its arrays are in
 * id order); -1 when absent.
 */
long state_find_home(const struct model_instance *inst, const char *id);
long state_find_youth(const struct model_instance *inst, const char *id);
long state_find_slot(const struct model_instance *inst, const char *id);
long state_find_assignment(const struct model_instance *inst, const char *id);

/* Where an entity with this id goes to keep its array in id order. */
size_t state_home_pos(const struct model_instance *inst, const char *id);
size_t state_youth_pos(const struct model_instance *inst, const char *id);
size_t state_slot_pos(const struct model_instance *inst, const char *id);
size_t state_assignment_pos(const struct model_instance *inst, const char *id);

#endif /* ROTAD_STATE_H */
