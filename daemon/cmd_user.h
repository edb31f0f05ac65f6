/* SPDX-License-Identifier: ISC */
/*
 * `rotad user add|list|passwd|rm` (cmd_user.c), and the owner of a token
 * made by `rotad token create NAME --user LOGIN`.
 */
#ifndef ROTAD_CMD_USER_H
#define ROTAD_CMD_USER_H

#include "error.h"

struct store;
struct user;

/* argv[0] is "user". */
int rotad_user_main(int argc, char **argv);

/* "a,b" into u->homes (appended); -1 on a bad list. */
int cmd_user_parse_homes(const char *list, struct user *u);

/* Gives the live token token_name to the user `login`; 0 or -1. */
int cmd_user_token_owner(struct store *st, const char *token_name,
    const char *login, struct rotad_error *err);

#endif /* ROTAD_CMD_USER_H */
