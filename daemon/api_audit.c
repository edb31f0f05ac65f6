/* SPDX-License-Identifier: ISC */
/*
 * This file contains GET /api/v1/audit, the audit log for admins
 * (access.c): who changed what and when, newest first, with filters
 * (entity, entity_id, actor, from/to, forced) and keyset paging.  Times
 * are given in the organisation's time zone; rows never hold a password,
 * its hash or a token (store_audit.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_util.h"
#include "civil.h"
#include "model.h"
#include "rotad.h"
#include "store_audit.h"
#include "tzmap.h"

#define AUDIT_FILTER_MAX 128

/* A text filter: absent, or 1..AUDIT_FILTER_MAX bytes.  -1 on a bad one. */
static int
text_param(struct api_ctx *ctx, const char *name, const char **out)
{
	const char *v = api_query(ctx, name);

	*out = NULL;
	if (v == NULL || v[0] == '\0')
		return 0;
	if (strlen(v) > AUDIT_FILTER_MAX) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, name,
		    "%s must be at most %d bytes", name, AUDIT_FILTER_MAX);
		return -1;
	}
	*out = v;
	return 0;
}

/* The cursor: the id of the last row of the previous page. */
static int
cursor_param(struct api_ctx *ctx, int64_t *before)
{
	const char *v = api_query(ctx, "cursor");
	char *end;
	long long n;

	*before = 0;
	if (v == NULL)
		return 0;
	n = strtoll(v, &end, 10);
	if (*v < '1' || *v > '9' || *end != '\0' || n < 1) {
		api_reply_errorf(ctx, ROTAD_ERR_INVALID_FIELD, "cursor",
		    "cursor must be the next_cursor of the previous page");
		return -1;
	}
	*before = (int64_t)n;
	return 0;
}

/* A wall time (minutes) as Unix seconds in tz. */
static int64_t
wall_to_unix(const struct tzmap *tz, int64_t wall)
{
	int64_t utc = 0;

	(void)tzmap_to_utc(tz, wall, &utc);
	return utc * 60;
}

/* Unix seconds as "YYYY-MM-DDTHH:MM:SS+HH:MM" on the local clock of tz. */
static void
local_iso(const struct tzmap *tz, int64_t at, char *buf, size_t len)
{
	int64_t min = at >= 0 ? at / 60 : (at - 59) / 60;
	int32_t off = tzmap_offset_at(tz, min);
	int32_t aoff = off < 0 ? -off : off;
	char dt[CIVIL_DATETIME_LEN];

	civil_format_datetime(tzmap_to_wall(tz, min), dt);
	snprintf(buf, len, "%s:%02d%c%02d:%02d", dt, (int)(at - min * 60),
	    off < 0 ? '-' : '+', (int)(aoff / 60), (int)(aoff % 60));
}

static void
audit_list(struct api_ctx *ctx)
{
	struct store_audit_query q;
	const struct model_instance *inst;
	const struct tzmap *tz;
	struct rotad_error err;
	int64_t from = 0, to = 0;
	json_t *rows, *row;
	const char *cursor;
	char next[32], at[40];
	bool more;
	size_t i;

	memset(&q, 0, sizeof(q));
	if (api_page_params(ctx, &q.limit, &cursor) == -1 ||
	    cursor_param(ctx, &q.before) == -1 ||
	    text_param(ctx, "entity", &q.entity) == -1 ||
	    text_param(ctx, "entity_id", &q.entity_id) == -1 ||
	    text_param(ctx, "actor", &q.actor) == -1 ||
	    api_time_param(ctx, "from", false, &from, &q.has_from) == -1 ||
	    api_time_param(ctx, "to", true, &to, &q.has_to) == -1 ||
	    api_bool_param(ctx, "forced", &q.forced) == -1)
		return;
	if ((inst = api_instance_or_reply(ctx)) == NULL)
		return;
	if ((tz = tzmap_get(inst->timezone)) == NULL) {
		api_reply_errorf(ctx, ROTAD_ERR_INTERNAL, NULL,
		    "the time zone '%s' is unknown", inst->timezone);
		return;
	}
	if (q.has_from)
		q.from = wall_to_unix(tz, from);
	if (q.has_to)
		q.to = wall_to_unix(tz, to);
	rotad_error_clear(&err);
	if (store_audit_page(ctx->rd->store, &q, &rows, &more, &err) == -1) {
		api_reply_error(ctx, &err);
		return;
	}
	json_array_foreach(rows, i, row)
	{
		json_t *a = json_object_get(row, "at");
		local_iso(tz, (int64_t)json_integer_value(a), at, sizeof(at));
		json_object_set_new(row, "at", json_string(at));
	}
	next[0] = '\0';
	if (more && json_array_size(rows) > 0)
		snprintf(next, sizeof(next), "%lld",
		    (long long)json_integer_value(json_object_get(
		        json_array_get(rows, json_array_size(rows) - 1),
		        "id")));
	api_reply_json(ctx, 200,
	    json_pack("{s:o, s:s?}", "audit", rows, "next_cursor",
	        next[0] ? next : NULL));
}

const struct api_route api_audit_routes[] = {
    {API_GET | API_HEAD, "/api/v1/audit", audit_list, API_AUTH},
    {0, NULL, NULL, 0},
};
