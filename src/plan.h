/*
 * plan - choose the import edges to cut in one strongly connected component.
 *
 * Input: a component as a small graph of arcs, each with the cost (lines
 * changed) of its cheapest rewrite, or marked obligatory (no rewrite can cut
 * it). Output: the arcs to cut. After removing them, every remaining cycle
 * consists of obligatory arcs only (none at all when the component is
 * breakable). Objective, in order: fewest arcs cut, then least total cost,
 * then the lexicographically smallest list of cut arc indices (ascending),
 * so the answer is deterministic.
 *
 * Exact below a size limit (lazy cycle generation + exact minimum-cost
 * hitting set, Baharev et al., ACM JEA 2021); above it a heuristic
 * (Eades-Lin-Smyth with obligatory arcs, then local improvement) with a
 * lower bound on the number of cuts. Nothing here allocates from an arena
 * or prints; results are caller-owned.
 */
#ifndef DC_PLAN_H
#define DC_PLAN_H

#include <stdbool.h>
#include <stdint.h>

/* dc_plan_arc - one import-time edge of the component; from/to are local
 * node indices in [0, n_nodes). No self loops; no two arcs share (from, to).
 * `cost` >= 1 is ignored when `obligatory` is set. */
typedef struct dc_plan_arc {
  uint32_t from, to;
  uint32_t cost;
  bool obligatory;
} dc_plan_arc;

/* dc_plan_solution - what dc_plan_solve found.
 * `cut` has one flag per arc (malloc'd; dc_plan_solution_release frees it).
 * `exact` says the answer is proven optimal; otherwise `lower_bound` is a
 * proven lower bound on the number of arcs any valid plan cuts (equal to
 * n_cut when exact). `unbreakable` is set when cycles of obligatory arcs
 * remain after the cuts. */
typedef struct dc_plan_solution {
  bool *cut;
  uint32_t n_cut;
  uint64_t total_cost;
  bool exact;
  uint32_t lower_bound;
  bool unbreakable;
} dc_plan_solution;

/* The size above which the planner is heuristic: components with more
 * cuttable arcs than this (README.md documents it). */
#define DC_PLAN_EXACT_LIMIT 400u

/* Solves the problem; never fails (allocation failure aborts). */
void dc_plan_solve(uint32_t n_nodes, const dc_plan_arc *arcs, uint32_t n_arcs, dc_plan_solution *out);
void dc_plan_solution_release(dc_plan_solution *self);

#endif
