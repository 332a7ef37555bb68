/*
 * pragma.c - warn about pragmas that do nothing.
 *
 * A keep pragma does something when its import is an import-time site of an
 * edge inside a component: the planner would otherwise be free to cut that
 * edge. An ignore pragma does something when its import would be such a
 * site if the ignored imports counted: the graph is built a second time,
 * counting every ignored import (so two ignores that together hide one
 * cycle both do something), only when some file has an ignore pragma.
 * A site that is an import-time attribute read (`pkg.X`) counts for the
 * plain import that bound `pkg`.
 */
#include "pragma.h"

#include <stdlib.h>
#include <string.h>

/* The import of file facts `f` behind site `s`, or -1. */
static int32_t import_of_site(const dc_file_facts *f, const dc_site *s) {
  if (s->import_index >= 0) return s->import_index;
  for (uint32_t i = 0; i < f->n_uses; i++)
    if (f->uses[i].line == s->line && f->uses[i].col == s->col) return (int32_t)f->uses[i].import_index;
  return -1;
}

/* Sets in[file][i] for every import i of a file with pragmas that is an
 * import-time site of an edge of `g` inside a component of `c`. `in` holds
 * one array per project file, NULL for files without pragmas. */
static void mark_inside(const dc_graph *g, const dc_components *c, dc_facts *facts, bool **in) {
  for (uint32_t e = 0; e < g->n_edges; e++) {
    const dc_edge *edge = &g->edges[e];
    if (!dc_scc_edge_inside(c, edge)) continue;
    for (uint32_t s = 0; s < edge->n_sites; s++) {
      const dc_site *site = &edge->sites[s];
      if (site->kind != DC_SCOPE_IMPORT_TIME || !in[site->file]) continue;
      int32_t i = import_of_site(dc_facts_of(facts, site->file), site);
      if (i >= 0) in[site->file][i] = true;
    }
  }
}

static void warn(dc_diags *diags, const char *path, const dc_pragma *pr, const char *message) {
  dc_diags_push(diags, (dc_diag){DC_SEVERITY_WARNING, path, pr->line, pr->col, message, NULL});
}

void dc_pragma_check(const dc_project *p, dc_facts *facts, const dc_graph *g, const dc_components *c,
                     dc_arena *arena, dc_diags *diags) {
  bool **in = NULL, any_ignore = false;
  for (uint32_t fi = 0; fi < p->n_files; fi++) {
    if (!dc_facts_pragmas(facts, fi)) continue; /* (without decoding the others) */
    const dc_file_facts *f = dc_facts_of(facts, fi);
    if (!in) in = dc_xcalloc(p->n_files, sizeof *in);
    in[fi] = dc_xcalloc(f->n_imports ? f->n_imports : 1, sizeof **in);
    for (uint32_t i = 0; i < f->n_imports; i++) any_ignore |= f->imports[i].pragma == DC_PRAGMA_IGNORE;
  }
  if (!in) return;
  mark_inside(g, c, facts, in);
  if (any_ignore) {
    const dc_graph *all = dc_graph_build_counting_ignored(p, facts, arena);
    mark_inside(all, dc_scc_find(all, arena), facts, in);
  }
  for (uint32_t fi = 0; fi < p->n_files; fi++) {
    if (!in[fi]) continue;
    const dc_file_facts *f = dc_facts_of(facts, fi);
    const char *path = p->files[fi].path;
    for (uint32_t k = 0; k < f->n_pragmas; k++) {
      const dc_pragma *pr = &f->pragmas[k];
      const char *said = dc_arena_printf(arena, "'# decycle: %s'", pr->word);
      if (pr->kind == DC_PRAGMA_UNKNOWN) {
        warn(diags, path, pr,
             dc_arena_printf(arena, "unknown pragma %s does nothing: decycle knows 'keep' and 'ignore'", said));
      } else if (!pr->on_import) {
        warn(diags, path, pr, dc_arena_printf(arena, "%s does nothing: this line holds no import", said));
      } else if (!pr->used) {
        warn(diags, path, pr,
             dc_arena_printf(arena, "%s does nothing: an earlier pragma on this import statement applies", said));
      } else {
        bool effective = false;
        for (uint32_t i = 0; i < f->n_imports && !effective; i++)
          effective = f->imports[i].pragma == pr->kind && f->imports[i].pragma_line == pr->line && in[fi][i];
        if (effective) continue;
        warn(diags, path, pr,
             dc_arena_printf(arena, "%s does nothing: %s", said,
                             pr->kind == DC_PRAGMA_KEEP ? "this import is in no import-time cycle"
                                                        : "the import would close no import-time cycle"));
      }
    }
  }
  for (uint32_t fi = 0; fi < p->n_files; fi++) free(in[fi]);
  free(in);
}
