/*
 * report.c - everything decycle prints besides main.c's usage messages: the
 * text and JSON reports, --explain, the diff of a fix and its one-line
 * summaries, the outcome of --verify, located diagnostics, and the progress
 * line of a long parse on a terminal.
 *
 * The text report shows each component as rows of aligned columns, one per
 * import-time edge (where, the statement, the edge, the plan's verdict), its
 * shortest cycle's edges first; large components are capped so that the
 * report stays readable. With colour (--color), SGR sequences mark headers,
 * locations and verdicts; without it the bytes are exactly the plain report.
 *
 * Every rendering walks the same sorted data (modules by name, edges by
 * (from, to), sites by position, components by first module, changes by
 * path), so the bytes printed depend only on the input project.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diff.h"
#include "report_p.h"
#include "vec.h"

static const char *path_of(const dc_analysis *a, uint32_t module) {
  return a->project->files[a->graph->file[module]].path;
}

/* SGR escape sequences (ECMA-48) of the coloured text report. */
enum style { STYLE_BOLD, STYLE_DIM, STYLE_CUT, STYLE_KEPT };
static const char *const sgr[] = {"\033[1m", "\033[2m", "\033[32m", "\033[31m"};

/* Starts style `s` when the report is coloured; style_end ends it. */
static void style_start(const dc_analysis *a, enum style s, FILE *out) {
  if (a->color) fputs(sgr[s], out);
}

static void style_end(const dc_analysis *a, FILE *out) {
  if (a->color) fputs("\033[0m", out);
}

/* The number of characters (code points) in the first n bytes of s. */
static uint32_t text_width(const char *s, size_t n) {
  uint32_t w = 0;
  for (size_t i = 0; i < n; i++) w += ((unsigned char)s[i] & 0xC0) != 0x80;
  return w;
}

/* Prints s padded with spaces to `width` characters. */
static void print_padded(const char *s, size_t n, uint32_t width, FILE *out) {
  fwrite(s, 1, n, out);
  for (uint32_t w = text_width(s, n); w < width; w++) fputc(' ', out);
}

/* Above this many import-time edges, a component's text report lists the
 * edges of its shortest cycle, then the cut and unbreakable ones, then the
 * others, up to this many rows, and counts the rest. */
#define TEXT_ROWS 24
/* The module names a component's header lists. */
#define TEXT_MODULES 6
/* The characters of an import statement a row quotes. */
#define TEXT_STATEMENT 48
/* The unbreakable cycles listed per component. */
#define TEXT_REMAINING 5

/* row - one import-time edge of a component in the text report: the cells
 * of its columns (location, statement, edge, verdict) and its style. */
typedef struct row {
  dc_buf cells[4];
  bool cut, kept;
} row;

/* Fills the cells of the row of edge `edge`. */
static void row_fill(const dc_analysis *a, uint32_t edge, row *r) {
  const dc_graph *g = a->graph;
  const dc_edge *e = &g->edges[edge];
  const dc_site *site = dc_report__first_site(e);
  uint32_t more = 0;
  for (uint32_t s = 0; s < e->n_sites; s++) more += e->sites[s].kind == DC_SCOPE_IMPORT_TIME && &e->sites[s] != site;
  for (int c = 0; c < 4; c++) dc_buf_init(&r->cells[c]);
  dc_buf_addf(&r->cells[0], "%s:%u", a->project->files[site->file].path, site->line + 1);
  if (more) dc_buf_addf(&r->cells[0], " (+%u)", more);
  /* Long statements are clipped on a character boundary. */
  const char *st = site->statement;
  size_t n = strlen(st);
  if (text_width(st, n) > TEXT_STATEMENT) {
    size_t cut = 0;
    for (uint32_t w = 0; cut < n; cut++) {
      if (((unsigned char)st[cut] & 0xC0) == 0x80) continue;
      if (w++ == TEXT_STATEMENT - 3) break;
    }
    dc_buf_add(&r->cells[1], st, cut);
    dc_buf_adds(&r->cells[1], "...");
  } else {
    dc_buf_add(&r->cells[1], st, n);
  }
  dc_buf_addf(&r->cells[2], "%s -> %s", g->names[e->from], g->names[e->to]);
  const dc_verdict *v = a->fix ? dc_fix_verdict(a->fix, a->components, g, edge) : NULL;
  r->cut = v && v->cut;
  r->kept = v && v->obligatory;
  if (r->cut)
    dc_buf_addf(&r->cells[3], "cut: %s (%u line%s)", v->strategy, v->lines_changed, v->lines_changed == 1 ? "" : "s");
  else if (r->kept)
    dc_buf_addf(&r->cells[3], "kept: %s", v->obligatory);
}

/* Prints rows[0..n) with their columns aligned. */
static void rows_print(const dc_analysis *a, row *rows, uint32_t n, FILE *out) {
  uint32_t width[3] = {0, 0, 0};
  for (uint32_t k = 0; k < n; k++)
    for (int c = 0; c < 3; c++) {
      uint32_t w = text_width(rows[k].cells[c].data, rows[k].cells[c].len);
      if (w > width[c]) width[c] = w;
    }
  for (uint32_t k = 0; k < n; k++) {
    const row *r = &rows[k];
    fputs("  ", out);
    /* The padding goes after the style's end. */
    style_start(a, STYLE_DIM, out);
    fputs(dc_buf_str(&r->cells[0]), out);
    style_end(a, out);
    print_padded("", 0, width[0] - text_width(r->cells[0].data, r->cells[0].len) + 2, out);
    print_padded(dc_buf_str(&r->cells[1]), r->cells[1].len, width[1] + 2, out);
    if (!r->cells[3].len) {
      fputs(dc_buf_str(&r->cells[2]), out);
    } else {
      print_padded(dc_buf_str(&r->cells[2]), r->cells[2].len, width[2] + 2, out);
      style_start(a, r->cut ? STYLE_CUT : STYLE_KEPT, out);
      fputs(dc_buf_str(&r->cells[3]), out);
      style_end(a, out);
    }
    fputc('\n', out);
  }
}

/* Prints " a -> b -> ... -> a": a cycle of module indices, cycle[0] ==
 * cycle[n - 1]; past DC_REPORT__CYCLE_SHOWN modules it is abbreviated and
 * its length given. */
static void cycle_line(const dc_graph *g, const uint32_t *cycle, uint32_t n, FILE *out) {
  for (uint32_t k = 0; k < n; k++) {
    if (k == DC_REPORT__CYCLE_SHOWN && k + 1 < n) {
      fputs(" -> ...", out);
      k = n - 1;
    }
    fprintf(out, "%s%s", k ? " -> " : " ", g->names[cycle[k]]);
  }
  if (n - 1 > DC_REPORT__CYCLE_SHOWN) fprintf(out, " (%u modules)", n - 1);
  fputc('\n', out);
}

/* Finds edge `edge` in the sorted list edges[0..n); returns its position. */
static uint32_t edge_position(const uint32_t *edges, uint32_t n, uint32_t edge) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (edges[mid] < edge) lo = mid + 1;
    else hi = mid;
  }
  DC_ASSERT(lo < n && edges[lo] == edge);
  return lo;
}

/* The text report of component i: a header with its size and modules, its
 * shortest cycle (when the component is more than that cycle), one row per
 * import-time edge (the cycle's edges first, in its order; at most TEXT_ROWS
 * rows), then its unbreakable cycles and the plan's caveat. */
static void component_text(const dc_analysis *a, uint32_t i, FILE *out) {
  const dc_graph *g = a->graph;
  const dc_components *cs = a->components;
  const dc_component *c = &cs->items[i];
  const dc_component_plan *cp = a->fix ? &a->fix->components[i] : NULL;
  dc_vec(uint32_t) edges = {0};
  for (uint32_t k = 0; k < c->n_modules; k++) {
    uint32_t m = c->modules[k];
    for (uint32_t e = g->first_edge[m]; e < g->first_edge[m + 1]; e++)
      if (dc_scc_edge_inside(cs, &g->edges[e])) dc_vec_push(&edges, e);
  }
  uint32_t n = edges.size, n_path = c->n_cycle - 1;
  /* order[]: the positions in edges[] in the order the rows print them;
   * state[]: 0 not listed, 1 on the shortest cycle, 2 listed after it. */
  uint32_t *order = dc_xmalloc((n + 1) * sizeof *order);
  unsigned char *state = dc_xcalloc(n + 1, 1);
  uint32_t n_rows = 0, cap = n > TEXT_ROWS ? TEXT_ROWS : n;
  for (uint32_t k = 0; k < n_path && n_rows < cap; k++) {
    int32_t e = dc_report__find_edge(g, c->cycle[k], c->cycle[k + 1]);
    DC_ASSERT(e >= 0);
    uint32_t pos = edge_position(edges.items, n, (uint32_t)e);
    state[pos] = 1;
    order[n_rows++] = pos;
  }
  /* When not every edge fits, the cut and unbreakable ones go first. */
  for (int pass = n > TEXT_ROWS ? 0 : 1; pass < 2; pass++)
    for (uint32_t k = 0; k < n && n_rows < cap; k++) {
      const dc_verdict *v = a->fix ? dc_fix_verdict(a->fix, cs, g, edges.items[k]) : NULL;
      if (state[k] || (pass == 0 && !(v && (v->cut || v->remains)))) continue;
      state[k] = 2;
      n_rows++;
    }
  /* The rows after the cycle's own print in graph order. */
  for (uint32_t k = 0, w = n_path < cap ? n_path : cap; k < n; k++)
    if (state[k] == 2) order[w++] = k;

  style_start(a, STYLE_BOLD, out);
  fprintf(out, "cycle %u of %u: %u modules (", i + 1, cs->n, c->n_modules);
  for (uint32_t k = 0; k < c->n_modules && k < TEXT_MODULES; k++)
    fprintf(out, "%s%s", k ? ", " : "", g->names[c->modules[k]]);
  if (c->n_modules > TEXT_MODULES) fprintf(out, " and %u more", c->n_modules - TEXT_MODULES);
  fprintf(out, "), %u import-time edge%s", n, n == 1 ? "" : "s");
  if (cp && cp->n_cut) fprintf(out, ", %u cut", cp->n_cut);
  if (cp && cp->unbreakable) fputs(", unbreakable", out);
  style_end(a, out);
  fputc('\n', out);
  if (n_path < n) {
    fputs("  shortest:", out);
    cycle_line(g, c->cycle, c->n_cycle, out);
  }
  row *rows = dc_xcalloc(n_rows + 1, sizeof *rows);
  for (uint32_t k = 0; k < n_rows; k++) row_fill(a, edges.items[order[k]], &rows[k]);
  rows_print(a, rows, n_rows, out);
  if (n_rows < n) {
    uint32_t more_cut = 0, more_kept = 0;
    for (uint32_t k = 0; k < n; k++) {
      const dc_verdict *v = a->fix && !state[k] ? dc_fix_verdict(a->fix, cs, g, edges.items[k]) : NULL;
      more_cut += v && v->cut;
      more_kept += v && v->obligatory;
    }
    fprintf(out, "  ... and %u more import-time edges (", n - n_rows);
    if (more_cut) fprintf(out, "%u cut; ", more_cut);
    if (more_kept) fprintf(out, "%u that cannot be cut; ", more_kept);
    fputs("--explain lists them all)\n", out);
  }
  for (uint32_t r = 0; cp && r < cp->n_remaining && r < TEXT_REMAINING; r++) {
    const dc_component *rc = &cp->remaining[r];
    style_start(a, STYLE_KEPT, out);
    fputs("  unbreakable:", out);
    style_end(a, out);
    cycle_line(g, rc->cycle, rc->n_cycle, out);
  }
  if (cp && cp->n_remaining > TEXT_REMAINING)
    fprintf(out, "  ... and %u more unbreakable cycles\n", cp->n_remaining - TEXT_REMAINING);
  if (cp && !cp->exact)
    fprintf(out, "  note: the plan may not be minimal (at least %u cuts are needed)\n", cp->lower_bound);
  for (uint32_t k = 0; k < n_rows; k++)
    for (int col = 0; col < 4; col++) dc_buf_release(&rows[k].cells[col]);
  free(rows);
  free(order);
  free(state);
  dc_vec_free(&edges);
}

void dc_report_text(const dc_analysis *a, FILE *out) {
  const dc_graph *g = a->graph;
  const dc_components *cs = a->components;
  uint32_t in_cycles = 0;
  for (uint32_t i = 0; i < cs->n; i++) {
    in_cycles += cs->items[i].n_modules;
    component_text(a, i, out);
    fputc('\n', out);
  }
  if (cs->n == 0)
    fprintf(out, "decycle: no import-time cycle among %u modules\n", g->n_modules);
  else
    fprintf(out, "decycle: %u import-time cycle%s involving %u of %u modules\n", cs->n,
            cs->n == 1 ? "" : "s", in_cycles, g->n_modules);
}

static void json_str(dc_buf *b, const char *s) { dc_buf_add_json_string(b, s); }

static void json_str_or_null(dc_buf *b, const char *s) {
  if (s) json_str(b, s);
  else dc_buf_adds(b, "null");
}

/* The sites of an edge as a JSON array (only import-time ones if asked). */
static void json_sites(dc_buf *b, const dc_project *p, const dc_edge *edge, bool import_time_only) {
  dc_buf_addch(b, '[');
  bool first = true;
  for (uint32_t s = 0; s < edge->n_sites; s++) {
    const dc_site *site = &edge->sites[s];
    if (import_time_only && site->kind != DC_SCOPE_IMPORT_TIME) continue;
    dc_buf_adds(b, first ? "{\"path\": " : ", {\"path\": ");
    first = false;
    json_str(b, p->files[site->file].path);
    dc_buf_addf(b, ", \"line\": %u, \"column\": %u, \"kind\": \"%s\", \"statement\": ", site->line + 1,
                site->col + 1, dc_scope_name(site->kind));
    json_str(b, site->statement);
    dc_buf_addch(b, '}');
  }
  dc_buf_addch(b, ']');
}

/* The "plan" and "unbreakable" members of the JSON report. */
static void json_plan(dc_buf *b, const dc_analysis *a) {
  const dc_graph *g = a->graph;
  const dc_fix *fix = a->fix;
  bool first = true;
  dc_buf_adds(b, "  \"plan\": [");
  for (uint32_t ci = 0; ci < fix->n_components; ci++) {
    for (uint32_t k = 0; k < fix->components[ci].n_verdicts; k++) {
      const dc_verdict *v = &fix->components[ci].verdicts[k];
      if (!v->cut) continue;
      const dc_edge *e = &g->edges[v->edge];
      dc_buf_adds(b, first ? "\n    {\"from\": " : ",\n    {\"from\": ");
      first = false;
      json_str(b, g->names[e->from]);
      dc_buf_adds(b, ", \"to\": ");
      json_str(b, g->names[e->to]);
      dc_buf_adds(b, ", \"strategy\": ");
      json_str(b, v->strategy);
      dc_buf_adds(b, ", \"sites\": ");
      json_sites(b, a->project, e, true);
      dc_buf_addf(b, ", \"lines_changed\": %u}", v->lines_changed);
    }
  }
  dc_buf_adds(b, first ? "],\n" : "\n  ],\n");
  first = true;
  dc_buf_adds(b, "  \"unbreakable\": [");
  for (uint32_t ci = 0; ci < fix->n_components; ci++) {
    const dc_component_plan *cp = &fix->components[ci];
    for (uint32_t r = 0; r < cp->n_remaining; r++) {
      const dc_component *rc = &cp->remaining[r];
      dc_buf_adds(b, first ? "\n    {\"modules\": [" : ",\n    {\"modules\": [");
      first = false;
      for (uint32_t k = 0; k < rc->n_modules; k++) {
        if (k) dc_buf_adds(b, ", ");
        json_str(b, g->names[rc->modules[k]]);
      }
      dc_buf_adds(b, "], \"reasons\": [");
      bool first_reason = true;
      for (uint32_t k = 0; k < cp->n_verdicts; k++) {
        const dc_verdict *v = &cp->verdicts[k];
        const dc_edge *e = &g->edges[v->edge];
        if (!v->remains) continue;
        bool inside = false;
        for (uint32_t q = 0; q < rc->n_modules; q++) inside |= rc->modules[q] == e->from;
        if (!inside) continue;
        dc_buf_adds(b, first_reason ? "{\"from\": " : ", {\"from\": ");
        first_reason = false;
        json_str(b, g->names[e->from]);
        dc_buf_adds(b, ", \"to\": ");
        json_str(b, g->names[e->to]);
        dc_buf_adds(b, ", \"path\": ");
        json_str(b, v->where_path);
        dc_buf_addf(b, ", \"line\": %u, \"why\": ", v->where_line);
        json_str(b, v->obligatory);
        dc_buf_addch(b, '}');
      }
      dc_buf_adds(b, "]}");
    }
  }
  dc_buf_adds(b, first ? "],\n" : "\n  ],\n");
}

void dc_report_json(const dc_analysis *a, FILE *out) {
  const dc_graph *g = a->graph;
  const dc_project *p = a->project;
  dc_buf b = DC_BUF_INIT;
  dc_buf_adds(&b, "{\n  \"version\": 1,\n  \"roots\": [");
  for (uint32_t i = 0; i < p->n_roots; i++) {
    if (i) dc_buf_adds(&b, ", ");
    json_str(&b, p->roots[i]);
  }
  dc_buf_adds(&b, "],\n  \"modules\": [");
  for (uint32_t m = 0; m < g->n_modules; m++) {
    dc_buf_adds(&b, m ? ",\n    {\"name\": " : "\n    {\"name\": ");
    json_str(&b, g->names[m]);
    dc_buf_adds(&b, ", \"path\": ");
    json_str(&b, path_of(a, m));
    dc_buf_addch(&b, '}');
  }
  dc_buf_adds(&b, g->n_modules ? "\n  ],\n  \"edges\": [" : "],\n  \"edges\": [");
  for (uint32_t e = 0; e < g->n_edges; e++) {
    const dc_edge *edge = &g->edges[e];
    dc_buf_adds(&b, e ? ",\n    {\"from\": " : "\n    {\"from\": ");
    json_str(&b, g->names[edge->from]);
    dc_buf_adds(&b, ", \"to\": ");
    json_str(&b, g->names[edge->to]);
    dc_buf_addf(&b, ", \"kind\": \"%s\", \"sites\": ", dc_scope_name(edge->kind));
    json_sites(&b, p, edge, false);
    const dc_verdict *v = a->fix ? dc_fix_verdict(a->fix, a->components, g, e) : NULL;
    if (v) {
      dc_buf_adds(&b, ", \"cut_by\": ");
      json_str_or_null(&b, v->cut ? v->strategy : NULL);
      dc_buf_adds(&b, ", \"obligatory\": ");
      json_str_or_null(&b, v->obligatory);
    }
    dc_buf_addch(&b, '}');
  }
  dc_buf_adds(&b, g->n_edges ? "\n  ],\n  \"cycles\": [" : "],\n  \"cycles\": [");
  for (uint32_t i = 0; i < a->components->n; i++) {
    const dc_component *c = &a->components->items[i];
    dc_buf_adds(&b, i ? ",\n    {\"modules\": [" : "\n    {\"modules\": [");
    for (uint32_t k = 0; k < c->n_modules; k++) {
      if (k) dc_buf_adds(&b, ", ");
      json_str(&b, g->names[c->modules[k]]);
    }
    dc_buf_adds(&b, "], \"example\": [");
    for (uint32_t k = 0; k < c->n_cycle; k++) {
      if (k) dc_buf_adds(&b, ", ");
      json_str(&b, g->names[c->cycle[k]]);
    }
    dc_buf_addch(&b, ']');
    if (a->fix) {
      const dc_component_plan *cp = &a->fix->components[i];
      dc_buf_addf(&b, ", \"cuts\": %u, \"exact\": %s, \"lower_bound\": %u, \"unbreakable\": %s", cp->n_cut,
                  cp->exact ? "true" : "false", cp->lower_bound, cp->unbreakable ? "true" : "false");
    }
    dc_buf_addch(&b, '}');
  }
  dc_buf_adds(&b, a->components->n ? "\n  ],\n" : "],\n");
  if (a->fix) json_plan(&b, a);
  dc_buf_adds(&b, "  \"diagnostics\": [");
  for (uint32_t i = 0; i < a->diags->size; i++) {
    const dc_diag *d = &a->diags->items[i];
    bool located = d->line != DC_NO_LINE;
    dc_buf_adds(&b, i ? ",\n    {\"path\": " : "\n    {\"path\": ");
    json_str(&b, d->path ? d->path : "");
    dc_buf_addf(&b, ", \"line\": %u, \"column\": %u, \"severity\": \"%s\", \"message\": ",
                located ? d->line + 1 : 0, located ? d->col + 1 : 0, dc_severity_name(d->severity));
    json_str(&b, d->message);
    dc_buf_addch(&b, '}');
  }
  dc_buf_adds(&b, a->diags->size ? "\n  ]\n}\n" : "]\n}\n");
  fwrite(b.data, 1, b.len, out);
  dc_buf_release(&b);
}

void dc_report_diags(const dc_diags *diags, FILE *out) {
  for (uint32_t i = 0; i < diags->size; i++) {
    const dc_diag *d = &diags->items[i];
    const char *sev = dc_severity_name(d->severity);
    if (d->line == DC_NO_LINE) {
      fprintf(out, "%s: %s: %s\n", d->path, sev, d->message);
      continue;
    }
    fprintf(out, "%s:%u:%u: %s: %s\n", d->path, d->line + 1, d->col + 1, sev, d->message);
    if (!d->source_line) continue;
    fprintf(out, "  %s\n  ", d->source_line);
    size_t n = strlen(d->source_line);
    for (uint32_t c = 0; c < d->col && c < n; c++) fputc(d->source_line[c] == '\t' ? '\t' : ' ', out);
    fputs("^\n", out);
  }
}

void dc_report_cuts(const dc_analysis *a, FILE *out) {
  const dc_graph *g = a->graph;
  for (uint32_t ci = 0; ci < a->fix->n_components; ci++) {
    const dc_component_plan *cp = &a->fix->components[ci];
    for (uint32_t k = 0; k < cp->n_verdicts; k++) {
      const dc_verdict *v = &cp->verdicts[k];
      if (!v->cut) continue;
      const dc_edge *e = &g->edges[v->edge];
      fprintf(out, "%s:%u: cut %s -> %s (%s, %u lines changed)\n", path_of(a, e->from),
              dc_report__first_site(e)->line + 1, g->names[e->from], g->names[e->to], v->strategy, v->lines_changed);
    }
    for (uint32_t r = 0; r < cp->n_remaining; r++) {
      const dc_component *rc = &cp->remaining[r];
      fprintf(out, "decycle: unbreakable cycle:");
      for (uint32_t k = 0; k < rc->n_cycle; k++) fprintf(out, "%s%s", k ? " -> " : " ", g->names[rc->cycle[k]]);
      fputs(" (decycle --explain says why)\n", out);
    }
  }
}

void dc_report_diff(const dc_analysis *a, FILE *out) {
  dc_buf b = DC_BUF_INIT;
  for (uint32_t i = 0; i < a->fix->n_changes; i++) {
    const dc_change *ch = &a->fix->changes[i];
    dc_diff_file(&b, ch->path, ch->old_text, ch->old_len, ch->new_text, ch->new_len, 0100000 | ch->mode);
  }
  if (b.len) fwrite(b.data, 1, b.len, out);
  dc_buf_release(&b);
}

void dc_report_explain(const dc_analysis *a, FILE *out) {
  const dc_graph *g = a->graph;
  const dc_components *cs = a->components;
  for (uint32_t i = 0; i < cs->n; i++) {
    const dc_component *c = &cs->items[i];
    const dc_component_plan *cp = &a->fix->components[i];
    style_start(a, STYLE_BOLD, out);
    fprintf(out, "cycle %u of %u: ", i + 1, cs->n);
    for (uint32_t k = 0; k < c->n_modules; k++) fprintf(out, "%s%s", k ? ", " : "", g->names[c->modules[k]]);
    style_end(a, out);
    fputc('\n', out);
    uint32_t cuttable = 0;
    for (uint32_t k = 0; k < cp->n_verdicts; k++) cuttable += !cp->verdicts[k].obligatory;
    if (cp->exact)
      fprintf(out, "  plan: %u of %u import-time edges cut (%u could be cut); no plan cuts fewer, and none with as "
                   "few cuts changes fewer lines\n",
              cp->n_cut, cp->n_verdicts, cuttable);
    else
      fprintf(out, "  plan: %u of %u import-time edges cut (%u could be cut); the component is too large to prove "
                   "this minimal: at least %u cuts are needed\n",
              cp->n_cut, cp->n_verdicts, cuttable, cp->lower_bound);
    for (uint32_t k = 0; k < cp->n_verdicts; k++) {
      const dc_verdict *v = &cp->verdicts[k];
      const dc_edge *e = &g->edges[v->edge];
      const dc_site *site = dc_report__first_site(e);
      fputs("  ", out);
      style_start(a, v->cut ? STYLE_CUT : v->obligatory ? STYLE_KEPT : STYLE_DIM, out);
      fputs(v->cut ? "cut " : "keep", out);
      style_end(a, out);
      if (v->cut)
        fprintf(out, " %s -> %s (%s:%u): %s, %u lines changed; breaks %s\n", g->names[e->from],
                g->names[e->to], path_of(a, e->from), site->line + 1, v->strategy, v->lines_changed, v->cycle);
      else if (v->obligatory)
        fprintf(out, " %s -> %s (%s:%u): cannot be cut: %s\n", g->names[e->from], g->names[e->to],
                v->where_path, v->where_line, v->obligatory);
      else
        fprintf(out, " %s -> %s (%s:%u): could be cut by %s (%u lines changed), not needed\n",
                g->names[e->from], g->names[e->to], path_of(a, e->from), site->line + 1, v->strategy,
                v->lines_changed);
    }
    for (uint32_t r = 0; r < cp->n_remaining; r++) {
      const dc_component *rc = &cp->remaining[r];
      fprintf(out, "  unbreakable:");
      for (uint32_t k = 0; k < rc->n_cycle; k++) fprintf(out, "%s%s", k ? " -> " : " ", g->names[rc->cycle[k]]);
      fputs("\n  suggestion: move what these modules need from each other at import time into a new module that "
            "both import, or invert the dependency (pass it in, or register it, instead of importing it)\n",
            out);
    }
    fputc('\n', out);
  }
  if (cs->n == 0) fprintf(out, "decycle: no import-time cycle among %u modules\n", g->n_modules);
}

void dc_report_pycheck(const dc_pycheck *check, FILE *out) {
  for (uint32_t i = 0; i < check->n_broken; i++)
    fprintf(out, "decycle: --verify: %s imported before the rewrite and fails after: %s\n", check->broken[i].module,
            check->broken[i].error);
  if (check->n_broken) {
    fputs("decycle: --verify: the rewrite is refused; nothing is written\n", out);
    return;
  }
  fprintf(out, "decycle: --verify: %u module%s imported before and after the rewrite; none broke", check->checked,
          check->checked == 1 ? "" : "s");
  if (check->n_fixed) {
    fputs("; importing now and not before:", out);
    for (uint32_t i = 0; i < check->n_fixed; i++) fprintf(out, "%s %s", i ? "," : "", check->fixed[i].module);
  }
  fputc('\n', out);
}

/* Milliseconds on the monotonic clock. */
static uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void dc_progress_init(dc_progress *self, FILE *out, uint32_t after_ms) {
  *self = (dc_progress){out, now_ms(), 0, after_ms, 0};
}

void dc_report_progress(dc_progress *self, const char *what, uint32_t done, uint32_t total) {
  uint64_t t = now_ms();
  if (t - self->start_ms < self->after_ms || (self->shown && t - self->last_ms < 100)) return;
  self->last_ms = t;
  int n = fprintf(self->out, "\rdecycle: %s %u/%u files", what, done, total);
  if (n > 1 && (uint32_t)n - 1 > self->shown) self->shown = (uint32_t)n - 1;
  fflush(self->out);
}

void dc_report_progress_end(dc_progress *self) {
  if (!self->shown) return;
  fputc('\r', self->out);
  for (uint32_t i = 0; i < self->shown; i++) fputc(' ', self->out);
  fputc('\r', self->out);
  fflush(self->out);
  self->shown = 0;
}
