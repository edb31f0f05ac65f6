/* SPDX-License-Identifier: ISC */
/*
 * The configuration file, /etc/rota/rotad.conf: INI (sections and
 * key = value lines, read with Debian's libinih), every key checked with
 * its type and range.  docs/config.md documents every key.
 */
#ifndef ROTAD_CONFIG_H
#define ROTAD_CONFIG_H

#include <stdio.h>

struct rotad_conf;

/*
 * Reads `path` over the values already in *conf (defaults, normally).
 * Every bad line is reported to `errs` as "FILE:LINE: reason"; reading
 * goes on so that all are reported.  Returns 0, or -1 when the file
 * cannot be read or any line was bad (*conf may then be half updated:
 * read into a scratch copy when that matters).
 */
int config_load(const char *path, struct rotad_conf *conf, FILE *errs);

/*
 * Secrets handed over by systemd (LoadCredential=): when
 * $CREDENTIALS_DIRECTORY is set and holds a file "metrics_token", its
 * first line replaces conf->metrics_token.  Returns 0 (also when there
 * is no such directory or file), or -1 after reporting to `errs` a file
 * that cannot be read or is empty.
 */
int config_load_credentials(struct rotad_conf *conf, FILE *errs);

/* Writes the effective configuration as a valid config file. */
void config_dump(const struct rotad_conf *conf, FILE *out);

#endif /* ROTAD_CONFIG_H */
