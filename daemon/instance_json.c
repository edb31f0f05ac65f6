/* SPDX-License-Identifier: ISC */
/*
 * This file contains the strict reader and the canonical writer of the
 * instance format and of the plan format (instance_json.h,
 * docs/instance.md): JSON through jansson on one side, the plain structs of
 * model.h on the other.  Readers stop at the first error and name its JSON
 * path; writers emit keys in the product brief's order.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "civil.h"
#include "error.h"
#include "i18n.h"
#include "instance_json.h"
#include "json_body.h"
#include "mail_mime.h"
#include "model.h"
#include "rules.h"
#include "rules_options.h"
#include "series.h"
#include "tzmap.h"
#include "xmalloc.h"

#define PATH_LEN         ROTAD_ERROR_FIELD_MAX
#define TZ_NAME_MAX      64
#define RULE_OPTIONS_MAX 64
#define MAX_WEEK_HOURS   168
#define SLOT_MAX_MINUTES CIVIL_MIN_PER_DAY
#define QUOTE_MAX        40 /* bytes of a bad value quoted in a message */
#define NO_INDEX         ((size_t)-1)

/* Rounding slack when turning hours into whole minutes (see docs). */
#define MINUTE_EPSILON 1e-6

enum str_kind {
	STR_TEXT,  /* names, addresses, activities */
	STR_ID,    /* [A-Za-z0-9][A-Za-z0-9_.-]{0,63} */
	STR_SKILL, /* short free text */
	STR_RAW    /* any string; the caller checks the value */
};

/* A value clipped for quoting in a message, on a UTF-8 boundary. */
struct quoted {
	char s[QUOTE_MAX + 4];
};

/* Length of the longest prefix of s[0..len) with no split UTF-8 char. */
static size_t
utf8_whole(const char *s, size_t len)
{
	size_t i = len, need;
	unsigned char c;

	while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return len;
	c = (unsigned char)s[i - 1];
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	return len - (i - 1) < need ? i - 1 : len;
}

static struct quoted
quote(const char *s)
{
	struct quoted q;
	size_t len = strlen(s);

	if (len <= QUOTE_MAX) {
		memcpy(q.s, s, len + 1);
		return q;
	}
	len = utf8_whole(s, QUOTE_MAX);
	memcpy(q.s, s, len);
	memcpy(q.s + len, "...", 4);
	return q;
}

static int fail(struct rotad_error *err, enum rotad_err code, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
fail(struct rotad_error *err, enum rotad_err code, const char *field,
    const char *fmt, ...)
{
	char msg[ROTAD_ERROR_MESSAGE_MAX], fp[ROTAD_ERROR_FIELD_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	/* Truncation may have split a character; clients get UTF-8. */
	msg[utf8_whole(msg, strlen(msg))] = '\0';
	snprintf(fp, sizeof(fp), "%s", field ? field : "");
	fp[utf8_whole(fp, strlen(fp))] = '\0';
	rotad_error_set(err, code, fp, "%s", msg);
	return -1;
}

static void
path_key(char buf[PATH_LEN], const char *path, const char *key)
{
	if (path[0] == '\0')
		snprintf(buf, PATH_LEN, "%s", key);
	else
		snprintf(buf, PATH_LEN, "%s.%s", path, key);
}

static void
path_idx(char buf[PATH_LEN], const char *path, size_t i)
{
	snprintf(buf, PATH_LEN, "%s[%zu]", path, i);
}

static const char *
json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "a whole number";
	case JSON_REAL:
		return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	case JSON_NULL:
		return "null";
	}
	return "?";
}

static int
wrong_type(
    const json_t *v, const char *fp, const char *want, struct rotad_error *err)
{
	return fail(err, ROTAD_ERR_INVALID_FIELD, fp, "must be %s, not %s",
	    want, json_kind(v));
}

/* Levenshtein distance of two short strings, capped for long ones. */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[65];

	if (la > 64 || lb > 64)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best;
			best = diag + (a[i - 1] == b[j - 1] ? 0 : 1);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Refuses any key of obj not in the NULL-terminated list `allowed`. */
static int
check_keys(const json_t *obj, const char *path, const char *const *allowed,
    struct rotad_error *err)
{
	char fp[PATH_LEN], list[ROTAD_ERROR_MESSAGE_MAX / 2];
	const char *key, *best;
	json_t *v;
	size_t bestd;

	json_object_foreach((json_t *)obj, key, v)
	{
		size_t i;
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(allowed[i], key) == 0)
				break;
		if (allowed[i] != NULL)
			continue;
		path_key(fp, path, key);
		best = NULL;
		bestd = 3;
		list[0] = '\0';
		for (i = 0; allowed[i] != NULL; i++) {
			size_t d = edit_distance(key, allowed[i]), len;
			if (d < bestd) {
				bestd = d;
				best = allowed[i];
			}
			len = strlen(list);
			snprintf(list + len, sizeof(list) - len, "%s%s",
			    i ? ", " : "", allowed[i]);
		}
		if (best != NULL)
			return fail(err, ROTAD_ERR_UNKNOWN_FIELD, fp,
			    "unknown field '%s'; did you mean '%s'?",
			    quote(key).s, best);
		return fail(err, ROTAD_ERR_UNKNOWN_FIELD, fp,
		    "unknown field '%s'; known fields here: %s", quote(key).s,
		    list);
	}
	return 0;
}

static bool
id_char(unsigned char c, bool first)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return true;
	return !first && (c == '_' || c == '.' || c == '-');
}

/* Decodes one UTF-8 sequence (jansson has validated it); returns its length. */
static size_t
utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n = s[0] < 0x80 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;

	if (n > len)
		n = len;
	*cp = n == 1 ? s[0] : (uint32_t)(s[0] & (0x7f >> n));
	for (size_t i = 1; i < n; i++)
		*cp = (*cp << 6) | (uint32_t)(s[i] & 0x3f);
	return n;
}

/*
 * Bidirectional embedding, override and isolate controls: in a name or
 * an address they only serve to make text show other than it is stored
 * (in feeds and pages read by others).
 */
static bool
bidi_control(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Checks that v is a string of the given kind. */
static int
check_str(const json_t *v, const char *fp, enum str_kind kind,
    struct rotad_error *err)
{
	const unsigned char *s;
	size_t len, max;

	if (!json_is_string(v))
		return wrong_type(v, fp, "a string", err);
	s = (const unsigned char *)json_string_value(v);
	len = json_string_length(v);
	if (len != strlen((const char *)s))
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must not contain NUL characters");
	if (kind == STR_RAW)
		return 0;
	if (kind == STR_ID) {
		if (len == 0)
			return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
			    "an id must not be empty");
		if (len > MODEL_ID_MAX)
			return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
			    "an id must be at most %d bytes long, not %zu",
			    MODEL_ID_MAX, len);
		for (size_t i = 0; i < len; i++)
			if (!id_char(s[i], i == 0))
				return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
				    "'%s' is not a valid id (letters, digits "
				    "and _ . - not first)",
				    quote((const char *)s).s);
		return 0;
	}
	max = kind == STR_SKILL ? INSTANCE_JSON_MAX_SKILL : MODEL_TEXT_MAX;
	if (len == 0)
		return fail(
		    err, ROTAD_ERR_INVALID_FIELD, fp, "must not be empty");
	if (len > max)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must be at most %zu bytes long, not %zu", max, len);
	for (size_t i = 0; i < len; i++) {
		/* C0 controls, DEL, and C1 controls (U+0080..U+009F). */
		if (s[i] < 0x20 || s[i] == 0x7f ||
		    (s[i] == 0xc2 && i + 1 < len && s[i + 1] >= 0x80 &&
		        s[i + 1] <= 0x9f))
			return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
			    "must not contain control characters");
	}
	{
		bool visible = false;

		for (size_t i = 0; i < len;) {
			uint32_t c;

			i += utf8_next(s + i, len - i, &c);
			if (bidi_control(c))
				return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
				    "must not contain bidirectional control "
				    "characters (U+202A..U+202E, "
				    "U+2066..U+2069)");
			/* Blank: white space, invisible format characters
			 * and fillers (model_name_separator()). */
			if (!model_name_separator(c))
				visible = true;
		}
		if (!visible)
			return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
			    "must not be blank (only spaces or invisible "
			    "characters)");
	}
	return 0;
}

/*
 * Member look-up shared by the getters: returns 1 with *out set, 0 when
 * absent and optional, -1 (MISSING_FIELD) when absent and required.  fp
 * receives the member's path.
 */
static int
member(const json_t *obj, const char *path, const char *key, bool required,
    char fp[PATH_LEN], const json_t **out, struct rotad_error *err)
{
	path_key(fp, path, key);
	*out = json_object_get(obj, key);
	if (*out != NULL)
		return 1;
	if (required)
		return fail(
		    err, ROTAD_ERR_MISSING_FIELD, fp, "'%s' is required", key);
	return 0;
}

static int
get_string(const json_t *obj, const char *path, const char *key, bool required,
    enum str_kind kind, char **out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	const json_t *v;
	int rc;

	if ((rc = member(obj, path, key, required, fp, &v, err)) <= 0)
		return rc;
	if (check_str(v, fp, kind, err) < 0)
		return -1;
	*out = xstrdup(json_string_value(v));
	return 1;
}

/* get_string() for an optional member where null means absent. */
static int
get_string_null(const json_t *obj, const char *path, const char *key,
    enum str_kind kind, char **out, struct rotad_error *err)
{
	if (json_is_null(json_object_get(obj, key)))
		return 0;
	return get_string(obj, path, key, false, kind, out, err);
}

static int
check_int(const json_t *v, const char *fp, long lo, long hi, long *out,
    struct rotad_error *err)
{
	json_int_t i;

	if (!json_is_integer(v))
		return wrong_type(v, fp, "a whole number", err);
	i = json_integer_value(v);
	if (i < lo || i > hi)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must be between %ld and %ld, not %lld", lo, hi,
		    (long long)i);
	*out = (long)i;
	return 0;
}

static int
get_int(const json_t *obj, const char *path, const char *key, bool required,
    long lo, long hi, int *out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	const json_t *v;
	long l = 0;
	int rc;

	if ((rc = member(obj, path, key, required, fp, &v, err)) <= 0)
		return rc;
	if (check_int(v, fp, lo, hi, &l, err) < 0)
		return -1;
	*out = (int)l;
	return 1;
}

static int
get_bool(const json_t *obj, const char *path, const char *key, bool *out,
    struct rotad_error *err)
{
	char fp[PATH_LEN];
	const json_t *v;
	int rc;

	if ((rc = member(obj, path, key, false, fp, &v, err)) <= 0)
		return rc;
	if (!json_is_boolean(v))
		return wrong_type(v, fp, "true or false", err);
	*out = json_is_true(v);
	return 1;
}

/* options.publish: "immediate" (false) or "manual" (true). */
static int
get_publish(
    const json_t *obj, const char *path, bool *manual, struct rotad_error *err)
{
	char fp[PATH_LEN];
	const json_t *v;
	const char *t;
	int rc;

	if ((rc = member(obj, path, "publish", false, fp, &v, err)) <= 0)
		return rc;
	if (!json_is_string(v))
		return wrong_type(v, fp, "\"immediate\" or \"manual\"", err);
	t = json_string_value(v);
	if (strcmp(t, "immediate") != 0 && strcmp(t, "manual") != 0)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "'%s' is not \"immediate\" or \"manual\"", quote(t).s);
	*manual = strcmp(t, "manual") == 0;
	return 1;
}

static int
check_date(
    const json_t *v, const char *fp, int32_t *out, struct rotad_error *err)
{
	if (!json_is_string(v))
		return wrong_type(v, fp, "a date string (YYYY-MM-DD)", err);
	if (civil_parse_date(json_string_value(v), out) < 0)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "'%s' is not a valid date (YYYY-MM-DD)",
		    quote(json_string_value(v)).s);
	return 0;
}

static int
get_date(const json_t *obj, const char *path, const char *key, bool required,
    int32_t *out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	const json_t *v;
	int rc;

	if ((rc = member(obj, path, key, required, fp, &v, err)) <= 0)
		return rc;
	return check_date(v, fp, out, err) < 0 ? -1 : 1;
}

static int
get_hm(const json_t *obj, const char *path, const char *key, bool allow_24,
    int *out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	const json_t *v;
	int rc;

	if ((rc = member(obj, path, key, true, fp, &v, err)) <= 0)
		return -1;
	if (!json_is_string(v))
		return wrong_type(v, fp, "a time string (HH:MM)", err);
	if (civil_parse_hm(json_string_value(v), allow_24, out) < 0)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "'%s' is not a valid time (HH:MM, 00:00..%s)",
		    quote(json_string_value(v)).s,
		    allow_24 ? "24:00" : "23:59");
	return 1;
}

/* A required local date-time; refused when it falls in a DST gap. */
static int
get_datetime(const json_t *obj, const char *path, const char *key,
    const struct tzmap *tz, int64_t *wall, int64_t *utc,
    struct rotad_error *err)
{
	char fp[PATH_LEN];
	const json_t *v;
	const char *s;

	if (member(obj, path, key, true, fp, &v, err) <= 0)
		return -1;
	if (!json_is_string(v))
		return wrong_type(
		    v, fp, "a date-time string (YYYY-MM-DDTHH:MM)", err);
	s = json_string_value(v);
	if (civil_parse_datetime(s, wall) < 0)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "'%s' is not a valid local date-time (YYYY-MM-DDTHH:MM)",
		    quote(s).s);
	if (tz == NULL) {
		*utc = *wall;
		return 1;
	}
	if (tzmap_to_utc(tz, *wall, utc) == TZMAP_GAP)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "%s does not exist in %s: the clocks skip it when summer "
		    "time starts",
		    s, tz->name);
	return 1;
}

static int
get_object(const json_t *obj, const char *path, const char *key, bool required,
    const json_t **out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	int rc;

	if ((rc = member(obj, path, key, required, fp, out, err)) <= 0)
		return rc;
	if (!json_is_object(*out))
		return wrong_type(*out, fp, "an object", err);
	return 1;
}

static int
get_array(const json_t *obj, const char *path, const char *key, bool required,
    size_t max, const json_t **out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	int rc;

	if ((rc = member(obj, path, key, required, fp, out, err)) <= 0)
		return rc;
	if (!json_is_array(*out))
		return wrong_type(*out, fp, "an array", err);
	if (json_array_size(*out) > max)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must have at most %zu entries, not %zu", max,
		    json_array_size(*out));
	return 1;
}

static int
want_object(const json_t *v, const char *path, struct rotad_error *err)
{
	if (!json_is_object(v))
		return wrong_type(v, path, "an object", err);
	return 0;
}

/*
 * Reads an array of distinct strings of one kind into a new vector.  The
 * vector and its count are stored as soon as allocated, so the owner's
 * clear function frees a partial result.
 */
static int
get_strv(const json_t *obj, const char *path, const char *key,
    enum str_kind kind, const char *what, char ***outv, size_t *outn,
    struct rotad_error *err)
{
	char fp[PATH_LEN], ep[PATH_LEN];
	const json_t *arr;
	size_t n;
	int rc;

	if ((rc = get_array(obj, path, key, false, INSTANCE_JSON_MAX_SUBLIST,
	         &arr, err)) <= 0)
		return rc;
	path_key(fp, path, key);
	n = json_array_size(arr);
	*outv = n ? xcalloc(n, sizeof(**outv)) : NULL;
	*outn = n;
	for (size_t i = 0; i < n; i++) {
		const json_t *e = json_array_get(arr, i);
		path_idx(ep, fp, i);
		if (check_str(e, ep, kind, err) < 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp((*outv)[j], json_string_value(e)) == 0)
				return fail(err, ROTAD_ERR_INVALID_FIELD, ep,
				    "%s '%s' is listed twice", what,
				    json_string_value(e));
		(*outv)[i] = xstrdup(json_string_value(e));
	}
	return 1;
}

/* ---- languages ---- */

/*
 * The optional member "language": a language tag rota has a catalog for,
 * exactly as i18n_tag() spells it ("nb", "en"), or null (or absent) for
 * `fallback`, the language that applies instead.  *out is NULL or a new
 * string.
 */
static int
get_language(const json_t *obj, const char *path, const char *fallback,
    char **out, struct rotad_error *err)
{
	char fp[PATH_LEN], tags[64] = "";
	const json_t *v;
	enum i18n_lang l;
	int rc;

	*out = NULL;
	if ((rc = member(obj, path, "language", false, fp, &v, err)) <= 0 ||
	    json_is_null(v))
		return rc < 0 ? -1 : 0;
	if (json_is_string(v) &&
	    i18n_parse_tag(json_string_value(v), &l) == 0 &&
	    strcmp(i18n_tag(l), json_string_value(v)) == 0) {
		*out = xstrdup(json_string_value(v));
		return 1;
	}
	for (int i = 0; i < I18N__COUNT; i++) {
		size_t n = strlen(tags);
		snprintf(tags + n, sizeof(tags) - n, "%s\"%s\"", i ? ", " : "",
		    i18n_tag((enum i18n_lang)i));
	}
	/* TRANSLATORS: the first %s lists the language tags, "en", "nb";
	   the second says what null means ("the organisation's
	   language"). */
	return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
	    "must be one of %s, or null for %s", tags, _(fallback));
}

/* ---- homes ---- */

static const char *const home_keys[] = {
    "id", "name", "address", "region", "school_calendar", NULL};

int
instance_home_from_json(const json_t *obj, const char *path,
    struct model_home *out, struct rotad_error *err)
{
	memset(out, 0, sizeof(*out));
	if (want_object(obj, path, err) < 0 ||
	    check_keys(obj, path, home_keys, err) < 0 ||
	    get_string(obj, path, "id", true, STR_ID, &out->id, err) < 0 ||
	    get_string(obj, path, "name", true, STR_TEXT, &out->name, err) <
	        0 ||
	    get_string(obj, path, "address", false, STR_TEXT, &out->address,
	        err) < 0 ||
	    get_string_null(obj, path, "region", STR_TEXT, &out->region, err) <
	        0 ||
	    get_string_null(obj, path, "school_calendar", STR_ID,
	        &out->school_calendar, err) < 0) {
		model_home_clear(out);
		return -1;
	}
	return 0;
}

json_t *
instance_home_to_json(const struct model_home *h)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(h->id));
	json_object_set_new(o, "name", json_string(h->name));
	if (h->address != NULL)
		json_object_set_new(o, "address", json_string(h->address));
	if (h->region != NULL)
		json_object_set_new(o, "region", json_string(h->region));
	if (h->school_calendar != NULL)
		json_object_set_new(
		    o, "school_calendar", json_string(h->school_calendar));
	return o;
}

/* ---- youths ---- */

/*
 * The optional member "email" (null: none): one address, addr-spec of
 * RFC 5322 without comments or quoted parts (mail_addr_valid()).
 */
static int
get_email(
    const json_t *obj, const char *path, char **out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	const json_t *v;
	int rc;

	if (json_is_null(json_object_get(obj, "email")))
		return 0;
	if ((rc = member(obj, path, "email", false, fp, &v, err)) <= 0)
		return rc;
	if (check_str(v, fp, STR_RAW, err) < 0)
		return -1;
	if (!mail_addr_valid(json_string_value(v)))
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "'%s' is not an e-mail address (name@example.org)",
		    quote(json_string_value(v)).s);
	*out = xstrdup(json_string_value(v));
	return 1;
}

static const char *const youth_keys[] = {"id", "name", "birth_date", "school",
    "guardian_consent", "skills", "availability", "unavailable", "other_work",
    "max_week_hours", "homes", "language", "school_calendar", "guardian_name",
    "guardian_email", "email", NULL};
static const char *const window_keys[] = {"days", "from", "to", NULL};
static const char *const unavailable_keys[] = {"from", "to", NULL};
static const char *const other_work_keys[] = {"start", "end", NULL};
static const char *const school_names[] = {"compulsory", "secondary", "none"};

static int
read_days(const json_t *obj, const char *path, unsigned *days,
    struct rotad_error *err)
{
	char fp[PATH_LEN], ep[PATH_LEN];
	const json_t *arr;

	if (get_array(obj, path, "days", true, INSTANCE_JSON_MAX_SUBLIST, &arr,
	        err) < 0)
		return -1;
	path_key(fp, path, "days");
	if (json_array_size(arr) == 0)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must name at least one day");
	*days = 0;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *e = json_array_get(arr, i);
		int wd;
		path_idx(ep, fp, i);
		if (check_str(e, ep, STR_RAW, err) < 0)
			return -1;
		for (wd = CIVIL_MON; wd <= CIVIL_SUN; wd++)
			if (strcmp(civil_weekday_key(wd),
			        json_string_value(e)) == 0)
				break;
		if (wd > CIVIL_SUN)
			return fail(err, ROTAD_ERR_INVALID_FIELD, ep,
			    "'%s' is not a day; use mon, tue, wed, thu, "
			    "fri, sat or sun",
			    quote(json_string_value(e)).s);
		if (*days & MODEL_DAY_BIT(wd))
			return fail(err, ROTAD_ERR_INVALID_FIELD, ep,
			    "'%s' is listed twice", civil_weekday_key(wd));
		*days |= MODEL_DAY_BIT(wd);
	}
	return 0;
}

static int
read_window(const json_t *v, const char *path, struct model_weekly_window *w,
    struct rotad_error *err)
{
	char fp[PATH_LEN], a[CIVIL_HM_LEN], b[CIVIL_HM_LEN];

	if (want_object(v, path, err) < 0 ||
	    check_keys(v, path, window_keys, err) < 0 ||
	    read_days(v, path, &w->days, err) < 0 ||
	    get_hm(v, path, "from", false, &w->from, err) < 0 ||
	    get_hm(v, path, "to", true, &w->to, err) < 0)
		return -1;
	if (w->to <= w->from) {
		path_key(fp, path, "to");
		civil_format_hm(w->from, a);
		civil_format_hm(w->to, b);
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "to %s is not after from %s", b, a);
	}
	return 0;
}

/*
 * A span of two local date-times (members keys[0] and keys[1] of v) with
 * end after start; *minutes receives its real length.  With `own_object`
 * v holds nothing else (unavailable, other_work); a slot has more.
 */
static int
read_span(const json_t *v, const char *path, const char *const *keys,
    bool own_object, const struct tzmap *tz, struct model_span *sp,
    int64_t *minutes, struct rotad_error *err)
{
	char fp[PATH_LEN], a[CIVIL_DATETIME_LEN], b[CIVIL_DATETIME_LEN];
	int64_t ustart, uend;

	if (own_object &&
	    (want_object(v, path, err) < 0 ||
	        check_keys(v, path, keys, err) < 0))
		return -1;
	if (get_datetime(v, path, keys[0], tz, &sp->start, &ustart, err) < 0 ||
	    get_datetime(v, path, keys[1], tz, &sp->end, &uend, err) < 0)
		return -1;
	if (sp->end <= sp->start) {
		path_key(fp, path, keys[1]);
		civil_format_datetime(sp->start, a);
		civil_format_datetime(sp->end, b);
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "%s %s is %s %s %s", keys[1], b,
		    sp->end < sp->start ? "before" : "not after", keys[0], a);
	}
	if (minutes != NULL)
		*minutes = uend - ustart;
	return 0;
}

static int
get_spans(const json_t *obj, const char *path, const char *key,
    const char *const *keys, const struct tzmap *tz, struct model_span **out,
    size_t *n, struct rotad_error *err)
{
	char fp[PATH_LEN], ep[PATH_LEN];
	const json_t *arr;
	int rc;

	if ((rc = get_array(obj, path, key, false, INSTANCE_JSON_MAX_SUBLIST,
	         &arr, err)) <= 0)
		return rc;
	path_key(fp, path, key);
	*n = json_array_size(arr);
	*out = *n ? xcalloc(*n, sizeof(**out)) : NULL;
	for (size_t i = 0; i < *n; i++) {
		path_idx(ep, fp, i);
		if (read_span(json_array_get(arr, i), ep, keys, true, tz,
		        &(*out)[i], NULL, err) < 0)
			return -1;
	}
	return 1;
}

static int
get_max_week(
    const json_t *obj, const char *path, int *out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	const json_t *v;
	double h;
	int rc;

	*out = -1;
	if ((rc = member(obj, path, "max_week_hours", false, fp, &v, err)) <= 0)
		return rc;
	if (!json_is_number(v))
		return wrong_type(v, fp, "a number", err);
	h = json_number_value(v);
	if (!(h >= 0 && h <= MAX_WEEK_HOURS))
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must be between 0 and %d hours, not %g", MAX_WEEK_HOURS,
		    h);
	*out = (int)floor(h * 60.0 + MINUTE_EPSILON);
	return 1;
}

/* One "@" with text on both sides, a dot in the domain, no spaces, at
 * most 254 bytes (RFC 5321's path limit): the shape of an address. */
static bool
email_shaped(const char *s)
{
	const char *at = strchr(s, '@');
	size_t n = strlen(s);

	if (n > 254 || at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    strchr(at + 1, '.') == NULL || at[1] == '.' || s[n - 1] == '.')
		return false;
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' ||
		    *p == ',' || *p == ';' || *p == '"')
			return false;
	return true;
}

int
instance_youth_from_json(const json_t *obj, const char *path,
    const struct tzmap *tz, struct model_youth *out, struct rotad_error *err)
{
	char fp[PATH_LEN], ep[PATH_LEN];
	const json_t *arr;
	char *school = NULL;
	size_t k;
	int rc;

	memset(out, 0, sizeof(*out));
	out->guardian_consent = CIVIL_NO_DATE;
	out->max_week_minutes = -1;
	if (want_object(obj, path, err) < 0 ||
	    check_keys(obj, path, youth_keys, err) < 0 ||
	    get_string(obj, path, "id", true, STR_ID, &out->id, err) < 0 ||
	    get_string(obj, path, "name", true, STR_TEXT, &out->name, err) <
	        0 ||
	    get_date(obj, path, "birth_date", true, &out->birth_date, err) <
	        0 ||
	    get_string(obj, path, "school", true, STR_RAW, &school, err) < 0)
		goto bad;
	for (k = 0; k < 3; k++)
		if (strcmp(school, school_names[k]) == 0)
			break;
	free(school);
	if (k == 3) {
		path_key(fp, path, "school");
		fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must be \"compulsory\", \"secondary\" or \"none\"");
		goto bad;
	}
	out->school = (enum model_school)k;
	if (get_date(obj, path, "guardian_consent", false,
	        &out->guardian_consent, err) < 0 ||
	    get_strv(obj, path, "skills", STR_SKILL, "skill", &out->skills,
	        &out->nskills, err) < 0)
		goto bad;

	if ((rc = get_array(obj, path, "availability", false,
	         INSTANCE_JSON_MAX_SUBLIST, &arr, err)) < 0)
		goto bad;
	if (rc > 0 && json_array_size(arr) > 0) {
		path_key(fp, path, "availability");
		out->navailability = json_array_size(arr);
		out->availability =
		    xcalloc(out->navailability, sizeof(*out->availability));
		for (size_t i = 0; i < out->navailability; i++) {
			path_idx(ep, fp, i);
			if (read_window(json_array_get(arr, i), ep,
			        &out->availability[i], err) < 0)
				goto bad;
		}
	}
	if (get_spans(obj, path, "unavailable", unavailable_keys, tz,
	        &out->unavailable, &out->nunavailable, err) < 0 ||
	    get_spans(obj, path, "other_work", other_work_keys, tz,
	        &out->other_work, &out->nother_work, err) < 0 ||
	    get_max_week(obj, path, &out->max_week_minutes, err) < 0 ||
	    (rc = get_strv(obj, path, "homes", STR_ID, "home", &out->homes,
	         &out->nhomes, err)) < 0)
		goto bad;
	out->homes_limited = rc > 0;
	if (get_language(obj, path, N_("the organisation's language"),
	        &out->language, err) < 0 ||
	    get_string_null(obj, path, "school_calendar", STR_ID,
	        &out->school_calendar, err) < 0 ||
	    get_string_null(obj, path, "guardian_name", STR_TEXT,
	        &out->guardian_name, err) < 0 ||
	    get_string_null(obj, path, "guardian_email", STR_TEXT,
	        &out->guardian_email, err) < 0 ||
	    get_email(obj, path, &out->email, err) < 0)
		goto bad;
	if (out->guardian_email != NULL && !email_shaped(out->guardian_email)) {
		path_key(fp, path, "guardian_email");
		fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must be an e-mail address (name@example.org)");
		goto bad;
	}
	return 0;
bad:
	model_youth_clear(out);
	return -1;
}

static json_t *
strv_to_json(char *const *v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *
date_to_json(int32_t days)
{
	char buf[CIVIL_DATE_LEN];

	civil_format_date(days, buf);
	return json_string(buf);
}

static json_t *
hm_to_json(int minute)
{
	char buf[CIVIL_HM_LEN];

	civil_format_hm(minute, buf);
	return json_string(buf);
}

static json_t *
datetime_to_json(int64_t wall)
{
	char buf[CIVIL_DATETIME_LEN];

	civil_format_datetime(wall, buf);
	return json_string(buf);
}

static json_t *
spans_to_json(
    const struct model_span *sp, size_t n, const char *k0, const char *k1)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, k0, datetime_to_json(sp[i].start));
		json_object_set_new(o, k1, datetime_to_json(sp[i].end));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
instance_youth_to_json(const struct model_youth *y)
{
	json_t *o = json_object(), *av = json_array();

	json_object_set_new(o, "id", json_string(y->id));
	json_object_set_new(o, "name", json_string(y->name));
	json_object_set_new(o, "birth_date", date_to_json(y->birth_date));
	json_object_set_new(o, "school",
	    json_string(
	        (unsigned)y->school < 3 ? school_names[y->school] : "none"));
	if (y->guardian_consent != CIVIL_NO_DATE)
		json_object_set_new(
		    o, "guardian_consent", date_to_json(y->guardian_consent));
	if (y->guardian_name != NULL)
		json_object_set_new(
		    o, "guardian_name", json_string(y->guardian_name));
	if (y->guardian_email != NULL)
		json_object_set_new(
		    o, "guardian_email", json_string(y->guardian_email));
	json_object_set_new(o, "skills", strv_to_json(y->skills, y->nskills));
	for (size_t i = 0; i < y->navailability; i++) {
		const struct model_weekly_window *w = &y->availability[i];
		json_t *wo = json_object(), *days = json_array();
		for (int wd = CIVIL_MON; wd <= CIVIL_SUN; wd++)
			if (w->days & MODEL_DAY_BIT(wd))
				json_array_append_new(
				    days, json_string(civil_weekday_key(wd)));
		json_object_set_new(wo, "days", days);
		json_object_set_new(wo, "from", hm_to_json(w->from));
		json_object_set_new(wo, "to", hm_to_json(w->to));
		json_array_append_new(av, wo);
	}
	json_object_set_new(o, "availability", av);
	json_object_set_new(o, "unavailable",
	    spans_to_json(y->unavailable, y->nunavailable, "from", "to"));
	json_object_set_new(o, "other_work",
	    spans_to_json(y->other_work, y->nother_work, "start", "end"));
	if (y->max_week_minutes >= 0) {
		if (y->max_week_minutes % 60 == 0)
			json_object_set_new(o, "max_week_hours",
			    json_integer(y->max_week_minutes / 60));
		else
			json_object_set_new(o, "max_week_hours",
			    json_real(y->max_week_minutes / 60.0));
	}
	if (y->homes_limited)
		json_object_set_new(
		    o, "homes", strv_to_json(y->homes, y->nhomes));
	if (y->language != NULL)
		json_object_set_new(o, "language", json_string(y->language));
	if (y->school_calendar != NULL)
		json_object_set_new(
		    o, "school_calendar", json_string(y->school_calendar));
	if (y->email != NULL)
		json_object_set_new(o, "email", json_string(y->email));
	return o;
}

/* ---- slots ---- */

static const char *const slot_keys[] = {"id", "home", "start", "end", "needed",
    "activity", "min_age", "requires", NULL};
/* A slot inside a version 2 document also says which series made it
 * (instance_series_set_from_json reads those three). */
static const char *const doc_slot_keys[] = {"id", "home", "start", "end",
    "needed", "activity", "min_age", "requires", "series", "series_edited",
    "series_cancelled", NULL};
static const char *const slot_span_keys[] = {"start", "end", NULL};

static int
read_requires(const json_t *obj, const char *path, struct model_slot *s,
    struct rotad_error *err)
{
	char fp[PATH_LEN], ep[PATH_LEN];
	const json_t *req, *v;
	const char *key;
	size_t n;
	int rc;

	if ((rc = get_object(obj, path, "requires", false, &req, err)) <= 0)
		return rc;
	path_key(fp, path, "requires");
	if ((n = json_object_size(req)) > INSTANCE_JSON_MAX_SUBLIST)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must have at most %d skills", INSTANCE_JSON_MAX_SUBLIST);
	if (n == 0)
		return 1;
	s->requires = xcalloc(n, sizeof(*s->requires));
	json_object_foreach((json_t *)req, key, v)
	{
		struct model_requirement *r = &s->requires[s->nrequires];
		json_t *name = json_string(key);
		long count = 0;
		path_key(ep, fp, key);
		rc = name ? check_str(name, ep, STR_SKILL, err) : -1;
		json_decref(name);
		if (rc < 0)
			return -1;
		if (check_int(v, ep, 1, s->needed, &count, err) < 0)
			return -1;
		r->skill = xstrdup(key);
		r->count = (int)count;
		s->nrequires++;
	}
	return 1;
}

/* in_doc: a slot of a version 2 document (its series keys allowed). */
static int
slot_read(const json_t *obj, const char *path, const struct tzmap *tz,
    bool in_doc, struct model_slot *out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	struct model_span sp;
	int64_t minutes = 0;

	memset(out, 0, sizeof(*out));
	out->needed = 1;
	if (want_object(obj, path, err) < 0 ||
	    check_keys(obj, path, in_doc ? doc_slot_keys : slot_keys, err) <
	        0 ||
	    get_string(obj, path, "id", true, STR_ID, &out->id, err) < 0 ||
	    get_string(obj, path, "home", true, STR_ID, &out->home, err) < 0 ||
	    read_span(
	        obj, path, slot_span_keys, false, tz, &sp, &minutes, err) < 0)
		goto bad;
	out->start = sp.start;
	out->end = sp.end;
	if (minutes > SLOT_MAX_MINUTES) {
		path_key(fp, path, "end");
		fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "the slot lasts %lld h %02lld min; a slot may last at most "
		    "24 hours",
		    (long long)(minutes / 60), (long long)(minutes % 60));
		goto bad;
	}
	if (get_int(obj, path, "needed", false, 1, 100, &out->needed, err) <
	        0 ||
	    get_string(obj, path, "activity", false, STR_TEXT, &out->activity,
	        err) < 0 ||
	    get_int(obj, path, "min_age", false, 0, 99, &out->min_age, err) <
	        0 ||
	    read_requires(obj, path, out, err) < 0)
		goto bad;
	return 0;
bad:
	model_slot_clear(out);
	return -1;
}

int
instance_slot_from_json(const json_t *obj, const char *path,
    const struct tzmap *tz, struct model_slot *out, struct rotad_error *err)
{
	return slot_read(obj, path, tz, false, out, err);
}

json_t *
instance_slot_to_json(const struct model_slot *s)
{
	json_t *o = json_object(), *req = json_object();

	json_object_set_new(o, "id", json_string(s->id));
	json_object_set_new(o, "home", json_string(s->home));
	json_object_set_new(o, "start", datetime_to_json(s->start));
	json_object_set_new(o, "end", datetime_to_json(s->end));
	json_object_set_new(o, "needed", json_integer(s->needed));
	if (s->activity != NULL)
		json_object_set_new(o, "activity", json_string(s->activity));
	if (s->min_age > 0)
		json_object_set_new(o, "min_age", json_integer(s->min_age));
	for (size_t i = 0; i < s->nrequires; i++)
		json_object_set_new(req, s->requires[i].skill,
		    json_integer(s->requires[i].count));
	json_object_set_new(o, "requires", req);
	return o;
}

/* ---- assignments ---- */

static const char *const assignment_keys[] = {
    "id", "slot", "youth", "pinned", "status", NULL};

int
instance_assignment_from_json(const json_t *obj, const char *path,
    struct model_assignment *out, struct rotad_error *err)
{
	char fp[PATH_LEN];
	char *status = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	if (want_object(obj, path, err) < 0 ||
	    check_keys(obj, path, assignment_keys, err) < 0 ||
	    get_string(obj, path, "id", false, STR_ID, &out->id, err) < 0 ||
	    get_string(obj, path, "slot", true, STR_ID, &out->slot, err) < 0 ||
	    get_string(obj, path, "youth", true, STR_ID, &out->youth, err) <
	        0 ||
	    get_bool(obj, path, "pinned", &out->pinned, err) < 0 ||
	    (rc = get_string(
	         obj, path, "status", false, STR_RAW, &status, err)) < 0)
		goto bad;
	if (rc > 0) {
		if (strcmp(status, "active") == 0) {
			out->status = MODEL_ASSIGNMENT_ACTIVE;
		} else if (strcmp(status, "cancelled") == 0) {
			out->status = MODEL_ASSIGNMENT_CANCELLED;
		} else {
			path_key(fp, path, "status");
			fail(err, ROTAD_ERR_INVALID_FIELD, fp,
			    "must be \"active\" or \"cancelled\"");
			free(status);
			goto bad;
		}
		free(status);
	}
	return 0;
bad:
	model_assignment_clear(out);
	return -1;
}

/* RFC 3339 UTC ("2027-01-04T15:00:00Z") of Unix seconds. */
static json_t *
rfc3339_to_json(int64_t t)
{
	int64_t days = t / 86400, sec;
	char buf[64];
	int y, m, d;

	if (t % 86400 < 0)
		days--;
	sec = t - days * 86400;
	civil_ymd_from_days((int32_t)days, &y, &m, &d);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
	    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
	return json_string(buf);
}

json_t *
instance_assignment_to_json(
    const struct model_assignment *a, bool with_bookkeeping)
{
	json_t *o = json_object();
	bool cancelled = a->status == MODEL_ASSIGNMENT_CANCELLED;

	if (a->id != NULL)
		json_object_set_new(o, "id", json_string(a->id));
	json_object_set_new(o, "slot", json_string(a->slot));
	json_object_set_new(o, "youth", json_string(a->youth));
	json_object_set_new(o, "pinned", json_boolean(a->pinned));
	if (cancelled || with_bookkeeping)
		json_object_set_new(o, "status",
		    json_string(cancelled ? "cancelled" : "active"));
	if (!with_bookkeeping)
		return o;
	json_object_set_new(o, "made_by",
	    json_string(
	        a->made_by == MODEL_MADE_BY_SOLVER ? "solver" : "coordinator"));
	json_object_set_new(o, "seq", json_integer(a->seq));
	json_object_set_new(o, "created_at", rfc3339_to_json(a->created_at));
	json_object_set_new(o, "updated_at", rfc3339_to_json(a->updated_at));
	return o;
}

/* ---- school calendar ---- */

static const char *const calendar_keys[] = {
    "terms", "holidays", "school_hours", NULL};
static const char *const range_keys[] = {"from", "to", NULL};
static const char *const hours_keys[] = {"start", "end", NULL};

static int
get_ranges(const json_t *obj, const char *path, const char *key,
    struct model_date_range **out, size_t *n, struct rotad_error *err)
{
	char fp[PATH_LEN], ep[PATH_LEN], tp[PATH_LEN];
	char a[CIVIL_DATE_LEN], b[CIVIL_DATE_LEN];
	const json_t *arr;
	int rc;

	if ((rc = get_array(obj, path, key, false, INSTANCE_JSON_MAX_SUBLIST,
	         &arr, err)) <= 0)
		return rc;
	path_key(fp, path, key);
	*n = json_array_size(arr);
	*out = *n ? xcalloc(*n, sizeof(**out)) : NULL;
	for (size_t i = 0; i < *n; i++) {
		const json_t *e = json_array_get(arr, i);
		struct model_date_range *r = &(*out)[i];
		path_idx(ep, fp, i);
		if (want_object(e, ep, err) < 0 ||
		    check_keys(e, ep, range_keys, err) < 0 ||
		    get_date(e, ep, "from", true, &r->from, err) < 0 ||
		    get_date(e, ep, "to", true, &r->to, err) < 0)
			return -1;
		if (r->to < r->from) {
			path_key(tp, ep, "to");
			civil_format_date(r->from, a);
			civil_format_date(r->to, b);
			return fail(err, ROTAD_ERR_INVALID_FIELD, tp,
			    "to %s is before from %s", b, a);
		}
	}
	return 1;
}

void
instance_school_calendar_clear(struct model_school_calendar *cal)
{
	model_school_calendar_clear(cal);
}

int
instance_school_calendar_from_json(const json_t *obj, const char *path,
    struct model_school_calendar *out, struct rotad_error *err)
{
	char hp[PATH_LEN], fp[PATH_LEN], a[CIVIL_HM_LEN], b[CIVIL_HM_LEN];
	const json_t *hours;
	int rc;

	memset(out, 0, sizeof(*out));
	if (want_object(obj, path, err) < 0 ||
	    check_keys(obj, path, calendar_keys, err) < 0 ||
	    get_ranges(obj, path, "terms", &out->terms, &out->nterms, err) <
	        0 ||
	    get_ranges(obj, path, "holidays", &out->holidays, &out->nholidays,
	        err) < 0 ||
	    (rc = get_object(obj, path, "school_hours", false, &hours, err)) <
	        0)
		goto bad;
	if (rc > 0) {
		path_key(hp, path, "school_hours");
		if (check_keys(hours, hp, hours_keys, err) < 0 ||
		    get_hm(hours, hp, "start", false, &out->school_start, err) <
		        0 ||
		    get_hm(hours, hp, "end", false, &out->school_end, err) < 0)
			goto bad;
		if (out->school_end <= out->school_start) {
			path_key(fp, hp, "end");
			civil_format_hm(out->school_start, a);
			civil_format_hm(out->school_end, b);
			fail(err, ROTAD_ERR_INVALID_FIELD, fp,
			    "end %s is not after start %s", b, a);
			goto bad;
		}
		out->has_school_hours = true;
	}
	return 0;
bad:
	instance_school_calendar_clear(out);
	return -1;
}

static json_t *
ranges_to_json(const struct model_date_range *r, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "from", date_to_json(r[i].from));
		json_object_set_new(o, "to", date_to_json(r[i].to));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *
instance_school_calendar_to_json(const struct model_school_calendar *cal)
{
	json_t *o = json_object(), *h;

	json_object_set_new(
	    o, "terms", ranges_to_json(cal->terms, cal->nterms));
	json_object_set_new(
	    o, "holidays", ranges_to_json(cal->holidays, cal->nholidays));
	if (cal->has_school_hours) {
		h = json_object();
		json_object_set_new(h, "start", hm_to_json(cal->school_start));
		json_object_set_new(h, "end", hm_to_json(cal->school_end));
		json_object_set_new(o, "school_hours", h);
	}
	return o;
}

static const char *const named_calendar_keys[] = {
    "id", "name", "default", "terms", "holidays", "school_hours", NULL};

int
instance_named_calendar_from_json(const json_t *obj, const char *path,
    bool id_required, struct model_school_calendar *out, bool *is_default,
    struct rotad_error *err)
{
	char *id = NULL, *name = NULL;
	bool def = false;
	json_t *rest;
	int rc;

	memset(out, 0, sizeof(*out));
	if (want_object(obj, path, err) < 0 ||
	    check_keys(obj, path, named_calendar_keys, err) < 0 ||
	    get_string(obj, path, "id", id_required, STR_ID, &id, err) < 0 ||
	    get_string_null(obj, path, "name", STR_TEXT, &name, err) < 0 ||
	    (!json_is_null(json_object_get(obj, "default")) &&
	        get_bool(obj, path, "default", &def, err) < 0)) {
		free(id);
		free(name);
		return -1;
	}
	rest = json_copy((json_t *)obj);
	json_object_del(rest, "id");
	json_object_del(rest, "name");
	json_object_del(rest, "default");
	rc = instance_school_calendar_from_json(rest, path, out, err);
	json_decref(rest);
	if (rc < 0) {
		free(id);
		free(name);
		return -1;
	}
	out->id = id;
	out->name = name;
	if (is_default != NULL)
		*is_default = def;
	return 0;
}

json_t *
instance_named_calendar_to_json(
    const struct model_school_calendar *cal, bool is_default)
{
	json_t *o = json_object(), *rest;

	json_object_set_new(o, "id", json_string(model_calendar_id(cal)));
	if (cal->name != NULL)
		json_object_set_new(o, "name", json_string(cal->name));
	if (is_default)
		json_object_set_new(o, "default", json_true());
	rest = instance_school_calendar_to_json(cal);
	json_object_update(o, rest);
	json_decref(rest);
	return o;
}

/* ---- settings ---- */

static const char *const settings_keys[] = {"jurisdiction", "timezone",
    "language", "rule_options", "public_holidays", "options", NULL};
static const char *const options_keys[] = {"travel_minutes", "seconds",
    "claims_need_approval", "publish", "mail_quiet_hours",
    "mail_urgent_in_quiet_hours", NULL};

static int
check_timezone(const char *fp, const char *name, struct rotad_error *err)
{
	size_t len = strlen(name);
	bool bad = false;

	for (size_t i = 0; i < len && !bad; i++) {
		char c = name[i];
		bad = !id_char((unsigned char)c, false) && c != '/' && c != '+';
	}
	if (bad)
		len = TZ_NAME_MAX + 1;
	if (len == 0 || len > TZ_NAME_MAX || tzmap_get(name) == NULL)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "unknown time zone '%s' (use an IANA name such as "
		    "Europe/Oslo)",
		    quote(name).s);
	return 0;
}

static int
read_rule_options(const json_t *obj, const char *path,
    struct instance_settings *s, struct rotad_error *err)
{
	char fp[PATH_LEN], op[PATH_LEN], msg[ROTAD_ERROR_MESSAGE_MAX];
	const struct rules_option_def *def;
	const json_t *ro, *v;
	const char *key;
	size_t n;
	int rc;

	if ((rc = get_object(obj, path, "rule_options", false, &ro, err)) <= 0)
		return rc;
	path_key(fp, path, "rule_options");
	if ((n = json_object_size(ro)) > RULE_OPTIONS_MAX)
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "must have at most %d switches", RULE_OPTIONS_MAX);
	if (n == 0)
		return 1;
	s->rule_options = xcalloc(n, sizeof(*s->rule_options));
	json_object_foreach((json_t *)ro, key, v)
	{
		struct model_rule_option *o;
		path_key(op, fp, key);
		if ((def = rules_option_find(s->jurisdiction, key)) == NULL)
			return fail(err, ROTAD_ERR_UNKNOWN_FIELD, op,
			    "the %s profile has no switch '%s'",
			    s->jurisdiction, quote(key).s);
		switch (def->kind) {
		case MODEL_OPTION_BOOL:
			if (!json_is_boolean(v))
				return wrong_type(v, op, "true or false", err);
			break;
		case MODEL_OPTION_INT:
			if (!json_is_integer(v))
				return wrong_type(v, op, "a whole number", err);
			break;
		case MODEL_OPTION_STRING:
			if (check_str(v, op, STR_SKILL, err) < 0)
				return -1;
			break;
		}
		o = &s->rule_options[s->nrule_options++];
		o->name = xstrdup(key);
		o->kind = def->kind;
		o->b = json_is_true(v);
		if (json_is_integer(v)) {
			json_int_t i = json_integer_value(v);
			o->i = i > def->max_i ? def->max_i + 1
			    : i < def->min_i  ? def->min_i - 1
			                      : (long)i;
		}
		if (json_is_string(v))
			o->s = xstrdup(json_string_value(v));
		if (rules_option_check(s->jurisdiction, o, msg, sizeof(msg)) <
		    0)
			return fail(
			    err, ROTAD_ERR_INVALID_FIELD, op, "%s", msg);
	}
	return 1;
}

static int
read_settings(const json_t *obj, const char *path, struct instance_settings *s,
    struct rotad_error *err)
{
	char fp[PATH_LEN], ep[PATH_LEN];
	const json_t *arr, *opts;
	bool quiet = true, urgent = true;
	int rc;

	memset(s, 0, sizeof(*s));
	s->travel_minutes = MODEL_DEFAULT_TRAVEL_MINUTES;
	s->seconds = MODEL_DEFAULT_SECONDS;
	if ((rc = get_string(obj, path, "jurisdiction", false, STR_RAW,
	         &s->jurisdiction, err)) < 0)
		goto bad;
	if (rc == 0)
		s->jurisdiction = xstrdup("NO");
	if (!rules_jurisdiction_known(s->jurisdiction)) {
		path_key(fp, path, "jurisdiction");
		fail(err, ROTAD_ERR_INVALID_FIELD, fp,
		    "unknown jurisdiction '%s'; use \"NO\", \"EU\", "
		    "\"US-FLSA\" or \"UK\"",
		    quote(s->jurisdiction).s);
		goto bad;
	}
	if ((rc = get_string(
	         obj, path, "timezone", false, STR_RAW, &s->timezone, err)) < 0)
		goto bad;
	if (rc == 0)
		s->timezone = xstrdup("Europe/Oslo");
	path_key(fp, path, "timezone");
	if (check_timezone(fp, s->timezone, err) < 0 ||
	    get_language(obj, path,
	        N_("the jurisdiction's language (nb for NO, else en)"),
	        &s->language, err) < 0 ||
	    read_rule_options(obj, path, s, err) < 0)
		goto bad;
	if ((rc = get_array(obj, path, "public_holidays", false,
	         INSTANCE_JSON_MAX_SUBLIST, &arr, err)) < 0)
		goto bad;
	if (rc > 0) {
		path_key(fp, path, "public_holidays");
		s->public_holidays_set = true;
		s->npublic_holidays = json_array_size(arr);
		s->public_holidays = s->npublic_holidays
		    ? xcalloc(s->npublic_holidays, sizeof(*s->public_holidays))
		    : NULL;
		for (size_t i = 0; i < s->npublic_holidays; i++) {
			path_idx(ep, fp, i);
			if (check_date(json_array_get(arr, i), ep,
			        &s->public_holidays[i], err) < 0)
				goto bad;
			for (size_t j = 0; j < i; j++)
				if (s->public_holidays[j] ==
				    s->public_holidays[i]) {
					fail(err, ROTAD_ERR_INVALID_FIELD, ep,
					    "%s is listed twice",
					    json_string_value(
					        json_array_get(arr, i)));
					goto bad;
				}
		}
	}
	if ((rc = get_object(obj, path, "options", false, &opts, err)) < 0)
		goto bad;
	if (rc > 0) {
		path_key(fp, path, "options");
		if (check_keys(opts, fp, options_keys, err) < 0 ||
		    get_int(opts, fp, "travel_minutes", false, 0,
		        CIVIL_MIN_PER_DAY, &s->travel_minutes, err) < 0 ||
		    get_int(opts, fp, "seconds", false, 1, 3600, &s->seconds,
		        err) < 0 ||
		    get_bool(opts, fp, "claims_need_approval",
		        &s->claims_need_approval, err) < 0 ||
		    get_publish(opts, fp, &s->publish_manual, err) < 0 ||
		    get_bool(opts, fp, "mail_quiet_hours", &quiet, err) < 0 ||
		    get_bool(opts, fp, "mail_urgent_in_quiet_hours", &urgent,
		        err) < 0)
			goto bad;
		s->mail_quiet_hours_off = !quiet;
		s->mail_urgent_in_quiet_hours_off = !urgent;
	}
	return 0;
bad:
	instance_settings_clear(s);
	return -1;
}

int
instance_settings_from_json(const json_t *obj, const char *path,
    struct instance_settings *out, struct rotad_error *err)
{
	memset(out, 0, sizeof(*out));
	if (want_object(obj, path, err) < 0 ||
	    check_keys(obj, path, settings_keys, err) < 0)
		return -1;
	return read_settings(obj, path, out, err);
}

static json_t *
rule_options_to_json(const struct model_rule_option *ro, size_t n)
{
	json_t *o = json_object();

	for (size_t i = 0; i < n; i++) {
		json_t *v = NULL;
		switch (ro[i].kind) {
		case MODEL_OPTION_BOOL:
			v = json_boolean(ro[i].b);
			break;
		case MODEL_OPTION_INT:
			v = json_integer(ro[i].i);
			break;
		case MODEL_OPTION_STRING:
			v = json_string(ro[i].s ? ro[i].s : "");
			break;
		}
		json_object_set_new(o, ro[i].name, v);
	}
	return o;
}

static json_t *
dates_to_json(const int32_t *d, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, date_to_json(d[i]));
	return a;
}

static json_t *
options_to_json(int travel_minutes, int seconds, bool claims_need_approval,
    bool publish_manual, bool mail_quiet_hours_off,
    bool mail_urgent_in_quiet_hours_off)
{
	json_t *o = json_object();

	json_object_set_new(o, "travel_minutes", json_integer(travel_minutes));
	json_object_set_new(o, "seconds", json_integer(seconds));
	/* Only when set: the default (false) leaves older answers as they
	 * were, byte for byte. */
	if (claims_need_approval)
		json_object_set_new(o, "claims_need_approval", json_true());
	if (publish_manual)
		json_object_set_new(o, "publish", json_string("manual"));
	/* Likewise: only when switched off (the default is on). */
	if (mail_quiet_hours_off)
		json_object_set_new(o, "mail_quiet_hours", json_false());
	if (mail_urgent_in_quiet_hours_off)
		json_object_set_new(
		    o, "mail_urgent_in_quiet_hours", json_false());
	return o;
}

json_t *
instance_settings_to_json(const struct instance_settings *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "jurisdiction", json_string(s->jurisdiction));
	json_object_set_new(o, "timezone", json_string(s->timezone));
	/* The language in effect, also when it is the jurisdiction's. */
	json_object_set_new(o, "language",
	    json_string(model_language_of(s->language, s->jurisdiction)));
	json_object_set_new(o, "rule_options",
	    rule_options_to_json(s->rule_options, s->nrule_options));
	if (s->public_holidays_set)
		json_object_set_new(o, "public_holidays",
		    dates_to_json(s->public_holidays, s->npublic_holidays));
	json_object_set_new(o, "options",
	    options_to_json(s->travel_minutes, s->seconds,
	        s->claims_need_approval, s->publish_manual,
	        s->mail_quiet_hours_off, s->mail_urgent_in_quiet_hours_off));
	return o;
}

/* ---- duplicate detection ---- */

struct key_ref {
	const char *a, *b; /* b may be NULL */
	size_t idx;
};

static int
key_ref_cmp(const void *x, const void *y)
{
	const struct key_ref *p = x, *q = y;
	int c = strcmp(p->a, q->a);

	if (c == 0 && p->b != NULL && q->b != NULL)
		c = strcmp(p->b, q->b);
	if (c == 0)
		c = p->idx < q->idx ? -1 : p->idx > q->idx;
	return c;
}

static bool
key_ref_same(const struct key_ref *p, const struct key_ref *q)
{
	return strcmp(p->a, q->a) == 0 &&
	    (p->b == NULL || q->b == NULL || strcmp(p->b, q->b) == 0);
}

/*
 * Sorts refs and returns the lowest index that repeats an earlier entry's
 * key, with that earlier entry's index in *orig; NO_INDEX when all differ.
 */
static size_t
find_duplicate(struct key_ref *refs, size_t n, size_t *orig)
{
	size_t best = NO_INDEX;

	qsort(refs, n, sizeof(*refs), key_ref_cmp);
	for (size_t i = 1; i < n; i++) {
		if (!key_ref_same(&refs[i - 1], &refs[i]))
			continue;
		/* refs[i] is the second of its run; an earlier run start. */
		size_t j = i - 1;
		while (j > 0 && key_ref_same(&refs[j - 1], &refs[i]))
			j--;
		if (best == NO_INDEX || refs[i].idx < best) {
			best = refs[i].idx;
			*orig = refs[j].idx;
		}
	}
	return best;
}

/*
 * Refuses a repeated id among n entities of `size` bytes whose id string
 * sits at `id_off`; NULL ids (assignments without one) are skipped.  The
 * error names the later entity's id, e.g. "homes[4].id".
 */
static int
check_unique_ids(const void *arr, size_t n, size_t size, size_t id_off,
    const char *kind, struct rotad_error *err)
{
	struct key_ref *r = xcalloc(n ? n : 1, sizeof(*r));
	const char *base = arr;
	size_t m = 0, orig = 0, dup;
	char f[PATH_LEN];

	for (size_t i = 0; i < n; i++) {
		const char *id = *(char *const *)(base + i * size + id_off);
		if (id != NULL)
			r[m++] = (struct key_ref){id, NULL, i};
	}
	dup = find_duplicate(r, m, &orig);
	free(r);
	if (dup == NO_INDEX)
		return 0;
	snprintf(f, sizeof(f), "%s[%zu].id", kind, dup);
	return fail(err, ROTAD_ERR_INVALID_FIELD, f,
	    "id '%s' is already used by %s[%zu]",
	    *(char *const *)(base + dup * size + id_off), kind, orig);
}

#define UNIQUE_IDS(arr, n, type, kind, err)                                    \
	check_unique_ids(arr, n, sizeof(type), offsetof(type, id), kind, err)

/* Refuses a youth listed twice on one slot among active assignments. */
static int
check_assignment_pairs(const struct model_assignment *as, size_t n,
    const char *what, struct rotad_error *err)
{
	struct key_ref *r = xcalloc(n ? n : 1, sizeof(*r));
	size_t m = 0, orig = 0, dup;
	char f[PATH_LEN];

	for (size_t i = 0; i < n; i++)
		if (as[i].status == MODEL_ASSIGNMENT_ACTIVE)
			r[m++] = (struct key_ref){as[i].slot, as[i].youth, i};
	dup = find_duplicate(r, m, &orig);
	free(r);
	if (dup == NO_INDEX)
		return 0;
	snprintf(f, sizeof(f), "%s[%zu].youth", what, dup);
	return fail(err, ROTAD_ERR_INVALID_FIELD, f,
	    "youth '%s' is already on slot '%s' (%s[%zu])", as[dup].youth,
	    as[dup].slot, what, orig);
}

/* ---- the whole instance ---- */

static const char *const top_keys[] = {"version", "jurisdiction", "timezone",
    "language", "rule_options", "school_calendar", "school_calendars",
    "public_holidays", "homes", "youths", "series", "slots", "assignments",
    "options", NULL};

/* Reads the array `key` of root with one reader per element. */
#define READ_LIST(key, arr_, n_, READ)                                         \
	do {                                                                   \
		const json_t *a_;                                              \
		char ep_[PATH_LEN];                                            \
		int rc_ = get_array(                                           \
		    root, "", key, false, INSTANCE_JSON_MAX_LIST, &a_, err);   \
		if (rc_ < 0)                                                   \
			goto bad;                                              \
		if (rc_ > 0 && json_array_size(a_) > 0) {                      \
			(n_) = json_array_size(a_);                            \
			(arr_) = xcalloc((n_), sizeof(*(arr_)));               \
			for (size_t i_ = 0; i_ < (n_); i_++) {                 \
				const json_t *e_ = json_array_get(a_, i_);     \
				path_idx(ep_, key, i_);                        \
				if (READ < 0)                                  \
					goto bad;                              \
			}                                                      \
		}                                                              \
	} while (0)

/*
 * Version 2's "school_calendars": unique ids, exactly one "default": true
 * (a list of one may leave it out); none at all gives the empty default.
 */
static int
read_calendars(
    const json_t *root, struct model_instance *inst, struct rotad_error *err)
{
	struct model_school_calendar *cals = NULL;
	const json_t *a;
	char ep[PATH_LEN], fp[PATH_LEN];
	size_t n, def = SIZE_MAX;
	int rc;

	if ((rc = get_array(root, "", "school_calendars", false,
	         INSTANCE_JSON_MAX_SUBLIST, &a, err)) <= 0)
		return rc;
	n = json_array_size(a);
	if (n == 0)
		return 0;
	cals = xcalloc(n, sizeof(*cals));
	for (size_t i = 0; i < n; i++) {
		bool d = false;
		path_idx(ep, "school_calendars", i);
		if (instance_named_calendar_from_json(
		        json_array_get(a, i), ep, true, &cals[i], &d, err) < 0)
			goto bad;
		for (size_t j = 0; j < i; j++)
			if (strcmp(cals[j].id, cals[i].id) == 0) {
				path_key(fp, ep, "id");
				fail(err, ROTAD_ERR_INVALID_FIELD, fp,
				    "duplicate id '%s' (also "
				    "school_calendars[%zu])",
				    cals[i].id, j);
				goto bad;
			}
		if (d && def != SIZE_MAX) {
			path_key(fp, ep, "default");
			fail(err, ROTAD_ERR_INVALID_FIELD, fp,
			    "only one calendar can be the default (also "
			    "school_calendars[%zu])",
			    def);
			goto bad;
		}
		if (d)
			def = i;
	}
	if (def == SIZE_MAX && n > 1) {
		fail(err, ROTAD_ERR_INVALID_FIELD, "school_calendars",
		    "one calendar must have \"default\": true");
		goto bad;
	}
	if (def == SIZE_MAX)
		def = 0;
	model_school_calendar_clear(&inst->school_calendar);
	inst->school_calendar = cals[def];
	inst->school_calendars = xcalloc(n, sizeof(*inst->school_calendars));
	for (size_t i = 0; i < n; i++)
		if (i != def)
			inst->school_calendars[inst->nschool_calendars++] =
			    cals[i];
	free(cals);
	return 0;
bad:
	for (size_t i = 0; i < n; i++)
		model_school_calendar_clear(&cals[i]);
	free(cals);
	return -1;
}

struct model_instance *
instance_from_json(const json_t *root, struct rotad_error *err)
{
	char field[ROTAD_ERROR_FIELD_MAX], msg[ROTAD_ERROR_MESSAGE_MAX];
	struct model_instance *inst = NULL;
	struct instance_settings set;
	const struct tzmap *tz;
	const json_t *v;
	int rc, version;

	if (!json_is_object(root)) {
		wrong_type(root, "", "an object", err);
		return NULL;
	}
	if (member(root, "", "version", true, field, &v, err) < 0)
		return NULL;
	if (!json_is_integer(v) || json_integer_value(v) < 1 ||
	    json_integer_value(v) > MODEL_FORMAT_VERSION) {
		if (json_is_integer(v))
			fail(err, ROTAD_ERR_INVALID_FIELD, "version",
			    "version %lld is not supported; this rotad reads "
			    "versions 1 to %d",
			    (long long)json_integer_value(v),
			    MODEL_FORMAT_VERSION);
		else
			wrong_type(
			    v, "version", "the whole number 1 or 2", err);
		return NULL;
	}
	version = (int)json_integer_value(v);
	if (check_keys(root, "", top_keys, err) < 0)
		return NULL;
	/* Version 1 has one calendar, version 2 a list of them. */
	if (json_object_get(
	        root, version == 1 ? "school_calendars" : "school_calendar") !=
	    NULL) {
		if (version == 1)
			fail(err, ROTAD_ERR_UNKNOWN_FIELD, "school_calendars",
			    "'school_calendars' needs \"version\": 2; version 1 "
			    "has one 'school_calendar'");
		else
			fail(err, ROTAD_ERR_UNKNOWN_FIELD, "school_calendar",
			    "version 2 has 'school_calendars', a list; "
			    "'school_calendar' is version 1");
		return NULL;
	}
	if (version == 1 && json_object_get(root, "series") != NULL) {
		fail(err, ROTAD_ERR_UNKNOWN_FIELD, "series",
		    "'series' needs \"version\": 2");
		return NULL;
	}
	if (read_settings(root, "", &set, err) < 0)
		return NULL;
	inst = model_instance_new();
	inst->version = version;
	instance_settings_take(inst, &set);
	tz = tzmap_get(inst->timezone);

	if (version == 1) {
		if ((rc = get_object(
		         root, "", "school_calendar", false, &v, err)) < 0)
			goto bad;
		if (rc > 0 &&
		    instance_school_calendar_from_json(
		        v, "school_calendar", &inst->school_calendar, err) < 0)
			goto bad;
	} else if (read_calendars(root, inst, err) < 0) {
		goto bad;
	}
	READ_LIST("homes", inst->homes, inst->nhomes,
	    instance_home_from_json(e_, ep_, &inst->homes[i_], err));
	READ_LIST("youths", inst->youths, inst->nyouths,
	    instance_youth_from_json(e_, ep_, tz, &inst->youths[i_], err));
	READ_LIST("slots", inst->slots, inst->nslots,
	    slot_read(e_, ep_, tz, version >= 2, &inst->slots[i_], err));
	READ_LIST("assignments", inst->assignments, inst->nassignments,
	    instance_assignment_from_json(
	        e_, ep_, &inst->assignments[i_], err));

	if (UNIQUE_IDS(inst->homes, inst->nhomes, struct model_home, "homes",
	        err) < 0 ||
	    UNIQUE_IDS(inst->youths, inst->nyouths, struct model_youth,
	        "youths", err) < 0 ||
	    UNIQUE_IDS(inst->slots, inst->nslots, struct model_slot, "slots",
	        err) < 0 ||
	    UNIQUE_IDS(inst->assignments, inst->nassignments,
	        struct model_assignment, "assignments", err) < 0)
		goto bad;
	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) <
	    0) {
		fail(err, ROTAD_ERR_UNKNOWN_REFERENCE, field, "%s", msg);
		goto bad;
	}
	if (check_assignment_pairs(
	        inst->assignments, inst->nassignments, "assignments", err) < 0)
		goto bad;
	return inst;
bad:
	model_instance_free(inst);
	return NULL;
}

json_t *
instance_to_json(const struct model_instance *inst)
{
	json_t *o = json_object(), *a;

	json_object_set_new(o, "version", json_integer(MODEL_FORMAT_VERSION));
	json_object_set_new(o, "jurisdiction", json_string(inst->jurisdiction));
	json_object_set_new(o, "timezone", json_string(inst->timezone));
	/* Optional: absent means the jurisdiction's, as in older files. */
	if (inst->language != NULL)
		json_object_set_new(o, "language", json_string(inst->language));
	json_object_set_new(o, "rule_options",
	    rule_options_to_json(inst->rule_options, inst->nrule_options));
	a = json_array();
	for (size_t i = 0; i < model_calendar_count(inst); i++)
		json_array_append_new(a,
		    instance_named_calendar_to_json(
		        model_calendar_at(inst, i), i == 0));
	json_object_set_new(o, "school_calendars", a);
	if (inst->public_holidays_set)
		json_object_set_new(o, "public_holidays",
		    dates_to_json(
		        inst->public_holidays, inst->npublic_holidays));
	a = json_array();
	for (size_t i = 0; i < inst->nhomes; i++)
		json_array_append_new(
		    a, instance_home_to_json(&inst->homes[i]));
	json_object_set_new(o, "homes", a);
	a = json_array();
	for (size_t i = 0; i < inst->nyouths; i++)
		json_array_append_new(
		    a, instance_youth_to_json(&inst->youths[i]));
	json_object_set_new(o, "youths", a);
	a = json_array();
	for (size_t i = 0; i < inst->nslots; i++)
		json_array_append_new(
		    a, instance_slot_to_json(&inst->slots[i]));
	json_object_set_new(o, "slots", a);
	a = json_array();
	for (size_t i = 0; i < inst->nassignments; i++)
		json_array_append_new(a,
		    instance_assignment_to_json(&inst->assignments[i], false));
	json_object_set_new(o, "assignments", a);
	json_object_set_new(o, "options",
	    options_to_json(inst->travel_minutes, inst->seconds,
	        inst->claims_need_approval, inst->publish_manual,
	        inst->mail_quiet_hours_off,
	        inst->mail_urgent_in_quiet_hours_off));
	return o;
}

/* ---- visit series (version 2, issue 15) ---- */

static const char *const series_keys[] = {"id", "home", "activity", "time",
    "duration", "needed", "min_age", "requires", "days", "interval", "first",
    "last", "skip_school_holidays", "skip_public_holidays", "exceptions", NULL};

void
instance_series_set_clear(struct instance_series_set *set)
{
	for (size_t i = 0; i < set->nseries; i++) {
		series_clear(&set->series[i].s);
		free(set->series[i].exceptions);
	}
	free(set->series);
	for (size_t i = 0; i < set->nlinks; i++) {
		free(set->links[i].slot);
		free(set->links[i].series);
	}
	free(set->links);
	memset(set, 0, sizeof(*set));
}

/* One series of "series" into out (cleared by the caller on -1). */
static int
series_read(const json_t *obj, const char *path, struct instance_series *out,
    struct rotad_error *err)
{
	struct series *se = &out->s;
	struct model_slot probe;
	const char *field, *msg;
	char fp[PATH_LEN], ep[PATH_LEN];
	const json_t *a;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&probe, 0, sizeof(probe));
	se->needed = 1;
	se->interval = 1;
	se->skip_school_holidays = se->skip_public_holidays = true;
	if (want_object(obj, path, err) < 0 ||
	    check_keys(obj, path, series_keys, err) < 0 ||
	    get_string(obj, path, "id", true, STR_ID, &se->id, err) < 0 ||
	    get_string(obj, path, "home", true, STR_ID, &se->home, err) < 0 ||
	    get_string(obj, path, "activity", false, STR_TEXT, &se->activity,
	        err) < 0 ||
	    get_hm(obj, path, "time", false, &se->start_minute, err) < 0 ||
	    get_int(obj, path, "duration", true, 1, 1440, &se->duration, err) <
	        0 ||
	    get_int(obj, path, "needed", false, 1, 100, &se->needed, err) < 0 ||
	    get_int(obj, path, "min_age", false, 0, 99, &se->min_age, err) <
	        0 ||
	    read_days(obj, path, &se->days, err) < 0 ||
	    get_int(obj, path, "interval", false, 1, SERIES_MAX_INTERVAL,
	        &se->interval, err) < 0 ||
	    get_date(obj, path, "first", true, &se->first, err) < 0 ||
	    get_date(obj, path, "last", true, &se->last, err) < 0 ||
	    get_bool(obj, path, "skip_school_holidays",
	        &se->skip_school_holidays, err) < 0 ||
	    get_bool(obj, path, "skip_public_holidays",
	        &se->skip_public_holidays, err) < 0)
		return -1;
	/* The skills as a slot of the series has them. */
	probe.needed = se->needed;
	rc = read_requires(obj, path, &probe, err);
	se->requires = probe.requires;
	se->nrequires = probe.nrequires;
	if (rc < 0)
		return -1;
	if (series_check(se, &field, &msg) == -1) {
		path_key(fp, path, field);
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp, "%s", _(msg));
	}
	if ((rc = get_array(obj, path, "exceptions", false,
	         INSTANCE_JSON_MAX_SUBLIST, &a, err)) < 0)
		return -1;
	if (rc > 0 && json_array_size(a) > 0) {
		path_key(fp, path, "exceptions");
		out->exceptions =
		    xcalloc(json_array_size(a), sizeof(*out->exceptions));
		for (size_t i = 0; i < json_array_size(a); i++) {
			path_idx(ep, fp, i);
			if (check_date(json_array_get(a, i), ep,
			        &out->exceptions[i], err) < 0)
				return -1;
			out->nexceptions++;
		}
	}
	return 0;
}

static int
series_id_cmp(const void *x, const void *y)
{
	const struct instance_series *a = x, *b = y;

	return strcmp(a->s.id, b->s.id);
}

/* ---- the slots of a series the document lists without them ---- */

/* A set of slot ids (open addressing, grown at half full; the strings
 * are the slots'). */
struct id_set {
	const char **v;
	size_t cap, n;
};

static size_t
id_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static bool
id_set_has(const struct id_set *set, const char *id)
{
	/* An empty set has no table yet (a document without slots). */
	if (set->cap == 0)
		return false;
	for (size_t i = id_hash(id) & (set->cap - 1); set->v[i] != NULL;
	     i = (i + 1) & (set->cap - 1))
		if (strcmp(set->v[i], id) == 0)
			return true;
	return false;
}

static void
id_set_put(struct id_set *set, const char *id)
{
	size_t i;

	if (2 * (set->n + 1) > set->cap) {
		struct id_set big = {NULL, set->cap ? 2 * set->cap : 64, 0};
		big.v = xcalloc(big.cap, sizeof(*big.v));
		for (size_t k = 0; k < set->cap; k++)
			if (set->v[k] != NULL)
				id_set_put(&big, set->v[k]);
		free(set->v);
		*set = big;
	}
	for (i = id_hash(id) & (set->cap - 1); set->v[i] != NULL;
	     i = (i + 1) & (set->cap - 1))
		;
	set->v[i] = id;
	set->n++;
}

struct doc_holidays {
	const struct model_instance *inst;
	const struct rules_profile *prof;
};

/* As the API's series do: the document's public holidays when it lists
 * them, else its jurisdiction's. */
static bool
doc_public_holiday(int32_t day, const void *arg)
{
	const struct doc_holidays *h = arg;

	if (!h->inst->public_holidays_set)
		return h->prof != NULL && h->prof->is_public_holiday != NULL &&
		    h->prof->is_public_holiday(day);
	for (size_t i = 0; i < h->inst->npublic_holidays; i++)
		if (h->inst->public_holidays[i] == day)
			return true;
	return false;
}

/*
 * Generates the slots of series `is` (read from `path`) into inst, linked
 * to it, as POST /api/v1/series would make them against the document's
 * calendars: ids "<series>-<date>" (the series id cut to fit, "-2" ...
 * when taken).  0, or -1 with err.
 */
static int
series_generate(struct model_instance *inst, struct instance_series_set *set,
    const struct instance_series *is, const char *path, struct id_set *ids,
    struct rotad_error *err)
{
	const struct series *se = &is->s;
	struct doc_holidays h = {inst, rules_profile_find(inst->jurisdiction)};
	long hi = model_find_home(inst, se->home);
	struct series_calendar cal = {
	    model_home_calendar(inst, &inst->homes[hi]), doc_public_holiday, &h,
	    is->exceptions, is->nexceptions};
	const struct tzmap *tz = tzmap_get(inst->timezone);
	struct series_expansion e;
	char fp[PATH_LEN], id[MODEL_ID_MAX + 1];
	const char *msg;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	if (series_expand(se, &cal, tz, &e, &msg) == -1) {
		path_key(fp, path, "last");
		return fail(err, ROTAD_ERR_INVALID_FIELD, fp, "%s", _(msg));
	}
	inst->slots = xreallocarray(
	    inst->slots, inst->nslots + e.nocc + 1, sizeof(*inst->slots));
	set->links = xreallocarray(
	    set->links, set->nlinks + e.nocc + 1, sizeof(*set->links));
	for (size_t i = 0; i < e.nocc; i++) {
		const struct series_occurrence *o = &e.occ[i];
		json_t *so = json_object(), *req = json_object();
		char day[CIVIL_DATE_LEN];
		int y, m, d, r;

		civil_ymd_from_days(o->date, &y, &m, &d);
		snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
		/* At most MODEL_ID_MAX bytes, "-NNNNN" included. */
		snprintf(id, sizeof(id), "%.*s-%s",
		    (int)(MODEL_ID_MAX - 1 - strlen(day)), se->id, day);
		for (int n = 2; id_set_has(ids, id); n++)
			snprintf(id, sizeof(id), "%.*s-%s-%d",
			    (int)(MODEL_ID_MAX - 7 - strlen(day)), se->id, day,
			    n);
		json_object_set_new(so, "id", json_string(id));
		json_object_set_new(so, "home", json_string(se->home));
		json_object_set_new(so, "start", datetime_to_json(o->start));
		json_object_set_new(so, "end", datetime_to_json(o->end));
		json_object_set_new(so, "needed", json_integer(se->needed));
		if (se->activity != NULL)
			json_object_set_new(
			    so, "activity", json_string(se->activity));
		if (se->min_age > 0)
			json_object_set_new(
			    so, "min_age", json_integer(se->min_age));
		for (size_t k = 0; k < se->nrequires; k++)
			json_object_set_new(req, se->requires[k].skill,
			    json_integer(se->requires[k].count));
		json_object_set_new(so, "requires", req);
		r = slot_read(
		    so, path, tz, false, &inst->slots[inst->nslots], err);
		json_decref(so);
		if (r < 0)
			goto done;
		inst->slots[inst->nslots].home_idx = (size_t)hi;
		id_set_put(ids, inst->slots[inst->nslots].id);
		set->links[set->nlinks++] = (struct instance_series_link){
		    xstrdup(id), xstrdup(se->id), false, false};
		inst->nslots++;
	}
	rc = 0;
done:
	series_expansion_clear(&e);
	return rc;
}

int
instance_series_set_from_json(const json_t *root, struct model_instance *inst,
    struct instance_series_set *out, struct rotad_error *err)
{
	const json_t *a, *slots = json_object_get(root, "slots");
	struct instance_series key, *hit;
	struct id_set ids = {NULL, 0, 0};
	char ep[PATH_LEN], fp[PATH_LEN];
	bool *linked = NULL;
	size_t n;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = get_array(root, "", "series", false, INSTANCE_JSON_MAX_LIST,
	         &a, err)) < 0)
		return -1;
	n = rc > 0 ? json_array_size(a) : 0;
	out->series = xcalloc(n + 1, sizeof(*out->series));
	linked = xcalloc(n + 1, sizeof(*linked));
	for (size_t i = 0; i < n; i++) {
		path_idx(ep, "series", i);
		rc =
		    series_read(json_array_get(a, i), ep, &out->series[i], err);
		out->series[i].pos = i;
		out->nseries++;
		if (rc < 0)
			goto bad;
		if (model_find_home(inst, out->series[i].s.home) < 0) {
			path_key(fp, ep, "home");
			fail(err, ROTAD_ERR_UNKNOWN_REFERENCE, fp,
			    "no home has id '%s'", out->series[i].s.home);
			goto bad;
		}
	}
	/* Sorted by id: unique, and looked up by the slots. */
	qsort(out->series, out->nseries, sizeof(*out->series), series_id_cmp);
	for (size_t i = 1; i < out->nseries; i++)
		if (strcmp(out->series[i - 1].s.id, out->series[i].s.id) == 0) {
			fail(err, ROTAD_ERR_INVALID_FIELD, "series",
			    "duplicate series id '%s'", out->series[i].s.id);
			goto bad;
		}
	for (size_t i = 0; i < json_array_size(slots); i++) {
		const json_t *o = json_array_get(slots, i);
		struct instance_series_link *l;
		char *id = NULL;
		bool edited = false, cancelled = false;
		path_idx(ep, "slots", i);
		if ((rc = get_string(
		         o, ep, "series", false, STR_ID, &id, err)) < 0)
			goto bad;
		if (get_bool(o, ep, "series_edited", &edited, err) < 0 ||
		    get_bool(o, ep, "series_cancelled", &cancelled, err) < 0) {
			free(id);
			goto bad;
		}
		if (id == NULL) {
			if (edited || cancelled) {
				path_key(fp, ep, "series");
				fail(err, ROTAD_ERR_MISSING_FIELD, fp,
				    "'series_edited' and 'series_cancelled' "
				    "need the slot's 'series'");
				goto bad;
			}
			continue;
		}
		key.s.id = id;
		if ((hit = bsearch(&key, out->series, out->nseries,
		         sizeof(*out->series), series_id_cmp)) == NULL) {
			path_key(fp, ep, "series");
			fail(err, ROTAD_ERR_UNKNOWN_REFERENCE, fp,
			    "no series has id '%s'", id);
			free(id);
			goto bad;
		}
		linked[hit - out->series] = true;
		out->links = xreallocarray(
		    out->links, out->nlinks + 1, sizeof(*out->links));
		l = &out->links[out->nlinks++];
		l->series = id;
		l->slot = xstrdup(json_string_value(json_object_get(o, "id")));
		l->edited = edited;
		l->cancelled = cancelled;
		/* The document's slots are inst's, in the same order. */
		if (i < inst->nslots && strcmp(inst->slots[i].id, l->slot) == 0)
			inst->slots[i].cancelled = cancelled;
	}
	/* A series no slot names: its slots, as the API makes them. */
	for (size_t i = 0; i < inst->nslots; i++)
		id_set_put(&ids, inst->slots[i].id);
	for (size_t i = 0; i < n; i++) {
		const struct instance_series *is = &out->series[i];
		if (linked[i])
			continue;
		path_idx(ep, "series", is->pos);
		if (series_generate(inst, out, is, ep, &ids, err) < 0)
			goto bad;
	}
	free(ids.v);
	free(linked);
	return 0;
bad:
	free(ids.v);
	free(linked);
	instance_series_set_clear(out);
	return -1;
}

struct model_instance *
instance_with_series_from_json(const json_t *root,
    struct instance_series_set *set, struct rotad_error *err)
{
	struct model_instance *inst = instance_from_json(root, err);

	memset(set, 0, sizeof(*set));
	if (inst != NULL &&
	    instance_series_set_from_json(root, inst, set, err) < 0) {
		model_instance_free(inst);
		inst = NULL;
	}
	return inst;
}

static json_t *
series_to_json(const struct instance_series *is)
{
	const struct series *se = &is->s;
	json_t *o = json_object(), *days = json_array(), *req = json_object();

	json_object_set_new(o, "id", json_string(se->id));
	json_object_set_new(o, "home", json_string(se->home));
	if (se->activity != NULL)
		json_object_set_new(o, "activity", json_string(se->activity));
	json_object_set_new(o, "time", hm_to_json(se->start_minute));
	json_object_set_new(o, "duration", json_integer(se->duration));
	json_object_set_new(o, "needed", json_integer(se->needed));
	if (se->min_age > 0)
		json_object_set_new(o, "min_age", json_integer(se->min_age));
	for (size_t i = 0; i < se->nrequires; i++)
		json_object_set_new(req, se->requires[i].skill,
		    json_integer(se->requires[i].count));
	json_object_set_new(o, "requires", req);
	for (int wd = CIVIL_MON; wd <= CIVIL_SUN; wd++)
		if (se->days & MODEL_DAY_BIT(wd))
			json_array_append_new(
			    days, json_string(civil_weekday_key(wd)));
	json_object_set_new(o, "days", days);
	json_object_set_new(o, "interval", json_integer(se->interval));
	json_object_set_new(o, "first", date_to_json(se->first));
	json_object_set_new(o, "last", date_to_json(se->last));
	json_object_set_new(
	    o, "skip_school_holidays", json_boolean(se->skip_school_holidays));
	json_object_set_new(
	    o, "skip_public_holidays", json_boolean(se->skip_public_holidays));
	if (is->nexceptions > 0)
		json_object_set_new(o, "exceptions",
		    dates_to_json(is->exceptions, is->nexceptions));
	return o;
}

static int
link_slot_cmp(const void *x, const void *y)
{
	const struct instance_series_link *a = x, *b = y;

	return strcmp(a->slot, b->slot);
}

void
instance_series_set_to_json(json_t *doc, struct instance_series_set *set)
{
	json_t *a = json_array(), *slots = json_object_get(doc, "slots"), *v;
	json_t *tail = json_object();
	const char *key;
	void *tmp;
	bool after = false;
	size_t i;

	for (i = 0; i < set->nseries; i++)
		json_array_append_new(a, series_to_json(&set->series[i]));
	/* "series" just before "slots": move "slots" and what follows. */
	json_object_foreach_safe(doc, tmp, key, v)
	{
		if (strcmp(key, "slots") == 0)
			after = true;
		if (after) {
			json_object_set(tail, key, v);
			json_object_del(doc, key);
		}
	}
	json_object_set_new(doc, "series", a);
	json_object_update(doc, tail);
	json_decref(tail);
	if (set->nlinks == 0)
		return;
	qsort(set->links, set->nlinks, sizeof(*set->links), link_slot_cmp);
	json_array_foreach(slots, i, v)
	{
		struct instance_series_link k, *l;
		k.slot = (char *)json_string_value(json_object_get(v, "id"));
		if (k.slot == NULL ||
		    (l = bsearch(&k, set->links, set->nlinks,
		         sizeof(*set->links), link_slot_cmp)) == NULL)
			continue;
		json_object_set_new(v, "series", json_string(l->series));
		if (l->edited)
			json_object_set_new(v, "series_edited", json_true());
		if (l->cancelled)
			json_object_set_new(v, "series_cancelled", json_true());
	}
}

/* ---- raw JSON ---- */

json_t *
instance_json_parse(const char *buf, size_t len, struct rotad_error *err)
{
	return json_body_parse(buf, len, err);
}

/* ---- plans ---- */

static const char *const plan_keys[] = {
    "assignments", "unfilled", "score", "violations", NULL};
static const char *const plan_assignment_keys[] = {"slot", "youth", NULL};
static const char *const plan_unfilled_keys[] = {"slot", "missing", NULL};
static const char *const score_keys[] = {
    "filled", "positions", "fairness", "pairs", NULL};

/* A sorted index of one entity kind's ids, for reference checks. */
struct id_index {
	struct key_ref *r;
	size_t n;
};

static void
id_index_init(struct id_index *ix, size_t n,
    const char *(*id)(const void *, size_t), const void *arr)
{
	ix->n = n;
	ix->r = xcalloc(n ? n : 1, sizeof(*ix->r));
	for (size_t i = 0; i < n; i++)
		ix->r[i] = (struct key_ref){id(arr, i), NULL, i};
	qsort(ix->r, n, sizeof(*ix->r), key_ref_cmp);
}

static int
id_only_cmp(const void *x, const void *y)
{
	return strcmp(
	    ((const struct key_ref *)x)->a, ((const struct key_ref *)y)->a);
}

static size_t
id_index_find(const struct id_index *ix, const char *id)
{
	struct key_ref key = {id, NULL, 0};
	const struct key_ref *hit;

	hit = bsearch(&key, ix->r, ix->n, sizeof(*ix->r), id_only_cmp);
	return hit ? hit->idx : NO_INDEX;
}

static const char *
slot_id_at(const void *arr, size_t i)
{
	return ((const struct model_slot *)arr)[i].id;
}

static const char *
youth_id_at(const void *arr, size_t i)
{
	return ((const struct model_youth *)arr)[i].id;
}

static int
resolve(const struct id_index *ix, const char *id, const char *path,
    const char *key, const char *what, size_t *out, struct rotad_error *err)
{
	char fp[PATH_LEN];

	if ((*out = id_index_find(ix, id)) != NO_INDEX)
		return 0;
	path_key(fp, path, key);
	return fail(err, ROTAD_ERR_UNKNOWN_REFERENCE, fp, "no %s has id '%s'",
	    what, id);
}

static int
read_plan_assignments(const json_t *root, struct plan *p,
    const struct id_index *si, const struct id_index *yi,
    struct rotad_error *err)
{
	char ep[PATH_LEN];
	const json_t *arr;
	struct key_ref *r;
	size_t orig = 0, dup;

	if (get_array(root, "", "assignments", true, INSTANCE_JSON_MAX_LIST,
	        &arr, err) < 0)
		return -1;
	if (json_array_size(arr) == 0)
		return 0;
	p->a = xcalloc(json_array_size(arr), sizeof(*p->a));
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *e = json_array_get(arr, i);
		struct plan_assignment *pa = &p->a[p->n++];
		path_idx(ep, "assignments", i);
		if (want_object(e, ep, err) < 0 ||
		    check_keys(e, ep, plan_assignment_keys, err) < 0 ||
		    get_string(e, ep, "slot", true, STR_ID, &pa->slot, err) <
		        0 ||
		    get_string(e, ep, "youth", true, STR_ID, &pa->youth, err) <
		        0)
			return -1;
		if (si != NULL &&
		    (resolve(si, pa->slot, ep, "slot", "slot", &pa->slot_idx,
		         err) < 0 ||
		        resolve(yi, pa->youth, ep, "youth", "youth",
		            &pa->youth_idx, err) < 0))
			return -1;
	}
	r = xcalloc(p->n, sizeof(*r));
	for (size_t i = 0; i < p->n; i++)
		r[i] = (struct key_ref){p->a[i].slot, p->a[i].youth, i};
	dup = find_duplicate(r, p->n, &orig);
	free(r);
	if (dup != NO_INDEX) {
		snprintf(ep, sizeof(ep), "assignments[%zu].youth", dup);
		return fail(err, ROTAD_ERR_INVALID_FIELD, ep,
		    "youth '%s' is already on slot '%s' (assignments[%zu])",
		    p->a[dup].youth, p->a[dup].slot, orig);
	}
	return 0;
}

static int
read_plan_unfilled(const json_t *root, struct plan *p,
    const struct model_instance *inst, const struct id_index *si,
    struct rotad_error *err)
{
	char ep[PATH_LEN], fp[PATH_LEN];
	const json_t *arr;
	struct key_ref *r;
	size_t orig = 0, dup;
	int rc;

	if ((rc = get_array(root, "", "unfilled", false, INSTANCE_JSON_MAX_LIST,
	         &arr, err)) <= 0)
		return rc;
	if (json_array_size(arr) == 0)
		return 0;
	p->unfilled = xcalloc(json_array_size(arr), sizeof(*p->unfilled));
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *e = json_array_get(arr, i);
		struct plan_unfilled *u = &p->unfilled[p->nunfilled++];
		path_idx(ep, "unfilled", i);
		if (want_object(e, ep, err) < 0 ||
		    check_keys(e, ep, plan_unfilled_keys, err) < 0 ||
		    get_string(e, ep, "slot", true, STR_ID, &u->slot, err) <
		        0 ||
		    get_int(e, ep, "missing", true, 1, 100, &u->missing, err) <
		        0)
			return -1;
		if (si == NULL)
			continue;
		if (resolve(
		        si, u->slot, ep, "slot", "slot", &u->slot_idx, err) < 0)
			return -1;
		if (u->missing > inst->slots[u->slot_idx].needed) {
			path_key(fp, ep, "missing");
			return fail(err, ROTAD_ERR_INVALID_FIELD, fp,
			    "%d positions are missing but slot '%s' needs "
			    "only %d",
			    u->missing, u->slot,
			    inst->slots[u->slot_idx].needed);
		}
	}
	r = xcalloc(p->nunfilled, sizeof(*r));
	for (size_t i = 0; i < p->nunfilled; i++)
		r[i] = (struct key_ref){p->unfilled[i].slot, NULL, i};
	dup = find_duplicate(r, p->nunfilled, &orig);
	free(r);
	if (dup != NO_INDEX) {
		snprintf(ep, sizeof(ep), "unfilled[%zu].slot", dup);
		return fail(err, ROTAD_ERR_INVALID_FIELD, ep,
		    "slot '%s' is already listed (unfilled[%zu])",
		    p->unfilled[dup].slot, orig);
	}
	return 0;
}

static int
read_plan_score(const json_t *root, struct plan *p, struct rotad_error *err)
{
	char fp[PATH_LEN], vp[PATH_LEN];
	const json_t *sc, *v;
	int rc;

	if ((rc = get_object(root, "", "score", false, &sc, err)) <= 0)
		return rc;
	path_key(fp, "", "score");
	if (check_keys(sc, fp, score_keys, err) < 0 ||
	    member(sc, fp, "filled", true, vp, &v, err) < 0 ||
	    check_int(v, vp, 0, INSTANCE_JSON_MAX_LIST * 100L, &p->score.filled,
	        err) < 0 ||
	    member(sc, fp, "positions", true, vp, &v, err) < 0 ||
	    check_int(v, vp, 0, INSTANCE_JSON_MAX_LIST * 100L,
	        &p->score.positions, err) < 0 ||
	    member(sc, fp, "fairness", true, vp, &v, err) < 0)
		return -1;
	if (!json_is_number(v))
		return wrong_type(v, vp, "a number", err);
	if (!(json_number_value(v) >= 0))
		return fail(
		    err, ROTAD_ERR_INVALID_FIELD, vp, "must not be negative");
	p->score.fairness = json_number_value(v);
	if (member(sc, fp, "pairs", true, vp, &v, err) < 0 ||
	    check_int(v, vp, 0, INSTANCE_JSON_MAX_LIST * 100L, &p->score.pairs,
	        err) < 0)
		return -1;
	if (p->score.filled > p->score.positions)
		return fail(err, ROTAD_ERR_INVALID_FIELD, "score.filled",
		    "%ld positions filled of only %ld", p->score.filled,
		    p->score.positions);
	p->has_score = true;
	return 1;
}

struct plan *
plan_from_json(const json_t *root, const struct model_instance *inst,
    struct rotad_error *err)
{
	struct id_index si = {NULL, 0}, yi = {NULL, 0};
	struct plan *p = plan_new();
	const json_t *v;

	if (!json_is_object(root)) {
		wrong_type(root, "", "an object", err);
		goto bad;
	}
	if (check_keys(root, "", plan_keys, err) < 0)
		goto bad;
	if (inst != NULL) {
		id_index_init(&si, inst->nslots, slot_id_at, inst->slots);
		id_index_init(&yi, inst->nyouths, youth_id_at, inst->youths);
	}
	if (read_plan_assignments(
	        root, p, inst ? &si : NULL, inst ? &yi : NULL, err) < 0 ||
	    read_plan_unfilled(root, p, inst, inst ? &si : NULL, err) < 0 ||
	    read_plan_score(root, p, err) < 0 ||
	    get_array(root, "", "violations", false, INSTANCE_JSON_MAX_LIST, &v,
	        err) < 0)
		goto bad;
	free(si.r);
	free(yi.r);
	return p;
bad:
	free(si.r);
	free(yi.r);
	plan_free(p);
	return NULL;
}

json_t *
plan_to_json(const struct plan *p, const json_t *violations)
{
	json_t *o = json_object(), *a = json_array(), *u = json_array(), *sc;

	for (size_t i = 0; i < p->n; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "slot", json_string(p->a[i].slot));
		json_object_set_new(e, "youth", json_string(p->a[i].youth));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "assignments", a);
	for (size_t i = 0; i < p->nunfilled; i++) {
		json_t *e = json_object();
		json_object_set_new(
		    e, "slot", json_string(p->unfilled[i].slot));
		json_object_set_new(
		    e, "missing", json_integer(p->unfilled[i].missing));
		json_array_append_new(u, e);
	}
	json_object_set_new(o, "unfilled", u);
	if (p->has_score) {
		sc = json_object();
		json_object_set_new(
		    sc, "filled", json_integer(p->score.filled));
		json_object_set_new(
		    sc, "positions", json_integer(p->score.positions));
		json_object_set_new(
		    sc, "fairness", json_real(p->score.fairness));
		json_object_set_new(sc, "pairs", json_integer(p->score.pairs));
		json_object_set_new(o, "score", sc);
	}
	json_object_set_new(o, "violations",
	    violations ? json_deep_copy(violations) : json_array());
	return o;
}

json_t *
instance_json_load_file(const char *path, struct rotad_error *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	json_t *j;

	if (f == NULL) {
		rotad_error_set(err, ROTAD_ERR_BAD_REQUEST, NULL,
		    "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	do {
		if (len + 65536 > cap) {
			cap = cap ? cap * 2 : 65536 * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0 && len <= INSTANCE_JSON_MAX_BYTES);
	fclose(f);
	j = instance_json_parse(buf, len, err);
	free(buf);
	return j;
}
