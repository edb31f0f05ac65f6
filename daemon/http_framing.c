/* SPDX-License-Identifier: ISC */
/*
 * This file contains the framing check of daemon/http.c, apart so that
 * the fuzz targets can reach it: evhttp's header parser is lenient where
 * RFC 9112 wants a 400 (issue 18.10).
 */
#include <sys/queue.h>

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include <event2/keyvalq_struct.h>

#include "http_framing.h"

/* A tchar of RFC 9110 5.6.2, the characters of a header field name. */
static bool
tchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c));
}

/*
 * What is wrong with the request's framing, or NULL (RFC 9112 6.3, 5.1).
 * evhttp splits a header line at its first colon and keeps any blank
 * before it in the name, so "Content-Length : 5" is another header to
 * evhttp but may be the length to a proxy in front; it also reads a
 * length with strtoll, which takes "+18".  Each of these lets the two
 * disagree on where a request ends, so each is refused.
 */
const char *
http_framing_error(const struct evkeyvalq *h)
{
	const struct evkeyval *kv;
	const char *first = NULL, *te = NULL;

	TAILQ_FOREACH(kv, h, next) {
		const unsigned char *k = (const unsigned char *)kv->key;

		if (*k == '\0')
			return "a header field has an empty name";
		for (; *k != '\0'; k++)
			if (!tchar(*k))
				return "a header field name holds a character "
				       "that is not allowed (RFC 9110 5.1)";
		if (strcasecmp(kv->key, "Transfer-Encoding") == 0) {
			if (te != NULL || strcasecmp(kv->value, "chunked") != 0)
				return "only 'Transfer-Encoding: chunked' is "
				       "understood";
			te = kv->value;
		}
		if (strcasecmp(kv->key, "Content-Length") != 0)
			continue;
		if (kv->value[0] == '\0' ||
		    strspn(kv->value, "0123456789") != strlen(kv->value))
			return "Content-Length must be decimal digits";
		if (first == NULL)
			first = kv->value;
		else if (strcmp(first, kv->value) != 0)
			return "the request has more than one Content-Length";
	}
	if (te != NULL && first != NULL)
		return "the request has both Transfer-Encoding and "
		       "Content-Length";
	return NULL;
}
