/* SPDX-License-Identifier: ISC */
/* The login page without JavaScript (web_login.c). */
#ifndef ROTAD_WEB_LOGIN_H
#define ROTAD_WEB_LOGIN_H

struct api_ctx;

/*
 * Answers with the login page: `login` kept in its field (never the
 * password), `message` (or NULL) next to the field it is about
 * (field_name "login" or "password"), else under the form.  Status 200
 * is the plain page, the same for everybody (with an ETag).
 */
void web_login_page(struct api_ctx *ctx, int status, const char *login,
    const char *field_name, const char *message);

#endif /* ROTAD_WEB_LOGIN_H */
