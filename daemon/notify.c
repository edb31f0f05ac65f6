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
#include "log.h"
#include "i18n.h"
#include "model.h"
#include "notify.h"
#include "plan.h"
#include "publish.h"
#include "sbuf.h"
#include "store_outbox.h"
#include "store_requests.h"
#include "textfmt.h"
#include "tzmap.h"
#include "users.h"
#include "xmalloc.h"
#include "youthpage.h"

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

/* Whether a visit starts within the next NOTIFY_DAYS days (wall times). */
static bool
soon(const struct model_slot *sl, int64_t wall_now)
{
	return sl->end > wall_now &&
	    sl->start < wall_now + (int64_t)NOTIFY_DAYS * CIVIL_MIN_PER_DAY;
}

/* ---- one message, text and HTML ---- */

struct draft {
	struct sbuf t, h;
	enum i18n_lang lang, was;
	int64_t urgent_visit_at; /* outbox_new's; 0 (draft_begin): none */
	bool closed;             /* the list is closed (draft_note()) */
	const char *about;       /* outbox_new's about_youth; NULL: nobody */
};

/* Starts a message in language `tag`: the greeting and the first line. */
static void
draft_begin(struct draft *d, const char *tag, const char *title,
    const char *name, const char *intro)
{
	memset(d, 0, sizeof(*d));
	d->was = i18n_current();
	d->lang = I18N_EN;
	(void)i18n_parse_tag(tag, &d->lang);
	i18n_use(d->lang);
	title = _(title);
	intro = _(intro);
	/* TRANSLATORS: the greeting of an e-mail; %s is a first name. */
	sbuf_addf(&d->t, _("Hi %s,"), name);
	sbuf_adds(&d->t, "\n\n");
	sbuf_adds(&d->t, intro);
	sbuf_adds(&d->t, "\n\n");
	html_raw(&d->h, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(&d->h, i18n_tag(d->lang));
	html_raw(&d->h, "\"><head><meta charset=\"utf-8\"><title>");
	html_text(&d->h, title);
	html_raw(&d->h, "</title></head><body>\n<p>");
	html_textf(&d->h, _("Hi %s,"), name);
	html_raw(&d->h, "</p>\n<p>");
	html_text(&d->h, intro);
	html_raw(&d->h, "</p>\n<ul>\n");
}

/* One line of the list: "Heading: text" and an optional second line. */
static void
draft_item(
    struct draft *d, const char *heading, const char *text, const char *more)
{
	sbuf_addf(&d->t, "%s: %s\n", heading, text);
	html_raw(&d->h, "<li><strong>");
	html_text(&d->h, heading);
	html_raw(&d->h, ":</strong> ");
	html_text(&d->h, text);
	if (more != NULL) {
		sbuf_addf(&d->t, "  %s\n", more);
		html_raw(&d->h, " ");
		html_text(&d->h, more);
	}
	html_raw(&d->h, "</li>\n");
}

/* A paragraph after the list (msgid `note`); the list is closed. */
static void
draft_note(struct draft *d, const char *note)
{
	note = _(note);
	sbuf_addf(&d->t, "\n%s\n", note);
	html_raw(&d->h, d->closed ? "<p>" : "</ul>\n<p>");
	html_text(&d->h, note);
	html_raw(&d->h, "</p>\n");
	d->closed = true;
}

/* The footer: why this comes, and the unsubscribe link of its kind. */
static void
draft_end(struct draft *d, const char *why, const char *stop)
{
	why = _(why);
	stop = _(stop);
	html_raw(&d->h, d->closed ? "<p><small>" : "</ul>\n<p><small>");
	html_text(&d->h, why);
	html_raw(&d->h, " <a href=\"{UNSUBSCRIBE}\">");
	html_text(&d->h, stop);
	html_raw(&d->h, "</a></small></p>\n</body></html>\n");
	sbuf_adds(&d->t, "\n-- \n");
	sbuf_adds(&d->t, why);
	sbuf_adds(&d->t, "\n");
	sbuf_adds(&d->t, stop);
	sbuf_adds(&d->t, ": {UNSUBSCRIBE}\n");
}

/* The day a youth turns 18, for the quiet hours (or CIVIL_NO_DATE). */
static int32_t
adult_from(const struct model_instance *inst, const struct model_youth *y)
{
	int by, bm, bd;

	if (inst->mail_quiet_hours_off || y->birth_date == CIVIL_NO_DATE)
		return CIVIL_NO_DATE;
	civil_ymd_from_days(y->birth_date, &by, &bm, &bd);
	/* 29 February: the 18th birthday is 1 March. */
	if (bm == 2 && bd == 29 && !civil_valid_ymd(by + 18, 2, 29)) {
		bm = 3;
		bd = 1;
	}
	return civil_days_from_ymd(by + 18, bm, bd);
}

/*
 * "Unless urgent" (mail_mime.h, mail_quiet_urgent()): a digest keeps the
 * start of the earliest visit it tells about that is still ahead (a
 * moved one: the earlier of its old and new start), as a Unix time, so
 * that the sender can let it go in quiet hours when that visit starts
 * before the quiet window's end plus two hours.  Only visits digests:
 * reminders, answers, offers and consent mails are never urgent.  The
 * setting options.mail_urgent_in_quiet_hours off: 0, never urgent.
 */
static void
urgent_note(struct draft *d, const struct model_instance *inst,
    const struct tzmap *tz, int64_t wall_start, int64_t wall_end,
    int64_t wall_now)
{
	int64_t utc;

	if (inst->mail_urgent_in_quiet_hours_off || wall_end <= wall_now)
		return;
	(void)tzmap_to_utc(tz, wall_start, &utc);
	if (d->urgent_visit_at == 0 || utc * 60 < d->urgent_visit_at)
		d->urgent_visit_at = utc * 60;
}

/* Writes the message (subject a msgid) and ends the draft. */
static int
draft_send(struct draft *d, struct store *st, const struct model_instance *inst,
    const char *to, const char *rkind, const char *rid, const char *kind,
    const char *subject, int32_t adult, int64_t now, struct rotad_error *err)
{
	struct outbox_new m;
	int rc;

	memset(&m, 0, sizeof(m));
	m.recipient = to;
	m.recipient_kind = rkind;
	m.recipient_id = rid;
	m.kind = kind;
	m.language = i18n_tag(d->lang);
	m.subject = subject;
	m.text = d->t.s ? d->t.s : "";
	m.html = d->h.s ? d->h.s : "";
	m.adult_from = adult;
	m.zone = inst->timezone;
	m.now = now;
	m.domain = conf_domain;
	m.public_url = conf_public_url;
	m.urgent_visit_at = d->urgent_visit_at;
	m.about_youth = d->about;
	rc = outbox_enqueue(st, &m, err);
	i18n_use(d->was);
	sbuf_release(&d->t);
	sbuf_release(&d->h);
	return rc < 0 ? -1 : 0;
}

static void
draft_drop(struct draft *d)
{
	i18n_use(d->was);
	sbuf_release(&d->t);
	sbuf_release(&d->h);
}

int
notify_youth_digest(struct store *st, const struct model_instance *inst,
    const char *youth_id, const struct notify_visit *v, size_t n, int64_t now,
    struct rotad_error *err)
{
	const struct tzmap *tz;
	const struct model_youth *y;
	struct draft d;
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
	first = feed_first_name_dup(y->name);
	draft_begin(&d, model_youth_language(inst, y),
	    N_("Your visits have changed"), first,
	    N_("Your visits have changed:"));
	for (size_t i = 0; i < n; i++) {
		char what[800], was[300], date[TEXTFMT_MAX];
		char span[2 * TEXTFMT_MAX + 4];
		if (!soon(v[i].slot, wall_now) &&
		    !(v[i].what == NOTIFY_MOVED && v[i].old_end > wall_now))
			continue;
		visit_text(inst, v[i].slot, what, sizeof(what));
		if (v[i].what == NOTIFY_MOVED) {
			when_parts(v[i].old_start, v[i].old_end, date,
			    sizeof(date), span, sizeof(span));
			/* TRANSLATORS: after a moved visit, when it was
			   before: "Thursday 14 January", "16:00-18:00". */
			snprintf(
			    was, sizeof(was), _("(was %1$s %2$s)"), date, span);
		}
		draft_item(&d, heading(v[i].what), what,
		    v[i].what == NOTIFY_MOVED ? was : NULL);
		urgent_note(
		    &d, inst, tz, v[i].slot->start, v[i].slot->end, wall_now);
		if (v[i].what == NOTIFY_MOVED)
			urgent_note(&d, inst, tz, v[i].old_start, v[i].old_end,
			    wall_now);
		shown++;
	}
	draft_end(&d,
	    N_("You get this e-mail because you visit nursing homes through "
	       "rota."),
	    N_("No more e-mails about changed visits"));
	if (shown == 0) {
		draft_drop(&d);
		free(first);
		return 0;
	}
	rc = draft_send(&d, st, inst, y->email, "youth", y->id,
	    OUTBOX_KIND_VISITS, _("Your visits have changed"),
	    adult_from(inst, y), now, err);
	free(first);
	return rc;
}

/* ---- the reminder the day before ---- */

int64_t
notify_reminder_time(
    const struct model_instance *inst, const struct model_slot *sl)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	int64_t wall, utc;

	if (tz == NULL)
		return -1;
	wall = ((int64_t)civil_wall_date(sl->start) - 1) * CIVIL_MIN_PER_DAY +
	    NOTIFY_REMINDER_HOUR * 60;
	(void)tzmap_to_utc(tz, wall, &utc);
	return utc * 60;
}

int
notify_reminder_put(struct store *st, const struct model_instance *inst,
    const struct model_assignment *a, int64_t now, struct rotad_error *err)
{
	const struct model_slot *sl;
	const struct model_youth *y;
	struct draft d;
	char what[800], *first;
	int64_t when;
	long yi, si;

	if (!notify_enabled() || a->status != MODEL_ASSIGNMENT_ACTIVE ||
	    (yi = model_find_youth(inst, a->youth)) < 0 ||
	    (si = model_find_slot(inst, a->slot)) < 0)
		return 0;
	y = &inst->youths[yi];
	sl = &inst->slots[si];
	/* Too late for the day before (the mail about the new visit says
	 * it): none. */
	if (y->email == NULL || (when = notify_reminder_time(inst, sl)) < 0 ||
	    when <= now)
		return 0;
	first = feed_first_name_dup(y->name);
	draft_begin(&d, model_youth_language(inst, y),
	    N_("Reminder: your visit tomorrow"), first,
	    N_("A reminder of your visit tomorrow:"));
	visit_text(inst, sl, what, sizeof(what));
	/* TRANSLATORS: the heading of the one line of a reminder. */
	draft_item(&d, _("Tomorrow"), what, NULL);
	draft_end(&d,
	    N_("You get this e-mail because you visit nursing homes through "
	       "rota."),
	    N_("No more reminders"));
	free(first);
	{
		struct outbox_new m;
		int rc;

		memset(&m, 0, sizeof(m));
		m.recipient = y->email;
		m.recipient_kind = "youth";
		m.recipient_id = y->id;
		m.kind = OUTBOX_KIND_REMINDER;
		m.language = i18n_tag(d.lang);
		m.subject = _("Reminder: your visit tomorrow");
		m.text = d.t.s ? d.t.s : "";
		m.html = d.h.s ? d.h.s : "";
		m.adult_from = adult_from(inst, y);
		m.zone = inst->timezone;
		m.now = now;
		m.domain = conf_domain;
		m.public_url = conf_public_url;
		m.not_before = when;
		m.ref = a->id;
		m.ref_at = sl->start;
		rc = outbox_enqueue(st, &m, err);
		draft_drop(&d);
		return rc < 0 ? -1 : 0;
	}
}

int
notify_reminder_drop(
    struct store *st, const char *assignment_id, struct rotad_error *err)
{
	if (!notify_enabled())
		return 0;
	return outbox_drop_ref(st, assignment_id, err);
}

/* ---- requests and sick calls ---- */

/* A request in words for a reader: the visit, or the day off. */
static void
request_text(const struct model_instance *inst, const struct request *r,
    char *buf, size_t len)
{
	const struct model_slot *sl = NULL;
	char date[TEXTFMT_MAX];
	long s = r->slot[0] ? model_find_slot(inst, r->slot) : -1;

	if (s >= 0)
		sl = &inst->slots[s];
	if (r->kind == REQUEST_DAY_OFF) {
		textfmt_date_long(
		    civil_wall_date(r->start), date, sizeof(date));
		snprintf(buf, len, "%s", date);
	} else if (sl != NULL) {
		visit_text(inst, sl, buf, len);
	} else {
		snprintf(buf, len, "%s", r->slot);
	}
}

static const char *
request_heading(enum request_kind k)
{
	switch (k) {
	case REQUEST_CLAIM:
		return _("Take a visit");
	case REQUEST_GIVE_AWAY:
		return _("Give away a visit");
	default:
		return _("Day off");
	}
}

/* Whether `login` made the change (the actor "kari" or "kari (...)"). */
static bool
is_actor(const char *login, const char *actor)
{
	size_t n = strlen(login);

	return actor != NULL && strncmp(actor, login, n) == 0 &&
	    (actor[n] == '\0' || actor[n] == ' ');
}

/*
 * To every coordinator of `home` with an address, but the one who acted:
 * one line `text` under `heading`, in the organisation's language.
 */
static int
to_coordinators(struct store *st, const struct model_instance *inst,
    const char *home, const char *kind, const char *subject, const char *intro,
    const struct request *r, const char *actor, const struct model_slot *sl,
    const char *youth_id, int64_t now, struct rotad_error *err)
{
	size_t n = 0;
	struct users_recipient *v = users_mail_recipients(st, home, &n);
	long yi = youth_id ? model_find_youth(inst, youth_id) : -1;
	char *first =
	    feed_first_name_dup(yi >= 0 ? inst->youths[yi].name : "?");
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		struct draft d;
		char text[800], subj[300], line[1000];
		if (is_actor(v[i].login, actor))
			continue;
		draft_begin(
		    &d, model_language(inst), subject, v[i].login, intro);
		/* It names the youth: purged with them. */
		d.about = yi >= 0 ? inst->youths[yi].id : NULL;
		if (r != NULL) {
			request_text(inst, r, text, sizeof(text));
			/* TRANSLATORS: a youth's first name and what they
			   ask about. */
			snprintf(
			    line, sizeof(line), _("%1$s: %2$s"), first, text);
			draft_item(&d, request_heading(r->kind), line, NULL);
		} else {
			visit_text(inst, sl, text, sizeof(text));
			draft_item(&d, first, text, NULL);
		}
		draft_end(&d,
		    N_("You get this e-mail because you coordinate visits "
		       "in rota."),
		    strcmp(kind, OUTBOX_KIND_REQUEST) == 0
		        ? N_("No more e-mails about new requests")
		        : N_("No more e-mails about sick calls"));
		/* TRANSLATORS: an e-mail's subject and a youth's first name,
		   "New request: Ida". */
		snprintf(subj, sizeof(subj), "%s: %s", _(subject), first);
		rc = draft_send(&d, st, inst, v[i].email, "user", v[i].login,
		    kind, subj, CIVIL_NO_DATE, now, err);
	}
	free(v);
	free(first);
	return rc;
}

int
notify_request(struct store *st, const struct model_instance *inst,
    const struct request *r, const struct request *old, const char *actor,
    int64_t now, struct rotad_error *err)
{
	const struct model_youth *y;
	struct draft d;
	char text[800], *first;
	long yi, s;
	bool answer;

	if (!notify_enabled() || inst == NULL)
		return 0;
	s = r->slot[0] ? model_find_slot(inst, r->slot) : -1;
	/* A new request, or a colleague asking to take a visit given away:
	 * the coordinators of its home. */
	if (r->state == REQUEST_OPEN && s >= 0 &&
	    (old == NULL || (r->taker[0] != '\0' && old->taker[0] == '\0')))
		return to_coordinators(st, inst, inst->slots[s].home,
		    OUTBOX_KIND_REQUEST, N_("New request"),
		    N_("A youth asks for this; answer it in rota:"), r, actor,
		    NULL, r->taker[0] ? r->taker : r->youth, now, err);
	if (r->kind == REQUEST_DAY_OFF && r->state == REQUEST_OPEN &&
	    old == NULL)
		return 0; /* a day off without a visit: no home to tell */
	/* A coordinator's answer: the youth who asked. */
	answer = r->decided_by[0] != '\0' &&
	    (r->state == REQUEST_APPROVED || r->state == REQUEST_DECLINED) &&
	    (old == NULL || old->state == REQUEST_OPEN);
	if (!answer || (yi = model_find_youth(inst, r->youth)) < 0)
		return 0;
	y = &inst->youths[yi];
	if (y->email == NULL)
		return 0;
	first = feed_first_name_dup(y->name);
	draft_begin(&d, model_youth_language(inst, y),
	    N_("Answer to your request"), first,
	    r->state == REQUEST_APPROVED
	        ? N_("The coordinator said yes to your request:")
	        : N_("The coordinator said no to your request:"));
	request_text(inst, r, text, sizeof(text));
	draft_item(&d, request_heading(r->kind), text, NULL);
	draft_end(&d,
	    N_("You get this e-mail because you visit nursing homes through "
	       "rota."),
	    N_("No more e-mails with answers to my requests"));
	free(first);
	return draft_send(&d, st, inst, y->email, "youth", y->id,
	    OUTBOX_KIND_ANSWER, _("Answer to your request"),
	    adult_from(inst, y), now, err);
}

/* ---- a visit given away: offers to colleagues ---- */

static bool
active_on(const struct model_instance *inst, size_t youth, size_t slot)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].slot_idx == slot &&
		    inst->assignments[i].youth_idx == youth &&
		    inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE)
			return true;
	return false;
}

/*
 * Who may be told of an offer on slot `slot`: youths with an address,
 * but not those who have asked for this visit already (an open claim,
 * or the taker of an open give-away of it: their page lists it as
 * waiting, not as open).  A new array for free(), or NULL with err.
 */
static bool *
offer_audience(struct store *st, const struct model_instance *inst,
    const char *slot, struct rotad_error *err)
{
	enum request_state open = REQUEST_OPEN;
	struct request *v;
	size_t n;
	bool *want;

	if (store_requests_list(st, NULL, &open, NULL, &v, &n, err) == -1)
		return NULL;
	want = xcalloc(inst->nyouths + 1, sizeof(*want));
	for (size_t y = 0; y < inst->nyouths; y++)
		want[y] = inst->youths[y].email != NULL &&
		    inst->youths[y].email[0] != '\0';
	for (size_t i = 0; i < n; i++) {
		const char *who = "";
		long y;
		if (v[i].kind == REQUEST_CLAIM)
			who = v[i].youth;
		else if (v[i].kind == REQUEST_GIVE_AWAY)
			who = v[i].taker;
		y = who[0] ? model_find_youth(inst, who) : -1;
		if (y >= 0 && strcmp(v[i].slot, slot) == 0)
			want[y] = false;
	}
	free(v);
	return want;
}

/* One offer to youth y of visit sl, given away by youth `giver_id` whose
 * first name is `giver`, or (both NULL) with a place a sick call left
 * open. */
static int
offer_one(struct store *st, const struct model_instance *inst,
    const struct model_youth *y, const struct model_slot *sl,
    const char *giver_id, const char *giver, int64_t now,
    struct rotad_error *err)
{
	struct draft d;
	char what[800], head[300], *first = feed_first_name_dup(y->name);
	int rc;

	draft_begin(&d, model_youth_language(inst, y),
	    N_("A visit you can take"), first,
	    giver != NULL
	        ? N_("A colleague gives away a visit, and you may take it:")
	        : N_("A visit has a free place, and you may take it:"));
	d.about = giver_id; /* it names the giver: purged with them */
	visit_text(inst, sl, what, sizeof(what));
	if (giver != NULL)
		/* TRANSLATORS: the heading of an offer's one line; %s is the
		   first name of the youth who gives the visit away. */
		snprintf(head, sizeof(head), _("Given away by %s"), giver);
	else
		/* TRANSLATORS: the heading of an offer's one line when a
		   place on the visit is free (someone cancelled). */
		snprintf(head, sizeof(head), "%s", _("Free place"));
	draft_item(&d, head, what, NULL);
	draft_note(&d,
	    inst->claims_need_approval
	        ? N_("To take it, open your own page in rota (the link your "
	             "coordinator gave you) and tap \"I'll take it\". A "
	             "coordinator then approves it.")
	        : N_("To take it, open your own page in rota (the link your "
	             "coordinator gave you) and tap \"I'll take it\". The "
	             "first one to take it gets it."));
	draft_end(&d,
	    N_("You get this e-mail because you visit nursing homes through "
	       "rota."),
	    N_("No more e-mails about visits I can take"));
	rc = draft_send(&d, st, inst, y->email, "youth", y->id,
	    OUTBOX_KIND_OFFER, _("A visit you can take"), adult_from(inst, y),
	    now, err);
	free(first);
	return rc;
}

/*
 * Visit s offered by mail to the colleagues who may legally take it, as
 * their youth pages list it (youthpage_takers(): in the place of youth
 * `test`, or on an open position with test -1), given away by youth
 * `giver` (-1: a free place a sick call left), at most
 * NOTIFY_OFFER_MAX in the coordinators' rank order, skipping who opted
 * out or already asks for it.  0, or -1 with err.
 */
static int
offer_to_takers(struct store *st, const struct model_instance *inst,
    const struct tzmap *tz, size_t s, long test, long giver, int64_t now,
    struct rotad_error *err)
{
	const struct model_slot *sl = &inst->slots[s];
	size_t *who = NULL, n = 0, told = 0;
	char msg[256], *first = NULL;
	bool *want;
	int rc = 0;

	if ((want = offer_audience(st, inst, sl->id, err)) == NULL)
		return -1;
	if (youthpage_takers(
	        inst, tz, s, test, want, &who, &n, msg, sizeof(msg)) == -1) {
		/* The change stands; nobody is told (as the page lists
		 * nothing when it cannot check). */
		log_warnx("mail: no offers of %s: %s", sl->id, msg);
		free(want);
		return 0;
	}
	if (giver >= 0)
		first = feed_first_name_dup(inst->youths[giver].name);
	for (size_t i = 0; i < n && told < NOTIFY_OFFER_MAX && rc == 0; i++) {
		const struct model_youth *y = &inst->youths[who[i]];
		int o = outbox_opted_out(st, "youth", y->id, OUTBOX_KIND_OFFER);
		if (o == 1)
			continue; /* the next in the order takes the place */
		if (o == -1) {
			rotad_error_set(err, ROTAD_ERR_INTERNAL, NULL,
			    "the database failed to read opt-outs");
			rc = -1;
			break;
		}
		if ((rc = offer_one(st, inst, y, sl,
		         giver >= 0 ? inst->youths[giver].id : NULL, first, now,
		         err)) == 0)
			told++;
	}
	free(first);
	free(who);
	free(want);
	return rc;
}

int
notify_offer(struct store *st, const struct model_instance *inst,
    const struct request *r, int64_t now, struct rotad_error *err)
{
	const struct tzmap *tz;
	const struct model_slot *sl;
	int *open;
	long s, g, test;
	int64_t wall_now;

	if (!notify_enabled() || inst == NULL || r->kind != REQUEST_GIVE_AWAY ||
	    r->state != REQUEST_OPEN || r->taker[0] != '\0' ||
	    (s = model_find_slot(inst, r->slot)) < 0 ||
	    (g = model_find_youth(inst, r->youth)) < 0 ||
	    (tz = tzmap_get(inst->timezone)) == NULL)
		return 0;
	sl = &inst->slots[s];
	wall_now = tzmap_to_wall(tz, now / 60);
	/* Not started, within the window, and the giver's as published. */
	if (sl->cancelled || sl->start <= wall_now ||
	    sl->start >= wall_now + (int64_t)NOTIFY_DAYS * CIVIL_MIN_PER_DAY ||
	    !active_on(inst, (size_t)g, (size_t)s))
		return 0;
	/* As the page lists it: a visit with an open position is offered
	 * as one (the claim takes that position), a full one as a swap. */
	open = plan_open_positions(inst);
	test = open[s] > 0 ? -1 : g;
	free(open);
	return offer_to_takers(st, inst, tz, (size_t)s, test, g, now, err);
}

/* An open position of visit sl that a sick call left (no replacement
 * taken): offered as the give-aways are, as an open position. */
static int
offer_free_place(struct store *st, const struct model_instance *inst,
    const struct model_slot *sl, int64_t now, struct rotad_error *err)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	long s = model_find_slot(inst, sl->id);
	int64_t wall_now;
	int *open;
	bool free_place;

	if (tz == NULL || s < 0)
		return 0;
	wall_now = tzmap_to_wall(tz, now / 60);
	if (sl->cancelled || sl->start <= wall_now ||
	    sl->start >= wall_now + (int64_t)NOTIFY_DAYS * CIVIL_MIN_PER_DAY)
		return 0;
	open = plan_open_positions(inst);
	free_place = open[s] > 0;
	free(open);
	return free_place
	    ? offer_to_takers(st, inst, tz, (size_t)s, -1, -1, now, err)
	    : 0;
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

/* A cancelled visit: the coordinators of its home. */
static int
sick_call(struct store *st, const struct model_instance *inst,
    const struct change *c, const struct model_assignment *old_a,
    struct rotad_error *err)
{
	const struct model_slot *sl = slot_of(inst, old_a->slot);

	if (sl == NULL)
		return 0;
	return to_coordinators(st, inst, sl->home, OUTBOX_KIND_SICK_CALL,
	    N_("Cancellation"), N_("A youth has cancelled this visit:"), NULL,
	    c->actor, sl, old_a->youth, c->now, err);
}

/* The reminder of assignment a made again: taken back, put anew. */
static int
reminder_again(struct store *st, const struct model_instance *inst,
    const char *old_id, const struct model_assignment *a, int64_t now,
    struct rotad_error *err)
{
	if (old_id != NULL && notify_reminder_drop(st, old_id, err) == -1)
		return -1;
	return a != NULL ? notify_reminder_put(st, inst, a, now, err) : 0;
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
	/* Manual publishing: a change of a visit or an assignment is a
	 * draft and tells no youth (notify_publish() does, when published);
	 * a sick call still goes to the coordinators. */
	if (inst->publish_manual &&
	    (c->kind == CHANGE_SLOT || c->kind == CHANGE_ASSIGNMENT)) {
		if (c->kind == CHANGE_ASSIGNMENT && c->op == CHANGE_CANCEL &&
		    old_a != NULL && old_a->status == MODEL_ASSIGNMENT_ACTIVE)
			return sick_call(st, inst, c, old_a, err);
		return 0;
	}
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
			        now, err) == -1 ||
			    reminder_again(st, inst, a->id, a, now, err) == -1)
				return -1;
		}
		return 0;
	}
	if (c->kind == CHANGE_YOUTH && c->op == CHANGE_UPDATE) {
		/* The address or language may have changed: the queued
		 * reminders are written again (none without an address). */
		for (size_t i = 0; i < inst->nassignments; i++) {
			a = &inst->assignments[i];
			if (a->status == MODEL_ASSIGNMENT_ACTIVE &&
			    strcmp(a->youth, c->id) == 0 &&
			    reminder_again(st, inst, a->id, a, now, err) == -1)
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
			           slot_of(inst, a->slot), NULL, now, err) == -1
			    ? -1
			    : notify_reminder_put(st, inst, a, now, err);
		return 0;
	case CHANGE_DELETE:
		if (old_a == NULL)
			return 0;
		if (notify_reminder_drop(st, old_a->id, err) == -1)
			return -1;
		if (old_a->status == MODEL_ASSIGNMENT_ACTIVE)
			return one(st, inst, old_a->youth, NOTIFY_CANCELLED,
			    slot_of(inst, old_a->slot), NULL, now, err);
		return 0;
	case CHANGE_CANCEL:
		if (old_a != NULL &&
		    notify_reminder_drop(st, old_a->id, err) == -1)
			return -1;
		if (old_a != NULL && old_a->status == MODEL_ASSIGNMENT_ACTIVE &&
		    (one(st, inst, old_a->youth, NOTIFY_CANCELLED,
		         slot_of(inst, old_a->slot), NULL, now, err) == -1 ||
		        sick_call(st, inst, c, old_a, err) == -1))
			return -1;
		if (c->replacement != NULL &&
		    (a = assignment_of(inst, c->replacement->id)) != NULL)
			return one(st, inst, a->youth, NOTIFY_NEW,
			           slot_of(inst, a->slot), NULL, now, err) == -1
			    ? -1
			    : notify_reminder_put(st, inst, a, now, err);
		/* Nobody in their place: the free place is offered. */
		if (old_a != NULL && old_a->status == MODEL_ASSIGNMENT_ACTIVE &&
		    slot_of(inst, old_a->slot) != NULL)
			return offer_free_place(
			    st, inst, slot_of(inst, old_a->slot), now, err);
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
			/* Cancelled (a sick call): the coordinators too. */
			if (old_a->status == MODEL_ASSIGNMENT_ACTIVE &&
			    a->status == MODEL_ASSIGNMENT_CANCELLED &&
			    strcmp(old_a->youth, a->youth) == 0 &&
			    (sick_call(st, inst, c, old_a, err) == -1 ||
			        (slot_of(inst, a->slot) != NULL &&
			            offer_free_place(st, inst,
			                slot_of(inst, a->slot), now,
			                err) == -1)))
				return -1;
			if (reminder_again(st, inst, old_a->id, a, now, err) ==
			    -1)
				return -1;
			if (a->status == MODEL_ASSIGNMENT_ACTIVE)
				return one(st, inst, a->youth, NOTIFY_NEW,
				    slot_of(inst, a->slot), NULL, now, err);
			return 0;
		}
		if (strcmp(old_a->slot, a->slot) != 0 &&
		    a->status == MODEL_ASSIGNMENT_ACTIVE)
			return one(st, inst, a->youth, NOTIFY_MOVED,
			           slot_of(inst, a->slot),
			           slot_of(inst, old_a->slot), now, err) == -1
			    ? -1
			    : reminder_again(st, inst, old_a->id, a, now, err);
		return 0;
	default:
		return 0;
	}
}

/*
 * One digest per youth of v (youth[i] is whose v[i] is), in the order they
 * first appear; entries without a slot are left out.
 */
static int
digests(struct store *st, const struct model_instance *inst,
    const struct notify_visit *v, const char *const *youth, size_t n,
    int64_t now, struct rotad_error *err)
{
	bool *done = xcalloc(n + 1, sizeof(*done));
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		struct notify_visit *mine;
		size_t k = 0;
		if (done[i])
			continue;
		mine = xcalloc(n - i, sizeof(*mine));
		for (size_t j = i; j < n; j++)
			if (!done[j] && strcmp(youth[j], youth[i]) == 0) {
				done[j] = true;
				if (v[j].slot != NULL)
					mine[k++] = v[j];
			}
		if (k > 0)
			rc = notify_youth_digest(
			    st, inst, youth[i], mine, k, now, err);
		free(mine);
	}
	free(done);
	return rc;
}

int
notify_batch_in_place(struct store *st, const struct model_instance *inst,
    const struct notify_batch_of *b, int64_t now, struct rotad_error *err)
{
	size_t cap = b->nadded + b->ncancelled + 1, n = 0;
	struct notify_visit *v;
	const char **youth;
	const struct model_assignment *a;
	int rc = 0;

	if (!notify_enabled() || inst->publish_manual)
		return 0;
	for (size_t i = 0; i < b->nmoved; i++)
		for (size_t j = 0; j < inst->nassignments; j++)
			if (strcmp(inst->assignments[j].slot,
			        b->moved[i].slot) == 0)
				cap++;
	v = xcalloc(cap, sizeof(*v));
	youth = xcalloc(cap, sizeof(*youth));
	for (size_t i = 0; i < b->nadded && rc == 0; i++) {
		if ((a = assignment_of(inst, b->added[i])) == NULL ||
		    a->status != MODEL_ASSIGNMENT_ACTIVE)
			continue;
		v[n].what = NOTIFY_NEW;
		v[n].slot = slot_of(inst, a->slot);
		youth[n++] = a->youth;
		rc = notify_reminder_put(st, inst, a, now, err);
	}
	for (size_t i = 0; i < b->ncancelled && rc == 0; i++) {
		if ((a = assignment_of(inst, b->cancelled[i])) == NULL)
			continue;
		v[n].what = NOTIFY_CANCELLED;
		v[n].slot = slot_of(inst, a->slot);
		youth[n++] = a->youth;
		rc = notify_reminder_drop(st, a->id, err);
	}
	for (size_t i = 0; i < b->nmoved && rc == 0; i++) {
		const struct model_slot *sl = slot_of(inst, b->moved[i].slot);
		if (sl == NULL)
			continue;
		for (size_t j = 0; j < inst->nassignments && rc == 0; j++) {
			a = &inst->assignments[j];
			if (a->status != MODEL_ASSIGNMENT_ACTIVE ||
			    strcmp(a->slot, sl->id) != 0)
				continue;
			v[n].what = NOTIFY_MOVED;
			v[n].slot = sl;
			v[n].old_start = b->moved[i].old_start;
			v[n].old_end = b->moved[i].old_end;
			youth[n++] = a->youth;
			rc = reminder_again(st, inst, a->id, a, now, err);
		}
	}
	if (rc == 0)
		rc = digests(st, inst, v, youth, n, now, err);
	free(youth);
	free(v);
	return rc;
}

/* A visit as a publish's side shows it, as a slot for the digest. */
static void
slot_of_visit(struct model_slot *sl, const struct publish_visit *pv)
{
	memset(sl, 0, sizeof(*sl));
	sl->id = pv->slot;
	sl->home = pv->home;
	sl->start = pv->start;
	sl->end = pv->end;
	sl->activity = pv->activity;
}

int
notify_publish(struct store *st, const struct model_instance *live,
    const struct publish_diff *d, int64_t now, struct rotad_error *err)
{
	int rc = 0;

	if (!notify_enabled())
		return 0;
	for (size_t y = 0; y < d->nyouths && rc == 0; y++) {
		const struct publish_subject *sub = &d->youths[y];
		struct notify_visit *v = xcalloc(sub->n + 1, sizeof(*v));
		struct model_slot *gone = xcalloc(sub->n + 1, sizeof(*gone));
		size_t k = 0;
		for (size_t i = 0; i < sub->n && rc == 0; i++) {
			const struct publish_item *it = &sub->items[i];
			const struct model_assignment *a = it->assignment
			    ? assignment_of(live, it->assignment)
			    : NULL;
			const struct model_slot *sl = it->after.slot
			    ? slot_of(live, it->after.slot)
			    : NULL;
			switch (it->what) {
			case PUBLISH_ADDED:
			case PUBLISH_MOVED:
				if (sl == NULL)
					break;
				v[k].what = it->what == PUBLISH_ADDED
				    ? NOTIFY_NEW
				    : NOTIFY_MOVED;
				v[k].slot = sl;
				v[k].old_start = it->before.start;
				v[k++].old_end = it->before.end;
				if (a != NULL &&
				    a->status == MODEL_ASSIGNMENT_ACTIVE)
					rc = reminder_again(
					    st, live, a->id, a, now, err);
				break;
			case PUBLISH_CANCELLED:
				slot_of_visit(&gone[i], &it->before);
				v[k].what = NOTIFY_CANCELLED;
				v[k++].slot = &gone[i];
				if (it->assignment != NULL)
					rc = notify_reminder_drop(
					    st, it->assignment, err);
				break;
			case PUBLISH_CHANGED:
				break;
			}
		}
		if (rc == 0 && k > 0)
			rc = notify_youth_digest(
			    st, live, sub->id, v, k, now, err);
		free(gone);
		free(v);
	}
	return rc;
}

/* ---- the guardian's consent link ---- */

int
notify_consent_link(struct store *st, const struct model_instance *inst,
    const char *youth_id, const char *base_url, int64_t link_id,
    int64_t link_created_at, int64_t expires_at, int64_t now,
    struct rotad_error *err)
{
	const struct tzmap *tz;
	const struct model_youth *y;
	struct outbox_new m;
	struct sbuf t = {0}, h = {0};
	enum i18n_lang lang = I18N_EN, was = i18n_current();
	char until[TEXTFMT_MAX], ref[sizeof(OUTBOX_CONSENT_REF) + 24];
	char *first, *url, *subject, *intro;
	int64_t wall;
	long yi;
	int rc;

	if (!notify_enabled() || (yi = model_find_youth(inst, youth_id)) < 0)
		return 0;
	y = &inst->youths[yi];
	if (y->guardian_email == NULL || y->guardian_email[0] == '\0' ||
	    (tz = tzmap_get(inst->timezone)) == NULL)
		return 0;
	(void)i18n_parse_tag(model_youth_language(inst, y), &lang);
	i18n_use(lang);
	wall = tzmap_to_wall(tz, (expires_at - 1) / 60);
	textfmt_date_long(civil_wall_date(wall), until, sizeof(until));
	first = feed_first_name_dup(y->name);
	url = xasprintf("%s%sconsent/%s", base_url,
	    base_url[0] && base_url[strlen(base_url) - 1] == '/' ? "" : "/",
	    OUTBOX_CONSENT_TOKEN);
	/* TRANSLATORS: the subject of the guardian's e-mail; %s is the
	   youth's first name. */
	subject = xasprintf(_("Your consent for %s's visits"), first);
	/* TRANSLATORS: %s is the youth's first name. */
	intro = xasprintf(_("%s is to visit nursing homes through rota, and "
	                    "the coordinator asks for your consent as "
	                    "guardian."),
	    first);
	/* Text. */
	/* TRANSLATORS: the greeting of the guardian's e-mail (no name: rota
	   may not know it). */
	sbuf_adds(&t, _("Hello,"));
	sbuf_adds(&t, "\n\n");
	sbuf_adds(&t, intro);
	sbuf_adds(&t, "\n\n");
	sbuf_adds(&t,
	    _("Open the link to read what the work is and the "
	      "limits that protect young workers, and to give or "
	      "withdraw your consent:"));
	sbuf_adds(&t, "\n\n");
	sbuf_adds(&t, url);
	sbuf_adds(&t, "\n\n");
	/* TRANSLATORS: %s is a date: "Monday 14 December". */
	sbuf_addf(&t, _("The link works until %s."), until);
	sbuf_adds(&t, " ");
	sbuf_adds(&t,
	    _("Please do not pass it on: whoever opens it can "
	      "answer for you."));
	sbuf_adds(&t, "\n\n-- \n");
	sbuf_adds(&t,
	    _("If you did not expect this e-mail, you can ignore "
	      "it."));
	sbuf_adds(&t, "\n");
	/* HTML. */
	html_raw(&h, "<!DOCTYPE html>\n<html lang=\"");
	html_attr(&h, i18n_tag(lang));
	html_raw(&h, "\"><head><meta charset=\"utf-8\"><title>");
	html_text(&h, subject);
	html_raw(&h, "</title></head><body>\n<p>");
	html_text(&h, _("Hello,"));
	html_raw(&h, "</p>\n<p>");
	html_text(&h, intro);
	html_raw(&h, "</p>\n<p>");
	html_text(&h,
	    _("Open the link to read what the work is and the "
	      "limits that protect young workers, and to give or "
	      "withdraw your consent:"));
	html_raw(&h, "</p>\n<p><a href=\"");
	html_attr(&h, url);
	html_raw(&h, "\">");
	html_text(&h, url);
	html_raw(&h, "</a></p>\n<p>");
	html_textf(&h, _("The link works until %s."), until);
	html_raw(&h, " ");
	html_text(&h,
	    _("Please do not pass it on: whoever opens it can "
	      "answer for you."));
	html_raw(&h, "</p>\n<p><small>");
	html_text(&h,
	    _("If you did not expect this e-mail, you can ignore "
	      "it."));
	html_raw(&h, "</small></p>\n</body></html>\n");
	snprintf(
	    ref, sizeof(ref), "%s%lld", OUTBOX_CONSENT_REF, (long long)link_id);
	memset(&m, 0, sizeof(m));
	m.recipient = y->guardian_email;
	m.recipient_kind = "youth";
	m.recipient_id = y->id;
	m.kind = OUTBOX_KIND_CONSENT;
	m.language = i18n_tag(lang);
	m.subject = subject;
	m.text = t.s ? t.s : "";
	m.html = h.s ? h.s : "";
	m.adult_from = CIVIL_NO_DATE; /* the guardian is an adult */
	m.zone = inst->timezone;
	m.now = now;
	m.domain = conf_domain;
	m.public_url = NULL; /* no unsubscribe link */
	m.ref = ref;
	m.ref_at = link_created_at;
	rc = outbox_forget_ref(st, ref, err) == -1
	    ? -1
	    : outbox_enqueue(st, &m, err);
	i18n_use(was);
	sbuf_release(&t);
	sbuf_release(&h);
	free(intro);
	free(subject);
	free(url);
	free(first);
	return rc;
}
