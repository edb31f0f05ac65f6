/* SPDX-License-Identifier: ISC */
/*
 * Erasure of a youth's personal data (DELETE /api/v1/youths/{id}
 * ?purge=true), called from the generic delete handler.
 */
#ifndef ROTAD_API_PRIVACY_H
#define ROTAD_API_PRIVACY_H

#include <stddef.h>

struct api_ctx;
struct model_instance;

/* Purges youth `youth` of `inst` (the cached stored state) and replies. */
void api_youth_purge(
    struct api_ctx *ctx, const struct model_instance *inst, size_t youth);

#endif /* ROTAD_API_PRIVACY_H */
