/*
 * JSON form of rules violations, for the API and `rotad check`:
 * {"rule", "reference", "message", "youth", "slots": [ids], "day"?,
 * "week"?, "week_start"?}.  Kept apart from rules.c so that the engine
 * stays free of jansson.
 */
#ifndef ROTAD_RULES_JSON_H
#define ROTAD_RULES_JSON_H

#include <jansson.h>

struct model_instance;
struct rules_report;
struct rules_violation;

/*
 * One violation as a new JSON object (the caller owns the reference).
 * Ids come from `inst`, which must be the instance checked.  "youth" is
 * null for slot-level rules; "day" is "YYYY-MM-DD" and "week" "YYYY-Www"
 * when the violation concerns one; a week that does not start on a Monday
 * (the US-FLSA workweek) is given as "week_start": "YYYY-MM-DD" instead.
 */
json_t *rules_violation_to_json(
    const struct rules_violation *v, const struct model_instance *inst);

/* Every violation of a report, as a new JSON array. */
json_t *rules_report_to_json(
    const struct rules_report *rep, const struct model_instance *inst);

#endif /* ROTAD_RULES_JSON_H */
