/* SPDX-License-Identifier: ISC */
/*
 * This file contains draft and publish without JavaScript (issue 16; the
 * app's web/publish.js does the same with the API):
 *
 *   GET  /publish  ?from=&to=   the range (default: this week), the
 *                               preview of who will be told what, and
 *                               the form that publishes exactly it
 *   POST /publish  from, to, preview_version, csrf_token
 *                               303 to GET /publish?...&published=N, or
 *                               the page with the new preview and 409
 *                               when the visits changed meanwhile
 *
 * Cut to the user's homes as the API's publish is (api_publish_scope()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_publish.h"
#include "civil.h"
#include "html.h"
#include "model.h"
#include "publish.h"
#include "publish_state.h"
#include "rotad.h"
#include "textfmt.h"
#include "tzmap.h"
#include "users.h"
#include "web_page.h"
#include "xmalloc.h"

static int32_t
today_of(const struct model_instance *inst)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);

	return civil_wall_date(
	    tz ? tzmap_to_wall(tz, api_now() / 60) : api_now() / 60);
}

/* from and to of a query or a form; this week when absent or bad. */
static void
range_of(const struct model_instance *inst, const char *from, const char *to,
    struct publish_range *r)
{
	int32_t monday = civil_week_monday(today_of(inst)), d;

	memset(r, 0, sizeof(*r));
	r->from = from && civil_parse_date(from, &d) == 0 ? d : monday;
	r->to = to && civil_parse_date(to, &d) == 0 ? d : r->from + 6;
	if (r->to < r->from)
		r->to = r->from;
}

static void
visit_text(struct sbuf *b, const struct model_instance *inst,
    const struct publish_visit *v)
{
	char t0[CIVIL_HM_LEN], t1[CIVIL_HM_LEN], s[TEXTFMT_MAX];
	long h = model_find_home(inst, v->home);

	civil_format_hm(civil_wall_minute(v->start), t0);
	civil_format_hm(civil_wall_minute(v->end), t1);
	html_text(
	    b, textfmt_date_long(civil_wall_date(v->start), s, sizeof(s)));
	html_textf(b, " %s\xe2\x80\x93%s, ", t0, t1);
	html_text(b, h >= 0 ? inst->homes[h].name : v->home);
	if (v->activity != NULL && v->activity[0] != '\0') {
		html_raw(b, " (");
		html_text(b, v->activity);
		html_raw(b, ")");
	}
}

static void
subjects(struct sbuf *b, const struct model_instance *inst,
    const struct publish_subject *subs, size_t n, bool youths)
{
	for (size_t i = 0; i < n; i++) {
		const struct publish_subject *s = &subs[i];
		long k = youths ? model_find_youth(inst, s->id)
		                : model_find_home(inst, s->id);
		html_raw(b, "<li data-subject=\"");
		html_attr(b, s->id);
		html_raw(b, "\"><strong>");
		html_text(b,
		    k < 0        ? s->id
		        : youths ? inst->youths[k].name
		                 : inst->homes[k].name);
		html_raw(b, "</strong><ul>");
		for (size_t j = 0; j < s->n; j++) {
			const struct publish_item *it = &s->items[j];
			html_raw(b, "<li>");
			switch (it->what) {
			case PUBLISH_ADDED:
				html_text(b, _("new:"));
				html_raw(b, " ");
				visit_text(b, inst, &it->after);
				break;
			case PUBLISH_CANCELLED:
				html_text(b, _("cancelled:"));
				html_raw(b, " ");
				visit_text(b, inst, &it->before);
				break;
			case PUBLISH_MOVED:
				html_text(b, _("moved:"));
				html_raw(b, " ");
				visit_text(b, inst, &it->before);
				html_raw(b, " \xe2\x86\x92 ");
				visit_text(b, inst, &it->after);
				break;
			case PUBLISH_CHANGED:
				html_text(b, _("changed:"));
				html_raw(b, " ");
				visit_text(b, inst, &it->after);
				break;
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></li>");
	}
}

static void
publish_page(struct api_ctx *ctx, const struct model_instance *inst,
    const struct publish_range *r, const char *csrf, int status,
    const char *notice)
{
	char from[CIVIL_DATE_LEN], to[CIVIL_DATE_LEN], v[17], num[16];
	struct publish_diff d;
	struct rotad_error err;
	struct sbuf b = {0};

	rotad_error_clear(&err);
	if (publish_preview(ctx->rd, r, &d, &err) == -1) {
		web_error_page(ctx, &err);
		return;
	}
	civil_format_date(r->from, from);
	civil_format_date(r->to, to);
	publish_version_text(d.version, v);
	web_topbar_at(&b, ctx, csrf, "board");
	html_raw(&b, "<main id=\"main\" class=\"main\"><h1>");
	html_text(&b, _("Publish the drafts"));
	html_raw(&b, "</h1>");
	if (notice != NULL) {
		html_raw(&b,
		    status == 200
		        ? "<p class=\"notice notice-info\" role=\"status\" "
		          "id=\"publish-status\">"
		        : "<p class=\"notice notice-error\" role=\"alert\" "
		          "id=\"publish-status\">");
		html_text(&b, notice);
		html_raw(&b, "</p>");
	}
	if (!inst->publish_manual) {
		html_raw(&b, "<p>");
		html_text(&b,
		    _("Publishing is immediate: every change is "
		      "published already."));
		html_raw(&b, "</p></main>");
		goto send;
	}
	html_raw(&b,
	    "<form class=\"publish-range\" method=\"get\" action=\"/publish\" "
	    "id=\"publish-range\"><div><label for=\"publish-from\">");
	html_text(&b, _("From"));
	html_raw(&b,
	    "</label><input type=\"date\" class=\"input\" id=\"publish-from\" "
	    "name=\"from\" required value=\"");
	html_attr(&b, from);
	html_raw(&b, "\"></div><div><label for=\"publish-to\">");
	html_text(&b, _("To"));
	html_raw(&b,
	    "</label><input type=\"date\" class=\"input\" id=\"publish-to\" "
	    "name=\"to\" required value=\"");
	html_attr(&b, to);
	html_raw(&b, "\"></div><button class=\"btn\" type=\"submit\">");
	html_text(&b, _("Preview"));
	html_raw(&b, "</button></form><div id=\"publish-preview\">");
	if (d.ngroups == 0) {
		html_raw(&b, "<p class=\"muted\" id=\"publish-nothing\">");
		html_text(&b, _("Nothing to publish in this range."));
		html_raw(&b, "</p></div>");
	} else {
		snprintf(num, sizeof(num), "%zu", d.ngroups);
		html_raw(&b, "<p id=\"publish-count\">");
		web_textv(
		    &b, _("{n} visits will be published."), "n", num, NULL);
		html_raw(&b, "</p>");
		if (d.nyouths > 0) {
			html_raw(&b, "<h2 class=\"section-title\">");
			html_text(&b, _("Youths who will be told"));
			html_raw(&b, "</h2><ul class=\"publish-list\">");
			subjects(&b, inst, d.youths, d.nyouths, true);
			html_raw(&b, "</ul>");
		}
		if (d.nhomes > 0) {
			html_raw(&b, "<h2 class=\"section-title\">");
			html_text(&b,
			    _("Homes whose calendar and week page "
			      "change"));
			html_raw(&b, "</h2><ul class=\"publish-list\">");
			subjects(&b, inst, d.homes, d.nhomes, false);
			html_raw(&b, "</ul>");
		}
		html_raw(&b,
		    "</div><form method=\"post\" action=\"/publish\" "
		    "id=\"publish-form\">");
		web_csrf_field(&b, csrf);
		html_raw(&b, "<input type=\"hidden\" name=\"from\" value=\"");
		html_attr(&b, from);
		html_raw(&b, "\"><input type=\"hidden\" name=\"to\" value=\"");
		html_attr(&b, to);
		html_raw(&b,
		    "\"><input type=\"hidden\" name=\"preview_version\" "
		    "value=\"");
		html_attr(&b, v);
		html_raw(&b,
		    "\"><button class=\"btn btn-primary\" type=\"submit\" "
		    "id=\"publish-confirm\">");
		html_text(&b, _("Publish"));
		html_raw(&b, "</button></form>");
	}
	html_raw(&b, "<p><a href=\"/?week=");
	civil_format_date(civil_week_monday(r->from), from);
	html_attr(&b, from);
	html_raw(&b, "\">");
	html_text(&b, _("Back to the board"));
	html_raw(&b, "</a></p></main>");
send:
	web_send(ctx, status, _("Publish the drafts"), &b, false);
	sbuf_release(&b);
	publish_diff_free(&d);
}

static void
publish_get(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	const char *done = api_query(ctx, "published");
	char csrf[USERS_CSRF_LEN], msg[TEXTFMT_MAX];
	struct publish_range r;
	struct rotad_error err;
	long n;

	if (web_session(ctx, NULL, csrf) == -1)
		return;
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		return;
	}
	range_of(inst, api_query(ctx, "from"), api_query(ctx, "to"), &r);
	if (api_publish_scope(ctx, inst, &r, NULL, 0) == -1)
		return;
	msg[0] = '\0';
	if (done != NULL && (n = strtol(done, NULL, 10)) >= 0 && n < 1000000) {
		char num[16];
		struct sbuf t = {0};
		snprintf(num, sizeof(num), "%ld", n);
		web_textv(&t,
		    dngettext(I18N_DOMAIN, "Published {n} visit.",
		        "Published {n} visits.", (unsigned long)n),
		    "n", num, NULL);
		snprintf(msg, sizeof(msg), "%s", t.s ? t.s : "");
		sbuf_release(&t);
	}
	publish_page(ctx, inst, &r, csrf, 200, msg[0] ? msg : NULL);
	api_publish_range_clear(&r);
}

static void
publish_post(struct api_ctx *ctx)
{
	const struct model_instance *inst;
	struct publish_request req;
	struct publish_diff d;
	struct publish_range r;
	struct rotad_error err;
	struct form f;
	char csrf[USERS_CSRF_LEN], from[CIVIL_DATE_LEN], to[CIVIL_DATE_LEN];
	const char *version;
	char *endp = NULL, *loc;
	unsigned long long ver = 0;

	if (web_read_form(ctx, &f) == -1)
		return;
	if (web_session(ctx, form_get(&f, WEB_CSRF_FIELD), csrf) == -1)
		goto done;
	rotad_error_clear(&err);
	if ((inst = api_instance(ctx, &err)) == NULL) {
		web_error_page(ctx, &err);
		goto done;
	}
	range_of(inst, form_get(&f, "from"), form_get(&f, "to"), &r);
	if (api_publish_scope(ctx, inst, &r, NULL, 0) == -1)
		goto done;
	version = form_get(&f, "preview_version");
	if (version != NULL)
		ver = strtoull(version, &endp, 16);
	if (version == NULL || strlen(version) != 16 || *endp != '\0') {
		publish_page(ctx, inst, &r, csrf, 400,
		    _("Preview the range first, then publish."));
		api_publish_range_clear(&r);
		goto done;
	}
	memset(&req, 0, sizeof(req));
	req.range = r;
	req.version = (uint64_t)ver;
	req.actor = ctx->actor[0] ? ctx->actor : "-";
	req.now = api_now();
	rotad_error_clear(&err);
	if (publish_commit(ctx->rd, &req, &d, &err) == -1) {
		if (err.code == ROTAD_ERR_CONFLICT &&
		    (inst = api_instance(ctx, &err)) != NULL)
			publish_page(ctx, inst, &r, csrf, 409,
			    _("The visits changed since the preview. Here is "
			      "the new preview: check it and publish again."));
		else
			web_error_page(ctx, &err);
		api_publish_range_clear(&r);
		goto done;
	}
	civil_format_date(r.from, from);
	civil_format_date(r.to, to);
	loc = xasprintf(
	    "/publish?from=%s&to=%s&published=%zu", from, to, d.ngroups);
	web_redirect(ctx, loc);
	free(loc);
	publish_diff_free(&d);
	api_publish_range_clear(&r);
done:
	form_release(&f);
}

const struct api_route web_publish_routes[] = {
    {API_GET | API_HEAD, "/publish", publish_get, API_PAGE},
    {API_POST, "/publish", publish_post, API_PAGE},
    {0, NULL, NULL, 0},
};
