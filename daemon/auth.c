/* SPDX-License-Identifier: ISC */
/*
 * This file contains token creation, hashing and comparison, all through
 * libsodium (randombytes_buf, crypto_generichash, sodium_memcmp).
 */
#include <string.h>

#include <sodium.h>

#include "auth.h"

int
auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void
auth_token_new(const char *prefix, char *buf, size_t buflen)
{
	unsigned char raw[AUTH_TOKEN_BYTES];
	size_t plen = strlen(prefix);
	char b64[sodium_base64_ENCODED_LEN(
	    AUTH_TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(b64, sizeof(b64), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	if (plen + strlen(b64) + 1 > buflen) {
		buf[0] = '\0';
		return;
	}
	memcpy(buf, prefix, plen);
	memcpy(buf + plen, b64, strlen(b64) + 1);
	sodium_memzero(b64, sizeof(b64));
}

void
auth_token_hash(const char *token, unsigned char hash[AUTH_HASH_LEN])
{
	crypto_generichash(hash, AUTH_HASH_LEN, (const unsigned char *)token,
	    strlen(token), NULL, 0);
}

int
auth_hash_equal(const unsigned char *a, const unsigned char *b)
{
	return sodium_memcmp(a, b, AUTH_HASH_LEN) == 0;
}

int
auth_token_wellformed(const char *token)
{
	size_t n = strlen(token);

	if (n < 16 || n >= AUTH_TOKEN_MAXLEN)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = token[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		        (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}
