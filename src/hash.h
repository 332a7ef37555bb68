/*
 * hash - a fast 128-bit non-cryptographic hash of bytes, for the cache's
 * content keys. Two independent 64-bit lanes of multiply-fold mixing; the
 * same bytes give the same hash on every run and every machine of the same
 * byte order (the cache records the byte order and is ignored on another).
 */
#ifndef DC_HASH_H
#define DC_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dc_hash {
  uint64_t lo, hi;
} dc_hash;

/* The hash of `n` bytes at `p`, chained from `seed` (use DC_HASH_SEED to
 * start): hashing a sequence of fields is dc_hash_bytes over each in turn. */
dc_hash dc_hash_bytes(dc_hash seed, const void *p, size_t n);
/* Chains a NUL-terminated string, its terminator included (so that "ab","c"
 * and "a","bc" differ), or a marker for NULL. */
dc_hash dc_hash_str(dc_hash seed, const char *s);
dc_hash dc_hash_u64(dc_hash seed, uint64_t v);

static inline bool dc_hash_eq(dc_hash a, dc_hash b) { return a.lo == b.lo && a.hi == b.hi; }

#define DC_HASH_SEED ((dc_hash){0x243f6a8885a308d3u, 0x13198a2e03707344u})

#endif
