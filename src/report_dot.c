/*
 * report_dot.c - `--format dot`: the import-time cycles as a Graphviz
 * digraph, for `dot -Tsvg`.
 *
 * One cluster per component (in the text report's order), holding its
 * modules and its import-time edges, in graph order: an edge the plan cuts
 * is dashed and labelled with the strategy, an obligatory edge (one no
 * strategy can cut) is bold, and drawn red when it keeps an unbreakable
 * cycle alive; an unbreakable component has a red frame and says so in its
 * label. Tooltips (shown by SVG viewers) hold each edge's import statements
 * and the reason an edge cannot be cut. Modules outside cycles are left out.
 */
#include "report_p.h"

/* Appends s as a DOT double-quoted string. */
static void quoted(dc_buf *b, const char *s) {
  dc_buf_addch(b, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') dc_buf_addch(b, '\\');
    if (*s == '\n') dc_buf_adds(b, "\\n");
    else if (*s != '\r') dc_buf_addch(b, *s);
  }
  dc_buf_addch(b, '"');
}

/* The tooltip of an edge: each import-time site as `path:line: statement`,
 * then why it cannot be cut. */
static void tooltip(dc_buf *b, const dc_analysis *a, const dc_verdict *v) {
  const dc_edge *e = &a->graph->edges[v->edge];
  dc_buf t = DC_BUF_INIT;
  for (uint32_t s = 0; s < e->n_sites; s++) {
    const dc_site *site = &e->sites[s];
    if (site->kind != DC_SCOPE_IMPORT_TIME) continue;
    dc_buf_addf(&t, "%s%s:%u: %s", t.len ? "\n" : "", a->project->files[site->file].path, site->line + 1,
                site->statement);
  }
  if (v->obligatory) dc_buf_addf(&t, "\ncannot be cut: %s", v->obligatory);
  quoted(b, dc_buf_str(&t));
  dc_buf_release(&t);
}

void dc_report_dot(const dc_analysis *a, FILE *out) {
  const dc_graph *g = a->graph;
  const dc_components *cs = a->components;
  dc_buf b = DC_BUF_INIT;
  dc_buf_adds(&b, "digraph decycle {\n"
                  "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11];\n"
                  "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=11];\n"
                  "  edge [fontname=\"Helvetica\", fontsize=9];\n");
  if (cs->n == 0) dc_buf_addf(&b, "  label=\"no import-time cycle among %u modules\";\n", g->n_modules);
  for (uint32_t ci = 0; ci < cs->n; ci++) {
    const dc_component *c = &cs->items[ci];
    const dc_component_plan *cp = &a->fix->components[ci];
    dc_buf_addf(&b, "  subgraph cluster_%u {\n    label=\"cycle %u of %u: %u modules, %u cut%s%s\";\n", ci + 1, ci + 1,
                cs->n, c->n_modules, cp->n_cut, cp->n_cut == 1 ? "" : "s", cp->unbreakable ? ", unbreakable" : "");
    if (cp->unbreakable) dc_buf_adds(&b, "    color=red; fontcolor=red;\n");
    for (uint32_t k = 0; k < c->n_modules; k++) {
      dc_buf_adds(&b, "    ");
      quoted(&b, g->names[c->modules[k]]);
      dc_buf_adds(&b, ";\n");
    }
    for (uint32_t k = 0; k < cp->n_verdicts; k++) {
      const dc_verdict *v = &cp->verdicts[k];
      const dc_edge *e = &g->edges[v->edge];
      dc_buf_adds(&b, "    ");
      quoted(&b, g->names[e->from]);
      dc_buf_adds(&b, " -> ");
      quoted(&b, g->names[e->to]);
      if (v->cut) {
        dc_buf_adds(&b, " [style=dashed, label=");
        quoted(&b, v->strategy);
      } else if (v->obligatory) {
        dc_buf_adds(&b, v->remains ? " [style=bold, color=red, label=\"obligatory\""
                                   : " [style=bold, label=\"obligatory\"");
      } else {
        dc_buf_adds(&b, " [style=solid");
      }
      dc_buf_adds(&b, ", tooltip=");
      tooltip(&b, a, v);
      dc_buf_adds(&b, "];\n");
    }
    dc_buf_adds(&b, "  }\n");
  }
  dc_buf_adds(&b, "}\n");
  fwrite(b.data, 1, b.len, out);
  dc_buf_release(&b);
}
