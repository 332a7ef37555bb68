/*
 * names - a hash table from names to dense ids (0, 1, ... in the order they
 * were added), its memory taken from an arena. The plan's analyses look a
 * name up per identifier, per constant and per change; a linear search there
 * made a large file quadratic (a 100 MB module with a constant per screen
 * did not finish in 300 s). Also a set of strings copied into an arena
 * once each.
 */
#ifndef DC_NAMES_H
#define DC_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* dc_names - `items[id]` is the name of id; `slots` holds id + 1 (0: free),
 * at most half full, `cap` a power of two. Zeroed plus an arena: empty. */
typedef struct dc_names {
  const char **items;
  uint32_t n, items_cap;
  uint32_t *slots;
  uint32_t cap;
  dc_arena *arena;
} dc_names;

void dc_names_init(dc_names *self, dc_arena *arena);

/* The id of `name` (not copied: it must live as long as the table), added
 * when it is new. */
uint32_t dc_names_add(dc_names *self, const char *name);

/* The id of the `len` bytes at `s`, or -1. */
int32_t dc_names_find(const dc_names *self, const char *s, size_t len);

/* A 32-bit hash of the `n` bytes at `s`: the hash of this table, and of the name
 * tables of facts.c and quickscan.c. */
uint32_t dc_names_hash(const char *s, size_t n);

/* dc_strings - one arena copy of each string: the facts of a whole project
 * repeat the same module names, imported names and import statements
 * across files. `slots` (NULL: free) is at most half full, `cap` a power of
 * two. The table is malloc'd and freed by dc_strings_release; the copies
 * belong to the arena. Zeroed plus an arena: empty. */
typedef struct dc_strings {
  const char **slots;
  uint32_t n, cap;
  dc_arena *arena;
} dc_strings;

void dc_strings_init(dc_strings *self, dc_arena *arena);
/* Frees the table; the copies stay in the arena. */
void dc_strings_release(dc_strings *self);

/* The copy of the `len` bytes at `s`, NUL-terminated and borrowed from the
 * arena, made the first time these bytes are asked for. */
const char *dc_strings_intern(dc_strings *self, const char *s, size_t len);

#endif
