/*
 * report.c - render an analysis as text or JSON, and diagnostics for humans.
 *
 * Both renderings walk the same sorted data (modules by name, edges by
 * (from, to), sites by position, components by first module), so the bytes
 * printed depend only on the input project.
 */
#include "report.h"

#include <string.h>

#include "buf.h"

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
    fputc('\n', out);
  }
  if (cs->n == 0)
    fprintf(out, "decycle: no import-time cycle among %u modules\n", g->n_modules);
  else
    fprintf(out, "decycle: %u import-time cycle%s involving %u of %u modules\n", cs->n,
            cs->n == 1 ? "" : "s", in_cycles, g->n_modules);
}

static void json_str(dc_buf *b, const char *s) { dc_buf_add_json_string(b, s); }

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
    dc_buf_addf(&b, ", \"kind\": \"%s\", \"sites\": [", dc_scope_name(edge->kind));
    for (uint32_t s = 0; s < edge->n_sites; s++) {
      const dc_site *site = &edge->sites[s];
      dc_buf_adds(&b, s ? ", {\"path\": " : "{\"path\": ");
      json_str(&b, p->files[site->file].path);
      dc_buf_addf(&b, ", \"line\": %u, \"column\": %u, \"kind\": \"%s\", \"statement\": ", site->line + 1,
                  site->col + 1, dc_scope_name(site->kind));
      json_str(&b, site->statement);
      dc_buf_addch(&b, '}');
    }
    dc_buf_adds(&b, "]}");
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
    dc_buf_adds(&b, "]}");
  }
  dc_buf_adds(&b, a->components->n ? "\n  ],\n  \"diagnostics\": [" : "],\n  \"diagnostics\": [");
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
