/* SPDX-License-Identifier: ISC */
/*
 * The jurisdictions rota knows and the profile switches (`rule_options`)
 * each one has, with their defaults: the table of
 * shared/reference/youth-labour-law.md section 6b.  Used by the instance
 * reader to refuse unknown switches and by the rules engine to read them.
 */
#ifndef ROTAD_RULES_OPTIONS_H
#define ROTAD_RULES_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct rules_option_def {
	const char *jurisdiction;
	const char *name;
	enum model_option_kind kind;
	bool def_b;
	long def_i, min_i, max_i;   /* MODEL_OPTION_INT */
	const char *def_s;          /* MODEL_OPTION_STRING */
	const char *const *choices; /* MODEL_OPTION_STRING, NULL-terminated */
	const char *reference;      /* the provision that makes it decisive */
};

/* NULL-terminated list of jurisdiction codes: "NO", "EU", "US-FLSA", "UK". */
extern const char *const rules_jurisdictions[];

bool rules_jurisdiction_known(const char *jurisdiction);

/* The definition of a switch in a jurisdiction, or NULL. */
const struct rules_option_def *rules_option_find(
    const char *jurisdiction, const char *name);

/*
 * Checks one given switch against the jurisdiction's table: it must exist
 * there and have the right kind and a permitted value.  Returns 0, or -1
 * with a message for people in msg.
 */
int rules_option_check(const char *jurisdiction,
    const struct model_rule_option *opt, char *msg, size_t msglen);

/*
 * The value of a switch for an instance: the one given in rule_options, or
 * the default.  The name must exist in the instance's jurisdiction (an
 * impossible state otherwise: the caller asks only for its own profile's).
 */
bool rules_option_bool(const struct model_instance *inst, const char *name);
long rules_option_int(const struct model_instance *inst, const char *name);
const char *rules_option_string(
    const struct model_instance *inst, const char *name);

#endif /* ROTAD_RULES_OPTIONS_H */
