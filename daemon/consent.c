/* SPDX-License-Identifier: ISC */
/*
 * This file contains the guardian's consent page (consent.h): the limits
 * of the youth's category in plain sentences, from the rules engine's
 * rows, and the HTML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "consent.h"
#include "feed.h"
#include "html.h"
#include "i18n.h"
#include "model.h"
#include "rules.h"
#include "sbuf.h"
#include "textfmt.h"
#include "tzmap.h"
#include "xmalloc.h"

#define HOMES_SHOWN      12 /* homes listed by name, at most */
#define ACTIVITIES_SHOWN 8  /* kinds of visit listed, at most */
#define AHEAD_DAYS       56 /* the visits looked at for their activities */

static size_t
limits_of(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth, int32_t day, struct rules_limit *out, size_t max, int *rc)
{
	char err[128];
	struct rules_ctx *ctx;
	size_t n;

	*rc = -1;
	if (youth >= inst->nyouths ||
	    (ctx = rules_ctx_new(inst, tz, err, sizeof(err))) == NULL)
		return 0;
	n = rules_limits_of(ctx, youth, day, out, max);
	rules_ctx_free(ctx);
	*rc = 0;
	return n < max ? n : max;
}

int
consent_needed(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth, int32_t day)
{
	struct rules_limit rows[64];
	int rc;
	size_t n = limits_of(inst, tz, youth, day, rows, 64, &rc);

	if (rc == -1)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (rows[i].row->kind == RULES_K_CONSENT)
			return 1;
	return 0;
}

static bool
justified(const struct rules_row *r)
{
	for (int i = 0; i < 2; i++)
		if (r->unless_on[i] != NULL &&
		    strstr(r->unless_on[i], "_justified") != NULL)
			return true;
	return false;
}

/* One row as a sentence into buf; false when the row says nothing a
 * guardian needs (the minimum age, the consent itself, repeats). */
static bool
sentence(const struct rules_limit *l, char *buf, size_t len)
{
	const struct rules_row *r = l->row;
	char h[TEXTFMT_MAX], a[TEXTFMT_MAX], b[TEXTFMT_MAX];

	textfmt_hours(l->limit, h, sizeof(h));
	textfmt_time(l->a, a, sizeof(a));
	textfmt_time(l->b == 0 ? CIVIL_MIN_PER_DAY : l->b, b, sizeof(b));
	switch (r->kind) {
	case RULES_K_DAY_CAP:
		if (r->cond == RULES_C_BEFORE_SCHOOL)
			snprintf(buf, len, "%s",
			    _("No work before lessons on a school day."));
		else if (r->cond == RULES_C_SCHOOL_DAY)
			snprintf(buf, len,
			    _("At most %s of work on a school day."), h);
		else if (r->cond == RULES_C_NONSCHOOL_DAY)
			snprintf(buf, len,
			    _("At most %s of work on a day without school."),
			    h);
		else if (r->cond == RULES_C_SUNDAY)
			snprintf(
			    buf, len, _("At most %s of work on a Sunday."), h);
		else
			snprintf(buf, len, _("At most %s of work a day."), h);
		return true;
	case RULES_K_WEEK_CAP:
		if (r->cond == RULES_C_LESSON_WEEK)
			snprintf(buf, len,
			    _("At most %s of work in a week with school."), h);
		else if (r->cond == RULES_C_LESSONFREE_WEEK)
			snprintf(buf, len,
			    _("At most %s of work in a week without school."),
			    h);
		else
			snprintf(buf, len, _("At most %s of work a week."), h);
		return true;
	case RULES_K_LESSON:
		snprintf(buf, len, "%s", _("No work during school lessons."));
		return true;
	case RULES_K_NIGHT:
		if (justified(r))
			/* TRANSLATORS: a night-work limit on the consent
			   page: "21:00", "23:00". */
			snprintf(buf, len,
			    _("No work between %1$s and %2$s without a "
			      "reason the employer has written down."),
			    a, b);
		else
			snprintf(buf, len, _("No work between %1$s and %2$s."),
			    a, b);
		return true;
	case RULES_K_NIGHT_OFF:
	case RULES_K_NIGHT_GAP:
		/* TRANSLATORS: "8 h", "23:00", "06:00". */
		snprintf(buf, len,
		    _("At least %1$s off work in one stretch that includes "
		      "the hours between %2$s and %3$s."),
		    h, a, b);
		return true;
	case RULES_K_REST:
		if (l->a == 24 * 60)
			snprintf(buf, len,
			    _("At least %s of rest in every 24 hours."), h);
		else if (l->a == 7 * 24 * 60)
			snprintf(buf, len,
			    _("At least %s of rest in every 7 days."), h);
		else
			return false;
		return true;
	case RULES_K_BREAK_ONE:
		textfmt_hours(l->a, a, sizeof(a));
		snprintf(buf, len,
		    _("A break of at least %1$d minutes when working more "
		      "than %2$s."),
		    l->limit, a);
		return true;
	case RULES_K_SUMMER_FREE:
		snprintf(buf, len,
		    dngettext(I18N_DOMAIN,
		        "At least %d day in a row off work in the "
		        "summer holidays.",
		        "At least %d days in a row off work in the summer "
		        "holidays.",
		        (unsigned long)l->limit),
		    l->limit);
		return true;
	case RULES_K_HOLIDAY_FREE:
		snprintf(buf, len,
		    dngettext(I18N_DOMAIN,
		        "At least %d work-free day in the school "
		        "holidays each year.",
		        "At least %d work-free days in the school holidays "
		        "each year.",
		        (unsigned long)l->limit),
		    l->limit);
		return true;
	case RULES_K_SUNDAY_WORK:
		snprintf(buf, len, "%s",
		    justified(r)
		        ? _("No work on Sundays and public holidays without a "
		            "reason the employer has written down.")
		        : _("No work on Sundays and public holidays."));
		return true;
	default:
		return false;
	}
}

int
consent_limits(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth, int32_t day, char (*lines)[CONSENT_LINE_MAX], size_t max)
{
	struct rules_limit rows[64];
	int rc;
	size_t n = limits_of(inst, tz, youth, day, rows, 64, &rc), k = 0;

	if (rc == -1)
		return -1;
	for (size_t i = 0; i < n && k < max; i++) {
		bool seen = false;

		if (!sentence(&rows[i], lines[k], CONSENT_LINE_MAX))
			continue;
		for (size_t j = 0; j < k && !seen; j++)
			seen = strcmp(lines[j], lines[k]) == 0;
		if (!seen)
			k++;
	}
	return (int)k;
}

static const char style[] =
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
    "sans-serif;line-height:1.45;color:#111;background:#fff;"
    "max-width:36rem;margin:0 auto;padding:1rem;font-size:1.05rem}"
    "h1{font-size:1.5rem;margin:0 0 .5rem}"
    "h2{font-size:1.2rem;margin:1.75rem 0 .5rem;"
    "border-bottom:2px solid #333}"
    "ul{margin:0;padding-left:1.25rem}"
    "li{padding:.25rem 0}"
    ".muted{color:#454545}"
    ".notice{padding:.75rem;border:2px solid #1a5e20;background:#e8f5e9;"
    "border-radius:.3rem}"
    ".notice.bad{border-color:#8b1a1a;background:#fdecea}"
    ".status{font-weight:bold}"
    "button{font:inherit;padding:.55rem 1rem;min-height:2.75rem;"
    "border:2px solid #0b4f8a;border-radius:.3rem;background:#0b4f8a;"
    "color:#fff;cursor:pointer;margin-top:.75rem}"
    "button.quiet{background:#fff;color:#0b4f8a}"
    "button:focus-visible,input:focus-visible{"
    "outline:3px solid #e3a21a;outline-offset:2px}"
    "label{display:block;margin:.75rem 0 .2rem;font-weight:bold}"
    "input[type=text]{font:inherit;padding:.4rem;min-height:2.5rem;"
    "border:1px solid #555;border-radius:.3rem;box-sizing:border-box;"
    "width:100%}";

const char *
consent_style(void)
{
	return style;
}

static bool
youth_may_work_at(const struct model_youth *y, size_t home)
{
	if (!y->homes_limited)
		return true;
	for (size_t i = 0; i < y->nhomes; i++)
		if (y->homes_idx != NULL && y->homes_idx[i] == home)
			return true;
	return false;
}

static void
add_homes(struct sbuf *b, const struct model_instance *inst,
    const struct model_youth *y)
{
	size_t n = 0, shown = 0;

	for (size_t h = 0; h < inst->nhomes; h++)
		n += youth_may_work_at(y, h);
	if (n == 0)
		return;
	sbuf_adds(b, "<p>");
	html_text(b,
	    dngettext(I18N_DOMAIN, "At this nursing home:",
	        "At these nursing homes:", (unsigned long)n));
	sbuf_adds(b, "</p>\n<ul id=\"homes\">\n");
	for (size_t h = 0; h < inst->nhomes && shown < HOMES_SHOWN; h++) {
		if (!youth_may_work_at(y, h))
			continue;
		sbuf_adds(b, "<li>");
		html_text(b, inst->homes[h].name);
		if (inst->homes[h].address != NULL) {
			sbuf_adds(b, ", ");
			html_text(b, inst->homes[h].address);
		}
		sbuf_adds(b, "</li>\n");
		shown++;
	}
	if (n > shown) {
		sbuf_adds(b, "<li>");
		html_textf(b,
		    dngettext(I18N_DOMAIN, "and %zu more", "and %zu more",
		        (unsigned long)(n - shown)),
		    n - shown);
		sbuf_adds(b, "</li>\n");
	}
	sbuf_adds(b, "</ul>\n");
}

static void
add_activities(struct sbuf *b, const struct model_instance *inst,
    const struct model_youth *y, int64_t now_wall)
{
	const char *seen[ACTIVITIES_SHOWN];
	size_t n = 0;
	int64_t until = now_wall + (int64_t)AHEAD_DAYS * CIVIL_MIN_PER_DAY;

	for (size_t i = 0; i < inst->nslots && n < ACTIVITIES_SHOWN; i++) {
		const struct model_slot *s = &inst->slots[i];
		bool dup = false;

		if (s->activity == NULL || s->cancelled || s->end <= now_wall ||
		    s->start >= until || !youth_may_work_at(y, s->home_idx))
			continue;
		for (size_t j = 0; j < n && !dup; j++)
			dup = strcmp(seen[j], s->activity) == 0;
		if (!dup)
			seen[n++] = s->activity;
	}
	if (n == 0)
		return;
	sbuf_adds(b, "<p>");
	html_text(b, _("Visits planned in the coming weeks:"));
	sbuf_adds(b, "</p>\n<ul id=\"activities\">\n");
	for (size_t i = 0; i < n; i++) {
		sbuf_adds(b, "<li>");
		html_text(b, seen[i]);
		sbuf_adds(b, "</li>\n");
	}
	sbuf_adds(b, "</ul>\n");
}

static void
add_form(struct sbuf *b, const struct consent_view *v, const char *first,
    bool withdraw)
{
	sbuf_adds(b, "<form method=\"post\" action=\"");
	html_attr(b, v->action);
	sbuf_adds(b, withdraw ? "/withdraw\">\n" : "/confirm\">\n");
	sbuf_adds(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(b, v->csrf);
	sbuf_adds(b, "\">\n<p>");
	if (withdraw)
		html_textf(b,
		    _("You can withdraw your consent at any time. %s then "
		      "gets no new visits, and the visits already planned "
		      "go to others."),
		    first);
	else
		html_textf(b,
		    _("I am %s's parent or guardian. I have read what the "
		      "work is and the limits above, and I consent to %s "
		      "doing this work."),
		    first, first);
	sbuf_adds(b, "</p>\n<label for=\"name\">");
	html_text(b, _("Your full name"));
	sbuf_adds(b,
	    "</label>\n<input type=\"text\" id=\"name\" "
	    "name=\"name\" required maxlength=\"200\" "
	    "autocomplete=\"name\">\n");
	sbuf_adds(b,
	    withdraw ? "<button type=\"submit\" class=\"quiet\" "
	               "id=\"withdraw\">"
	             : "<button type=\"submit\" id=\"confirm\">");
	html_text(b, withdraw ? _("Withdraw consent") : _("I consent"));
	sbuf_adds(b, "</button>\n</form>\n");
}

static char *
render(const struct model_instance *inst, size_t youth,
    const struct consent_view *v, const struct tzmap *tz)
{
	const struct model_youth *y = &inst->youths[youth];
	char lines[CONSENT_LIMITS][CONSENT_LINE_MAX], date[TEXTFMT_MAX];
	struct sbuf b = {0};
	char *first = feed_first_name_dup(y->name);
	int n =
	    consent_limits(inst, tz, youth, v->today, lines, CONSENT_LIMITS);
	bool given = y->guardian_consent != CIVIL_NO_DATE &&
	    y->guardian_consent <= v->today;

	sbuf_addf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n",
	    i18n_tag(i18n_current()));
	sbuf_adds(&b,
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
	    "<title>");
	html_text(&b, _("Consent from a parent or guardian"));
	sbuf_addf(&b, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
	sbuf_adds(&b, "<header>\n<h1>");
	/* TRANSLATORS: the consent page's heading, the youth's first name. */
	html_textf(&b, _("Consent for %s"), first);
	sbuf_adds(&b, "</h1>\n</header>\n<main>\n");
	if (v->notice != NULL) {
		sbuf_addf(&b,
		    "<div class=\"notice%s\" role=\"%s\" id=\"notice\"><p>",
		    v->notice_bad ? " bad" : "",
		    v->notice_bad ? "alert" : "status");
		html_text(&b, v->notice);
		sbuf_adds(&b, "</p></div>\n");
	}
	sbuf_adds(&b, "<p>");
	html_textf(&b,
	    _("%s would like to work as a visitor for older people in "
	      "nursing homes. The law says a child may only do this work "
	      "with written consent from a parent or guardian."),
	    first);
	sbuf_adds(&b, "</p>\n<h2>");
	html_textf(&b, _("What %s will do"), first);
	sbuf_adds(&b, "</h2>\n<p>");
	html_text(&b,
	    _("Visits of an hour or two, together with other young people: "
	      "talking, playing games, going for walks and activities with "
	      "the residents. Never care or nursing work."));
	sbuf_adds(&b, "</p>\n");
	add_homes(&b, inst, y);
	add_activities(&b, inst, y, v->now_wall);
	sbuf_adds(&b, "<h2>");
	html_textf(&b, _("The limits that protect %s"), first);
	sbuf_adds(&b, "</h2>\n<ul id=\"limits\">\n");
	for (int i = 0; i < n; i++) {
		sbuf_adds(&b, "<li>");
		html_text(&b, lines[i]);
		sbuf_adds(&b, "</li>\n");
	}
	sbuf_adds(&b, "</ul>\n<p class=\"muted\">");
	html_text(&b,
	    _("These are the limits of the working environment law for "
	      "this age. Every visit is checked against them before it is "
	      "planned; a visit that breaks one is refused."));
	sbuf_adds(&b, "</p>\n<h2>");
	html_text(&b, _("Your consent"));
	sbuf_adds(&b, "</h2>\n<p class=\"status\" id=\"status\">");
	if (given) {
		textfmt_date_year(y->guardian_consent, date, sizeof(date));
		html_textf(&b, _("Consent recorded on %s."), date);
	} else
		html_text(&b, _("No consent is recorded."));
	sbuf_adds(&b, "</p>\n");
	add_form(&b, v, first, given);
	sbuf_adds(&b, "</main>\n<footer>\n<p class=\"muted\">");
	textfmt_date_year(v->expires, date, sizeof(date));
	html_textf(&b,
	    _("This link is for you alone and works until %s. Don't share "
	      "it."),
	    date);
	sbuf_adds(&b, "</p>\n</footer>\n</body>\n</html>\n");
	free(first);
	return sbuf_take(&b);
}

char *
consent_render(const struct model_instance *inst, size_t youth,
    const struct consent_view *v, int lang)
{
	const struct tzmap *tz;
	enum i18n_lang was = i18n_current();
	char *out;

	if (inst == NULL || youth >= inst->nyouths ||
	    (tz = tzmap_get(inst->timezone)) == NULL)
		return NULL;
	i18n_use((enum i18n_lang)lang);
	out = render(inst, youth, v, tz);
	i18n_use(was);
	return out;
}
