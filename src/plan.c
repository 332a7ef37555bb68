/*
 * plan.c - choose the import edges to cut in one strongly connected component.
 *
 * Input: a component as arcs (from, to, cost, obligatory). Output: the arcs to
 * cut, so that every cycle left over consists of obligatory arcs only. The
 * objective is lexicographic: fewest arcs, then least total cost, then the
 * smallest ascending list of arc indices.
 *
 * What "valid" means, reduced to a textbook problem. A closed walk through a
 * cuttable arc u->v exists exactly when v reaches u, and then a simple cycle
 * through u->v exists too; so a plan S is valid when no uncut cuttable arc
 * has both ends in one strongly connected component of G - S. Obligatory
 * arcs are never cut, so the components of the obligatory subgraph (Tarjan
 * 1972, iterative here) survive every plan: a cuttable arc inside one of them
 * must be cut (it is "forced"), and the component is unbreakable when one of
 * them has two nodes. Contracting each to a node gives a multigraph H whose
 * obligatory arcs form a DAG; a plan is valid exactly when H - S is acyclic,
 * so what is left is a minimum feedback arc set of H in which the obligatory
 * arcs have infinite weight.
 *
 * H is then shrunk by the classic reductions (compare Levy and Low, "A
 * contraction algorithm for finding small cycle cutsets", J. Algorithms 9,
 * 1988, for the vertex version), each of which keeps the lexicographic optimum
 * intact. An arc on no cycle is never cut (dropping it from a plan keeps the
 * plan valid), so nodes without in- or out-arcs go, and arcs between the
 * strongly connected components of H go. Parallel arcs are cut all together or
 * not at all (a plan that keeps one must break every path it closes, which
 * makes cutting the others pointless), so they merge into one "group", which
 * is obligatory when one of them is. Two arcs in series through a node of in-
 * and out-degree one lie on the same cycles, so an optimal plan cuts at most
 * the lighter one, ordered by (arcs, cost, least index); they merge into it.
 * A merge can close a loop u->u, which every plan must cut. For the tie-break,
 * plans of equal size compare by the least index in their symmetric
 * difference, so a group stands for the least index among its members.
 *
 * Every remaining component ("part") is solved on its own: with additive
 * (arcs, cost) weights the optimum of the union is the union of the optima,
 * and so is the tie-break. A part with at most DC_PLAN_EXACT_LIMIT cuttable
 * groups is solved exactly by lazy cycle generation (Baharev, Schichl,
 * Neumaier and Tolk, "An exact method for the minimum feedback arc set
 * problem", ACM JEA 26, 2021): keep a set of cycles, solve the minimum-weight
 * hitting set over them exactly, and when the answer leaves a cycle in the
 * graph, add a shortest cycle through every arc still on one, and repeat; the
 * optimum over fewer cycles bounds the next one from below. Weights are pairs
 * (arcs, cost) compared lexicographically, that is arcs * M + cost for an
 * unbounded M, so nothing overflows.
 *
 * Where Baharev et al. call an integer programming solver, the hitting sets
 * here come from a depth-first branch and bound that branches on the free
 * arcs of the unhit cycle with the fewest of them. Its bounds, cheapest
 * first: a greedy solution of the dual of the covering LP (a weighted
 * disjoint-cycle packing); then the Lagrangian relaxation of the cycle
 * constraints, its multipliers improved by subgradient steps (Held and Karp,
 * "The traveling-salesman problem and minimum spanning trees: part II", Math.
 * Programming 1, 1971) and carried from node to node. It bounds the number of
 * arcs first, rounded up; when that leaves room for exactly as many arcs as
 * the incumbent has, a second relaxation, with a multiplier on "at least that
 * many arcs", bounds their cost. Both reach the LP bound in the limit, which
 * on real import graphs is tight or nearly so. Reduced weights then fix arcs
 * in or out. The first incumbents are the greedy hitting set and the
 * completed Lagrangian solution.
 *
 * Once the value V of an optimum valid for the whole part is known, the
 * tie-break is settled group by group in index order: keep a witness plan of
 * value V and decide each group in turn, asking the branch and bound whether
 * a plan of value V containing it exists when the witness has none. Cycles
 * are added to this phase too until its answer is valid.
 *
 * Larger parts, and parts whose exact search runs out of its work budget,
 * get a heuristic: the Eades-Lin-Smyth ordering ("A fast and effective
 * heuristic for the feedback arc set problem", IPL 47, 1993), where a node
 * may only be moved to the front once its obligatory predecessors are placed,
 * so that obligatory arcs always point forward; then sifting (each node moves
 * to its best place in the order, as in Brandenburg and Hanauer, "Sorting
 * heuristics for the feedback arc set problem", 2011); then every backward
 * arc that closes no cycle is restored, the order kept topological with the
 * dynamic topological sort of Pearce and Kelly (ACM JEA 11, 2006), and a cut
 * arc is swapped for a lighter one that lies on every path it would close.
 * A search that ran out of budget also hands its best hitting set to the
 * heuristic to complete, and the lighter plan wins. The heuristic's lower
 * bound is a greedy packing of cycles that share no cuttable arc, shortest
 * cycles first; a failed exact search adds the bounds it proved.
 *
 * Everything is deterministic: budgets count elementary steps (an arc or a
 * cycle member looked at), never time, and ties break by index. Floating
 * point only steers the search and proves bounds, with a safety margin; the
 * exact answer is unique, so it cannot change it, only how soon it is found
 * (a search cut short by its budget is reproducible for a given build).
 * Nothing recurses: searches keep explicit stacks. Memory is malloc'd scratch, freed
 * before returning, except the solution's flags, which the caller owns.
 */
#include "plan.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "vec.h"

#define NIL UINT32_MAX

typedef dc_vec(uint32_t) u32vec;

/* Work budgets in elementary steps (an arc, a cycle member or a position
 * looked at: a few nanoseconds each). The exact searches of one dc_plan_solve
 * call may spend exact_budget in all, plus exact_floor per node and arc of
 * each part, so that an easy part is solved whatever the parts before it
 * spent (about 1.5 s at most on a 2020s desktop for a component that needs
 * it all). Local improvement in a heuristic part may spend per_element steps
 * per node and arc of the part, at most part_cap, and at most what is left
 * of heuristic_budget; its lower bound likewise from packing_budget. With
 * nothing left, a part keeps its Eades-Lin-Smyth plan. */
static const uint64_t exact_budget = 300000000u;
static const uint64_t exact_floor = 2000u; /* per node and arc of a part */
static const uint64_t heuristic_budget = 120000000u;
static const uint64_t packing_budget = 60000000u;
static const uint64_t part_cap = 30000000u;
static const uint64_t per_element = 4000u;
/* A single search for a packing cycle stops after this many steps. */
static const uint64_t packing_search_cap = 20000u;

/* budget - the work a dc_plan_solve call has left, per kind. */
typedef struct budget {
  uint64_t exact, heuristic, packing;
} budget;

/* The share of `*left` a part of n nodes and m arcs may use. */
static uint64_t part_share(uint64_t left, uint32_t n, uint32_t m) {
  uint64_t x = per_element * ((uint64_t)n + m);
  if (x > part_cap) x = part_cap;
  return x < left ? x : left;
}

/* Takes `used` off *left. */
static void spend(uint64_t *left, uint64_t used) { *left = used >= *left ? 0 : *left - used; }

/* ---- weights ------------------------------------------------------------ */

/* wt - a weight (arcs, cost), compared lexicographically. Residual weights in
 * the bound may have a negative cost part; they are never negative as pairs. */
typedef struct wt {
  int64_t n, c;
} wt;

static inline wt wt_of(int64_t n, int64_t c) {
  wt r = {n, c};
  return r;
}
static inline wt wt_add(wt a, wt b) { return wt_of(a.n + b.n, a.c + b.c); }
static inline wt wt_sub(wt a, wt b) { return wt_of(a.n - b.n, a.c - b.c); }
static inline bool wt_lt(wt a, wt b) { return a.n < b.n || (a.n == b.n && a.c < b.c); }
static inline bool wt_pos(wt a) { return a.n > 0 || (a.n == 0 && a.c > 0); }

/* ---- adjacency and strongly connected components ------------------------- */

/* csr - arcs grouped by one endpoint: the arcs of node v are
 * arc[first[v] .. first[v + 1]), in ascending arc order. */
typedef struct csr {
  uint32_t *first;
  uint32_t *arc;
} csr;

/* Groups arcs 0..m-1 by node key[a] < n, leaving out those with skip[a] set
 * (skip may be NULL). The caller releases g with csr_release. */
static void csr_build(csr *g, uint32_t n, uint32_t m, const uint32_t *key, const bool *skip) {
  g->first = dc_xcalloc((size_t)n + 2, sizeof *g->first);
  for (uint32_t a = 0; a < m; a++)
    if (!skip || !skip[a]) g->first[key[a] + 2]++;
  for (uint32_t v = 2; v < n + 2; v++) g->first[v] += g->first[v - 1];
  g->arc = dc_xmalloc(((size_t)g->first[n + 1] + 1) * sizeof *g->arc);
  /* first[v + 1] runs as the fill pointer of v and ends as the start of v + 1. */
  for (uint32_t a = 0; a < m; a++)
    if (!skip || !skip[a]) g->arc[g->first[key[a] + 1]++] = a;
}

static void csr_release(csr *g) {
  free(g->first);
  free(g->arc);
  g->first = g->arc = NULL;
}

/* Labels every node v < n with its strongly connected component comp[v]
 * (Tarjan 1972, with an explicit stack instead of recursion), following the
 * arcs of `out` to to[a] and ignoring those with skip[a] set (skip may be
 * NULL). Components are numbered in the order Tarjan completes them. Returns
 * the number of components. */
static uint32_t scc_find(uint32_t n, const csr *out, const uint32_t *to, const bool *skip, uint32_t *comp) {
  uint32_t *index = dc_xmalloc(((size_t)n + 1) * sizeof *index);
  uint32_t *low = dc_xmalloc(((size_t)n + 1) * sizeof *low);
  uint32_t *next = dc_xmalloc(((size_t)n + 1) * sizeof *next); /* next arc position to follow */
  uint32_t *call = dc_xmalloc(((size_t)n + 1) * sizeof *call);  /* the depth-first path */
  uint32_t *stack = dc_xmalloc(((size_t)n + 1) * sizeof *stack); /* Tarjan's node stack */
  bool *on = dc_xcalloc((size_t)n + 1, sizeof *on);
  for (uint32_t v = 0; v < n; v++) index[v] = NIL;
  uint32_t counter = 0, n_comp = 0, depth = 0, top = 0;
  for (uint32_t r = 0; r < n; r++) {
    if (index[r] != NIL) continue;
    index[r] = low[r] = counter++, next[r] = out->first[r], call[depth++] = r, stack[top++] = r, on[r] = true;
    while (depth) {
      uint32_t v = call[depth - 1];
      if (next[v] < out->first[v + 1]) {
        uint32_t a = out->arc[next[v]++];
        if (skip && skip[a]) continue;
        uint32_t w = to[a];
        if (index[w] == NIL) {
          index[w] = low[w] = counter++, next[w] = out->first[w];
          call[depth++] = w, stack[top++] = w, on[w] = true;
        } else if (on[w] && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      depth--;
      if (low[v] == index[v]) {
        uint32_t w;
        do {
          w = stack[--top];
          on[w] = false;
          comp[w] = n_comp;
        } while (w != v);
        n_comp++;
      }
      if (depth && low[v] < low[call[depth - 1]]) low[call[depth - 1]] = low[v];
    }
  }
  free(index), free(low), free(next), free(call), free(stack), free(on);
  return n_comp;
}

/* ---- the reduced graph --------------------------------------------------- */

/* rarc - an arc of the reduced graph: a group of original arcs that an
 * optimal plan cuts all together or not at all. */
typedef struct rarc {
  uint32_t from, to;
  uint32_t out_prev, out_next; /* links in the out-list of `from` */
  uint32_t in_prev, in_next;   /* links in the in-list of `to` */
  uint32_t head, tail;         /* members, linked through red.member_next */
  uint32_t key;                /* least original index among the members */
  uint32_t count;              /* members (0 when obligatory) */
  uint64_t cost;               /* total cost of the members */
  bool obligatory;             /* stands for an obligatory path: never cut */
  bool alive;
} rarc;

/* rnode - a node of the reduced graph (a component of obligatory arcs). */
typedef struct rnode {
  uint32_t out_head, in_head;
  uint32_t outdeg, indeg;
  bool alive;
  bool queued; /* on red.work */
} rnode;

/* red - the reduced graph, shrunk in place by the reductions. */
typedef struct red {
  dc_vec(rarc) arcs;
  rnode *nodes;
  uint32_t n;
  uint32_t *member_next; /* per original arc: the next member of its group */
  dc_vec(uint32_t) work; /* nodes whose degrees changed */
  bool *cut;             /* the solution's flags, one per original arc */
  uint32_t forced;       /* original arcs that every valid plan cuts */
} red;

/* Queues live node v for another look by red_settle. */
static void red_push(red *r, uint32_t v) {
  if (r->nodes[v].alive && !r->nodes[v].queued) {
    r->nodes[v].queued = true;
    dc_vec_push(&r->work, v);
  }
}

/* Puts arc a into the lists of its ends. */
static void red_link(red *r, uint32_t a) {
  rarc *x = &r->arcs.items[a];
  rnode *u = &r->nodes[x->from], *w = &r->nodes[x->to];
  x->alive = true;
  x->out_prev = NIL, x->out_next = u->out_head;
  if (u->out_head != NIL) r->arcs.items[u->out_head].out_prev = a;
  u->out_head = a, u->outdeg++;
  x->in_prev = NIL, x->in_next = w->in_head;
  if (w->in_head != NIL) r->arcs.items[w->in_head].in_prev = a;
  w->in_head = a, w->indeg++;
}

/* Removes arc a from the graph and queues both ends for another look. */
static void red_unlink(red *r, uint32_t a) {
  rarc *x = &r->arcs.items[a];
  rnode *u = &r->nodes[x->from], *w = &r->nodes[x->to];
  DC_ASSERT(x->alive);
  x->alive = false;
  if (x->out_prev != NIL) r->arcs.items[x->out_prev].out_next = x->out_next;
  else u->out_head = x->out_next;
  if (x->out_next != NIL) r->arcs.items[x->out_next].out_prev = x->out_prev;
  if (x->in_prev != NIL) r->arcs.items[x->in_prev].in_next = x->in_next;
  else w->in_head = x->in_next;
  if (x->in_next != NIL) r->arcs.items[x->in_next].in_prev = x->in_prev;
  u->outdeg--, w->indeg--;
  red_push(r, x->from);
  red_push(r, x->to);
}

/* Sets the cut flag of every member of group x; returns how many there are. */
static uint32_t red_cut_members(red *r, const rarc *x) {
  for (uint32_t e = x->head; e != NIL; e = r->member_next[e]) r->cut[e] = true;
  return x->count;
}

/* Returns the live arc u -> w, or NIL. Scans the shorter of the two lists. */
static uint32_t red_find(const red *r, uint32_t u, uint32_t w) {
  if (r->nodes[u].outdeg <= r->nodes[w].indeg) {
    for (uint32_t a = r->nodes[u].out_head; a != NIL; a = r->arcs.items[a].out_next)
      if (r->arcs.items[a].to == w) return a;
  } else {
    for (uint32_t a = r->nodes[w].in_head; a != NIL; a = r->arcs.items[a].in_next)
      if (r->arcs.items[a].from == u) return a;
  }
  return NIL;
}

/* Merges group x into the parallel arc y. */
static void red_merge_parallel(red *r, rarc *y, const rarc *x) {
  if (y->obligatory) return;
  if (x->obligatory) {
    y->obligatory = true, y->count = 0, y->cost = 0, y->head = y->tail = NIL, y->key = NIL;
    return;
  }
  r->member_next[y->tail] = x->head;
  y->tail = x->tail, y->count += x->count, y->cost += x->cost;
  if (x->key < y->key) y->key = x->key;
}

/* Adds group x as an arc x.from -> x.to: a loop is cut at once, a parallel
 * arc absorbs it. */
static void red_add(red *r, rarc x) {
  if (x.from == x.to) {
    /* The obligatory arcs of H form a DAG and an obligatory group stands for
     * an obligatory path, so an obligatory loop cannot arise. */
    DC_ASSERT(!x.obligatory);
    r->forced += red_cut_members(r, &x);
    red_push(r, x.from);
    return;
  }
  uint32_t p = red_find(r, x.from, x.to);
  if (p != NIL) {
    red_merge_parallel(r, &r->arcs.items[p], &x);
    red_push(r, x.from);
    red_push(r, x.to);
    return;
  }
  dc_vec_push(&r->arcs, x);
  red_link(r, r->arcs.size - 1);
  red_push(r, x.from);
  red_push(r, x.to);
}

/* True when group a is lighter than group b: fewer arcs, then less cost, then
 * the smaller least index. */
static bool group_lighter(const rarc *a, const rarc *b) {
  if (a->count != b->count) return a->count < b->count;
  if (a->cost != b->cost) return a->cost < b->cost;
  return a->key < b->key;
}

/* Applies the degree reductions until none applies. */
static void red_settle(red *r) {
  while (r->work.size) {
    uint32_t x = dc_vec_pop(&r->work);
    rnode *nx = &r->nodes[x];
    nx->queued = false;
    if (!nx->alive) continue;
    if (nx->indeg == 0 || nx->outdeg == 0) {
      nx->alive = false;
      while (nx->out_head != NIL) red_unlink(r, nx->out_head);
      while (nx->in_head != NIL) red_unlink(r, nx->in_head);
    } else if (nx->indeg == 1 && nx->outdeg == 1) {
      rarc a = r->arcs.items[nx->in_head], b = r->arcs.items[nx->out_head];
      nx->alive = false;
      red_unlink(r, nx->in_head);
      red_unlink(r, nx->out_head);
      rarc m;
      if (a.obligatory) m = b;
      else if (b.obligatory) m = a;
      else m = group_lighter(&a, &b) ? a : b;
      m.from = a.from, m.to = b.to;
      red_add(r, m);
    }
  }
}

/* Drops the arcs between strongly connected components; comp receives the
 * labels. Returns true when an arc was dropped. */
static bool red_split(red *r, uint32_t *comp) {
  uint32_t m = r->arcs.size;
  uint32_t *from = dc_xmalloc(((size_t)m + 1) * sizeof *from);
  uint32_t *to = dc_xmalloc(((size_t)m + 1) * sizeof *to);
  bool *skip = dc_xmalloc(((size_t)m + 1) * sizeof *skip);
  for (uint32_t a = 0; a < m; a++) {
    const rarc *x = &r->arcs.items[a];
    from[a] = x->from, to[a] = x->to, skip[a] = !x->alive;
  }
  csr g;
  csr_build(&g, r->n, m, from, skip);
  scc_find(r->n, &g, to, NULL, comp);
  bool dropped = false;
  for (uint32_t a = 0; a < m; a++)
    if (!skip[a] && comp[from[a]] != comp[to[a]]) red_unlink(r, a), dropped = true;
  csr_release(&g);
  free(from), free(to), free(skip);
  return dropped;
}

/* ---- parts --------------------------------------------------------------- */

/* part - one strongly connected component of the reduced graph, renumbered. */
typedef struct part {
  uint32_t n, m, k; /* nodes, arcs, cuttable arcs */
  uint32_t *from, *to; /* the k cuttable arcs first, by ascending key */
  wt *w;               /* weight of each cuttable arc */
  uint32_t *rarc;      /* the reduced arc behind each arc */
  csr out, in;
} part;

static void part_release(part *p) {
  free(p->from), free(p->to), free(p->w), free(p->rarc);
  csr_release(&p->out);
  csr_release(&p->in);
}

/* The weight of the cuttable arcs flagged in sel. */
static wt sel_weight(const part *p, const bool *sel) {
  wt s = wt_of(0, 0);
  for (uint32_t e = 0; e < p->k; e++)
    if (sel[e]) s = wt_add(s, p->w[e]);
  return s;
}

/* bfs - scratch for shortest-path searches over a part. */
typedef struct bfs {
  uint32_t *stamp, now;
  uint32_t *via;   /* the arc a node was reached by */
  uint32_t *depth; /* arcs from the start */
  uint32_t *queue;
  bool cut_short; /* the last search left nodes unexpanded for max_len */
} bfs;

static void bfs_init(bfs *b, uint32_t n) {
  b->stamp = dc_xcalloc((size_t)n + 1, sizeof *b->stamp);
  b->via = dc_xmalloc(((size_t)n + 1) * sizeof *b->via);
  b->depth = dc_xmalloc(((size_t)n + 1) * sizeof *b->depth);
  b->queue = dc_xmalloc(((size_t)n + 1) * sizeof *b->queue);
  b->now = 0;
}

static void bfs_release(bfs *b) { free(b->stamp), free(b->via), free(b->depth), free(b->queue); }

/* Searches breadth-first from s for t over the arcs a of p without
 * blocked[a], within the nodes of component comp[s] (comp may be NULL), for
 * a path of at most max_len arcs, taking at most about `cap` steps, each
 * added to *steps. Returns true when t was reached; then b->via traces a
 * shortest path back from t. */
static bool bfs_path(bfs *b, const part *p, uint32_t s, uint32_t t, const bool *blocked, const uint32_t *comp,
                     uint32_t max_len, uint64_t cap, uint64_t *steps) {
  if (++b->now == 0) memset(b->stamp, 0, ((size_t)p->n + 1) * sizeof *b->stamp), b->now = 1;
  uint32_t head = 0, tail = 0;
  uint64_t used = 0;
  b->cut_short = false;
  b->stamp[s] = b->now, b->depth[s] = 0, b->queue[tail++] = s;
  while (head < tail) {
    uint32_t v = b->queue[head++];
    if (b->depth[v] >= max_len) {
      b->cut_short = true;
      continue;
    }
    for (uint32_t i = p->out.first[v]; i < p->out.first[v + 1]; i++) {
      uint32_t a = p->out.arc[i], w = p->to[a];
      used++;
      if (blocked[a] || b->stamp[w] == b->now || (comp && comp[w] != comp[s])) continue;
      b->stamp[w] = b->now, b->via[w] = a, b->depth[w] = b->depth[v] + 1;
      if (w == t) {
        *steps += used;
        return true;
      }
      b->queue[tail++] = w;
    }
    if (used > cap) {
      b->cut_short = true;
      break;
    }
  }
  *steps += used;
  return false;
}

/* ---- exact minimum-weight hitting set of cycles -------------------------- */

/* lagr - the multipliers of one Lagrangian bound: one per cycle, and one
 * (mu) for a lower limit on the arcs still to cut. */
typedef struct lagr {
  double *lambda;
  double mu;
  double step; /* step factor of the subgradient method */
} lagr;

/* hs_frame - one open node of the branch and bound. */
typedef struct hs_frame {
  uint32_t base, n; /* the branch arcs are hs.branch[base .. base + n) */
  uint32_t j;       /* branches entered so far */
  uint32_t mark0;   /* trail size when the frame opened */
  uint32_t mark;    /* trail size after excluding the arcs of the branches done */
} hs_frame;

/* hs - a set of cycles over k weighted arcs, and the search state. Cycles are
 * sorted arc lists, stored once each. */
typedef struct hs {
  uint32_t k;
  const wt *w;
  dc_vec(uint32_t) members; /* cycle c is members[start[c] .. start[c + 1]) */
  dc_vec(uint32_t) start;
  uint32_t *slots, n_slots; /* open-addressing set of cycle ids */
  /* The index, rebuilt by hs_index over the first n_cyc cycles. */
  uint32_t n_cyc;
  uint32_t *of_first, *of_cyc; /* the cycles through arc e: of_cyc[of_first[e] ..] */
  uint32_t *order;             /* cycles by ascending length: the bound's order */
  /* The state: decisions taken, undone through the trail. */
  uint32_t *hit;   /* per cycle: included arcs on it */
  uint32_t *nfree; /* per cycle: arcs on it not excluded */
  bool *in, *out;
  wt cur; /* weight of the included arcs */
  dc_vec(uint32_t) trail; /* e << 1 | excluded */
  /* Scratch. */
  wt *resid;
  uint32_t *stamp, now;
  uint32_t *score;
  dc_vec(hs_frame) frames;
  dc_vec(uint32_t) branch;
  uint64_t steps, budget;
  /* The Lagrangian bounds, one on arcs, one on cost given the arcs, in
   * doubles: only when costs are exact there (lagrange set). */
  bool lagrange;
  double *wn, *wc;        /* weight per arc in arcs and in cost */
  lagr on_arcs, on_cost;
  double *grad;           /* subgradient per cycle */
  double *red, *best_red; /* reduced weight per arc, and at the best bound */
  uint32_t n_lambda;      /* cycles with multipliers */
} hs;

/* Starts an empty set of cycles over k arcs of weights w (borrowed), with
 * `limit` steps of work allowed; hs_release frees it. */
static void hs_init(hs *h, uint32_t k, const wt *w, uint64_t limit) {
  memset(h, 0, sizeof *h);
  h->k = k, h->w = w, h->budget = limit;
  dc_vec_push(&h->start, 0);
  h->n_slots = 64;
  h->slots = dc_xmalloc(h->n_slots * sizeof *h->slots);
  for (uint32_t i = 0; i < h->n_slots; i++) h->slots[i] = NIL;
  h->in = dc_xcalloc((size_t)k + 1, sizeof *h->in);
  h->out = dc_xcalloc((size_t)k + 1, sizeof *h->out);
  h->resid = dc_xmalloc(((size_t)k + 1) * sizeof *h->resid);
  h->stamp = dc_xcalloc((size_t)k + 1, sizeof *h->stamp);
  h->score = dc_xcalloc((size_t)k + 1, sizeof *h->score);
  h->of_first = dc_xcalloc((size_t)k + 2, sizeof *h->of_first);
  int64_t cost = 0;
  for (uint32_t e = 0; e < k; e++) cost += w[e].c;
  h->lagrange = cost < ((int64_t)1 << 50);
  h->wn = dc_xmalloc(((size_t)k + 1) * sizeof *h->wn);
  h->wc = dc_xmalloc(((size_t)k + 1) * sizeof *h->wc);
  h->red = dc_xmalloc(((size_t)k + 1) * sizeof *h->red);
  h->best_red = dc_xmalloc(((size_t)k + 1) * sizeof *h->best_red);
  for (uint32_t e = 0; e < k; e++) h->wn[e] = (double)w[e].n, h->wc[e] = (double)w[e].c;
  h->on_arcs.step = h->on_cost.step = 1.0;
}

static void hs_release(hs *h) {
  dc_vec_free(&h->members);
  dc_vec_free(&h->start);
  dc_vec_free(&h->trail);
  dc_vec_free(&h->frames);
  dc_vec_free(&h->branch);
  free(h->slots), free(h->of_first), free(h->of_cyc), free(h->order), free(h->hit), free(h->nfree);
  free(h->in), free(h->out), free(h->resid), free(h->stamp), free(h->score);
  free(h->wn), free(h->wc), free(h->on_arcs.lambda), free(h->on_cost.lambda);
  free(h->grad), free(h->red), free(h->best_red);
}

static uint64_t cycle_hash(const uint32_t *a, uint32_t len) {
  uint64_t x = 1469598103934665603u;
  for (uint32_t i = 0; i < len; i++) x = (x ^ a[i]) * 1099511628211u;
  return x ^ (x >> 29);
}

/* True when cycle c has exactly the arcs a[0..len). */
static bool hs_same(const hs *h, uint32_t c, const uint32_t *a, uint32_t len) {
  uint32_t s = h->start.items[c], t = h->start.items[c + 1];
  return t - s == len && memcmp(&h->members.items[s], a, len * sizeof *a) == 0;
}

/* Adds the cycle with the sorted arcs a[0..len) unless it is known; returns
 * true when it was new. The index is not updated (see hs_index). */
static bool hs_add(hs *h, const uint32_t *a, uint32_t len) {
  uint32_t count = h->start.size - 1;
  if (2 * ((uint64_t)count + 1) > h->n_slots) {
    uint32_t n = h->n_slots * 2;
    uint32_t *slots = dc_xmalloc(n * sizeof *slots);
    for (uint32_t i = 0; i < n; i++) slots[i] = NIL;
    for (uint32_t c = 0; c < count; c++) {
      uint32_t s = h->start.items[c];
      uint32_t i = (uint32_t)cycle_hash(&h->members.items[s], h->start.items[c + 1] - s) & (n - 1);
      while (slots[i] != NIL) i = (i + 1) & (n - 1);
      slots[i] = c;
    }
    free(h->slots);
    h->slots = slots, h->n_slots = n;
  }
  uint32_t i = (uint32_t)cycle_hash(a, len) & (h->n_slots - 1);
  for (; h->slots[i] != NIL; i = (i + 1) & (h->n_slots - 1))
    if (hs_same(h, h->slots[i], a, len)) return false;
  h->slots[i] = count;
  for (uint32_t j = 0; j < len; j++) dc_vec_push(&h->members, a[j]);
  dc_vec_push(&h->start, h->members.size);
  return true;
}

/* Rebuilds the index over every cycle added so far. Only with no decision
 * taken (an empty trail). */
static void hs_index(hs *h) {
  DC_ASSERT(h->trail.size == 0);
  uint32_t n = h->start.size - 1, k = h->k;
  h->n_cyc = n;
  memset(h->of_first, 0, ((size_t)k + 2) * sizeof *h->of_first);
  for (uint32_t i = 0; i < h->members.size; i++) h->of_first[h->members.items[i] + 2]++;
  for (uint32_t e = 2; e < k + 2; e++) h->of_first[e] += h->of_first[e - 1];
  free(h->of_cyc);
  h->of_cyc = dc_xmalloc(((size_t)h->members.size + 1) * sizeof *h->of_cyc);
  for (uint32_t c = 0; c < n; c++)
    for (uint32_t i = h->start.items[c]; i < h->start.items[c + 1]; i++)
      h->of_cyc[h->of_first[h->members.items[i] + 1]++] = c;
  /* Stable counting sort of the cycles by length. */
  uint32_t max_len = 0;
  for (uint32_t c = 0; c < n; c++)
    if (h->start.items[c + 1] - h->start.items[c] > max_len) max_len = h->start.items[c + 1] - h->start.items[c];
  uint32_t *bucket = dc_xcalloc((size_t)max_len + 2, sizeof *bucket);
  for (uint32_t c = 0; c < n; c++) bucket[h->start.items[c + 1] - h->start.items[c] + 1]++;
  for (uint32_t l = 1; l < max_len + 2; l++) bucket[l] += bucket[l - 1];
  free(h->order);
  h->order = dc_xmalloc(((size_t)n + 1) * sizeof *h->order);
  for (uint32_t c = 0; c < n; c++) h->order[bucket[h->start.items[c + 1] - h->start.items[c]]++] = c;
  free(bucket);
  free(h->hit), free(h->nfree);
  h->hit = dc_xcalloc((size_t)n + 1, sizeof *h->hit);
  h->nfree = dc_xmalloc(((size_t)n + 1) * sizeof *h->nfree);
  for (uint32_t c = 0; c < n; c++) h->nfree[c] = h->start.items[c + 1] - h->start.items[c];
  h->cur = wt_of(0, 0);
  /* Multipliers of known cycles carry over; new cycles start at 0. */
  lagr *lg[2] = {&h->on_arcs, &h->on_cost};
  for (int i = 0; i < 2; i++) {
    lg[i]->lambda = dc_xrealloc(lg[i]->lambda, ((size_t)n + 1) * sizeof *lg[i]->lambda);
    for (uint32_t c = h->n_lambda; c < n; c++) lg[i]->lambda[c] = 0;
  }
  h->n_lambda = n;
  free(h->grad);
  h->grad = dc_xmalloc(((size_t)n + 1) * sizeof *h->grad);
}

/* Decides that the free arc e is cut (hs_undo takes it back). */
static void hs_include(hs *h, uint32_t e) {
  DC_ASSERT(!h->in[e] && !h->out[e]);
  h->in[e] = true;
  h->cur = wt_add(h->cur, h->w[e]);
  for (uint32_t i = h->of_first[e]; i < h->of_first[e + 1]; i++) h->hit[h->of_cyc[i]]++;
  h->steps += h->of_first[e + 1] - h->of_first[e] + 1;
  dc_vec_push(&h->trail, e << 1);
}

/* Decides that the free arc e is kept (hs_undo takes it back). */
static void hs_exclude(hs *h, uint32_t e) {
  DC_ASSERT(!h->in[e] && !h->out[e]);
  h->out[e] = true;
  for (uint32_t i = h->of_first[e]; i < h->of_first[e + 1]; i++) h->nfree[h->of_cyc[i]]--;
  h->steps += h->of_first[e + 1] - h->of_first[e] + 1;
  dc_vec_push(&h->trail, e << 1 | 1);
}

/* Takes back every decision after the first `mark` ones. */
static void hs_undo(hs *h, uint32_t mark) {
  while (h->trail.size > mark) {
    uint32_t t = dc_vec_pop(&h->trail), e = t >> 1;
    if (t & 1) {
      h->out[e] = false;
      for (uint32_t i = h->of_first[e]; i < h->of_first[e + 1]; i++) h->nfree[h->of_cyc[i]]++;
    } else {
      h->in[e] = false;
      h->cur = wt_sub(h->cur, h->w[e]);
      for (uint32_t i = h->of_first[e]; i < h->of_first[e + 1]; i++) h->hit[h->of_cyc[i]]--;
    }
    h->steps += h->of_first[e + 1] - h->of_first[e] + 1;
  }
}

/* Returns false when an unhit cycle has no free arc left. Otherwise sets *lb
 * to a lower bound on the weight still needed to hit every cycle (a feasible
 * solution of the dual of the covering LP, built greedily over the cycles,
 * shortest first) and *pick to the unhit cycle with the fewest free arcs, or
 * NIL when every cycle is hit. */
static bool hs_bound(hs *h, wt *lb, uint32_t *pick) {
  if (++h->now == 0) memset(h->stamp, 0, ((size_t)h->k + 1) * sizeof *h->stamp), h->now = 1;
  wt sum = wt_of(0, 0);
  uint32_t best = NIL, best_free = NIL;
  for (uint32_t i = 0; i < h->n_cyc; i++) {
    uint32_t c = h->order[i];
    if (h->hit[c]) continue;
    if (h->nfree[c] == 0) return false;
    if (h->nfree[c] < best_free) best = c, best_free = h->nfree[c];
    uint32_t s = h->start.items[c], t = h->start.items[c + 1];
    wt y = wt_of(INT64_MAX, 0);
    for (uint32_t j = s; j < t; j++) {
      uint32_t e = h->members.items[j];
      if (h->out[e]) continue;
      if (h->stamp[e] != h->now) h->stamp[e] = h->now, h->resid[e] = h->w[e];
      if (wt_lt(h->resid[e], y)) y = h->resid[e];
    }
    h->steps += t - s;
    if (!wt_pos(y)) continue;
    sum = wt_add(sum, y);
    for (uint32_t j = s; j < t; j++) {
      uint32_t e = h->members.items[j];
      if (!h->out[e]) h->resid[e] = wt_sub(h->resid[e], y);
    }
  }
  *lb = sum, *pick = best;
  return true;
}

/* The least integer not below x, for |x| < 2^52. */
static int64_t ceil_int(double x) {
  int64_t i = (int64_t)x;
  return (double)i < x ? i + 1 : i;
}

/* Rounds a bound up to the next integer, keeping clear of rounding errors. */
static int64_t bound_int(double x) { return ceil_int(x - 1e-9 * (1.0 + (x < 0 ? -x : x))); }

/* Lagrangian bound (weak duality): for multipliers lambda >= 0 on the unhit
 * cycles and mu >= 0 on "at least `card` more arcs" (card 0: no such
 * constraint), sum(lambda) + mu * card plus, over the free arcs on unhit
 * cycles, min(0, w - lambda of its cycles - mu * arcs) bounds the weight w
 * still needed by every minimal completion; its best over the multipliers is
 * the LP bound. Improves the multipliers by `iters` steps of subgradient
 * optimisation (Held and Karp, "The traveling-salesman problem and minimum
 * spanning trees: part II", Math. Programming 1, 1971), aiming at `target`,
 * the bound that would prune. Returns the best bound seen; h->best_red holds
 * the reduced weights that go with it. */
static double hs_lagrange(hs *h, lagr *lg, const double *w, double card, uint32_t iters, double target) {
  double best = -DBL_MAX;
  uint32_t stale = 0;
  for (uint32_t it = 0; it < iters; it++) {
    if (++h->now == 0) memset(h->stamp, 0, ((size_t)h->k + 1) * sizeof *h->stamp), h->now = 1;
    double value = lg->mu * card;
    for (uint32_t i = 0; i < h->n_cyc; i++) {
      uint32_t c = h->order[i];
      if (h->hit[c]) continue;
      value += lg->lambda[c];
      for (uint32_t j = h->start.items[c]; j < h->start.items[c + 1]; j++) {
        uint32_t e = h->members.items[j];
        if (h->out[e]) continue;
        if (h->stamp[e] != h->now) h->stamp[e] = h->now, h->red[e] = w[e] - lg->mu * h->wn[e];
        h->red[e] -= lg->lambda[c];
      }
      h->steps += 2 * (uint64_t)(h->start.items[c + 1] - h->start.items[c]);
    }
    double taken = 0; /* arcs in the relaxed solution */
    for (uint32_t e = 0; e < h->k; e++) {
      if (h->stamp[e] != h->now) h->red[e] = DBL_MAX; /* not on an unhit cycle */
      else if (h->red[e] < 0) value += h->red[e], taken += h->wn[e];
    }
    h->steps += 2 * (uint64_t)h->k;
    if (value > best) {
      if (it > 0 && lg->step < 2) lg->step *= 1.2;
      best = value, stale = 0;
      memcpy(h->best_red, h->red, h->k * sizeof *h->red);
      if (best >= target - 1e-9 * (1.0 + target)) break;
    } else if (++stale >= 4) {
      lg->step /= 2, stale = 0;
      if (lg->step < 1e-3) lg->step = 1e-3;
    }
    double norm = 0, g_mu = card > 0 ? card - taken : 0;
    if (card > 0 && (lg->mu > 0 || g_mu > 0)) norm += g_mu * g_mu;
    for (uint32_t i = 0; i < h->n_cyc; i++) {
      uint32_t c = h->order[i];
      if (h->hit[c]) continue;
      double g = 1;
      for (uint32_t j = h->start.items[c]; j < h->start.items[c + 1]; j++) {
        uint32_t e = h->members.items[j];
        if (!h->out[e] && h->red[e] < 0) g -= 1;
      }
      if (g < 0 && lg->lambda[c] == 0) g = 0; /* projected: cannot go lower */
      h->grad[c] = g, norm += g * g;
      h->steps += h->start.items[c + 1] - h->start.items[c];
    }
    if (norm == 0) break; /* the multipliers are optimal */
    double t = lg->step * (target - value) / norm;
    for (uint32_t i = 0; i < h->n_cyc; i++) {
      uint32_t c = h->order[i];
      if (h->hit[c]) continue;
      lg->lambda[c] += t * h->grad[c];
      if (lg->lambda[c] < 0) lg->lambda[c] = 0;
    }
    if (card > 0) {
      lg->mu += t * g_mu;
      if (lg->mu < 0) lg->mu = 0;
    }
  }
  return best;
}

/* Fixes the free arcs that the last Lagrangian bound l proves in or out of
 * every completion within `room` (the bound of a completion with the arc
 * forced the other way is l plus the magnitude of its reduced weight).
 * Returns true when it fixed one. */
static bool hs_fix(hs *h, double l, int64_t room) {
  bool fixed = false;
  h->steps += h->k;
  for (uint32_t e = 0; e < h->k; e++) {
    double r = h->best_red[e];
    if (h->in[e] || h->out[e] || r == DBL_MAX) continue;
    if (r > 0 && bound_int(l + r) > room) hs_exclude(h, e), fixed = true;
    else if (r < 0 && bound_int(l - r) > room) hs_include(h, e), fixed = true;
  }
  return fixed;
}

/* Pushes a frame branching on the free arcs of cycle c, the arcs that hit
 * most unhit cycles first. */
static void hs_open(hs *h, uint32_t c) {
  hs_frame f = {h->branch.size, 0, 0, h->trail.size, h->trail.size};
  for (uint32_t j = h->start.items[c]; j < h->start.items[c + 1]; j++) {
    uint32_t e = h->members.items[j];
    if (h->out[e]) continue;
    uint32_t s = 0;
    for (uint32_t i = h->of_first[e]; i < h->of_first[e + 1]; i++) s += h->hit[h->of_cyc[i]] == 0;
    h->steps += h->of_first[e + 1] - h->of_first[e];
    h->score[e] = s;
    /* Insertion sort: by score descending, then weight, then index. */
    uint32_t i = h->branch.size;
    dc_vec_push(&h->branch, e);
    while (i > f.base) {
      uint32_t d = h->branch.items[i - 1];
      bool after = h->score[d] > s ||
                   (h->score[d] == s && (wt_lt(h->w[d], h->w[e]) || (!wt_lt(h->w[e], h->w[d]) && d < e)));
      if (after) break;
      h->branch.items[i] = d;
      i--;
    }
    h->branch.items[i] = e;
    f.n++;
  }
  dc_vec_push(&h->frames, f);
}

/* Subgradient steps at the root of a search and at every other node. */
static const uint32_t root_iters = 30, node_iters = 1;

/* Evaluates the current node against *limit: returns false when no hitting
 * set below *limit extends it. May fix free arcs on the way (onto the trail)
 * when a Lagrangian bound proves that every such set has them in or out.
 * The first bound is on arcs; when it leaves room for exactly as many more
 * arcs as the limit allows, the second bounds the cost of those. */
static bool hs_promising(hs *h, wt limit, uint32_t iters, uint32_t *pick) {
  for (;; iters = node_iters) {
    wt lb;
    if (!hs_bound(h, &lb, pick)) return false;
    if (*pick == NIL) return wt_lt(h->cur, limit);
    if (!wt_lt(wt_add(h->cur, lb), limit)) return false;
    if (!h->lagrange) return true;
    int64_t arcs = limit.n - h->cur.n; /* at most this many more arcs */
    double l = hs_lagrange(h, &h->on_arcs, h->wn, 0, iters, (double)arcs + 1);
    int64_t need = bound_int(l);
    if (need > arcs) return false;
    if (hs_fix(h, l, arcs)) continue; /* the state changed: look again */
    if (need < arcs) return true;
    int64_t room = limit.c - 1 - h->cur.c; /* at most this much more cost */
    l = hs_lagrange(h, &h->on_cost, h->wc, (double)arcs, iters, (double)room + 1);
    if (bound_int(l) > room) return false;
    if (!hs_fix(h, l, room)) return true;
  }
}

/* Branch and bound from the current decisions: looks for hitting sets that
 * extend them and weigh less than *limit. Each one found is copied to `best`
 * (k flags) and, unless stop_first, becomes the new *limit; the search ends
 * early when *limit falls to `floor` or below (a known lower bound). Returns
 * 1 when one was found, 0 when none exists, -1 when the work budget ran out.
 * The decisions are as before when it returns. */
static int hs_search(hs *h, wt *limit, wt floor, bool stop_first, bool *best) {
  uint32_t mark0 = h->trail.size;
  int found = 0;
  bool enter = true, root = true;
  h->on_arcs.step = h->on_cost.step = 1.0;
  for (;;) {
    if (enter) {
      enter = false;
      if (h->steps > h->budget) {
        found = -1;
        break;
      }
      uint32_t pick;
      if (hs_promising(h, *limit, root ? root_iters : node_iters, &pick)) {
        if (pick == NIL) {
          found = 1;
          memcpy(best, h->in, h->k * sizeof *best);
          *limit = h->cur;
          if (stop_first || !wt_lt(floor, *limit)) break;
        } else {
          hs_open(h, pick);
        }
      }
      root = false;
    }
    if (h->frames.size == 0) break;
    hs_frame *f = &dc_vec_last(&h->frames);
    if (f->j > 0) {
      /* Back from branch j - 1: from now on its arc is excluded. */
      hs_undo(h, f->mark);
      hs_exclude(h, h->branch.items[f->base + f->j - 1]);
      f->mark = h->trail.size;
    }
    if (f->j == f->n) {
      hs_undo(h, f->mark0);
      h->branch.size = f->base;
      h->frames.size--;
      continue;
    }
    hs_include(h, h->branch.items[f->base + f->j]);
    f->j++;
    enter = true;
  }
  hs_undo(h, mark0);
  h->frames.size = 0, h->branch.size = 0;
  return found;
}

/* Completes sel (k flags, kept) to a hitting set of the indexed cycles by
 * taking the arc that hits most unhit cycles, then drops the arcs whose cycles
 * are all hit twice, heaviest first. */
static void hs_greedy(hs *h, bool *sel) {
  uint32_t n = h->n_cyc, k = h->k;
  uint32_t *cover = dc_xcalloc((size_t)n + 1, sizeof *cover);
  uint32_t *gain = dc_xcalloc((size_t)k + 1, sizeof *gain);
  for (uint32_t c = 0; c < n; c++)
    for (uint32_t j = h->start.items[c]; j < h->start.items[c + 1]; j++) cover[c] += sel[h->members.items[j]];
  for (uint32_t c = 0; c < n; c++)
    if (!cover[c])
      for (uint32_t j = h->start.items[c]; j < h->start.items[c + 1]; j++) gain[h->members.items[j]]++;
  for (;;) {
    uint32_t best = NIL;
    for (uint32_t e = 0; e < k; e++)
      if (!sel[e] && gain[e] &&
          (best == NIL || gain[e] > gain[best] || (gain[e] == gain[best] && wt_lt(h->w[e], h->w[best]))))
        best = e;
    if (best == NIL) break;
    sel[best] = true;
    for (uint32_t i = h->of_first[best]; i < h->of_first[best + 1]; i++) {
      uint32_t c = h->of_cyc[i];
      if (cover[c]++ == 0)
        for (uint32_t j = h->start.items[c]; j < h->start.items[c + 1]; j++) gain[h->members.items[j]]--;
    }
  }
  h->steps += (uint64_t)h->members.size * 2;
  for (;;) {
    uint32_t drop = NIL;
    for (uint32_t e = 0; e < k; e++) {
      if (!sel[e] || (drop != NIL && wt_lt(h->w[e], h->w[drop]))) continue;
      bool redundant = true;
      for (uint32_t i = h->of_first[e]; i < h->of_first[e + 1] && redundant; i++) redundant = cover[h->of_cyc[i]] >= 2;
      if (redundant) drop = e;
    }
    if (drop == NIL) break;
    sel[drop] = false;
    for (uint32_t i = h->of_first[drop]; i < h->of_first[drop + 1]; i++) cover[h->of_cyc[i]]--;
  }
  free(cover), free(gain);
}

/* Adds to h a shortest cycle of p - sel through every cuttable arc that is
 * not in sel (sel may be NULL: nothing cut) and still lies on a cycle.
 * Returns how many such arcs there are: 0 means sel is a valid plan. */
static uint32_t find_cycles(hs *h, const part *p, const bool *sel) {
  bool *blocked = dc_xcalloc((size_t)p->m + 1, sizeof *blocked);
  for (uint32_t e = 0; e < p->k; e++) blocked[e] = sel && sel[e];
  uint32_t *comp = dc_xmalloc(((size_t)p->n + 1) * sizeof *comp);
  scc_find(p->n, &p->out, p->to, blocked, comp);
  h->steps += p->n + p->m;
  bfs b;
  bfs_init(&b, p->n);
  dc_vec(uint32_t) cyc = {0};
  uint32_t open = 0;
  for (uint32_t e = 0; e < p->k; e++) {
    uint32_t u = p->from[e], v = p->to[e];
    if (blocked[e] || comp[u] != comp[v]) continue;
    open++;
    bool found = bfs_path(&b, p, v, u, blocked, comp, NIL, UINT64_MAX, &h->steps);
    DC_ASSERT(found);
    dc_vec_clear(&cyc);
    dc_vec_push(&cyc, e);
    for (uint32_t x = u; x != v; x = p->from[b.via[x]])
      if (b.via[x] < p->k) dc_vec_push(&cyc, b.via[x]);
    for (uint32_t i = 1; i < cyc.size; i++) /* insertion sort: cycles are short */
      for (uint32_t j = i; j > 0 && cyc.items[j - 1] > cyc.items[j]; j--) {
        uint32_t t = cyc.items[j];
        cyc.items[j] = cyc.items[j - 1], cyc.items[j - 1] = t;
      }
    hs_add(h, cyc.items, cyc.size);
  }
  dc_vec_free(&cyc);
  bfs_release(&b);
  free(blocked), free(comp);
  return open;
}

/* ---- heuristic: ordering, sifting, restoring ----------------------------- */

/* els_entry - a candidate of the Eades-Lin-Smyth heap. */
typedef struct els_entry {
  int64_t d;
  uint32_t v;
} els_entry;

/* Heap order: the larger difference first, then the smaller node. */
static bool els_before(els_entry a, els_entry b) { return a.d > b.d || (a.d == b.d && a.v < b.v); }

typedef dc_vec(els_entry) els_heap;

static void els_push(els_heap *heap, els_entry x) {
  dc_vec_push(heap, x);
  uint32_t i = heap->size - 1;
  while (i > 0 && els_before(x, heap->items[(i - 1) / 2])) {
    heap->items[i] = heap->items[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  heap->items[i] = x;
}

static els_entry els_pop(els_heap *heap) {
  els_entry top = heap->items[0], x = heap->items[--heap->size];
  uint32_t i = 0, n = heap->size;
  for (;;) {
    uint32_t c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && els_before(heap->items[c + 1], heap->items[c])) c++;
    if (!els_before(heap->items[c], x)) break;
    heap->items[i] = heap->items[c];
    i = c;
  }
  if (n) heap->items[i] = x;
  return top;
}

/* The number of original arcs an arc of p stands for, as ELS counts them. */
static int64_t arc_count(const part *p, uint32_t a) { return a < p->k ? p->w[a].n : 1; }

/* Fills order[0..n) with the Eades-Lin-Smyth sequence of p without the
 * cuttable arcs flagged in `absent` (may be NULL): sinks go to the back,
 * sources to the front, and otherwise the node maximising out-weight minus
 * cuttable in-weight among those with no obligatory arc coming from an
 * unplaced node goes to the front. Every obligatory arc points forward. */
static void els_order(const part *p, const bool *absent, uint32_t *order) {
  uint32_t n = p->n;
  int64_t *delta = dc_xcalloc((size_t)n + 1, sizeof *delta);
  uint32_t *in_n = dc_xcalloc((size_t)n + 1, sizeof *in_n), *out_n = dc_xcalloc((size_t)n + 1, sizeof *out_n);
  uint32_t *obl_in = dc_xcalloc((size_t)n + 1, sizeof *obl_in);
  bool *gone = dc_xcalloc((size_t)n + 1, sizeof *gone);
  uint32_t *right = dc_xmalloc(((size_t)n + 1) * sizeof *right);
  for (uint32_t a = 0; a < p->m; a++) {
    uint32_t u = p->from[a], v = p->to[a];
    if (absent && a < p->k && absent[a]) continue;
    out_n[u]++, in_n[v]++;
    delta[u] += arc_count(p, a);
    if (a < p->k) delta[v] -= arc_count(p, a);
    else obl_in[v]++;
  }
  els_heap heap = {0};
  dc_vec(uint32_t) sinks = {0}, sources = {0};
  for (uint32_t v = 0; v < n; v++) {
    if (!obl_in[v]) els_push(&heap, (els_entry){delta[v], v});
    if (!out_n[v]) dc_vec_push(&sinks, v);
    if (!in_n[v]) dc_vec_push(&sources, v);
  }
  uint32_t n_left = 0, n_right = 0;
  while (n_left + n_right < n) {
    uint32_t v;
    bool to_left;
    if (sinks.size) {
      v = dc_vec_pop(&sinks), to_left = false;
      if (gone[v]) continue;
    } else if (sources.size) {
      v = dc_vec_pop(&sources), to_left = true;
      if (gone[v]) continue;
    } else {
      DC_ASSERT(heap.size > 0);
      els_entry x = els_pop(&heap);
      v = x.v, to_left = true;
      if (gone[v] || obl_in[v] || delta[v] != x.d) continue;
    }
    gone[v] = true;
    if (to_left) order[n_left++] = v;
    else right[n_right++] = v;
    for (uint32_t i = p->out.first[v]; i < p->out.first[v + 1]; i++) {
      uint32_t a = p->out.arc[i], w = p->to[a];
      if (gone[w] || (absent && a < p->k && absent[a])) continue;
      if (--in_n[w] == 0) dc_vec_push(&sources, w);
      if (a < p->k) {
        delta[w] += arc_count(p, a);
        if (!obl_in[w]) els_push(&heap, (els_entry){delta[w], w});
      } else if (--obl_in[w] == 0) {
        els_push(&heap, (els_entry){delta[w], w});
      }
    }
    for (uint32_t i = p->in.first[v]; i < p->in.first[v + 1]; i++) {
      uint32_t a = p->in.arc[i], w = p->from[a];
      if (gone[w] || (absent && a < p->k && absent[a])) continue;
      if (--out_n[w] == 0) dc_vec_push(&sinks, w);
      delta[w] -= arc_count(p, a);
      if (!obl_in[w]) els_push(&heap, (els_entry){delta[w], w});
    }
  }
  for (uint32_t i = 0; i < n_right; i++) order[n_left + i] = right[n_right - 1 - i];
  dc_vec_free(&heap);
  dc_vec_free(&sinks);
  dc_vec_free(&sources);
  free(delta), free(in_n), free(out_n), free(obl_in), free(gone), free(right);
}

/* sift_entry - what moving a node past its neighbour at `pos` changes. */
typedef struct sift_entry {
  uint32_t pos;
  bool block; /* an obligatory arc would turn backward */
  wt d;
} sift_entry;

static int sift_cmp_desc(const void *x, const void *y) {
  uint32_t a = ((const sift_entry *)x)->pos, b = ((const sift_entry *)y)->pos;
  return (a < b) - (a > b);
}

static int sift_cmp_asc(const void *x, const void *y) { return -sift_cmp_desc(x, y); }

/* Scans the entries (sorted away from the node) and returns the best
 * position to move to, or NIL when none improves; *gain is its change. */
static uint32_t sift_scan(const sift_entry *e, uint32_t n, wt *gain) {
  wt acc = wt_of(0, 0), best = wt_of(0, 0);
  uint32_t target = NIL;
  for (uint32_t i = 0; i < n;) {
    uint32_t j = i;
    bool block = false;
    wt d = wt_of(0, 0);
    for (; j < n && e[j].pos == e[i].pos; j++) block |= e[j].block, d = wt_add(d, e[j].d);
    if (block) break;
    acc = wt_add(acc, d);
    if (wt_lt(acc, best)) best = acc, target = e[i].pos;
    i = j;
  }
  *gain = best;
  return target;
}

/* Moves node v to the position in the order that cuts least, ignoring the
 * arcs flagged in `absent` (may be NULL), if that is better than where it
 * is; obligatory arcs stay forward. Returns true when it moved. */
static bool sift_node(const part *p, const bool *absent, uint32_t v, uint32_t *order, uint32_t *pos, sift_entry **left,
                      sift_entry **right, uint32_t *cap, uint64_t *work) {
  uint32_t deg = p->out.first[v + 1] - p->out.first[v] + p->in.first[v + 1] - p->in.first[v];
  if (deg == 0) return false;
  if (deg > *cap) {
    *cap = deg;
    *left = dc_xrealloc(*left, deg * sizeof **left);
    *right = dc_xrealloc(*right, deg * sizeof **right);
  }
  uint32_t nl = 0, nr = 0, pv = pos[v];
  for (uint32_t i = p->out.first[v]; i < p->out.first[v + 1]; i++) {
    uint32_t a = p->out.arc[i], pw = pos[p->to[a]];
    bool obl = a >= p->k;
    if (absent && !obl && absent[a]) continue;
    wt x = obl ? wt_of(0, 0) : p->w[a];
    /* v -> w: passing w on the left turns it forward, on the right backward. */
    if (pw < pv) (*left)[nl++] = (sift_entry){pw, false, wt_sub(wt_of(0, 0), x)};
    else (*right)[nr++] = (sift_entry){pw, obl, x};
  }
  for (uint32_t i = p->in.first[v]; i < p->in.first[v + 1]; i++) {
    uint32_t a = p->in.arc[i], pw = pos[p->from[a]];
    bool obl = a >= p->k;
    if (absent && !obl && absent[a]) continue;
    wt x = obl ? wt_of(0, 0) : p->w[a];
    if (pw < pv) (*left)[nl++] = (sift_entry){pw, obl, x};
    else (*right)[nr++] = (sift_entry){pw, false, wt_sub(wt_of(0, 0), x)};
  }
  qsort(*left, nl, sizeof **left, sift_cmp_desc);
  qsort(*right, nr, sizeof **right, sift_cmp_asc);
  *work += 4 * (uint64_t)deg + 1;
  wt gl, gr;
  uint32_t tl = sift_scan(*left, nl, &gl), tr = sift_scan(*right, nr, &gr);
  if (tl != NIL && (tr == NIL || !wt_lt(gr, gl))) {
    memmove(&order[tl + 1], &order[tl], (pv - tl) * sizeof *order);
    order[tl] = v;
    for (uint32_t i = tl; i <= pv; i++) pos[order[i]] = i;
    *work += pv - tl;
    return true;
  }
  if (tr != NIL) {
    memmove(&order[pv], &order[pv + 1], (tr - pv) * sizeof *order);
    order[tr] = v;
    for (uint32_t i = pv; i <= tr; i++) pos[order[i]] = i;
    *work += tr - pv;
    return true;
  }
  return false;
}

static int pos_cmp(const void *x, const void *y) {
  uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
  return (a > b) - (a < b);
}

/* topo - a plan for a part with a topological order of what it keeps. */
typedef struct topo {
  const part *p;
  bool *sel;              /* cut flags of the cuttable arcs */
  uint32_t *order, *pos;  /* order[pos[v]] == v; kept arcs point forward */
  uint32_t *mark, now;    /* visit stamps of the forward search */
  uint32_t *mark2, now2;  /* and of the backward search */
  uint32_t *rank;         /* rank of a node in the region of a swap */
  u32vec fwd, bwd;
  uint64_t work, limit;   /* steps taken, steps allowed */
} topo;

/* True when the plan keeps arc a. */
static bool kept(const topo *t, uint32_t a) { return a >= t->p->k || !t->sel[a]; }

/* Collects in t->fwd the nodes reachable from the head of the cut arc a
 * through kept arcs and nodes placed before its tail, stamped t->now.
 * Returns true when the tail is among them: restoring a closes a cycle. */
static bool reach_forward(topo *t, uint32_t a) {
  const part *p = t->p;
  uint32_t u = p->from[a], v = p->to[a], hi = t->pos[u];
  t->now++;
  dc_vec_clear(&t->fwd);
  dc_vec_push(&t->fwd, v);
  t->mark[v] = t->now;
  bool closes = false;
  for (uint32_t i = 0; i < t->fwd.size; i++) {
    uint32_t x = t->fwd.items[i];
    for (uint32_t j = p->out.first[x]; j < p->out.first[x + 1]; j++) {
      uint32_t b = p->out.arc[j], y = p->to[b];
      t->work++;
      if (!kept(t, b) || b == a || t->pos[y] > hi || t->mark[y] == t->now) continue;
      t->mark[y] = t->now;
      dc_vec_push(&t->fwd, y);
      closes |= y == u;
    }
  }
  return closes;
}

/* Collects in t->bwd the nodes that reach the tail of a through kept arcs
 * and nodes placed after its head, stamped t->now2. */
static void reach_backward(topo *t, uint32_t a) {
  const part *p = t->p;
  uint32_t u = p->from[a], lo = t->pos[p->to[a]];
  t->now2++;
  dc_vec_clear(&t->bwd);
  dc_vec_push(&t->bwd, u);
  t->mark2[u] = t->now2;
  for (uint32_t i = 0; i < t->bwd.size; i++) {
    uint32_t x = t->bwd.items[i];
    for (uint32_t j = p->in.first[x]; j < p->in.first[x + 1]; j++) {
      uint32_t b = p->in.arc[j], y = p->from[b];
      t->work++;
      if (!kept(t, b) || b == a || t->pos[y] < lo || t->mark2[y] == t->now2) continue;
      t->mark2[y] = t->now2;
      dc_vec_push(&t->bwd, y);
    }
  }
}

/* Tries to restore the cut arc a: returns false, changing nothing, when it
 * would close a cycle; otherwise keeps a and reorders so that the order stays
 * topological (Pearce and Kelly 2006: the nodes that reach the tail move,
 * in their order, before those the head reaches, within their positions). */
static bool restore_arc(topo *t, uint32_t a) {
  const part *p = t->p;
  uint32_t u = p->from[a], v = p->to[a];
  if (t->pos[u] < t->pos[v]) {
    t->sel[a] = false;
    return true;
  }
  if (reach_forward(t, a)) return false;
  reach_backward(t, a);
  uint32_t nb = t->bwd.size, nf = t->fwd.size;
  uint32_t *slots = dc_xmalloc(((size_t)nb + nf) * sizeof *slots);
  uint32_t *nodes = dc_xmalloc(((size_t)nb + nf) * sizeof *nodes);
  for (uint32_t i = 0; i < nb; i++) t->bwd.items[i] = t->pos[t->bwd.items[i]];
  for (uint32_t i = 0; i < nf; i++) t->fwd.items[i] = t->pos[t->fwd.items[i]];
  qsort(t->bwd.items, nb, sizeof *t->bwd.items, pos_cmp);
  qsort(t->fwd.items, nf, sizeof *t->fwd.items, pos_cmp);
  memcpy(slots, t->bwd.items, nb * sizeof *slots);
  memcpy(slots + nb, t->fwd.items, nf * sizeof *slots);
  qsort(slots, (size_t)nb + nf, sizeof *slots, pos_cmp);
  for (uint32_t i = 0; i < nb; i++) nodes[i] = t->order[t->bwd.items[i]];
  for (uint32_t i = 0; i < nf; i++) nodes[nb + i] = t->order[t->fwd.items[i]];
  for (uint32_t i = 0; i < nb + nf; i++) t->order[slots[i]] = nodes[i], t->pos[nodes[i]] = slots[i];
  t->work += 4 * ((uint64_t)nb + nf);
  free(slots), free(nodes);
  t->sel[a] = false;
  return true;
}

/* For the cut arc a, which closes a cycle, right after restore_arc said so
 * (its forward search is reused): returns the lightest kept
 * cuttable arc lighter than a that lies on every path from its head to its
 * tail, or NIL. Cutting that one instead keeps the plan valid. In the region
 * R of nodes on such paths, sorted by position, an arc lies on every path
 * exactly when it is the only arc of R spanning some gap between
 * consecutive nodes (the nodes the head reaches without it all come first). */
static uint32_t swap_partner(topo *t, uint32_t a) {
  const part *p = t->p;
  reach_backward(t, a);
  u32vec *r = &t->bwd; /* R: the backward nodes the forward search met */
  uint32_t n_r = 0;
  for (uint32_t i = 0; i < r->size; i++)
    if (t->mark[r->items[i]] == t->now) r->items[n_r++] = t->pos[r->items[i]];
  r->size = n_r;
  qsort(r->items, n_r, sizeof *r->items, pos_cmp);
  for (uint32_t i = 0; i < n_r; i++) t->rank[t->order[r->items[i]]] = i;
  /* Per gap i (between ranks i and i + 1): arcs spanning it, and the sum
   * of their indices, as difference arrays. */
  int64_t *cover = dc_xcalloc((size_t)n_r + 1, sizeof *cover), *ids = dc_xcalloc((size_t)n_r + 1, sizeof *ids);
  for (uint32_t i = 0; i < n_r; i++) {
    uint32_t x = t->order[r->items[i]];
    for (uint32_t j = p->out.first[x]; j < p->out.first[x + 1]; j++) {
      uint32_t b = p->out.arc[j], y = p->to[b];
      t->work++;
      if (!kept(t, b) || b == a || t->mark[y] != t->now || t->mark2[y] != t->now2) continue;
      cover[i]++, cover[t->rank[y]]--, ids[i] += b, ids[t->rank[y]] -= b;
    }
  }
  uint32_t best = NIL;
  int64_t c = 0, sum = 0;
  for (uint32_t i = 0; i + 1 < n_r; i++) {
    c += cover[i], sum += ids[i];
    if (c != 1 || (uint64_t)sum >= p->k) continue;
    uint32_t f = (uint32_t)sum;
    if (wt_lt(p->w[f], p->w[a]) && (best == NIL || wt_lt(p->w[f], p->w[best]))) best = f;
  }
  free(cover), free(ids);
  return best;
}

/* cut_entry - a cut arc and its weight, for sorting. */
typedef struct cut_entry {
  wt w;
  uint32_t e;
} cut_entry;

/* Heaviest first, then the larger index. */
static int cut_cmp(const void *x, const void *y) {
  const cut_entry *a = x, *b = y;
  if (wt_lt(a->w, b->w)) return 1;
  if (wt_lt(b->w, a->w)) return -1;
  return (a->e < b->e) - (a->e > b->e);
}

/* One pass over the cut arcs, heaviest first: restore each arc that closes
 * no cycle, and, when `swap`, trade each other one for a lighter arc on all
 * the paths it would close. Returns true when the plan got lighter. */
static bool improve_pass(topo *t, bool swap) {
  const part *p = t->p;
  dc_vec(cut_entry) cuts = {0};
  for (uint32_t e = 0; e < p->k; e++)
    if (t->sel[e]) dc_vec_push(&cuts, ((cut_entry){p->w[e], e}));
  if (cuts.size) qsort(cuts.items, cuts.size, sizeof *cuts.items, cut_cmp);
  bool better = false;
  for (uint32_t i = 0; i < cuts.size && t->work < t->limit; i++) {
    uint32_t e = cuts.items[i].e;
    if (!t->sel[e]) continue;
    if (restore_arc(t, e)) {
      better = true;
    } else if (swap) {
      uint32_t f = swap_partner(t, e);
      if (f == NIL) continue;
      t->sel[f] = true;
      bool restored = restore_arc(t, e);
      DC_ASSERT(restored);
      better = true;
    }
  }
  dc_vec_free(&cuts);
  return better;
}

/* Sets sel (k flags) to a valid plan for p found by the heuristic, taking
 * its work from *left. With `init` (k flags, may be NULL) the plan extends
 * those cuts (before improvement may drop some). */
static void solve_heuristic(const part *p, const bool *init, bool *sel, uint64_t *left) {
  uint32_t n = p->n;
  topo t = {0};
  t.p = p, t.sel = sel, t.limit = part_share(*left, p->n, p->m);
  t.order = dc_xmalloc(((size_t)n + 1) * sizeof *t.order);
  t.pos = dc_xmalloc(((size_t)n + 1) * sizeof *t.pos);
  t.mark = dc_xcalloc((size_t)n + 1, sizeof *t.mark);
  t.mark2 = dc_xcalloc((size_t)n + 1, sizeof *t.mark2);
  t.rank = dc_xcalloc((size_t)n + 1, sizeof *t.rank);
  els_order(p, init, t.order);
  for (uint32_t i = 0; i < n; i++) t.pos[t.order[i]] = i;
  sift_entry *before = NULL, *after = NULL;
  uint32_t cap = 0;
  for (bool moved = true; moved && t.work < t.limit;) {
    moved = false;
    for (uint32_t v = 0; v < n && t.work < t.limit; v++)
      moved |= sift_node(p, init, v, t.order, t.pos, &before, &after, &cap, &t.work);
  }
  free(before), free(after);
  for (uint32_t e = 0; e < p->k; e++) sel[e] = (init && init[e]) || t.pos[p->to[e]] < t.pos[p->from[e]];
  improve_pass(&t, false);
  while (t.work < t.limit && improve_pass(&t, true)) {
  }
  spend(left, t.work);
  dc_vec_free(&t.fwd);
  dc_vec_free(&t.bwd);
  free(t.order), free(t.pos), free(t.mark), free(t.mark2), free(t.rank);
}

/* Returns a lower bound on the original arcs any valid plan for p cuts: a
 * greedy packing of cycles that share no cuttable arc, each worth its
 * lightest group. Short cycles leave room for more, so the packing takes
 * cycles of length 2 first, then 3, and so on. Takes its work from *left. */
static uint32_t packing_bound(const part *p, uint64_t *left) {
  uint64_t limit = part_share(*left, p->n, p->m);
  bool *used = dc_xcalloc((size_t)p->m + 1, sizeof *used);
  bfs b;
  bfs_init(&b, p->n);
  uint64_t steps = 0, bound = 0;
  for (uint32_t len = 2; len <= p->n && steps < limit; len++) {
    bool longer = false; /* some search stopped at the length limit */
    for (uint32_t e = 0; e < p->k && steps < limit; e++) {
      if (used[e]) continue;
      used[e] = true; /* the search must not take e itself */
      bool found = bfs_path(&b, p, p->to[e], p->from[e], used, NULL, len - 1, packing_search_cap, &steps);
      longer |= b.cut_short;
      if (!found) {
        used[e] = false;
        continue;
      }
      int64_t least = p->w[e].n;
      for (uint32_t x = p->from[e]; x != p->to[e]; x = p->from[b.via[x]]) {
        uint32_t a = b.via[x];
        if (a >= p->k) continue;
        used[a] = true;
        if (p->w[a].n < least) least = p->w[a].n;
      }
      bound += (uint64_t)least;
    }
    if (!longer) break;
  }
  spend(left, steps);
  bfs_release(&b);
  free(used);
  return bound > UINT32_MAX ? UINT32_MAX : (uint32_t)bound;
}

/* ---- exact solution of one part ----------------------------------------- */

/* Sets sel (k flags) to the optimal plan for p and returns true, or, when
 * the search needs more than b->exact steps, to the best plan it has and
 * returns false. Takes its work from *b. *lb receives a lower bound on the
 * original arcs any valid plan cuts. */
static bool solve_exact(const part *p, bool *sel, budget *b, uint32_t *lb) {
  uint32_t k = p->k;
  hs h;
  /* Whatever earlier parts spent, an easy part still gets solved. */
  hs_init(&h, k, p->w, b->exact + exact_floor * ((uint64_t)p->n + p->m));
  bool *best = dc_xcalloc((size_t)k + 1, sizeof *best), *alt = dc_xcalloc((size_t)k + 1, sizeof *alt);
  bool *witness = dc_xcalloc((size_t)k + 1, sizeof *witness), *found = dc_xcalloc((size_t)k + 1, sizeof *found);
  int64_t bound = 0;
  bool exact = false, have_value = false;
  wt value = wt_of(0, 0), floor = wt_of(0, 0);
  find_cycles(&h, p, NULL);
  /* Phase 1: the optimal value, through optima over growing sets of cycles. */
  for (;;) {
    hs_index(&h);
    wt root;
    uint32_t pick;
    if (hs_bound(&h, &root, &pick) && root.n > bound) bound = root.n;
    memcpy(alt, best, k * sizeof *alt);
    memset(best, 0, k * sizeof *best);
    hs_greedy(&h, best);
    hs_greedy(&h, alt);
    if (wt_lt(sel_weight(p, alt), sel_weight(p, best))) memcpy(best, alt, k * sizeof *best);
    if (h.lagrange) {
      /* The Lagrangian solution, completed: often better than greedy. */
      double l = hs_lagrange(&h, &h.on_arcs, h.wn, 0, root_iters, (double)sel_weight(p, best).n);
      if (bound_int(l) > bound) bound = bound_int(l); /* the LP bound on arcs */
      for (uint32_t e = 0; e < k; e++) alt[e] = h.best_red[e] < 0;
      hs_greedy(&h, alt);
      if (wt_lt(sel_weight(p, alt), sel_weight(p, best))) memcpy(best, alt, k * sizeof *best);
    }
    wt limit = sel_weight(p, best);
    if (hs_search(&h, &limit, floor, false, best) < 0) goto out;
    floor = limit; /* more cycles can only raise the optimum */
    if (limit.n > bound) bound = limit.n;
    if (find_cycles(&h, p, best) == 0) break;
  }
  value = sel_weight(p, best);
  have_value = true;
  memcpy(witness, best, k * sizeof *witness);
  /* Phase 2: the tie-break, deciding the groups in index order. */
  for (;;) {
    for (uint32_t e = 0; e < k; e++) {
      bool take = witness[e];
      if (!take) {
        bool useful = false;
        for (uint32_t i = h.of_first[e]; i < h.of_first[e + 1] && !useful; i++) useful = h.hit[h.of_cyc[i]] == 0;
        if (useful) {
          uint32_t mark = h.trail.size;
          hs_include(&h, e);
          wt limit = wt_add(value, wt_of(0, 1));
          int r = hs_search(&h, &limit, value, true, found);
          hs_undo(&h, mark);
          if (r < 0) goto out;
          if (r > 0) memcpy(witness, found, k * sizeof *witness), take = true;
        }
      }
      if (take) hs_include(&h, e);
      else hs_exclude(&h, e);
    }
    memcpy(found, h.in, k * sizeof *found);
    hs_undo(&h, 0);
    if (find_cycles(&h, p, found) == 0) break;
    hs_index(&h);
    memcpy(witness, best, k * sizeof *witness);
  }
  memcpy(sel, found, k * sizeof *sel);
  exact = true;
  bound = value.n;
out:
  if (!exact) {
    if (have_value) {
      /* The value is proven, only the tie-break is not. */
      memcpy(sel, best, k * sizeof *sel);
      bound = value.n;
    } else {
      /* The heuristic, alone and completing the search's best hitting set
       * of the cycles it had. */
      solve_heuristic(p, NULL, sel, &b->heuristic);
      solve_heuristic(p, best, alt, &b->heuristic);
      if (wt_lt(sel_weight(p, alt), sel_weight(p, sel))) memcpy(sel, alt, k * sizeof *sel);
      uint32_t packed = packing_bound(p, &b->packing);
      if (packed > bound) bound = packed;
    }
  }
  spend(&b->exact, h.steps);
  *lb = bound > UINT32_MAX ? UINT32_MAX : (uint32_t)bound;
  hs_release(&h);
  free(best), free(alt), free(witness), free(found);
  return exact;
}

/* ---- driver -------------------------------------------------------------- */

static int harc_cmp(const void *x, const void *y) {
  const uint32_t *a = x, *b = y; /* (from, to, index) */
  for (int i = 0; i < 3; i++)
    if (a[i] != b[i]) return (a[i] > b[i]) - (a[i] < b[i]);
  return 0;
}

static int u64_cmp(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return (a > b) - (a < b);
}

/* Builds part `p` from the live nodes of reduced component c. */
static void part_build(part *p, const red *r, const uint32_t *nodes, uint32_t n, uint32_t *local) {
  for (uint32_t i = 0; i < n; i++) local[nodes[i]] = i;
  dc_vec(uint32_t) cut = {0}, obl = {0};
  for (uint32_t i = 0; i < n; i++)
    for (uint32_t a = r->nodes[nodes[i]].out_head; a != NIL; a = r->arcs.items[a].out_next) {
      if (r->arcs.items[a].obligatory) dc_vec_push(&obl, a);
      else dc_vec_push(&cut, a);
    }
  /* Cuttable arcs by key (keys are unique: groups are disjoint). */
  uint64_t *keyed = dc_xmalloc(((size_t)cut.size + 1) * sizeof *keyed);
  for (uint32_t i = 0; i < cut.size; i++) keyed[i] = (uint64_t)r->arcs.items[cut.items[i]].key << 32 | cut.items[i];
  qsort(keyed, cut.size, sizeof *keyed, u64_cmp);
  p->n = n, p->k = cut.size, p->m = cut.size + obl.size;
  p->from = dc_xmalloc(((size_t)p->m + 1) * sizeof *p->from);
  p->to = dc_xmalloc(((size_t)p->m + 1) * sizeof *p->to);
  p->rarc = dc_xmalloc(((size_t)p->m + 1) * sizeof *p->rarc);
  p->w = dc_xmalloc(((size_t)p->k + 1) * sizeof *p->w);
  for (uint32_t i = 0; i < p->m; i++) {
    uint32_t a = i < p->k ? (uint32_t)keyed[i] : obl.items[i - p->k];
    const rarc *x = &r->arcs.items[a];
    p->rarc[i] = a, p->from[i] = local[x->from], p->to[i] = local[x->to];
    if (i < p->k) p->w[i] = wt_of(x->count, (int64_t)x->cost);
  }
  csr_build(&p->out, n, p->m, p->from, NULL);
  csr_build(&p->in, n, p->m, p->to, NULL);
  free(keyed);
  dc_vec_free(&cut);
  dc_vec_free(&obl);
}

void dc_plan_solve(uint32_t n_nodes, const dc_plan_arc *arcs, uint32_t n_arcs, dc_plan_solution *out) {
  memset(out, 0, sizeof *out);
  out->cut = dc_xcalloc((size_t)n_arcs + 1, sizeof *out->cut);
  out->exact = true;
  red r = {0};
  r.cut = out->cut;

  /* The components of the obligatory arcs become the nodes of H. */
  uint32_t *from = dc_xmalloc(((size_t)n_arcs + 1) * sizeof *from);
  uint32_t *to = dc_xmalloc(((size_t)n_arcs + 1) * sizeof *to);
  bool *cuttable = dc_xmalloc(((size_t)n_arcs + 1) * sizeof *cuttable);
  for (uint32_t a = 0; a < n_arcs; a++) {
    DC_ASSERT(arcs[a].from < n_nodes && arcs[a].to < n_nodes);
    from[a] = arcs[a].from, to[a] = arcs[a].to, cuttable[a] = !arcs[a].obligatory;
  }
  uint32_t *comp = dc_xmalloc(((size_t)n_nodes + 1) * sizeof *comp);
  csr g;
  csr_build(&g, n_nodes, n_arcs, from, cuttable);
  uint32_t n_comp = scc_find(n_nodes, &g, to, cuttable, comp);
  csr_release(&g);
  uint32_t *size = dc_xcalloc((size_t)n_comp + 1, sizeof *size);
  for (uint32_t v = 0; v < n_nodes; v++) size[comp[v]]++;
  for (uint32_t a = 0; a < n_arcs; a++)
    if (arcs[a].obligatory && (size[comp[from[a]]] > 1 || from[a] == to[a])) out->unbreakable = true;
  free(size);

  /* H: forced arcs are cut now, the others become groups; parallel arcs
   * merge as they are sorted. */
  r.n = n_comp;
  r.nodes = dc_xmalloc(((size_t)n_comp + 1) * sizeof *r.nodes);
  for (uint32_t v = 0; v < n_comp; v++) r.nodes[v] = (rnode){NIL, NIL, 0, 0, true, false};
  r.member_next = dc_xmalloc(((size_t)n_arcs + 1) * sizeof *r.member_next);
  uint32_t *h = dc_xmalloc(((size_t)n_arcs + 1) * 3 * sizeof *h);
  uint32_t n_h = 0;
  for (uint32_t a = 0; a < n_arcs; a++) {
    r.member_next[a] = NIL;
    uint32_t cu = comp[from[a]], cw = comp[to[a]];
    if (cu == cw) {
      if (!arcs[a].obligatory) out->cut[a] = true, r.forced++;
      continue;
    }
    h[3 * n_h] = cu, h[3 * n_h + 1] = cw, h[3 * n_h + 2] = a, n_h++;
  }
  qsort(h, n_h, 3 * sizeof *h, harc_cmp);
  for (uint32_t i = 0; i < n_h;) {
    uint32_t a = h[3 * i + 2];
    rarc x = {h[3 * i], h[3 * i + 1], NIL, NIL, NIL, NIL, a, a, a, 1, arcs[a].cost, arcs[a].obligatory, true};
    if (x.obligatory) x.head = x.tail = x.key = NIL, x.count = 0, x.cost = 0;
    uint32_t j = i + 1;
    for (; j < n_h && h[3 * j] == x.from && h[3 * j + 1] == x.to; j++) {
      uint32_t b = h[3 * j + 2];
      rarc y = {x.from, x.to, NIL, NIL, NIL, NIL, b, b, b, 1, arcs[b].cost, arcs[b].obligatory, true};
      red_merge_parallel(&r, &x, &y);
    }
    dc_vec_push(&r.arcs, x);
    red_link(&r, r.arcs.size - 1);
    i = j;
  }
  free(h), free(from), free(to), free(cuttable);

  /* Shrink H until neither a degree rule nor a split applies. */
  for (uint32_t v = 0; v < n_comp; v++) red_push(&r, v);
  red_settle(&r);
  while (red_split(&r, comp)) red_settle(&r);

  /* Solve each remaining component. */
  uint32_t *bucket = dc_xcalloc((size_t)n_comp + 2, sizeof *bucket);
  uint32_t *nodes = dc_xmalloc(((size_t)n_comp + 1) * sizeof *nodes);
  uint32_t *local = dc_xmalloc(((size_t)n_comp + 1) * sizeof *local);
  for (uint32_t v = 0; v < n_comp; v++)
    if (r.nodes[v].alive) bucket[comp[v] + 2]++;
  for (uint32_t c = 2; c < n_comp + 2; c++) bucket[c] += bucket[c - 1];
  for (uint32_t v = 0; v < n_comp; v++)
    if (r.nodes[v].alive) nodes[bucket[comp[v] + 1]++] = v;
  budget left = {exact_budget, heuristic_budget, packing_budget};
  uint64_t bound = r.forced;
  for (uint32_t c = 0; c < n_comp; c++) {
    uint32_t n = bucket[c + 1] - bucket[c];
    if (n == 0) continue;
    part p;
    part_build(&p, &r, nodes + bucket[c], n, local);
    bool *sel = dc_xcalloc((size_t)p.k + 1, sizeof *sel);
    uint32_t lb;
    if (p.k <= DC_PLAN_EXACT_LIMIT) {
      if (!solve_exact(&p, sel, &left, &lb)) out->exact = false;
    } else {
      solve_heuristic(&p, NULL, sel, &left.heuristic);
      lb = packing_bound(&p, &left.packing);
      out->exact = false;
    }
    bound += lb;
    for (uint32_t e = 0; e < p.k; e++)
      if (sel[e]) red_cut_members(&r, &r.arcs.items[p.rarc[e]]);
    free(sel);
    part_release(&p);
  }
  free(bucket), free(nodes), free(local), free(comp);
  free(r.nodes), free(r.member_next);
  dc_vec_free(&r.arcs);
  dc_vec_free(&r.work);

  for (uint32_t a = 0; a < n_arcs; a++)
    if (out->cut[a]) out->n_cut++, out->total_cost += arcs[a].cost;
  if (out->exact) bound = out->n_cut;
  DC_ASSERT(bound <= out->n_cut);
  out->lower_bound = (uint32_t)bound;
}

void dc_plan_solution_release(dc_plan_solution *self) {
  free(self->cut);
  self->cut = NULL;
}
