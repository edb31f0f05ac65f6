/* SPDX-License-Identifier: ISC */
/*
 * This file contains the unit tests of the logger (daemon/log.c): line
 * format, the batched mode of the event loop (nothing written until the
 * flush, one wake per batch, order kept), lines from other threads, and
 * over-long lines cut but still ended.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "log.h"

static char path[] = "/tmp/rota-test-log.XXXXXX";
static int saved_stderr = -1;
static int wakes;

static int
setup(void **state)
{
	int fd = mkstemp(path);

	(void)state;
	if (fd < 0)
		return -1;
	fflush(stderr);
	saved_stderr = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	unsetenv("JOURNAL_STREAM");
	log_init(LOG_LEVEL_INFO);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	log_batch(NULL, NULL);
	dup2(saved_stderr, STDERR_FILENO);
	close(saved_stderr);
	unlink(path);
	return 0;
}

/* What the log file holds now. */
static char *
contents(void)
{
	FILE *f = fopen(path, "r");
	static char buf[16384];
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
truncate_log(void)
{
	assert_int_equal(ftruncate(STDERR_FILENO, 0), 0);
	assert_int_equal(lseek(STDERR_FILENO, 0, SEEK_SET), 0);
}

static void
count_wake(void *arg)
{
	(void)arg;
	wakes++;
}

static void
test_line_format(void **state)
{
	const char *s;

	(void)state;
	truncate_log();
	log_info("hello %d", 42);
	log_debug("not shown at level info");
	s = contents();
	/* 2026-11-28T12:00:00.000Z info: hello 42 */
	assert_int_equal(strlen(s), 24 + strlen(" info: hello 42\n"));
	assert_true(s[4] == '-' && s[10] == 'T' && s[23] == 'Z');
	assert_string_equal(s + 24, " info: hello 42\n");
}

static void
test_batched_until_flush(void **state)
{
	(void)state;
	truncate_log();
	wakes = 0;
	log_batch(count_wake, NULL);
	log_info("first");
	log_warnx("second");
	assert_string_equal(contents(), "");
	assert_int_equal(wakes, 1); /* one wake per batch */
	log_flush();
	assert_non_null(strstr(contents(), "info: first\n"));
	assert_true(strstr(contents(), "first") < strstr(contents(), "second"));
	log_info("third");
	assert_int_equal(wakes, 2);
	log_batch(NULL, NULL); /* turning it off flushes */
	assert_non_null(strstr(contents(), "third"));
	log_info("fourth"); /* and later lines go out at once */
	assert_non_null(strstr(contents(), "fourth"));
}

static void *
other_thread(void *arg)
{
	(void)arg;
	log_info("from the worker");
	return NULL;
}

static void
test_other_thread_writes_at_once_in_order(void **state)
{
	pthread_t t;
	const char *s;

	(void)state;
	truncate_log();
	log_batch(count_wake, NULL);
	log_info("loop line");
	assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
	pthread_join(t, NULL);
	s = contents();
	assert_non_null(strstr(s, "loop line"));
	assert_non_null(strstr(s, "from the worker"));
	assert_true(strstr(s, "loop line") < strstr(s, "from the worker"));
	log_batch(NULL, NULL);
}

static void
test_long_line_cut_and_ended(void **state)
{
	char big[5000], line[8192];
	FILE *f;
	int lines = 0;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	truncate_log();
	log_batch(count_wake, NULL);
	for (int i = 0; i < 100; i++) /* more than the batch buffer holds */
		log_warnx("%s", big);
	log_batch(NULL, NULL);
	assert_non_null(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f) != NULL) {
		size_t n = strlen(line);

		/* Cut short of the 5000 bytes, but whole and ended. */
		assert_true(n > 1000 && n < 2300);
		assert_int_equal(line[n - 1], '\n');
		assert_non_null(strstr(line, "warning: xxx"));
		lines++;
	}
	fclose(f);
	assert_int_equal(lines, 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line_format),
	    cmocka_unit_test(test_batched_until_flush),
	    cmocka_unit_test(test_other_thread_writes_at_once_in_order),
	    cmocka_unit_test(test_long_line_cut_and_ended),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
