/* SPDX-License-Identifier: ISC */
/*
 * This file draws a QR code as SVG (qr.h).  Each row's runs of dark
 * modules become one "M x,y h n v1 h -n z" of a single path, so the
 * image is small (a feed URL's code is about 3 KB) and crisp at any size.
 */
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "qr.h"
#include "sbuf.h"

char *
qr_svg(const char *text, int *modules)
{
	QRcode *qr;
	struct sbuf b = {0};
	int w, side;

	if (text == NULL || text[0] == '\0' || strlen(text) > QR_MAX_TEXT)
		return NULL;
	/* Version 0: the smallest that holds the text; case-sensitive. */
	qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (qr == NULL)
		return NULL;
	w = qr->width;
	side = w + 2 * QR_QUIET;
	sbuf_addf(&b,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
	    "height=\"%d\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" "
	    "d=\"",
	    side * QR_SCALE, side * QR_SCALE, side, side, side, side);
	for (int y = 0; y < w; y++) {
		const unsigned char *row = qr->data + (size_t)y * (size_t)w;
		for (int x = 0; x < w;) {
			int run = 0;
			/* Bit 0 of each byte is the module: 1 is dark. */
			while (x + run < w && (row[x + run] & 1))
				run++;
			if (run == 0) {
				x++;
				continue;
			}
			sbuf_addf(&b, "M%d,%dh%dv1h-%dz", x + QR_QUIET,
			    y + QR_QUIET, run, run);
			x += run;
		}
	}
	sbuf_adds(&b, "\"/></svg>\n");
	if (modules != NULL)
		*modules = w;
	QRcode_free(qr);
	return sbuf_take(&b);
}
