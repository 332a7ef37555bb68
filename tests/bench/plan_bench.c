/*
 * plan_bench.c - times the planner on the synthetic component of issue 5:
 * 2,000 modules and 10,000 import-time edges (a ring plus random chords,
 * tests/synthetic_plan.h), for seeds 1..5, RUNS times each; prints each
 * seed's median, whether the plan is exact or its lower bound, and the
 * largest median against the 2-second target.
 *
 * usage: plan_bench [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "plan.h"
#include "synthetic_plan.h"

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  enum { N = 2000, M = 10000, SEEDS = 5 };
  int runs = argc > 1 ? atoi(argv[1]) : 5;
  if (runs < 1 || runs > 100) runs = 5;
  double worst = 0;
  for (uint64_t seed = 1; seed <= SEEDS; seed++) {
    dc_plan_arc *arcs = synthetic(N, M, seed);
    double times[100];
    dc_plan_solution s = {0};
    for (int r = 0; r < runs; r++) {
      struct timespec t0, t1;
      clock_gettime(CLOCK_MONOTONIC, &t0);
      dc_plan_solve(N, arcs, M, &s);
      clock_gettime(CLOCK_MONOTONIC, &t1);
      times[r] = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
      if (r + 1 < runs) dc_plan_solution_release(&s);
    }
    qsort(times, (size_t)runs, sizeof *times, cmp_double);
    double median = times[runs / 2];
    if (median > worst) worst = median;
    printf("seed %llu: %u modules, %u edges: %.3f s (median of %d), %u cut, %s (lower bound %u)%s\n",
           (unsigned long long)seed, N, M, median, runs, s.n_cut, s.exact ? "exact" : "heuristic", s.lower_bound,
           s.unbreakable ? ", unbreakable" : "");
    dc_plan_solution_release(&s);
    free(arcs);
  }
  printf("slowest median %.3f s (target <= 2 s) %s\n", worst, worst <= 2 ? "ok" : "MISSED");
  return worst <= 2 ? 0 : 1;
}
