/*
 * arena - bump allocation for everything that lives until the run ends.
 *
 * Memory policy: every record that outlives one pipeline stage (paths,
 * module names, imports, graph, plan, diagnostics) is carved out of a
 * dc_arena and freed all at once by dc_arena_release; nothing in it is freed
 * one by one. Short-lived scratch (tree-sitter trees, file bytes, growable
 * vectors) uses malloc/free directly. Allocation failure aborts: decycle is a
 * batch tool and never recovers from running out of memory partway.
 *
 * An arena is not thread-safe; each parsing thread gets its own.
 */
#ifndef DC_ARENA_H
#define DC_ARENA_H

#include <stddef.h>
#include <stdint.h>

/* dc_arena - a chain of blocks; `head` is the block being filled. */
typedef struct dc_arena {
  struct dc_arena_block *head;
  size_t used_total; /* bytes handed out, for statistics */
} dc_arena;

void dc_arena_init(dc_arena *self);
/* Frees every block; the arena is empty and reusable afterwards. */
void dc_arena_release(dc_arena *self);

/* Moves every block of `other` into `self`, leaving `other` empty: what was
 * allocated from `other` now lives as long as `self`. */
void dc_arena_adopt(dc_arena *self, dc_arena *other);

/* Returns `size` bytes aligned for any type, zeroed. Never NULL. */
void *dc_arena_alloc(dc_arena *self, size_t size);
/* Copies `len` bytes and appends a NUL. */
char *dc_arena_strndup(dc_arena *self, const char *s, size_t len);
char *dc_arena_strdup(dc_arena *self, const char *s);
/* printf into the arena. */
char *dc_arena_printf(dc_arena *self, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Copies an array of `n` elements of `size` bytes (NULL when n is 0). */
void *dc_arena_memdup(dc_arena *self, const void *p, size_t n, size_t size);

/* malloc family that aborts with a message on failure. */
void *dc_xmalloc(size_t size);
void *dc_xcalloc(size_t n, size_t size);
void *dc_xrealloc(void *p, size_t size);
char *dc_xstrdup(const char *s);

#endif
