/* SPDX-License-Identifier: ISC */
/*
 * This file contains draft and publish in the daemon (publish_state.h):
 * the published copy kept across writes (read again only when the
 * published rows moved other than by a publish), the views the renderers
 * read, the feeds a draft write leaves current, and the publish
 * transaction.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "change.h"
#include "civil.h"
#include "feed_cache.h"
#include "notify.h"
#include "publish_state.h"
#include "rotad.h"
#include "state.h"
#include "stats.h"
#include "store.h"
#include "store_publish.h"
#include "xmalloc.h"

struct publish_cache {
	struct publish_snapshot snap;
	uint64_t version; /* rd->published_version when snap was read */
	bool loaded;
};

const struct publish_snapshot *
publish_snapshot_get(struct rotad *rd, struct rotad_error *err)
{
	const struct model_instance *live = state_get(rd, err);
	struct publish_cache *pc;

	if (live == NULL || !live->publish_manual)
		return NULL;
	if (rd->published == NULL)
		rd->published = xcalloc(1, sizeof(*rd->published));
	pc = rd->published;
	if (pc->loaded && pc->version == rd->published_version)
		return &pc->snap;
	publish_snapshot_free(&pc->snap);
	pc->loaded = false;
	if (store_publish_load(rd->store, &pc->snap, err) == -1)
		return NULL;
	stats.published_loads++;
	pc->loaded = true;
	pc->version = rd->published_version;
	return &pc->snap;
}

void
publish_state_stale(struct rotad *rd)
{
	rd->published_version++;
	if (rd->published != NULL) { /* no view outlives a change */
		publish_snapshot_free(&rd->published->snap);
		rd->published->loaded = false;
	}
}

/* A draft in manual mode: only live visits and assignments changed. */
static void
draft_written(struct rotad *rd, struct feed_touch *ft)
{
	if (rd->cache == NULL || !rd->cache->publish_manual || ft == NULL)
		return;
	/* The published view (homes, youths, settings live; visits and
	 * assignments the copy) is the same: every feed stays current. */
	feed_touch_free(ft);
}

void
publish_state_changed(
    struct rotad *rd, const struct change *c, struct feed_touch *ft)
{
	if (c->kind == CHANGE_YOUTH && c->op == CHANGE_DELETE) {
		/* sql/0012: her published assignments went with her. */
		publish_state_stale(rd);
		return;
	}
	if (c->kind == CHANGE_SLOT || c->kind == CHANGE_ASSIGNMENT)
		draft_written(rd, ft);
}

void
publish_state_batch_changed(
    struct rotad *rd, const struct change_batch *b, struct feed_touch *ft)
{
	if (b->purge_youth != NULL) {
		publish_state_stale(rd);
		return;
	}
	draft_written(rd, ft);
}

const struct model_instance *
publish_view_get(struct rotad *rd, struct rotad_error *err)
{
	const struct model_instance *live = state_get(rd, err);
	const struct publish_snapshot *snap;

	if (live == NULL || !live->publish_manual)
		return live;
	if ((snap = publish_snapshot_get(rd, err)) == NULL)
		return NULL;
	return publish_view_new(live, snap);
}

void
publish_view_put(struct rotad *rd, const struct model_instance *view)
{
	if (view != NULL && view != rd->cache)
		publish_view_free((struct model_instance *)view);
}

int
publish_preview(struct rotad *rd, const struct publish_range *r,
    struct publish_diff *out, struct rotad_error *err)
{
	const struct model_instance *live = state_get(rd, err);
	const struct publish_snapshot *snap;

	memset(out, 0, sizeof(*out));
	if (live == NULL)
		return -1;
	/* Immediate: everything is published, nothing to preview. */
	if (!live->publish_manual)
		return 0;
	if ((snap = publish_snapshot_get(rd, err)) == NULL)
		return -1;
	publish_diff_make(out, live, snap, r);
	return 0;
}

static json_t *
audit_after(const struct publish_request *req, const struct publish_diff *d)
{
	char from[CIVIL_DATE_LEN], to[CIVIL_DATE_LEN], v[17];
	json_t *o, *a;

	civil_format_date(req->range.from, from);
	civil_format_date(req->range.to, to);
	publish_version_text(d->version, v);
	o = json_pack("{s:s, s:s, s:s}", "from", from, "to", to, "version", v);
	if (req->range.homes != NULL) {
		a = json_array();
		for (size_t i = 0; i < req->range.nhomes; i++)
			json_array_append_new(
			    a, json_string(req->range.homes[i]));
		json_object_set_new(o, "homes", a);
	}
	a = json_array();
	for (size_t i = 0; i < d->ngroups; i++)
		json_array_append_new(a, json_string(d->groups[i]));
	json_object_set_new(o, "slots", a);
	json_object_set_new(o, "youths", json_integer((json_int_t)d->nyouths));
	return o;
}

int
publish_commit(struct rotad *rd, const struct publish_request *req,
    struct publish_diff *out, struct rotad_error *err)
{
	const struct model_instance *live = state_get(rd, err);
	const struct publish_snapshot *snap;
	struct publish_diff d;
	struct feed_touch ft = {0};
	json_t *after;
	char *text;
	int rc;

	if (live == NULL)
		return -1;
	if (!live->publish_manual) {
		rotad_error_set(err, ROTAD_ERR_CONFLICT, "options.publish",
		    "every change is published at once (options.publish is "
		    "\"immediate\")");
		return -1;
	}
	if ((snap = publish_snapshot_get(rd, err)) == NULL)
		return -1;
	publish_diff_make(&d, live, snap, &req->range);
	if (d.version != req->version) {
		publish_diff_free(&d);
		rotad_error_set(err, ROTAD_ERR_CONFLICT, "preview_version",
		    "the visits changed since this preview; preview again");
		return -1;
	}
	after = audit_after(req, &d);
	text = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(after);
	rc = store_begin(rd->store, err);
	if (rc == 0)
		rc = store_publish_groups(rd->store, live, &d, err);
	if (rc == 0 && req->also != NULL)
		rc = req->also(rd->store, live, &d, req->also_arg, err);
	if (rc == 0) /* one digest per youth told (notify.h) */
		rc = notify_publish(rd->store, live, &d, req->now, err);
	if (rc == 0)
		rc = store_audit(rd->store, req->now, req->actor, "publish",
		    "publish", NULL, NULL, text, err);
	if (rc == 0)
		rc = store_commit(rd->store, err);
	else
		store_rollback(rd->store);
	free(text);
	if (rc != 0) {
		publish_diff_free(&d);
		return -1;
	}
	/* Only the feeds of what it changed go stale. */
	for (size_t i = 0; i < d.ntouch_youths; i++)
		feed_touch_youth(&ft, d.touch_youths[i]);
	for (size_t i = 0; i < d.ntouch_homes; i++)
		feed_touch_home(&ft, d.touch_homes[i]);
	if (rd->published != NULL) {
		/* The copy in memory follows without a read. */
		publish_snapshot_apply(&rd->published->snap, live, &d);
	}
	state_committed(rd, &ft);
	feed_touch_free(&ft);
	if (out != NULL)
		*out = d;
	else
		publish_diff_free(&d);
	return 0;
}

int
publish_switch_also(struct store *st, void *arg, struct rotad_error *err)
{
	const struct publish_switch *sw = arg;

	if (sw->manual == sw->was_manual)
		return 0;
	return sw->manual ? store_publish_all(st, sw->live, err)
	                  : store_publish_clear(st, err);
}

void
publish_state_free(struct rotad *rd)
{
	if (rd->published == NULL)
		return;
	publish_snapshot_free(&rd->published->snap);
	free(rd->published);
	rd->published = NULL;
}
