/*
 * names.c - open addressing with linear probing; the hash takes eight bytes
 * at a time (a multiply and a shift each), as module names are long.
 * Grown tables stay in the arena: at most as much again as the last one.
 */
#include "names.h"

#include <stdlib.h>
#include <string.h>

uint32_t dc_names_hash(const char *s, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  w = 0;
  memcpy(&w, s + i, n - i);
  h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
  return (uint32_t)(h ^ (h >> 29));
}

void dc_names_init(dc_names *self, dc_arena *arena) { *self = (dc_names){.arena = arena}; }

/* The slot of the `len` bytes at `s`: theirs, or the free one where they go. */
static uint32_t *slot_of(const dc_names *self, const char *s, size_t len) {
  uint32_t mask = self->cap - 1;
  for (uint32_t h = dc_names_hash(s, len) & mask;; h = (h + 1) & mask) {
    uint32_t id = self->slots[h];
    if (!id) return &self->slots[h];
    const char *name = self->items[id - 1];
    if (strnlen(name, len + 1) == len && !memcmp(name, s, len)) return &self->slots[h];
  }
}

static void grow(dc_names *self) {
  uint32_t cap = self->cap ? 2 * self->cap : 16;
  self->slots = dc_arena_alloc(self->arena, (size_t)cap * sizeof *self->slots);
  self->cap = cap;
  for (uint32_t id = 0; id < self->n; id++) *slot_of(self, self->items[id], strlen(self->items[id])) = id + 1;
}

uint32_t dc_names_add(dc_names *self, const char *name) {
  size_t len = strlen(name);
  if (self->cap) {
    uint32_t *slot = slot_of(self, name, len);
    if (*slot) return *slot - 1;
  }
  if (self->n == self->items_cap) {
    uint32_t cap = self->items_cap ? 2 * self->items_cap : 16;
    const char **items = dc_arena_alloc(self->arena, (size_t)cap * sizeof *items);
    if (self->n) memcpy(items, self->items, self->n * sizeof *items);
    self->items = items;
    self->items_cap = cap;
  }
  self->items[self->n++] = name;
  if (2 * self->n > self->cap) grow(self);
  else *slot_of(self, name, len) = self->n;
  return self->n - 1;
}

int32_t dc_names_find(const dc_names *self, const char *s, size_t len) {
  if (!self->cap) return -1;
  uint32_t id = *slot_of(self, s, len);
  return id ? (int32_t)id - 1 : -1;
}

void dc_strings_init(dc_strings *self, dc_arena *arena) { *self = (dc_strings){.arena = arena}; }

void dc_strings_release(dc_strings *self) {
  free(self->slots);
  dc_strings_init(self, self->arena);
}

/* The slot of the `len` bytes at `s` with hash `h`: theirs, or the free one
 * where they go. */
static const char **string_slot(const dc_strings *self, const char *s, size_t len, uint32_t h) {
  uint32_t mask = self->cap - 1;
  for (h &= mask;; h = (h + 1) & mask) {
    const char *t = self->slots[h];
    if (!t || (strnlen(t, len + 1) == len && !memcmp(t, s, len))) return &self->slots[h];
  }
}

const char *dc_strings_intern(dc_strings *self, const char *s, size_t len) {
  uint32_t h = dc_names_hash(s, len);
  const char **slot = NULL;
  if (self->cap) {
    slot = string_slot(self, s, len, h);
    if (*slot) return *slot;
  }
  if (2 * (self->n + 1) > self->cap) {
    const char **old = self->slots;
    uint32_t old_cap = self->cap;
    self->cap = old_cap ? 2 * old_cap : 1024;
    self->slots = dc_xcalloc(self->cap, sizeof *self->slots);
    for (uint32_t i = 0; i < old_cap; i++) {
      if (!old[i]) continue;
      size_t n = strlen(old[i]);
      *string_slot(self, old[i], n, dc_names_hash(old[i], n)) = old[i];
    }
    free(old);
    slot = string_slot(self, s, len, h);
  }
  self->n++;
  return *slot = dc_arena_strndup(self->arena, s, len);
}
