/* SPDX-License-Identifier: ISC */
/*
 * The durable outbox of e-mail (issue 16, sql/0011_outbox.sql): messages
 * written by outbox_enqueue() inside the transaction of the change that
 * causes them, read and marked by the sender (mail_sender.c) on a
 * connection of its own; the one-click unsubscribe links and opt-outs.
 *
 * Exactly once by Message-ID, as far as SMTP allows: the sender marks a
 * message 'sending' (one committed statement) before it talks to the
 * server and 'sent' after the server took it.  A message still 'sending'
 * when rotad starts again (a crash between the two) is sent again with
 * the same Message-ID: at least once, never lost; a receiver may drop
 * the repeat by its Message-ID.
 */
#ifndef ROTAD_STORE_OUTBOX_H
#define ROTAD_STORE_OUTBOX_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"

struct store;

/* What a message is about; the unsubscribe is per kind. */
#define OUTBOX_KIND_VISITS    "visits"    /* a youth's new/moved/cancelled */
#define OUTBOX_KIND_ANSWER    "answer"    /* the answer to a request */
#define OUTBOX_KIND_REMINDER  "reminder"  /* the day before a visit */
#define OUTBOX_KIND_REQUEST   "request"   /* to coordinators: a new one */
#define OUTBOX_KIND_SICK_CALL "sick_call" /* to coordinators: a cancel */
#define OUTBOX_KIND_CONSENT   "consent"   /* to a guardian: the link */
#define OUTBOX_KIND_OFFER     "offer"     /* a visit given away to take */

/*
 * A "consent" message's bodies hold this where the consent link's token
 * goes; its ref is OUTBOX_CONSENT_REF and the link's id, its ref_at the
 * link's created_at.  The sender
 * makes the token when it sends (mail_sender.c), stores its hash on the
 * link and puts it in: the outbox never holds the secret.
 */
#define OUTBOX_CONSENT_TOKEN "{CONSENT_TOKEN}"
#define OUTBOX_CONSENT_REF   "consent-link:"

struct outbox_new {
	const char *recipient;      /* the address */
	const char *recipient_kind; /* "youth" or "user" */
	const char *recipient_id;   /* youth id or login */
	const char *kind;           /* OUTBOX_KIND_* */
	const char *language;       /* "nb", "en" */
	const char *subject, *text, *html;
	/* The day the recipient turns 18 when quiet hours apply, else
	 * CIVIL_NO_DATE. */
	int32_t adult_from;
	const char *zone; /* the organisation's IANA zone */
	int64_t now;      /* Unix seconds */
	/* The right-hand side of the Message-ID (the feeds' uid_domain). */
	const char *domain;
	/* The base of the unsubscribe link (public_url), or NULL. */
	const char *public_url;
	/* Not sent before this (Unix seconds; 0: now). */
	int64_t not_before;
	/* A reminder's assignment id and its visit's start (wall minutes):
	 * at most one message per pair is ever written; else NULL. */
	const char *ref;
	int64_t ref_at;
	/* A visits digest: the start of the earliest visit it tells about
	 * (Unix seconds) when the setting mail_urgent_in_quiet_hours is on,
	 * for the quiet hours' exception (mail_quiet_urgent()); 0: never
	 * urgent. */
	int64_t urgent_visit_at;
	/* The youth the message names when it is not to them (a request or
	 * sick call to coordinators, an offer's giver): deleted with that
	 * youth's purge (outbox_forget_youth()).  NULL: nobody. */
	const char *about_youth;
};

/*
 * Writes one message on st's open transaction: a new random Message-ID
 * and unsubscribe link (its hash stored per recipient and kind), due at
 * not_before (0: now).  The placeholder "{UNSUBSCRIBE}" in text and html
 * becomes the link when the sender reads it (outbox_next_due()): the
 * stored bodies never hold the secret.  Returns 1 when written, 0 when
 * the recipient opted out of this kind or a message with the same ref
 * and ref_at exists (nothing written), -1 with err.
 */
int outbox_enqueue(
    struct store *st, const struct outbox_new *m, struct rotad_error *err);

/*
 * Takes back the reminder of assignment `ref` not yet sent (queued), in
 * st's open transaction: the visit is cancelled, deleted or moved.
 */
int outbox_drop_ref(struct store *st, const char *ref, struct rotad_error *err);

/*
 * Removes every message with ref `ref`, sent or not (st's open
 * transaction): a consent link's id is given again after its row went
 * (a purge, an import), and a message of the link that went must not
 * stop the new link's.
 */
int outbox_forget_ref(
    struct store *st, const char *ref, struct rotad_error *err);

/* One message as the sender reads it (strings owned; outbox_msg_clear). */
struct outbox_msg {
	int64_t id;
	char *message_id, *recipient, *recipient_kind, *recipient_id, *kind;
	char *subject, *text, *html, *zone, *unsub_url;
	char *ref;               /* NULL when none */
	int64_t ref_at;          /* with ref */
	int32_t adult_from;      /* CIVIL_NO_DATE when none */
	int64_t urgent_visit_at; /* 0: never urgent */
	int attempts;
};
void outbox_msg_clear(struct outbox_msg *m);

/*
 * The message due first ('queued' or left 'sending' by a crash, next
 * attempt at or before now): 1 and *out; 0 when none is due, with
 * *next_due the earliest next attempt of a waiting message (0 when none);
 * -1 on a store error.
 */
int outbox_next_due(
    struct store *st, int64_t now, struct outbox_msg *out, int64_t *next_due);

/* 'sending' with one more attempt (committed before SMTP starts). */
int outbox_mark_sending(struct store *st, int64_t id, struct rotad_error *err);
/* 'sent' at now; the link's secret is forgotten. */
int outbox_mark_sent(
    struct store *st, int64_t id, int64_t now, struct rotad_error *err);
/* Back to 'queued' for `next`, or 'failed' when attempts are used up. */
int outbox_mark_retry(struct store *st, int64_t id, int attempts, int64_t next,
    const char *why, struct rotad_error *err);
/* Waits (quiet hours) until `until`, no attempt counted. */
int outbox_defer(
    struct store *st, int64_t id, int64_t until, struct rotad_error *err);
/* Dropped: the recipient opted out after it was queued. */
int outbox_drop(struct store *st, int64_t id, struct rotad_error *err);

/* The gauges of /metrics. */
struct outbox_counts {
	int64_t queued;          /* waiting or sending */
	int64_t sent;            /* sent, all time (as kept) */
	int64_t failed;          /* given up */
	int64_t failed_attempts; /* attempts that did not end in 'sent' */
};
int outbox_counts(struct store *st, struct outbox_counts *c);

/*
 * Whether recipient (kind, id) opted out of `kind`: 1, 0, or -1.
 */
int outbox_opted_out(struct store *st, const char *recipient_kind,
    const char *recipient_id, const char *kind);

/*
 * The unsubscribe link `token`: 1 and the kind (into kind, len bytes)
 * when it is one, else 0.  outbox_unsubscribe() records the opt-out (its
 * own transaction; repeating it is harmless): 1 done, 0 unknown link, -1.
 */
int outbox_unsubscribe_find(
    struct store *st, const char *token, char *kind, size_t len);
int outbox_unsubscribe(
    struct store *st, const char *token, int64_t now, struct rotad_error *err);

/*
 * Removes every trace of youth `id` from the outbox, links and opt-outs
 * (in the caller's transaction: the purge).
 */
int outbox_forget_youth(
    struct store *st, const char *youth_id, struct rotad_error *err);

/*
 * What the outbox holds about youth `youth_id`, for their access export
 * (api_privacy.c): {"messages": [...], "opt_outs": [...]}.  Each message
 * to the youth's address or to their guardian's (recipient_kind "youth",
 * the rows a purge takes), oldest first: {id, kind, to ("youth" or
 * "guardian": a consent mail), recipient (the address in full: the
 * export is for the person it is about), subject, state, attempts,
 * created_at, not_before, sent_at} (Unix seconds; sent_at null until
 * sent).  Never the bodies: they are the visits, requests and links the
 * export holds already, with the placeholders of the secrets put in at
 * send time ({UNSUBSCRIBE}, OUTBOX_CONSENT_TOKEN); nor an SMTP server's
 * error text.  Each opt-out: {kind, at}.  NULL on a store error.
 */
json_t *outbox_youth_json(struct store *st, const char *youth_id);

/*
 * The last `limit` messages, newest first, without bodies or addresses:
 * {id, kind, recipient (masked: "i***@example.org"), state, attempts,
 * created_at, not_before, sent_at}.
 */
json_t *outbox_recent_json(struct store *st, int limit);

/* "i***@example.org" of "ida@example.org" into buf. */
void outbox_mask_address(const char *addr, char *buf, size_t len);

#endif /* ROTAD_STORE_OUTBOX_H */
