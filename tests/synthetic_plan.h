/*
 * synthetic_plan.h - deterministic planner inputs for the tests and the
 * benchmark (check_plan.c, bench/plan_bench.c): a PRNG and a strongly
 * connected synthetic component. Header-only, test code.
 */
#ifndef DC_SYNTHETIC_PLAN_H
#define DC_SYNTHETIC_PLAN_H

#include <stdint.h>
#include <stdlib.h>

#include "plan.h"

/* A deterministic PRNG (xorshift64*), so that every run tests the same graphs. */
static uint64_t rng_state;
static void rng_seed(uint64_t s) { rng_state = s * 2654435761u + 1; }
static uint32_t rng(uint32_t n) {
  rng_state ^= rng_state >> 12, rng_state ^= rng_state << 25, rng_state ^= rng_state >> 27;
  return (uint32_t)((rng_state * 2685821657736338717u) >> 33) % n;
}

static dc_plan_arc arc(uint32_t from, uint32_t to, uint32_t cost, bool obligatory) {
  return (dc_plan_arc){from, to, cost, obligatory};
}

/* A strongly connected graph: a ring through all n nodes plus random chords,
 * a fifth of the forward ones obligatory (so it stays breakable). */
static dc_plan_arc *synthetic(uint32_t n, uint32_t m, uint64_t seed) {
  rng_seed(seed);
  dc_plan_arc *arcs = malloc(m * sizeof *arcs);
  /* Pairs are kept distinct with a bitmap of n * n bits. */
  uint8_t *seen = calloc(((size_t)n * n + 7) / 8, 1);
  for (uint32_t i = 0; i < m; i++) {
    uint32_t u, v;
    if (i < n) {
      u = i, v = (i + 1) % n;
    } else {
      do u = rng(n), v = rng(n);
      while (u == v || (seen[((size_t)u * n + v) / 8] >> (((size_t)u * n + v) % 8) & 1));
    }
    seen[((size_t)u * n + v) / 8] |= (uint8_t)(1u << (((size_t)u * n + v) % 8));
    arcs[i] = arc(u, v, 1 + rng(4), u < v && rng(5) == 0);
  }
  free(seen);
  return arcs;
}

#endif
