/* SPDX-License-Identifier: ISC */
/*
 * This file contains the strict JSON reader (json_body.h): the depth and
 * size caps checked on the raw text before jansson reads it, duplicate
 * keys refused.
 */
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "json_body.h"

json_t *
json_body_parse(const char *buf, size_t len, struct rotad_error *err)
{
	json_error_t jerr;
	json_t *root;
	int depth = 0, line = 1, col = 0;
	bool in_str = false, esc = false;

	if (len > JSON_BODY_MAX_BYTES) {
		rotad_error_set(err, ROTAD_ERR_PAYLOAD_TOO_LARGE, NULL,
		    "the document has %zu bytes; at most %u are accepted", len,
		    JSON_BODY_MAX_BYTES);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		col++;
		if (c == '\n') {
			line++;
			col = 0;
		}
		if (in_str) {
			if (esc)
				esc = false;
			else if (c == '\\')
				esc = true;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == '[' || c == '{') {
			if (++depth > JSON_BODY_MAX_DEPTH) {
				rotad_error_set(err, ROTAD_ERR_INVALID_JSON,
				    NULL,
				    "line %d column %d: nesting deeper than "
				    "%d levels",
				    line, col, JSON_BODY_MAX_DEPTH);
				return NULL;
			}
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		rotad_error_set(err, ROTAD_ERR_INVALID_JSON, NULL,
		    "line %d column %d: %s", jerr.line, jerr.column, jerr.text);
	return root;
}
