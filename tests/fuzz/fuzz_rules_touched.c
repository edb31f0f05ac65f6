/* SPDX-License-Identifier: ISC */
/*
 * This file contains the fuzz target of the change gate's agreement
 * (issue 12): the random instances and changes of
 * tests/unit/rules_touched_gen.h, with their choices drawn from the input
 * (first byte: the variant; the next 8: the seed; the rest is mixed into
 * the random stream, one byte per draw), and up to 64 changes, each of
 * which must give the same new violations from rules_check_touched() on
 * the subjects the contract in rules.h names as from the full check.  A
 * disagreement aborts.  The replay build runs the corpus in ctest.
 */
#include <stdlib.h>

#include "../unit/rules_touched_gen.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT 4096
#define FUZZ_CHANGES   64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tg g;
	struct model_instance *inst;
	struct rules_report full = {0};
	uint64_t seed = 0;

	if (size < 9 || size > FUZZ_MAX_INPUT)
		return 0;
	for (size_t i = 1; i < 9; i++)
		seed = seed << 8 | data[i];
	memset(&g, 0, sizeof(g));
	g.s = seed;
	g.data = data + 9;
	g.len = size - 9;
	inst = tg_instance(&g, &tg_variants[data[0] % TG_NVARIANTS]);
	if (rules_check_instance(inst, g.tz, &full) != 0)
		abort(); /* the generator makes no gap times */
	for (int c = 0; c < FUZZ_CHANGES; c++)
		if (!tg_step(&g, &inst, &full)) {
			fprintf(stderr,
			    "fuzz_rules_touched: disagreement at "
			    "change #%d\n",
			    c + 1);
			abort();
		}
	rules_report_free(&full);
	model_instance_free(inst);
	return 0;
}
