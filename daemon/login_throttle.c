/* SPDX-License-Identifier: ISC */
/*
 * This file contains the login throttle (login_throttle.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "login_throttle.h"
#include "users.h"

#define THROTTLE_SLOTS    4096
#define THROTTLE_FORGET   (15 * 60) /* seconds */
#define THROTTLE_MAX_WAIT 60

struct throttle {
	char key[USERS_LOGIN_MAX + 8];
	int failures;
	int64_t last;
};

static struct throttle throttles[THROTTLE_SLOTS];

static struct throttle *
throttle_slot(const char *key, bool create)
{
	unsigned char h[8];
	uint64_t n = 0;
	struct throttle *t;

	crypto_generichash(
	    h, sizeof(h), (const unsigned char *)key, strlen(key), NULL, 0);
	for (size_t i = 0; i < sizeof(h); i++)
		n = n << 8 | h[i];
	t = &throttles[n % THROTTLE_SLOTS];
	if (strcmp(t->key, key) == 0)
		return t;
	if (!create)
		return NULL;
	memset(t, 0, sizeof(*t));
	snprintf(t->key, sizeof(t->key), "%s", key);
	return t;
}

/* Seconds to wait before the next attempt under this key, or 0. */
int
throttle_wait(const char *key, int free_failures, int64_t now)
{
	struct throttle *t = throttle_slot(key, false);
	int64_t lock, left;
	int over;

	if (t == NULL || t->failures < free_failures)
		return 0;
	if (now - t->last > THROTTLE_FORGET) {
		t->failures = 0;
		return 0;
	}
	over = t->failures - free_failures;
	lock = over >= 2 ? THROTTLE_MAX_WAIT : 15 << over;
	left = t->last + lock - now;
	return left > 0 ? (int)left : 0;
}

void
throttle_fail(const char *key, int64_t now)
{
	struct throttle *t = throttle_slot(key, true);

	if (now - t->last > THROTTLE_FORGET)
		t->failures = 0;
	t->failures++;
	t->last = now;
}

void
throttle_clear(const char *key)
{
	struct throttle *t = throttle_slot(key, false);

	if (t != NULL)
		memset(t, 0, sizeof(*t));
}
