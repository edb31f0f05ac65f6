/* SPDX-License-Identifier: ISC */
/*
 * Logging in the OpenBSD style, one line per message on stderr.  Under
 * systemd (JOURNAL_STREAM names our stderr) each line carries a "<N>"
 * priority prefix and no timestamp, since journald adds its own.
 */
#ifndef ROTAD_LOG_H
#define ROTAD_LOG_H

#include <stdarg.h>

enum log_level {
	LOG_LEVEL_ERR,
	LOG_LEVEL_WARN,
	LOG_LEVEL_INFO,
	LOG_LEVEL_DEBUG
};

/* Sets the most verbose level printed (default LOG_LEVEL_INFO). */
void log_init(enum log_level max_level);
void log_set_level(enum log_level max_level);

/*
 * Batching: after log_batch(wake, arg), lines logged by the calling
 * thread are kept in memory and wake(arg) is called when a batch starts;
 * the caller then arranges for log_flush() to run soon (the event loop
 * does it at the end of the loop turn).  Lines from other threads, a full
 * buffer, fatal() and log_flush() write at once.  log_batch(NULL, NULL)
 * flushes and turns batching off.
 */
void log_batch(void (*wake)(void *), void *arg);
void log_flush(void);

void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Log and exit(1); fatal() appends strerror(errno). */
void fatal(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

#endif /* ROTAD_LOG_H */
