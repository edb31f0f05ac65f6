/* SPDX-License-Identifier: ISC */
/*
 * This file contains the one declaration every fuzz target shares: the
 * libFuzzer entry point, which the replay driver (replay.c) also calls
 * when the targets are built without libFuzzer.
 */
#ifndef ROTA_FUZZ_H
#define ROTA_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif /* ROTA_FUZZ_H */
