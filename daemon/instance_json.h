/* SPDX-License-Identifier: ISC */
/*
 * The strict reader and writer of the instance format (docs/instance.md)
 * and of the plan format: JSON (jansson) <-> the plain structs of model.h.
 *
 * Readers validate everything the format says (types, ranges, dates, DST
 * gaps, unique ids, references) and stop at the first error, which they
 * describe in a struct rotad_error: a code (INVALID_FIELD, MISSING_FIELD,
 * UNKNOWN_FIELD, UNKNOWN_REFERENCE, INVALID_JSON), the JSON path of the
 * offending value in `field` ("slots[3].end", "youths[0].availability[1]
 * .days[2]") and a message for people.  Readers never keep pointers into
 * the json_t they are given.
 *
 * Writers produce the canonical form: keys in the order of the product
 * brief, absent optional values left out, so that
 * instance_from_json(instance_to_json(x)) equals x and
 * instance_to_json(instance_from_json(doc)) equals doc for a canonical doc.
 * They return a new reference for json_decref().
 */
#ifndef ROTAD_INSTANCE_JSON_H
#define ROTAD_INSTANCE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "json_body.h"
#include "model.h"
#include "plan.h"
#include "series.h"

struct rotad_error;
struct tzmap;

/* Limits that keep hostile input from exploding memory. */
#define INSTANCE_JSON_MAX_BYTES   JSON_BODY_MAX_BYTES /* raw document */
#define INSTANCE_JSON_MAX_DEPTH   JSON_BODY_MAX_DEPTH /* nesting of [ and { */
#define INSTANCE_JSON_MAX_LIST    100000 /* homes, youths, slots, ... */
#define INSTANCE_JSON_MAX_SUBLIST 1000   /* lists inside one entity */
#define INSTANCE_JSON_MAX_SKILL   64     /* bytes of a skill name */

/* json_body_parse() (json_body.h): the same strict reader. */
json_t *instance_json_parse(
    const char *buf, size_t len, struct rotad_error *err);

/*
 * Reads a file (an instance or a plan) with instance_json_parse().  NULL
 * with *err set when it cannot be read or parsed.
 */
json_t *instance_json_load_file(const char *path, struct rotad_error *err);

/*
 * Reads a whole instance document, validates it and links its references
 * (model_instance_link).  Returns a new instance for model_instance_free(),
 * or NULL with *err set on the first error.
 */
struct model_instance *instance_from_json(
    const json_t *root, struct rotad_error *err);

/* Writes an instance in the canonical form. */
json_t *instance_to_json(const struct model_instance *inst);

/*
 * Per-entity readers for the API.  Each validates one object exactly as
 * instance_from_json() does; `path` prefixes every field in *err ("" for a
 * request body that is the object itself, "youths[2]" inside a document).
 * They fill *out (overwritten, not freed) and return 0, or return -1 with
 * *err set and *out left empty (nothing to free).  The result owns its
 * strings: release it with the matching model_*_clear().  References to
 * other entities (a slot's home, a youth's homes, an assignment's slot and
 * youth) are checked for form only; resolving them is the caller's job.
 * `tz` is the instance's zone (tzmap_get(inst->timezone)), used to refuse
 * wall times in a DST gap and to measure a slot's real length; NULL reads
 * wall times as UTC.  To apply a PATCH, merge it into the entity's
 * *_to_json() form and read the result.
 */
int instance_home_from_json(const json_t *obj, const char *path,
    struct model_home *out, struct rotad_error *err);
int instance_youth_from_json(const json_t *obj, const char *path,
    const struct tzmap *tz, struct model_youth *out, struct rotad_error *err);
int instance_slot_from_json(const json_t *obj, const char *path,
    const struct tzmap *tz, struct model_slot *out, struct rotad_error *err);
/* Accepts the "id" and "status" extensions; bookkeeping keys are refused. */
int instance_assignment_from_json(const json_t *obj, const char *path,
    struct model_assignment *out, struct rotad_error *err);
/* Release the result with instance_school_calendar_clear(). */
int instance_school_calendar_from_json(const json_t *obj, const char *path,
    struct model_school_calendar *out, struct rotad_error *err);
void instance_school_calendar_clear(struct model_school_calendar *cal);
/*
 * A named calendar (version 2's school_calendars[i], the body of
 * /api/v1/school-calendars): "id" (required when id_required), "name",
 * "default" (into *is_default when not NULL) and the keys above.
 */
int instance_named_calendar_from_json(const json_t *obj, const char *path,
    bool id_required, struct model_school_calendar *out, bool *is_default,
    struct rotad_error *err);
json_t *instance_named_calendar_to_json(
    const struct model_school_calendar *cal, bool is_default);

/* Per-entity writers; each returns a new object. */
json_t *instance_home_to_json(const struct model_home *h);
json_t *instance_youth_to_json(const struct model_youth *y);
json_t *instance_slot_to_json(const struct model_slot *s);
/*
 * An assignment as in an instance ("id" when it has one, "status" when
 * cancelled).  With `with_bookkeeping` it also carries "status" always,
 * "made_by" ("coordinator"/"solver"), "seq", and "created_at"/"updated_at"
 * as RFC 3339 UTC strings ("2027-01-04T15:00:00Z"); those keys are output
 * only and instance_assignment_from_json() refuses them.
 */
json_t *instance_assignment_to_json(
    const struct model_assignment *a, bool with_bookkeeping);
json_t *instance_school_calendar_to_json(
    const struct model_school_calendar *cal);

/*
 * Reads settings; absent keys take the format's defaults (NO, Europe/Oslo,
 * no switches, the profile's holidays, 30 min travel, 5 s), so a PATCH is
 * applied by merging into instance_settings_to_json() of the current ones
 * first.  Returns 0, or -1 with *err set and *out left empty.  The type
 * and its copy, move and clear are model.h's.
 */
int instance_settings_from_json(const json_t *obj, const char *path,
    struct instance_settings *out, struct rotad_error *err);
json_t *instance_settings_to_json(const struct instance_settings *s);

/*
 * Reads a plan.  With an instance, every slot and youth must exist in it,
 * a youth may appear once per slot and "missing" is at most the slot's
 * "needed".  "violations", when present, must be an array; it is not
 * kept (rotad check computes its own).  Returns a new plan, or NULL with
 * *err set.
 */
struct plan *plan_from_json(const json_t *root,
    const struct model_instance *inst, struct rotad_error *err);

/*
 * Writes a plan; "violations" is a copy of the given array (the JSON form
 * of rules violations, rules_json.h), or [] when it is NULL.
 */
json_t *plan_to_json(const struct plan *p, const json_t *violations);

/*
 * The visit series of a version 2 document (issue 15; docs/instance.md,
 * "Visit series"): the top-level "series" and, per slot, the series that
 * made it ("series", "series_edited", "series_cancelled").  Kept beside the
 * instance, not in it: they are the store's, not the model's.
 */
struct instance_series {
	struct series s;
	int32_t *exceptions; /* dates deleted from it by hand */
	size_t nexceptions;
	size_t pos; /* its index in the document's "series" */
};

struct instance_series_link {
	char *slot, *series;
	bool edited, cancelled;
};

struct instance_series_set {
	struct instance_series *series; /* by id */
	size_t nseries;
	struct instance_series_link *links;
	size_t nlinks;
};

void instance_series_set_clear(struct instance_series_set *set);

/*
 * Reads them from a document that instance_from_json() read into inst
 * (which sets each linked slot's `cancelled`): unique series ids, each
 * series checked as the API checks one, its home and each slot's series
 * must exist.  A series that no slot of the document names gets its slots
 * generated into inst (and linked in *out), as POST /api/v1/series makes
 * them against the document's calendars and the series' "exceptions".
 * 0, or -1 with *err set (and *out empty; inst may hold generated slots).
 */
int instance_series_set_from_json(const json_t *root,
    struct model_instance *inst, struct instance_series_set *out,
    struct rotad_error *err);

/*
 * Adds them to a document instance_to_json() wrote: "series" before
 * "slots", and each linked slot's keys (sorts set->links).
 */
void instance_series_set_to_json(json_t *doc, struct instance_series_set *set);

/*
 * instance_from_json() and instance_series_set_from_json() in one: what
 * `rotad solve`, `rotad check` and an import read.  NULL with *err (and
 * *set empty) on error.
 */
struct model_instance *instance_with_series_from_json(const json_t *root,
    struct instance_series_set *set, struct rotad_error *err);

#endif /* ROTAD_INSTANCE_JSON_H */
