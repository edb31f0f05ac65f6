/* SPDX-License-Identifier: ISC */
/*
 * This file contains the requests page without JavaScript (issue 16, the
 * coordinators' requests screen; "Without JavaScript" in docs/web.md):
 *
 *   GET  /requests               the youths' requests waiting for an
 *                                answer (?state=all: every request)
 *   POST /requests/{id}/approve  carried out through the gate
 *   POST /requests/{id}/decline
 *
 * The same as GET /api/v1/requests and its approve and decline: the
 * requests of the homes in the user's scope (a request names its visit's
 * slot), each in a sentence in the reader's language with first names
 * only (requests_describe()).  Every form carries the session's CSRF
 * token (access_page()).  Done, the answer is 303 back to the list; a
 * refused approval is the page again (409) with every broken rule and its
 * legal reference at the request where the user acted.  There is no force
 * step: an approval is never forced (the youth asks again, or the
 * coordinator plans by hand).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "api.h"
#include "change.h"
#include "civil.h"
#include "form.h"
#include "html.h"
#include "i18n.h"
#include "model.h"
#include "requests.h"
#include "rotad.h"
#include "state.h"
#include "store_requests.h"
#include "tzmap.h"
#include "users.h"
#include "web_page.h"
#include "xmalloc.h"

/* What the user just tried and why it did not go through, at its row. */
struct outcome {
	int64_t id;          /* the request acted on */
	json_t *violations;  /* a refusal by the gate (borrowed), or NULL */
	size_t total;        /* how many violations in all */
	const char *message; /* another error, or NULL */
};

/* The home of request r's visit, or NULL when it names none. */
static const char *
request_home(const struct model_instance *inst, const struct request *r)
{
	long s = r->slot[0] ? state_find_slot(inst, r->slot) : -1;

	return s < 0 ? NULL : inst->homes[inst->slots[s].home_idx].id;
}

/* Whether user u may see request r (its visit's home in the scope). */
static bool
request_visible(const struct user *u, const struct model_instance *inst,
    const struct request *r)
{
	const char *home = request_home(inst, r);

	/* As GET /api/v1/requests and api_requests.c's :id. */
	return home == NULL || user_in_scope(u, home);
}

static const char *
kind_label(enum request_kind k)
{
	switch (k) {
	case REQUEST_CLAIM:
		return _("Wants to take a visit");
	case REQUEST_GIVE_AWAY:
		return _("Gives a visit away");
	case REQUEST_DAY_OFF:
		return _("Day off over a visit");
	}
	return "";
}

static const char *
state_label(enum request_state s)
{
	switch (s) {
	case REQUEST_OPEN:
		return _("Waiting");
	case REQUEST_APPROVED:
		return _("Approved");
	case REQUEST_DECLINED:
		return _("Declined");
	case REQUEST_DONE:
		return _("Done");
	}
	return "";
}

static void
refusal(struct sbuf *b, const struct outcome *o)
{
	size_t i, shown;
	json_t *v;

	html_raw(b, "<div class=\"refusal\" role=\"alert\" id=\"refusal\">");
	if (o->violations == NULL) {
		html_raw(b, "<p class=\"refusal-title\">");
		html_text(b, o->message);
		html_raw(b, "</p></div>");
		return;
	}
	html_raw(b, "<p class=\"refusal-title\">");
	html_text(b, _("Refused: this would break the rules"));
	html_raw(b, "</p><ul class=\"rules\">");
	json_array_foreach(o->violations, i, v)
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
	shown = json_array_size(o->violations);
	if (o->total > shown) {
		char n[16];
		snprintf(n, sizeof(n), "%zu", o->total - shown);
		html_raw(b, "<p class=\"muted\">");
		web_textv(b, _("And {n} more."), "n", n, NULL);
		html_raw(b, "</p>");
	}
	html_raw(b, "</div>");
}

/* One answer form: "approve" or "decline", labelled with the request. */
static void
answer_form(struct sbuf *b, const struct request *r, const char *verb,
    const char *csrf, const char *label, const char *aria, const char *text,
    const char *cls)
{
	char id[32];

	snprintf(id, sizeof(id), "r%lld", (long long)r->id);
	html_raw(b, "<form method=\"post\" class=\"inline-form\" action=\"");
	html_raw(b, "/requests/");
	html_raw(b, id);
	html_raw(b, "/");
	html_raw(b, verb);
	html_raw(b, "\">");
	web_csrf_field(b, csrf);
	html_raw(b, "<button class=\"");
	html_raw(b, cls);
	html_raw(b, "\" type=\"submit\" data-action=\"");
	html_raw(b, verb);
	html_raw(b, "\" aria-label=\"");
	web_textv(b, aria, "what", text, NULL);
	html_raw(b, "\">");
	html_text(b, label);
	html_raw(b, "</button></form>");
}

static void
request_row(struct sbuf *b, const struct model_instance *inst,
    const struct request *r, const char *csrf, const struct outcome *o)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	int64_t w =
	    tz ? tzmap_to_wall(tz, r->created_at / 60) : r->created_at / 60;
	char text[1024], d[CIVIL_DATE_LEN], hm[CIVIL_HM_LEN], id[32];

	requests_describe(inst, r, text, sizeof(text));
	html_raw(b, "<li class=\"req req-");
	html_raw(b, request_state_name(r->state));
	snprintf(id, sizeof(id), "r%lld", (long long)r->id);
	html_raw(b, "\" data-request=\"");
	html_attr(b, id);
	html_raw(b, "\"><p class=\"req-message\">");
	html_text(b, text);
	html_raw(b, "</p><div class=\"req-meta\"><span class=\"tag\">");
	html_text(b, kind_label(r->kind));
	html_raw(b, "</span><span class=\"tag req-state\">");
	html_text(b, state_label(r->state));
	html_raw(b, "</span>");
	/* When it came in, in the organisation's zone. */
	civil_format_date(civil_wall_date(w), d);
	civil_format_hm(civil_wall_minute(w), hm);
	html_raw(b, "<time class=\"muted small\" datetime=\"");
	html_attr(b, d);
	html_raw(b, "T");
	html_attr(b, hm);
	html_raw(b, "\">");
	html_text(b, d);
	html_raw(b, " ");
	html_text(b, hm);
	html_raw(b, "</time></div>");
	if (r->state == REQUEST_OPEN) {
		html_raw(b, "<div class=\"button-row\">");
		answer_form(b, r, "approve", csrf, _("Approve"),
		    _("Approve: {what}"), text, "btn btn-small btn-primary");
		answer_form(b, r, "decline", csrf, _("Decline"),
		    _("Decline: {what}"), text, "btn btn-small");
		html_raw(b, "</div>");
	}
	if (o != NULL && o->id == r->id)
		refusal(b, o);
	html_raw(b, "</li>");
}

static bool
listed(struct api_ctx *ctx, const struct model_instance *inst,
    const struct request *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].id == id && request_visible(ctx->who, inst, &v[i]))
			return true;
	return false;
}

/* The requests page; all: every request, else the open ones. */
static void
requests_page(struct api_ctx *ctx, const struct model_instance *inst,
    const char *csrf, bool all, int status, const struct outcome *o)
{
	enum request_state open = REQUEST_OPEN;
	struct rotad_error err;
	struct request *v = NULL;
	struct sbuf b = {0};
	size_t n = 0, shown = 0;
	char num[16];

	rotad_error_clear(&err);
	if (store_requests_list(ctx->rd->store, NULL, all ? NULL : &open, NULL,
	        &v, &n, &err) == -1) {
		web_error_page(ctx, &err);
		return;
	}
	for (size_t i = 0; i < n; i++)
		if (request_visible(ctx->who, inst, &v[i]))
			shown++;
	web_topbar_at(&b, ctx, csrf, "requests");
	html_raw(&b,
	    "<main id=\"main\" class=\"main requests-page\"><div "
	    "class=\"toolbar\"><h1 class=\"week-title\" "
	    "id=\"screen-title\">");
	html_text(&b, _("Requests"));
	html_raw(&b,
	    "</h1><form method=\"get\" action=\"/requests\" "
	    "class=\"field-inline\"><label class=\"label-inline\" "
	    "for=\"req-state\">");
	html_text(&b, _("Show"));
	html_raw(&b,
	    "</label><select id=\"req-state\" name=\"state\" "
	    "class=\"select select-compact\"><option value=\"open\"");
	html_raw(&b, all ? "" : " selected");
	html_raw(&b, ">");
	html_text(&b, _("Waiting for an answer"));
	html_raw(&b, "</option><option value=\"all\"");
	html_raw(&b, all ? " selected" : "");
	html_raw(&b, ">");
	html_text(&b, _("All requests"));
	html_raw(&b,
	    "</option></select> <button class=\"btn btn-small\" "
	    "type=\"submit\">");
	html_text(&b, _("Show"));
	html_raw(&b, "</button></form></div><p class=\"muted small\">");
	html_text(&b,
	    _("What youths ask on their own page. Approving carries it out "
	      "through the rules at that moment."));
	html_raw(&b, "</p><div id=\"req-list\">");
	/* A request no longer listed (answered meanwhile): its refusal here. */
	if (o != NULL && !listed(ctx, inst, v, n, o->id))
		refusal(&b, o);
	if (shown == 0) {
		html_raw(&b, "<p class=\"state-empty muted\">");
		html_text(&b,
		    all ? _("No requests yet.")
		        : _("No requests wait for an answer."));
		html_raw(&b, "</p>");
	} else {
		snprintf(num, sizeof(num), "%zu", shown);
		html_raw(&b, "<p class=\"summary\" id=\"req-count\">");
		web_textv(&b, _("Requests: {n}"), "n", num, NULL);
		html_raw(&b, "</p><ul class=\"req-list\">");
		/* Newest first, as the app shows them. */
		for (size_t i = n; i-- > 0;)
			if (request_visible(ctx->who, inst, &v[i]))
				request_row(&b, inst, &v[i], csrf, o);
		html_raw(&b, "</ul>");
	}
	html_raw(&b, "</div></main>");
	free(v);
	web_send(ctx, status, _("Requests"), &b, false);
	sbuf_release(&b);
}

static bool
all_of(struct api_ctx *ctx)
{
	const char *s = api_query(ctx, "state");

	return s != NULL && strcmp(s, "all") == 0;
}

static void
list_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct rotad_error err;
	char csrf[USERS_CSRF_LEN];

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return;
	}
	requests_page(ctx, inst, csrf, all_of(ctx), 200, NULL);
}

/*
 * The request :id ("r12") in the user's scope: its number, or 0 after
 * answering 404 (also for one outside the scope).
 */
static int64_t
request_of(struct api_ctx *ctx, const struct model_instance *inst)
{
	const char *p = ctx->params[0];
	struct rotad_error err;
	struct request r;
	char *end;
	long long v;

	if (p[0] == 'r' && p[1] >= '0' && p[1] <= '9') {
		v = strtoll(p + 1, &end, 10);
		if (*end == '\0' && v > 0 &&
		    store_request_get(ctx->rd->store, (int64_t)v, &r) == 1 &&
		    request_visible(ctx->who, inst, &r))
			return (int64_t)v;
	}
	rotad_error_set(
	    &err, ROTAD_ERR_NOT_FOUND, NULL, "no request has id '%s'", p);
	web_error_page(ctx, &err);
	return 0;
}

static void
answer_post(struct api_ctx *ctx, bool approve)
{
	const struct model_instance *inst;
	struct change_result res = {0};
	struct outcome o = {0};
	struct rotad_error err;
	struct request r;
	struct form f;
	char csrf[USERS_CSRF_LEN];
	int64_t id;
	int rc, status;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		goto done;
	}
	if ((id = request_of(ctx, inst)) == 0)
		goto done;
	rc = approve
	    ? requests_approve(
	          ctx->rd, id, ctx->actor, api_now(), &r, &res, &err)
	    : requests_decline(ctx->rd, id, ctx->actor, api_now(), &r, &err);
	if (rc == 0) {
		web_redirect(ctx, "/requests");
		goto done;
	}
	o.id = id;
	if (err.code == ROTAD_ERR_RULE_VIOLATION && res.violations != NULL) {
		o.violations = res.violations;
		o.total = res.nviolations;
		status = 409;
	} else {
		o.message = err.message;
		status = rotad_err_status(err.code);
	}
	/* The state as it is now (a failed write may have reloaded it). */
	{
		struct rotad_error e2;
		rotad_error_clear(&e2);
		if ((inst = api_instance(ctx, &e2)) == NULL)
			web_error_page(ctx, &e2);
		else
			requests_page(ctx, inst, csrf, false, status, &o);
	}
	change_result_clear(&res);
done:
	form_release(&f);
}

static void
approve_post(struct api_ctx *ctx)
{
	answer_post(ctx, true);
}

static void
decline_post(struct api_ctx *ctx)
{
	answer_post(ctx, false);
}

const struct api_route web_requests_routes[] = {
    {API_GET | API_HEAD, "/requests", list_get, API_PAGE},
    {API_POST, "/requests/:id/approve", approve_post, API_PAGE},
    {API_POST, "/requests/:id/decline", decline_post, API_PAGE},
    {0, NULL, NULL, 0},
};
