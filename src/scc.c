/*
 * scc.c - Tarjan's strongly connected components, iteratively, then one
 * shortest cycle per component.
 *
 * Tarjan (1972): one depth-first search keeps for each module its discovery
 * index and the lowest index reachable through the search stack; a module
 * whose low link equals its index roots a component. The recursion is
 * replaced by a stack of (module, next out-edge) frames.
 *
 * The shortest cycle of a component is found by breadth-first search from
 * each of its modules in name order, each search cut off at the best length
 * so far; the first shortest cycle found wins, so the result is stable. On
 * huge components the searches stop once they have examined a fixed number
 * of edges (WORK_LIMIT), keeping the shortest cycle found until then (at
 * least the one through the component's first module), so that a
 * 100,000-module ring does not cost 10^10 steps.
 */
#include "scc.h"

#include <stdlib.h>
#include <string.h>

#include "vec.h"

enum { WORK_LIMIT = 50 * 1000 * 1000 };

static bool counts(const dc_edge *e) { return e->kind == DC_SCOPE_IMPORT_TIME; }

bool dc_scc_edge_inside(const dc_components *c, const dc_edge *e) {
  return counts(e) && c->component_of[e->from] >= 0 && c->component_of[e->from] == c->component_of[e->to];
}

/* frame - one module of the depth-first search and its next out-edge. */
typedef struct frame {
  uint32_t module;
  uint32_t next_edge;
} frame;

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static int cmp_first_module(const void *a, const void *b) {
  return cmp_u32(((const dc_component *)a)->modules, ((const dc_component *)b)->modules);
}

/* bfs - scratch for the shortest-cycle searches of one component. */
typedef struct bfs {
  uint32_t *dist;   /* per module; valid when stamp matches */
  uint32_t *parent;
  uint32_t *stamp;
  uint32_t *queue;
  uint32_t current;
} bfs;

/* Searches from `start` for a cycle shorter than `best` (edges). Returns its
 * length and leaves the parents in s, or 0 if there is none. `work` counts
 * the edges examined. */
static uint32_t shortest_from(const dc_graph *g, const dc_components *c, bfs *s, uint32_t start,
                              uint32_t best, uint64_t *work, uint32_t *last) {
  int32_t comp = c->component_of[start];
  s->current++;
  uint32_t head = 0, tail = 0;
  s->queue[tail++] = start;
  s->stamp[start] = s->current, s->dist[start] = 0;
  while (head < tail) {
    uint32_t u = s->queue[head++];
    if (s->dist[u] + 1 >= best) break;
    for (uint32_t e = g->first_edge[u]; e < g->first_edge[u + 1]; e++) {
      const dc_edge *edge = &g->edges[e];
      ++*work;
      if (!counts(edge) || c->component_of[edge->to] != comp) continue;
      uint32_t v = edge->to;
      if (v == start) {
        *last = u;
        return s->dist[u] + 1;
      }
      if (s->stamp[v] == s->current) continue;
      s->stamp[v] = s->current, s->dist[v] = s->dist[u] + 1, s->parent[v] = u;
      s->queue[tail++] = v;
    }
  }
  return 0;
}

static void find_cycle(const dc_graph *g, const dc_components *c, bfs *s, dc_component *comp,
                       dc_arena *arena) {
  uint64_t work = 0;
  uint32_t best = UINT32_MAX, best_start = 0, best_last = 0;
  uint32_t *best_path = NULL;
  for (uint32_t i = 0; i < comp->n_modules && best > 2; i++) {
    if (i > 0 && work > WORK_LIMIT) break;
    uint32_t start = comp->modules[i], last = 0;
    uint32_t len = shortest_from(g, c, s, start, best, &work, &last);
    if (!len) continue;
    best = len, best_start = start, best_last = last;
    /* Keep the path now: the next search reuses the parents. */
    free(best_path);
    best_path = dc_xmalloc(((size_t)len + 1) * sizeof *best_path);
    uint32_t k = len;
    best_path[k] = best_start;
    for (uint32_t v = best_last; v != best_start; v = s->parent[v]) best_path[--k] = v;
    best_path[0] = best_start;
  }
  DC_ASSERT(best_path);
  comp->n_cycle = best + 1;
  comp->cycle = dc_arena_memdup(arena, best_path, comp->n_cycle, sizeof *best_path);
  free(best_path);
}

dc_components *dc_scc_find(const dc_graph *g, dc_arena *arena) {
  uint32_t n = g->n_modules;
  dc_components *out = dc_arena_alloc(arena, sizeof *out);
  out->component_of = dc_arena_alloc(arena, (n ? n : 1) * sizeof(int32_t));
  uint32_t *index = dc_xmalloc((n ? n : 1) * sizeof *index);
  uint32_t *low = dc_xmalloc((n ? n : 1) * sizeof *low);
  bool *on_stack = dc_xcalloc(n ? n : 1, sizeof *on_stack);
  dc_vec(uint32_t) stack = {0};
  dc_vec(frame) calls = {0};
  dc_vec(dc_component) comps = {0};
  for (uint32_t i = 0; i < n; i++) index[i] = UINT32_MAX, out->component_of[i] = -1;
  uint32_t counter = 0;

  for (uint32_t root = 0; root < n; root++) {
    if (index[root] != UINT32_MAX) continue;
    dc_vec_push(&calls, ((frame){root, g->first_edge[root]}));
    index[root] = low[root] = counter++;
    dc_vec_push(&stack, root);
    on_stack[root] = true;
    while (calls.size) {
      frame *f = &dc_vec_last(&calls);
      uint32_t v = f->module;
      bool descended = false;
      while (f->next_edge < g->first_edge[v + 1]) {
        const dc_edge *e = &g->edges[f->next_edge++];
        if (!counts(e)) continue;
        uint32_t w = e->to;
        if (index[w] == UINT32_MAX) {
          index[w] = low[w] = counter++;
          dc_vec_push(&stack, w);
          on_stack[w] = true;
          dc_vec_push(&calls, ((frame){w, g->first_edge[w]}));
          descended = true;
          break;
        }
        if (on_stack[w] && index[w] < low[v]) low[v] = index[w];
      }
      if (descended) continue;
      /* v is finished. */
      if (low[v] == index[v]) {
        uint32_t start = stack.size;
        do start--;
        while (stack.items[start] != v);
        uint32_t size = stack.size - start;
        for (uint32_t k = start; k < stack.size; k++) on_stack[stack.items[k]] = false;
        if (size > 1) {
          dc_component c = {0};
          c.n_modules = size;
          c.modules = dc_arena_memdup(arena, &stack.items[start], size, sizeof(uint32_t));
          qsort(c.modules, size, sizeof(uint32_t), cmp_u32);
          dc_vec_push(&comps, c);
        }
        stack.size = start;
      }
      dc_vec_pop(&calls);
      if (calls.size) {
        uint32_t parent = dc_vec_last(&calls).module;
        if (low[v] < low[parent]) low[parent] = low[v];
      }
    }
  }
  if (comps.size > 1) qsort(comps.items, comps.size, sizeof *comps.items, cmp_first_module);
  out->n = comps.size;
  out->items = dc_arena_memdup(arena, comps.items, comps.size, sizeof(dc_component));
  for (uint32_t i = 0; i < out->n; i++)
    for (uint32_t k = 0; k < out->items[i].n_modules; k++) out->component_of[out->items[i].modules[k]] = (int32_t)i;

  bfs s = {dc_xcalloc(n ? n : 1, sizeof(uint32_t)), dc_xcalloc(n ? n : 1, sizeof(uint32_t)),
           dc_xcalloc(n ? n : 1, sizeof(uint32_t)), dc_xcalloc(n ? n : 1, sizeof(uint32_t)), 0};
  for (uint32_t i = 0; i < out->n; i++) find_cycle(g, out, &s, &out->items[i], arena);
  free(s.dist), free(s.parent), free(s.stamp), free(s.queue);
  free(index), free(low), free(on_stack);
  dc_vec_free(&stack);
  dc_vec_free(&calls);
  dc_vec_free(&comps);
  return out;
}
