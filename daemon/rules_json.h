/* SPDX-License-Identifier: ISC */
/*
 * JSON form of rules violations, for the API and `rotad check`:
 * {"rule", "reference", "message", "youth", "slots": [ids], "slots_total"?,
 * "pairs"?, "day"?, "week"?, "week_start"?}.  Kept apart from rules.c so that
 * the engine stays free of jansson.
 */
#ifndef ROTAD_RULES_JSON_H
#define ROTAD_RULES_JSON_H

#include <jansson.h>

struct model_instance;
struct rules_report;
struct rules_violation;

/*
 * The most violations one answer or audit row lists (the change gate's
 * 409, a forced change's forced_violations, GET /api/v1/violations); the
 * answer says how many there are in all beside the list.
 */
#define RULES_JSON_LIST_MAX 100

/*
 * One violation as a new JSON object (the caller owns the reference).
 * Ids come from `inst`, which must be the instance checked.  "youth" is
 * null for slot-level rules; "day" is "YYYY-MM-DD" and "week" "YYYY-Www"
 * when the violation concerns one; a week that does not start on a Monday
 * (the US-FLSA workweek) is given as "week_start": "YYYY-MM-DD" instead.
 * "slots" lists the first RULES_MAX_SLOTS slots; "slots_total" counts
 * them all when there are more.  "pairs" is the number of pairs of
 * shifts a ROTA-overlap violation groups, when more than one.
 */
json_t *rules_violation_to_json(
    const struct rules_violation *v, const struct model_instance *inst);

/* Every violation of a report, as a new JSON array. */
json_t *rules_report_to_json(
    const struct rules_report *rep, const struct model_instance *inst);

#endif /* ROTAD_RULES_JSON_H */
