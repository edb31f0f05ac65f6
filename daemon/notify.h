/* SPDX-License-Identifier: ISC */
/*
 * E-mail notifications (issue 16): what a committed change tells whom,
 * written into the outbox (store_outbox.h) inside the change's own
 * transaction, in the reader's language (the youth's, else the
 * organisation's), text and HTML.  One digest per youth per change or
 * per batch (a schedule apply): never one mail per assignment.
 *
 * Without [mail] configured (notify_configure() not called with a
 * domain) nothing is enqueued: there is no sender and no From address,
 * and a queue that nobody sends would only keep personal data.
 */
#ifndef ROTAD_NOTIFY_H
#define ROTAD_NOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct store;
struct change;
struct model_instance;
struct model_assignment;
struct model_slot;

/*
 * Mail on: Message-IDs end in @domain, unsubscribe links start with
 * public_url (NULL: none).  domain NULL switches notifications off.
 * Copies both.
 */
void notify_configure(const char *domain, const char *public_url);
bool notify_enabled(void);

/* Only visits starting within this many days are told about. */
#define NOTIFY_DAYS 14

enum notify_what { NOTIFY_NEW, NOTIFY_MOVED, NOTIFY_CANCELLED };

/* One visit in a youth's digest. */
struct notify_visit {
	enum notify_what what;
	const struct model_slot *slot; /* as it is now (cancelled: as it was) */
	int64_t old_start, old_end;    /* NOTIFY_MOVED: the wall times before */
};

/*
 * One message to youth `youth_id` (of inst) about these visits (those in
 * the next NOTIFY_DAYS days; none there: no message), on st's open
 * transaction.  For a committed change, a schedule apply, or (later) a
 * publish.  0, or -1 with err.
 */
int notify_youth_digest(struct store *st, const struct model_instance *inst,
    const char *youth_id, const struct notify_visit *v, size_t n, int64_t now,
    struct rotad_error *err);

/*
 * The youths a change (change.c, inside its transaction, inst after it)
 * tells: the assignment before it (an update, delete or cancel of one;
 * else NULL) and the slot before it (a slot's update; else NULL).  A
 * sick call that leaves a free place also offers it, as notify_offer()
 * offers a visit given away, as an open position.
 */
int notify_change(struct store *st, const struct model_instance *inst,
    const struct change *c, const struct model_assignment *old_assignment,
    const struct model_slot *old_slot, struct rotad_error *err);

/*
 * A batch changed in place (change_apply_batch(), inside its
 * transaction; inst is after it): the assignments it added and cancelled
 * by id, and the slots whose times it moved with their times before.
 * One digest per youth, reminders put, taken back or moved.  Nothing in
 * manual publishing (drafts tell nobody; notify_publish() does).
 */
struct notify_moved {
	const char *slot;
	int64_t old_start, old_end; /* wall times */
};
struct notify_batch_of {
	const char *const *added;
	size_t nadded;
	const char *const *cancelled;
	size_t ncancelled;
	const struct notify_moved *moved;
	size_t nmoved;
};
int notify_batch_in_place(struct store *st, const struct model_instance *inst,
    const struct notify_batch_of *b, int64_t now, struct rotad_error *err);

/*
 * A publish (publish_state.c, inside its transaction; live is the state
 * it copies): per youth of d one digest of the visits added, moved and
 * cancelled for them, and their reminders put or taken back.
 */
struct publish_diff;
int notify_publish(struct store *st, const struct model_instance *live,
    const struct publish_diff *d, int64_t now, struct rotad_error *err);

/*
 * The reminder the day before a visit (issue 16): written into the
 * outbox when a youth gets the visit (notify_change(),
 * notify_batch_in_place(), notify_publish() for each assignment it
 * publishes), due at
 * NOTIFY_REMINDER_HOUR:00 local time on the day before (the sender's
 * not-before time; quiet hours still apply).  None when that time has
 * passed already, for a youth without an address, or when one for this
 * assignment and this start exists (sent or not: never two).  A visit
 * cancelled, deleted or moved takes it back in the same transaction
 * (notify_reminder_drop(); a move then puts a new one); an edit of the
 * youth writes their queued ones again (a removed address: none).
 *
 * Why in the outbox and not a daily timer: the reminder is written in
 * the transaction that makes the assignment and taken back in the one
 * that cancels it, so a cancelled visit can never be reminded and a
 * crash can neither lose nor double one; the sender already waits for
 * not-before times, and a test drives it with [mail] test_clock_file
 * instead of waiting for the day.
 */
#define NOTIFY_REMINDER_HOUR 18
int64_t notify_reminder_time(
    const struct model_instance *inst, const struct model_slot *sl);
int notify_reminder_put(struct store *st, const struct model_instance *inst,
    const struct model_assignment *a, int64_t now, struct rotad_error *err);
int notify_reminder_drop(
    struct store *st, const char *assignment_id, struct rotad_error *err);

/*
 * A request written (requests.c, inside its transaction; old: the row
 * before, NULL for a new one): a new one (or a colleague's ask to take a
 * visit given away) goes to the coordinators of its visit's home, a
 * coordinator's answer (approved, declined) to the youth who asked.
 * `actor` (who did it) gets no mail of their own doing.
 */
struct request;
int notify_request(struct store *st, const struct model_instance *inst,
    const struct request *r, const struct request *old, const char *actor,
    int64_t now, struct rotad_error *err);

/*
 * A visit given away (requests.c: a new give_away request, inside its
 * transaction): one message, kind OUTBOX_KIND_OFFER, to each colleague
 * who may legally take it at this moment, as their youth page would list
 * it for them (youthpage_takers(): youthpage_may_take() of each, with
 * the giver when the visit is full, on an open position when it is not,
 * and only at homes they may work at; a colleague who has asked for the
 * visit already is left out, as the page leaves it out).  inst is the
 * state the youth pages show (publish_view_get(): in manual publishing
 * the published one, so a visit the giver is not on there tells nobody).
 * Only a visit that has not started and starts within NOTIFY_DAYS days,
 * only youths with an address who have not opted out of offers, and at
 * most NOTIFY_OFFER_MAX of them, the first in the rank order of the
 * coordinators' "who can take it" list (candidates.h).  The message
 * names the giver by first name only and says how to take it (on the
 * reader's own youth page; no link, since the page's secret is stored
 * hashed only and the outbox never holds a secret).  0, or -1 with err.
 */
#define NOTIFY_OFFER_MAX 20
int notify_offer(struct store *st, const struct model_instance *inst,
    const struct request *r, int64_t now, struct rotad_error *err);

/*
 * The guardian's consent link (api_consent.c, inside the link's
 * transaction): one message to youth `youth_id`'s guardian_email in the
 * youth's language, recipient_kind "youth" with the youth's id (a purge
 * takes it), never held by quiet hours (an adult reads it), no
 * unsubscribe link (one message a coordinator asked for, not a
 * subscription).  Its bodies hold base_url + "/consent/" and the
 * placeholder OUTBOX_CONSENT_TOKEN, never a token: the sender makes the
 * token of link `link_id` (made at link_created_at) when it sends.  The
 * youth's first name, what the link is for and until when it works
 * (expires_at, Unix seconds; shown as the day before in the
 * organisation's zone): no other personal data.  1 written, 0 not (mail
 * off, no guardian_email), -1 with err.
 */
int notify_consent_link(struct store *st, const struct model_instance *inst,
    const char *youth_id, const char *base_url, int64_t link_id,
    int64_t link_created_at, int64_t expires_at, int64_t now,
    struct rotad_error *err);

#endif /* ROTAD_NOTIFY_H */
