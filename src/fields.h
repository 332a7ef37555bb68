/*
 * fields - the binary fields of decycle's cache files: integers in the
 * host's byte order (a cache file records the byte order it was written
 * in) and length-prefixed, NUL-terminated strings. Writing appends to a
 * dc_buf; reading checks every length against the end of the buffer, and a
 * reader that ran past it, or met a malformed string, stays `bad` and
 * returns zeros and "" from then on.
 */
#ifndef DC_FIELDS_H
#define DC_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

typedef struct dc_reader {
  const char *p, *end;
  bool bad;
} dc_reader;

void dc_put_u32(dc_buf *b, uint32_t v);
void dc_put_u64(dc_buf *b, uint64_t v);
/* A string, or NULL (which reads back as NULL). */
void dc_put_str(dc_buf *b, const char *s);

/* The next n bytes, or NULL (the reader is then bad). */
const void *dc_take(dc_reader *r, size_t n);
uint32_t dc_get_u32(dc_reader *r);
uint64_t dc_get_u64(dc_reader *r);
/* A string written by dc_put_str, pointing into the buffer. */
const char *dc_get_str(dc_reader *r);

#endif
