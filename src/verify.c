/*
 * verify.c - re-parse the rewritten files, rebuild the graph in memory with
 * their new facts (the other files keep theirs), and compare it with the
 * old one. A rewrite only ever defers imports, so the new import-time edges
 * must be a subset of the old ones, apart from the imports it adds on
 * purpose: of the config modules it writes, which import nothing themselves,
 * and of `typing` (for TYPE_CHECKING) by a file it rewrites, which is a
 * project module when the project is the standard library or shadows it;
 * neither may close a cycle.
 * The planned cuts must be gone, and the new text must be text Python takes
 * (dc_rewrite_refusal: a file that had none of that is the only kind
 * rewritten).
 */
#include "verify.h"

#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "parse.h"
#include "pywalk.h"
#include "scc.h"

static bool has_import_time_edge(const dc_graph *g, uint32_t from, uint32_t to) {
  for (uint32_t e = g->first_edge[from]; e < g->first_edge[from + 1]; e++)
    if (g->edges[e].to == to) return g->edges[e].kind == DC_SCOPE_IMPORT_TIME;
  return false;
}

/* Whether `name` is a config module the fix writes, or a package above one
 * (importing the config module imports them). */
static bool config_module(const dc_fix *fix, const char *name) {
  size_t n = strlen(name);
  for (uint32_t i = 0; i < fix->n_config_modules; i++) {
    const char *m = fix->config_modules[i];
    if (!strncmp(m, name, n) && (m[n] == '\0' || m[n] == '.')) return true;
  }
  return false;
}

/* Whether the fix rewrites project file `file`. */
static bool rewrites(const dc_fix *fix, uint32_t file) {
  for (uint32_t i = 0; i < fix->n_changes; i++)
    if (fix->changes[i].file == file) return true;
  return false;
}

int dc_verify(const dc_project *p, const dc_graph *g, dc_facts *facts, const dc_fix *fix, dc_arena *arena) {
  dc_file_facts **next = dc_arena_alloc(arena, (p->n_files ? p->n_files : 1) * sizeof *next);
  for (uint32_t i = 0; i < p->n_files; i++) next[i] = (dc_file_facts *)dc_facts_of(facts, i);
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  int rc = 0;
  for (uint32_t i = 0; i < fix->n_changes && rc == 0; i++) {
    const dc_change *ch = &fix->changes[i];
    uint32_t bom = ch->new_len >= 3 && !memcmp(ch->new_text, "\xef\xbb\xbf", 3) ? 3 : 0;
    TSTree *tree = dc_ts_parse(parser, ch->new_text + bom, ch->new_len - bom);
    const dc_file_facts *ff = NULL;
    const char *refusal = dc_rewrite_refusal(&(dc_source){(char *)ch->new_text, ch->new_len, bom}, tree);
    if (refusal) {
      rc = dc_error("the rewrite of '%s' %s, which Python refuses; nothing is written", ch->path, refusal);
    } else {
      ff = dc_facts_extract(ch->new_text, ch->new_len, bom, tree, dc_py_walk_flags_for(p->target_minor), arena);
      if (ch->file != UINT32_MAX) next[ch->file] = (dc_file_facts *)ff;
    }
    /* A config module imports nothing but __future__. */
    for (uint32_t k = 0; ff && rc == 0 && k < ff->n_imports; k++)
      if (ch->config && (!ff->imports[k].module || strcmp(ff->imports[k].module, "__future__")))
        rc = dc_error("the config module '%s' would import '%s'; nothing is written", ch->path, ff->imports[k].statement);
    if (tree) ts_tree_delete(tree);
  }
  ts_parser_delete(parser);
  if (rc) return rc;
  dc_diags ignored = {0};
  dc_graph *after = dc_graph_build(p, dc_facts_over(p, next, arena), arena, &ignored);
  dc_diags_release(&ignored);
  dc_components *cycles = NULL;
  for (uint32_t e = 0; e < after->n_edges; e++) {
    const dc_edge *edge = &after->edges[e];
    if (edge->kind != DC_SCOPE_IMPORT_TIME || has_import_time_edge(g, edge->from, edge->to)) continue;
    bool typing = !strcmp(g->names[edge->to], "typing") && rewrites(fix, g->file[edge->from]);
    if (!typing && !config_module(fix, g->names[edge->to]))
      return dc_error("the rewrite would add the import-time edge %s -> %s; nothing is written",
                      g->names[edge->from], g->names[edge->to]);
    if (!cycles) cycles = dc_scc_find(after, arena);
    if (dc_scc_edge_inside(cycles, edge))
      return dc_error("the import of %s by %s would close a cycle through %s; nothing is written",
                      typing ? "typing" : "the config module", g->names[edge->from], g->names[edge->to]);
  }
  for (uint32_t ci = 0; ci < fix->n_components; ci++) {
    const dc_component_plan *cp = &fix->components[ci];
    for (uint32_t i = 0; i < cp->n_verdicts; i++) {
      const dc_edge *edge = &g->edges[cp->verdicts[i].edge];
      if (cp->verdicts[i].cut && has_import_time_edge(after, edge->from, edge->to))
        return dc_error("the rewrite leaves the import-time edge %s -> %s; nothing is written",
                        g->names[edge->from], g->names[edge->to]);
    }
  }
  return 0;
}
