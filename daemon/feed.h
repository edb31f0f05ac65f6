/* SPDX-License-Identifier: ISC */
/*
 * iCalendar subscription feeds (RFC 5545 + RFC 7986) rendered from plain
 * model data with libical.  Pure: no I/O, no clock, no globals of our own;
 * the same instance and parameters give byte-identical output, so an ETag
 * computed from the bytes changes exactly when the content does.
 * docs/feeds.md explains what each feed contains and why.
 */
#ifndef ROTAD_FEED_H
#define ROTAD_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct model_instance;

enum feed_kind {
	FEED_YOUTH, /* one youth's own shifts; subject_idx is a youth index */
	FEED_HOME,  /* the visits at one home; subject_idx is a home index */
	FEED_ALL    /* every visit, for coordinators; subject_idx unused */
};

#define FEED_DEFAULT_PAST_DAYS       30
#define FEED_DEFAULT_FUTURE_DAYS     180
#define FEED_DEFAULT_REFRESH_MINUTES 60
/* The msgid of the calendar name's prefix; feeds show its translation
 * ("Besøk" in bokmål). */
#define FEED_DEFAULT_NAME_PREFIX     "Visits"
#define FEED_DEFAULT_UID_DOMAIN      "rota.invalid"
/* A cancelled assignment stays in feeds this long after its updated_at. */
#define FEED_CANCELLED_KEEP_DAYS     30

struct feed_params {
	enum feed_kind kind;
	size_t subject_idx;
	int64_t now;     /* Unix seconds; only selects the window */
	int past_days;   /* events ending before now - past_days are left out */
	int future_days; /* events starting after now + future_days too */
	/* Borrowed strings, only read during the call; NULL for the default. */
	const char *calendar_name_prefix; /* "Besøk" -> "Besøk – Ida" */
	const char *coordinator_contact;  /* put in DESCRIPTION; NULL: none */
	const char *uid_domain;           /* right-hand side of every UID */
	int refresh_minutes; /* REFRESH-INTERVAL, X-PUBLISHED-TTL */
	/*
	 * enum i18n_lang: every text a person reads (names, SUMMARY,
	 * DESCRIPTION) is in this language; the X-ROTA-* properties that
	 * programs read are the same in every language.
	 */
	int lang;
};

/*
 * Fills *p with the defaults above for a feed of `kind` about subject
 * `subject_idx`, rendered at `now` (Unix seconds), in English.
 */
void feed_params_init(struct feed_params *p, enum feed_kind kind,
    size_t subject_idx, int64_t now);

/*
 * Renders the feed `p` describes from `inst`, which must have been through
 * model_instance_link(), in the language p->lang (the calling thread's
 * language is switched for the call and restored).  Returns a NUL-terminated
 * UTF-8 VCALENDAR with CRLF line ends that the caller frees with free(), or
 * NULL when the subject index is out of range or the instance's time zone is
 * unknown. Nothing from `inst` or `p` is kept.
 */
char *feed_render(
    const struct model_instance *inst, const struct feed_params *p);

/*
 * A valid VCALENDAR with the same calendar properties as feed_render()
 * but no events: served for a revoked token during its grace period so
 * that subscribed clients delete their copies.  `inst` may be NULL (the
 * name then carries only the prefix).  Caller frees; never NULL.
 */
char *feed_render_empty(
    const struct model_instance *inst, const struct feed_params *p);

/*
 * The UID of assignment `assignment_idx` (< inst->nassignments) in a
 * feed of `kind`, as feed_render() writes it: "a-<id>.<y|h|c>@<domain>".
 * A hash of the slot and youth ids stands in for a missing or unusual id;
 * a NULL domain means the default.  No personal data.  Caller frees.
 */
char *feed_uid_dup(const struct model_instance *inst, size_t assignment_idx,
    enum feed_kind kind, const char *uid_domain);

/*
 * A copy of the first n bytes of s made safe for calendar and HTML text:
 * invalid UTF-8 becomes U+FFFD, CRLF and lone CR become LF (a space when
 * !multiline, as LF does), other control characters but TAB are dropped.
 * s may be NULL (gives "").  Caller frees.  Shared with weekpage.c.
 */
char *feed_text_clean_ndup(const char *s, size_t n, bool multiline);

/*
 * The cleaned first name of a full name ("Ida Nilsen" -> "Ida", see
 * model_first_name()), as a new string: what home feeds, youth feeds and
 * the week page show of a youth.
 */
char *feed_first_name_dup(const char *name);

#endif /* ROTAD_FEED_H */
