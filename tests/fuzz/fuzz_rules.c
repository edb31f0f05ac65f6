/* SPDX-License-Identifier: ISC */
/*
 * This file contains the fuzz target for the rules engine (daemon/rules.c)
 * on hostile instances: whatever instance_from_json() accepts is checked
 * in full, per youth, and through the solver's incremental interface
 * (rules_ctx, rules_youth_state, rules_may_add), which must not crash,
 * leak or overflow whatever the schedule looks like.
 */
#include <stdlib.h>

#include <jansson.h>

#include "error.h"
#include "fuzz.h"
#include "instance_json.h"
#include "model.h"
#include "rules.h"
#include "tzmap.h"

/* Small: the rules are quadratic in the shifts of one youth. */
#define FUZZ_MAX_INPUT (64 * 1024)

static void
incremental(const struct model_instance *inst, const struct tzmap *tz)
{
	char msg[256];
	struct rules_ctx *ctx = rules_ctx_new(inst, tz, msg, sizeof(msg));

	if (ctx == NULL)
		return;
	for (size_t y = 0; y < inst->nyouths && y < 8; y++) {
		struct rules_youth_state *st = rules_youth_state_new(ctx, y);
		struct rules_youth_state *empty =
		    rules_youth_state_new_empty(ctx, y);
		for (size_t s = 0; s < inst->nslots && s < 64; s++) {
			(void)rules_may_add(ctx, st, s);
			if (rules_may_add(ctx, empty, s))
				(void)rules_youth_state_add(ctx, empty, s);
		}
		(void)rules_youth_state_count(empty);
		for (size_t s = 0; s < inst->nslots && s < 64; s++)
			(void)rules_youth_state_remove(empty, s);
		rules_youth_state_free(empty);
		rules_youth_state_free(st);
	}
	rules_ctx_free(ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rotad_error err;
	struct model_instance *inst;
	struct rules_report rep = {0};
	const struct tzmap *tz;
	json_t *root;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	rotad_error_clear(&err);
	if ((root = instance_json_parse((const char *)data, size, &err)) ==
	    NULL)
		return 0;
	inst = instance_from_json(root, &err);
	json_decref(root);
	if (inst == NULL)
		return 0;
	if ((tz = tzmap_get(inst->timezone)) != NULL) {
		if (rules_check_instance(inst, tz, &rep) == 0)
			(void)rules_report_count(&rep, "ROTA-requires");
		rules_report_free(&rep);
		for (size_t y = 0; y < inst->nyouths && y < 8; y++) {
			(void)rules_check_youth(inst, tz, y, &rep);
			rules_report_free(&rep);
		}
		incremental(inst, tz);
	}
	model_instance_free(inst);
	return 0;
}
