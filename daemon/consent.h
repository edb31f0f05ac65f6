/* SPDX-License-Identifier: ISC */
/*
 * Guardian consent online (issue 16): the page a parent or guardian opens
 * from the consent link (GET /consent/TOKEN).  It says what the youth
 * will do (the homes, the kinds of visit), the limits that protect them in
 * plain words, and has the form that records consent or withdraws it.
 * Server-rendered HTML, no JavaScript, mobile first, in the youth's
 * language.  Least personal data: the youth's first name only, no birth
 * date, nothing about other youths.  Pure: no I/O, no clock.
 *
 * The limits are the rules engine's own rows for the youth's category on
 * the day (rules_limits_of(): the profile tables of rules_profiles.c with
 * the organisation's switches applied), put into sentences here; there is
 * no second copy of the law.
 */
#ifndef ROTAD_CONSENT_H
#define ROTAD_CONSENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct model_instance;
struct tzmap;

#define CONSENT_LINE_MAX  200 /* bytes of one limit's sentence */
#define CONSENT_LIMITS    32  /* sentences at most */
#define CONSENT_NAME_MAX  200 /* bytes of a guardian's name */
#define CONSENT_LINK_DAYS 30  /* how long a consent link works */

/*
 * Whether youth `youth` needs a guardian's consent on the local date
 * `day`: the profile has a consent row for the youth's category then
 * (NO: FOR §12-4, children).  -1 when the rules cannot be set up.
 */
int consent_needed(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth, int32_t day);

/*
 * The limits that protect youth `youth` on `day`, one sentence each in
 * the calling thread's language, without repeats, into lines; returns
 * how many (at most max), or -1 when the rules cannot be set up.
 */
int consent_limits(const struct model_instance *inst, const struct tzmap *tz,
    size_t youth, int32_t day, char (*lines)[CONSENT_LINE_MAX], size_t max);

struct consent_view {
	const char *action; /* the form's path, "/consent/TOKEN" */
	const char *csrf;   /* the form token bound to the link */
	int32_t today;      /* the organisation's date */
	int64_t now_wall;   /* the organisation's wall time */
	int32_t expires;    /* the link's last day */
	const char *notice; /* a line on top, or NULL */
	bool notice_bad;
};

/*
 * The page for youth `youth` in language `lang` (enum i18n_lang), a new
 * string for free(), or NULL when it cannot be rendered.
 */
char *consent_render(const struct model_instance *inst, size_t youth,
    const struct consent_view *v, int lang);

/* The page's style sheet (for the Content-Security-Policy hash). */
const char *consent_style(void);

#endif /* ROTAD_CONSENT_H */
