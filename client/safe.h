/* SPDX-License-Identifier: ISC */
/*
 * Text from a server or a feed made safe to print (safe.c), and the check
 * of a time-zone name before libical may open a file for it (tzname.c).
 * Neither part uses the rest of the client, so the unit tests link them
 * alone (tests/unit/test_client_safe.c).
 */
#ifndef ROTA_SAFE_H
#define ROTA_SAFE_H

#include <stdbool.h>
#include <stdio.h>

/*
 * A copy of UTF-8 text that is safe on a terminal and in a table row:
 * a line break (LF, CR, CRLF, U+2028, U+2029) becomes a visible U+23CE
 * "⏎", TAB a space, every other C0 control and DEL "\xHH", a C1 control
 * (U+0080-U+009F, which a terminal may read as CSI or OSC) and a bidi
 * embedding, override or isolate (U+202A-U+202E, U+2066-U+2069) "\uHHHH",
 * and each byte that is not valid UTF-8 "\xHH".  Anything else is kept.
 * A new string.
 */
char *safe_text_dup(const char *s);
/* Writes safe_text_dup(s) to out. */
void safe_fputs(const char *s, FILE *out);
/*
 * A JSON text (as jansson writes it: valid UTF-8, C0 escaped) with DEL,
 * C1 controls, U+2028, U+2029 and the bidi controls above written as
 * \uHHHH escapes, so it means the same and is safe on a terminal.  A new
 * string.
 */
char *safe_json_dup(const char *json);
/*
 * Writes one CSV cell (RFC 4180), always quoted, made safe as by
 * safe_text_dup(); a cell that a spreadsheet would read as a formula
 * (starting with = + - @, TAB or CR) gets a leading single quote (OWASP's
 * advice against CSV injection).
 */
void safe_csv_cell(const char *s, FILE *out);

/*
 * Whether name is a canonical IANA time-zone name that is safe to hand to
 * libical, which opens <dir>/<name> (dir: the zoneinfo directory): letters,
 * digits, '_', '+' and '-' in components separated by single '/', the
 * first starting with a letter; not "localtime", "posixrules", "Factory"
 * or under "posix/" or "right/"; listed as a Zone or Link in
 * <dir>/tzdata.zi when that file exists; and <dir>/<name> is a regular
 * file inside dir (opened with O_NONBLOCK, checked with fstat: a FIFO or a
 * device never blocks us).  "UTC" is always fine (libical needs no file).
 */
bool tzname_ok_in(const char *dir, const char *name);
/* tzname_ok_in() with libical's zoneinfo directory (the last name that
 * passed is remembered). */
bool tzname_ok(const char *name);

#endif /* ROTA_SAFE_H */
