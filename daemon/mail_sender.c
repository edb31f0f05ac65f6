/* SPDX-License-Identifier: ISC */
/*
 * This file contains the e-mail sender thread (mail_sender.h): the loop
 * over due messages, quiet hours, libcurl's SMTP, backoff; and the mail
 * lines of /metrics.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "auth.h"
#include "civil.h"
#include "html.h"
#include "log.h"
#include "mail_mime.h"
#include "mail_sender.h"
#include "notify.h"
#include "rotad.h"
#include "sbuf.h"
#include "store.h"
#include "store_consent.h"
#include "store_outbox.h"
#include "tzmap.h"
#include "xmalloc.h"

struct mail_sender {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool kicked; /* under mu: look again before sleeping */
	atomic_bool stop;
	struct store *st; /* the thread's own connection */
	char *url, *from, *username, *password;
	bool starttls;
	char *clock_file; /* [mail] test_clock_file, or NULL */
};

/*
 * The sender's "now": the system clock, or for a test the Unix time in
 * [mail] test_clock_file (read at every look; a missing or unreadable
 * file means the system clock).  With the file, the sender does not wait
 * for a time either: a commit or SIGHUP wakes it (mail_sender_wake()).
 */
static int64_t
sender_now(const struct mail_sender *ms, bool *fake)
{
	long long t;
	FILE *f;
	int n;

	*fake = false;
	if (ms->clock_file == NULL || (f = fopen(ms->clock_file, "r")) == NULL)
		return (int64_t)time(NULL);
	n = fscanf(f, "%lld", &t);
	fclose(f);
	if (n != 1 || t <= 0)
		return (int64_t)time(NULL);
	*fake = true;
	return (int64_t)t;
}

static char *
read_password(const char *path, struct rotad_error *err)
{
	char buf[1024];
	FILE *f = fopen(path, "r");
	size_t n;

	if (f == NULL) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, "password_file",
		    "cannot open the mail password file '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	if (n == 0) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, "password_file",
		    "the mail password file '%s' is empty", path);
		return NULL;
	}
	return xstrdup(buf);
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t
read_cb(char *buf, size_t size, size_t nitems, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nitems;

	if (n > u->len - u->pos)
		n = u->len - u->pos;
	memcpy(buf, u->data + u->pos, n);
	u->pos += n;
	return n;
}

static int
progress_cb(
    void *arg, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
	struct mail_sender *ms = arg;

	(void)dt;
	(void)dn;
	(void)ut;
	(void)un;
	return atomic_load(&ms->stop) ? 1 : 0;
}

/* One message through SMTP: 0, or -1 with the reason in why. */
static int
smtp_send(struct mail_sender *ms, const struct outbox_msg *m, const char *data,
    char *why, size_t len)
{
	char errbuf[CURL_ERROR_SIZE] = "", from[MAIL_ADDR_MAX + 3];
	struct upload u = {data, strlen(data), 0};
	struct curl_slist *rcpt = NULL;
	CURL *c = curl_easy_init();
	CURLcode rc;

	if (c == NULL) {
		snprintf(why, len, "cannot start libcurl");
		return -1;
	}
	snprintf(from, sizeof(from), "<%s>", ms->from);
	rcpt = curl_slist_append(NULL, m->recipient);
	curl_easy_setopt(c, CURLOPT_URL, ms->url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (ms->starttls)
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (ms->username != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, ms->username);
		curl_easy_setopt(c, CURLOPT_PASSWORD, ms->password);
	}
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 300L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, ms);
	rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (rc == CURLE_OK)
		return 0;
	snprintf(why, len, "%s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
	return -1;
}

/* s with every OUTBOX_CONSENT_TOKEN replaced by token (HTML-escaped). */
static char *
with_token(const char *s, const char *token, bool html)
{
	struct sbuf b = {0};
	const char *p;

	while ((p = strstr(s, OUTBOX_CONSENT_TOKEN)) != NULL) {
		sbuf_add(&b, s, (size_t)(p - s));
		if (html)
			html_attr(&b, token);
		else
			sbuf_adds(&b, token);
		s = p + sizeof(OUTBOX_CONSENT_TOKEN) - 1;
	}
	sbuf_adds(&b, s);
	return sbuf_take(&b);
}

/* Wipes and frees a string that may hold a secret. */
static void
free_secret(char *s)
{
	if (s != NULL) {
		sodium_memzero(s, strlen(s));
		free(s);
	}
}

/*
 * A "consent" message (notify_consent_link()): a new token for its link,
 * its hash stored on the link (one committed statement, before SMTP, like
 * the 'sending' mark) and the token put in m's bodies.  A message sent
 * again (a crash after the mark) gets a new token: the earlier mail's
 * link stops working, the new one works.  1 ready, 0 dropped (the link
 * was revoked, replaced or has expired: nothing to send), -1 to try
 * again later.
 */
static int
consent_token(struct mail_sender *ms, struct outbox_msg *m, int64_t now,
    struct rotad_error *err)
{
	char token[AUTH_TOKEN_MAXLEN], *end;
	unsigned char hash[AUTH_HASH_LEN];
	const char *p;
	char *text, *html;
	long long id;
	int changed;

	if (m->ref == NULL ||
	    strncmp(m->ref, OUTBOX_CONSENT_REF, strlen(OUTBOX_CONSENT_REF)) !=
	        0)
		return 0;
	p = m->ref + strlen(OUTBOX_CONSENT_REF);
	id = strtoll(p, &end, 10);
	if (end == p || *end != '\0')
		return 0;
	auth_token_new("", token, sizeof(token));
	auth_token_hash(token, hash);
	if (store_consent_rekey(ms->st, (int64_t)id, m->recipient_id, m->ref_at,
	        hash, now, &changed, err) == -1) {
		sodium_memzero(token, sizeof(token));
		return -1;
	}
	if (!changed) {
		sodium_memzero(token, sizeof(token));
		return 0;
	}
	text = with_token(m->text, token, false);
	html = with_token(m->html, token, true);
	sodium_memzero(token, sizeof(token));
	free(m->text);
	free(m->html);
	m->text = text;
	m->html = html;
	return 1;
}

/* One due message: deferred, dropped, sent or to be tried again. */
static void
handle(struct mail_sender *ms, struct outbox_msg *m)
{
	struct mail_message mm;
	struct rotad_error err;
	bool fake;
	int64_t now = sender_now(ms, &fake), until;
	char why[CURL_ERROR_SIZE + 64];
	char *data;

	rotad_error_clear(&err);
	until = mail_quiet_next(tzmap_get(m->zone), now, m->adult_from);
	/* Unless urgent (mail_mime.h): a digest about a visit that starts
	 * before the quiet window's end plus two hours goes now. */
	if (until > now && !mail_quiet_urgent(until, m->urgent_visit_at)) {
		(void)outbox_defer(ms->st, m->id, until, &err);
		return;
	}
	if (outbox_opted_out(
	        ms->st, m->recipient_kind, m->recipient_id, m->kind) == 1) {
		(void)outbox_drop(ms->st, m->id, &err);
		return;
	}
	if (strcmp(m->kind, OUTBOX_KIND_CONSENT) == 0) {
		int rc = consent_token(ms, m, now, &err);
		if (rc == 0) {
			log_info("mail: %s dropped: its consent link no longer "
			         "works",
			    m->message_id);
			(void)outbox_drop(ms->st, m->id, &err);
			return;
		}
		if (rc == -1) {
			(void)outbox_mark_retry(ms->st, m->id, m->attempts,
			    now + mail_backoff(m->attempts + 1),
			    "cannot store the consent link", &err);
			return;
		}
	}
	memset(&mm, 0, sizeof(mm));
	mm.from = ms->from;
	mm.to = m->recipient;
	mm.subject = m->subject;
	mm.message_id = m->message_id;
	mm.date = now;
	mm.text = m->text;
	mm.html = m->html;
	mm.unsubscribe_url = m->unsub_url;
	if ((data = mail_build(&mm)) == NULL) {
		(void)outbox_mark_retry(ms->st, m->id, MAIL_MAX_ATTEMPTS, now,
		    "cannot build the message", &err);
		return;
	}
	/* Committed before SMTP starts: a crash from here re-sends. */
	if (outbox_mark_sending(ms->st, m->id, &err) == -1) {
		free_secret(data);
		return;
	}
	if (smtp_send(ms, m, data, why, sizeof(why)) == 0) {
		(void)outbox_mark_sent(
		    ms->st, m->id, fake ? now : (int64_t)time(NULL), &err);
		log_info("mail: sent %s (%s)", m->message_id, m->kind);
	} else if (!atomic_load(&ms->stop)) {
		int64_t next = now + mail_backoff(m->attempts + 1);
		log_warnx("mail: %s not sent (attempt %d): %s", m->message_id,
		    m->attempts + 1, why);
		(void)outbox_mark_retry(
		    ms->st, m->id, m->attempts + 1, next, why, &err);
	}
	free_secret(data);
}

static void *
run(void *arg)
{
	struct mail_sender *ms = arg;

	while (!atomic_load(&ms->stop)) {
		struct outbox_msg m;
		bool fake;
		int64_t next = 0, now = sender_now(ms, &fake);
		int rc = outbox_next_due(ms->st, now, &m, &next);

		if (rc == 1) {
			handle(ms, &m);
			/* A consent message's bodies hold its link's token
			 * (consent_token()): wiped, never kept. */
			free_secret(m.text);
			free_secret(m.html);
			m.text = m.html = NULL;
			outbox_msg_clear(&m);
			continue;
		}
		pthread_mutex_lock(&ms->mu);
		if (!ms->kicked && !atomic_load(&ms->stop)) {
			if (!fake && (next > 0 || rc == -1)) {
				/* Until the next is due (a store error: in a
				 * minute). */
				struct timespec ts = {
				    (time_t)(rc == -1 ? now + 60 : next), 0};
				pthread_cond_timedwait(&ms->cv, &ms->mu, &ts);
			} else {
				pthread_cond_wait(&ms->cv, &ms->mu);
			}
		}
		ms->kicked = false;
		pthread_mutex_unlock(&ms->mu);
	}
	return NULL;
}

struct mail_sender *
mail_sender_start(struct rotad *rd, struct rotad_error *err)
{
	const struct rotad_conf *conf = &rd->conf;
	struct mail_sender *ms;

	rotad_error_clear(err);
	if (conf->mail_url == NULL && conf->mail_from == NULL)
		return NULL;
	if (conf->mail_url == NULL || conf->mail_from == NULL) {
		rotad_error_set(err, ROTAD_ERR_INVALID_FIELD, "mail",
		    "[mail] needs both url and from");
		return NULL;
	}
	ms = xcalloc(1, sizeof(*ms));
	if (conf->mail_password_file != NULL &&
	    (ms->password = read_password(conf->mail_password_file, err)) ==
	        NULL) {
		free(ms);
		return NULL;
	}
	if ((ms->st = store_open_worker(rd->store, err)) == NULL) {
		free(ms->password);
		free(ms);
		return NULL;
	}
	store_set_wait(ms->st, true);
	ms->url = xstrdup(conf->mail_url);
	ms->from = xstrdup(conf->mail_from);
	ms->username =
	    conf->mail_username ? xstrdup(conf->mail_username) : NULL;
	ms->starttls = conf->mail_starttls != 0;
	ms->clock_file = conf->mail_test_clock_file
	    ? xstrdup(conf->mail_test_clock_file)
	    : NULL;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	pthread_mutex_init(&ms->mu, NULL);
	pthread_cond_init(&ms->cv, NULL);
	atomic_init(&ms->stop, false);
	if (pthread_create(&ms->thread, NULL, run, ms) != 0) {
		rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
		    "cannot start the mail sender");
		store_close(ms->st);
		free(ms->url);
		free(ms->from);
		free(ms->username);
		free(ms->password);
		free(ms->clock_file);
		free(ms);
		return NULL;
	}
	notify_configure(conf->uid_domain, conf->public_url);
	log_info("mail: sending through %s as %s", ms->url, ms->from);
	return ms;
}

void
mail_sender_wake(struct mail_sender *ms)
{
	if (ms == NULL)
		return;
	pthread_mutex_lock(&ms->mu);
	ms->kicked = true;
	pthread_cond_signal(&ms->cv);
	pthread_mutex_unlock(&ms->mu);
}

void
mail_sender_stop(struct mail_sender *ms)
{
	if (ms == NULL)
		return;
	atomic_store(&ms->stop, true);
	mail_sender_wake(ms);
	pthread_join(ms->thread, NULL);
	notify_configure(NULL, NULL);
	pthread_cond_destroy(&ms->cv);
	pthread_mutex_destroy(&ms->mu);
	store_close(ms->st);
	if (ms->password != NULL)
		memset(ms->password, 0, strlen(ms->password));
	free(ms->url);
	free(ms->from);
	free(ms->username);
	free(ms->password);
	free(ms->clock_file);
	free(ms);
	curl_global_cleanup();
}

void
mail_sender_metrics(FILE *out, struct rotad *rd)
{
	struct outbox_counts c;

	memset(&c, 0, sizeof(c));
	(void)outbox_counts(rd->store, &c);
	fprintf(out,
	    "# HELP rotad_mail_configured Whether [mail] is set up (1) or "
	    "not (0).\n"
	    "# TYPE rotad_mail_configured gauge\n"
	    "rotad_mail_configured %d\n"
	    "# HELP rotad_outbox_queued Messages waiting to be sent.\n"
	    "# TYPE rotad_outbox_queued gauge\n"
	    "rotad_outbox_queued %lld\n"
	    "# HELP rotad_outbox_sent_total Messages sent (as kept in the "
	    "outbox).\n"
	    "# TYPE rotad_outbox_sent_total counter\n"
	    "rotad_outbox_sent_total %lld\n"
	    "# HELP rotad_outbox_failed Messages given up after every "
	    "attempt.\n"
	    "# TYPE rotad_outbox_failed gauge\n"
	    "rotad_outbox_failed %lld\n"
	    "# HELP rotad_outbox_failed_attempts_total Attempts that did not "
	    "end in a sent message.\n"
	    "# TYPE rotad_outbox_failed_attempts_total counter\n"
	    "rotad_outbox_failed_attempts_total %lld\n",
	    rd->mail != NULL ? 1 : 0, (long long)c.queued, (long long)c.sent,
	    (long long)c.failed, (long long)c.failed_attempts);
}
