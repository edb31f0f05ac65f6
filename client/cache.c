/* SPDX-License-Identifier: ISC */
/*
 * This file contains the feed cache under $XDG_CACHE_HOME/rota/: the last
 * good copy of each feed (named by a hash of its URL, never the URL, which
 * holds a secret token), its ETag for conditional refetches, and the time
 * it was last confirmed by the server (the mtime of the .etag file).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rota.h"

/* $XDG_CACHE_HOME/rota/feed-<FNV-1a of url>.<ext>; a new string. */
static char *
cache_path_dup(const char *url, const char *ext)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	char *dir = config_cache_dir_dup(), *p;

	for (const unsigned char *s = (const unsigned char *)url; *s; s++) {
		h ^= *s;
		h *= 0x100000001b3ULL;
	}
	p = xasprintf("%s/feed-%016llx.%s", dir, (unsigned long long)h, ext);
	free(dir);
	return p;
}

int
cache_read(
    const char *url, char **body, size_t *len, char **etag, time_t *checked)
{
	char *ics = cache_path_dup(url, "ics"),
	     *tag = cache_path_dup(url, "etag");
	struct stat sb;
	size_t n;
	int rc = -1;

	*body = *etag = NULL;
	*checked = 0;
	if (access(ics, R_OK) != 0 ||
	    (*body = util_read_file(ics, len)) == NULL)
		goto done;
	if (stat(tag, &sb) == 0) {
		*checked = sb.st_mtime;
		if ((*etag = util_read_file(tag, &n)) != NULL) {
			(*etag)[strcspn(*etag, "\r\n")] = '\0';
			if ((*etag)[0] == '\0') {
				free(*etag);
				*etag = NULL;
			}
		}
	} else if (stat(ics, &sb) == 0)
		*checked = sb.st_mtime;
	rc = 0;
done:
	free(ics);
	free(tag);
	return rc;
}

/* Writes data to path through a temporary file (mode 0600). */
static int
write_atomic(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd, rc = -1;

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) ==
	    -1)
		goto done;
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		unlink(tmp);
		goto done;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		unlink(tmp);
		goto done;
	}
	rc = 0;
done:
	if (rc == -1)
		rota_warnx(_("cannot write the cache '%s': %s"), path,
		    strerror(errno));
	free(tmp);
	return rc;
}

int
cache_write(const char *url, const char *body, size_t len, const char *etag)
{
	char *dir = config_cache_dir_dup();
	char *ics = cache_path_dup(url, "ics"),
	     *tag = cache_path_dup(url, "etag");
	int rc = -1;

	if (config_mkdirs(dir) == -1)
		goto done;
	/* The ETag last, so it never describes a body we did not keep. */
	unlink(tag);
	if (write_atomic(ics, body, len) == -1)
		goto done;
	rc = write_atomic(tag, etag ? etag : "", etag ? strlen(etag) : 0);
done:
	free(dir);
	free(ics);
	free(tag);
	return rc;
}

void
cache_touch(const char *url)
{
	char *tag = cache_path_dup(url, "etag");

	utimensat(AT_FDCWD, tag, NULL, 0);
	free(tag);
}
