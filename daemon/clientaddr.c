/* SPDX-License-Identifier: ISC */
/*
 * This file contains the trusted-proxy list (addresses and networks,
 * IPv4 and IPv6, parsed with inet_pton) and the choice of the client's
 * address from the peer and X-Forwarded-For.
 */
#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientaddr.h"
#include "xmalloc.h"

struct proxy_net {
	unsigned char addr[16]; /* IPv4 as an IPv4-mapped IPv6 address */
	unsigned prefix;        /* bits, 0..128 */
};

struct proxy_list {
	struct proxy_net *nets;
	size_t n;
};

/* Textual address to 16 bytes (IPv4 mapped into ::ffff:0:0/96). */
static bool
to_bytes(const char *s, unsigned char out[16], bool *v4)
{
	struct in_addr a4;

	if (inet_pton(AF_INET, s, &a4) == 1) {
		memset(out, 0, 10);
		out[10] = out[11] = 0xff;
		memcpy(out + 12, &a4, 4);
		*v4 = true;
		return true;
	}
	*v4 = false;
	return inet_pton(AF_INET6, s, out) == 1;
}

static bool
in_net(const struct proxy_net *net, const unsigned char a[16])
{
	unsigned full = net->prefix / 8, rest = net->prefix % 8;

	if (memcmp(net->addr, a, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((net->addr[full] ^ a[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

struct proxy_list *
proxy_list_parse(const char *spec, char *err, size_t errlen)
{
	struct proxy_list *pl = xcalloc(1, sizeof(*pl));
	const char *p = spec ? spec : "";

	for (;;) {
		char word[CLIENTADDR_MAX + 8], *slash;
		size_t len;
		struct proxy_net net;
		bool v4;

		p += strspn(p, ", \t");
		if (*p == '\0')
			break;
		len = strcspn(p, ", \t");
		if (len >= sizeof(word)) {
			snprintf(err, errlen, "'%.*s…' is not an address",
			    (int)sizeof(word) / 2, p);
			goto bad;
		}
		memcpy(word, p, len);
		word[len] = '\0';
		p += len;
		net.prefix = 128;
		if ((slash = strchr(word, '/')) != NULL)
			*slash = '\0';
		if (!to_bytes(word, net.addr, &v4)) {
			snprintf(
			    err, errlen, "'%s' is not an IP address", word);
			goto bad;
		}
		if (slash != NULL) {
			char *end;
			long bits = strtol(slash + 1, &end, 10);
			long max = v4 ? 32 : 128;

			if (slash[1] == '\0' || *end != '\0' || bits < 0 ||
			    bits > max) {
				snprintf(err, errlen,
				    "'/%s' is not a prefix length (0-%ld)",
				    slash + 1, max);
				goto bad;
			}
			net.prefix = (unsigned)bits + (v4 ? 96 : 0);
		}
		pl->nets =
		    xreallocarray(pl->nets, pl->n + 1, sizeof(*pl->nets));
		pl->nets[pl->n++] = net;
	}
	return pl;
bad:
	proxy_list_free(pl);
	return NULL;
}

void
proxy_list_free(struct proxy_list *pl)
{
	if (pl == NULL)
		return;
	free(pl->nets);
	free(pl);
}

bool
proxy_list_contains(const struct proxy_list *pl, const char *addr)
{
	unsigned char a[16];
	bool v4;

	if (pl == NULL || pl->n == 0 || !to_bytes(addr, a, &v4))
		return false;
	for (size_t i = 0; i < pl->n; i++)
		if (in_net(&pl->nets[i], a))
			return true;
	return false;
}

void
client_address(const struct proxy_list *pl, const char *peer, const char *xff,
    char out[CLIENTADDR_MAX])
{
	const char *end;

	snprintf(out, CLIENTADDR_MAX, "%s", peer ? peer : "-");
	if (xff == NULL || peer == NULL || !proxy_list_contains(pl, peer))
		return;
	/* Walk X-Forwarded-For from the right, through trusted proxies. */
	end = xff + strlen(xff);
	for (;;) {
		const char *comma = end, *start;
		char word[CLIENTADDR_MAX];
		size_t len;
		unsigned char a[16];
		bool v4;

		while (comma > xff && comma[-1] != ',')
			comma--;
		start = comma; /* the entry is [start, end) */
		while (start < end && (*start == ' ' || *start == '\t'))
			start++;
		len = (size_t)(end - start);
		while (len > 0 &&
		    (start[len - 1] == ' ' || start[len - 1] == '\t'))
			len--;
		if (len == 0 || len >= sizeof(word))
			return;
		memcpy(word, start, len);
		word[len] = '\0';
		if (!to_bytes(word, a, &v4))
			return; /* garbage: keep the last good address */
		snprintf(out, CLIENTADDR_MAX, "%s", word);
		if (!proxy_list_contains(pl, word) || comma == xff)
			return;
		end = comma - 1; /* before the comma */
	}
}
