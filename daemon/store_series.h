/* SPDX-License-Identifier: ISC */
/*
 * The stored visit series (sql/0008_series.sql): the series rows, the
 * slots each generated (with their edited and cancelled flags) and the
 * dates deleted from a series by hand.  Statements of their own on the
 * store's connection (store_stmt_cached), as users.c does; call them
 * inside the API's write transaction for writes.
 */
#ifndef ROTAD_STORE_SERIES_H
#define ROTAD_STORE_SERIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "series.h"
#include "store.h"

/* One slot of a series as stored. */
struct store_series_slot {
	char id[MODEL_ID_MAX + 1];
	int32_t date; /* the date of its start */
	bool edited, cancelled;
};

/* Every series, in id order (a new array of n; series_clear each). */
int store_series_all(
    struct store *st, struct series **out, size_t *n, struct rotad_error *err);
/* One series: 1 found, 0 not, -1 error. */
int store_series_get(struct store *st, const char *id, struct series *out,
    struct rotad_error *err);
int store_series_insert(struct store *st, const struct series *s, int64_t now,
    struct rotad_error *err);
int store_series_update(struct store *st, const struct series *s, int64_t now,
    struct rotad_error *err);
int store_series_delete(
    struct store *st, const char *id, struct rotad_error *err);

/* The slots of a series in date order (a new array of n). */
int store_series_slots(struct store *st, const char *series_id,
    struct store_series_slot **out, size_t *n, struct rotad_error *err);
/* Links a slot to a series (NULL: none) with its flags. */
int store_series_slot_link(struct store *st, const char *slot_id,
    const char *series_id, bool edited, bool cancelled,
    struct rotad_error *err);
/* The dates deleted from a series by hand (a new array of n). */
int store_series_exceptions(struct store *st, const char *series_id,
    int32_t **out, size_t *n, struct rotad_error *err);

/* Copies the deleted dates of one series from `from` on to another (a
 * split series' tail keeps them). */
int store_series_exceptions_copy(struct store *st, const char *old_id,
    const char *new_id, int32_t from, struct rotad_error *err);

/* Takes a date out of a series (as deleting its slot by hand does; an
 * import of a document's "exceptions"). */
int store_series_exception_add(struct store *st, const char *series_id,
    int32_t date, struct rotad_error *err);

/* Marks the cancelled visits of series in a loaded instance (called by
 * store_load_instance, in its read transaction).  0 or -1. */
int store_series_mark_cancelled(struct store *st, struct model_instance *inst);

#endif /* ROTAD_STORE_SERIES_H */
