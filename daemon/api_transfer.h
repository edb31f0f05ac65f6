/* SPDX-License-Identifier: ISC */
/* Import and export (api_transfer.c). */
#ifndef ROTAD_API_TRANSFER_H
#define ROTAD_API_TRANSFER_H

/*
 * At shutdown, on the loop thread: waits for a running import's worker
 * (its transaction lands whole or not at all) and frees it unanswered.
 */
void api_transfer_shutdown(void);

#endif /* ROTAD_API_TRANSFER_H */
