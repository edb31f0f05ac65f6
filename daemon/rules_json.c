/* SPDX-License-Identifier: ISC */
/*
 * This file contains the JSON rendering of rules violations and reports
 * (rules_json.h), the only place where the rules module meets jansson.
 */
#include <stdio.h>

#include <jansson.h>

#include "civil.h"
#include "model.h"
#include "rules.h"
#include "rules_json.h"

json_t *
rules_violation_to_json(
    const struct rules_violation *v, const struct model_instance *inst)
{
	json_t *o = json_object(), *slots = json_array();
	char buf[CIVIL_DATE_LEN];

	json_object_set_new(o, "rule", json_string(v->rule_id));
	json_object_set_new(o, "reference", json_string(v->reference));
	json_object_set_new(o, "message", json_string(v->message));
	if (v->youth_idx >= 0 && (size_t)v->youth_idx < inst->nyouths)
		json_object_set_new(
		    o, "youth", json_string(inst->youths[v->youth_idx].id));
	else
		json_object_set_new(o, "youth", json_null());
	for (size_t i = 0; i < v->nslots; i++)
		if (v->slot_idx[i] < inst->nslots)
			json_array_append_new(
			    slots, json_string(inst->slots[v->slot_idx[i]].id));
	json_object_set_new(o, "slots", slots);
	/* "slots" lists the first RULES_MAX_SLOTS. */
	if (v->nslots_total > v->nslots)
		json_object_set_new(o, "slots_total",
		    json_integer((json_int_t)v->nslots_total));
	if (v->pairs > 1)
		json_object_set_new(
		    o, "pairs", json_integer((json_int_t)v->pairs));
	if (v->day != CIVIL_NO_DATE) {
		civil_format_date(v->day, buf);
		json_object_set_new(o, "day", json_string(buf));
	}
	if (v->week != CIVIL_NO_DATE) {
		if (civil_weekday(v->week) == CIVIL_MON) {
			int y, w;
			char wk[16];
			civil_iso_week(v->week, &y, &w);
			snprintf(wk, sizeof(wk), "%04d-W%02d", y, w);
			json_object_set_new(o, "week", json_string(wk));
		} else {
			civil_format_date(v->week, buf);
			json_object_set_new(o, "week_start", json_string(buf));
		}
	}
	return o;
}

json_t *
rules_report_to_json(
    const struct rules_report *rep, const struct model_instance *inst)
{
	json_t *a = json_array();

	for (size_t i = 0; i < rep->n; i++)
		json_array_append_new(
		    a, rules_violation_to_json(&rep->v[i], inst));
	return a;
}
