/* SPDX-License-Identifier: ISC */
/*
 * An import's work, apart from the event loop (issue 12: "long
 * operations must not stall the loop").  At a national operator's size an
 * import reads megabytes of JSON, checks the labour law on the stored and
 * the new schedule, and writes tens of thousands of rows: seconds of
 * work.  import_run() does all of it on the thread that calls it, with a
 * database connection of its own, and hands back the stored result read
 * whole, so the loop only swaps it in (state_replace()) and keeps
 * answering feeds and reads from the state before it meanwhile.
 */
#ifndef ROTAD_IMPORT_RUN_H
#define ROTAD_IMPORT_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"

struct store;
struct model_instance;

enum import_outcome {
	IMPORT_DONE,    /* written; `loaded` and `summary` are set */
	IMPORT_REFUSED, /* new violations and no force: `fresh` lists them */
	IMPORT_FAILED   /* `err` says why; nothing written */
};

struct import_run {
	/* In: owned by the caller, read-only to import_run(). */
	struct store *store; /* a connection of this thread's own */
	const char *body;    /* the request body: an instance document */
	size_t len;
	bool force; /* let new violations through (recorded) */
	const char *force_reason;
	const char *actor;
	int64_t now; /* Unix seconds */
	/* Out. */
	enum import_outcome outcome;
	bool written; /* committed (even if reading it back then failed) */
	struct model_instance *loaded; /* the stored state, linked (taken) */
	json_t *summary; /* counts, and the forced violations if any */
	json_t *fresh;   /* refused: the first new violations */
	size_t nfresh;   /* refused or forced: how many in all */
	struct rotad_error err;
};

/*
 * Parses and validates the body, checks the labour law on the stored
 * schedule and on the new one (an import may not bring violations the
 * stored schedule has not already, unless forced), replaces the stored
 * schedule with it in one transaction with its audit row (links of
 * youths and homes it drops stop working), and reads the result back.
 * Messages in the calling thread's language (i18n_use()).
 */
void import_run(struct import_run *r);

/* Frees what import_run() left in r (loaded, summary, fresh). */
void import_run_clear(struct import_run *r);

#endif /* ROTAD_IMPORT_RUN_H */
