/* SPDX-License-Identifier: ISC */
/*
 * The coordinator's web app (issue 19): the files of web/, compiled into
 * rotad at build time by cmake/embed_web.cmake, and the msgids of the
 * app's texts, which api_web.c translates for the browser.
 */
#ifndef ROTAD_WEB_H
#define ROTAD_WEB_H

#include <stddef.h>

struct web_asset {
	const char *name;         /* "app.js": the file name in web/ */
	const char *content_type; /* from the file's extension */
	const char *etag;         /* quoted strong tag of the bytes */
	const unsigned char *data;
	size_t len;
};

extern const struct web_asset web_assets[];
extern const size_t web_nassets;

/* The t("...") texts of the app's scripts, in xgettext order; NULL-ended. */
extern const char *const web_msgids[];
extern const size_t web_nmsgids;

/* The asset named `name`, or NULL. */
const struct web_asset *web_asset_find(const char *name);

#endif /* ROTAD_WEB_H */
