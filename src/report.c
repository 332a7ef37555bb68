/*
 * report.c - everything decycle prints besides main.c's usage messages: the
 * text and JSON reports, --explain, the diff of a fix and its one-line
 * summaries, the outcome of --verify, and located diagnostics.
 *
 * Every rendering walks the same sorted data (modules by name, edges by
 * (from, to), sites by position, components by first module, changes by
 * path), so the bytes printed depend only on the input project.
 */
#include "report.h"

#include <string.h>

#include "buf.h"
#include "diff.h"

static const char *path_of(const dc_analysis *a, uint32_t module) {
  return a->project->files[a->graph->file[module]].path;
}

static uint32_t inside_edges(const dc_analysis *a, uint32_t comp) {
  uint32_t n = 0;
  const dc_component *c = &a->components->items[comp];
  for (uint32_t i = 0; i < c->n_modules; i++) {
    uint32_t m = c->modules[i];
    for (uint32_t e = a->graph->first_edge[m]; e < a->graph->first_edge[m + 1]; e++)
      n += dc_scc_edge_inside(a->components, &a->graph->edges[e]);
  }
  return n;
}

/* The first import-time site of an edge, for `path:line`. */
static const dc_site *first_site(const dc_edge *e) {
  for (uint32_t s = 0; s < e->n_sites; s++)
    if (e->sites[s].kind == DC_SCOPE_IMPORT_TIME) return &e->sites[s];
  return &e->sites[0];
}

/* The plan of component i, in the text report. */
static void plan_lines(const dc_analysis *a, uint32_t i, FILE *out) {
  const dc_graph *g = a->graph;
  const dc_component_plan *cp = &a->fix->components[i];
  for (uint32_t k = 0; k < cp->n_verdicts; k++) {
    const dc_verdict *v = &cp->verdicts[k];
    const dc_edge *e = &g->edges[v->edge];
    if (v->cut)
      fprintf(out, "  fix: cut %s -> %s by %s (%u lines changed)\n", g->names[e->from], g->names[e->to], v->strategy,
              v->lines_changed);
  }
  for (uint32_t k = 0; k < cp->n_verdicts; k++) {
    const dc_verdict *v = &cp->verdicts[k];
    const dc_edge *e = &g->edges[v->edge];
    if (v->remains)
      fprintf(out, "  unbreakable: %s -> %s: %s\n", g->names[e->from], g->names[e->to], v->obligatory);
  }
  if (!cp->exact) fprintf(out, "  note: the plan may not be minimal (at least %u cuts are needed)\n", cp->lower_bound);
}

void dc_report_text(const dc_analysis *a, FILE *out) {
  const dc_graph *g = a->graph;
  const dc_components *cs = a->components;
  uint32_t in_cycles = 0;
  for (uint32_t i = 0; i < cs->n; i++) {
    const dc_component *c = &cs->items[i];
    in_cycles += c->n_modules;
    fprintf(out, "cycle %u of %u: %u modules, %u import-time edges\n", i + 1, cs->n, c->n_modules,
            inside_edges(a, i));
    fputs("  modules: ", out);
    for (uint32_t k = 0; k < c->n_modules; k++) fprintf(out, "%s%s", k ? ", " : "", g->names[c->modules[k]]);
    fputs("\n  shortest: ", out);
    for (uint32_t k = 0; k < c->n_cycle; k++) fprintf(out, "%s%s", k ? " -> " : "", g->names[c->cycle[k]]);
    fputc('\n', out);
    for (uint32_t k = 0; k < c->n_modules; k++) {
      uint32_t m = c->modules[k];
      for (uint32_t e = g->first_edge[m]; e < g->first_edge[m + 1]; e++) {
        const dc_edge *edge = &g->edges[e];
        if (!dc_scc_edge_inside(cs, edge)) continue;
        for (uint32_t s = 0; s < edge->n_sites; s++) {
          const dc_site *site = &edge->sites[s];
          if (site->kind != DC_SCOPE_IMPORT_TIME) continue;
          fprintf(out, "  %s:%u: %s -> %s: %s\n", path_of(a, m), site->line + 1, g->names[m],
                  g->names[edge->to], site->statement);
        }
      }
    }
    if (a->fix) plan_lines(a, i, out);
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
      fprintf(out, "%s:%u: cut %s -> %s (%s, %u lines changed)\n", path_of(a, e->from), first_site(e)->line + 1,
              g->names[e->from], g->names[e->to], v->strategy, v->lines_changed);
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
    fprintf(out, "cycle %u of %u: ", i + 1, cs->n);
    for (uint32_t k = 0; k < c->n_modules; k++) fprintf(out, "%s%s", k ? ", " : "", g->names[c->modules[k]]);
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
      const dc_site *site = first_site(e);
      if (v->cut)
        fprintf(out, "  cut  %s -> %s (%s:%u): %s, %u lines changed; breaks %s\n", g->names[e->from],
                g->names[e->to], path_of(a, e->from), site->line + 1, v->strategy, v->lines_changed, v->cycle);
      else if (v->obligatory)
        fprintf(out, "  keep %s -> %s (%s:%u): cannot be cut: %s\n", g->names[e->from], g->names[e->to],
                v->where_path, v->where_line, v->obligatory);
      else
        fprintf(out, "  keep %s -> %s (%s:%u): could be cut by %s (%u lines changed), not needed\n",
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
