/* SPDX-License-Identifier: ISC */
/*
 * This file contains the table of profile switches per jurisdiction (the
 * reference's section 6b) and the helpers that check and read them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules_options.h"

const char *const rules_jurisdictions[] = {"NO", "EU", "US-FLSA", "UK", NULL};

static const char *const eu_night_choices[] = {
    "22:00-06:00", "23:00-07:00", NULL};
static const char *const uk_night_choices[] = {
    "22:00-06:00", "23:00-07:00", NULL};
static const char *const us_week_choices[] = {
    "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", NULL};

#define B(j, n, d, ref)                                                        \
	{                                                                      \
		j, n, MODEL_OPTION_BOOL, d, 0, 0, 0, NULL, NULL, ref           \
	}
#define I(j, n, d, lo, hi, ref)                                                \
	{                                                                      \
		j, n, MODEL_OPTION_INT, false, d, lo, hi, NULL, NULL, ref      \
	}
#define S(j, n, d, c, ref)                                                     \
	{                                                                      \
		j, n, MODEL_OPTION_STRING, false, 0, 0, 0, d, c, ref           \
	}

static const struct rules_option_def option_defs[] = {
    B("NO", "sunday_work_justified", true, "AML §10-10(2)"),
    B("NO", "sunday_averaging_agreement", false, "AML §10-8(4)"),
    B("NO", "youth_night_21_23_justified", false, "AML §11-3(2)"),
    B("NO", "care_exemption_12_9g", false, "FOR-2011-12-06-1355 §12-9(g)"),
    B("NO", "adult_night_work_justified", false, "AML §10-11"),
    B("NO", "adult_21_23_agreement", false, "AML §10-11(3)"),
    I("NO", "adult_min_break_minutes", 20, 1, 240, "AML §10-9(1)"),
    B("NO", "break_counts_as_working_time", false, "AML §10-9(1)"),
    B("NO", "no_work_before_lessons", false,
        "AML §11-2(1) (policy, reference A17)"),
    S("EU", "adolescent_night_window", "22:00-06:00", eu_night_choices,
        "Directive 94/33/EC Art. 9(1)(b)"),
    B("EU", "raise_limits_for_15", false, "Directive 94/33/EC Art. 8(2)"),
    I("EU", "weekly_rest_min_hours", 48, 36, 48,
        "Directive 94/33/EC Art. 10(2)"),
    I("EU", "min_age_light_work", 14, 13, 14,
        "Directive 94/33/EC Art. 4(2)(c)"),
    S("US-FLSA", "week_start", "SUN", us_week_choices, "29 CFR 570.35"),
    S("UK", "young_night_window", "22:00-06:00", uk_night_choices,
        "Working Time Regulations 1998 reg 6A"),
    B("UK", "cwsa_2026_in_force", false,
        "Children's Wellbeing and Schools Act 2026 s.28"),
};

#undef B
#undef I
#undef S

bool
rules_jurisdiction_known(const char *jurisdiction)
{
	for (size_t i = 0; jurisdiction && rules_jurisdictions[i]; i++)
		if (strcmp(rules_jurisdictions[i], jurisdiction) == 0)
			return true;
	return false;
}

const struct rules_option_def *
rules_option_find(const char *jurisdiction, const char *name)
{
	for (size_t i = 0; i < sizeof(option_defs) / sizeof(option_defs[0]);
	     i++) {
		const struct rules_option_def *d = &option_defs[i];
		if (strcmp(d->jurisdiction, jurisdiction) == 0 &&
		    strcmp(d->name, name) == 0)
			return d;
	}
	return NULL;
}

static const char *
kind_name(enum model_option_kind kind)
{
	switch (kind) {
	case MODEL_OPTION_BOOL:
		return "true or false";
	case MODEL_OPTION_INT:
		return "a whole number";
	case MODEL_OPTION_STRING:
		return "a string";
	}
	return "?";
}

int
rules_option_check(const char *jurisdiction,
    const struct model_rule_option *opt, char *msg, size_t msglen)
{
	const struct rules_option_def *d;

	if ((d = rules_option_find(jurisdiction, opt->name)) == NULL) {
		snprintf(msg, msglen, "the %s profile has no switch '%s'",
		    jurisdiction, opt->name);
		return -1;
	}
	if (d->kind != opt->kind) {
		snprintf(msg, msglen, "'%s' must be %s", opt->name,
		    kind_name(d->kind));
		return -1;
	}
	if (d->kind == MODEL_OPTION_INT &&
	    (opt->i < d->min_i || opt->i > d->max_i)) {
		snprintf(msg, msglen, "'%s' must be between %ld and %ld",
		    opt->name, d->min_i, d->max_i);
		return -1;
	}
	if (d->kind == MODEL_OPTION_STRING) {
		for (size_t i = 0; d->choices[i] != NULL; i++)
			if (strcmp(d->choices[i], opt->s) == 0)
				return 0;
		snprintf(msg, msglen, "'%s' must be one of", opt->name);
		for (size_t i = 0; d->choices[i] != NULL; i++) {
			size_t len = strlen(msg);
			snprintf(msg + len, msglen - len, "%s \"%s\"",
			    i ? "," : "", d->choices[i]);
		}
		return -1;
	}
	return 0;
}

static const struct model_rule_option *
given(const struct model_instance *inst, const char *name)
{
	for (size_t i = 0; i < inst->nrule_options; i++)
		if (strcmp(inst->rule_options[i].name, name) == 0)
			return &inst->rule_options[i];
	return NULL;
}

static const struct rules_option_def *
must_find(const struct model_instance *inst, const char *name,
    enum model_option_kind kind)
{
	const struct rules_option_def *d;

	d = rules_option_find(inst->jurisdiction, name);
	if (d == NULL || d->kind != kind) {
		fprintf(stderr, "rotad: fatal: %s: no %s switch '%s'\n",
		    __func__, inst->jurisdiction, name);
		abort();
	}
	return d;
}

bool
rules_option_bool(const struct model_instance *inst, const char *name)
{
	const struct rules_option_def *d;
	const struct model_rule_option *o;

	d = must_find(inst, name, MODEL_OPTION_BOOL);
	o = given(inst, name);
	return o ? o->b : d->def_b;
}

long
rules_option_int(const struct model_instance *inst, const char *name)
{
	const struct rules_option_def *d;
	const struct model_rule_option *o;

	d = must_find(inst, name, MODEL_OPTION_INT);
	o = given(inst, name);
	return o ? o->i : d->def_i;
}

const char *
rules_option_string(const struct model_instance *inst, const char *name)
{
	const struct rules_option_def *d;
	const struct model_rule_option *o;

	d = must_find(inst, name, MODEL_OPTION_STRING);
	o = given(inst, name);
	return o ? o->s : d->def_s;
}
