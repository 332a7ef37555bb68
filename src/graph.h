/*
 * graph - the module graph: which module runs which, from where.
 *
 * Input: the scanned project and the facts of each file. Output: a dc_graph
 * whose nodes are the project's modules (those with a file; namespace
 * packages run no code and are never nodes) sorted by name, and whose edges
 * A -> B are sorted by (A, B), each with every site (import statement, import
 * call, or import-time attribute read) that makes it; imports with a
 * `# decycle: ignore` pragma make none. Resolution follows
 * DESIGN.md §2; imports of modules outside the project make no edge.
 * Everything is borrowed from the arena given to dc_graph_build.
 */
#ifndef DC_GRAPH_H
#define DC_GRAPH_H

#include "arena.h"
#include "diag.h"
#include "facts.h"
#include "scan.h"

/* dc_site - one place that makes an edge. `file` indexes the project's files;
 * `import_index` indexes that file's imports, or is -1 for an attribute
 * read. `line`/`col` are 0-based. */
typedef struct dc_site {
  uint32_t file;
  int32_t import_index;
  dc_scope kind;
  uint32_t line, col;
  const char *statement;
} dc_site;

/* dc_edge - `from` imports `to` (module indices). `kind` is the strongest of
 * its sites' kinds; sites are sorted by position, one per position. */
typedef struct dc_edge {
  uint32_t from, to;
  dc_scope kind;
  const dc_site *sites;
  uint32_t n_sites;
} dc_edge;

/* dc_graph - modules sorted by name (`file[i]` indexes project files);
 * edges sorted by (from, to); the out-edges of module m are
 * edges[first_edge[m] .. first_edge[m + 1]). */
typedef struct dc_graph {
  const char **names;
  uint32_t *file;
  uint32_t n_modules;
  dc_edge *edges;
  uint32_t n_edges;
  uint32_t *first_edge;
} dc_graph;

/* Builds the graph from the facts of every file (those of files that were
 * not parsed are NULL). Resolution problems (a relative import beyond
 * the top-level package) are appended to `diags`. Never fails. */
dc_graph *dc_graph_build(const dc_project *p, dc_facts *facts, dc_arena *arena,
                         dc_diags *diags);

/* As dc_graph_build, but the imports with a `# decycle: ignore` pragma
 * make their edges like any other (to tell which of those pragmas do
 * something); reports no diagnostics. */
dc_graph *dc_graph_build_counting_ignored(const dc_project *p, dc_facts *facts, dc_arena *arena);

/* dc_graph_resolver - resolves single imported names again after the
 * graph is built (which names of a statement make which edge). */
typedef struct dc_graph_resolver dc_graph_resolver;

/* The resolver borrows everything it is given; free it with
 * dc_graph_resolver_free. */
dc_graph_resolver *dc_graph_resolver_new(const dc_project *p, dc_facts *facts, const dc_graph *g,
                                         dc_arena *arena);
void dc_graph_resolver_free(dc_graph_resolver *self);
/* Writes to out[] (up to cap) the modules that name `name_index` of import
 * `imp` of module m alone makes m run (for a star import, the whole
 * statement); returns how many. */
uint32_t dc_graph_resolve_name(dc_graph_resolver *self, uint32_t m, const dc_import *imp, uint32_t name_index,
                               uint32_t *out, uint32_t cap);

/* The absolute module a `from` import of module m names (relative imports
 * resolved), or NULL when it climbs above the top-level package. */
const char *dc_graph_import_target(dc_graph_resolver *self, uint32_t m, const dc_import *imp);

/* dc_graph_in_edges - the edges into each module: those of module m are
 * edges[in[first[m]]], .., edges[in[first[m + 1] - 1]], in edge order. */
typedef struct dc_graph_in_edges {
  uint32_t *first; /* n_modules + 1 */
  uint32_t *in;    /* n_edges */
} dc_graph_in_edges;

/* Fills *out (free it with dc_graph_in_edges_free). */
void dc_graph_in_edges_build(const dc_graph *g, dc_graph_in_edges *out);
void dc_graph_in_edges_free(dc_graph_in_edges *self);

/* Returns the index of module `name`, or -1. */
int32_t dc_graph_find(const dc_graph *g, const char *name);

#endif
