/* SPDX-License-Identifier: ISC */
/*
 * The strict JSON reader of every document rotad is given: request
 * bodies (http.c), instance and plan files (instance_json.c).  Duplicate
 * keys are refused, nesting and size are capped, and an error names the
 * line and column.  Knows no model: http.c reads bodies with it alone.
 */
#ifndef ROTAD_JSON_BODY_H
#define ROTAD_JSON_BODY_H

#include <stddef.h>

#include <jansson.h>

struct rotad_error;

/* Limits that keep hostile input from exploding memory. */
#define JSON_BODY_MAX_BYTES (64u * 1024u * 1024u) /* raw document */
#define JSON_BODY_MAX_DEPTH 32                    /* nesting of [ and { */

/*
 * Parses `len` bytes of JSON text (duplicate keys refused, nesting capped
 * at JSON_BODY_MAX_DEPTH, size at JSON_BODY_MAX_BYTES).  Returns a new
 * reference, or NULL with ROTAD_ERR_INVALID_JSON (message with line and
 * column) or ROTAD_ERR_PAYLOAD_TOO_LARGE in *err.
 */
json_t *json_body_parse(const char *buf, size_t len, struct rotad_error *err);

#endif /* ROTAD_JSON_BODY_H */
