/*
 * report_github.c - `--format github`: GitHub Actions workflow commands
 * (`::error file=P,line=L,col=C,title=T::message`) that put each finding on
 * the line of the pull request that causes it.
 *
 * One annotation per import-time site of every edge inside a cycle, in the
 * order of the text report (components, then edges by module names, then
 * sites by position): `error` where the plan cuts the edge or where it keeps
 * an unbreakable cycle alive, `notice` for the other edges of a cycle. Then
 * one annotation per diagnostic (`warning` or `error` as its severity), and
 * the text report's summary line, which the runner shows as plain log.
 *
 * Data is escaped as GitHub's runner expects (actions/toolkit, command.ts):
 * '%' -> %25, CR -> %0D, LF -> %0A everywhere, and in properties also
 * ':' -> %3A and ',' -> %2C. Paths are relative to PATH, as in every report.
 */
#include <stdlib.h>
#include <string.h>

#include "report_p.h"

/* Appends s escaped as workflow-command data, or as a property value. */
static void escaped(dc_buf *b, const char *s, bool property) {
  for (; *s; s++) {
    switch (*s) {
    case '%': dc_buf_adds(b, "%25"); break;
    case '\r': dc_buf_adds(b, "%0D"); break;
    case '\n': dc_buf_adds(b, "%0A"); break;
    case ':': dc_buf_adds(b, property ? "%3A" : ":"); break;
    case ',': dc_buf_adds(b, property ? "%2C" : ","); break;
    default: dc_buf_addch(b, *s);
    }
  }
}

/* Appends one command: `::level file=..,line=..,col=..,title=..::message`.
 * `line` and `col` are 1-based; 0 leaves them out. */
static void command(dc_buf *b, const char *level, const char *path, uint32_t line, uint32_t col, const char *title,
                    const char *message) {
  dc_buf_addf(b, "::%s ", level);
  if (path) {
    dc_buf_adds(b, "file=");
    escaped(b, path, true);
    if (line) dc_buf_addf(b, ",line=%u", line);
    if (col) dc_buf_addf(b, ",col=%u", col);
    dc_buf_addch(b, ',');
  }
  dc_buf_adds(b, "title=");
  escaped(b, title, true);
  dc_buf_adds(b, "::");
  escaped(b, message, false);
  dc_buf_addch(b, '\n');
}

void dc_report_github(const dc_analysis *a, FILE *out) {
  const dc_graph *g = a->graph;
  const dc_components *cs = a->components;
  dc_buf b = DC_BUF_INIT, title = DC_BUF_INIT, msg = DC_BUF_INIT;
  uint32_t in_cycles = 0;
  for (uint32_t ci = 0; ci < cs->n; ci++) {
    const dc_component_plan *cp = &a->fix->components[ci];
    in_cycles += cs->items[ci].n_modules;
    for (uint32_t k = 0; k < cp->n_verdicts; k++) {
      const dc_verdict *v = &cp->verdicts[k];
      const dc_edge *e = &g->edges[v->edge];
      uint32_t n = 0;
      uint32_t *cycle = dc_report__cycle(a, v->edge, &n);
      dc_buf_release(&title);
      if (v->cut) dc_buf_addf(&title, "import-time cycle: cut %s -> %s", g->names[e->from], g->names[e->to]);
      else if (v->remains)
        dc_buf_addf(&title, "unbreakable import-time cycle: %s -> %s", g->names[e->from], g->names[e->to]);
      else dc_buf_addf(&title, "import-time cycle: %s -> %s", g->names[e->from], g->names[e->to]);
      for (uint32_t s = 0; s < e->n_sites; s++) {
        const dc_site *site = &e->sites[s];
        if (site->kind != DC_SCOPE_IMPORT_TIME) continue;
        dc_buf_release(&msg);
        dc_report__edge_message(&msg, a, v, site, cycle, n);
        command(&b, dc_report__edge_is_error(v) ? "error" : "notice", a->project->files[site->file].path,
                site->line + 1, site->col + 1, dc_buf_str(&title), dc_buf_str(&msg));
      }
      free(cycle);
    }
  }
  for (uint32_t i = 0; i < a->diags->size; i++) {
    const dc_diag *d = &a->diags->items[i];
    bool located = d->line != DC_NO_LINE;
    command(&b, d->severity == DC_SEVERITY_ERROR ? "error" : "warning", d->path, located ? d->line + 1 : 0,
            located ? d->col + 1 : 0, "decycle", d->message);
  }
  if (cs->n == 0)
    dc_buf_addf(&b, "decycle: no import-time cycle among %u modules\n", g->n_modules);
  else
    dc_buf_addf(&b, "decycle: %u import-time cycle%s involving %u of %u modules\n", cs->n, cs->n == 1 ? "" : "s",
                in_cycles, g->n_modules);
  fwrite(b.data, 1, b.len, out);
  dc_buf_release(&b);
  dc_buf_release(&title);
  dc_buf_release(&msg);
}
