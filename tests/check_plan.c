/*
 * check_plan.c - the planner: hand-made components; references on random
 * graphs (every subset of up to 14 cuttable arcs, a dynamic program over node
 * orders for the optimal value and, arc by arc, for the tie-break, and
 * invariance under renumbering the nodes); and pathological sizes (a
 * synthetic component of 2,000 modules and 10,000 imports, a dense component
 * beyond the exact search's budget, a 100,000-module ring).
 */
#include <stdlib.h>
#include <string.h>

#include "check_decycle.h"
#include "plan.h"
#include "synthetic_plan.h"

/* ---- helpers ------------------------------------------------------------- */

/* Asserts the bookkeeping fields agree with the flags. */
static void assert_consistent(const dc_plan_arc *arcs, uint32_t m, const dc_plan_solution *s) {
  uint32_t n_cut = 0;
  uint64_t cost = 0;
  for (uint32_t a = 0; a < m; a++)
    if (s->cut[a]) {
      ck_assert_msg(!arcs[a].obligatory, "obligatory arc %u cut", a);
      n_cut++, cost += arcs[a].cost;
    }
  ck_assert_uint_eq(s->n_cut, n_cut);
  ck_assert_uint_eq(s->total_cost, cost);
  ck_assert_uint_le(s->lower_bound, s->n_cut);
  if (s->exact) ck_assert_uint_eq(s->lower_bound, s->n_cut);
}

/* Strongly connected components without recursion (Kosaraju), ignoring
 * arcs with skip[a]. Returns comp[] (caller frees). */
static uint32_t *components(uint32_t n, const dc_plan_arc *arcs, uint32_t m, const bool *skip) {
  uint32_t *first[2], *adj[2];
  for (int d = 0; d < 2; d++) {
    first[d] = calloc(n + 2, sizeof *first[d]);
    adj[d] = malloc((m + 1) * sizeof *adj[d]);
    for (uint32_t a = 0; a < m; a++)
      if (!skip[a]) first[d][(d ? arcs[a].to : arcs[a].from) + 2]++;
    for (uint32_t v = 2; v < n + 2; v++) first[d][v] += first[d][v - 1];
    for (uint32_t a = 0; a < m; a++)
      if (!skip[a]) adj[d][first[d][(d ? arcs[a].to : arcs[a].from) + 1]++] = d ? arcs[a].from : arcs[a].to;
  }
  uint32_t *finish = malloc((n + 1) * sizeof *finish), n_fin = 0;
  uint32_t *stack = malloc((n + 1) * sizeof *stack), *next = malloc((n + 1) * sizeof *next);
  bool *seen = calloc(n + 1, sizeof *seen);
  for (uint32_t r = 0; r < n; r++) {
    if (seen[r]) continue;
    uint32_t top = 0;
    stack[top++] = r, seen[r] = true, next[r] = first[0][r];
    while (top) {
      uint32_t v = stack[top - 1];
      if (next[v] < first[0][v + 1]) {
        uint32_t w = adj[0][next[v]++];
        if (!seen[w]) seen[w] = true, next[w] = first[0][w], stack[top++] = w;
      } else {
        finish[n_fin++] = v, top--;
      }
    }
  }
  uint32_t *comp = malloc((n + 1) * sizeof *comp);
  for (uint32_t v = 0; v < n; v++) comp[v] = UINT32_MAX;
  for (uint32_t i = n; i-- > 0;) {
    uint32_t r = finish[i];
    if (comp[r] != UINT32_MAX) continue;
    uint32_t top = 0;
    stack[top++] = r, comp[r] = r;
    while (top) {
      uint32_t v = stack[--top];
      for (uint32_t j = first[1][v]; j < first[1][v + 1]; j++)
        if (comp[adj[1][j]] == UINT32_MAX) comp[adj[1][j]] = r, stack[top++] = adj[1][j];
    }
  }
  for (int d = 0; d < 2; d++) free(first[d]), free(adj[d]);
  free(finish), free(stack), free(next), free(seen);
  return comp;
}

/* True when no uncut cuttable arc lies on a cycle of the graph minus the cut. */
static bool plan_valid(uint32_t n, const dc_plan_arc *arcs, uint32_t m, const bool *cut) {
  uint32_t *comp = components(n, arcs, m, cut);
  bool ok = true;
  for (uint32_t a = 0; a < m && ok; a++)
    if (!cut[a] && !arcs[a].obligatory && comp[arcs[a].from] == comp[arcs[a].to]) ok = false;
  free(comp);
  return ok;
}

/* True when the obligatory arcs alone close a cycle. */
static bool obligatory_cycle(uint32_t n, const dc_plan_arc *arcs, uint32_t m) {
  bool *skip = calloc(m + 1, sizeof *skip);
  for (uint32_t a = 0; a < m; a++) skip[a] = !arcs[a].obligatory;
  uint32_t *comp = components(n, arcs, m, skip);
  bool found = false;
  for (uint32_t a = 0; a < m; a++)
    if (arcs[a].obligatory && comp[arcs[a].from] == comp[arcs[a].to]) found = true;
  free(comp), free(skip);
  return found;
}

/* Solves and checks the invariants every solution has. */
static void solve(uint32_t n, const dc_plan_arc *arcs, uint32_t m, dc_plan_solution *s) {
  dc_plan_solve(n, arcs, m, s);
  assert_consistent(arcs, m, s);
  ck_assert_msg(plan_valid(n, arcs, m, s->cut), "plan leaves a cycle through a cuttable arc");
  ck_assert_int_eq(s->unbreakable, obligatory_cycle(n, arcs, m));
}

/* Asserts the cut arcs are exactly the n_expected listed. */
static void assert_cut(const dc_plan_solution *s, uint32_t m, const uint32_t *expected, uint32_t n_expected) {
  bool *want = calloc(m + 1, sizeof *want);
  for (uint32_t i = 0; i < n_expected; i++) want[expected[i]] = true;
  for (uint32_t a = 0; a < m; a++)
    ck_assert_msg(s->cut[a] == want[a], "arc %u: cut %d, expected %d", a, s->cut[a], want[a]);
  free(want);
}

/* ---- core ---------------------------------------------------------------- */

START_TEST(two_cycle_takes_cheaper) {
  dc_plan_arc arcs[] = {arc(0, 1, 3, false), arc(1, 0, 2, false)};
  dc_plan_solution s;
  solve(2, arcs, 2, &s);
  assert_cut(&s, 2, (uint32_t[]){1}, 1);
  ck_assert(s.exact);
  ck_assert(!s.unbreakable);
  ck_assert_uint_eq(s.total_cost, 2);
  dc_plan_solution_release(&s);
}
END_TEST

START_TEST(obligatory_never_cut) {
  /* The cheapest arc of the triangle is obligatory: the next cheapest goes. */
  dc_plan_arc arcs[] = {arc(0, 1, 1, true), arc(1, 2, 4, false), arc(2, 0, 3, false)};
  dc_plan_solution s;
  solve(3, arcs, 3, &s);
  assert_cut(&s, 3, (uint32_t[]){2}, 1);
  ck_assert(s.exact);
  dc_plan_solution_release(&s);
}
END_TEST

START_TEST(shared_arc_breaks_both) {
  /* Cycles 0->1->0 and 0->1->2->0 share 0->1: one cut, although it is the
   * dearest arc, beats two cheap ones. */
  dc_plan_arc arcs[] = {arc(0, 1, 9, false), arc(1, 0, 1, false), arc(1, 2, 1, false), arc(2, 0, 1, false)};
  dc_plan_solution s;
  solve(3, arcs, 4, &s);
  assert_cut(&s, 4, (uint32_t[]){0}, 1);
  ck_assert_uint_eq(s.lower_bound, 1);
  dc_plan_solution_release(&s);
}
END_TEST

START_TEST(tie_breaks_by_index) {
  dc_plan_arc ring[] = {arc(2, 0, 1, false), arc(0, 1, 1, false), arc(1, 2, 1, false)};
  dc_plan_solution s;
  solve(3, ring, 3, &s);
  assert_cut(&s, 3, (uint32_t[]){0}, 1);
  dc_plan_solution_release(&s);
  /* Two 2-cycles 0<->1 and 2<->3 joined by 1->2, 3->0: {0, 3}, {1, 2} and
   * {1, 3} all cost 2; the smallest list wins. */
  dc_plan_arc two[] = {arc(1, 0, 1, false), arc(0, 1, 1, false), arc(3, 2, 1, false), arc(2, 3, 1, false),
                       arc(1, 2, 5, false), arc(3, 0, 5, false)};
  solve(4, two, 6, &s);
  assert_cut(&s, 6, (uint32_t[]){0, 3}, 2);
  ck_assert(s.exact);
  dc_plan_solution_release(&s);
}
END_TEST

START_TEST(unbreakable_component) {
  /* 0 <-> 1 obligatory, and a cuttable cycle 1 -> 2 -> 0 through it. */
  dc_plan_arc arcs[] = {arc(0, 1, 1, true), arc(1, 0, 1, true), arc(1, 2, 2, false), arc(2, 0, 1, false)};
  dc_plan_solution s;
  solve(3, arcs, 4, &s);
  assert_cut(&s, 4, (uint32_t[]){3}, 1);
  ck_assert(s.unbreakable);
  ck_assert(s.exact);
  dc_plan_solution_release(&s);
}
END_TEST

START_TEST(cuttable_inside_obligatory_cycle) {
  /* 0 -> 1 -> 2 -> 0 obligatory; the dear chord 0 -> 2 closes a cycle with
   * 2 -> 0 and must go; the chord 2 -> 1 too. */
  dc_plan_arc arcs[] = {arc(0, 1, 1, true), arc(1, 2, 1, true), arc(2, 0, 1, true), arc(0, 2, 9, false),
                        arc(2, 1, 3, false)};
  dc_plan_solution s;
  solve(3, arcs, 5, &s);
  assert_cut(&s, 5, (uint32_t[]){3, 4}, 2);
  ck_assert(s.unbreakable);
  ck_assert(s.exact);
  ck_assert_uint_eq(s.lower_bound, 2);
  dc_plan_solution_release(&s);
}
END_TEST

START_TEST(parallel_after_contraction) {
  /* {0, 1} is an obligatory cycle; 2 reaches it by 2->0 and 2->1 (parallel
   * once contracted) and is reached by 1->2: cutting 1->2 (cost 5) beats
   * cutting both 2->0 and 2->1 (cost 2), since fewer arcs come first. */
  dc_plan_arc arcs[] = {arc(0, 1, 1, true), arc(1, 0, 1, true), arc(2, 0, 1, false), arc(2, 1, 1, false),
                        arc(1, 2, 5, false)};
  dc_plan_solution s;
  solve(3, arcs, 5, &s);
  assert_cut(&s, 5, (uint32_t[]){4}, 1);
  dc_plan_solution_release(&s);
}
END_TEST

START_TEST(acyclic_and_empty) {
  dc_plan_solution s;
  solve(0, NULL, 0, &s);
  ck_assert_uint_eq(s.n_cut, 0);
  ck_assert(s.exact);
  dc_plan_solution_release(&s);
  dc_plan_arc dag[] = {arc(0, 1, 1, false), arc(1, 2, 1, false), arc(0, 2, 1, true)};
  solve(3, dag, 3, &s);
  ck_assert_uint_eq(s.n_cut, 0);
  ck_assert(s.exact);
  dc_plan_solution_release(&s);
}
END_TEST

/* ---- property: brute force ----------------------------------------------- */

enum { MAX_N = 8, MAX_CUTTABLE = 14 };

static uint32_t popcount(uint32_t x) {
  uint32_t n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

/* The reference: every subset of the cuttable arcs by size, the valid one of
 * least cost, then the smallest index list. Returns the chosen set as flags. */
static void brute_force(uint32_t n, const dc_plan_arc *arcs, uint32_t m, bool *best) {
  uint32_t cuttable[MAX_CUTTABLE], t = 0;
  for (uint32_t a = 0; a < m; a++)
    if (!arcs[a].obligatory) cuttable[t++] = a;
  bool found = false;
  uint64_t best_cost = 0;
  uint32_t best_mask = 0;
  for (uint32_t size = 0; size <= t && !found; size++) {
    for (uint32_t mask = 0; mask < (1u << t); mask++) {
      if (popcount(mask) != size) continue;
      uint32_t reach[MAX_N] = {0};
      uint64_t cost = 0;
      bool removed[64] = {false};
      for (uint32_t i = 0; i < t; i++)
        if (mask >> i & 1) removed[cuttable[i]] = true, cost += arcs[cuttable[i]].cost;
      if (found && cost > best_cost) continue;
      for (uint32_t a = 0; a < m; a++)
        if (!removed[a]) reach[arcs[a].from] |= 1u << arcs[a].to;
      for (uint32_t k = 0; k < n; k++)
        for (uint32_t i = 0; i < n; i++)
          if (reach[i] >> k & 1) reach[i] |= reach[k];
      bool ok = true;
      for (uint32_t a = 0; a < m && ok; a++)
        if (!removed[a] && !arcs[a].obligatory && (reach[arcs[a].to] >> arcs[a].from & 1)) ok = false;
      if (!ok) continue;
      /* Same size: the smaller list is the one holding the least index of the
       * symmetric difference, which is the lowest bit of mask ^ best_mask. */
      bool better = !found || cost < best_cost;
      if (!better && cost == best_cost) {
        uint32_t diff = mask ^ best_mask;
        better = diff && (mask & diff & (~diff + 1));
      }
      if (better) found = true, best_cost = cost, best_mask = mask;
    }
  }
  ck_assert(found);
  memset(best, 0, m * sizeof *best);
  for (uint32_t i = 0; i < t; i++)
    if (best_mask >> i & 1) best[cuttable[i]] = true;
}

/* A random graph of 2..8 nodes with at most MAX_CUTTABLE cuttable arcs. */
static uint32_t random_small(dc_plan_arc *arcs, uint32_t *n_out) {
  for (;;) {
    uint32_t n = 2 + rng(MAX_N - 1), m = 0;
    uint32_t density = 15 + rng(70), obligatory = rng(4) * 10, costs = 1 + rng(5);
    for (uint32_t u = 0; u < n; u++)
      for (uint32_t v = 0; v < n; v++)
        if (u != v && rng(100) < density) arcs[m++] = arc(u, v, 1 + rng(costs), rng(100) < obligatory);
    for (uint32_t i = m; i > 1; i--) { /* shuffle: indices decide ties */
      uint32_t j = rng(i);
      dc_plan_arc x = arcs[i - 1];
      arcs[i - 1] = arcs[j], arcs[j] = x;
    }
    uint32_t t = 0;
    for (uint32_t a = 0; a < m; a++) t += !arcs[a].obligatory;
    if (t <= MAX_CUTTABLE) {
      *n_out = n;
      return m;
    }
  }
}

START_TEST(matches_brute_force) {
  rng_seed(20240611);
  uint32_t unbreakable = 0, nontrivial = 0;
  for (int round = 0; round < 4000; round++) {
    dc_plan_arc arcs[MAX_N * MAX_N];
    bool expect[MAX_N * MAX_N];
    uint32_t n, m = random_small(arcs, &n);
    brute_force(n, arcs, m, expect);
    dc_plan_solution s;
    solve(n, arcs, m, &s);
    for (uint32_t a = 0; a < m; a++)
      ck_assert_msg(s.cut[a] == expect[a], "round %d: arc %u cut %d, brute force %d", round, a, s.cut[a], expect[a]);
    ck_assert_msg(s.exact, "round %d not exact", round);
    ck_assert_uint_eq(s.lower_bound, s.n_cut);
    unbreakable += s.unbreakable, nontrivial += s.n_cut > 1;
    dc_plan_solution_release(&s);
  }
  /* The generator covers the interesting cases. */
  ck_assert_uint_gt(unbreakable, 200);
  ck_assert_uint_gt(nontrivial, 1000);
}
END_TEST

/* Renumbering the nodes changes no arc index, so the plan must not change:
 * this exercises the reductions and the search on graphs too large for the
 * brute force. */
START_TEST(invariant_under_renumbering) {
  rng_seed(7);
  enum { N = 40, M = 200 };
  for (int round = 0; round < 150; round++) {
    uint32_t n = 8 + rng(N - 8), m = n * (1 + rng(4));
    if (m > M) m = M;
    dc_plan_arc arcs[M], renamed[M];
    for (uint32_t a = 0; a < m; a++) {
      uint32_t u, v;
      bool dup;
      do {
        u = rng(n), v = rng(n), dup = u == v;
        for (uint32_t b = 0; b < a && !dup; b++) dup = arcs[b].from == u && arcs[b].to == v;
      } while (dup);
      arcs[a] = arc(u, v, 1 + rng(3), rng(100) < 15);
    }
    uint32_t perm[N];
    for (uint32_t i = 0; i < n; i++) perm[i] = i;
    for (uint32_t i = n; i > 1; i--) {
      uint32_t j = rng(i), x = perm[i - 1];
      perm[i - 1] = perm[j], perm[j] = x;
    }
    for (uint32_t a = 0; a < m; a++)
      renamed[a] = arc(perm[arcs[a].from], perm[arcs[a].to], arcs[a].cost, arcs[a].obligatory);
    dc_plan_solution s, t;
    solve(n, arcs, m, &s);
    solve(n, renamed, m, &t);
    ck_assert_msg(s.exact && t.exact, "round %d not exact", round);
    for (uint32_t a = 0; a < m; a++) ck_assert_msg(s.cut[a] == t.cut[a], "round %d: arc %u differs", round, a);
    dc_plan_solution_release(&s);
    dc_plan_solution_release(&t);
  }
}
END_TEST

/* The optimal (arcs, cost) when the obligatory arcs are acyclic: a valid
 * plan then cuts the backward arcs of some order of the nodes, and the best
 * order comes from a dynamic program over the sets of nodes placed first. */
static void ordering_optimum(uint32_t n, const dc_plan_arc *arcs, uint32_t m, uint64_t *n_out, uint64_t *cost_out) {
  uint32_t full = 1u << n;
  uint64_t *best_n = malloc(full * sizeof *best_n), *best_c = malloc(full * sizeof *best_c);
  for (uint32_t s = 0; s < full; s++) best_n[s] = UINT64_MAX, best_c[s] = UINT64_MAX;
  best_n[0] = best_c[0] = 0;
  for (uint32_t s = 0; s < full; s++) {
    if (best_n[s] == UINT64_MAX) continue;
    for (uint32_t v = 0; v < n; v++) {
      if (s >> v & 1) continue;
      /* v goes right after s: its arcs into s point backward. */
      uint64_t cn = best_n[s], cc = best_c[s];
      bool ok = true;
      for (uint32_t a = 0; a < m && ok; a++)
        if (arcs[a].from == v && (s >> arcs[a].to & 1)) {
          if (arcs[a].obligatory) ok = false;
          cn++, cc += arcs[a].cost;
        }
      uint32_t t = s | 1u << v;
      if (ok && (cn < best_n[t] || (cn == best_n[t] && cc < best_c[t]))) best_n[t] = cn, best_c[t] = cc;
    }
  }
  *n_out = best_n[full - 1], *cost_out = best_c[full - 1];
  free(best_n), free(best_c);
}

START_TEST(matches_ordering_optimum) {
  rng_seed(99);
  enum { N = 13, M = N * (N - 1) };
  for (int round = 0; round < 250; round++) {
    uint32_t n = 6 + rng(N - 5), density = 20 + rng(50), m = 0;
    uint32_t rank[N];
    for (uint32_t i = 0; i < n; i++) rank[i] = rng(1000);
    dc_plan_arc arcs[M];
    for (uint32_t u = 0; u < n; u++)
      for (uint32_t v = 0; v < n; v++)
        if (u != v && rng(100) < density) arcs[m++] = arc(u, v, 1 + rng(3), rank[u] < rank[v] && rng(100) < 20);
    for (uint32_t i = m; i > 1; i--) {
      uint32_t j = rng(i);
      dc_plan_arc x = arcs[i - 1];
      arcs[i - 1] = arcs[j], arcs[j] = x;
    }
    uint64_t want_n, want_c;
    ordering_optimum(n, arcs, m, &want_n, &want_c);
    dc_plan_solution s;
    solve(n, arcs, m, &s);
    ck_assert_msg(s.exact, "round %d not exact", round);
    ck_assert_msg(s.n_cut == want_n && s.total_cost == want_c, "round %d: (%u, %llu), optimum (%llu, %llu)", round,
                  s.n_cut, (unsigned long long)s.total_cost, (unsigned long long)want_n, (unsigned long long)want_c);
    dc_plan_solution_release(&s);
  }
}
END_TEST

/* The lexicographic optimum, when the obligatory arcs are acyclic, by
 * deciding the arcs in index order: cut an arc when some optimal plan does,
 * given the decisions so far, which the dynamic program tells by treating a
 * kept arc as obligatory and a cut arc as gone. */
static void ordering_lexmin(uint32_t n, const dc_plan_arc *arcs, uint32_t m, bool *cut) {
  dc_plan_arc *work = malloc((m + 1) * sizeof *work);
  memcpy(work, arcs, m * sizeof *work);
  uint64_t opt_n, opt_c, fixed_n = 0, fixed_c = 0;
  ordering_optimum(n, work, m, &opt_n, &opt_c);
  for (uint32_t a = 0; a < m; a++) {
    cut[a] = false;
    if (arcs[a].obligatory) continue;
    /* Tentatively cut a: it leaves the graph (a loop 0 -> 0 is never backward). */
    dc_plan_arc saved = work[a];
    work[a] = arc(0, 0, 1, false);
    uint64_t rn, rc;
    ordering_optimum(n, work, m, &rn, &rc);
    if (rn != UINT64_MAX && rn + fixed_n + 1 == opt_n && rc + fixed_c + saved.cost == opt_c) {
      cut[a] = true, fixed_n++, fixed_c += saved.cost;
    } else {
      work[a] = saved, work[a].obligatory = true;
    }
  }
  free(work);
}

START_TEST(lexicographic_tie_break) {
  rng_seed(5);
  enum { N = 9, M = N * (N - 1) };
  for (int round = 0; round < 120; round++) {
    uint32_t n = 5 + rng(N - 4), density = 25 + rng(50), m = 0;
    dc_plan_arc arcs[M];
    bool expect[M];
    for (uint32_t u = 0; u < n; u++)
      for (uint32_t v = 0; v < n; v++)
        if (u != v && rng(100) < density) arcs[m++] = arc(u, v, 1 + rng(2), u < v && rng(100) < 15);
    for (uint32_t i = m; i > 1; i--) {
      uint32_t j = rng(i);
      dc_plan_arc x = arcs[i - 1];
      arcs[i - 1] = arcs[j], arcs[j] = x;
    }
    ordering_lexmin(n, arcs, m, expect);
    dc_plan_solution s;
    solve(n, arcs, m, &s);
    for (uint32_t a = 0; a < m; a++)
      ck_assert_msg(s.cut[a] == expect[a], "round %d: arc %u cut %d, expected %d", round, a, s.cut[a], expect[a]);
    dc_plan_solution_release(&s);
  }
}
END_TEST

/* ---- edge ---------------------------------------------------------------- */

START_TEST(synthetic_2000_by_10000) {
  enum { N = 2000, M = 10000 };
  dc_plan_arc *arcs = synthetic(N, M, 42);
  dc_plan_solution s;
  solve(N, arcs, M, &s);
  ck_assert(!s.unbreakable);
  ck_assert(!s.exact);
  ck_assert_uint_gt(s.lower_bound, 0);
  ck_assert_uint_lt(s.n_cut, M / 2);
  dc_plan_solution_release(&s);
  free(arcs);
}
END_TEST

START_TEST(heuristic_with_obligatory_cycles) {
  /* Above the exact limit, with obligatory cycles to contract. */
  for (uint64_t seed = 1; seed <= 5; seed++) {
    dc_plan_arc *arcs = synthetic(300, 1500, seed);
    /* 0 -> 1 -> ... -> 30 -> 0 obligatory, and more obligatory chords. */
    uint32_t back = 300;
    for (uint32_t a = 0; a < 1500; a++) {
      if (arcs[a].from == 30 && arcs[a].to == 0) back = a;
      if (a % 97 == 0) arcs[a].obligatory = true;
    }
    arcs[back] = arc(30, 0, 1, true);
    for (uint32_t a = 0; a < 30; a++) arcs[a].obligatory = true;
    dc_plan_solution s;
    solve(300, arcs, 1500, &s);
    ck_assert(s.unbreakable);
    dc_plan_solution_release(&s);
    free(arcs);
  }
}
END_TEST

START_TEST(hard_component_within_budget) {
  /* A dense random component of 60 modules and 300 imports is beyond what
   * the exact search proves within its budget: the plan must still be valid,
   * with an honest bound, in bounded time. */
  rng_seed(3);
  enum { N = 60, M = 300 };
  dc_plan_arc arcs[M];
  for (uint32_t a = 0; a < M; a++) {
    uint32_t u, v;
    bool dup;
    do {
      u = rng(N), v = rng(N), dup = u == v;
      for (uint32_t b = 0; b < a && !dup; b++) dup = arcs[b].from == u && arcs[b].to == v;
    } while (dup);
    arcs[a] = arc(u, v, 1 + rng(3), rng(10) == 0);
  }
  dc_plan_solution s;
  solve(N, arcs, M, &s);
  ck_assert_uint_gt(s.lower_bound, s.n_cut * 3 / 4);
  dc_plan_solution_release(&s);
}
END_TEST

START_TEST(large_component_stays_linear) {
  /* A ring of 100,000 modules with 50,000 random chords: one component far
   * above the exact limit; budgets keep the heuristic near linear. */
  enum { N = 100000, M = 150000 };
  dc_plan_arc *arcs = malloc(M * sizeof *arcs);
  rng_seed(11);
  for (uint32_t i = 0; i < N; i++) arcs[i] = arc(i, (i + 1) % N, 1 + rng(3), false);
  for (uint32_t i = N; i < M; i++) { /* short chords, as within a package; distinct tails */
    uint32_t u = 2 * (i - N), v = (u + 2 + rng(50)) % N;
    if (rng(2)) arcs[i] = arc(u, v, 1 + rng(3), false);
    else arcs[i] = arc(v, u, 1 + rng(3), false);
  }
  dc_plan_solution s;
  solve(N, arcs, M, &s);
  ck_assert(!s.exact);
  ck_assert_uint_gt(s.lower_bound, 0);
  dc_plan_solution_release(&s);
  free(arcs);
}
END_TEST

START_TEST(ring_of_100000) {
  enum { N = 100000 };
  dc_plan_arc *arcs = malloc(N * sizeof *arcs);
  for (uint32_t i = 0; i < N; i++) arcs[i] = arc(i, (i + 1) % N, i == 77777 ? 1 : 2, i % 10 == 3);
  dc_plan_solution s;
  solve(N, arcs, N, &s);
  assert_cut(&s, N, (uint32_t[]){77777}, 1);
  ck_assert(s.exact);
  dc_plan_solution_release(&s);
  /* Equal costs: the least index. */
  for (uint32_t i = 0; i < N; i++) arcs[i].cost = 1, arcs[i].obligatory = i < 5;
  solve(N, arcs, N, &s);
  assert_cut(&s, N, (uint32_t[]){5}, 1);
  dc_plan_solution_release(&s);
  free(arcs);
}
END_TEST

START_TEST(many_small_cycles_on_a_path) {
  /* A path of 100,000 with a back arc every 10 nodes: 10,000 components,
   * each reduced to a 2-cycle and solved exactly. */
  enum { N = 100000, M = N + N / 10 };
  dc_plan_arc *arcs = malloc(M * sizeof *arcs);
  uint32_t m = 0;
  for (uint32_t i = 0; i + 1 < N; i++) arcs[m++] = arc(i, i + 1, 3, false);
  for (uint32_t i = 0; i < N; i += 10) arcs[m++] = arc(i + 9, i, 1, false);
  dc_plan_solution s;
  solve(N, arcs, m, &s);
  ck_assert_uint_eq(s.n_cut, N / 10);
  ck_assert_uint_eq(s.total_cost, N / 10);
  for (uint32_t a = N - 1; a < m; a++) ck_assert(s.cut[a]);
  ck_assert(s.exact);
  dc_plan_solution_release(&s);
  free(arcs);
}
END_TEST

Suite *make_plan_suite(void) {
  Suite *s = suite_create("plan");
  TCase *core = tcase_create("core");
  tcase_add_test(core, two_cycle_takes_cheaper);
  tcase_add_test(core, obligatory_never_cut);
  tcase_add_test(core, shared_arc_breaks_both);
  tcase_add_test(core, tie_breaks_by_index);
  tcase_add_test(core, unbreakable_component);
  tcase_add_test(core, cuttable_inside_obligatory_cycle);
  tcase_add_test(core, parallel_after_contraction);
  tcase_add_test(core, acyclic_and_empty);
  suite_add_tcase(s, core);
  TCase *property = tcase_create("property");
  tcase_set_timeout(property, 300);
  tcase_add_test(property, matches_brute_force);
  tcase_add_test(property, matches_ordering_optimum);
  tcase_add_test(property, lexicographic_tie_break);
  tcase_add_test(property, invariant_under_renumbering);
  suite_add_tcase(s, property);
  TCase *edge = tcase_create("edge");
  tcase_set_timeout(edge, 120);
  tcase_add_test(edge, synthetic_2000_by_10000);
  tcase_add_test(edge, heuristic_with_obligatory_cycles);
  tcase_add_test(edge, hard_component_within_budget);
  tcase_add_test(edge, large_component_stays_linear);
  tcase_add_test(edge, ring_of_100000);
  tcase_add_test(edge, many_small_cycles_on_a_path);
  suite_add_tcase(s, edge);
  return s;
}
