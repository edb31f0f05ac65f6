/* SPDX-License-Identifier: ISC */
/*
 * This file contains the notifications (notify.h): which youths a change
 * or a batch tells about which visits, and the digest's text and HTML in
 * the youth's language, written into the outbox on the open transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "civil.h"
#include "feed.h"
#include "html.h"
#include "i18n.h"
#include "model.h"
#include "notify.h"
#include "sbuf.h"
#include "store_outbox.h"
#include "textfmt.h"
#include "tzmap.h"
#include "xmalloc.h"

static char *conf_domain, *conf_public_url;

void
notify_configure(const char *domain, const char *public_url)
{
	free(conf_domain);
	free(conf_public_url);
	conf_domain = domain ? xstrdup(domain) : NULL;
	conf_public_url = public_url ? xstrdup(public_url) : NULL;
}

bool
notify_enabled(void)
{
	return conf_domain != NULL;
}

/* "Thursday 14 January" and "16:00–18:00" of two wall times. */
static void
when_parts(int64_t start, int64_t end, char *date, size_t dlen, char *span,
    size_t slen)
{
	char from[TEXTFMT_MAX], to[TEXTFMT_MAX];

	textfmt_date_long(civil_wall_date(start), date, dlen);
	textfmt_time(civil_wall_minute(start), from, sizeof(from));
	textfmt_time(civil_wall_minute(end), to, sizeof(to));
	snprintf(span, slen, "%s\xe2\x80\x93%s", from, to);
}

/* "Quiz at Solheim, Thursday 14 January 16:00–18:00" into buf. */
static void
visit_text(const struct model_instance *inst, const struct model_slot *sl,
    char *buf, size_t len)
{
	long h = model_find_home(inst, sl->home);
	char date[TEXTFMT_MAX], span[2 * TEXTFMT_MAX + 4];

	when_parts(sl->start, sl->end, date, sizeof(date), span, sizeof(span));
	/* The same words as a request's description (requests.c). */
	snprintf(buf, len, _("%1$s at %2$s, %3$s %4$s"),
	    sl->activity && sl->activity[0] ? sl->activity : _("Visit"),
	    h >= 0 ? inst->homes[h].name : sl->home, date, span);
}

static const char *
heading(enum notify_what w)
{
	switch (w) {
	case NOTIFY_NEW:
		return _("New visit");
	case NOTIFY_MOVED:
		return _("Moved visit");
	default:
		return _("Cancelled visit");
	}
}

static void
add_visit(struct sbuf *t, struct sbuf *h, const struct model_instance *inst,
    const struct notify_visit *v)
{
	char what[800], was[300], date[TEXTFMT_MAX], span[2 * TEXTFMT_MAX + 4];

	visit_text(inst, v->slot, what, sizeof(what));
	sbuf_addf(t, "%s: %s\n", heading(v->what), what);
	html_raw(h, "<li><strong>");
	html_text(h, heading(v->what));
	html_raw(h, ":</strong> ");
	html_text(h, what);
	if (v->what == NOTIFY_MOVED) {
		when_parts(v->old_start, v->old_end, date, sizeof(date), span,
		    sizeof(span));
		/* TRANSLATORS: after a moved visit, when it was before:
		   "Thursday 14 January", "16:00-18:00". */
		snprintf(was, sizeof(was), _("(was %1$s %2$s)"), date, span);
		sbuf_addf(t, "  %s\n", was);
		html_raw(h, " ");
		html_text(h, was);
	}
	html_raw(h, "</li>\n");
}

/* Whether a visit starts within the next NOTIFY_DAYS days (wall times). */
static bool
soon(const struct model_slot *sl, int64_t wall_now)
{
	return sl->end > wall_now &&
	    sl->start < wall_now + (int64_t)NOTIFY_DAYS * CIVIL_MIN_PER_DAY;
}

int
notify_youth_digest(struct store *st, const struct model_instance *inst,
    const char *youth_id, const struct notify_visit *v, size_t n, int64_t now,
    struct rotad_error *err)
{
	const struct tzmap *tz;
	const struct model_youth *y;
	struct sbuf t = {0}, h = {0};
	struct outbox_new m;
	enum i18n_lang lang = I18N_EN, was = i18n_current();
	const char *tag;
	char *first;
	int64_t wall_now;
	size_t shown = 0;
	long yi;
	int rc;

	if (!notify_enabled() || n == 0 ||
	    (yi = model_find_youth(inst, youth_id)) < 0)
		return 0;
	y = &inst->youths[yi];
	if (y->email == NULL || (tz = tzmap_get(inst->timezone)) == NULL)
		return 0;
	wall_now = tzmap_to_wall(tz, now / 60);
	tag = model_youth_language(inst, y);
	(void)i18n_parse_tag(tag, &lang);
	i18n_use(lang);
	first = feed_first_name_dup(y->name);
	/* TRANSLATORS: the greeting of an e-mail; %s is a first name. */
	sbuf_addf(&t, _("Hi %s,"), first);
	sbuf_adds(&t, "\n\n");
	sbuf_adds(&t, _("Your visits have changed:"));
	sbuf_adds(&t, "\n\n");
	html_raw(&h, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(&h, i18n_tag(lang));
	html_raw(&h, "\"><head><meta charset=\"utf-8\"><title>");
	html_text(&h, _("Your visits have changed"));
	html_raw(&h, "</title></head><body>\n<p>");
	html_textf(&h, _("Hi %s,"), first);
	html_raw(&h, "</p>\n<p>");
	html_text(&h, _("Your visits have changed:"));
	html_raw(&h, "</p>\n<ul>\n");
	for (size_t i = 0; i < n; i++) {
		if (!soon(v[i].slot, wall_now) &&
		    !(v[i].what == NOTIFY_MOVED && v[i].old_end > wall_now))
			continue;
		add_visit(&t, &h, inst, &v[i]);
		shown++;
	}
	html_raw(&h, "</ul>\n<p><small>");
	html_text(&h,
	    _("You get this e-mail because you visit nursing "
	      "homes through rota."));
	html_raw(&h, " <a href=\"{UNSUBSCRIBE}\">");
	html_text(&h, _("No more e-mails about changed visits"));
	html_raw(&h, "</a></small></p>\n</body></html>\n");
	sbuf_adds(&t, "\n-- \n");
	sbuf_adds(&t,
	    _("You get this e-mail because you visit nursing "
	      "homes through rota."));
	sbuf_adds(&t, "\n");
	sbuf_adds(&t, _("No more e-mails about changed visits"));
	sbuf_adds(&t, ": {UNSUBSCRIBE}\n");
	memset(&m, 0, sizeof(m));
	m.recipient = y->email;
	m.recipient_kind = "youth";
	m.recipient_id = y->id;
	m.kind = OUTBOX_KIND_VISITS;
	m.language = i18n_tag(lang);
	m.subject = _("Your visits have changed");
	m.text = t.s ? t.s : "";
	m.html = h.s ? h.s : "";
	m.adult_from = CIVIL_NO_DATE;
	if (!inst->mail_quiet_hours_off && y->birth_date != CIVIL_NO_DATE) {
		int by, bm, bd;
		civil_ymd_from_days(y->birth_date, &by, &bm, &bd);
		/* 29 February: the 18th birthday is 1 March. */
		if (bm == 2 && bd == 29 && !civil_valid_ymd(by + 18, 2, 29)) {
			bm = 3;
			bd = 1;
		}
		m.adult_from = civil_days_from_ymd(by + 18, bm, bd);
	}
	m.zone = inst->timezone;
	m.now = now;
	m.domain = conf_domain;
	m.public_url = conf_public_url;
	rc = shown > 0 ? outbox_enqueue(st, &m, err) : 0;
	i18n_use(was);
	free(first);
	sbuf_release(&t);
	sbuf_release(&h);
	return rc < 0 ? -1 : 0;
}

/* ---- who a change tells ---- */

static int
one(struct store *st, const struct model_instance *inst, const char *youth,
    enum notify_what what, const struct model_slot *sl,
    const struct model_slot *old, int64_t now, struct rotad_error *err)
{
	struct notify_visit v = {
	    what, sl, old ? old->start : 0, old ? old->end : 0};

	if (sl == NULL)
		return 0;
	return notify_youth_digest(st, inst, youth, &v, 1, now, err);
}

static const struct model_slot *
slot_of(const struct model_instance *inst, const char *id)
{
	long s = id ? model_find_slot(inst, id) : -1;

	return s >= 0 ? &inst->slots[s] : NULL;
}

static const struct model_assignment *
assignment_of(const struct model_instance *inst, const char *id)
{
	long a = id ? model_find_assignment(inst, id) : -1;

	return a >= 0 ? &inst->assignments[a] : NULL;
}

int
notify_change(struct store *st, const struct model_instance *inst,
    const struct change *c, const struct model_assignment *old_a,
    const struct model_slot *old_s, struct rotad_error *err)
{
	const struct model_assignment *a;
	const struct model_slot *sl;
	int64_t now = c->now;

	if (!notify_enabled())
		return 0;
	if (c->kind == CHANGE_SLOT && c->op == CHANGE_UPDATE && old_s != NULL) {
		if ((sl = slot_of(inst, c->id)) == NULL ||
		    (sl->start == old_s->start && sl->end == old_s->end))
			return 0;
		for (size_t i = 0; i < inst->nassignments; i++) {
			a = &inst->assignments[i];
			if (a->status != MODEL_ASSIGNMENT_ACTIVE ||
			    strcmp(a->slot, sl->id) != 0)
				continue;
			if (one(st, inst, a->youth, NOTIFY_MOVED, sl, old_s,
			        now, err) == -1)
				return -1;
		}
		return 0;
	}
	if (c->kind != CHANGE_ASSIGNMENT)
		return 0;
	switch (c->op) {
	case CHANGE_CREATE:
		a = assignment_of(inst, c->value.assignment->id);
		if (a != NULL && a->status == MODEL_ASSIGNMENT_ACTIVE)
			return one(st, inst, a->youth, NOTIFY_NEW,
			    slot_of(inst, a->slot), NULL, now, err);
		return 0;
	case CHANGE_DELETE:
		if (old_a != NULL && old_a->status == MODEL_ASSIGNMENT_ACTIVE)
			return one(st, inst, old_a->youth, NOTIFY_CANCELLED,
			    slot_of(inst, old_a->slot), NULL, now, err);
		return 0;
	case CHANGE_CANCEL:
		if (old_a != NULL && old_a->status == MODEL_ASSIGNMENT_ACTIVE &&
		    one(st, inst, old_a->youth, NOTIFY_CANCELLED,
		        slot_of(inst, old_a->slot), NULL, now, err) == -1)
			return -1;
		if (c->replacement != NULL &&
		    (a = assignment_of(inst, c->replacement->id)) != NULL)
			return one(st, inst, a->youth, NOTIFY_NEW,
			    slot_of(inst, a->slot), NULL, now, err);
		return 0;
	case CHANGE_UPDATE:
		if (old_a == NULL || (a = assignment_of(inst, c->id)) == NULL)
			return 0;
		if (strcmp(old_a->youth, a->youth) != 0 ||
		    old_a->status != a->status) {
			if (old_a->status == MODEL_ASSIGNMENT_ACTIVE &&
			    one(st, inst, old_a->youth, NOTIFY_CANCELLED,
			        slot_of(inst, old_a->slot), NULL, now,
			        err) == -1)
				return -1;
			if (a->status == MODEL_ASSIGNMENT_ACTIVE)
				return one(st, inst, a->youth, NOTIFY_NEW,
				    slot_of(inst, a->slot), NULL, now, err);
			return 0;
		}
		if (strcmp(old_a->slot, a->slot) != 0 &&
		    a->status == MODEL_ASSIGNMENT_ACTIVE)
			return one(st, inst, a->youth, NOTIFY_MOVED,
			    slot_of(inst, a->slot), slot_of(inst, old_a->slot),
			    now, err);
		return 0;
	default:
		return 0;
	}
}

int
notify_batch(struct store *st, const struct model_instance *before,
    const struct model_instance *after, int64_t now, struct rotad_error *err)
{
	struct notify_visit *v;
	bool *done;
	int rc = 0;

	if (!notify_enabled() || after->nassignments == 0)
		return 0;
	v = xcalloc(after->nassignments, sizeof(*v));
	done = xcalloc(after->nassignments, sizeof(*done));
	/* Youth by youth, in the order they first appear. */
	for (size_t i = 0; i < after->nassignments && rc == 0; i++) {
		const char *youth = after->assignments[i].youth;
		size_t n = 0;
		if (done[i])
			continue;
		for (size_t k = i; k < after->nassignments; k++) {
			const struct model_assignment *a =
			    &after->assignments[k];
			bool is_new = k >= before->nassignments;
			bool cancelled = !is_new &&
			    before->assignments[k].status ==
			        MODEL_ASSIGNMENT_ACTIVE &&
			    a->status == MODEL_ASSIGNMENT_CANCELLED;
			if (done[k] || strcmp(a->youth, youth) != 0)
				continue;
			done[k] = true;
			if (!(is_new && a->status == MODEL_ASSIGNMENT_ACTIVE) &&
			    !cancelled)
				continue;
			if ((v[n].slot = slot_of(after, a->slot)) == NULL)
				continue;
			v[n].what = cancelled ? NOTIFY_CANCELLED : NOTIFY_NEW;
			n++;
		}
		if (n > 0)
			rc = notify_youth_digest(
			    st, after, youth, v, n, now, err);
	}
	free(v);
	free(done);
	return rc;
}
