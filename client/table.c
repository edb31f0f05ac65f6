/* SPDX-License-Identifier: ISC */
/*
 * This file contains aligned text tables: rows of strings, printed with
 * each column as wide as its widest cell, measured in characters of UTF-8
 * (not bytes) so that "Besøk" lines up.  Cells are copied through
 * safe_text_dup(): a feed's SUMMARY with a line break in it or an escape
 * sequence prints neither a row of its own nor a terminal command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rota.h"

struct table {
	size_t ncols, nrows;
	char **cells; /* nrows * ncols, the header row first */
};

size_t
table_width(const char *s)
{
	size_t w = 0;

	/* Counts code points: every byte that is not a continuation byte. */
	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

struct table *
table_new(size_t ncols, const char *const *headers)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->ncols = ncols;
	table_add(t, headers);
	return t;
}

void
table_add(struct table *t, const char *const *cells)
{
	t->cells = xreallocarray(
	    t->cells, (t->nrows + 1) * t->ncols, sizeof(*t->cells));
	for (size_t i = 0; i < t->ncols; i++)
		/* A cell is one line with no escape sequence in it. */
		t->cells[t->nrows * t->ncols + i] =
		    safe_text_dup(cells[i] ? cells[i] : "");
	t->nrows++;
}

void
table_print(const struct table *t, FILE *out)
{
	size_t *w = xcalloc(t->ncols, sizeof(*w));

	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t n = table_width(t->cells[r * t->ncols + c]);
			if (n > w[c])
				w[c] = n;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		/* Trailing empty cells are not padded either. */
		size_t last = t->ncols;
		while (last > 1 && t->cells[r * t->ncols + last - 1][0] == '\0')
			last--;
		for (size_t c = 0; c < last; c++) {
			const char *s = t->cells[r * t->ncols + c];
			fputs(s, out);
			if (c + 1 < last)
				fprintf(out, "%*s",
				    (int)(w[c] - table_width(s) + 2), "");
		}
		fputc('\n', out);
	}
	free(w);
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}
