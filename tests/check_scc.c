/*
 * check_scc.c - components and shortest cycles, on hand-made graphs and on
 * pathological ones (a 100,000-module ring, one huge component).
 */
#include <stdlib.h>
#include <string.h>

#include "check_decycle.h"

static dc_arena arena;
static void setup(void) { dc_arena_init(&arena); }
static void teardown(void) { dc_arena_release(&arena); }

/* Asserts that the component's example is a real cycle along edges. */
static void assert_cycle(const dc_graph *g, const dc_component *c) {
  ck_assert_uint_ge(c->n_cycle, 3);
  ck_assert_uint_eq(c->cycle[0], c->cycle[c->n_cycle - 1]);
  for (uint32_t k = 0; k + 1 < c->n_cycle; k++) {
    bool found = false;
    for (uint32_t e = g->first_edge[c->cycle[k]]; e < g->first_edge[c->cycle[k] + 1]; e++)
      found |= g->edges[e].to == c->cycle[k + 1];
    ck_assert_msg(found, "no edge %u -> %u", c->cycle[k], c->cycle[k + 1]);
  }
}

START_TEST(small_graphs) {
  /* 0 <-> 1, 1 -> 2 -> 3 -> 1 (one component {0,1,2,3}); 4 -> 5 -> 4; 6 alone. */
  const uint32_t edges[] = {0, 1, 1, 0, 1, 2, 2, 3, 3, 1, 4, 5, 5, 4, 6, 0};
  dc_graph *g = graph_from_edges(&arena, 7, edges, 8);
  dc_components *c = dc_scc_find(g, &arena);
  ck_assert_uint_eq(c->n, 2);
  ck_assert_uint_eq(c->items[0].n_modules, 4);
  ck_assert_uint_eq(c->items[0].modules[0], 0);
  ck_assert_uint_eq(c->items[0].n_cycle, 3); /* 0 -> 1 -> 0 */
  ck_assert_uint_eq(c->items[1].n_modules, 2);
  ck_assert_int_eq(c->component_of[6], -1);
  assert_cycle(g, &c->items[0]);
  assert_cycle(g, &c->items[1]);
}
END_TEST

START_TEST(shortest_cycle_anywhere) {
  /* A long ring through 0, and a 2-cycle between 5 and 6: the example is
   * the 2-cycle although it does not pass through the first module. */
  uint32_t edges[2 * 12];
  uint32_t n = 0;
  for (uint32_t i = 0; i < 10; i++) edges[n++] = i, edges[n++] = (i + 1) % 10;
  edges[n++] = 6, edges[n++] = 5;
  edges[n++] = 5, edges[n++] = 6;
  dc_graph *g = graph_from_edges(&arena, 10, edges, n / 2);
  dc_components *c = dc_scc_find(g, &arena);
  ck_assert_uint_eq(c->n, 1);
  ck_assert_uint_eq(c->items[0].n_cycle, 3);
  ck_assert_uint_eq(c->items[0].cycle[0], 5);
}
END_TEST

START_TEST(weak_edges_do_not_count) {
  const uint32_t edges[] = {0, 1, 1, 0};
  dc_graph *g = graph_from_edges(&arena, 2, edges, 2);
  g->edges[1].kind = DC_SCOPE_DEFERRED;
  ck_assert_uint_eq(dc_scc_find(g, &arena)->n, 0);
  g->edges[1].kind = DC_SCOPE_TYPE_ONLY;
  ck_assert_uint_eq(dc_scc_find(g, &arena)->n, 0);
}
END_TEST

START_TEST(ring_of_100000) {
  enum { N = 100000 };
  uint32_t *edges = malloc(2 * N * sizeof *edges);
  for (uint32_t i = 0; i < N; i++) edges[2 * i] = i, edges[2 * i + 1] = (i + 1) % N;
  dc_graph *g = graph_from_edges(&arena, N, edges, N);
  dc_components *c = dc_scc_find(g, &arena);
  ck_assert_uint_eq(c->n, 1);
  ck_assert_uint_eq(c->items[0].n_modules, N);
  ck_assert_uint_eq(c->items[0].n_cycle, N + 1);
  assert_cycle(g, &c->items[0]);
  free(edges);
}
END_TEST

START_TEST(one_huge_component) {
  enum { N = 50000, OUT = 8 };
  uint32_t *edges = malloc(2 * N * OUT * sizeof *edges);
  uint32_t n = 0, seed = 12345;
  for (uint32_t i = 0; i < N; i++) {
    edges[n++] = i, edges[n++] = (i + 1) % N;
    for (int k = 1; k < OUT; k++) {
      seed = seed * 1103515245u + 12345u;
      edges[n++] = i, edges[n++] = (seed >> 8) % N;
    }
  }
  for (uint32_t i = 0; i < n; i += 2)
    if (edges[i] == edges[i + 1]) edges[i + 1] = (edges[i] + 1) % N; /* no self loops */
  dc_graph *g = graph_from_edges(&arena, N, edges, n / 2);
  dc_components *c = dc_scc_find(g, &arena);
  ck_assert_uint_eq(c->n, 1);
  ck_assert_uint_eq(c->items[0].n_modules, N);
  assert_cycle(g, &c->items[0]);
  free(edges);
}
END_TEST

START_TEST(many_small_components) {
  enum { PAIRS = 30000 };
  uint32_t *edges = malloc(4 * PAIRS * sizeof *edges);
  for (uint32_t i = 0; i < PAIRS; i++) {
    edges[4 * i] = 2 * i, edges[4 * i + 1] = 2 * i + 1;
    edges[4 * i + 2] = 2 * i + 1, edges[4 * i + 3] = 2 * i;
  }
  dc_graph *g = graph_from_edges(&arena, 2 * PAIRS, edges, 2 * PAIRS);
  dc_components *c = dc_scc_find(g, &arena);
  ck_assert_uint_eq(c->n, PAIRS);
  for (uint32_t i = 1; i < c->n; i++) ck_assert_uint_lt(c->items[i - 1].modules[0], c->items[i].modules[0]);
  free(edges);
}
END_TEST

Suite *make_scc_suite(void) {
  Suite *s = suite_create("scc");
  TCase *core = tcase_create("core");
  tcase_add_checked_fixture(core, setup, teardown);
  tcase_add_test(core, small_graphs);
  tcase_add_test(core, shortest_cycle_anywhere);
  tcase_add_test(core, weak_edges_do_not_count);
  suite_add_tcase(s, core);
  TCase *edge = tcase_create("edge");
  tcase_add_checked_fixture(edge, setup, teardown);
  tcase_set_timeout(edge, 60);
  tcase_add_test(edge, ring_of_100000);
  tcase_add_test(edge, one_huge_component);
  tcase_add_test(edge, many_small_components);
  suite_add_tcase(s, edge);
  return s;
}
