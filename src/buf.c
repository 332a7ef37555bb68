/*
 * buf.c - growable byte strings, and the JSON string escaper the report uses.
 */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

void dc_buf_init(dc_buf *self) {
  self->data = NULL;
  self->len = self->cap = 0;
}

void dc_buf_release(dc_buf *self) {
  free(self->data);
  dc_buf_init(self);
}

void dc_buf_reset(dc_buf *self) {
  self->len = 0;
  if (self->data) self->data[0] = '\0';
}

void dc_buf_reserve(dc_buf *self, size_t extra) {
  size_t need = self->len + extra + 1;
  if (need <= self->cap) return;
  size_t cap = self->cap ? self->cap : 64;
  while (cap < need) cap *= 2;
  self->data = dc_xrealloc(self->data, cap);
  self->cap = cap;
}

void dc_buf_add(dc_buf *self, const void *p, size_t n) {
  dc_buf_reserve(self, n);
  if (n) memcpy(self->data + self->len, p, n);
  self->len += n;
  self->data[self->len] = '\0';
}

void dc_buf_adds(dc_buf *self, const char *s) { dc_buf_add(self, s, strlen(s)); }

void dc_buf_addch(dc_buf *self, char c) { dc_buf_add(self, &c, 1); }

void dc_buf_vaddf(dc_buf *self, const char *fmt, va_list ap) {
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(NULL, 0, fmt, copy);
  va_end(copy);
  if (n <= 0) return;
  dc_buf_reserve(self, (size_t)n);
  vsnprintf(self->data + self->len, (size_t)n + 1, fmt, ap);
  self->len += (size_t)n;
}

void dc_buf_addf(dc_buf *self, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  dc_buf_vaddf(self, fmt, ap);
  va_end(ap);
}

size_t dc_utf8_sequence(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned min;
  unsigned cp;
  if (c >= 0xc2 && c <= 0xdf) len = 2, cp = c & 0x1f, min = 0x80;
  else if (c >= 0xe0 && c <= 0xef) len = 3, cp = c & 0x0f, min = 0x800;
  else if (c >= 0xf0 && c <= 0xf4) len = 4, cp = c & 0x07, min = 0x10000;
  else return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return len;
}

void dc_buf_add_json_string(dc_buf *self, const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  size_t n = strlen(s);
  dc_buf_addch(self, '"');
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c == '"' || c == '\\') {
      dc_buf_addch(self, '\\');
      dc_buf_addch(self, (char)c);
      i++;
    } else if (c == '\n') {
      dc_buf_adds(self, "\\n"), i++;
    } else if (c == '\t') {
      dc_buf_adds(self, "\\t"), i++;
    } else if (c == '\r') {
      dc_buf_adds(self, "\\r"), i++;
    } else if (c < 0x20 || c == 0x7f) {
      dc_buf_addf(self, "\\u%04x", c), i++;
    } else {
      size_t len = dc_utf8_sequence(p + i, n - i);
      if (len == 0) {
        dc_buf_adds(self, "\\ufffd");
        i++;
      } else {
        dc_buf_add(self, p + i, len);
        i += len;
      }
    }
  }
  dc_buf_addch(self, '"');
}

char *dc_buf_detach(dc_buf *self, size_t *len) {
  char *p = self->data ? self->data : dc_xstrdup("");
  if (len) *len = self->len;
  dc_buf_init(self);
  return p;
}

const char *dc_buf_str(const dc_buf *self) { return self->data ? self->data : ""; }
