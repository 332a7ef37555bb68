/* plan.c - placeholder until the planner lands: cuts every cuttable arc. */
#include "plan.h"

#include <stdlib.h>

#include "arena.h"

void dc_plan_solve(uint32_t n_nodes, const dc_plan_arc *arcs, uint32_t n_arcs, dc_plan_solution *out) {
  (void)n_nodes;
  out->cut = dc_xcalloc(n_arcs ? n_arcs : 1, sizeof *out->cut);
  out->n_cut = 0, out->total_cost = 0, out->exact = false, out->lower_bound = 0, out->unbreakable = false;
  for (uint32_t i = 0; i < n_arcs; i++)
    if (!arcs[i].obligatory) out->cut[i] = true, out->n_cut++, out->total_cost += arcs[i].cost;
}

void dc_plan_solution_release(dc_plan_solution *self) {
  free(self->cut);
  self->cut = NULL;
}
