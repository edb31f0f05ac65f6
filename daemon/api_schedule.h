/* SPDX-License-Identifier: ISC */
/*
 * Automatic planning through the API: POST /api/v1/schedule (the solver
 * on a worker thread, one run at a time per period) and the sick-call
 * refill that the cancel handler uses.
 */
#ifndef ROTAD_API_SCHEDULE_H
#define ROTAD_API_SCHEDULE_H

#include <stddef.h>

struct model_instance;
struct model_assignment;

/*
 * The replacement for a cancelled assignment that changes nothing else.
 * `inst` is the linked stored state (api_instance()), `cancelled` the
 * index of the assignment being cancelled (it may already be cancelled in
 * inst).  Returns 0 and fills *out with a new active, unpinned,
 * solver-made assignment of the same slot (slot and youth strings owned:
 * release with model_assignment_clear(); id NULL, slot_idx and youth_idx
 * set, bookkeeping zero), or returns -1 and writes into `why` the reason
 * nobody can come, in words for the coordinator.  Pure and quick (one
 * slot): call it on the loop thread, then cancel and insert in one
 * transaction.
 */
int api_schedule_refill(const struct model_instance *inst, size_t cancelled,
    struct model_assignment *out, char *why, size_t whylen);

/*
 * At shutdown, on the loop thread: cancels every running schedule, joins
 * its worker and frees it (the requests stay unanswered; evhttp_free
 * closes their connections).
 */
void api_schedule_shutdown(void);

#endif /* ROTAD_API_SCHEDULE_H */
