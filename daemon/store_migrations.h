/* SPDX-License-Identifier: ISC */
/*
 * The schema migrations compiled in from sql/NNNN_name.sql, in order.
 * Migration i (0-based) brings PRAGMA user_version from i to i + 1.
 */
#ifndef ROTAD_STORE_MIGRATIONS_H
#define ROTAD_STORE_MIGRATIONS_H

#include <stddef.h>

struct store_migration {
	const char *name; /* file name, e.g. "0001_init.sql" */
	const char *sql;
};

extern const struct store_migration store_migrations[];
extern const size_t store_nmigrations;

#endif /* ROTAD_STORE_MIGRATIONS_H */
