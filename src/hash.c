/*
 * hash - see hash.h. Each lane folds 16 bytes at a time with one 64x64->128
 * multiply (as wyhash does), with its own constants; the length goes into
 * the final mix, so inputs that differ only by trailing zero bytes differ.
 */
#include "hash.h"

#include <string.h>

__extension__ typedef unsigned __int128 u128;

static uint64_t fold(uint64_t a, uint64_t b) {
  u128 r = (u128)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static uint64_t word(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

static const uint64_t K[4] = {0xa0761d6478bd642fu, 0xe7037ed1a0b428dbu, 0x8ebc6af09c88c6e3u,
                              0x589965cc75374cc3u};

dc_hash dc_hash_bytes(dc_hash seed, const void *data, size_t n) {
  const unsigned char *p = data;
  uint64_t a = seed.lo, b = seed.hi;
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    uint64_t w0 = word(p + i), w1 = word(p + i + 8);
    a = fold(a ^ w0 ^ K[0], w1 ^ K[1]);
    b = fold(b ^ w1 ^ K[2], w0 ^ K[3]);
  }
  unsigned char tail[16] = {0};
  if (n > i) memcpy(tail, p + i, n - i); /* (p may be NULL when n is 0) */
  uint64_t w0 = word(tail), w1 = word(tail + 8);
  a = fold(a ^ w0 ^ K[0], w1 ^ K[1] ^ (uint64_t)n);
  b = fold(b ^ w1 ^ K[2], w0 ^ K[3] ^ (uint64_t)n);
  return (dc_hash){fold(a ^ K[1], b ^ K[0]), fold(b ^ K[3], a ^ K[2])};
}

dc_hash dc_hash_str(dc_hash seed, const char *s) {
  if (!s) return dc_hash_bytes(seed, "\xff\xfe", 2); /* never a string: UTF-8 has no 0xff */
  return dc_hash_bytes(seed, s, strlen(s) + 1);
}

dc_hash dc_hash_u64(dc_hash seed, uint64_t v) { return dc_hash_bytes(seed, &v, sizeof v); }
