/*
 * graph.c - resolve every import to project modules and build the edges.
 *
 * For a module m (DESIGN.md §2):
 *   import a.b.c         edges to a, a.b, a.b.c, except m itself and m's
 *                        ancestor packages, which are already running;
 *   from X import n      edges to the prefixes of X as above; then n is a
 *                        submodule (edge to X.n) when X.n exists and X's
 *                        __init__ does not bind n itself, else an attribute
 *                        of X (edge to X, even when X is m's own package:
 *                        the classic cycle through __init__.py);
 *   from X import *      edge to X, and to the submodules in X's literal
 *                        __all__;
 *   import_module("a.b") like `import a.b`;
 *   pkg.attr             read at import time, where pkg is an ancestor
 *                        package of m bound by `import pkg...`: edge to pkg
 *                        unless pkg.attr is a submodule.
 * An import with a `# decycle: ignore` pragma makes no edge, and neither
 * do the attribute reads of the names it binds.
 * Names are looked up by binary search in the sorted module and namespace
 * lists. Raw (from, to, site) triples are sorted and merged into edges.
 */
#include "graph.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "names.h"
#include "vec.h"

/* raw_site - an edge occurrence before merging. */
typedef struct raw_site {
  uint32_t from, to;
  dc_site site;
} raw_site;

/* binding_index - a file's bindings sorted by name, built on first use. */
typedef struct binding_index {
  const dc_binding **sorted;
  uint32_t n;
  bool built;
} binding_index;

/* builder - the state of one dc_graph_build call. */
typedef struct builder {
  const dc_project *p;
  dc_facts *facts;
  dc_arena *arena;
  dc_diags *diags;
  dc_graph *g;
  const uint32_t *module_of_file;
  binding_index *bindings; /* per module */
  dc_names modules;        /* the id of a module's name is its index */
  dc_names namespaces;
  dc_vec(raw_site) raw;
  dc_buf target, sub; /* scratch names: only what the graph keeps goes to the arena */
  bool count_ignored; /* imports with `# decycle: ignore` make edges too */
} builder;

static int bsearch_names(const char *const *names, uint32_t n, const char *name) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = strcmp(names[mid], name);
    if (!c) return (int)mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

int32_t dc_graph_find(const dc_graph *g, const char *name) {
  return bsearch_names(g->names, g->n_modules, name);
}

/* Fills the builder's name tables. */
static void index_names(builder *b) {
  dc_names_init(&b->modules, b->arena);
  dc_names_init(&b->namespaces, b->arena);
  for (uint32_t m = 0; m < b->g->n_modules; m++) dc_names_add(&b->modules, b->g->names[m]);
  for (uint32_t i = 0; i < b->p->n_namespaces; i++) dc_names_add(&b->namespaces, b->p->namespaces[i]);
}

/* The index of module `name` (its first `len` bytes), or -1 (dc_graph_find,
 * hashed). */
static int32_t find(const builder *b, const char *name, size_t len) { return dc_names_find(&b->modules, name, len); }

/* Whether the first `len` bytes of `anc` are `name` itself or one of its
 * ancestor packages. */
static bool is_self_or_ancestor(const char *anc, size_t len, const char *name) {
  return !strncmp(anc, name, len) && (name[len] == '\0' || name[len] == '.');
}

static const dc_file *file_of(const builder *b, uint32_t m) { return &b->p->files[b->g->file[m]]; }

static void add(builder *b, uint32_t from, int32_t to, dc_site site) {
  if (to < 0 || (uint32_t)to == from) return;
  dc_vec_push(&b->raw, ((raw_site){from, (uint32_t)to, site}));
}

/* Edges for running `target` (`len` bytes) and its parent packages from m;
 * returns the index of module `target` itself, or -1. */
static int32_t add_running(builder *b, uint32_t m, const char *target, size_t len, dc_site site) {
  const char *name = b->g->names[m];
  for (const char *dot = target;; dot++) {
    dot = memchr(dot, '.', len - (size_t)(dot - target));
    size_t prefix = dot ? (size_t)(dot - target) : len;
    bool running = is_self_or_ancestor(target, prefix, name);
    int32_t x = !running || !dot ? find(b, target, prefix) : -1;
    if (!running) add(b, m, x, site);
    if (!dot) return x;
  }
}

/* The package a relative `from` import of module m starts from: the
 * length of its name as a prefix of m's name. Returns false when the import
 * climbs above the top-level package. */
static bool relative_base(const builder *b, uint32_t m, const dc_import *imp, size_t *len_out) {
  const char *name = b->g->names[m];
  size_t len = strlen(name);
  if (!file_of(b, m)->is_package) {
    const char *dot = strrchr(name, '.');
    len = dot ? (size_t)(dot - name) : 0;
  }
  for (uint32_t up = 1; up < imp->level; up++) {
    if (len == 0) return false;
    while (len > 0 && name[len - 1] != '.') len--;
    if (len > 0) len--;
  }
  *len_out = len;
  return len > 0;
}

/* The absolute module a `from` import of module m names, or NULL when a
 * relative import climbs above the top-level package. A relative one is
 * written into `out` and borrowed from it until the next write. */
static const char *target_in(const builder *b, uint32_t m, const dc_import *imp, dc_buf *out) {
  if (imp->level == 0) return imp->module;
  size_t len;
  if (!relative_base(b, m, imp, &len)) return NULL;
  dc_buf_reset(out);
  dc_buf_add(out, b->g->names[m], len);
  if (*imp->module) dc_buf_addch(out, '.'), dc_buf_adds(out, imp->module);
  return dc_buf_str(out);
}


/* Whether a `from` import of module m names module `target`. */
static bool targets(const builder *b, uint32_t m, const dc_import *imp, const char *target) {
  if (imp->level == 0) return !strcmp(imp->module, target);
  size_t len;
  if (!relative_base(b, m, imp, &len) || strncmp(b->g->names[m], target, len)) return false;
  if (!*imp->module) return target[len] == '\0';
  return target[len] == '.' && !strcmp(target + len + 1, imp->module);
}

/* `prefix.name` in `out` (its length in out->len), borrowed from it until
 * the next write. */
static const char *dotted(dc_buf *out, const char *prefix, size_t prefix_len, const char *name) {
  dc_buf_reset(out);
  dc_buf_add(out, prefix, prefix_len);
  dc_buf_addch(out, '.');
  dc_buf_adds(out, name);
  return dc_buf_str(out);
}

static int cmp_binding(const void *x, const void *y) {
  return strcmp((*(const dc_binding *const *)x)->name, (*(const dc_binding *const *)y)->name);
}

/* Whether module x's own code binds `name` at module level, other than by a
 * from-import of the very submodule x.name. */
static bool binds(builder *b, uint32_t x, const char *name) {
  const dc_file_facts *f = dc_facts_of(b->facts, b->g->file[x]);
  if (!f) return false;
  binding_index *bi = &b->bindings[x];
  if (!bi->built) {
    bi->built = true;
    bi->n = f->n_bindings;
    bi->sorted = dc_xmalloc((bi->n ? bi->n : 1) * sizeof *bi->sorted);
    for (uint32_t i = 0; i < bi->n; i++) bi->sorted[i] = &f->bindings[i];
    qsort(bi->sorted, bi->n, sizeof *bi->sorted, cmp_binding);
  }
  uint32_t lo = 0, hi = bi->n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (strcmp(bi->sorted[mid]->name, name) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < bi->n && !strcmp(bi->sorted[lo]->name, name); lo++) {
    const dc_binding *bd = bi->sorted[lo];
    if (bd->import_index < 0) return true;
    const dc_import *imp = &f->imports[bd->import_index];
    const dc_import_name *nm = &imp->names[bd->name_index];
    if (imp->form != DC_IMPORT_FROM || strcmp(nm->name, name)) return true;
    if (!targets(b, x, imp, b->g->names[x])) return true;
  }
  return false;
}

/* Whether `from X import n` (X = module index x, or -1 for a namespace
 * package) gets the submodule X.n (`sub`, `len` bytes) rather than an
 * attribute; *module is X.n's index (-1: a namespace package, or none). */
static bool is_submodule(builder *b, int32_t x, const char *sub, size_t len, int32_t *module) {
  *module = find(b, sub, len);
  if (*module < 0 && dc_names_find(&b->namespaces, sub, len) < 0) return false;
  return x < 0 || !binds(b, (uint32_t)x, strrchr(sub, '.') + 1);
}

static void resolve_from(builder *b, uint32_t m, const dc_import *imp, dc_site site) {
  const char *target = target_in(b, m, imp, &b->target);
  if (!target) {
    if (!b->diags) return;
    const dc_file *f = file_of(b, m);
    dc_diags_push(b->diags, (dc_diag){DC_SEVERITY_WARNING, f->path, imp->line, imp->col,
                                      "relative import beyond the top-level package; ignored", NULL});
    return;
  }
  /* Even when target is not the project's, a prefix of it may be. */
  size_t len = strlen(target);
  int32_t x = add_running(b, m, target, len, site), module;
  if (x < 0 && dc_names_find(&b->namespaces, target, len) < 0) return;
  const char *name = b->g->names[m];
  if (imp->star) {
    add(b, m, x, site);
    const dc_file_facts *f = x >= 0 ? dc_facts_of(b->facts, b->g->file[x]) : NULL;
    for (uint32_t i = 0; f && f->has_all && i < f->n_all; i++) {
      const char *sub = dotted(&b->sub, target, len, f->all[i]);
      if (is_submodule(b, x, sub, b->sub.len, &module) && !is_self_or_ancestor(sub, b->sub.len, name))
        add(b, m, module, site);
    }
    return;
  }
  for (uint32_t i = 0; i < imp->n_names; i++) {
    const char *sub = dotted(&b->sub, target, len, imp->names[i].name);
    if (is_submodule(b, x, sub, b->sub.len, &module)) {
      if (!is_self_or_ancestor(sub, b->sub.len, name)) add(b, m, module, site);
    } else {
      add(b, m, x, site);
    }
  }
}

static void resolve_file(builder *b, uint32_t m) {
  uint32_t fi = b->g->file[m];
  const dc_file_facts *f = dc_facts_of(b->facts, fi);
  if (!f) return;
  for (uint32_t i = 0; i < f->n_imports; i++) {
    const dc_import *imp = &f->imports[i];
    if (imp->pragma == DC_PRAGMA_IGNORE && !b->count_ignored) continue;
    dc_site site = {fi, (int32_t)i, imp->scope, imp->line, imp->col, imp->statement};
    if (imp->form == DC_IMPORT_FROM) {
      resolve_from(b, m, imp, site);
    } else {
      for (uint32_t j = 0; j < imp->n_names; j++)
        add_running(b, m, imp->names[j].name, strlen(imp->names[j].name), site);
    }
  }
  for (uint32_t i = 0; i < f->n_uses; i++) {
    const dc_attr_use *u = &f->uses[i];
    if (f->imports[u->import_index].pragma == DC_PRAGMA_IGNORE && !b->count_ignored) continue;
    const dc_import_name *nm = &f->imports[u->import_index].names[u->name_index];
    size_t bound_len = nm->alias ? strlen(nm->name) : strcspn(nm->name, ".");
    dc_buf_reset(&b->target);
    dc_buf_add(&b->target, nm->name, bound_len);
    const char *bound = dc_buf_str(&b->target);
    /* Only an ancestor package lacks an edge from the import itself. */
    int32_t target = find(b, bound, bound_len);
    if (target < 0 || !is_self_or_ancestor(bound, bound_len, b->g->names[m])) continue;
    const char *sub = dotted(&b->sub, bound, bound_len, u->attr);
    if (find(b, sub, b->sub.len) >= 0 || dc_names_find(&b->namespaces, sub, b->sub.len) >= 0) continue;
    add(b, m, target, (dc_site){fi, -1, DC_SCOPE_IMPORT_TIME, u->line, u->col, u->statement});
  }
}

static int cmp_raw(const void *x, const void *y) {
  const raw_site *a = x, *b = y;
  if (a->from != b->from) return a->from < b->from ? -1 : 1;
  if (a->to != b->to) return a->to < b->to ? -1 : 1;
  if (a->site.line != b->site.line) return a->site.line < b->site.line ? -1 : 1;
  if (a->site.col != b->site.col) return a->site.col < b->site.col ? -1 : 1;
  return (int)a->site.kind - (int)b->site.kind;
}

/* Sorts the raw sites and merges them into edges, one site per position.
 * They come module by module (build), so each module's are sorted apart:
 * runs of tens rather than one array of tens of thousands. The arrays are counted first: there are about half as
 * many edges as raw sites, and both last until the end of the run. */
static void merge(builder *b) {
  dc_graph *g = b->g;
  raw_site *r = b->raw.items;
  uint32_t n = b->raw.size;
  for (uint32_t i = 0, j; i < n; i = j) {
    for (j = i + 1; j < n && r[j].from == r[i].from; j++) {}
    DC_ASSERT(j == n || r[j].from > r[i].from);
    qsort(r + i, j - i, sizeof *r, cmp_raw);
  }
  uint32_t n_edges = 0, n_kept = 0;
  for (uint32_t i = 0; i < n; i++) {
    bool first = i == 0 || r[i].from != r[i - 1].from || r[i].to != r[i - 1].to;
    n_edges += first;
    n_kept += first || r[i].site.line != r[i - 1].site.line || r[i].site.col != r[i - 1].site.col;
  }
  g->edges = dc_arena_alloc(b->arena, (n_edges ? n_edges : 1) * sizeof *g->edges);
  dc_site *sites = dc_arena_alloc(b->arena, (n_kept ? n_kept : 1) * sizeof *sites);
  uint32_t n_sites = 0;
  for (uint32_t i = 0; i < n;) {
    dc_edge *e = &g->edges[g->n_edges++];
    e->from = r[i].from, e->to = r[i].to;
    e->sites = &sites[n_sites];
    e->kind = DC_SCOPE_TYPE_ONLY;
    for (; i < n && r[i].from == e->from && r[i].to == e->to; i++) {
      const dc_site *s = &r[i].site;
      if (e->n_sites && e->sites[e->n_sites - 1].line == s->line && e->sites[e->n_sites - 1].col == s->col)
        continue; /* same position; the first is the strongest */
      sites[n_sites++] = *s;
      e->n_sites++;
      if (s->kind < e->kind) e->kind = s->kind;
    }
  }
  DC_ASSERT(g->n_edges == n_edges && n_sites == n_kept);
  g->first_edge = dc_arena_alloc(b->arena, ((size_t)g->n_modules + 1) * sizeof(uint32_t));
  for (uint32_t m = 0, e = 0; m <= g->n_modules; m++) {
    while (e < g->n_edges && g->edges[e].from < m) e++;
    g->first_edge[m] = e;
  }
}

void dc_graph_in_edges_build(const dc_graph *g, dc_graph_in_edges *out) {
  out->first = dc_xcalloc((size_t)g->n_modules + 1, sizeof *out->first);
  out->in = dc_xmalloc((g->n_edges ? g->n_edges : 1) * sizeof *out->in);
  for (uint32_t e = 0; e < g->n_edges; e++) out->first[g->edges[e].to + 1]++;
  for (uint32_t m = 0; m < g->n_modules; m++) out->first[m + 1] += out->first[m];
  uint32_t *fill = dc_xmalloc(((size_t)g->n_modules + 1) * sizeof *fill);
  memcpy(fill, out->first, ((size_t)g->n_modules + 1) * sizeof *fill);
  for (uint32_t e = 0; e < g->n_edges; e++) out->in[fill[g->edges[e].to]++] = e;
  free(fill);
}

void dc_graph_in_edges_free(dc_graph_in_edges *self) {
  free(self->first);
  free(self->in);
}

/* Sorts module indices by name: qsort with a context pointer is not
 * portable, so names are paired with file indices first. */
typedef struct named_file {
  const char *name;
  uint32_t file;
} named_file;

static int cmp_named_file(const void *x, const void *y) {
  return strcmp(((const named_file *)x)->name, ((const named_file *)y)->name);
}

/* Builds the graph, counting the ignored imports or not. */
static dc_graph *build(const dc_project *p, dc_facts *facts, dc_arena *arena, dc_diags *diags,
                       bool count_ignored) {
  dc_graph *g = dc_arena_alloc(arena, sizeof *g);
  uint32_t n = p->n_files;
  named_file *order = dc_xmalloc((n ? n : 1) * sizeof *order);
  for (uint32_t i = 0; i < n; i++) order[i] = (named_file){p->files[i].module, i};
  if (n) qsort(order, n, sizeof *order, cmp_named_file);
  g->n_modules = n;
  g->names = dc_arena_alloc(arena, (n ? n : 1) * sizeof *g->names);
  g->file = dc_arena_alloc(arena, (n ? n : 1) * sizeof *g->file);
  for (uint32_t i = 0; i < n; i++) g->names[i] = order[i].name, g->file[i] = order[i].file;
  free(order);

  builder b = {.p = p, .facts = facts, .arena = arena, .diags = diags, .g = g, .count_ignored = count_ignored};
  b.bindings = dc_xcalloc(n ? n : 1, sizeof *b.bindings);
  index_names(&b);
  for (uint32_t m = 0; m < n; m++) resolve_file(&b, m);
  merge(&b);
  for (uint32_t m = 0; m < n; m++) free(b.bindings[m].sorted);
  free(b.bindings);
  dc_vec_free(&b.raw);
  dc_buf_release(&b.target);
  dc_buf_release(&b.sub);
  return g;
}

dc_graph *dc_graph_build(const dc_project *p, dc_facts *facts, dc_arena *arena,
                         dc_diags *diags) {
  return build(p, facts, arena, diags, false);
}

dc_graph *dc_graph_build_counting_ignored(const dc_project *p, dc_facts *facts, dc_arena *arena) {
  return build(p, facts, arena, NULL, true);
}

/* dc_graph_resolver - a builder kept alive; `raw` collects one name's
 * targets at a time. */
struct dc_graph_resolver {
  builder b;
};

dc_graph_resolver *dc_graph_resolver_new(const dc_project *p, dc_facts *facts, const dc_graph *g,
                                         dc_arena *arena) {
  dc_graph_resolver *r = dc_xcalloc(1, sizeof *r);
  r->b = (builder){.p = p, .facts = facts, .arena = arena, .diags = NULL, .g = (dc_graph *)g};
  r->b.bindings = dc_xcalloc(g->n_modules ? g->n_modules : 1, sizeof *r->b.bindings);
  index_names(&r->b);
  return r;
}

void dc_graph_resolver_free(dc_graph_resolver *self) {
  if (!self) return;
  for (uint32_t m = 0; m < self->b.g->n_modules; m++) free(self->b.bindings[m].sorted);
  free(self->b.bindings);
  dc_vec_free(&self->b.raw);
  dc_buf_release(&self->b.target);
  dc_buf_release(&self->b.sub);
  free(self);
}

uint32_t dc_graph_resolve_name(dc_graph_resolver *self, uint32_t m, const dc_import *imp, uint32_t name_index,
                               uint32_t *out, uint32_t cap) {
  builder *b = &self->b;
  dc_vec_clear(&b->raw);
  dc_import one = *imp;
  if (!imp->star && imp->n_names) {
    one.names = &imp->names[name_index];
    one.n_names = 1;
  }
  dc_site site = {b->g->file[m], 0, imp->scope, imp->line, imp->col, imp->statement};
  if (one.form == DC_IMPORT_FROM) resolve_from(b, m, &one, site);
  else
    for (uint32_t j = 0; j < one.n_names; j++) add_running(b, m, one.names[j].name, strlen(one.names[j].name), site);
  uint32_t n = 0;
  for (uint32_t i = 0; i < b->raw.size && n < cap; i++) out[n++] = b->raw.items[i].to;
  return n;
}

const char *dc_graph_import_target(dc_graph_resolver *self, uint32_t m, const dc_import *imp) {
  const char *target = target_in(&self->b, m, imp, &self->b.target);
  return target && imp->level ? dc_arena_strdup(self->b.arena, target) : target;
}
