/* SPDX-License-Identifier: ISC */
/*
 * A form body (application/x-www-form-urlencoded, as a browser posts
 * an HTML form): name=value pairs split at '&', each decoded ('+' is a
 * space, %XX a byte).  Strict: a bad %-escape, a NUL byte or text that is
 * not UTF-8 refuses the whole body, so a handler never sees half a field.
 */
#ifndef ROTAD_FORM_H
#define ROTAD_FORM_H

#include <stddef.h>

#define FORM_MAX_FIELDS 128 /* a home checkbox each (web_users.c) */

struct form_field {
	char *name, *value;
};

struct form {
	struct form_field f[FORM_MAX_FIELDS];
	size_t n;
};

/*
 * Parses len bytes of body into f (its fields are new strings).  Returns
 * 0, or -1 (f empty) on a malformed body or more than FORM_MAX_FIELDS
 * fields.  An empty body is an empty form.
 */
int form_parse(const char *body, size_t len, struct form *f);
/* The value of the first field named `name`, or NULL. */
const char *form_get(const struct form *f, const char *name);
void form_release(struct form *f);

#endif /* ROTAD_FORM_H */
