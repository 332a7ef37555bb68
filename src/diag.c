/*
 * diag.c - diagnostic lists, recorded system errors, and the abort path.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vec.h"

static _Thread_local char last_error[1024];

void dc_diags_push(dc_diags *self, dc_diag d) {
  dc__vec_reserve((void **)&self->items, &self->cap, (uint64_t)self->size + 1, sizeof d);
  self->items[self->size++] = d;
}

void dc_diags_append(dc_diags *self, const dc_diags *other) {
  for (uint32_t i = 0; i < other->size; i++) dc_diags_push(self, other->items[i]);
}

void dc_diags_release(dc_diags *self) {
  free(self->items);
  self->items = NULL;
  self->size = self->cap = 0;
}

static int diag_cmp(const void *a, const void *b) {
  const dc_diag *x = a, *y = b;
  int c = strcmp(x->path ? x->path : "", y->path ? y->path : "");
  if (c) return c;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  return strcmp(x->message, y->message);
}

void dc_diags_sort(dc_diags *self) {
  if (self->size > 1) qsort(self->items, self->size, sizeof *self->items, diag_cmp);
}

const char *dc_severity_name(dc_severity s) {
  return s == DC_SEVERITY_ERROR ? "error" : "warning";
}

int dc_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(last_error, sizeof last_error, fmt, ap);
  va_end(ap);
  return -1;
}

const char *dc_error_message(void) { return last_error; }

void dc__bug(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "decycle: BUG at %s:%d: ", file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}
