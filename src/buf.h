/*
 * buf - growable byte strings (after git's strbuf.h).
 *
 * Invariants: `data` is NULL only while `cap` is 0; otherwise data[len] is
 * always '\0', so a dc_buf can be handed to any C string function. The buffer
 * owns `data` until dc_buf_detach hands it over to the caller.
 */
#ifndef DC_BUF_H
#define DC_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* dc_buf - `len` bytes in use out of `cap` (not counting the final NUL). */
typedef struct dc_buf {
  char *data;
  size_t len;
  size_t cap;
} dc_buf;

#define DC_BUF_INIT {NULL, 0, 0}

void dc_buf_init(dc_buf *self);
void dc_buf_release(dc_buf *self);
/* Empties the buffer and keeps its storage, for reuse as scratch. */
void dc_buf_reset(dc_buf *self);
void dc_buf_reserve(dc_buf *self, size_t extra);
void dc_buf_add(dc_buf *self, const void *p, size_t n);
void dc_buf_adds(dc_buf *self, const char *s);
void dc_buf_addch(dc_buf *self, char c);
void dc_buf_addf(dc_buf *self, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void dc_buf_vaddf(dc_buf *self, const char *fmt, va_list ap);
/* Appends `s` as a JSON string literal, quotes included. Bytes that are not
 * valid UTF-8 become U+FFFD, so the output is always valid JSON. */
void dc_buf_add_json_string(dc_buf *self, const char *s);
/* Returns the string (never NULL) and leaves the buffer empty; caller frees. */
char *dc_buf_detach(dc_buf *self, size_t *len);
/* Returns the string; empty buffers give "". Borrowed. */
const char *dc_buf_str(const dc_buf *self);

/* Returns the length of the valid UTF-8 sequence at s[0..n), or 0 if invalid. */
size_t dc_utf8_sequence(const unsigned char *s, size_t n);

#endif
