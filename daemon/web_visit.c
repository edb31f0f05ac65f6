/* SPDX-License-Identifier: ISC */
/*
 * This file contains the visit page without JavaScript (issue 19, screen
 * 2; "Without JavaScript" in docs/web.md):
 *
 *   GET  /visits/{slot}                          details, who is on it,
 *                                                who can take it (?q=)
 *   POST /visits/{slot}/assign                   youth
 *   POST /visits/{slot}/assignments/{id}/remove
 *   POST /visits/{slot}/assignments/{id}/cancel  a sick call (refill=1:
 *                                                put a replacement on)
 *
 * Every form carries the session's CSRF token (access_page()).  A change
 * goes through api_change_try(), the API's own path (the labour-law gate,
 * one transaction with its audit row); done, the answer is 303 back to
 * the page.  A refusal is the page again (409) with every broken rule and
 * its legal reference at the row where the user acted, and the force
 * step: a checkbox (force=1) and a required reason, kept in the audit.
 * "Who can take it" is candidates.c's list, as GET
 * /api/v1/slots/{id}/candidates gives it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "access.h"
#include "api.h"
#include "api_schedule.h"
#include "api_util.h"
#include "candidates.h"
#include "change.h"
#include "civil.h"
#include "form.h"
#include "html.h"
#include "model.h"
#include "plan.h"
#include "rotad.h"
#include "rules.h"
#include "state.h"
#include "textfmt.h"
#include "tzmap.h"
#include "users.h"
#include "web_page.h"
#include "xmalloc.h"

#define SHOWN_CANDIDATES 50 /* the rest: search by name */

enum act { ACT_NONE, ACT_ASSIGN, ACT_REMOVE, ACT_CANCEL };

/* What the user just tried and why it did not go through, at its row. */
struct outcome {
	enum act act;
	const char *target;  /* the youth (assign) or the assignment */
	json_t *violations;  /* a refusal by the gate (borrowed), or NULL */
	size_t total;        /* how many violations in all */
	const char *message; /* another error, or NULL */
	const char *reason;  /* the reason given, kept in its field */
	const char *reason_error;
	const char *notice; /* said when done (the page, not a redirect) */
};

static void
csrf_form_start(struct sbuf *b, const char *slot, const char *path,
    const char *csrf, const char *cls)
{
	html_raw(b, "<form method=\"post\" class=\"");
	html_attr(b, cls);
	html_raw(b, "\" action=\"/visits/");
	html_url_part(b, slot);
	html_raw(b, path);
	html_raw(b, "\">");
	web_csrf_field(b, csrf);
}

/* "/assignments/ID/remove" as a path (the id encoded). */
static char *
assignment_path(const char *id, const char *what)
{
	struct sbuf b = {0};

	html_raw(&b, "/assignments/");
	html_url_part(&b, id);
	html_raw(&b, "/");
	html_raw(&b, what);
	return sbuf_take(&b);
}

static void
rules_list(struct sbuf *b, json_t *violations, const char *cls)
{
	size_t i;
	json_t *v;

	html_raw(b, "<ul class=\"");
	html_attr(b, cls);
	html_raw(b, "\">");
	json_array_foreach(violations, i, v)
	{
		const char *ref =
		    json_string_value(json_object_get(v, "reference"));
		html_raw(b, "<li class=\"rule\"><span class=\"rule-message\">");
		html_text(b, json_string_value(json_object_get(v, "message")));
		html_raw(b, "</span>");
		if (ref != NULL && ref[0] != '\0') {
			html_raw(b, " <span class=\"rule-ref\">");
			html_text(b, ref);
			html_raw(b, "</span>");
		}
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

/*
 * The refusal at the row acted on: the rules and the force step, a form
 * that posts the same change again with force=1 and a reason.
 */
static void
refusal(struct sbuf *b, const char *slot, const char *csrf,
    const struct outcome *o, const char *path, const char *youth,
    const char *force_label)
{
	size_t shown;

	html_raw(b, "<div class=\"refusal\" role=\"alert\" id=\"refusal\">");
	if (o->violations == NULL) {
		html_raw(b, "<p class=\"refusal-title\">");
		html_text(b, o->message);
		html_raw(b, "</p></div>");
		return;
	}
	html_raw(b, "<p class=\"refusal-title\">");
	html_text(b, _("Refused: this would break the rules"));
	html_raw(b, "</p>");
	rules_list(b, o->violations, "rules");
	shown = json_array_size(o->violations);
	if (o->total > shown) {
		char n[16];
		snprintf(n, sizeof(n), "%zu", o->total - shown);
		html_raw(b, "<p class=\"muted\">");
		web_textv(b, _("And {n} more."), "n", n, NULL);
		html_raw(b, "</p>");
	}
	csrf_form_start(b, slot, path, csrf, "refusal-actions force-form");
	if (youth != NULL) {
		html_raw(b, "<input type=\"hidden\" name=\"youth\" value=\"");
		html_attr(b, youth);
		html_raw(b, "\">");
	}
	html_raw(b,
	    "<div class=\"confirm\"><input type=\"checkbox\" "
	    "class=\"checkbox\" id=\"force\" name=\"force\" "
	    "value=\"1\" required><label for=\"force\">");
	html_text(b,
	    _("I have a reason the rules cannot know and I answer "
	      "for this change. It is recorded in the audit log."));
	html_raw(b,
	    "</label></div><div class=\"field\"><label "
	    "class=\"label\" for=\"reason\">");
	html_text(b, _("Reason (kept in the audit log)"));
	html_raw(b,
	    "</label><input class=\"input\" type=\"text\" "
	    "id=\"reason\" name=\"reason\" required maxlength=\"500\"");
	if (o->reason != NULL) {
		html_raw(b, " value=\"");
		html_attr(b, o->reason);
		html_raw(b, "\"");
	}
	if (o->reason_error != NULL)
		html_raw(b,
		    " aria-invalid=\"true\" "
		    "aria-describedby=\"reason-error\"");
	html_raw(b, ">");
	if (o->reason_error != NULL) {
		html_raw(b, "<p class=\"field-error\" id=\"reason-error\">");
		html_text(b, o->reason_error);
		html_raw(b, "</p>");
	}
	html_raw(b,
	    "</div><div class=\"button-row\"><button class=\"btn "
	    "btn-small btn-danger\" type=\"submit\" id=\"force-submit\">");
	html_text(b, force_label);
	html_raw(
	    b, "</button><a class=\"btn btn-small btn-quiet\" href=\"/visits/");
	html_url_part(b, slot);
	html_raw(b, "\">");
	html_text(b, _("Cancel"));
	html_raw(b, "</a></div></form></div>");
}

static bool
acted_on(const struct outcome *o, enum act act, const char *target)
{
	return o != NULL && o->act == act && o->target != NULL &&
	    strcmp(o->target, target) == 0;
}

static void
assigned_row(struct sbuf *b, const struct model_instance *inst,
    const struct model_assignment *a, const char *csrf, const struct outcome *o)
{
	const char *name = inst->youths[a->youth_idx].name;
	const char *slot = inst->slots[a->slot_idx].id;
	char *rm = assignment_path(a->id, "remove");
	char *cancel = assignment_path(a->id, "cancel");

	html_raw(b, "<li class=\"person\" data-assignment=\"");
	html_attr(b, a->id);
	html_raw(
	    b, "\"><div class=\"person-main\"><span class=\"person-name\">");
	html_text(b, name);
	html_raw(b, "</span>");
	if (a->made_by == MODEL_MADE_BY_SOLVER) {
		html_raw(b, "<span class=\"tag\">");
		html_text(b, _("planner"));
		html_raw(b, "</span>");
	}
	html_raw(b, "<span class=\"person-actions\">");
	csrf_form_start(b, slot, cancel, csrf, "inline-form cancel-form");
	html_raw(b,
	    "<label class=\"label-inline small\"><input "
	    "type=\"checkbox\" class=\"checkbox\" name=\"refill\" "
	    "value=\"1\"> ");
	html_text(b, _("Find a replacement"));
	html_raw(b,
	    "</label> <button class=\"btn btn-small\" type=\"submit\" "
	    "aria-label=\"");
	web_textv(b, _("Sick call: {name} is not coming"), "name", name, NULL);
	html_raw(b, "\">");
	html_text(b, _("Sick call"));
	html_raw(b, "</button></form>");
	csrf_form_start(b, slot, rm, csrf, "inline-form remove-form");
	html_raw(b,
	    "<button class=\"btn btn-small btn-quiet\" type=\"submit\" "
	    "aria-label=\"");
	web_textv(b, _("Remove {name} from this visit"), "name", name, NULL);
	html_raw(b, "\">");
	html_text(b, _("Remove"));
	html_raw(b, "</button></form></span></div>");
	if (acted_on(o, ACT_REMOVE, a->id))
		refusal(b, slot, csrf, o, rm, NULL, _("Remove anyway"));
	else if (acted_on(o, ACT_CANCEL, a->id))
		refusal(b, slot, csrf, o, cancel, NULL, _("Sick call"));
	html_raw(b, "</li>");
	free(rm);
	free(cancel);
}

/* Whether name holds q, ignoring ASCII case. */
static bool
name_matches(const char *name, const char *q)
{
	size_t n = strlen(q);

	if (n == 0)
		return true;
	for (const char *p = name; *p != '\0'; p++)
		if (strncasecmp(p, q, n) == 0)
			return true;
	return false;
}

static void
candidate_row(struct sbuf *b, struct candidate_list *l,
    const struct candidate *c, const char *slot, const char *csrf,
    const struct outcome *o)
{
	const struct model_youth *y = &l->inst->youths[c->youth];
	struct rules_report rep = {0};
	char age[16];

	snprintf(age, sizeof(age), "%d", c->age);
	html_raw(b, "<li class=\"cand");
	if (!c->eligible)
		html_raw(b, " cand-ineligible");
	html_raw(b, "\" data-youth=\"");
	html_attr(b, y->id);
	html_raw(b, "\"><div class=\"cand-main\"><span class=\"cand-name\">");
	html_text(b, y->name);
	html_raw(b, "</span> <span class=\"cand-age\">");
	web_textv(b, _("{age} years"), "age", age, NULL);
	html_raw(b, "</span>");
	if (!c->eligible) {
		html_raw(b, " <span class=\"tag tag-warn\">");
		html_text(b, _("not allowed"));
		html_raw(b, "</span>");
	}
	csrf_form_start(b, slot, "/assign", csrf, "inline-form assign-form");
	html_raw(b, "<input type=\"hidden\" name=\"youth\" value=\"");
	html_attr(b, y->id);
	html_raw(b, "\"><button type=\"submit\" class=\"btn btn-small ");
	html_raw(b, c->eligible ? "btn-primary" : "btn-secondary");
	html_raw(b, "\" aria-label=\"");
	web_textv(b, _("Assign {name}"), "name", y->name, NULL);
	html_raw(b, "\">");
	html_text(b, _("Assign"));
	html_raw(b, "</button></form></div>");
	if (!c->eligible && candidates_reasons(l, c, &rep) == 0 && rep.n > 0) {
		html_raw(b, "<ul class=\"rules rules-quiet\">");
		for (size_t i = 0; i < rep.n; i++) {
			html_raw(b,
			    "<li class=\"rule\"><span "
			    "class=\"rule-message\">");
			html_text(b, rep.v[i].message);
			html_raw(b, "</span>");
			if (rep.v[i].reference && rep.v[i].reference[0]) {
				html_raw(b, " <span class=\"rule-ref\">");
				html_text(b, rep.v[i].reference);
				html_raw(b, "</span>");
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	rules_report_free(&rep);
	if (acted_on(o, ACT_ASSIGN, y->id))
		refusal(b, slot, csrf, o, "/assign", y->id, _("Assign anyway"));
	html_raw(b, "</li>");
}

static void
candidates_section(struct sbuf *b, struct api_ctx *ctx,
    const struct model_instance *inst, size_t s, const char *csrf,
    const char *q, const struct outcome *o)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	const char *slot = inst->slots[s].id;
	struct candidate_list l;
	bool *visible;
	char err[256], n[16];
	size_t shown = 0, more = 0;

	html_raw(b,
	    "<section class=\"panel-section\" id=\"candidates\" "
	    "aria-labelledby=\"cand-title\"><h2 id=\"cand-title\" "
	    "class=\"section-title\">");
	html_text(b, _("Who can take it"));
	html_raw(b, "</h2><p class=\"muted small\">");
	html_text(b,
	    _("Those who may legally take it first, best suited at "
	      "the top."));
	html_raw(b,
	    "</p><form method=\"get\" class=\"cand-search-form\" "
	    "action=\"/visits/");
	html_url_part(b, slot);
	html_raw(b, "\"><label class=\"label-inline\" for=\"cand-search\">");
	html_text(b, _("Search youths by name"));
	html_raw(b,
	    "</label> <input type=\"search\" id=\"cand-search\" "
	    "name=\"q\" class=\"input input-small\" value=\"");
	html_attr(b, q);
	html_raw(b, "\"> <button class=\"btn btn-small\" type=\"submit\">");
	html_text(b, _("Search"));
	html_raw(b, "</button></form>");
	visible = xcalloc(inst->nyouths + 1, sizeof(*visible));
	for (size_t y = 0; y < inst->nyouths; y++)
		visible[y] = access_youth_visible(ctx, &inst->youths[y]);
	if (tz == NULL ||
	    candidates_compute(
	        inst, tz, s, visible, NULL, &l, err, sizeof(err)) == -1) {
		free(visible);
		html_raw(b, "<p class=\"notice notice-error\">");
		html_text(b, tz == NULL ? inst->timezone : err);
		html_raw(b, "</p></section>");
		return;
	}
	free(visible);
	html_raw(b, "<ul class=\"cands\" id=\"cand-list\">");
	for (size_t i = 0; i < l.n; i++) {
		const struct candidate *c = &l.c[i];
		const struct model_youth *y = &inst->youths[c->youth];
		bool acted = acted_on(o, ACT_ASSIGN, y->id);
		if (c->assigned && !acted)
			continue;
		if (!acted && !name_matches(y->name, q))
			continue;
		if (!acted && shown >= SHOWN_CANDIDATES) {
			more++;
			continue;
		}
		candidate_row(b, &l, c, slot, csrf, o);
		shown++;
	}
	if (shown == 0) {
		html_raw(b, "<li class=\"muted\">");
		html_text(b,
		    q[0] ? _("Nobody matches the search.")
		         : _("Nobody else can be assigned here."));
		html_raw(b, "</li>");
	}
	if (more > 0) {
		snprintf(n, sizeof(n), "%zu", more);
		html_raw(b, "<li class=\"muted small\">");
		web_textv(b, _("{n} more: search by name to find them."), "n",
		    n, NULL);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></section>");
	candidates_free(&l);
}

static void
fact(struct sbuf *b, const char *name, const char *value)
{
	html_raw(b, "<dt>");
	html_text(b, name);
	html_raw(b, "</dt><dd>");
	html_text(b, value);
	html_raw(b, "</dd>");
}

/* The visit page, with the outcome of what was just tried (or NULL). */
static void
visit_page(struct api_ctx *ctx, const struct model_instance *inst, size_t s,
    const char *csrf, int status, const struct outcome *o)
{
	const struct model_slot *sl = &inst->slots[s];
	const char *q = api_query(ctx, "q");
	const char *activity =
	    sl->activity && sl->activity[0] ? sl->activity : _("Visit");
	char t0[CIVIL_HM_LEN], t1[CIVIL_HM_LEN], day[TEXTFMT_MAX], d[32];
	char week[CIVIL_DATE_LEN], n1[16], n2[16];
	struct sbuf b = {0}, v = {0};
	size_t nactive = 0, ncancelled = 0;
	int open;

	if (q == NULL)
		q = "";
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].slot_idx == s) {
			if (inst->assignments[i].status ==
			    MODEL_ASSIGNMENT_ACTIVE)
				nactive++;
			else
				ncancelled++;
		}
	open = plan_positions_of(sl) - (int)nactive;
	civil_format_hm(civil_wall_minute(sl->start), t0);
	civil_format_hm(civil_wall_minute(sl->end), t1);
	textfmt_date_long(civil_wall_date(sl->start), day, sizeof(day));
	civil_format_date(civil_week_monday(civil_wall_date(sl->start)), week);

	web_topbar(&b, ctx, csrf);
	html_raw(&b,
	    "<main id=\"main\" class=\"main visit-page\">"
	    "<p><a class=\"btn btn-quiet\" id=\"back\" href=\"/?week=");
	html_raw(&b, week);
	html_raw(&b, "\">\xe2\x80\xb9 ");
	html_text(&b, _("Back to the week board"));
	html_raw(&b,
	    "</a></p><div class=\"card visit-card\"><h1 "
	    "class=\"panel-title\" id=\"visit-title\">");
	html_text(&b, activity);
	html_raw(&b, "</h1><dl class=\"facts\">");
	fact(&b, _("Home"), inst->homes[sl->home_idx].name);
	fact(&b, _("Date"), day);
	snprintf(d, sizeof(d), "%s\xe2\x80\x93%s", t0, t1);
	fact(&b, _("Time"), d);
	snprintf(n1, sizeof(n1), "%zu", nactive);
	snprintf(n2, sizeof(n2), "%d", sl->needed);
	web_textv(&v, _("{assigned} of {needed} filled"), "assigned", n1,
	    "needed", n2, NULL);
	html_raw(&b, "<dt>");
	html_text(&b, _("Positions"));
	html_raw(&b, "</dt><dd>");
	sbuf_add(&b, v.s, v.len);
	html_raw(&b, "</dd>");
	sbuf_release(&v);
	if (sl->min_age > 0) {
		snprintf(n1, sizeof(n1), "%d", sl->min_age);
		fact(&b, _("Minimum age"), n1);
	}
	if (sl->nrequires > 0) {
		html_raw(&b, "<dt>");
		html_text(&b, _("Needs"));
		html_raw(&b, "</dt><dd>");
		for (size_t r = 0; r < sl->nrequires; r++) {
			html_textf(&b, "%s%s \xc3\x97 %d", r ? ", " : "",
			    sl->requires[r].skill, sl->requires[r].count);
		}
		html_raw(&b, "</dd>");
	}
	html_raw(&b, "</dl>");
	if (open > 0) {
		snprintf(n1, sizeof(n1), "%d", open);
		html_raw(&b, "<p class=\"badge badge-open badge-lg\">");
		web_textv(&b, _("{n} open"), "n", n1, NULL);
	} else {
		html_raw(&b, "<p class=\"badge badge-full badge-lg\">");
		html_text(&b, _("Filled"));
	}
	html_raw(&b,
	    "</p><section class=\"panel-section\" "
	    "aria-labelledby=\"assigned-title\"><h2 "
	    "id=\"assigned-title\" class=\"section-title\">");
	html_text(&b, _("Assigned"));
	html_raw(&b, "</h2>");
	if (o != NULL && o->notice != NULL) {
		html_raw(&b,
		    "<p class=\"notice notice-info\" role=\"status\" "
		    "id=\"notice\">");
		web_textv(&b, _("Nobody can take the place: {why}"), "why",
		    o->notice, NULL);
		html_raw(&b, "</p>");
	}
	if (nactive == 0) {
		html_raw(&b, "<p class=\"muted\">");
		html_text(&b, _("Nobody is assigned yet."));
		html_raw(&b, "</p>");
	} else {
		html_raw(&b, "<ul class=\"people\" id=\"assigned\">");
		for (size_t i = 0; i < inst->nassignments; i++)
			if (inst->assignments[i].slot_idx == s &&
			    inst->assignments[i].status ==
			        MODEL_ASSIGNMENT_ACTIVE)
				assigned_row(
				    &b, inst, &inst->assignments[i], csrf, o);
		html_raw(&b, "</ul>");
	}
	html_raw(&b, "</section>");
	if (ncancelled > 0) {
		html_raw(&b,
		    "<section class=\"panel-section\" "
		    "aria-labelledby=\"cancelled-title\"><h2 "
		    "id=\"cancelled-title\" class=\"section-title\">");
		html_text(&b, _("Cancelled"));
		html_raw(&b, "</h2><ul class=\"people\" id=\"cancelled\">");
		for (size_t i = 0; i < inst->nassignments; i++) {
			const struct model_assignment *a =
			    &inst->assignments[i];
			if (a->slot_idx != s ||
			    a->status == MODEL_ASSIGNMENT_ACTIVE)
				continue;
			html_raw(&b,
			    "<li class=\"person person-cancelled\">"
			    "<span class=\"person-name\">");
			html_text(&b, inst->youths[a->youth_idx].name);
			html_raw(&b, "</span> <span class=\"tag\">");
			html_text(&b, _("sick call"));
			html_raw(&b, "</span></li>");
		}
		html_raw(&b, "</ul></section>");
	}
	if (o != NULL && o->act == ACT_ASSIGN && o->violations == NULL &&
	    o->target == NULL) {
		/* An assign with no known youth: the message at the list. */
		html_raw(&b,
		    "<div class=\"refusal\" role=\"alert\" "
		    "id=\"refusal\"><p class=\"refusal-title\">");
		html_text(&b, o->message);
		html_raw(&b, "</p></div>");
	}
	candidates_section(&b, ctx, inst, s, csrf, q, o);
	html_raw(&b, "</div></main>");
	{
		char *title = xasprintf("%s \xe2\x80\x93 %s", activity,
		    inst->homes[sl->home_idx].name);
		web_send(ctx, status, title, &b, false);
		free(title);
	}
	sbuf_release(&b);
}

/*
 * The session, the instance and the slot of a visit route: returns the
 * slot's index, or -1 after answering (the login, 403, 404).
 */
static long
visit_of(struct api_ctx *ctx, const char *csrf_in, char csrf[USERS_CSRF_LEN],
    const struct model_instance **inst)
{
	struct rotad_error err;
	long s;

	if (web_session(ctx, csrf_in, csrf) == -1)
		return -1;
	rotad_error_clear(&err);
	if ((*inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return -1;
	}
	if ((s = model_find_slot(*inst, ctx->params[0])) < 0) {
		rotad_error_set(&err, ROTAD_ERR_NOT_FOUND, NULL,
		    "no %s has id '%s'", _("slot"), ctx->params[0]);
		web_error_page(ctx, &err);
		return -1;
	}
	return s;
}

static void
visit_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	char csrf[USERS_CSRF_LEN];
	long s;

	if ((s = visit_of(ctx, NULL, csrf, &inst)) < 0)
		return;
	visit_page(ctx, inst, (size_t)s, csrf, 200, NULL);
}

static void
redirect_to_visit(struct api_ctx *ctx, const char *slot)
{
	struct sbuf b = {0};

	html_raw(&b, "/visits/");
	html_url_part(&b, slot);
	sbuf_add(&b, "", 0);
	web_redirect(ctx, b.s);
	sbuf_release(&b);
}

/*
 * force=1 and the reason of a force form: *reason_error set (and false
 * returned) when the reason is missing or not one line of at most
 * API_FORCE_REASON_MAX bytes.
 */
static bool
force_of(const struct form *f, bool *force, const char **reason,
    const char **reason_error)
{
	const char *r = form_get(f, "reason");
	const char *v = form_get(f, "force");

	*force = v != NULL && strcmp(v, "1") == 0;
	*reason = r;
	*reason_error = NULL;
	if (!*force)
		return true;
	if (r == NULL || r[strspn(r, " \t")] == '\0')
		*reason_error = _("Write why you force this change.");
	else if (strlen(r) > API_FORCE_REASON_MAX)
		*reason_error = _("The reason is too long.");
	else
		for (const unsigned char *p = (const unsigned char *)r; *p; p++)
			if (*p < 0x20 || *p == 0x7f)
				*reason_error =
				    _("The reason must be one line.");
	return *reason_error == NULL;
}

/*
 * Makes change c (forced with a reason when the form says so) and
 * answers: 303 to the visit when done, else the page with the outcome o
 * (its act and target set by the caller) at its row.
 */
static void
make_change(struct api_ctx *ctx, const struct form *f, struct change *c,
    struct outcome *o, const char *slot_id)
{
	struct change_result res;
	struct rotad_error err;
	const struct model_instance *inst;
	char csrf[USERS_CSRF_LEN];
	bool force;
	long s;
	int status;

	if (!force_of(f, &force, &o->reason, &o->reason_error))
		force = false; /* shown again with the message at the field */
	c->force = force;
	c->force_reason = force ? o->reason : NULL;
	if (api_change_try(ctx, c, &res, &err) == 0) {
		change_result_clear(&res);
		if (o->notice == NULL) {
			redirect_to_visit(ctx, slot_id);
			return;
		}
		/* Done, with something to say (nobody could be put on). */
		o->act = ACT_NONE;
		status = 200;
	} else if (err.code == ROTAD_ERR_RULE_VIOLATION &&
	    res.violations != NULL) {
		o->violations = res.violations;
		o->total = res.nviolations;
		status = o->reason_error ? 400 : 409;
	} else {
		o->message = err.message;
		status = rotad_err_status(err.code);
	}
	rotad_error_clear(&err);
	/* The state as it is now (a failed write may have reloaded it). */
	if ((inst = api_instance(ctx, &err)) == NULL ||
	    (s = model_find_slot(inst, slot_id)) < 0) {
		if (err.code == ROTAD_ERR_OK)
			rotad_error_set(&err, ROTAD_ERR_NOT_FOUND, NULL,
			    "no %s has id '%s'", _("slot"), slot_id);
		web_error_page(ctx, &err);
	} else {
		(void)web_csrf_of(ctx, csrf);
		visit_page(ctx, inst, (size_t)s, csrf, status, o);
	}
	change_result_clear(&res);
}

/* POST /visits/{slot}/assign: youth (force=1, reason). */
static void
assign_post(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_assignment a;
	struct outcome o = {0};
	struct change c;
	struct form f;
	char csrf[USERS_CSRF_LEN];
	const char *youth;
	long s, y;

	if (web_read_form(ctx, &f) == -1)
		return;
	if ((s = visit_of(ctx, form_get(&f, WEB_CSRF_FIELD), csrf, &inst)) < 0)
		goto done;
	youth = form_get(&f, "youth");
	o.act = ACT_ASSIGN;
	y = youth ? model_find_youth(inst, youth) : -1;
	if (y < 0 || !access_youth_visible(ctx, &inst->youths[y])) {
		o.message = _("Choose a youth from the list.");
		visit_page(ctx, inst, (size_t)s, csrf, 400, &o);
		goto done;
	}
	o.target = inst->youths[y].id;
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].status == MODEL_ASSIGNMENT_ACTIVE &&
		    inst->assignments[i].slot_idx == (size_t)s &&
		    inst->assignments[i].youth_idx == (size_t)y) {
			/* Already on it: nothing to do. */
			redirect_to_visit(ctx, inst->slots[s].id);
			goto done;
		}
	memset(&a, 0, sizeof(a));
	a.id = api_new_assignment_id(ctx->rd->store, inst);
	a.slot = xstrdup(inst->slots[s].id);
	a.youth = xstrdup(inst->youths[y].id);
	a.pinned = true; /* a coordinator's assignment, as the API's */
	a.status = MODEL_ASSIGNMENT_ACTIVE;
	a.made_by = MODEL_MADE_BY_COORDINATOR;
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_CREATE;
	c.value.assignment = &a;
	c.gate = true;
	{
		/* The ids outlive a reload of the state on failure. */
		char *slot_id = xstrdup(inst->slots[s].id);
		char *youth_id = xstrdup(inst->youths[y].id);
		o.target = youth_id;
		make_change(ctx, &f, &c, &o, slot_id);
		free(slot_id);
		free(youth_id);
	}
	model_assignment_clear(&a);
done:
	form_release(&f);
}

/* The assignment :aid of the visit, or -1 after answering 404. */
static long
assignment_of(struct api_ctx *ctx, const struct model_instance *inst, long s)
{
	long i = model_find_assignment(inst, ctx->params[1]);
	struct rotad_error err;

	if (i >= 0 && inst->assignments[i].slot_idx == (size_t)s)
		return i;
	rotad_error_set(&err, ROTAD_ERR_NOT_FOUND, NULL, "no %s has id '%s'",
	    _("assignment"), ctx->params[1]);
	web_error_page(ctx, &err);
	return -1;
}

/* POST /visits/{slot}/assignments/{id}/remove (force=1, reason). */
static void
remove_post(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct outcome o = {0};
	struct change c;
	struct form f;
	char csrf[USERS_CSRF_LEN], *slot_id, *aid;
	long s, i;

	if (web_read_form(ctx, &f) == -1)
		return;
	if ((s = visit_of(ctx, form_get(&f, WEB_CSRF_FIELD), csrf, &inst)) <
	        0 ||
	    (i = assignment_of(ctx, inst, s)) < 0)
		goto done;
	slot_id = xstrdup(inst->slots[s].id);
	aid = xstrdup(inst->assignments[i].id);
	o.act = ACT_REMOVE;
	o.target = aid;
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_DELETE;
	c.id = aid;
	c.gate = true;
	make_change(ctx, &f, &c, &o, slot_id);
	free(slot_id);
	free(aid);
done:
	form_release(&f);
}

/* POST /visits/{slot}/assignments/{id}/cancel: a sick call (refill=1). */
static void
cancel_post(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct model_assignment repl;
	struct outcome o = {0};
	struct change c;
	struct form f;
	char csrf[USERS_CSRF_LEN], why[512] = "", *slot_id, *aid;
	const char *refill;
	bool found = false;
	long s, i;

	if (web_read_form(ctx, &f) == -1)
		return;
	if ((s = visit_of(ctx, form_get(&f, WEB_CSRF_FIELD), csrf, &inst)) <
	        0 ||
	    (i = assignment_of(ctx, inst, s)) < 0)
		goto done;
	if (inst->assignments[i].status != MODEL_ASSIGNMENT_ACTIVE) {
		redirect_to_visit(ctx, inst->slots[s].id);
		goto done;
	}
	slot_id = xstrdup(inst->slots[s].id);
	aid = xstrdup(inst->assignments[i].id);
	refill = form_get(&f, "refill");
	memset(&repl, 0, sizeof(repl));
	if (refill != NULL && strcmp(refill, "1") == 0) {
		found = api_schedule_refill(
		            inst, (size_t)i, &repl, why, sizeof(why)) == 0;
		if (found) {
			free(repl.id);
			repl.id = api_new_assignment_id(ctx->rd->store, inst);
			repl.made_by = MODEL_MADE_BY_SOLVER;
		}
	}
	o.act = ACT_CANCEL;
	o.target = aid;
	if (refill != NULL && strcmp(refill, "1") == 0 && !found)
		o.notice = why;
	memset(&c, 0, sizeof(c));
	c.kind = CHANGE_ASSIGNMENT;
	c.op = CHANGE_CANCEL;
	c.id = aid;
	c.replacement = found ? &repl : NULL;
	make_change(ctx, &f, &c, &o, slot_id);
	model_assignment_clear(&repl);
	free(slot_id);
	free(aid);
done:
	form_release(&f);
}

const struct api_route web_visit_routes[] = {
    {API_GET | API_HEAD, "/visits/:id", visit_get, API_PAGE},
    {API_POST, "/visits/:id/assign", assign_post, API_PAGE},
    {API_POST, "/visits/:id/assignments/:aid/remove", remove_post, API_PAGE},
    {API_POST, "/visits/:id/assignments/:aid/cancel", cancel_post, API_PAGE},
    {0, NULL, NULL, 0},
};
