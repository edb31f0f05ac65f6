/*
 * This file contains the logger: level filtering, journald priority
 * prefixes when stderr is the journal, timestamps otherwise, and errno
 * preserved across every call.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"

static enum log_level log_max = LOG_LEVEL_INFO;
static int log_journal;

void
log_init(enum log_level max_level)
{
	const char *js = getenv("JOURNAL_STREAM");
	struct stat st;
	unsigned long dev, ino;

	log_max = max_level;
	log_journal = 0;
	if (js != NULL && sscanf(js, "%lu:%lu", &dev, &ino) == 2 &&
	    fstat(fileno(stderr), &st) == 0 &&
	    (unsigned long)st.st_dev == dev && (unsigned long)st.st_ino == ino)
		log_journal = 1;
}

void
log_set_level(enum log_level max_level)
{
	log_max = max_level;
}

static void vlog(enum log_level level, const char *fmt, va_list ap,
    const char *suffix) __attribute__((format(printf, 2, 0)));

static void
vlog(enum log_level level, const char *fmt, va_list ap, const char *suffix)
{
	/* sd-daemon(3) priorities: err 3, warning 4, info 6, debug 7. */
	static const int prio[] = {3, 4, 6, 7};
	static const char *const names[] = {
	    "error", "warning", "info", "debug"};
	char msg[2048];
	int saved = errno;

	if (level > log_max)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (log_journal) {
		fprintf(stderr, "<%d>%s%s%s\n", prio[level], msg,
		    suffix ? ": " : "", suffix ? suffix : "");
	} else {
		char ts[32];
		struct timespec now;
		struct tm tm;

		clock_gettime(CLOCK_REALTIME, &now);
		gmtime_r(&now.tv_sec, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
		fprintf(stderr, "%s.%03ldZ %s: %s%s%s\n", ts,
		    now.tv_nsec / 1000000, names[level], msg,
		    suffix ? ": " : "", suffix ? suffix : "");
	}
	fflush(stderr);
	errno = saved;
}

#define LOG_FN(fn, level, with_errno)                                          \
	void fn(const char *fmt, ...)                                          \
	{                                                                      \
		va_list ap;                                                    \
		const char *suffix = with_errno ? strerror(errno) : NULL;      \
		va_start(ap, fmt);                                             \
		vlog(level, fmt, ap, suffix);                                  \
		va_end(ap);                                                    \
	}

LOG_FN(log_warn, LOG_LEVEL_WARN, 1)
LOG_FN(log_warnx, LOG_LEVEL_WARN, 0)
LOG_FN(log_info, LOG_LEVEL_INFO, 0)
LOG_FN(log_debug, LOG_LEVEL_DEBUG, 0)

void
fatal(const char *fmt, ...)
{
	va_list ap;
	const char *suffix = strerror(errno);

	va_start(ap, fmt);
	vlog(LOG_LEVEL_ERR, fmt, ap, suffix);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LEVEL_ERR, fmt, ap, NULL);
	va_end(ap);
	exit(1);
}
