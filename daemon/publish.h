/* SPDX-License-Identifier: ISC */
/*
 * Draft and publish (issue 16): the published copy of the visits
 * (slots) and assignments, the instance as published (what feeds, week
 * pages and youth pages show), and the difference between the live state
 * (what the board and the API show) and the published one.
 *
 * Visits are compared as groups: one slot id with the assignments on it.
 * A group differs when the slot or any of its assignments differs in
 * anything but the bookkeeping (seq, created_at, updated_at), or when an
 * assignment is on one side only.  Publishing a range copies the live
 * rows of exactly the groups that differ (and deletes the published ones
 * that are gone), so a feed's events keep their UID and take the live
 * SEQUENCE, which only grows.
 *
 * Pure data: no I/O, no clock.  The store keeps the copy (store_publish.c)
 * and publish_state.c holds it for the daemon.
 */
#ifndef ROTAD_PUBLISH_H
#define ROTAD_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* The published slots and assignments, each array in id order. */
struct publish_snapshot {
	struct model_slot *slots;
	size_t nslots;
	struct model_assignment *assignments;
	size_t nassignments;
	size_t capslots, capassignments; /* allocated */
};

void publish_snapshot_free(struct publish_snapshot *s);
/* Everything live published: a copy of inst's slots and assignments. */
void publish_snapshot_of(
    struct publish_snapshot *dst, const struct model_instance *inst);
/* Appends copies (the caller keeps id order, e.g. the store's ORDER BY). */
void publish_snapshot_add_slot(
    struct publish_snapshot *s, const struct model_slot *slot);
void publish_snapshot_add_assignment(
    struct publish_snapshot *s, const struct model_assignment *a);
/* By id (binary search), or NULL. */
const struct model_slot *publish_find_slot(
    const struct publish_snapshot *s, const char *id);
const struct model_assignment *publish_find_assignment(
    const struct publish_snapshot *s, const char *id);

/*
 * The instance as published: live's settings, homes and youths (they are
 * not drafts) with the snapshot's slots and assignments, linked; a slot
 * whose home, or an assignment whose youth or slot, is no longer there is
 * left out.  It shares live's and the snapshot's strings: valid while
 * both are, and freed with publish_view_free() only.
 */
struct model_instance *publish_view_new(
    const struct model_instance *live, const struct publish_snapshot *snap);
void publish_view_free(struct model_instance *view);

/* Content equality, bookkeeping (seq, created_at, updated_at) aside. */
bool publish_slot_same(const struct model_slot *a, const struct model_slot *b);
bool publish_assignment_same(
    const struct model_assignment *a, const struct model_assignment *b);

/* What a publish covers: slots starting on [from, to] (either version). */
struct publish_range {
	int32_t from, to; /* civil days, inclusive */
	/* home ids the slot must be at (either version); NULL: every home */
	char **homes;
	size_t nhomes;
};

enum publish_what {
	PUBLISH_ADDED,
	PUBLISH_MOVED,     /* another time or place */
	PUBLISH_CANCELLED, /* taken off, cancelled or deleted */
	PUBLISH_CHANGED    /* same time and place; activity, who else comes */
};

/* One visit as one side shows it (owned strings). */
struct publish_visit {
	char *slot;
	char *home;
	int64_t start, end; /* wall times */
	char *activity;     /* may be NULL */
};

struct publish_item {
	enum publish_what what;
	char *assignment; /* youths' items: the assignment's id; else NULL */
	/* before: as published (moved, cancelled, changed); after: as it
	 * will be (added, moved, changed); the other side is zero */
	struct publish_visit before, after;
};

/* A youth's or a home's items, in slot start order. */
struct publish_subject {
	char *id;
	struct publish_item *items;
	size_t n, cap;
};

/*
 * A publish's preview and, once made, what it did: per youth and per home
 * what changes for them, the groups (slot ids) whose rows it copies, and
 * a version that changes whenever anything it would copy does.
 */
struct publish_diff {
	struct publish_subject *youths; /* by youth id */
	size_t nyouths, capy;
	struct publish_subject *homes; /* by home id */
	size_t nhomes, caph;
	char **groups; /* slot ids, in id order */
	size_t ngroups, capg;
	/* ids whose feeds the publish changes (youths on either side of a
	 * group, homes of either side): struct feed_touch's input */
	char **touch_youths;
	size_t ntouch_youths, captu;
	char **touch_homes;
	size_t ntouch_homes, capth;
	uint64_t version;
};

/*
 * The difference of live (linked) and snap within r.  The items and the
 * version depend on the rows only (not on their order in memory).
 */
void publish_diff_make(struct publish_diff *d,
    const struct model_instance *live, const struct publish_snapshot *snap,
    const struct publish_range *r);
void publish_diff_free(struct publish_diff *d);

/* Whether the publish of d copies the group of slot id `slot`. */
bool publish_diff_has_group(const struct publish_diff *d, const char *slot);

/* The version as 16 lower-case hex digits and a NUL. */
void publish_version_text(uint64_t v, char buf[17]);

/*
 * The snapshot after the publish of d: the published rows of d's groups
 * replaced by live's (a group gone live is gone from the snapshot).
 */
void publish_snapshot_apply(struct publish_snapshot *snap,
    const struct model_instance *live, const struct publish_diff *d);

const char *publish_what_name(enum publish_what w);

#endif /* ROTAD_PUBLISH_H */
