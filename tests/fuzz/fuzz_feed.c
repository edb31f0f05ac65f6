/* SPDX-License-Identifier: ISC */
/*
 * This file contains the fuzz target for the client's feed parser
 * (client/ics.c, ics_parse()): the iCalendar text a feed server sends,
 * which the client parses with libical and then takes apart (SUMMARY,
 * DESCRIPTION lines, DTSTART/DTEND with VTIMEZONE or built-in zones,
 * STATUS).  Built from client/ics.c and client/util.c only; no network.
 * A second pass feeds two lines of the input to ics_elapsed_minutes().
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rota.h"

#define FUZZ_MAX_INPUT (128 * 1024)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shift_list list;
	char err[256];
	char *text, *nl;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	if (ics_parse(text, &list, err, sizeof(err)) == 0) {
		for (size_t i = 0; i < list.n; i++) {
			if (list.v[i].uid == NULL)
				abort();
		}
		ics_list_release(&list);
	}

	/* "start\nend" against a fixed zone. */
	if (size < 64 && (nl = strchr(text, '\n')) != NULL) {
		*nl = '\0';
		(void)ics_elapsed_minutes("Europe/Oslo", text, nl + 1);
	}
	free(text);
	return 0;
}
