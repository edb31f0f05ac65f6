/* SPDX-License-Identifier: ISC */
/*
 * QR codes as SVG (issue 19, the youth panel's feed link): the modules of
 * libqrencode's QRcode_encodeString (8-bit mode, ECC level M) drawn as
 * one black path on a white square, with the quiet zone of 4 modules the
 * standard asks for.  No styles, no script: only presentation attributes.
 */
#ifndef ROTAD_QR_H
#define ROTAD_QR_H

#include <stddef.h>

#define QR_QUIET    4   /* modules of white around the code */
#define QR_SCALE    4   /* the SVG's pixels per module (its natural size) */
#define QR_MAX_TEXT 512 /* bytes: a feed URL is about 100 */

/*
 * The SVG of `text` (NUL-terminated, 1..QR_MAX_TEXT bytes), malloc'd, and
 * the code's modules per side (without the quiet zone) in *modules.
 * NULL when the text cannot be encoded (empty, too long).
 */
char *qr_svg(const char *text, int *modules);

#endif /* ROTAD_QR_H */
