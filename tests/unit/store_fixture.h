/* SPDX-License-Identifier: ISC */
/*
 * The cmocka fixture of the store tests: a fresh in-memory database,
 * migrated, as the test's state.
 */
#ifndef ROTA_TEST_STORE_FIXTURE_H
#define ROTA_TEST_STORE_FIXTURE_H

#include "store.h"

static int
setup(void **state)
{
	struct rotad_error err;
	struct store *st = store_open(":memory:", &err);

	if (st == NULL)
		return -1;
	*state = st;
	return 0;
}

static int
teardown(void **state)
{
	store_close(*state);
	return 0;
}

#endif /* ROTA_TEST_STORE_FIXTURE_H */
