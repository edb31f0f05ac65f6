/* SPDX-License-Identifier: ISC */
/*
 * This file contains POST /api/v1/schedule, automatic planning of the
 * open positions of the stored slots in a period, and the sick-call refill
 * (api_schedule_refill) that the cancel handler uses.
 *
 * A schedule request copies the stored state and hands it to one worker
 * thread, so the event loop keeps serving while the solver runs.  The
 * worker touches nothing but its own copy; it signals the loop through an
 * eventfd, and the result is written and the reply sent on the loop
 * thread.  No libevent object crosses threads.  Only one run at a time may
 * cover a given day: a second request for an overlapping period gets 409.
 * If the stored state changed while the solver ran, the new assignments
 * are checked again against it and refused (409) when they would now
 * break a rule.
 *
 * The reply is deferred (api_defer: status 202 in the access log) and the
 * real answer goes out later through a context of our own.  A client that left
 * in the meantime is harmless: libevent keeps an unfinished request alive after
 * its connection closed and frees it when we answer.
 *
 * A dry run is kept as a run (issue 19, "Plan a period"): its preview stays
 * in memory for RUN_KEEP_SECONDS, at most RUNS_KEPT of them (RUNS_PER_OWNER
 * per person), so that POST /api/v1/schedule/{run}/apply writes exactly the
 * previewed changes when the data version is still the one the preview was
 * made on.  With "wait": false the POST answers 202 at once and the run is
 * read with GET /api/v1/schedule/{run} (progress, then the preview).  Only
 * the person who started a run sees it.
 */
#include <sys/eventfd.h>
#include <sys/queue.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include <sodium.h>

#include "api.h"
#include "api_schedule.h"
#include "api_util.h"
#include "change.h"
#include "civil.h"
#include "i18n.h"
#include "instance_json.h"
#include "log.h"
#include "model.h"
#include "plan.h"
#include "rotad.h"
#include "rules.h"
#include "score.h"
#include "solver.h"
#include "stats.h"
#include "store.h"
#include "tzmap.h"
#include "users.h"
#include "xmalloc.h"

#define SCHEDULE_MAX_SECONDS 60 /* the reply must beat the HTTP timeout */
#define RUN_KEEP_SECONDS     (15 * 60) /* a preview's life */
#define RUNS_KEPT            16        /* finished runs kept, in all */
#define RUNS_PER_OWNER       4         /* ... and per person */

enum run_state { RUN_WAITING, RUN_RUNNING, RUN_DONE, RUN_FAILED };

static const char *const run_state_names[] = {
    "waiting", "running", "done", "failed"};

struct schedule_job {
	struct rotad *rd;
	struct evhttp_request *req;
	char actor[80];
	int efd;
	struct event *done_ev;
	pthread_t thread;
	int32_t from_day, to_day; /* inclusive */
	bool dry_run, replan;
	double seconds;
	uint64_t seed;
	uint64_t data_version;
	struct timespec t0;
	/* The worker's input and output. */
	struct model_instance *inst; /* snapshot (owned) */
	bool *in_scope;
	unsigned char *keep;
	struct solver_result res;
	int rc;
	char err[256];
	char **why; /* per slot: why positions stay open (in scope only) */
	int lang;   /* enum i18n_lang of the request: the reasons' language */
	volatile int cancel; /* set by the loop thread at shutdown */
	/* Who may see the run, and what it covers. */
	char run[32]; /* the run's id; "" for a run that is not kept */
	int64_t owner_uid;
	char **scope; /* the owner's homes (NULL-ended); NULL: every home */
	char *home;   /* the one home planned, or NULL */
	bool wait;    /* the request waits for the answer */
	bool discarded;
	enum run_state state;
	/* Progress, written by the worker (under mu). */
	pthread_mutex_t mu;
	long best_filled, best_positions;
	bool has_best;
	/* A finished run. */
	double elapsed;
	struct timespec done_at;
	uint64_t version;        /* the data version the preview is on */
	json_t *result;          /* the answer (done) */
	struct rotad_error fail; /* why it failed (failed) */
	LIST_ENTRY(schedule_job) entry;
	TAILQ_ENTRY(schedule_job) wait_entry;
};

/*
 * Runs in progress and runs waiting for a worker (loop thread only): at
 * most conf.schedule_max_runs of each; a request past both gets 503 with
 * Retry-After (issue 18.11).  A waiting run takes its snapshot when it
 * starts, so it plans on top of the runs before it.
 */
static LIST_HEAD(, schedule_job) running = LIST_HEAD_INITIALIZER(running);
static TAILQ_HEAD(, schedule_job) waiting = TAILQ_HEAD_INITIALIZER(waiting);
static size_t nrunning, nwaiting;
/* Finished runs kept for their owners, oldest first (loop thread only). */
TAILQ_HEAD(kept_head, schedule_job);
static struct kept_head runs_kept = TAILQ_HEAD_INITIALIZER(runs_kept);
static size_t nkept;

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/*
 * The instance with the solver's result in place of its active
 * assignments: kept ones as they were, dropped movable ones cancelled,
 * new ones appended (id NULL, made by the solver).  Linked.
 */
static struct model_instance *
apply_result(const struct model_instance *inst, const struct solver_result *r)
{
	struct model_instance *c = model_instance_copy(inst);
	bool *kept = xcalloc(inst->nassignments + 1, sizeof(*kept));
	char field[128], msg[256];

	for (size_t i = 0; i < r->n; i++)
		if (r->a[i].from >= 0)
			kept[r->a[i].from] = true;
	for (size_t i = 0; i < c->nassignments; i++)
		if (c->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE &&
		    !kept[i])
			c->assignments[i].status = MODEL_ASSIGNMENT_CANCELLED;
	for (size_t i = 0; i < r->n; i++) {
		struct model_assignment a = {0};
		if (r->a[i].from >= 0)
			continue;
		a.slot = inst->slots[r->a[i].slot_idx].id;
		a.youth = inst->youths[r->a[i].youth_idx].id;
		a.made_by = MODEL_MADE_BY_SOLVER;
		model_add_assignment(c, &a);
	}
	free(kept);
	if (model_instance_link(c, field, sizeof(field), msg, sizeof(msg)) ==
	    -1)
		fatalx("%s: %s", __func__, msg);
	return c;
}

/* The best plan so far, about four times a second (the worker's thread). */
static void
schedule_progress(const struct solver_progress *p, void *arg)
{
	struct schedule_job *job = arg;

	pthread_mutex_lock(&job->mu);
	job->best_filled = p->filled;
	job->best_positions = p->positions;
	job->has_best = true;
	pthread_mutex_unlock(&job->mu);
}

static void *
schedule_worker(void *arg)
{
	struct schedule_job *job = arg;
	const struct tzmap *tz = tzmap_get(job->inst->timezone);
	struct solver_options opt;
	uint64_t one = 1;

	/* The reasons are read by whoever asked, in their language. */
	i18n_use((enum i18n_lang)job->lang);
	memset(&opt, 0, sizeof(opt));
	opt.seed = job->seed;
	opt.seconds = job->seconds;
	opt.in_scope = job->in_scope;
	opt.keep = job->keep;
	opt.keep_first = true;
	opt.cancel = &job->cancel;
	opt.progress = schedule_progress;
	opt.progress_arg = job;
	if (tz == NULL) {
		job->rc = -1;
		snprintf(job->err, sizeof(job->err), "unknown time zone");
	} else {
		job->rc = solver_run(
		    job->inst, tz, &opt, &job->res, job->err, sizeof(job->err));
	}
	if (job->rc == 0) {
		/* Reasons for the open positions, against the result. */
		struct model_instance *after =
		    apply_result(job->inst, &job->res);
		int *open = plan_open_positions(after);
		char buf[600];
		job->why = xcalloc(after->nslots + 1, sizeof(*job->why));
		for (size_t s = 0; s < after->nslots; s++) {
			if (!job->in_scope[s] || open[s] == 0)
				continue;
			solver_explain_unfilled(after, tz, s, buf, sizeof(buf));
			job->why[s] = xstrdup(buf);
		}
		free(open);
		model_instance_free(after);
	}
	/* Wake the loop; it reads job only after this write. */
	while (write(job->efd, &one, sizeof(one)) == -1 && errno == EINTR)
		;
	return NULL;
}

static struct schedule_job *
job_new(void)
{
	struct schedule_job *job = xcalloc(1, sizeof(*job));

	job->efd = -1;
	job->state = RUN_WAITING;
	pthread_mutex_init(&job->mu, NULL);
	rotad_error_clear(&job->fail);
	return job;
}

/* Frees what only the worker and the reply need (a kept run lives on). */
static void
job_shrink(struct schedule_job *job)
{
	if (job->why != NULL && job->inst != NULL)
		for (size_t s = 0; s < job->inst->nslots; s++)
			free(job->why[s]);
	free(job->why);
	job->why = NULL;
	solver_result_release(&job->res);
	memset(&job->res, 0, sizeof(job->res));
	model_instance_free(job->inst);
	job->inst = NULL;
	free(job->in_scope);
	job->in_scope = NULL;
	free(job->keep);
	job->keep = NULL;
}

static void
job_free(struct schedule_job *job)
{
	if (job == NULL)
		return;
	job_shrink(job);
	if (job->scope != NULL)
		for (char **h = job->scope; *h != NULL; h++)
			free(*h);
	free(job->scope);
	free(job->home);
	json_decref(job->result);
	pthread_mutex_destroy(&job->mu);
	free(job);
}

/* Whether a run is this person's: the same user, or the same token. */
static bool
same_owner(const struct schedule_job *job, int64_t uid, const char *actor)
{
	return job->owner_uid == uid &&
	    (uid != 0 || strcmp(job->actor, actor) == 0);
}

/* Drops expired kept runs, and the oldest past the bounds. */
static void
runs_prune(void)
{
	struct schedule_job *job, *next;

	for (job = TAILQ_FIRST(&runs_kept); job != NULL; job = next) {
		next = TAILQ_NEXT(job, wait_entry);
		if (nkept > RUNS_KEPT ||
		    since(&job->done_at) > RUN_KEEP_SECONDS) {
			TAILQ_REMOVE(&runs_kept, job, wait_entry);
			nkept--;
			job_free(job);
		}
	}
}

/* Keeps a finished run for its owner (within the bounds). */
static void
run_keep(struct schedule_job *job)
{
	struct schedule_job *o, *next;
	size_t mine = 0;

	job_shrink(job);
	clock_gettime(CLOCK_MONOTONIC, &job->done_at);
	for (o = TAILQ_LAST(&runs_kept, kept_head); o != NULL; o = next) {
		next = TAILQ_PREV(o, kept_head, wait_entry);
		if (!same_owner(o, job->owner_uid, job->actor))
			continue;
		if (++mine >= RUNS_PER_OWNER) {
			TAILQ_REMOVE(&runs_kept, o, wait_entry);
			nkept--;
			job_free(o);
		}
	}
	TAILQ_INSERT_TAIL(&runs_kept, job, wait_entry);
	nkept++;
	runs_prune();
}

/* The error of a run: to the request that waits for it, or kept. */
static void
run_fail(struct api_ctx *ctx, struct schedule_job *job,
    const struct rotad_error *err)
{
	job->state = RUN_FAILED;
	job->fail = *err;
	if (job->req != NULL)
		api_reply_error(ctx, err);
}

/* The changes of one schedule run, as lists of ids. */
struct schedule_write {
	json_t *added, *removed; /* {id, slot, youth} each */
};

/*
 * Writes a run's changes as one batch (change.h): the new assignments
 * made by the solver and the cancelled ones, in the loaded state in place
 * and in the store, with the audit row `summary`.  0, or -1 with err.
 */
static int
schedule_store(struct api_ctx *ctx, const struct schedule_write *w,
    enum change_gate gate, const char *range, const json_t *summary,
    struct rotad_error *err)
{
	size_t nadd = json_array_size(w->added);
	size_t ncancel = json_array_size(w->removed);
	struct model_assignment *adds = xcalloc(nadd + 1, sizeof(*adds));
	const char **cancels = xcalloc(ncancel + 1, sizeof(*cancels));
	struct change_batch b;
	struct change_result res;
	json_t *it;
	size_t i;
	int rc;

	json_array_foreach(w->added, i, it)
	{
		struct model_assignment *a = &adds[i];
		a->id = (char *)json_string_value(json_object_get(it, "id"));
		a->slot =
		    (char *)json_string_value(json_object_get(it, "slot"));
		a->youth =
		    (char *)json_string_value(json_object_get(it, "youth"));
		a->made_by = MODEL_MADE_BY_SOLVER;
		a->status = MODEL_ASSIGNMENT_ACTIVE;
	}
	json_array_foreach(w->removed, i, it) cancels[i] =
	    json_string_value(json_object_get(it, "id"));
	for (i = 0; i < nadd; i++)
		if (adds[i].id == NULL || adds[i].slot == NULL ||
		    adds[i].youth == NULL)
			break;
	for (size_t k = 0; i == nadd && k < ncancel; k++)
		if (cancels[k] == NULL)
			i = SIZE_MAX;
	if (i != nadd) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, NULL,
		    "the run's changes name no assignment");
		rc = -1;
		goto done;
	}
	memset(&b, 0, sizeof(b));
	b.add = adds;
	b.nadd = nadd;
	b.cancel = cancels;
	b.ncancel = ncancel;
	b.gate = gate;
	b.action = "schedule";
	b.entity = "schedule";
	b.audit_id = range;
	b.audit_after = summary;
	rc = api_batch_try(ctx, &b, &res, err);
	change_result_clear(&res);
done:
	free(adds);
	free(cancels);
	return rc;
}

static bool
taken_assignment(const struct model_instance *inst, const char *id)
{
	return model_find_assignment(inst, id) >= 0;
}

/*
 * The result on top of `cur` (the stored state now): the solver's changes
 * replayed by ids.  NULL when they no longer fit (a slot, youth or
 * assignment is gone, or a kept movable one changed).
 */
static struct model_instance *
replay(const struct model_instance *cur, const struct model_instance *snap,
    const struct model_instance *after)
{
	struct model_instance *c = model_instance_copy(cur);
	char field[128], msg[256];

	for (size_t i = 0; i < after->nassignments; i++) {
		const struct model_assignment *a = &after->assignments[i];
		if (i < snap->nassignments) {
			long k;
			if (a->status == snap->assignments[i].status)
				continue;
			k = model_find_assignment(c, a->id);
			if (k < 0 ||
			    c->assignments[k].status != MODEL_ASSIGNMENT_ACTIVE)
				goto bad;
			c->assignments[k].status = MODEL_ASSIGNMENT_CANCELLED;
			continue;
		}
		if (model_find_slot(c, a->slot) < 0 ||
		    model_find_youth(c, a->youth) < 0)
			goto bad;
		model_add_assignment(c, a);
	}
	if (model_instance_link(c, field, sizeof(field), msg, sizeof(msg)) == 0)
		return c;
bad:
	model_instance_free(c);
	return NULL;
}

static size_t
violation_count(const struct model_instance *inst)
{
	struct rules_report rep = {0};
	size_t n;

	if (rules_check_instance(inst, tzmap_get(inst->timezone), &rep) == -1)
		return SIZE_MAX;
	n = rep.n;
	rules_report_free(&rep);
	return n;
}

static json_t *
score_json(const struct plan_score *s)
{
	return json_pack("{s:I, s:I, s:f, s:I}", "filled",
	    (json_int_t)s->filled, "positions", (json_int_t)s->positions,
	    "fairness", s->fairness, "pairs", (json_int_t)s->pairs);
}

static void start_waiting(struct rotad *rd);

/* The first name of a youth: the least a preview needs. */
static json_t *
first_name(const char *name)
{
	size_t n = strcspn(name, " ");

	return json_stringn(name, n);
}

/*
 * The changes or open positions of a run for people: each item with its
 * slot's home, start and end, and the youth's first name.
 */
static json_t *
described(const json_t *items, const struct model_instance *inst)
{
	json_t *out = json_array(), *it;
	size_t i;

	json_array_foreach(items, i, it)
	{
		json_t *o = json_deep_copy(it);
		const char *sid =
		    json_string_value(json_object_get(it, "slot"));
		const char *yid =
		    json_string_value(json_object_get(it, "youth"));
		long si = sid ? model_find_slot(inst, sid) : -1;
		long yi = yid ? model_find_youth(inst, yid) : -1;
		if (si >= 0) {
			const struct model_slot *sl = &inst->slots[si];
			char t0[CIVIL_DATETIME_LEN], t1[CIVIL_DATETIME_LEN];
			civil_format_datetime(sl->start, t0);
			civil_format_datetime(sl->end, t1);
			json_object_set_new(o, "home", json_string(sl->home));
			json_object_set_new(o, "start", json_string(t0));
			json_object_set_new(o, "end", json_string(t1));
		}
		if (yi >= 0)
			json_object_set_new(
			    o, "name", first_name(inst->youths[yi].name));
		json_array_append_new(out, o);
	}
	return out;
}

/* On the loop thread: write the result and answer (or keep it). */
static void
schedule_done(evutil_socket_t fd, short what, void *arg)
{
	struct schedule_job *job = arg;
	struct rotad *rd = job->rd;
	struct api_ctx ctx;
	struct rotad_error err;
	const struct model_instance *cur;
	struct model_instance *after = NULL, *stored = NULL, *now = NULL;
	const struct model_instance *before;
	struct schedule_write w = {0};
	struct plan_score score;
	json_t *body = NULL, *unfilled, *summary;
	uint64_t v;
	char range[64], d0[CIVIL_DATE_LEN], d1[CIVIL_DATE_LEN];
	long pfilled = 0, ppositions = 0;

	(void)what;
	while (read(fd, &v, sizeof(v)) == -1 && errno == EINTR)
		;
	pthread_join(job->thread, NULL);
	event_free(job->done_ev);
	close(job->efd);
	LIST_REMOVE(job, entry);
	nrunning--;

	/* The messages in the language of whoever asked. */
	i18n_use((enum i18n_lang)job->lang);
	memset(&ctx, 0, sizeof(ctx));
	ctx.rd = rd;
	ctx.req = job->req;
	ctx.method = API_POST;
	ctx.lang = job->lang;
	snprintf(ctx.actor, sizeof(ctx.actor), "%s", job->actor);
	rotad_error_clear(&err);

	/* On the loop thread, like every other metric. */
	job->elapsed = since(&job->t0);
	stats.solver_seconds += job->elapsed;
	if (job->discarded)
		goto done;
	if (job->rc == -1) {
		rotad_error_set(&err, ROTAD_ERR_BAD_REQUEST, NULL,
		    "the stored data cannot be planned: %s", job->err);
		run_fail(&ctx, job, &err);
		goto done;
	}
	if (job->res.plan_violations > 0) {
		/* Never happens (the solver repairs its own): never apply. */
		rotad_error_set(&err, ROTAD_ERR_INTERNAL, NULL,
		    "the plan breaks %ld rule(s) of its own making; "
		    "nothing was written",
		    job->res.plan_violations);
		run_fail(&ctx, job, &err);
		goto done;
	}
	after = apply_result(job->inst, &job->res);
	if (rd->stopping) {
		rotad_error_set(&err, ROTAD_ERR_UNAVAILABLE, NULL,
		    "rotad is shutting down");
		run_fail(&ctx, job, &err);
		goto done;
	}
	if ((cur = api_instance(&ctx, &err)) == NULL) {
		run_fail(&ctx, job, &err);
		goto done;
	}
	if (rd->data_version != job->data_version) {
		/* Someone wrote while we planned: replay and re-check. */
		stored = replay(cur, job->inst, after);
		if (stored == NULL ||
		    violation_count(stored) > violation_count(cur)) {
			rotad_error_set(&err, ROTAD_ERR_CONFLICT, NULL,
			    "the schedule changed while planning and the plan "
			    "no longer fits; run it again");
			run_fail(&ctx, job, &err);
			goto done;
		}
		model_instance_free(after);
		after = stored;
		stored = NULL;
		now = model_instance_copy(cur);
	}
	before = now != NULL ? now : job->inst;
	/* Ids for the new assignments. */
	for (int64_t i = (int64_t)before->nassignments,
	             n = store_assignment_id_floor(rd->store) + 1;
	     i < (int64_t)after->nassignments; i++) {
		char id[32];
		do
			snprintf(id, sizeof(id), "a%lld", (long long)n++);
		while (taken_assignment(after, id));
		free(after->assignments[i].id);
		after->assignments[i].id = xstrdup(id);
		after->assignments[i].pinned = false;
		after->assignments[i].made_by = MODEL_MADE_BY_SOLVER;
	}
	w.added = json_array();
	w.removed = json_array();
	for (size_t i = 0; i < after->nassignments; i++) {
		const struct model_assignment *a = &after->assignments[i];
		if (i >= before->nassignments)
			json_array_append_new(w.added,
			    json_pack("{s:s, s:s, s:s}", "id", a->id, "slot",
			        a->slot, "youth", a->youth));
		else if (a->status != before->assignments[i].status)
			json_array_append_new(w.removed,
			    json_pack("{s:s, s:s, s:s}", "id", a->id, "slot",
			        a->slot, "youth", a->youth));
	}
	score_compute(after, tzmap_get(after->timezone), &score);
	{
		int *open = plan_open_positions(after);
		unfilled = json_array();
		for (size_t s = 0; s < after->nslots; s++) {
			const struct model_slot *sl = &after->slots[s];
			int32_t day = civil_wall_date(sl->start);
			long sid;
			if (day < job->from_day || day > job->to_day)
				continue;
			sid = model_find_slot(job->inst, sl->id);
			/* Only the slots this run planned (its scope). */
			if (sid >= 0 && !job->in_scope[sid])
				continue;
			ppositions += plan_positions_of(sl);
			pfilled += plan_positions_of(sl) - open[s];
			if (open[s] == 0)
				continue;
			json_array_append_new(unfilled,
			    json_pack("{s:s, s:I, s:s}", "slot", sl->id,
			        "missing", (json_int_t)open[s], "reason",
			        sid >= 0 && job->why && job->why[sid]
			            ? job->why[sid]
			            : "the slot was added while planning; "
			              "run it again"));
		}
		free(open);
	}
	civil_format_date(job->from_day, d0);
	civil_format_date(job->to_day, d1);
	snprintf(range, sizeof(range), "%s..%s", d0, d1);
	summary = json_pack("{s:s, s:s, s:b, s:O, s:O, s:o}", "from", d0, "to",
	    d1, "replan", job->replan, "added", w.added, "removed", w.removed,
	    "score", score_json(&score));
	if (job->home != NULL)
		json_object_set_new(summary, "home", json_string(job->home));
	if (!job->dry_run &&
	    (json_array_size(w.added) > 0 || json_array_size(w.removed) > 0)) {
		/* Only a waiting request writes (a run without one is dry). */
		if (schedule_store(&ctx, &w, CHANGE_GATE_NONE, range, summary,
		        &err) == -1) {
			api_reply_error(&ctx, &err);
			json_decref(summary);
			json_decref(unfilled);
			job->state = RUN_FAILED;
			goto done;
		}
	}
	json_decref(summary);
	body = json_pack("{s:s, s:s, s:b, s:b, s:o, s:{s:I, s:I}, s:o, s:o, "
	                 "s:o, s:{s:I, s:I}, s:s, s:f}",
	    "from", d0, "to", d1, "dry_run", job->dry_run, "replan",
	    job->replan, "score", score_json(&score), "period", "filled",
	    (json_int_t)pfilled, "positions", (json_int_t)ppositions,
	    "assigned", described(w.added, after), "removed",
	    described(w.removed, after), "unfilled", described(unfilled, after),
	    "violations", "input", (json_int_t)job->res.input_violations,
	    "plan", (json_int_t)job->res.plan_violations, "stop",
	    solver_stop_name(job->res.stop), "seconds", job->res.seconds);
	json_decref(unfilled);
	if (job->home != NULL)
		json_object_set_new(body, "home", json_string(job->home));
	log_info("schedule %s: %ld/%ld positions in the period, %zu added, "
	         "%zu removed%s, %.2fs",
	    range, pfilled, ppositions, json_array_size(w.added),
	    json_array_size(w.removed), job->dry_run ? " (dry run)" : "",
	    job->elapsed);
	job->state = RUN_DONE;
	if (job->dry_run) {
		/* Kept for apply: on the data as it is now. */
		job->version = rd->data_version;
		json_object_set_new(body, "run", json_string(job->run));
		job->result = json_incref(body);
	}
	if (job->req != NULL)
		api_reply_json(&ctx, 200,
		    job->dry_run ? json_deep_copy(body) : json_incref(body));
	json_decref(body);
done:
	json_decref(w.added);
	json_decref(w.removed);
	model_instance_free(after);
	model_instance_free(stored);
	model_instance_free(now);
	/* A dry run is kept; a run nobody waits for is kept even failed. */
	if (!job->discarded && job->run[0] != '\0' &&
	    (job->state == RUN_DONE || job->req == NULL))
		run_keep(job);
	else
		job_free(job);
	start_waiting(rd);
}

/* Reads the body; replies and returns -1 when it is wrong. */
static int
schedule_params(struct api_ctx *ctx, struct schedule_job *job,
    const struct model_instance *inst)
{
	const char *key;
	json_t *v;
	bool has_from = false, has_to = false;

	job->seconds = inst->seconds;
	job->seed = 1;
	job->wait = true;
	if (!json_is_object(ctx->body)) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, NULL,
		    "the body must be a JSON object");
		return -1;
	}
	json_object_foreach(ctx->body, key, v)
	{
		if (strcmp(key, "from") == 0 || strcmp(key, "to") == 0) {
			int32_t d;
			if (!json_is_string(v) ||
			    civil_parse_date(json_string_value(v), &d) == -1) {
				api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
				    key, "%s must be a date YYYY-MM-DD", key);
				return -1;
			}
			if (key[0] == 'f')
				job->from_day = d, has_from = true;
			else
				job->to_day = d, has_to = true;
		} else if (strcmp(key, "dry_run") == 0 ||
		    strcmp(key, "replan") == 0 || strcmp(key, "wait") == 0) {
			if (!json_is_boolean(v)) {
				api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
				    key, "%s must be true or false", key);
				return -1;
			}
			if (key[0] == 'd')
				job->dry_run = json_is_true(v);
			else if (key[0] == 'r')
				job->replan = json_is_true(v);
			else
				job->wait = json_is_true(v);
		} else if (strcmp(key, "home") == 0) {
			if (!json_is_string(v)) {
				api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
				    key, "home must be the id of a home");
				return -1;
			}
			if (model_find_home(inst, json_string_value(v)) < 0) {
				api_reply_errorf(ctx,
				    ROTAD_ERR_UNKNOWN_REFERENCE, key,
				    "no home with id '%s'",
				    json_string_value(v));
				return -1;
			}
			free(job->home);
			job->home = xstrdup(json_string_value(v));
		} else if (strcmp(key, "seconds") == 0) {
			if (!json_is_number(v) || json_number_value(v) < 0 ||
			    json_number_value(v) > SCHEDULE_MAX_SECONDS) {
				api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
				    key,
				    "seconds must be a number from 0 to %d",
				    SCHEDULE_MAX_SECONDS);
				return -1;
			}
			job->seconds = json_number_value(v);
		} else if (strcmp(key, "seed") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) < 0) {
				api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD,
				    key, "seed must be a whole number >= 0");
				return -1;
			}
			job->seed = (uint64_t)json_integer_value(v);
		} else {
			api_reply_errorf(ctx, ROTAD_ERR_UNKNOWN_FIELD, key,
			    "unknown field '%s'", key);
			return -1;
		}
	}
	if (!has_from || !has_to) {
		api_reply_errorf(ctx, ROTAD_ERR_MISSING_FIELD,
		    has_from ? "to" : "from",
		    "the period needs 'from' and 'to'");
		return -1;
	}
	if (job->to_day < job->from_day || job->to_day - job->from_day > 366) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "to",
		    "'to' must be on or after 'from' and at most a year later");
		return -1;
	}
	if (!job->wait && !job->dry_run) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "wait",
		    "a run that does not wait must be a dry run; apply it "
		    "afterwards");
		return -1;
	}
	if (job->seconds > SCHEDULE_MAX_SECONDS)
		job->seconds = SCHEDULE_MAX_SECONDS;
	return 0;
}

/* Whether the run plans the home `id` (its home, the owner's scope). */
static bool
job_covers(const struct schedule_job *job, const char *id)
{
	if (job->home != NULL && strcmp(job->home, id) != 0)
		return false;
	if (job->scope == NULL)
		return true;
	for (char **h = job->scope; *h != NULL; h++)
		if (strcmp(*h, id) == 0)
			return true;
	return false;
}

/*
 * Takes the snapshot the worker plans on and starts the worker; sets *err
 * (503) and returns -1 when it cannot.  On success the job is running.
 */
static int
job_start(
    struct api_ctx *ctx, struct schedule_job *job, struct rotad_error *err)
{
	const struct model_instance *inst;

	if ((inst = api_instance(ctx, err)) == NULL)
		return -1;
	job->data_version = ctx->rd->data_version;
	job->inst = model_instance_copy(inst);
	job->in_scope = xcalloc(inst->nslots + 1, sizeof(*job->in_scope));
	job->keep = xcalloc(inst->nassignments + 1, sizeof(*job->keep));
	clock_gettime(CLOCK_MONOTONIC, &job->t0);
	for (size_t s = 0; s < inst->nslots; s++) {
		int32_t day = civil_wall_date(inst->slots[s].start);
		job->in_scope[s] = day >= job->from_day && day <= job->to_day &&
		    job_covers(job, inst->slots[s].home);
	}
	for (size_t i = 0; i < inst->nassignments; i++) {
		const struct model_assignment *a = &inst->assignments[i];
		/* Coordinators' assignments are pinned; the solver's own
		 * may move only on a replan. */
		bool movable = job->replan && !a->pinned &&
		    a->made_by == MODEL_MADE_BY_SOLVER;
		job->keep[i] =
		    movable ? SOLVER_KEEP_MOVABLE : SOLVER_KEEP_FIXED;
	}
	if ((job->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) == -1 ||
	    (job->done_ev = event_new(ctx->rd->base, job->efd, EV_READ,
	         schedule_done, job)) == NULL ||
	    event_add(job->done_ev, NULL) == -1) {
		log_warn("%s: cannot set up the worker's signal", __func__);
		goto fail;
	}
	if (pthread_create(&job->thread, NULL, schedule_worker, job) != 0) {
		log_warnx("%s: cannot start the worker thread", __func__);
		goto fail;
	}
	LIST_INSERT_HEAD(&running, job, entry);
	nrunning++;
	job->state = RUN_RUNNING;
	stats.solver_runs++;
	return 0;
fail:
	rotad_error_set(err, ROTAD_ERR_UNAVAILABLE, NULL,
	    "the planner cannot start now; try again");
	if (job->done_ev != NULL)
		event_free(job->done_ev);
	job->done_ev = NULL;
	if (job->efd != -1)
		close(job->efd);
	job->efd = -1;
	return -1;
}

/* Starts waiting runs while workers are free (after a run ended). */
static void
start_waiting(struct rotad *rd)
{
	struct schedule_job *job;

	while (nrunning < (size_t)rd->conf.schedule_max_runs &&
	    (job = TAILQ_FIRST(&waiting)) != NULL) {
		struct api_ctx ctx;

		TAILQ_REMOVE(&waiting, job, wait_entry);
		nwaiting--;
		struct rotad_error err;

		i18n_use((enum i18n_lang)job->lang);
		memset(&ctx, 0, sizeof(ctx));
		ctx.rd = rd;
		ctx.req = job->req;
		ctx.method = API_POST;
		ctx.lang = job->lang;
		snprintf(ctx.actor, sizeof(ctx.actor), "%s", job->actor);
		rotad_error_clear(&err);
		if (rd->stopping)
			rotad_error_set(&err, ROTAD_ERR_UNAVAILABLE, NULL,
			    "rotad is shutting down");
		if (err.code != ROTAD_ERR_OK ||
		    job_start(&ctx, job, &err) == -1) {
			run_fail(&ctx, job, &err);
			if (job->req == NULL && !job->discarded)
				run_keep(job);
			else
				job_free(job);
		}
	}
}

/* Seconds until a worker is likely free: the shortest budget left. */
static int
retry_after(void)
{
	const struct schedule_job *o;
	double best = SCHEDULE_MAX_SECONDS;

	LIST_FOREACH(o, &running, entry) {
		double left = o->seconds - since(&o->t0);
		if (left < best)
			best = left;
	}
	return best < 1 ? 1 : (int)best + 1;
}

/* Who the run is for, and the homes it may plan: the caller's scope. */
static void
job_owner(struct api_ctx *ctx, struct schedule_job *job)
{
	const struct user *u = ctx->who;

	snprintf(job->actor, sizeof(job->actor), "%s", ctx->actor);
	if (u == NULL)
		return;
	job->owner_uid = u->id;
	if (user_scoped(u)) {
		/* The homes in scope now (its regions' too); none without
		 * the instance. */
		const struct model_instance *inst;
		struct rotad_error err;
		size_t n = 0;

		rotad_error_clear(&err);
		inst = api_instance(ctx, &err);
		job->scope =
		    xcalloc((inst ? inst->nhomes : 0) + 1, sizeof(*job->scope));
		for (size_t i = 0; inst != NULL && i < inst->nhomes; i++)
			if (user_in_scope(u, inst->homes[i].id))
				job->scope[n++] = xstrdup(inst->homes[i].id);
	}
}

static void
schedule_post(struct api_ctx *ctx)
{
	struct schedule_job *job = job_new(), *o;
	const struct model_instance *inst;
	struct rotad_error err;
	size_t max = (size_t)ctx->rd->conf.schedule_max_runs;
	bool overlap = false;
	char a[CIVIL_DATE_LEN], b[CIVIL_DATE_LEN];

	rotad_error_clear(&err);
	runs_prune();
	if ((inst = api_instance(ctx, &err)) == NULL) {
		api_reply_error(ctx, &err);
		goto fail;
	}
	if (schedule_params(ctx, job, inst) == -1)
		goto fail;
	LIST_FOREACH(o, &running, entry) {
		if (!overlap && o->from_day <= job->to_day &&
		    job->from_day <= o->to_day) {
			civil_format_date(o->from_day, a);
			civil_format_date(o->to_day, b);
			overlap = true;
		}
	}
	TAILQ_FOREACH(o, &waiting, wait_entry) {
		if (!overlap && o->from_day <= job->to_day &&
		    job->from_day <= o->to_day) {
			civil_format_date(o->from_day, a);
			civil_format_date(o->to_day, b);
			overlap = true;
		}
	}
	if (overlap) {
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
		    "a schedule for %s..%s is running; wait for it to finish",
		    a, b);
		goto fail;
	}
	if (nrunning >= max && nwaiting >= max) {
		char secs[16];
		int wait = retry_after();

		snprintf(secs, sizeof(secs), "%d", wait);
		api_add_header(ctx, "Retry-After", secs);
		api_reply_errorf(ctx, ROTAD_ERR_UNAVAILABLE, NULL,
		    "%zu schedule runs are running and %zu waiting; try again "
		    "in %d s",
		    nrunning, nwaiting, wait);
		goto fail;
	}
	job->rd = ctx->rd;
	job->req = ctx->req;
	job->lang = ctx->lang;
	job_owner(ctx, job);
	if (job->dry_run) {
		unsigned char r[12];
		char *p = job->run;

		randombytes_buf(r, sizeof(r));
		*p++ = 'r';
		for (size_t i = 0; i < sizeof(r); i++, p += 2)
			snprintf(p, 3, "%02x", r[i]);
	}
	if (nrunning < max) {
		if (job_start(ctx, job, &err) == -1) {
			api_reply_error(ctx, &err);
			goto fail;
		}
	} else {
		TAILQ_INSERT_TAIL(&waiting, job, wait_entry);
		nwaiting++;
	}
	if (!job->wait) {
		/* Read it with GET /api/v1/schedule/{run}. */
		char d0[CIVIL_DATE_LEN], d1[CIVIL_DATE_LEN];

		job->req = NULL;
		civil_format_date(job->from_day, d0);
		civil_format_date(job->to_day, d1);
		api_reply_json(ctx, 202,
		    json_pack("{s:s, s:s, s:s, s:s, s:f}", "run", job->run,
		        "state", run_state_names[job->state], "from", d0, "to",
		        d1, "budget", job->seconds));
		return;
	}
	/* The answer comes from schedule_done(). */
	api_defer(ctx);
	return;
fail:
	job_free(job);
}

/*
 * The caller's run :id (running, waiting or kept), or NULL after a 404:
 * another person's run is as if it did not exist.
 */
static struct schedule_job *
run_find(struct api_ctx *ctx)
{
	const char *id = ctx->params[0];
	int64_t uid = ctx->who ? ctx->who->id : 0;
	struct schedule_job *job;

	runs_prune();
	/* A run that a request waits for is not one to read or discard. */
	LIST_FOREACH(job, &running, entry)
		if (!job->discarded && job->req == NULL &&
		    strcmp(job->run, id) == 0 &&
		    same_owner(job, uid, ctx->actor))
			return job;
	TAILQ_FOREACH(job, &waiting, wait_entry)
		if (job->req == NULL && strcmp(job->run, id) == 0 &&
		    same_owner(job, uid, ctx->actor))
			return job;
	TAILQ_FOREACH(job, &runs_kept, wait_entry)
		if (strcmp(job->run, id) == 0 &&
		    same_owner(job, uid, ctx->actor))
			return job;
	api_reply_errorf(ctx, ROTAD_ERR_NOT_FOUND, NULL,
	    "no schedule run '%s' (a preview is kept for %d minutes)", id,
	    RUN_KEEP_SECONDS / 60);
	return NULL;
}

static void
run_drop(struct schedule_job *job)
{
	TAILQ_REMOVE(&runs_kept, job, wait_entry);
	nkept--;
	job_free(job);
}

static json_t *
error_json(const struct rotad_error *err)
{
	json_t *e =
	    json_pack("{s:i, s:s, s:s}", "status", rotad_err_status(err->code),
	        "code", rotad_err_code(err->code), "message", err->message);

	if (err->field[0] != '\0')
		json_object_set_new(e, "field", json_string(err->field));
	return e;
}

static void
schedule_get(struct api_ctx *ctx)
{
	struct schedule_job *job = run_find(ctx);
	char d0[CIVIL_DATE_LEN], d1[CIVIL_DATE_LEN];
	double elapsed = 0;
	json_t *body;

	if (job == NULL)
		return;
	if (job->state == RUN_RUNNING)
		elapsed = since(&job->t0);
	else if (job->state != RUN_WAITING)
		elapsed = job->elapsed;
	civil_format_date(job->from_day, d0);
	civil_format_date(job->to_day, d1);
	body = json_pack("{s:s, s:s, s:s, s:s, s:b, s:f, s:f}", "run", job->run,
	    "state", run_state_names[job->state], "from", d0, "to", d1,
	    "dry_run", job->dry_run, "elapsed", elapsed, "budget",
	    job->seconds);
	if (job->home != NULL)
		json_object_set_new(body, "home", json_string(job->home));
	if (job->state == RUN_RUNNING) {
		pthread_mutex_lock(&job->mu);
		if (job->has_best)
			json_object_set_new(body, "best",
			    json_pack("{s:I, s:I}", "filled",
			        (json_int_t)job->best_filled, "positions",
			        (json_int_t)job->best_positions));
		pthread_mutex_unlock(&job->mu);
	}
	if (job->state == RUN_DONE || job->state == RUN_FAILED)
		json_object_set_new(body, "expires_in",
		    json_integer(
		        (json_int_t)(RUN_KEEP_SECONDS - since(&job->done_at))));
	if (job->state == RUN_DONE && job->result != NULL)
		json_object_set(body, "result", job->result);
	if (job->state == RUN_FAILED)
		json_object_set_new(body, "error", error_json(&job->fail));
	api_reply_json(ctx, 200, body);
}

/* Only the fields a change list keeps in the audit row. */
static json_t *
bare(const json_t *items)
{
	json_t *out = json_array(), *it;
	size_t i;

	json_array_foreach(items, i, it)
	{
		json_array_append_new(out,
		    json_pack("{s:O, s:O, s:O}", "id",
		        json_object_get(it, "id"), "slot",
		        json_object_get(it, "slot"), "youth",
		        json_object_get(it, "youth")));
	}
	return out;
}

static void
schedule_apply(struct api_ctx *ctx)
{
	struct schedule_job *job = run_find(ctx);
	struct schedule_write w = {0};
	struct rotad_error err;
	json_t *res, *summary;
	char range[64], d0[CIVIL_DATE_LEN], d1[CIVIL_DATE_LEN];

	if (job == NULL)
		return;
	if (job->state != RUN_DONE || job->result == NULL) {
		if (job->state == RUN_FAILED)
			api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
			    "the run failed; plan again");
		else
			api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
			    "the run has not finished; wait for its preview");
		return;
	}
	res = job->result;
	if (ctx->rd->data_version != job->version) {
		run_drop(job);
		api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
		    "the schedule changed since the preview; plan again");
		return;
	}
	civil_format_date(job->from_day, d0);
	civil_format_date(job->to_day, d1);
	snprintf(range, sizeof(range), "%s..%s", d0, d1);
	w.added = bare(json_object_get(res, "assigned"));
	w.removed = bare(json_object_get(res, "removed"));
	summary =
	    json_pack("{s:s, s:s, s:s, s:b, s:O, s:O, s:O}", "run", job->run,
	        "from", d0, "to", d1, "replan", job->replan, "added", w.added,
	        "removed", w.removed, "score", json_object_get(res, "score"));
	if (job->home != NULL)
		json_object_set_new(summary, "home", json_string(job->home));
	/*
	 * Every assignment through the labour-law gate again: the subjects
	 * the run touches checked before and after, and it may not break
	 * more rules than hold now (what a full check's count says).
	 */
	if ((json_array_size(w.added) > 0 || json_array_size(w.removed) > 0) &&
	    schedule_store(ctx, &w, CHANGE_GATE_COUNT, range, summary, &err) ==
	        -1) {
		if (err.code == ROTAD_ERR_CONFLICT ||
		    err.code == ROTAD_ERR_RULE_VIOLATION ||
		    err.code == ROTAD_ERR_NOT_FOUND ||
		    err.code == ROTAD_ERR_UNKNOWN_REFERENCE ||
		    err.code == ROTAD_ERR_INVALID_FIELD) {
			run_drop(job);
			api_reply_errorf(ctx, ROTAD_ERR_CONFLICT, NULL,
			    "the schedule changed since the preview; plan "
			    "again");
		} else {
			api_reply_error(ctx, &err);
		}
		goto done;
	}
	log_info("schedule %s: run %s applied, %zu added, %zu removed", range,
	    job->run, json_array_size(w.added), json_array_size(w.removed));
	api_reply_json(ctx, 200,
	    json_pack("{s:s, s:b, s:s, s:s, s:O, s:O}", "run", job->run,
	        "applied", 1, "from", d0, "to", d1, "assigned",
	        json_object_get(res, "assigned"), "removed",
	        json_object_get(res, "removed")));
	run_drop(job);
done:
	json_decref(summary);
	json_decref(w.added);
	json_decref(w.removed);
}

static void
schedule_delete(struct api_ctx *ctx)
{
	struct schedule_job *job = run_find(ctx);

	if (job == NULL)
		return;
	switch (job->state) {
	case RUN_RUNNING:
		/* schedule_done() frees it when the worker stops. */
		job->discarded = true;
		job->cancel = 1;
		break;
	case RUN_WAITING:
		TAILQ_REMOVE(&waiting, job, wait_entry);
		nwaiting--;
		job_free(job);
		break;
	default:
		run_drop(job);
	}
	api_reply_empty(ctx);
}

void
api_schedule_shutdown(void)
{
	struct schedule_job *job;

	/* Stop every run, wait for its thread, and drop it unanswered: the
	 * server is going away and evhttp frees the requests. */
	while ((job = LIST_FIRST(&running)) != NULL) {
		job->cancel = 1;
		pthread_join(job->thread, NULL);
		/* How it ended: "cancelled" unless it ended by itself first. */
		if (job->rc == 0)
			log_info("schedule: a run stopped at shutdown (%s, "
			         "%.1f s)",
			    solver_stop_name(job->res.stop), job->res.seconds);
		LIST_REMOVE(job, entry);
		nrunning--;
		event_free(job->done_ev);
		close(job->efd);
		job_free(job);
	}
	while ((job = TAILQ_FIRST(&waiting)) != NULL) {
		TAILQ_REMOVE(&waiting, job, wait_entry);
		nwaiting--;
		job_free(job);
	}
	while ((job = TAILQ_FIRST(&runs_kept)) != NULL)
		run_drop(job);
}

int
api_schedule_refill(const struct model_instance *inst, size_t cancelled,
    struct model_assignment *out, char *why, size_t whylen)
{
	struct model_instance *c;
	const struct tzmap *tz = tzmap_get(inst->timezone);
	size_t slot;
	long y;
	char err[128];

	memset(out, 0, sizeof(*out));
	if (cancelled >= inst->nassignments || tz == NULL) {
		snprintf(
		    why, whylen, "%s", _("The assignment does not exist."));
		return -1;
	}
	slot = inst->assignments[cancelled].slot_idx;
	c = model_instance_copy(inst);
	c->assignments[cancelled].status = MODEL_ASSIGNMENT_CANCELLED;
	/* solver_refill() passes over whoever cancelled this visit, so the
	 * youth who called in sick cannot be given it back. */
	err[0] = '\0';
	if ((y = solver_refill(c, tz, slot, err, sizeof(err))) < 0) {
		if (err[0] != '\0')
			snprintf(why, whylen, "%s", err);
		else
			solver_explain_unfilled(c, tz, slot, why, whylen);
		if (why[0] == '\0')
			snprintf(why, whylen, "%s", _("The visit is full."));
		model_instance_free(c);
		return -1;
	}
	out->slot = xstrdup(inst->slots[slot].id);
	out->youth = xstrdup(inst->youths[y].id);
	out->slot_idx = slot;
	out->youth_idx = (size_t)y;
	out->pinned = false;
	out->status = MODEL_ASSIGNMENT_ACTIVE;
	out->made_by = MODEL_MADE_BY_SOLVER;
	model_instance_free(c);
	return 0;
}

const struct api_route api_schedule_routes[] = {
    {API_POST, "/api/v1/schedule", schedule_post, API_AUTH | API_BODY},
    {API_GET | API_HEAD, "/api/v1/schedule/:id", schedule_get, API_AUTH},
    {API_DELETE, "/api/v1/schedule/:id", schedule_delete, API_AUTH},
    {API_POST, "/api/v1/schedule/:id/apply", schedule_apply,
        API_AUTH | API_BODY_OPTIONAL},
    {0, NULL, NULL, 0},
};
