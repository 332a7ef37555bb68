/*
 * report_cycles.c - what the annotation and graph reports share: a
 * shortest cycle through one import-time edge (breadth-first search inside
 * its component, Moore 1959), and the sentence that explains one edge of a
 * cycle and the plan's verdict on it.
 *
 * Every search walks edges in graph order (sorted by module names), so the
 * cycle chosen among equally short ones is the same on every run.
 */
#include "report_p.h"

#include <stdlib.h>

#include "arena.h"

const dc_site *dc_report__first_site(const dc_edge *e) {
  for (uint32_t s = 0; s < e->n_sites; s++)
    if (e->sites[s].kind == DC_SCOPE_IMPORT_TIME) return &e->sites[s];
  return &e->sites[0];
}

int32_t dc_report__find_edge(const dc_graph *g, uint32_t from, uint32_t to) {
  uint32_t lo = g->first_edge[from], hi = g->first_edge[from + 1];
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (g->edges[mid].to < to) lo = mid + 1;
    else hi = mid;
  }
  return lo < g->first_edge[from + 1] && g->edges[lo].to == to ? (int32_t)lo : -1;
}

/* The position of module m in the component's sorted module list. */
static uint32_t local_index(const dc_component *c, uint32_t m) {
  uint32_t lo = 0, hi = c->n_modules;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->modules[mid] < m) lo = mid + 1;
    else hi = mid;
  }
  DC_ASSERT(lo < c->n_modules && c->modules[lo] == m);
  return lo;
}

uint32_t *dc_report__cycle(const dc_analysis *a, uint32_t edge, uint32_t *n) {
  const dc_graph *g = a->graph;
  const dc_edge *e = &g->edges[edge];
  int32_t ci = a->components->component_of[e->from];
  DC_ASSERT(ci >= 0);
  const dc_component *c = &a->components->items[ci];
  *n = 0;
  if (a->fix && a->fix->components[ci].n_verdicts > DC_REPORT__CYCLE_BUDGET) return NULL;
  int32_t *parent = dc_xmalloc(c->n_modules * sizeof *parent);
  uint32_t *queue = dc_xmalloc(c->n_modules * sizeof *queue);
  uint32_t *depth = dc_xmalloc(c->n_modules * sizeof *depth);
  for (uint32_t i = 0; i < c->n_modules; i++) parent[i] = -2;
  uint32_t from = local_index(c, e->from), to = local_index(c, e->to), head = 0, tail = 0;
  queue[tail++] = to;
  parent[to] = -1;
  depth[to] = 0;
  while (head < tail && parent[from] == -2) {
    uint32_t u = queue[head++];
    uint32_t m = c->modules[u];
    /* A module at this depth closes a cycle of depth + 2 modules at least. */
    if (depth[u] + 2 > DC_REPORT__CYCLE_SHOWN) break;
    for (uint32_t k = g->first_edge[m]; k < g->first_edge[m + 1]; k++) {
      const dc_edge *out = &g->edges[k];
      if (!dc_scc_edge_inside(a->components, out)) continue;
      uint32_t v = local_index(c, out->to);
      if (parent[v] != -2) continue;
      parent[v] = (int32_t)u;
      depth[v] = depth[u] + 1;
      queue[tail++] = v;
    }
  }
  free(queue);
  free(depth);
  if (parent[from] == -2) {
    free(parent);
    *n = UINT32_MAX;
    return NULL;
  }
  /* Walking the parents from `from` gives from, ..., to: the way back. */
  uint32_t len = 0;
  for (int32_t v = (int32_t)from; v >= 0; v = parent[v]) len++;
  uint32_t *path = dc_xmalloc((len + 1) * sizeof *path);
  path[0] = e->from;
  uint32_t i = len;
  for (int32_t v = (int32_t)from; v >= 0; v = parent[v]) path[i--] = c->modules[v];
  free(parent);
  *n = len + 1;
  return path;
}

void dc_report__cycle_text(dc_buf *b, const dc_analysis *a, uint32_t edge, const uint32_t *cycle, uint32_t n) {
  const dc_graph *g = a->graph;
  const dc_edge *e = &g->edges[edge];
  if (!cycle) {
    dc_buf_addf(b, "%s -> %s -> ... -> %s%s", g->names[e->from], g->names[e->to], g->names[e->from],
                n == UINT32_MAX ? " (more than " DC_REPORT__CYCLE_SHOWN_TEXT " modules)" : "");
    return;
  }
  for (uint32_t k = 0; k < n; k++) dc_buf_addf(b, "%s%s", k ? " -> " : "", g->names[cycle[k]]);
}

bool dc_report__edge_is_error(const dc_verdict *v) { return v->cut || v->remains; }

void dc_report__edge_message(dc_buf *b, const dc_analysis *a, const dc_verdict *v, const dc_site *site,
                             const uint32_t *cycle, uint32_t n) {
  const dc_graph *g = a->graph;
  const dc_edge *e = &g->edges[v->edge];
  dc_buf_addf(b, "'%s' makes %s import %s at import time, which closes the import-time cycle ", site->statement,
              g->names[e->from], g->names[e->to]);
  dc_report__cycle_text(b, a, v->edge, cycle, n);
  if (v->cut)
    dc_buf_addf(b, ". decycle --diff cuts this edge by %s (%u line%s changed).", v->strategy, v->lines_changed,
                v->lines_changed == 1 ? "" : "s");
  else if (v->obligatory && v->remains)
    dc_buf_addf(b, ". It cannot be cut: %s. The cycle is unbreakable: move what these modules need from each other "
                   "at import time into a new module that both import, or invert the dependency.",
                v->obligatory);
  else if (v->obligatory)
    dc_buf_addf(b, ". It cannot be cut (%s); the plan breaks its cycles elsewhere.", v->obligatory);
  else
    dc_buf_addf(b, ". It could be cut by %s (%u line%s changed), but the plan breaks its cycles elsewhere.",
                v->strategy, v->lines_changed, v->lines_changed == 1 ? "" : "s");
}
