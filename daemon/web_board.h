/* SPDX-License-Identifier: ISC */
/* The week board without JavaScript (web_board.c). */
#ifndef ROTAD_WEB_BOARD_H
#define ROTAD_WEB_BOARD_H

#include <stdbool.h>

struct api_ctx;

/*
 * GET / with a live session: the week board (?week=YYYY-MM-DD, ?home=ID,
 * ?open=1) cut to the user's homes.  Returns false, answering nothing,
 * when the request has no live session (then GET / shows the login).
 */
bool web_board_page(struct api_ctx *ctx);

#endif /* ROTAD_WEB_BOARD_H */
