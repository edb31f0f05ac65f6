/* SPDX-License-Identifier: ISC */
/*
 * The plan score of product.md ("What a good plan is"): positions filled,
 * fairness (sum over youths of assigned hours squared, real elapsed time)
 * and continuity (distinct youth-home pairs), over active assignments.
 */
#ifndef ROTAD_SCORE_H
#define ROTAD_SCORE_H

struct model_instance;
struct tzmap;
struct plan_score;

/* Scores the active assignments of a linked instance. */
void score_compute(const struct model_instance *inst, const struct tzmap *tz,
    struct plan_score *out);

#endif /* ROTAD_SCORE_H */
