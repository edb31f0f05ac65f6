/* SPDX-License-Identifier: ISC */
/*
 * This file contains the fuzz target for the instance and plan formats
 * (daemon/instance_json.c): the strict JSON parser, the whole-document
 * reader, every per-entity reader the API uses on request bodies, the
 * settings and plan readers, and the canonical writer.  Oracles beyond
 * the sanitizers: a document that reads must write back in a form that
 * reads again and writes to the same text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "error.h"
#include "fuzz.h"
#include "instance_json.h"
#include "model.h"
#include "tzmap.h"

#define FUZZ_MAX_INPUT (256 * 1024)

static void
entity_readers(const json_t *obj, const struct tzmap *tz)
{
	struct rotad_error err;
	struct model_home h;
	struct model_youth y;
	struct model_slot s;
	struct model_assignment a;
	struct model_school_calendar cal;
	struct instance_settings set;

	if (instance_home_from_json(obj, "", &h, &err) == 0) {
		json_decref(instance_home_to_json(&h));
		model_home_clear(&h);
	}
	if (instance_youth_from_json(obj, "", tz, &y, &err) == 0) {
		json_decref(instance_youth_to_json(&y));
		model_youth_clear(&y);
	}
	if (instance_slot_from_json(obj, "", tz, &s, &err) == 0) {
		json_decref(instance_slot_to_json(&s));
		model_slot_clear(&s);
	}
	if (instance_assignment_from_json(obj, "", &a, &err) == 0) {
		json_decref(instance_assignment_to_json(&a, true));
		model_assignment_clear(&a);
	}
	if (instance_school_calendar_from_json(obj, "", &cal, &err) == 0) {
		json_decref(instance_school_calendar_to_json(&cal));
		instance_school_calendar_clear(&cal);
	}
	if (instance_settings_from_json(obj, "", &set, &err) == 0) {
		json_decref(instance_settings_to_json(&set));
		instance_settings_clear(&set);
	}
}

/* The canonical form must read back and write to the same text. */
static void
round_trip(const struct model_instance *inst)
{
	struct rotad_error err;
	json_t *doc = instance_to_json(inst), *doc2;
	struct model_instance *again = instance_from_json(doc, &err);
	char *t1, *t2;

	if (again == NULL) {
		fprintf(stderr, "canonical form does not read back: %s: %s\n",
		    err.field, err.message);
		abort();
	}
	doc2 = instance_to_json(again);
	t1 = json_dumps(doc, JSON_COMPACT);
	t2 = json_dumps(doc2, JSON_COMPACT);
	if (t1 == NULL || t2 == NULL || strcmp(t1, t2) != 0) {
		fprintf(stderr, "canonical form changes on a second trip\n");
		abort();
	}
	free(t1);
	free(t2);
	json_decref(doc);
	json_decref(doc2);
	model_instance_free(again);
}

/* Version 2 with its series: what it reads (slots generated for series
 * no slot names) writes a document that reads back to the same text. */
static void
series_round_trip(const json_t *root)
{
	struct instance_series_set set, set2;
	struct model_instance *inst, *again;
	struct rotad_error err;
	json_t *doc, *doc2;
	char *t1, *t2;

	if ((inst = instance_with_series_from_json(root, &set, &err)) == NULL)
		return;
	doc = instance_to_json(inst);
	instance_series_set_to_json(doc, &set);
	if ((again = instance_with_series_from_json(doc, &set2, &err)) ==
	    NULL) {
		fprintf(stderr, "series document does not read back: %s: %s\n",
		    err.field, err.message);
		abort();
	}
	doc2 = instance_to_json(again);
	instance_series_set_to_json(doc2, &set2);
	t1 = json_dumps(doc, JSON_COMPACT);
	t2 = json_dumps(doc2, JSON_COMPACT);
	if (t1 == NULL || t2 == NULL || strcmp(t1, t2) != 0) {
		fprintf(stderr, "series document changes on a second trip\n");
		abort();
	}
	free(t1);
	free(t2);
	json_decref(doc);
	json_decref(doc2);
	instance_series_set_clear(&set);
	instance_series_set_clear(&set2);
	model_instance_free(inst);
	model_instance_free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rotad_error err;
	struct model_instance *inst;
	struct plan *plan;
	json_t *root;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	rotad_error_clear(&err);
	root = instance_json_parse((const char *)data, size, &err);
	if (root == NULL)
		return 0;

	entity_readers(root, NULL);
	entity_readers(root, tzmap_get("Europe/Oslo"));
	if ((plan = plan_from_json(root, NULL, &err)) != NULL) {
		json_decref(plan_to_json(plan, NULL));
		plan_free(plan);
	}

	if ((inst = instance_from_json(root, &err)) != NULL) {
		round_trip(inst);
		if ((plan = plan_from_json(root, inst, &err)) != NULL)
			plan_free(plan);
		model_instance_free(inst);
	}
	series_round_trip(root);
	json_decref(root);
	return 0;
}
