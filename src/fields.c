/*
 * fields.c - see fields.h.
 */
#include "fields.h"

#include <string.h>

void dc_put_u32(dc_buf *b, uint32_t v) { dc_buf_add(b, &v, sizeof v); }
void dc_put_u64(dc_buf *b, uint64_t v) { dc_buf_add(b, &v, sizeof v); }

void dc_put_str(dc_buf *b, const char *s) {
  if (!s) {
    dc_put_u32(b, UINT32_MAX);
    return;
  }
  size_t n = strlen(s);
  dc_put_u32(b, (uint32_t)n);
  dc_buf_add(b, s, n + 1);
}

const void *dc_take(dc_reader *r, size_t n) {
  if (r->bad || (size_t)(r->end - r->p) < n) {
    r->bad = true;
    return NULL;
  }
  const void *at = r->p;
  r->p += n;
  return at;
}

uint32_t dc_get_u32(dc_reader *r) {
  uint32_t v = 0;
  const void *at = dc_take(r, sizeof v);
  if (at) memcpy(&v, at, sizeof v);
  return v;
}

uint64_t dc_get_u64(dc_reader *r) {
  uint64_t v = 0;
  const void *at = dc_take(r, sizeof v);
  if (at) memcpy(&v, at, sizeof v);
  return v;
}

const char *dc_get_str(dc_reader *r) {
  uint32_t n = dc_get_u32(r);
  if (n == UINT32_MAX) return NULL;
  const char *s = dc_take(r, (size_t)n + 1);
  if (s && s[n] != '\0') r->bad = true;
  return r->bad ? "" : s;
}
