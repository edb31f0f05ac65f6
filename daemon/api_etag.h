/* SPDX-License-Identifier: ISC */
/*
 * Entity versions for the API (RFC 9110 §8.8.3, §13.1.1): every answer
 * that carries one home, youth, slot or assignment has a strong ETag made
 * from its representation, and a PATCH, DELETE or cancel with If-Match
 * that no longer matches is refused with 412 and the current version, so
 * two coordinators never silently overwrite each other.
 */
#ifndef ROTAD_API_ETAG_H
#define ROTAD_API_ETAG_H

#include <jansson.h>

#include "api.h"

/* A quoted strong entity tag ("\"...\"", 34 bytes with the NUL). */
#define API_ETAG_LEN 35

/* The entity tag of a representation (the JSON as GET answers it). */
void api_etag_of(const json_t *repr, char tag[API_ETAG_LEN]);

/* Adds the ETag header for `repr` to the answer. */
void api_set_etag(struct api_ctx *ctx, const json_t *repr);

/*
 * Evaluates If-Match against the current representation `current`: 0 when
 * the header is absent, "*" or lists the current tag (strong comparison:
 * a weak tag never matches); otherwise replies 412 precondition_failed
 * with the current representation and its ETag, and returns -1.
 */
int api_if_match(struct api_ctx *ctx, const json_t *current);

#endif /* ROTAD_API_ETAG_H */
