/* SPDX-License-Identifier: ISC */
/*
 * CSV for spreadsheets (RFC 4180): a cell is quoted when it holds a comma,
 * a quote, CR or LF (quotes doubled), and a text cell that a spreadsheet
 * would read as a formula (one starting with = + - @, a tab or CR) gets a
 * leading apostrophe first, so that a name such as "=HYPERLINK(...)" stays
 * text (CSV formula injection).  Rows end in CRLF.
 */
#ifndef ROTAD_CSV_H
#define ROTAD_CSV_H

#include <stdbool.h>

struct sbuf;

/* Appends one text cell, after a comma unless it is the first. */
void csv_text(struct sbuf *b, bool first, const char *s);
/* Appends one number cell as it is (never neutralised). */
void csv_number(struct sbuf *b, bool first, const char *s);
/* Ends the row. */
void csv_end_row(struct sbuf *b);

#endif /* ROTAD_CSV_H */
