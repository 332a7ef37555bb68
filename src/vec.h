/*
 * vec.h - typed growable arrays (after tree-sitter's lib/src/array.h).
 *
 *   dc_vec(int) v = {0};
 *   dc_vec_push(&v, 42);
 *   int x = dc_vec_get(&v, 0);
 *   dc_vec_free(&v);
 *
 * A push may move the storage: pointers into a vector are invalid after any
 * push, so keep indices across pushes. The vector owns `items` (malloc).
 */
#ifndef DC_VEC_H
#define DC_VEC_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"

#define dc_vec(T)   \
  struct {          \
    T *items;       \
    uint32_t size;  \
    uint32_t cap;   \
  }

/* Grows the storage of `v` (any dc_vec) so it can hold `n` items. */
#define dc_vec_reserve(v, n)                                                        \
  dc__vec_reserve((void **)&(v)->items, &(v)->cap, (n), sizeof(*(v)->items))

/* Appends `x`, read before the storage grows: `x` may read an item of `v`
 * (`dc_vec_push(&frames, ((frame){.in = top->in}))`), which the growth
 * would leave dangling. */
#define dc_vec_push(v, x)                               \
  do {                                                  \
    __typeof__(*(v)->items) dc_vec_x_ = (x);            \
    dc_vec_reserve((v), (uint64_t)(v)->size + 1);       \
    (v)->items[(v)->size++] = dc_vec_x_;                \
  } while (0)

#define dc_vec_get(v, i) \
  (*(DC_ASSERT((uint32_t)(i) < (v)->size), &(v)->items[(i)]))

#define dc_vec_last(v) dc_vec_get((v), (v)->size - 1)
#define dc_vec_pop(v) (DC_ASSERT((v)->size > 0), (v)->items[--(v)->size])
#define dc_vec_clear(v) ((v)->size = 0)
#define dc_vec_free(v)      \
  do {                      \
    free((v)->items);       \
    (v)->items = NULL;      \
    (v)->size = (v)->cap = 0; \
  } while (0)

static inline void dc__vec_reserve(void **items, uint32_t *cap, uint64_t n, size_t size) {
  if (n <= *cap) return;
  if (n > UINT32_MAX) DC_BUG("vector too large");
  uint64_t c = *cap ? *cap : 8;
  while (c < n) c *= 2;
  if (c > UINT32_MAX) c = UINT32_MAX;
  *items = dc_xrealloc(*items, (size_t)c * size);
  *cap = (uint32_t)c;
}

#endif
