/* SPDX-License-Identifier: ISC */
/*
 * Secret tokens: made from libsodium's random bytes, shown once, and kept
 * only as a BLAKE2b-256 hash.  Used for API tokens and feed links.
 */
#ifndef ROTAD_AUTH_H
#define ROTAD_AUTH_H

#include <stddef.h>

#define AUTH_HASH_LEN     32
#define AUTH_TOKEN_BYTES  32 /* 256 bits of randomness */
#define AUTH_TOKEN_MAXLEN 80 /* longest token text accepted, with NUL */

/* Initializes libsodium; call once before anything else here. */
int auth_init(void);

/*
 * Writes a new random token, "PREFIX" followed by URL-safe base64 (no
 * padding), into buf.  prefix is "rota_" for API tokens, "" for feeds.
 */
void auth_token_new(const char *prefix, char *buf, size_t buflen);

/* The hash under which a token is stored. */
void auth_token_hash(const char *token, unsigned char hash[AUTH_HASH_LEN]);

/* Constant-time comparison of two hashes; 1 when equal. */
int auth_hash_equal(const unsigned char *a, const unsigned char *b);

/* 1 when a token text has the form of one rota makes (length, alphabet). */
int auth_token_wellformed(const char *token);

#endif /* ROTAD_AUTH_H */
