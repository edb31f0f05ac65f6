/* SPDX-License-Identifier: ISC */
/*
 * This file contains the error value helpers and the status/code tables
 * generated from the ROTAD_ERRORS list.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"

static const int err_status[] = {
#define ROTAD_ERR_STATUS(name, status, code) status,
    ROTAD_ERRORS(ROTAD_ERR_STATUS)
#undef ROTAD_ERR_STATUS
};

static const char *const err_code[] = {
#define ROTAD_ERR_CODE(name, status, code) code,
    ROTAD_ERRORS(ROTAD_ERR_CODE)
#undef ROTAD_ERR_CODE
};

void
rotad_error_set(struct rotad_error *err, enum rotad_err code, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	/* In the language of whoever reads it (the thread's, i18n.h). */
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), _(fmt), ap);
	va_end(ap);
}

void
rotad_error_clear(struct rotad_error *err)
{
	err->code = ROTAD_ERR_OK;
	err->field[0] = '\0';
	err->message[0] = '\0';
}

int
rotad_err_status(enum rotad_err code)
{
	if ((unsigned)code >= ROTAD_ERR__COUNT)
		return 500;
	return err_status[code];
}

const char *
rotad_err_code(enum rotad_err code)
{
	if ((unsigned)code >= ROTAD_ERR__COUNT)
		return "internal";
	return err_code[code];
}
