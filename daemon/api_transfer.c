/* SPDX-License-Identifier: ISC */
/*
 * This file contains import and export of whole instances: POST
 * /api/v1/import replaces the stored schedule with a validated instance in
 * one transaction (all or nothing), on a worker thread so that the loop
 * keeps answering meanwhile; GET /api/v1/export returns the stored state
 * as an instance that imports back to the same state, its visit series
 * included (format version 2).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <event2/event.h>

#include "api.h"
#include "api_transfer.h"
#include "api_util.h"
#include "i18n.h"
#include "import_run.h"
#include "instance_json.h"
#include "log.h"
#include "model.h"
#include "rotad.h"
#include "state.h"
#include "store.h"
#include "store_series.h"
#include "xmalloc.h"

/*
 * The stored visit series (issue 15) with their deleted dates and the
 * links of their slots: 0, or -1 with err (set left empty).  A series of
 * a home that is gone (it generates nothing) is left out: the document
 * must import back.
 */
static int
stored_series(struct store *st, const struct model_instance *inst,
    struct instance_series_set *set, struct rotad_error *err)
{
	struct series *all = NULL;
	size_t n = 0;

	memset(set, 0, sizeof(*set));
	if (store_series_all(st, &all, &n, err) == -1)
		return -1;
	set->series = xcalloc(n + 1, sizeof(*set->series));
	for (size_t i = 0; i < n; i++) {
		struct instance_series *is;
		struct store_series_slot *slots = NULL;
		size_t nslots = 0;
		if (model_find_home(inst, all[i].home) < 0) {
			series_clear(&all[i]);
			continue;
		}
		is = &set->series[set->nseries++];
		is->s = all[i];
		memset(&all[i], 0, sizeof(all[i]));
		if (store_series_exceptions(st, is->s.id, &is->exceptions,
		        &is->nexceptions, err) == -1 ||
		    store_series_slots(st, is->s.id, &slots, &nslots, err) ==
		        -1)
			goto bad;
		set->links = xreallocarray(
		    set->links, set->nlinks + nslots + 1, sizeof(*set->links));
		for (size_t k = 0; k < nslots; k++)
			set->links[set->nlinks++] =
			    (struct instance_series_link){xstrdup(slots[k].id),
			        xstrdup(is->s.id), slots[k].edited,
			        slots[k].cancelled};
		free(slots);
	}
	free(all);
	return 0;
bad:
	for (size_t i = 0; i < n; i++)
		series_clear(&all[i]);
	free(all);
	instance_series_set_clear(set);
	return -1;
}

static void
export_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct instance_series_set set;
	struct rotad_error err;
	json_t *doc;

	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL ||
	    stored_series(ctx->rd->store, inst, &set, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	/* Format version 2: the instance, its series, the slots' links. */
	doc = instance_to_json(inst);
	instance_series_set_to_json(doc, &set);
	instance_series_set_clear(&set);
	api_reply_json(ctx, 200, doc);
}

/*
 * An import runs on a worker thread with a connection of its own
 * (import_run.h); one at a time.  Loop thread only.
 */
struct import_job {
	struct rotad *rd;
	struct evhttp_request *req;
	char actor[80];
	int lang;
	char *body, *reason;
	int efd;
	struct event *done_ev;
	pthread_t thread;
	struct import_run run;
};

static struct import_job *running_import;

static void
job_free(struct import_job *job)
{
	if (job == NULL)
		return;
	import_run_clear(&job->run);
	store_close(job->run.store);
	free(job->body);
	free(job->reason);
	free(job);
}

/* The loop's side once the work is done or refused: answer. */
static void
import_reply(struct api_ctx *ctx, struct import_run *r)
{
	switch (r->outcome) {
	case IMPORT_DONE:
		state_replace(ctx->rd, r->loaded);
		r->loaded = NULL;
		api_reply_json(
		    ctx, 200, json_pack("{s:O}", "imported", r->summary));
		return;
	case IMPORT_REFUSED:
		api_reply_rule_refusal(ctx, r->fresh, r->nfresh);
		return;
	case IMPORT_FAILED:
		/* Written but not read back: read it on next use. */
		if (r->written)
			state_drop(ctx->rd);
		api_reply_error(ctx, &r->err);
		return;
	}
}

static void *
import_worker(void *arg)
{
	struct import_job *job = arg;
	uint64_t one = 1;

	i18n_use((enum i18n_lang)job->lang);
	import_run(&job->run);
	while (write(job->efd, &one, sizeof(one)) == -1 && errno == EINTR)
		;
	return NULL;
}

static void
import_done(evutil_socket_t fd, short what, void *arg)
{
	struct import_job *job = arg;
	struct rotad *rd = job->rd;
	struct api_ctx ctx;
	uint64_t v;

	(void)what;
	while (read(fd, &v, sizeof(v)) == -1 && errno == EINTR)
		;
	pthread_join(job->thread, NULL);
	event_free(job->done_ev);
	close(job->efd);
	running_import = NULL;
	rd->importing = false;
	store_set_wait(rd->store, true);

	memset(&ctx, 0, sizeof(ctx));
	ctx.rd = rd;
	ctx.req = job->req;
	ctx.method = API_POST;
	ctx.lang = job->lang;
	snprintf(ctx.actor, sizeof(ctx.actor), "%s", job->actor);
	i18n_use((enum i18n_lang)job->lang);
	import_reply(&ctx, &job->run);
	i18n_use(I18N_EN);
	job_free(job);
}

static void
import_post(struct api_ctx *ctx)
{
	struct import_job *job;
	struct rotad_error err;
	const char *reason;
	bool force;

	if (api_bool_param(ctx, "force", &force) == -1 ||
	    api_force_reason(ctx, &reason) == -1)
		return;
	if (ctx->rd->importing) {
		api_add_header(ctx, "Retry-After", "5");
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
		    "another import is in progress; try again when it is done");
		return;
	}
	job = xcalloc(1, sizeof(*job));
	job->rd = ctx->rd;
	job->req = ctx->req;
	job->lang = ctx->lang;
	job->efd = -1;
	snprintf(job->actor, sizeof(job->actor), "%s", ctx->actor);
	job->body = xmalloc(ctx->rawlen + 1);
	memcpy(job->body, ctx->raw, ctx->rawlen);
	job->body[ctx->rawlen] = '\0';
	job->reason = reason ? xstrdup(reason) : NULL;
	job->run.body = job->body;
	job->run.len = ctx->rawlen;
	job->run.force = force;
	job->run.force_reason = job->reason;
	job->run.actor = job->actor;
	job->run.now = api_now();

	rotad_error_clear(&err);
	if ((job->run.store = store_open_worker(ctx->rd->store, &err)) ==
	    NULL) {
		/* No second connection (an in-memory database): here. */
		job->run.store = ctx->rd->store;
		import_run(&job->run);
		job->run.store = NULL;
		import_reply(ctx, &job->run);
		job_free(job);
		return;
	}
	if ((job->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1 ||
	    (job->done_ev = event_new(
	         ctx->rd->base, job->efd, EV_READ, import_done, job)) == NULL ||
	    event_add(job->done_ev, NULL) == -1 ||
	    pthread_create(&job->thread, NULL, import_worker, job) != 0) {
		log_warnx("%s: cannot start the import's worker", __func__);
		if (job->done_ev != NULL)
			event_free(job->done_ev);
		if (job->efd != -1)
			close(job->efd);
		job_free(job);
		api_reply_errorf(ctx, ROTAD_ERR_UNAVAILABLE, NULL,
		    "the import cannot start now; try again");
		return;
	}
	/* Until it lands the loop writes nothing and waits for nothing. */
	ctx->rd->importing = true;
	store_set_wait(ctx->rd->store, false);
	running_import = job;
	api_defer(ctx);
}

void
api_transfer_shutdown(void)
{
	struct import_job *job = running_import;

	/* Let the transaction finish (or not begin): SQLite keeps it whole. */
	if (job == NULL)
		return;
	pthread_join(job->thread, NULL);
	event_free(job->done_ev);
	close(job->efd);
	running_import = NULL;
	job_free(job);
}

const struct api_route api_transfer_routes[] = {
    {API_GET | API_HEAD, "/api/v1/export", export_get, API_AUTH},
    {API_POST, "/api/v1/import", import_post,
        API_AUTH | API_BODY | API_BODY_RAW},
    {0, NULL, NULL, 0},
};
