/* SPDX-License-Identifier: ISC */
/*
 * This file contains the client's HTTP layer: one libcurl easy handle per
 * request, with TLS, redirects (for feeds), gzip, conditional requests
 * (If-None-Match), a size cap on answers, timeouts, and a progress line on
 * stderr for long operations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>

#include "rota.h"

#define NET_MAX_BODY        (64u * 1024 * 1024)
#define NET_CONNECT_TIMEOUT 10L
#define NET_TIMEOUT         300L

struct net_state {
	struct net_response *rs;
	struct sbuf body;
	bool too_big;
};

void
net_init(void)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		rota_fatalx("%s", _("cannot initialise libcurl"));
}

void
net_cleanup(void)
{
	curl_global_cleanup();
}

static size_t
write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct net_state *st = arg;
	size_t n = size * nmemb;

	if (st->body.len + n > NET_MAX_BODY) {
		st->too_big = true;
		return 0;
	}
	sbuf_add(&st->body, data, n);
	return n;
}

/* The value of header `name` in a raw header line, trimmed; or NULL. */
static char *
header_value_dup(const char *line, size_t len, const char *name)
{
	size_t nl = strlen(name);
	const char *v, *end = line + len;

	if (len <= nl || strncasecmp(line, name, nl) != 0 || line[nl] != ':')
		return NULL;
	v = line + nl + 1;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v &&
	    (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' ||
	        end[-1] == '\t'))
		end--;
	return xasprintf("%.*s", (int)(end - v), v);
}

static size_t
header_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct net_state *st = arg;
	size_t n = size * nmemb;
	char *v;

	/* A new response (after a redirect) starts with its status line. */
	if (n > 5 && strncmp(data, "HTTP/", 5) == 0) {
		free(st->rs->etag);
		st->rs->etag = NULL;
	}
	if ((v = header_value_dup(data, n, "ETag")) != NULL) {
		free(st->rs->etag);
		st->rs->etag = v;
	}
	return n;
}

static int
progress_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
    curl_off_t ulnow)
{
	(void)arg;
	fputc('\r', stderr);
	if (ultotal > 0 && ulnow < ultotal)
		fprintf(stderr, _("rota: sending %lld of %lld kB "),
		    (long long)(ulnow / 1024), (long long)(ultotal / 1024));
	else if (dlnow > 0)
		fprintf(stderr, _("rota: receiving %lld of %lld kB "),
		    (long long)(dlnow / 1024), (long long)(dltotal / 1024));
	else if (ultotal > 0)
		fprintf(stderr, "%s", _("rota: waiting for the server...    "));
	return 0;
}

/* The server's messages in the client's language (lang.c). */
static const char *
accept_language(void)
{
	return lang_current() == LANG_NB ? "Accept-Language: nb, en;q=0.5"
	                                 : "Accept-Language: en";
}

int
net_perform(const struct net_request *rq, struct net_response *rs)
{
	struct net_state st = {rs, {0}, false};
	struct curl_slist *hdrs = NULL;
	char errbuf[CURL_ERROR_SIZE] = "", *h;
	CURLcode rc;
	CURL *c;
	int ret = 0;

	memset(rs, 0, sizeof(*rs));
	if ((c = curl_easy_init()) == NULL)
		rota_fatalx("%s", _("cannot initialise libcurl"));
	curl_easy_setopt(c, CURLOPT_URL, rq->url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(
	    c, CURLOPT_FOLLOWLOCATION, rq->token == NULL ? 1L : 0L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "rota/" ROTA_VERSION);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, NET_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, NET_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &st);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_cb);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &st);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq->method);
	if (strcmp(rq->method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (rq->token != NULL) {
		h = xasprintf("Authorization: Bearer %s", rq->token);
		hdrs = curl_slist_append(hdrs, h);
		free(h);
	}
	if (rq->if_match != NULL) {
		h = xasprintf("If-Match: %s", rq->if_match);
		hdrs = curl_slist_append(hdrs, h);
		free(h);
	}
	if (rq->if_none_match != NULL) {
		h = xasprintf("If-None-Match: %s", rq->if_none_match);
		hdrs = curl_slist_append(hdrs, h);
		free(h);
	}
	hdrs = curl_slist_append(hdrs,
	    "Accept: application/json, "
	    "text/calendar;q=0.9, */*;q=0.1");
	hdrs = curl_slist_append(hdrs, accept_language());
	if (rq->body != NULL) {
		hdrs =
		    curl_slist_append(hdrs, "Content-Type: application/json");
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body);
		curl_easy_setopt(
		    c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)rq->body_len);
	} else if (strcmp(rq->method, "POST") == 0) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)0);
	}
	/* No "Expect: 100-continue" round trip for large bodies. */
	hdrs = curl_slist_append(hdrs, "Expect:");
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	if (rq->progress) {
		curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
		curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
	}
	rc = curl_easy_perform(c);
	if (rq->progress)
		fputs("\r\033[K", stderr);
	if (rc != CURLE_OK) {
		if (st.too_big)
			snprintf(rs->error, sizeof(rs->error),
			    _("the answer is larger than %u MiB"),
			    NET_MAX_BODY / (1024 * 1024));
		else
			snprintf(rs->error, sizeof(rs->error), "%s",
			    errbuf[0] ? errbuf : curl_easy_strerror(rc));
		ret = -1;
	} else {
		char *ct = NULL;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &rs->status);
		curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
		if (ct != NULL)
			rs->content_type = xstrdup(ct);
	}
	rs->len = st.body.len;
	rs->body = sbuf_take(&st.body);
	curl_slist_free_all(hdrs);
	curl_easy_cleanup(c);
	return ret;
}

void
net_response_release(struct net_response *rs)
{
	free(rs->body);
	free(rs->etag);
	free(rs->content_type);
	rs->body = rs->etag = rs->content_type = NULL;
}

char *
net_escape_dup(const char *s)
{
	char *e = curl_easy_escape(NULL, s, 0), *r;

	if (e == NULL)
		rota_fatalx("%s", _("out of memory"));
	r = xstrdup(e);
	curl_free(e);
	return r;
}
