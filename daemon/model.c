/* SPDX-License-Identifier: ISC */
/*
 * This file contains the life cycle of the in-memory instance: creation
 * with the format's defaults, deep copies and frees of each entity, id
 * look-ups, and the linking of id references to indexes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "civil.h"
#include "model.h"
#include "xmalloc.h"

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static char **
dup_strv(char *const *v, size_t n)
{
	char **out;

	if (n == 0)
		return NULL;
	out = xcalloc(n, sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

static void
free_strv(char **v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

static void *
dup_array(const void *src, size_t n, size_t size)
{
	void *out;

	if (n == 0 || src == NULL)
		return NULL;
	out = xreallocarray(NULL, n, size);
	memcpy(out, src, n * size);
	return out;
}

const char *
model_language_of(const char *language, const char *jurisdiction)
{
	if (language != NULL && language[0] != '\0')
		return language;
	return jurisdiction != NULL && strcmp(jurisdiction, "NO") == 0 ? "nb"
	                                                               : "en";
}

const char *
model_language(const struct model_instance *inst)
{
	/* No instance: the format's default jurisdiction, NO. */
	return inst ? model_language_of(inst->language, inst->jurisdiction)
	            : "nb";
}

const char *
model_youth_language(
    const struct model_instance *inst, const struct model_youth *y)
{
	if (y != NULL && y->language != NULL && y->language[0] != '\0')
		return y->language;
	return model_language(inst);
}

struct model_instance *
model_instance_new(void)
{
	struct model_instance *inst = xcalloc(1, sizeof(*inst));

	inst->version = MODEL_FORMAT_VERSION;
	inst->jurisdiction = xstrdup("NO");
	inst->timezone = xstrdup("Europe/Oslo");
	inst->travel_minutes = MODEL_DEFAULT_TRAVEL_MINUTES;
	inst->seconds = MODEL_DEFAULT_SECONDS;
	return inst;
}

void
model_home_clear(struct model_home *h)
{
	free(h->id);
	free(h->name);
	free(h->address);
	free(h->region);
	free(h->school_calendar);
	memset(h, 0, sizeof(*h));
}

void
model_youth_clear(struct model_youth *y)
{
	free(y->id);
	free(y->name);
	free_strv(y->skills, y->nskills);
	free(y->availability);
	free(y->unavailable);
	free(y->other_work);
	free_strv(y->homes, y->nhomes);
	free(y->homes_idx);
	free(y->language);
	free(y->school_calendar);
	free(y->guardian_name);
	free(y->guardian_email);
	free(y->email);
	memset(y, 0, sizeof(*y));
}

void
model_slot_clear(struct model_slot *s)
{
	free(s->id);
	free(s->home);
	free(s->activity);
	for (size_t i = 0; i < s->nrequires; i++)
		free(s->requires[i].skill);
	free(s->requires);
	memset(s, 0, sizeof(*s));
}

void
model_assignment_clear(struct model_assignment *a)
{
	free(a->id);
	free(a->slot);
	free(a->youth);
	memset(a, 0, sizeof(*a));
}

void
model_school_calendar_clear(struct model_school_calendar *c)
{
	free(c->id);
	free(c->name);
	free(c->terms);
	free(c->holidays);
	memset(c, 0, sizeof(*c));
}

void
model_school_calendar_copy(
    struct model_school_calendar *dst, const struct model_school_calendar *src)
{
	*dst = *src;
	dst->id = dup_or_null(src->id);
	dst->name = dup_or_null(src->name);
	dst->terms =
	    dup_array(src->terms, src->nterms, sizeof(struct model_date_range));
	dst->holidays = dup_array(
	    src->holidays, src->nholidays, sizeof(struct model_date_range));
}

const char *
model_calendar_id(const struct model_school_calendar *c)
{
	return c->id != NULL ? c->id : MODEL_DEFAULT_CALENDAR_ID;
}

size_t
model_calendar_count(const struct model_instance *inst)
{
	return 1 + inst->nschool_calendars;
}

const struct model_school_calendar *
model_calendar_at(const struct model_instance *inst, size_t idx)
{
	if (idx == 0 || idx > inst->nschool_calendars)
		return &inst->school_calendar;
	return &inst->school_calendars[idx - 1];
}

long
model_find_calendar(const struct model_instance *inst, const char *id)
{
	if (id == NULL)
		return -1;
	for (size_t i = 0; i < model_calendar_count(inst); i++)
		if (strcmp(model_calendar_id(model_calendar_at(inst, i)), id) ==
		    0)
			return (long)i;
	return -1;
}

const struct model_school_calendar *
model_youth_calendar(
    const struct model_instance *inst, const struct model_youth *y)
{
	return model_calendar_at(inst, y->calendar_idx);
}

const struct model_school_calendar *
model_home_calendar(
    const struct model_instance *inst, const struct model_home *h)
{
	return model_calendar_at(inst, h->calendar_idx);
}

void
model_calendar_users(const struct model_instance *inst, size_t idx,
    size_t *youths, size_t *homes)
{
	const char *id = model_calendar_id(model_calendar_at(inst, idx));

	*youths = *homes = 0;
	for (size_t i = 0; i < inst->nyouths; i++)
		if (inst->youths[i].school_calendar != NULL &&
		    strcmp(inst->youths[i].school_calendar, id) == 0)
			(*youths)++;
	for (size_t i = 0; i < inst->nhomes; i++)
		if (inst->homes[i].school_calendar != NULL &&
		    strcmp(inst->homes[i].school_calendar, id) == 0)
			(*homes)++;
}

void
model_home_copy(struct model_home *dst, const struct model_home *src)
{
	dst->id = dup_or_null(src->id);
	dst->name = dup_or_null(src->name);
	dst->address = dup_or_null(src->address);
	dst->region = dup_or_null(src->region);
	dst->school_calendar = dup_or_null(src->school_calendar);
	dst->calendar_idx = src->calendar_idx;
}

void
model_youth_copy(struct model_youth *dst, const struct model_youth *src)
{
	*dst = *src;
	dst->id = dup_or_null(src->id);
	dst->name = dup_or_null(src->name);
	dst->skills = dup_strv(src->skills, src->nskills);
	dst->availability = dup_array(
	    src->availability, src->navailability, sizeof(*src->availability));
	dst->unavailable = dup_array(
	    src->unavailable, src->nunavailable, sizeof(*src->unavailable));
	dst->other_work = dup_array(
	    src->other_work, src->nother_work, sizeof(*src->other_work));
	dst->homes = dup_strv(src->homes, src->nhomes);
	dst->homes_idx = dup_array(src->homes_idx,
	    src->homes_idx ? src->nhomes : 0, sizeof(*src->homes_idx));
	dst->language = dup_or_null(src->language);
	dst->school_calendar = dup_or_null(src->school_calendar);
	dst->guardian_name = dup_or_null(src->guardian_name);
	dst->guardian_email = dup_or_null(src->guardian_email);
	dst->email = dup_or_null(src->email);
}

void
model_slot_copy(struct model_slot *dst, const struct model_slot *src)
{
	*dst = *src;
	dst->id = dup_or_null(src->id);
	dst->home = dup_or_null(src->home);
	dst->activity = dup_or_null(src->activity);
	dst->requires = NULL;
	if (src->nrequires > 0) {
		dst->requires = xcalloc(src->nrequires, sizeof(*dst->requires));
		for (size_t i = 0; i < src->nrequires; i++) {
			dst->requires[i].skill =
			    xstrdup(src->requires[i].skill);
			dst->requires[i].count = src->requires[i].count;
		}
	}
}

void
model_assignment_copy(
    struct model_assignment *dst, const struct model_assignment *src)
{
	*dst = *src;
	dst->id = dup_or_null(src->id);
	dst->slot = dup_or_null(src->slot);
	dst->youth = dup_or_null(src->youth);
}

void
model_instance_free(struct model_instance *inst)
{
	if (inst == NULL)
		return;
	free(inst->jurisdiction);
	free(inst->timezone);
	free(inst->language);
	for (size_t i = 0; i < inst->nrule_options; i++) {
		free(inst->rule_options[i].name);
		free(inst->rule_options[i].s);
	}
	free(inst->rule_options);
	model_school_calendar_clear(&inst->school_calendar);
	for (size_t i = 0; i < inst->nschool_calendars; i++)
		model_school_calendar_clear(&inst->school_calendars[i]);
	free(inst->school_calendars);
	free(inst->public_holidays);
	for (size_t i = 0; i < inst->nhomes; i++)
		model_home_clear(&inst->homes[i]);
	free(inst->homes);
	for (size_t i = 0; i < inst->nyouths; i++)
		model_youth_clear(&inst->youths[i]);
	free(inst->youths);
	for (size_t i = 0; i < inst->nslots; i++)
		model_slot_clear(&inst->slots[i]);
	free(inst->slots);
	for (size_t i = 0; i < inst->nassignments; i++)
		model_assignment_clear(&inst->assignments[i]);
	free(inst->assignments);
	free(inst);
}

bool
model_home_in_region(const struct model_home *h, const char *region)
{
	return h->region != NULL && region != NULL &&
	    strcmp(h->region, region) == 0;
}

long
model_find_home(const struct model_instance *inst, const char *id)
{
	for (size_t i = 0; i < inst->nhomes; i++)
		if (strcmp(inst->homes[i].id, id) == 0)
			return (long)i;
	return -1;
}

long
model_find_youth(const struct model_instance *inst, const char *id)
{
	for (size_t i = 0; i < inst->nyouths; i++)
		if (strcmp(inst->youths[i].id, id) == 0)
			return (long)i;
	return -1;
}

long
model_find_slot(const struct model_instance *inst, const char *id)
{
	for (size_t i = 0; i < inst->nslots; i++)
		if (strcmp(inst->slots[i].id, id) == 0)
			return (long)i;
	return -1;
}

long
model_find_assignment(const struct model_instance *inst, const char *id)
{
	for (size_t i = 0; i < inst->nassignments; i++)
		if (inst->assignments[i].id != NULL &&
		    strcmp(inst->assignments[i].id, id) == 0)
			return (long)i;
	return -1;
}

struct model_instance *
model_instance_copy(const struct model_instance *src)
{
	struct model_instance *dst = xcalloc(1, sizeof(*dst));

	*dst = *src;
	dst->jurisdiction = dup_or_null(src->jurisdiction);
	dst->timezone = dup_or_null(src->timezone);
	dst->language = dup_or_null(src->language);
	dst->rule_options = NULL;
	if (src->nrule_options > 0) {
		dst->rule_options =
		    xcalloc(src->nrule_options, sizeof(*dst->rule_options));
		for (size_t i = 0; i < src->nrule_options; i++) {
			dst->rule_options[i] = src->rule_options[i];
			dst->rule_options[i].name =
			    dup_or_null(src->rule_options[i].name);
			dst->rule_options[i].s =
			    dup_or_null(src->rule_options[i].s);
		}
	}
	model_school_calendar_copy(
	    &dst->school_calendar, &src->school_calendar);
	dst->school_calendars =
	    xcalloc(src->nschool_calendars + 1, sizeof(*dst->school_calendars));
	for (size_t i = 0; i < src->nschool_calendars; i++)
		model_school_calendar_copy(
		    &dst->school_calendars[i], &src->school_calendars[i]);
	dst->public_holidays = dup_array(src->public_holidays,
	    src->npublic_holidays, sizeof(*src->public_holidays));
	dst->homes = xcalloc(src->nhomes + 1, sizeof(*dst->homes));
	for (size_t i = 0; i < src->nhomes; i++)
		model_home_copy(&dst->homes[i], &src->homes[i]);
	dst->youths = xcalloc(src->nyouths + 1, sizeof(*dst->youths));
	for (size_t i = 0; i < src->nyouths; i++)
		model_youth_copy(&dst->youths[i], &src->youths[i]);
	dst->slots = xcalloc(src->nslots + 1, sizeof(*dst->slots));
	for (size_t i = 0; i < src->nslots; i++)
		model_slot_copy(&dst->slots[i], &src->slots[i]);
	dst->assignments =
	    xcalloc(src->nassignments + 1, sizeof(*dst->assignments));
	for (size_t i = 0; i < src->nassignments; i++)
		model_assignment_copy(
		    &dst->assignments[i], &src->assignments[i]);
	return dst;
}

void
model_add_home(struct model_instance *inst, const struct model_home *h)
{
	inst->homes =
	    xreallocarray(inst->homes, inst->nhomes + 1, sizeof(*inst->homes));
	model_home_copy(&inst->homes[inst->nhomes++], h);
}

void
model_add_youth(struct model_instance *inst, const struct model_youth *y)
{
	inst->youths = xreallocarray(
	    inst->youths, inst->nyouths + 1, sizeof(*inst->youths));
	model_youth_copy(&inst->youths[inst->nyouths++], y);
}

void
model_add_slot(struct model_instance *inst, const struct model_slot *s)
{
	inst->slots =
	    xreallocarray(inst->slots, inst->nslots + 1, sizeof(*inst->slots));
	model_slot_copy(&inst->slots[inst->nslots++], s);
}

void
model_add_assignment(
    struct model_instance *inst, const struct model_assignment *a)
{
	inst->assignments = xreallocarray(inst->assignments,
	    inst->nassignments + 1, sizeof(*inst->assignments));
	model_assignment_copy(&inst->assignments[inst->nassignments++], a);
}

#define MODEL_REMOVE(arr, n, i, clear)                                         \
	do {                                                                   \
		clear(&(arr)[i]);                                              \
		memmove(&(arr)[i], &(arr)[(i) + 1],                            \
		    ((n) - (i)-1) * sizeof(*(arr)));                           \
		(n)--;                                                         \
	} while (0)

void
model_add_calendar(
    struct model_instance *inst, const struct model_school_calendar *c)
{
	inst->school_calendars = xreallocarray(inst->school_calendars,
	    inst->nschool_calendars + 1, sizeof(*inst->school_calendars));
	model_school_calendar_copy(
	    &inst->school_calendars[inst->nschool_calendars++], c);
}

void
model_remove_calendar(struct model_instance *inst, size_t i)
{
	if (i == 0 || i > inst->nschool_calendars)
		return;
	MODEL_REMOVE(inst->school_calendars, inst->nschool_calendars, i - 1,
	    model_school_calendar_clear);
}

void
model_remove_home(struct model_instance *inst, size_t i)
{
	MODEL_REMOVE(inst->homes, inst->nhomes, i, model_home_clear);
}

void
model_remove_youth(struct model_instance *inst, size_t i)
{
	MODEL_REMOVE(inst->youths, inst->nyouths, i, model_youth_clear);
}

void
model_remove_slot(struct model_instance *inst, size_t i)
{
	MODEL_REMOVE(inst->slots, inst->nslots, i, model_slot_clear);
}

void
model_remove_assignment(struct model_instance *inst, size_t i)
{
	MODEL_REMOVE(
	    inst->assignments, inst->nassignments, i, model_assignment_clear);
}

/*
 * An id index: the ids of one entity kind sorted, with their positions, so
 * linking a large instance costs n log n rather than n * m.
 */
struct id_entry {
	const char *id;
	size_t idx;
};

static int
id_entry_cmp(const void *a, const void *b)
{
	return strcmp(
	    ((const struct id_entry *)a)->id, ((const struct id_entry *)b)->id);
}

static struct id_entry *
id_index_build(size_t n,
    const char *(*get)(const struct model_instance *, size_t),
    const struct model_instance *inst)
{
	struct id_entry *e = xcalloc(n ? n : 1, sizeof(*e));

	for (size_t i = 0; i < n; i++) {
		e[i].id = get(inst, i);
		e[i].idx = i;
	}
	qsort(e, n, sizeof(*e), id_entry_cmp);
	return e;
}

static long
id_index_find(const struct id_entry *e, size_t n, const char *id)
{
	struct id_entry key = {id, 0};
	const struct id_entry *hit;

	if (id == NULL)
		return -1;
	hit = bsearch(&key, e, n, sizeof(*e), id_entry_cmp);
	return hit ? (long)hit->idx : -1;
}

static const char *
home_id(const struct model_instance *inst, size_t i)
{
	return inst->homes[i].id;
}

static const char *
youth_id(const struct model_instance *inst, size_t i)
{
	return inst->youths[i].id;
}

static const char *
slot_id(const struct model_instance *inst, size_t i)
{
	return inst->slots[i].id;
}

int
model_link_calendars(struct model_instance *inst, char *field, size_t fieldlen,
    char *msg, size_t msglen)
{
	long k;

	for (size_t i = 0; i < inst->nyouths; i++) {
		struct model_youth *y = &inst->youths[i];
		y->calendar_idx = 0;
		if (y->school_calendar == NULL)
			continue;
		if ((k = model_find_calendar(inst, y->school_calendar)) < 0) {
			snprintf(
			    field, fieldlen, "youths[%zu].school_calendar", i);
			snprintf(msg, msglen, "no school calendar has id '%s'",
			    y->school_calendar);
			return -1;
		}
		y->calendar_idx = (size_t)k;
	}
	for (size_t i = 0; i < inst->nhomes; i++) {
		struct model_home *h = &inst->homes[i];
		h->calendar_idx = 0;
		if (h->school_calendar == NULL)
			continue;
		if ((k = model_find_calendar(inst, h->school_calendar)) < 0) {
			snprintf(
			    field, fieldlen, "homes[%zu].school_calendar", i);
			snprintf(msg, msglen, "no school calendar has id '%s'",
			    h->school_calendar);
			return -1;
		}
		h->calendar_idx = (size_t)k;
	}
	return 0;
}

int
model_instance_link(struct model_instance *inst, char *field, size_t fieldlen,
    char *msg, size_t msglen)
{
	struct id_entry *hi, *yi, *si;
	int rc = -1;
	long k;

	hi = id_index_build(inst->nhomes, home_id, inst);
	yi = id_index_build(inst->nyouths, youth_id, inst);
	si = id_index_build(inst->nslots, slot_id, inst);

	for (size_t i = 0; i < inst->nyouths; i++) {
		struct model_youth *y = &inst->youths[i];
		free(y->homes_idx);
		y->homes_idx = y->nhomes
		    ? xcalloc(y->nhomes, sizeof(*y->homes_idx))
		    : NULL;
		for (size_t j = 0; j < y->nhomes; j++) {
			if ((k = id_index_find(hi, inst->nhomes, y->homes[j])) <
			    0) {
				snprintf(field, fieldlen,
				    "youths[%zu].homes[%zu]", i, j);
				snprintf(msg, msglen, "no home has id '%s'",
				    y->homes[j]);
				goto done;
			}
			y->homes_idx[j] = (size_t)k;
		}
	}
	if (model_link_calendars(inst, field, fieldlen, msg, msglen) < 0)
		goto done;
	for (size_t i = 0; i < inst->nslots; i++) {
		struct model_slot *s = &inst->slots[i];
		if ((k = id_index_find(hi, inst->nhomes, s->home)) < 0) {
			snprintf(field, fieldlen, "slots[%zu].home", i);
			snprintf(msg, msglen, "no home has id '%s'",
			    s->home ? s->home : "");
			goto done;
		}
		s->home_idx = (size_t)k;
	}
	for (size_t i = 0; i < inst->nassignments; i++) {
		struct model_assignment *a = &inst->assignments[i];
		if ((k = id_index_find(si, inst->nslots, a->slot)) < 0) {
			snprintf(field, fieldlen, "assignments[%zu].slot", i);
			snprintf(msg, msglen, "no slot has id '%s'",
			    a->slot ? a->slot : "");
			goto done;
		}
		a->slot_idx = (size_t)k;
		if ((k = id_index_find(yi, inst->nyouths, a->youth)) < 0) {
			snprintf(field, fieldlen, "assignments[%zu].youth", i);
			snprintf(msg, msglen, "no youth has id '%s'",
			    a->youth ? a->youth : "");
			goto done;
		}
		a->youth_idx = (size_t)k;
	}
	rc = 0;
done:
	free(hi);
	free(yi);
	free(si);
	return rc;
}

/*
 * What ends a first name: Unicode's white space (Zs, Zl, Zp and the C0
 * and C1 spaces), every format character (Cf: zero-width spaces and
 * joiners, direction marks, word joiner, invisible operators, BOM, tags),
 * the default-ignorable characters that show nothing (combining grapheme
 * joiner, Khmer inherent vowels, variation selectors, Mongolian
 * separators), the blank "letters" (the Hangul fillers U+115F, U+1160,
 * U+3164, U+FFA0, the braille blank U+2800, the null notehead), and the
 * katakana middle dots that join a transcribed given and family name.
 * With any of them between the names, a feed would otherwise show the
 * whole name to a home (issue 18.9).  Sorted, for a binary search.
 */
static const struct {
	uint32_t lo, hi;
} name_separators[] = {
    {0x0009, 0x000D},   /* TAB .. CR */
    {0x0020, 0x0020},   /* SPACE */
    {0x0085, 0x0085},   /* NEXT LINE */
    {0x00A0, 0x00A0},   /* NO-BREAK SPACE */
    {0x00AD, 0x00AD},   /* SOFT HYPHEN */
    {0x034F, 0x034F},   /* COMBINING GRAPHEME JOINER */
    {0x0600, 0x0605},   /* Arabic number signs (Cf) */
    {0x061C, 0x061C},   /* ARABIC LETTER MARK */
    {0x06DD, 0x06DD},   /* ARABIC END OF AYAH */
    {0x070F, 0x070F},   /* SYRIAC ABBREVIATION MARK */
    {0x0890, 0x0891},   /* Arabic pound, piastre marks (Cf) */
    {0x08E2, 0x08E2},   /* ARABIC DISPUTED END OF AYAH */
    {0x115F, 0x1160},   /* HANGUL CHOSEONG, JUNGSEONG FILLER */
    {0x1680, 0x1680},   /* OGHAM SPACE MARK */
    {0x17B4, 0x17B5},   /* KHMER VOWEL INHERENT AQ, AA */
    {0x180B, 0x180F},   /* Mongolian variation selectors, vowel sep. */
    {0x2000, 0x200F},   /* EN QUAD .. ZWSP, ZWNJ, ZWJ, LRM, RLM */
    {0x2028, 0x202F},   /* LINE SEP. .. NARROW NO-BREAK SPACE */
    {0x205F, 0x206F},   /* MEDIUM MATH SPACE, WORD JOINER .. */
    {0x2800, 0x2800},   /* BRAILLE PATTERN BLANK */
    {0x3000, 0x3000},   /* IDEOGRAPHIC SPACE */
    {0x30FB, 0x30FB},   /* KATAKANA MIDDLE DOT */
    {0x3164, 0x3164},   /* HANGUL FILLER */
    {0xFE00, 0xFE0F},   /* VARIATION SELECTOR-1 .. 16 */
    {0xFEFF, 0xFEFF},   /* ZERO WIDTH NO-BREAK SPACE (BOM) */
    {0xFF65, 0xFF65},   /* HALFWIDTH KATAKANA MIDDLE DOT */
    {0xFFA0, 0xFFA0},   /* HALFWIDTH HANGUL FILLER */
    {0xFFF0, 0xFFFB},   /* unassigned, interlinear annotation */
    {0x110BD, 0x110BD}, /* KAITHI NUMBER SIGN */
    {0x110CD, 0x110CD}, /* KAITHI NUMBER SIGN ABOVE */
    {0x13430, 0x1343F}, /* Egyptian hieroglyph format controls */
    {0x1BCA0, 0x1BCA3}, /* shorthand format controls */
    {0x1D159, 0x1D159}, /* MUSICAL SYMBOL NULL NOTEHEAD */
    {0x1D173, 0x1D17A}, /* musical format controls */
    {0xE0000, 0xE0FFF}, /* tags, variation selectors supplement */
};

bool
model_name_separator(uint32_t c)
{
	size_t lo = 0,
	       hi = sizeof(name_separators) / sizeof(name_separators[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c < name_separators[mid].lo)
			hi = mid;
		else if (c > name_separators[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/*
 * Decodes the UTF-8 character at s: its length in bytes (1, with *cp
 * U+FFFD, for a byte that does not start a valid sequence).
 */
static size_t
utf8_at(const unsigned char *s, uint32_t *cp)
{
	size_t n = s[0] < 0x80             ? 1
	    : s[0] >= 0xc2 && s[0] <= 0xdf ? 2
	    : s[0] >= 0xe0 && s[0] <= 0xef ? 3
	    : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4
	                                   : 0;
	uint32_t c;

	*cp = n == 1 ? s[0] : 0xfffd;
	if (n <= 1)
		return 1;
	c = s[0] & (0x7fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 1; /* also stops at the NUL */
		c = (c << 6) | (s[i] & 0x3fu);
	}
	*cp = c;
	return n;
}

/* Length of the separator at s (see name_separators), or 0. */
static size_t
separator_len(const unsigned char *s)
{
	uint32_t c;
	size_t n = utf8_at(s, &c);

	return model_name_separator(c) ? n : 0;
}

const char *
model_first_name(const char *name, size_t *len)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t at = 0, n = 0, k;

	*len = 0;
	if (name == NULL)
		return "";
	while (s[at] != '\0' && (k = separator_len(s + at)) > 0)
		at += k;
	while (s[at + n] != '\0' && separator_len(s + at + n) == 0) {
		uint32_t c;
		n += utf8_at(s + at + n, &c);
	}
	*len = n;
	return name + at;
}

size_t
model_first_name_len(const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t n = 0;

	if (name == NULL)
		return 0;
	/* Feeds show only this part: any separator ends it. */
	while (s[n] != '\0' && separator_len(s + n) == 0) {
		uint32_t c;
		n += utf8_at(s + n, &c);
	}
	return n;
}

/* ---- settings ---- */

void
instance_settings_clear(struct instance_settings *s)
{
	free(s->jurisdiction);
	free(s->timezone);
	free(s->language);
	for (size_t i = 0; i < s->nrule_options; i++) {
		free(s->rule_options[i].name);
		free(s->rule_options[i].s);
	}
	free(s->rule_options);
	free(s->public_holidays);
	memset(s, 0, sizeof(*s));
}

static struct model_rule_option *
rule_options_dup(const struct model_rule_option *src, size_t n)
{
	struct model_rule_option *out;

	if (n == 0)
		return NULL;
	out = xcalloc(n, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		out[i] = src[i];
		out[i].name = xstrdup(src[i].name);
		out[i].s = src[i].s ? xstrdup(src[i].s) : NULL;
	}
	return out;
}

void
instance_settings_get(
    struct instance_settings *dst, const struct model_instance *inst)
{
	memset(dst, 0, sizeof(*dst));
	dst->jurisdiction = xstrdup(inst->jurisdiction);
	dst->timezone = xstrdup(inst->timezone);
	dst->language = inst->language ? xstrdup(inst->language) : NULL;
	dst->rule_options =
	    rule_options_dup(inst->rule_options, inst->nrule_options);
	dst->nrule_options = inst->nrule_options;
	dst->public_holidays_set = inst->public_holidays_set;
	dst->npublic_holidays = inst->npublic_holidays;
	if (inst->npublic_holidays > 0) {
		dst->public_holidays = xcalloc(
		    inst->npublic_holidays, sizeof(*dst->public_holidays));
		memcpy(dst->public_holidays, inst->public_holidays,
		    inst->npublic_holidays * sizeof(*dst->public_holidays));
	}
	dst->travel_minutes = inst->travel_minutes;
	dst->seconds = inst->seconds;
	dst->claims_need_approval = inst->claims_need_approval;
	dst->publish_manual = inst->publish_manual;
	dst->mail_quiet_hours_off = inst->mail_quiet_hours_off;
	dst->mail_urgent_in_quiet_hours_off =
	    inst->mail_urgent_in_quiet_hours_off;
}

void
instance_settings_take(
    struct model_instance *inst, struct instance_settings *src)
{
	struct instance_settings old = {
	    .jurisdiction = inst->jurisdiction,
	    .timezone = inst->timezone,
	    .language = inst->language,
	    .rule_options = inst->rule_options,
	    .nrule_options = inst->nrule_options,
	    .public_holidays = inst->public_holidays,
	};

	instance_settings_clear(&old);
	inst->jurisdiction = src->jurisdiction;
	inst->timezone = src->timezone;
	inst->language = src->language;
	inst->rule_options = src->rule_options;
	inst->nrule_options = src->nrule_options;
	inst->public_holidays_set = src->public_holidays_set;
	inst->public_holidays = src->public_holidays;
	inst->npublic_holidays = src->npublic_holidays;
	inst->travel_minutes = src->travel_minutes;
	inst->seconds = src->seconds;
	inst->claims_need_approval = src->claims_need_approval;
	inst->publish_manual = src->publish_manual;
	inst->mail_quiet_hours_off = src->mail_quiet_hours_off;
	inst->mail_urgent_in_quiet_hours_off =
	    src->mail_urgent_in_quiet_hours_off;
	memset(src, 0, sizeof(*src));
}
