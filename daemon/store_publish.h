/* SPDX-License-Identifier: ISC */
/*
 * The published copy of visits and assignments in SQLite (issue 16,
 * sql/0012_publish.sql): statements of their own on the store's
 * connection (store_stmt_cached), as store_requests.c keeps.  Call the
 * writes inside a write transaction that also writes the audit row.
 */
#ifndef ROTAD_STORE_PUBLISH_H
#define ROTAD_STORE_PUBLISH_H

#include "error.h"
#include "model.h"
#include "publish.h"
#include "store.h"

/* The stored copy, arrays in id order (*out overwritten). */
int store_publish_load(
    struct store *st, struct publish_snapshot *out, struct rotad_error *err);
/* The groups of d: their published rows replaced by live's. */
int store_publish_groups(struct store *st, const struct model_instance *live,
    const struct publish_diff *d, struct rotad_error *err);
/* Everything live published (when publishing becomes manual). */
int store_publish_all(struct store *st, const struct model_instance *live,
    struct rotad_error *err);
/* No copy kept (when publishing becomes immediate). */
int store_publish_clear(struct store *st, struct rotad_error *err);

#endif /* ROTAD_STORE_PUBLISH_H */
