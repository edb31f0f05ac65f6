/* SPDX-License-Identifier: ISC */
/*
 * Realistic demo data for a first look at rota: a few Oslo nursing homes,
 * twenty youths aged 14-19, two weeks of visit slots from the next Monday,
 * the school year around `today`, and legal assignments for most slots.
 */
#ifndef ROTAD_DEMO_H
#define ROTAD_DEMO_H

#include <stdint.h>

#include "auth.h"
#include "error.h"

struct model_instance;
struct store;

/*
 * A new linked instance for the two weeks after `today` (a civil day
 * count).  Every assignment in it passes the rules engine.
 */
struct model_instance *demo_instance(int32_t today);

/*
 * The demo's coordinator token (named "demo") and feed links for Ida and
 * Solheim.  Kept across runs on the same database: their plaintext lives
 * only in DB.demo-tokens (mode 0600) beside it, and a kept token that
 * still works is used again, so running the demo twice keeps the token
 * you copied; otherwise new ones are made (the old "demo" token revoked)
 * and the file rewritten.  A feed link is "" when its subject is gone.
 */
int demo_tokens(struct store *st, const char *db_path, int64_t now,
    char token[AUTH_TOKEN_MAXLEN], char feeds[2][AUTH_TOKEN_MAXLEN],
    struct rotad_error *err);

#endif /* ROTAD_DEMO_H */
