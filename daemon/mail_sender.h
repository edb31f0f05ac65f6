/* SPDX-License-Identifier: ISC */
/*
 * The e-mail sender (issue 16): one worker thread with a database
 * connection of its own (store_open_worker(), like an import) that takes
 * the due messages of the outbox one at a time and sends them through
 * libcurl's SMTP (STARTTLS and authentication from [mail]), off the event
 * loop.  Before talking to the server it marks the message 'sending'
 * (committed); after the server took it, 'sent'; a failure waits
 * mail_backoff() and tries again.  Quiet hours move a message to 07:00.
 *
 * The thread sleeps on a condition variable until the next message is
 * due or mail_sender_wake() says a transaction may have added one.
 */
#ifndef ROTAD_MAIL_SENDER_H
#define ROTAD_MAIL_SENDER_H

#include <stdio.h>

#include "error.h"

struct rotad;
struct mail_sender;

/*
 * Starts the sender when [mail] has a url and a from address (NULL and
 * err clear when it has not: mail is off); NULL with err set on a bad
 * set-up (no password in the password file, no worker connection).
 */
struct mail_sender *mail_sender_start(
    struct rotad *rd, struct rotad_error *err);
/* After a commit: there may be a message due now.  NULL: nothing. */
void mail_sender_wake(struct mail_sender *ms);
/* Stops the thread (a send in progress is cut short) and frees ms. */
void mail_sender_stop(struct mail_sender *ms);

/* The mail lines of /metrics. */
void mail_sender_metrics(FILE *out, struct rotad *rd);

#endif /* ROTAD_MAIL_SENDER_H */
