/* SPDX-License-Identifier: ISC */
/*
 * The youth's own page (GET /youth/TOKEN, issue 16): their visits of the
 * next four weeks with a "give away" form on each, the open visits the
 * labour-law rules let them take (and visits colleagues give away) with
 * a "claim" form on each, a form to mark a day off, and the feed's
 * subscribe links.  Server-rendered HTML, no JavaScript, in the youth's
 * language, "du" to the youth.  Least personal data: colleagues by first
 * name only, no birth dates, nothing about youths not on a shared visit.
 * Pure: no I/O, no clock (the time is passed in).
 *
 * Whether a youth may take a visit is the gate's answer through
 * candidates.c (rules_may_add() and the slot-level rules): no second
 * rules implementation.
 */
#ifndef ROTAD_YOUTHPAGE_H
#define ROTAD_YOUTHPAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rules.h"

struct model_instance;
struct tzmap;

/* How many days ahead the page looks: four weeks. */
#define YOUTHPAGE_DAYS 28

/* A visit offered to the youth. */
struct youthpage_offer {
	size_t slot;
	long giver; /* -1: an open position; else the youth giving it away */
	int64_t request; /* the give-away request, when giver >= 0 */
};

/*
 * May youth `youth` take slot `slot` now: with `giver` >= 0, in the place
 * of that youth's active assignment on it (a swap); else on an open
 * position.  1 yes; 0 no, with the gate's reasons appended to *why (NULL:
 * not wanted; messages in the thread's language); -1 when the schedule
 * cannot be checked (err).
 */
int youthpage_may_take(const struct model_instance *inst,
    const struct tzmap *tz, size_t youth, size_t slot, long giver,
    struct rules_report *why, char *err, size_t errlen);

/*
 * The youths who may take slot `slot` (giver as for youthpage_may_take())
 * among those with want[y] (NULL: all), besides the giver, who may work
 * at its home: for each the answer of youthpage_may_take(), from one
 * "who can take it" list (candidates_compute()), in that list's rank
 * order (the coordinators' order, candidates.h).  *out is a new array of
 * *n youth indices for free().  0, or -1 with err.
 */
int youthpage_takers(const struct model_instance *inst, const struct tzmap *tz,
    size_t slot, long giver, const bool *want, size_t **out, size_t *n,
    char *err, size_t errlen);

/*
 * The visits youth `youth` may take from the wall time `now_wall` on, for
 * YOUTHPAGE_DAYS days: slots with open positions at homes the youth may
 * work at, and the given-away visits in `given` (giver >= 0, n_given),
 * each only when youthpage_may_take() says yes.  Sorted by start.  *out
 * is a new array of *n for free().  0, or -1 with err.
 */
int youthpage_open_visits(const struct model_instance *inst,
    const struct tzmap *tz, size_t youth, int64_t now_wall,
    const struct youthpage_offer *given, size_t n_given,
    struct youthpage_offer **out, size_t *n, char *err, size_t errlen);

/* A request of the youth's that waits for the coordinator. */
struct youthpage_pending {
	size_t slot;   /* the visit asked for, or the one a day off hits */
	bool day_off;  /* a day off; else a claim (or a swap) */
	int64_t start; /* a day off: its start (wall minutes) */
};

/* What the page shows, besides the data. */
struct youthpage_view {
	int64_t now;            /* Unix seconds */
	const char *action;     /* the page's own path, "/youth/TOKEN" */
	const char *feed_url;   /* https:// or http://, or NULL */
	const char *webcal_url; /* webcal:// or webcals://, or NULL */
	const struct youthpage_offer *open;
	size_t nopen;
	const size_t *giving; /* slots the youth has offered away (open) */
	size_t ngiving;
	const struct youthpage_pending *pending; /* waiting for an answer */
	size_t npending;
	const char *notice;         /* a line on top (translated), or NULL */
	bool notice_bad;            /* the notice is a refusal */
	const char *const *reasons; /* why, one line each (translated) */
	size_t nreasons;
};

/*
 * The page of youth `youth` of a linked instance, in `lang` (enum
 * i18n_lang; the thread's language is switched for the call and
 * restored).  Every text is HTML-escaped.  NULL when youth is out of
 * range or the time zone is unknown; else a document for free().
 */
char *youthpage_render(const struct model_instance *inst, size_t youth,
    const struct youthpage_view *v, int lang);

/* The page's style sheet (the text inside its one <style> element), for
 * the Content-Security-Policy hash. */
const char *youthpage_style(void);

#endif /* ROTAD_YOUTHPAGE_H */
