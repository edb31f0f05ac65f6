/* SPDX-License-Identifier: ISC */
/*
 * This file contains the demo data set: fixed tables of homes and youths
 * (ages given relative to the day it is made, so the data never ages),
 * generated slots for two weeks, and a greedy pass that assigns youths
 * only where the rules engine says they may go.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth.h"
#include "civil.h"
#include "demo.h"
#include "log.h"
#include "model.h"
#include "rules.h"
#include "store.h"
#include "tzmap.h"
#include "xmalloc.h"

static const struct {
	const char *id, *name, *address;
} demo_homes[] = {
    {"solheim", "Solheim sykehjem", "Solveien 12, 0456 Oslo"},
    {"lindeberg", "Lindeberg omsorgssenter", "Lindebergveien 4, 1069 Oslo"},
    {"ekeberg", "Ekeberg bo- og behandlingssenter",
        "Ekebergveien 60, 1181 Oslo"},
    {"kampen", "Kampen omsorg+", "Bøgata 21, 0655 Oslo"},
};

/* age in years and days until the next birthday, as of `today`. */
static const struct {
	const char *id, *name;
	int age, birthday_in;
	const char *skill;
	int sunday; /* also available on Sundays */
} demo_youths[] = {
    {"ida", "Ida Nilsen", 14, 40, NULL, 0},
    {"jonas", "Jonas Berg", 14, 3, NULL, 0},
    {"emma", "Emma Johansen", 15, 100, NULL, 1},
    {"lukas", "Lukas Hansen", 15, 200, NULL, 0},
    {"nora", "Nora Olsen", 15, 9, NULL, 0},
    {"filip", "Filip Larsen", 16, 50, NULL, 1},
    {"sara", "Sara Andersen", 16, 150, "leader", 0},
    {"oskar", "Oskar Pedersen", 16, 300, NULL, 0},
    {"maja", "Maja Nilsen", 17, 12, "leader", 1},
    {"william", "William Kristiansen", 17, 180, NULL, 0},
    {"ingrid", "Ingrid Jensen", 17, 60, NULL, 0},
    {"aksel", "Aksel Karlsen", 17, 5, "leader", 0},
    {"sofie", "Sofie Johnsen", 18, 90, "leader", 1},
    {"henrik", "Henrik Pettersen", 18, 210, NULL, 0},
    {"thea", "Thea Eriksen", 18, 30, NULL, 1},
    {"magnus", "Magnus Berg", 19, 120, "leader", 0},
    {"amalie", "Amalie Haugen", 19, 250, NULL, 1},
    {"elias", "Elias Hagen", 14, 330, NULL, 0},
    {"leah", "Leah Johannessen", 16, 7, NULL, 0},
    {"tobias", "Tobias Andreassen", 18, 280, "leader", 0},
};

static const char *const activities[] = {"Kaffe og prat", "Quiz",
    "Trim med musikk", "Brettspill", "Høytlesning", "Allsang"};

#define NHOMES  (sizeof(demo_homes) / sizeof(demo_homes[0]))
#define NYOUTHS (sizeof(demo_youths) / sizeof(demo_youths[0]))

/* The birth date of someone `age` years old whose birthday is in `in` days. */
static int32_t
birth_date(int32_t today, int age, int in)
{
	int y, m, d;

	civil_ymd_from_days(today + in, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	return civil_days_from_ymd(y - age - 1, m, d);
}

static void
school_year(struct model_instance *inst, int32_t today)
{
	struct model_school_calendar *c = &inst->school_calendar;
	int y, m, d, autumn;

	civil_ymd_from_days(today, &y, &m, &d);
	autumn = m >= 8 ? y : y - 1; /* the school year began that August */
	c->nterms = 2;
	c->terms = xcalloc(2, sizeof(*c->terms));
	c->terms[0] =
	    (struct model_date_range){civil_days_from_ymd(autumn, 8, 18),
	        civil_days_from_ymd(autumn, 12, 19)};
	c->terms[1] =
	    (struct model_date_range){civil_days_from_ymd(autumn + 1, 1, 4),
	        civil_days_from_ymd(autumn + 1, 6, 19)};
	/* Autumn break (week 40) and winter break (week 9). */
	c->nholidays = 2;
	c->holidays = xcalloc(2, sizeof(*c->holidays));
	int32_t oct1 = civil_days_from_ymd(autumn, 10, 1);
	int32_t w40 = civil_week_monday(oct1 + 3);
	c->holidays[0] = (struct model_date_range){w40, w40 + 4};
	int32_t mar1 = civil_days_from_ymd(autumn + 1, 3, 1);
	int32_t w9 = civil_week_monday(mar1) - 7;
	c->holidays[1] = (struct model_date_range){w9, w9 + 4};
	c->has_school_hours = true;
	c->school_start = 8 * 60 + 15;
	c->school_end = 14 * 60 + 30;
}

static void
add_youths(struct model_instance *inst, int32_t today)
{
	inst->nyouths = NYOUTHS;
	inst->youths = xcalloc(NYOUTHS, sizeof(*inst->youths));
	for (size_t i = 0; i < NYOUTHS; i++) {
		struct model_youth *y = &inst->youths[i];
		int age = demo_youths[i].age;
		size_t nw = demo_youths[i].sunday ? 3 : 2;

		y->id = xstrdup(demo_youths[i].id);
		y->name = xstrdup(demo_youths[i].name);
		y->birth_date =
		    birth_date(today, age, demo_youths[i].birthday_in);
		y->school = age <= 15 ? MODEL_SCHOOL_COMPULSORY
		    : age <= 18       ? MODEL_SCHOOL_SECONDARY
		                      : MODEL_SCHOOL_NONE;
		y->guardian_consent = age < 18 ? today - 60 : CIVIL_NO_DATE;
		if (demo_youths[i].skill != NULL) {
			y->nskills = 1;
			y->skills = xcalloc(1, sizeof(*y->skills));
			y->skills[0] = xstrdup(demo_youths[i].skill);
		}
		y->navailability = nw;
		y->availability = xcalloc(nw, sizeof(*y->availability));
		y->availability[0] = (struct model_weekly_window){
		    MODEL_DAY_BIT(CIVIL_MON) | MODEL_DAY_BIT(CIVIL_TUE) |
		        MODEL_DAY_BIT(CIVIL_WED) | MODEL_DAY_BIT(CIVIL_THU) |
		        MODEL_DAY_BIT(CIVIL_FRI),
		    15 * 60, 21 * 60};
		y->availability[1] = (struct model_weekly_window){
		    MODEL_DAY_BIT(CIVIL_SAT), 10 * 60, 18 * 60};
		if (nw == 3)
			y->availability[2] = (struct model_weekly_window){
			    MODEL_DAY_BIT(CIVIL_SUN), 11 * 60, 17 * 60};
		y->max_week_minutes = age < 16 ? 6 * 60 : -1;
		/* Some youths keep to the homes near them. */
		if (i % 4 == 1) {
			y->homes_limited = true;
			y->nhomes = 2;
			y->homes = xcalloc(2, sizeof(*y->homes));
			y->homes[0] = xstrdup(demo_homes[i % NHOMES].id);
			y->homes[1] = xstrdup(demo_homes[(i + 1) % NHOMES].id);
		}
	}
}

static void
add_slot(struct model_instance *inst, size_t home, int32_t day, int from,
    int to, int needed, int min_age, bool leader)
{
	struct model_slot *s;
	char id[64], date[CIVIL_DATE_LEN];

	inst->slots =
	    xreallocarray(inst->slots, inst->nslots + 1, sizeof(*inst->slots));
	s = &inst->slots[inst->nslots++];
	memset(s, 0, sizeof(*s));
	civil_format_date(day, date);
	snprintf(id, sizeof(id), "%s-%s-%02d%02d", demo_homes[home].id, date,
	    from / 60, from % 60);
	s->id = xstrdup(id);
	s->home = xstrdup(demo_homes[home].id);
	s->start = (int64_t)day * CIVIL_MIN_PER_DAY + from;
	s->end = (int64_t)day * CIVIL_MIN_PER_DAY + to;
	s->needed = needed;
	s->min_age = min_age;
	s->activity = xstrdup(activities[(inst->nslots + home) %
	    (sizeof(activities) / sizeof(activities[0]))]);
	if (leader) {
		s->nrequires = 1;
		s->requires = xcalloc(1, sizeof(*s->requires));
		s->requires[0].skill = xstrdup("leader");
		s->requires[0].count = 1;
	}
}

static void
add_slots(struct model_instance *inst, int32_t monday)
{
	for (int32_t day = monday; day < monday + 14; day++) {
		int wd = civil_weekday(day);
		for (size_t h = 0; h < NHOMES; h++) {
			if (wd <= CIVIL_FRI && (wd + (int)h) % 2 == 0)
				add_slot(inst, h, day, 16 * 60, 18 * 60, 1,
				    h == 2 ? 15 : 0, false);
			else if (wd <= CIVIL_FRI && h == 3)
				add_slot(inst, h, day, 17 * 60 + 30,
				    19 * 60 + 30, 1, 16, false);
			else if (wd == CIVIL_SAT)
				add_slot(
				    inst, h, day, 11 * 60, 14 * 60, 2, 0, true);
			else if (wd == CIVIL_SUN && h % 2 == 0)
				add_slot(inst, h, day, 12 * 60, 14 * 60, 1, 0,
				    false);
		}
	}
}

/* Assigns greedily, spreading the work: fewest minutes first. */
static void
assign_greedily(struct model_instance *inst)
{
	const struct tzmap *tz = tzmap_get(inst->timezone);
	struct rules_youth_state **st;
	struct rules_ctx *rc;
	long *minutes;
	char err[256];

	if (tz == NULL ||
	    (rc = rules_ctx_new(inst, tz, err, sizeof(err))) == NULL)
		return;
	st = xcalloc(inst->nyouths, sizeof(*st));
	minutes = xcalloc(inst->nyouths, sizeof(*minutes));
	for (size_t y = 0; y < inst->nyouths; y++)
		st[y] = rules_youth_state_new_empty(rc, y);
	for (size_t s = 0; s < inst->nslots; s++) {
		const struct model_slot *sl = &inst->slots[s];
		for (int k = 0; k < sl->needed; k++) {
			long best = -1;
			for (size_t y = 0; y < inst->nyouths; y++) {
				bool lead_needed = sl->nrequires > 0 && k == 0;
				bool lead = inst->youths[y].nskills > 0;
				if (lead_needed && !lead)
					continue;
				if (!rules_may_add(rc, st[y], s))
					continue;
				if (best < 0 || minutes[y] < minutes[best])
					best = (long)y;
			}
			if (best < 0)
				break;
			rules_youth_state_add(rc, st[best], s);
			minutes[best] += (long)(sl->end - sl->start);
			struct model_assignment a = {0};
			char id[32];
			snprintf(
			    id, sizeof(id), "a%zu", inst->nassignments + 1);
			a.id = id;
			a.slot = sl->id;
			a.youth = inst->youths[best].id;
			a.made_by = MODEL_MADE_BY_SOLVER;
			model_add_assignment(inst, &a);
		}
	}
	for (size_t y = 0; y < inst->nyouths; y++)
		rules_youth_state_free(st[y]);
	free(st);
	free(minutes);
	rules_ctx_free(rc);
}

struct model_instance *
demo_instance(int32_t today)
{
	struct model_instance *inst = model_instance_new();
	char field[128], msg[256];

	school_year(inst, today);
	inst->nhomes = NHOMES;
	inst->homes = xcalloc(NHOMES, sizeof(*inst->homes));
	for (size_t i = 0; i < NHOMES; i++) {
		inst->homes[i].id = xstrdup(demo_homes[i].id);
		inst->homes[i].name = xstrdup(demo_homes[i].name);
		inst->homes[i].address = xstrdup(demo_homes[i].address);
	}
	add_youths(inst, today);
	add_slots(inst, civil_week_monday(today) + 7);
	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) ==
	    -1) {
		fprintf(
		    stderr, "rotad: fatal: demo data: %s: %s\n", field, msg);
		abort();
	}
	assign_greedily(inst);
	if (model_instance_link(inst, field, sizeof(field), msg, sizeof(msg)) ==
	    -1)
		abort();
	return inst;
}

/* ---- the demo's tokens, kept across runs ---- */

/*
 * The file beside the database holding the demo's plaintext tokens (the
 * coordinator token and the two feed links), owner-only: "api TOKEN",
 * "youth TOKEN", "home TOKEN" lines.  Only for --demo, whose data is a
 * throwaway; a production database never has one.
 */
static char *
demo_tokens_path(const char *db_path)
{
	if (db_path == NULL || db_path[0] == '\0' ||
	    strcmp(db_path, ":memory:") == 0 ||
	    strncmp(db_path, "file:", 5) == 0)
		return NULL;
	return xasprintf("%s.demo-tokens", db_path);
}

static void
demo_tokens_read(const char *path, char tokens[3][AUTH_TOKEN_MAXLEN])
{
	static const char *const key[3] = {"api", "youth", "home"};
	char line[AUTH_TOKEN_MAXLEN + 16];
	struct stat sb;
	FILE *f;
	int fd;

	for (size_t i = 0; i < 3; i++)
		tokens[i][0] = '\0';
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return;
	/* Someone else's file, or one others may read: not ours to trust. */
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0 ||
	    (f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		for (size_t i = 0; i < 3; i++) {
			size_t n = strlen(key[i]);
			if (strncmp(line, key[i], n) == 0 && line[n] == ' ')
				snprintf(tokens[i], AUTH_TOKEN_MAXLEN, "%s",
				    line + n + 1);
		}
	}
	fclose(f);
}

static void
demo_tokens_write(const char *path, char tokens[3][AUTH_TOKEN_MAXLEN])
{
	char *tmp = xasprintf("%s.tmp", path);
	FILE *f;
	int fd;

	(void)unlink(tmp);
	fd = open(
	    tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1 || (f = fdopen(fd, "w")) == NULL) {
		log_warn("demo: cannot write '%s'; the next run makes new "
		         "tokens",
		    tmp);
		if (fd != -1)
			close(fd);
		free(tmp);
		return;
	}
	fprintf(
	    f, "api %s\nyouth %s\nhome %s\n", tokens[0], tokens[1], tokens[2]);
	if (fflush(f) != 0 || fsync(fileno(f)) == -1 || fclose(f) != 0 ||
	    rename(tmp, path) == -1) {
		log_warn("demo: cannot write '%s'", path);
		(void)unlink(tmp);
	}
	free(tmp);
}

int
demo_tokens(struct store *st, const char *db_path, int64_t now,
    char token[AUTH_TOKEN_MAXLEN], char feeds[2][AUTH_TOKEN_MAXLEN],
    struct rotad_error *err)
{
	static const char *const subject[2][2] = {
	    {"youth", "ida"}, {"home", "solheim"}};
	char kept[3][AUTH_TOKEN_MAXLEN], name[65];
	unsigned char hash[AUTH_HASH_LEN];
	struct store_feed_token ft;
	char *path = demo_tokens_path(db_path);
	bool changed = false;

	if (path != NULL)
		demo_tokens_read(path, kept);
	else
		kept[0][0] = kept[1][0] = kept[2][0] = '\0';
	if (store_begin(st, err) == -1) {
		free(path);
		return -1;
	}

	/* The coordinator token: the one kept, if it still works. */
	auth_token_hash(kept[0], hash);
	if (kept[0][0] != '\0' &&
	    store_api_token_find(st, hash, name, sizeof(name)) == 1 &&
	    strcmp(name, "demo") == 0) {
		snprintf(token, AUTH_TOKEN_MAXLEN, "%s", kept[0]);
		log_info("demo: the token kept in '%s' still works", path);
	} else {
		auth_token_new("rota_", token, AUTH_TOKEN_MAXLEN);
		auth_token_hash(token, hash);
		(void)store_api_token_revoke(st, "demo", now, err);
		if (store_api_token_insert(st, "demo", hash, now, err) == -1) {
			store_rollback(st);
			free(path);
			return -1;
		}
		changed = true;
	}
	/* One youth's and one home's feed link, to show the feeds. */
	for (size_t i = 0; i < 2; i++) {
		auth_token_hash(kept[i + 1], hash);
		if (kept[i + 1][0] != '\0' &&
		    store_feed_token_find(st, hash, &ft) == 1 &&
		    ft.revoked_at == 0 && strcmp(ft.kind, subject[i][0]) == 0 &&
		    strcmp(ft.subject, subject[i][1]) == 0) {
			snprintf(
			    feeds[i], AUTH_TOKEN_MAXLEN, "%s", kept[i + 1]);
			continue;
		}
		auth_token_new("", feeds[i], AUTH_TOKEN_MAXLEN);
		auth_token_hash(feeds[i], hash);
		if (store_feed_token_rotate(
		        st, subject[i][0], subject[i][1], hash, now, err) == -1)
			feeds[i][0] = '\0'; /* not demo data: no link */
		changed = true;
	}
	if (store_commit(st, err) == -1) {
		free(path);
		return -1;
	}
	if (path != NULL && changed) {
		char all[3][AUTH_TOKEN_MAXLEN];
		snprintf(all[0], sizeof(all[0]), "%s", token);
		snprintf(all[1], sizeof(all[1]), "%s", feeds[0]);
		snprintf(all[2], sizeof(all[2]), "%s", feeds[1]);
		demo_tokens_write(path, all);
	}
	free(path);
	return 0;
}
