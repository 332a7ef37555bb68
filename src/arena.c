/*
 * arena.c - bump allocator in growing blocks (after git's mem-pool.c).
 *
 * Each block holds many small records; a request larger than a quarter of the
 * block size gets a block of its own, so big copies do not waste the tail of
 * the current block.
 */
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

enum { BLOCK_SIZE = 64 * 1024, ALIGN = 16 };

/* dc_arena_block - one block; `data` runs to `end`, `next_free` is the cursor. */
struct dc_arena_block {
  struct dc_arena_block *next;
  char *next_free;
  char *end;
  _Alignas(ALIGN) char data[];
};

void *dc_xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p) DC_BUG("out of memory allocating %zu bytes", size);
  return p;
}

void *dc_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) DC_BUG("out of memory allocating %zu x %zu bytes", n, size);
  return p;
}

void *dc_xrealloc(void *p, size_t size) {
  void *q = realloc(p, size ? size : 1);
  if (!q) DC_BUG("out of memory reallocating %zu bytes", size);
  return q;
}

char *dc_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(dc_xmalloc(n), s, n);
}

void dc_arena_init(dc_arena *self) {
  self->head = NULL;
  self->used_total = 0;
}

void dc_arena_release(dc_arena *self) {
  struct dc_arena_block *b = self->head;
  while (b) {
    struct dc_arena_block *next = b->next;
    free(b);
    b = next;
  }
  dc_arena_init(self);
}

void dc_arena_adopt(dc_arena *self, dc_arena *other) {
  struct dc_arena_block *last = other->head;
  if (!last) return;
  while (last->next) last = last->next;
  if (self->head) {
    last->next = self->head->next;
    self->head->next = other->head;
  } else {
    self->head = other->head;
  }
  self->used_total += other->used_total;
  dc_arena_init(other);
}

static struct dc_arena_block *block_new(size_t capacity) {
  struct dc_arena_block *b = dc_xmalloc(sizeof *b + capacity);
  b->next_free = b->data;
  b->end = b->data + capacity;
  b->next = NULL;
  return b;
}

void *dc_arena_alloc(dc_arena *self, size_t size) {
  size_t rounded = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  if (rounded == 0) rounded = ALIGN;
  self->used_total += rounded;
  struct dc_arena_block *b = self->head;
  if (b && (size_t)(b->end - b->next_free) >= rounded) {
    void *p = b->next_free;
    b->next_free += rounded;
    return memset(p, 0, size);
  }
  if (rounded > BLOCK_SIZE / 4) {
    /* A private block, linked behind the head so the head keeps filling. */
    struct dc_arena_block *big = block_new(rounded);
    big->next_free = big->end;
    if (b) {
      big->next = b->next;
      b->next = big;
    } else {
      self->head = big;
    }
    return memset(big->data, 0, size);
  }
  b = block_new(BLOCK_SIZE);
  b->next = self->head;
  self->head = b;
  void *p = b->next_free;
  b->next_free += rounded;
  return memset(p, 0, size);
}

char *dc_arena_strndup(dc_arena *self, const char *s, size_t len) {
  char *p = dc_arena_alloc(self, len + 1);
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *dc_arena_strdup(dc_arena *self, const char *s) {
  return dc_arena_strndup(self, s, strlen(s));
}

char *dc_arena_printf(dc_arena *self, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) DC_BUG("bad format '%s'", fmt);
  char *p = dc_arena_alloc(self, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}

void *dc_arena_memdup(dc_arena *self, const void *p, size_t n, size_t size) {
  if (n == 0) return NULL;
  void *q = dc_arena_alloc(self, n * size);
  return memcpy(q, p, n * size);
}
