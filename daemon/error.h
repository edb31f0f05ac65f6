/* SPDX-License-Identifier: ISC */
/*
 * Errors as values.  One X-macro list gives every error its HTTP status
 * and machine code, so the enum, the status table and the strings never
 * drift apart.  Inner functions fill a struct rotad_error; http.c turns it
 * into {"error": {"status", "code", "field", "message"}} once.
 */
#ifndef ROTAD_ERROR_H
#define ROTAD_ERROR_H

#define ROTAD_ERRORS(X)                                                        \
	X(OK, 200, "ok")                                                       \
	X(INVALID_JSON, 400, "invalid_json")                                   \
	X(INVALID_FIELD, 400, "invalid_field")                                 \
	X(MISSING_FIELD, 400, "missing_field")                                 \
	X(UNKNOWN_FIELD, 400, "unknown_field")                                 \
	X(UNKNOWN_REFERENCE, 400, "unknown_reference")                         \
	X(BAD_REQUEST, 400, "bad_request")                                     \
	X(UNAUTHORIZED, 401, "unauthorized")                                   \
	X(FORBIDDEN, 403, "forbidden")                                         \
	X(NOT_FOUND, 404, "not_found")                                         \
	X(METHOD_NOT_ALLOWED, 405, "method_not_allowed")                       \
	X(CONFLICT, 409, "conflict")                                           \
	X(RULE_VIOLATION, 409, "rule_violation")                               \
	X(GONE, 410, "gone")                                                   \
	X(PRECONDITION_FAILED, 412, "precondition_failed")                     \
	X(PAYLOAD_TOO_LARGE, 413, "payload_too_large")                         \
	X(UNSUPPORTED_MEDIA_TYPE, 415, "unsupported_media_type")               \
	X(TOO_MANY_REQUESTS, 429, "too_many_requests")                         \
	X(INTERNAL, 500, "internal")                                           \
	X(UNAVAILABLE, 503, "unavailable")

enum rotad_err {
#define ROTAD_ERR_ENUM(name, status, code) ROTAD_ERR_##name,
	ROTAD_ERRORS(ROTAD_ERR_ENUM)
#undef ROTAD_ERR_ENUM
	    ROTAD_ERR__COUNT
};

#define ROTAD_ERROR_FIELD_MAX   160
#define ROTAD_ERROR_MESSAGE_MAX 600

struct rotad_error {
	enum rotad_err code;
	char field[ROTAD_ERROR_FIELD_MAX];     /* JSON path, "" when none */
	char message[ROTAD_ERROR_MESSAGE_MAX]; /* for people, never secrets */
};

/* Sets code, field (NULL for none) and a printf-style message. */
void rotad_error_set(struct rotad_error *err, enum rotad_err code,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Clears an error to ROTAD_ERR_OK. */
void rotad_error_clear(struct rotad_error *err);

/* HTTP status and machine code of an error code. */
int rotad_err_status(enum rotad_err code);
const char *rotad_err_code(enum rotad_err code);

#endif /* ROTAD_ERROR_H */
