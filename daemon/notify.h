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
 * else NULL) and the slot before it (a slot's update; else NULL).
 */
int notify_change(struct store *st, const struct model_instance *inst,
    const struct change *c, const struct model_assignment *old_assignment,
    const struct model_slot *old_slot, struct rotad_error *err);

/*
 * A batch: every assignment of `after` that is new (index at or past
 * before's count) or active in `before` and cancelled in `after` (same
 * index), one digest per youth.
 */
int notify_batch(struct store *st, const struct model_instance *before,
    const struct model_instance *after, int64_t now, struct rotad_error *err);

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

#endif /* ROTAD_NOTIFY_H */
