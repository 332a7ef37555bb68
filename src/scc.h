/*
 * scc - the strongly connected components of the import-time edges.
 *
 * Input: a dc_graph. Output: the components of two or more modules (a module
 * never imports itself into a cycle), each with its modules sorted by name
 * and one shortest cycle through it; components are ordered by their first
 * module. Only import-time edges count: deferred and type-only imports never
 * make an import-time cycle. Borrowed from the arena given to dc_scc_find.
 */
#ifndef DC_SCC_H
#define DC_SCC_H

#include "arena.h"
#include "graph.h"

/* dc_component - `modules` sorted (module indices, which sort by name);
 * `cycle` is a shortest cycle, cycle[0] == cycle[n_cycle - 1]. */
typedef struct dc_component {
  uint32_t *modules;
  uint32_t n_modules;
  uint32_t *cycle;
  uint32_t n_cycle;
} dc_component;

/* dc_components - every component, and for each module its component
 * index or -1. */
typedef struct dc_components {
  dc_component *items;
  uint32_t n;
  int32_t *component_of;
} dc_components;

/* Finds the components with Tarjan's algorithm (Tarjan 1972), run with an
 * explicit stack so that a 100,000-module ring needs no deep C stack. */
dc_components *dc_scc_find(const dc_graph *g, dc_arena *arena);

/* Whether edge e is import-time and joins two modules of one component. */
bool dc_scc_edge_inside(const dc_components *c, const dc_edge *e);

#endif
