/* SPDX-License-Identifier: ISC */
/*
 * This file contains the rights of the people whose data rota holds, most
 * of them minors: GET /api/v1/youths/{id}/export returns everything stored
 * about one youth (right of access), and DELETE /api/v1/youths/{id}
 * ?purge=true erases the person while keeping their hours as anonymous
 * totals per month and home for the accounts (api_youth_purge, called
 * from the youth DELETE handler).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "api.h"
#include "api_privacy.h"
#include "api_util.h"
#include "change.h"
#include "civil.h"
#include "instance_json.h"
#include "log.h"
#include "model.h"
#include "rotad.h"
#include "store.h"
#include "store_outbox.h"
#include "store_requests.h"
#include "tzmap.h"
#include "xmalloc.h"

/* Real minutes of a slot (DST-aware). */
static int64_t
slot_minutes(const struct model_instance *inst, const struct model_slot *s)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	int64_t a = s->start, b = s->end;

	if (tz != NULL) {
		(void)tzmap_to_utc(tz, s->start, &a);
		(void)tzmap_to_utc(tz, s->end, &b);
	}
	return b - a;
}

static json_t *
parse_or_empty(char *text)
{
	json_t *j = json_loads(text, 0, NULL);

	free(text);
	return j ? j : json_array();
}

static void
youth_export(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct rotad_error err;
	struct request *rv = NULL;
	json_t *shifts, *out, *reqs, *mail;
	char *feeds = NULL;
	size_t nr = 0;
	long y;

	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		return;
	}
	if ((y = model_find_youth(inst, ctx->params[0])) < 0) {
		api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
		    "no youth has id '%s'", ctx->params[0]);
		return;
	}
	shifts = json_array();
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *s = &inst->slots[a->slot_idx];
		const struct model_home *h = &inst->homes[s->home_idx];
		json_t *j;
		if (a->youth_idx != (size_t)y)
			continue;
		j = instance_assignment_to_json(a, true);
		json_object_set_new(j, "slot_detail", instance_slot_to_json(s));
		json_object_set_new(j, "home_name", json_string(h->name));
		json_object_set_new(
		    j, "minutes", json_integer(slot_minutes(inst, s)));
		json_array_append_new(shifts, j);
	}
	store_youth_feed_tokens_json(ctx->rd->store, ctx->params[0], &feeds);
	/* The youth's requests from the youth page (issue 16), as asker or
	 * taker. */
	reqs = json_array();
	if (store_requests_list(ctx->rd->store, NULL, NULL, ctx->params[0], &rv,
	        &nr, &err) == 0) {
		for (size_t i = 0; i < nr; i++)
			json_array_append_new(reqs, request_to_json(&rv[i]));
		free(rv);
	}
	/* The e-mail to the youth and to their guardian (issue 16), with
	 * the addresses in full and without the bodies (store_outbox.h). */
	if ((mail = outbox_youth_json(ctx->rd->store, ctx->params[0])) ==
	    NULL) {
		json_decref(shifts);
		json_decref(reqs);
		free(feeds);
		api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
		    "the database failed to read the outbox");
		return;
	}
	out = json_pack("{s:s, s:I, s:o, s:o, s:o, s:o}", "exported_by",
	    "rotad", "exported_at", (json_int_t)api_now(), "youth",
	    instance_youth_to_json(&inst->youths[y]), "assignments", shifts,
	    "feed_links", parse_or_empty(feeds), "audit_log",
	    parse_or_empty(
	        store_youth_audit_json(ctx->rd->store, ctx->params[0])));
	json_object_set_new(out, "requests", reqs);
	json_object_set_new(out, "mail", mail);
	api_add_header(ctx, "Content-Disposition",
	    "attachment; filename=\"youth-export.json\"");
	api_reply_json(ctx, 200, out);
}

/* The worked hours of one visit, kept as an anonymous total. */
struct purge_hours {
	char month[CIVIL_DATE_LEN]; /* YYYY-MM */
	const char *home;
	int64_t minutes;
};

struct purge {
	const char *youth;
	struct purge_hours *hours;
	size_t nhours;
	int64_t now;
};

/*
 * Worked hours per (month, home), kept before the person goes: only visits
 * that have ended, since her planned ones will now never be worked.
 */
static void
purge_hours(const struct model_instance *inst, size_t youth, int64_t now,
    struct purge *p)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	p->hours = xcalloc(inst->nassignments + 1, sizeof(*p->hours));
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		const struct model_slot *s = &inst->slots[a->slot_idx];
		struct purge_hours *h = &p->hours[p->nhours];
		int64_t end = s->end;
		if (a->youth_idx != youth ||
		    a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		if (tz != NULL)
			(void)tzmap_to_utc(tz, s->end, &end);
		if (end > now / 60)
			continue; /* not worked (yet) */
		civil_format_date(civil_wall_date(s->start), h->month);
		h->month[7] = '\0';
		h->home = s->home;
		h->minutes = slot_minutes(inst, s);
		p->nhours++;
	}
}

/* The purge's own rows, in the batch that takes her out of the model. */
static int
purge_write(struct store *st, void *arg, enum change_phase phase,
    struct rotad_error *err)
{
	struct purge *p = arg;

	if (phase != CHANGE_PHASE_FIRST)
		return 0;
	for (size_t i = 0; i < p->nhours; i++)
		if (store_anonymous_hours_add(st, p->hours[i].month,
		        p->hours[i].home, p->hours[i].minutes, 1, p->now,
		        err) == -1)
			return -1;
	return store_youth_purge(st, p->youth, p->now, err);
}

/*
 * After a purge the WAL must be checkpointed and truncated.  A reader of
 * another connection (a backup, an operator's sqlite3 shell) can hold a
 * snapshot that needs the WAL for as long as it likes, so the checkpoint
 * never waits: it is tried at once and, while it cannot finish, again on
 * a timer (50 ms, doubling to 5 s), logged when it is put off and when it
 * is done.  One chain of retries serves every purge.
 */
#define CHECKPOINT_RETRY_MIN_MS 50
#define CHECKPOINT_RETRY_MAX_MS 5000

static struct {
	bool pending; /* a retry is scheduled */
	long delay_ms;
	unsigned tries;
} checkpoint;

static void checkpoint_retry(evutil_socket_t fd, short what, void *arg);

static void
checkpoint_schedule(struct rotad *rd)
{
	struct timeval tv = {checkpoint.delay_ms / 1000,
	    (suseconds_t)(checkpoint.delay_ms % 1000) * 1000};

	if (event_base_once(
	        rd->base, -1, EV_TIMEOUT, checkpoint_retry, rd, &tv) == -1) {
		log_warnx("purge: cannot schedule the WAL checkpoint; it "
		          "runs at the next purge or when rotad stops");
		checkpoint.pending = false;
		return;
	}
	checkpoint.pending = true;
	if (checkpoint.delay_ms < CHECKPOINT_RETRY_MAX_MS)
		checkpoint.delay_ms =
		    checkpoint.delay_ms * 2 > CHECKPOINT_RETRY_MAX_MS
		    ? CHECKPOINT_RETRY_MAX_MS
		    : checkpoint.delay_ms * 2;
}

static void
checkpoint_retry(evutil_socket_t fd, short what, void *arg)
{
	struct rotad *rd = arg;
	int rc;

	(void)fd;
	(void)what;
	checkpoint.pending = false;
	if (rd->stopping)
		return;
	checkpoint.tries++;
	rc = store_checkpoint_try(rd->store);
	if (rc == 1) {
		log_info("purge: WAL checkpoint done after %u retries; no "
		         "copy of the erased data is left in the WAL",
		    checkpoint.tries);
		return;
	}
	if (checkpoint.tries % 10 == 0)
		log_warnx("purge: WAL checkpoint still put off after %u "
		          "retries: another connection holds a snapshot",
		    checkpoint.tries);
	checkpoint_schedule(rd);
}

static void
checkpoint_after_purge(struct rotad *rd)
{
	if (checkpoint.pending)
		return; /* the scheduled retry covers this purge too */
	if (store_checkpoint_try(rd->store) == 1)
		return;
	log_warnx("purge: WAL checkpoint put off: another connection holds "
	          "a snapshot; erased data stays in the WAL until it ends "
	          "(retrying)");
	checkpoint.tries = 0;
	checkpoint.delay_ms = CHECKPOINT_RETRY_MIN_MS;
	checkpoint_schedule(rd);
}

void
api_youth_purge(
    struct api_ctx *ctx, const struct model_instance *inst, size_t youth)
{
	char *id = xstrdup(inst->youths[youth].id);
	struct purge p = {id, NULL, 0, api_now()};
	json_t *note = json_pack("{s:s}", "purged", "youth");
	struct change_batch b;
	struct change_result res;
	struct rotad_error err;

	/*
	 * Her rows and her anonymous hours in one transaction, and her and
	 * her assignments taken out of the loaded state in place.  The audit
	 * row names no one: the id may itself be a name.
	 */
	purge_hours(inst, youth, p.now, &p);
	memset(&b, 0, sizeof(b));
	b.purge_youth = id;
	b.gate = CHANGE_GATE_NONE;
	b.action = "purge";
	b.entity = "youth";
	b.audit_id = "(purged)";
	b.audit_after = note;
	b.also = purge_write;
	b.also_arg = &p;
	if (api_batch_try(ctx, &b, &res, &err) == 0) {
		/* No copy of the erased rows may stay in the WAL file. */
		checkpoint_after_purge(ctx->rd);
		api_reply_empty(ctx);
	} else {
		api_reply_error(ctx, &err);
	}
	change_result_clear(&res);
	json_decref(note);
	free(p.hours);
	free(id);
}

const struct api_route api_privacy_routes[] = {
    {API_GET | API_HEAD, "/api/v1/youths/:id/export", youth_export, API_AUTH},
    {0, NULL, NULL, 0},
};
