/* SPDX-License-Identifier: ISC */
/*
 * This file contains the logger: level filtering, journald priority
 * prefixes when stderr is the journal, timestamps otherwise, errno
 * preserved across every call, and the batched mode the event loop uses
 * so that the access log costs one write(2) per loop turn rather than one
 * per request.
 */
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static enum log_level log_max = LOG_LEVEL_INFO;
static int log_journal;

/*
 * Batched output.  Lines are appended to log_buf under log_lock; the
 * first line of a batch calls log_wake (which schedules log_flush() at the
 * end of the current loop turn).  Only the thread that turned batching on
 * batches: a line from any other thread (the solver worker) flushes the
 * buffer and writes itself at once, which keeps lines in order without
 * letting another thread touch the event loop.
 */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char log_buf[64 * 1024];
static size_t log_len;
static void (*log_wake)(void *);
static void *log_wake_arg;
static pthread_t log_batch_thread;

/* The timestamp text of the current second, made once per second. */
static time_t log_ts_sec = -1;
static char log_ts[32];

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

static void
write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDERR_FILENO, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return; /* nowhere to report it; drop the rest */
		p += w;
		n -= (size_t)w;
	}
}

/* Call with log_lock held. */
static void
flush_locked(void)
{
	write_all(log_buf, log_len);
	log_len = 0;
}

void
log_flush(void)
{
	int saved = errno;

	pthread_mutex_lock(&log_lock);
	flush_locked();
	pthread_mutex_unlock(&log_lock);
	errno = saved;
}

void
log_batch(void (*wake)(void *), void *arg)
{
	pthread_mutex_lock(&log_lock);
	flush_locked();
	log_wake = wake;
	log_wake_arg = arg;
	if (wake != NULL)
		log_batch_thread = pthread_self();
	pthread_mutex_unlock(&log_lock);
}

static void
emit(const char *line, size_t n)
{
	bool wake = false;

	pthread_mutex_lock(&log_lock);
	if (log_wake == NULL ||
	    !pthread_equal(pthread_self(), log_batch_thread)) {
		flush_locked();
		write_all(line, n);
	} else {
		if (log_len + n > sizeof(log_buf))
			flush_locked();
		if (n > sizeof(log_buf)) {
			write_all(line, n);
		} else {
			wake = log_len == 0;
			memcpy(log_buf + log_len, line, n);
			log_len += n;
		}
	}
	pthread_mutex_unlock(&log_lock);
	if (wake)
		log_wake(log_wake_arg);
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
	char line[2200];
	size_t len = 0, cap = sizeof(line) - 1; /* room for the newline */
	int saved = errno, n;

	if (level > log_max)
		return;
	/* Prefix, message and suffix straight into one line buffer. */
	if (log_journal) {
		n = snprintf(line, cap, "<%d>", prio[level]);
	} else {
		struct timespec now;

		clock_gettime(CLOCK_REALTIME, &now);
		pthread_mutex_lock(&log_lock);
		if (now.tv_sec != log_ts_sec) {
			struct tm tm;

			gmtime_r(&now.tv_sec, &tm);
			strftime(
			    log_ts, sizeof(log_ts), "%Y-%m-%dT%H:%M:%S", &tm);
			log_ts_sec = now.tv_sec;
		}
		n = snprintf(line, cap, "%s.%03ldZ %s: ", log_ts,
		    now.tv_nsec / 1000000, names[level]);
		pthread_mutex_unlock(&log_lock);
	}
	len = n > 0 ? (size_t)n : 0;
	n = vsnprintf(line + len, cap - len, fmt, ap);
	len += n > 0 ? (size_t)n : 0;
	if (suffix != NULL && len < cap) {
		n = snprintf(line + len, cap - len, ": %s", suffix);
		len += n > 0 ? (size_t)n : 0;
	}
	if (len > cap - 1)
		len = cap - 1; /* cut: the text ends at cap - 1 */
	line[len++] = '\n';
	emit(line, len);
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
	log_flush();
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_LEVEL_ERR, fmt, ap, NULL);
	va_end(ap);
	log_flush();
	exit(1);
}
