/*
 * report_sarif.c - `--format sarif`: the findings as a SARIF 2.1.0 log
 * (OASIS Static Analysis Results Interchange Format), one run, for code
 * scanning services and SARIF viewers.
 *
 * Two rules: `import-cycle` (one result per import-time site of every edge
 * inside a cycle, level `error` where the plan cuts the edge or where it
 * keeps an unbreakable cycle alive, `note` for the cycle's other edges; its
 * relatedLocations are the imports that make the rest of a shortest cycle
 * through the edge, when it has at most eight modules) and `input-problem` (one result per diagnostic, level
 * `warning` or `error`). The order is the text report's; nothing depends on
 * the clock or the machine, so the same project gives the same bytes.
 *
 * Locations are URIs relative to PATH (uriBaseId %SRCROOT%), every byte
 * outside RFC 3986's unreserved set and '/' percent-encoded; lines and
 * columns are 1-based, columns counted in bytes as in the JSON report.
 */
#include <stdlib.h>

#include "report_p.h"

static void str(dc_buf *b, const char *s) { dc_buf_add_json_string(b, s); }

/* Appends `path` as a JSON string holding a relative URI reference. */
static void uri(dc_buf *b, const char *path) {
  dc_buf u = DC_BUF_INIT;
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    unsigned char c = *p;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/')
      dc_buf_addch(&u, (char)c);
    else
      dc_buf_addf(&u, "%%%02X", c);
  }
  str(b, dc_buf_str(&u));
  dc_buf_release(&u);
}

/* Appends a location object: the artifact, and the region when line > 0
 * (line and col 1-based). `id` >= 0 and `message` are for related
 * locations. */
static void location(dc_buf *b, int id, const char *path, uint32_t line, uint32_t col, const char *message) {
  dc_buf_addch(b, '{');
  if (id >= 0) dc_buf_addf(b, "\"id\": %d, ", id);
  dc_buf_adds(b, "\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
  uri(b, path);
  dc_buf_adds(b, ", \"uriBaseId\": \"%SRCROOT%\"}");
  if (line) dc_buf_addf(b, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}", line, col ? col : 1);
  dc_buf_addch(b, '}');
  if (message) {
    dc_buf_adds(b, ", \"message\": {\"text\": ");
    str(b, message);
    dc_buf_addch(b, '}');
  }
  dc_buf_addch(b, '}');
}

static void rules(dc_buf *b) {
  dc_buf_adds(b, "          \"rules\": [\n"
                 "            {\"id\": \"import-cycle\", \"name\": \"ImportCycle\",\n"
                 "             \"shortDescription\": {\"text\": \"An import closes an import-time import cycle.\"},\n"
                 "             \"fullDescription\": {\"text\": \"Modules that import each other while they are being "
                 "imported fail with 'cannot import name ... from partially initialized module' depending on which "
                 "one is imported first. decycle --diff shows the fewest imports to move to break every cycle; an "
                 "import that is used at import time cannot be moved, and a cycle made only of such imports is "
                 "unbreakable.\"},\n"
                 "             \"defaultConfiguration\": {\"level\": \"error\"}},\n"
                 "            {\"id\": \"input-problem\", \"name\": \"InputProblem\",\n"
                 "             \"shortDescription\": {\"text\": \"A file could not be read or parsed completely.\"},\n"
                 "             \"fullDescription\": {\"text\": \"A file that cannot be read, is not valid UTF-8, "
                 "contains NUL bytes or has syntax errors is analysed as far as possible and never rewritten.\"},\n"
                 "             \"defaultConfiguration\": {\"level\": \"warning\"}}\n"
                 "          ]\n");
}

/* Appends the related locations of an edge's result: for each further edge
 * of the cycle, its first import-time site. */
static void related(dc_buf *b, const dc_analysis *a, const uint32_t *cycle, uint32_t n) {
  const dc_graph *g = a->graph;
  dc_buf_adds(b, ",\n         \"relatedLocations\": [");
  dc_buf msg = DC_BUF_INIT;
  for (uint32_t k = 1; k + 1 < n; k++) {
    int32_t e = dc_report__find_edge(g, cycle[k], cycle[k + 1]);
    DC_ASSERT(e >= 0);
    const dc_site *site = dc_report__first_site(&g->edges[e]);
    dc_buf_release(&msg);
    dc_buf_addf(&msg, "%s imports %s: %s", g->names[cycle[k]], g->names[cycle[k + 1]], site->statement);
    dc_buf_adds(b, k > 1 ? ",\n           " : "\n           ");
    location(b, (int)k, a->project->files[site->file].path, site->line + 1, site->col + 1, dc_buf_str(&msg));
  }
  dc_buf_adds(b, "]");
  dc_buf_release(&msg);
}

void dc_report_sarif(const dc_analysis *a, FILE *out) {
  const dc_graph *g = a->graph;
  const dc_components *cs = a->components;
  dc_buf b = DC_BUF_INIT, msg = DC_BUF_INIT;
  dc_buf_adds(&b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
                  "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
                  "          \"name\": \"decycle\",\n          \"version\": \"" DECYCLE_VERSION "\",\n");
  rules(&b);
  dc_buf_adds(&b, "        }\n      },\n      \"results\": [");
  bool first = true;
  for (uint32_t ci = 0; ci < cs->n; ci++) {
    const dc_component_plan *cp = &a->fix->components[ci];
    for (uint32_t k = 0; k < cp->n_verdicts; k++) {
      const dc_verdict *v = &cp->verdicts[k];
      const dc_edge *e = &g->edges[v->edge];
      uint32_t n = 0;
      uint32_t *cycle = dc_report__cycle(a, v->edge, &n);
      for (uint32_t s = 0; s < e->n_sites; s++) {
        const dc_site *site = &e->sites[s];
        if (site->kind != DC_SCOPE_IMPORT_TIME) continue;
        dc_buf_release(&msg);
        dc_report__edge_message(&msg, a, v, site, cycle, n);
        dc_buf_adds(&b, first ? "\n        {" : ",\n        {");
        first = false;
        dc_buf_addf(&b,
                    "\"ruleId\": \"import-cycle\", \"ruleIndex\": 0, \"level\": \"%s\",\n"
                    "         \"message\": {\"text\": ",
                    dc_report__edge_is_error(v) ? "error" : "note");
        str(&b, dc_buf_str(&msg));
        dc_buf_adds(&b, "},\n         \"locations\": [");
        location(&b, -1, a->project->files[site->file].path, site->line + 1, site->col + 1, NULL);
        dc_buf_addch(&b, ']');
        if (cycle) related(&b, a, cycle, n);
        dc_buf_adds(&b, ",\n         \"properties\": {\"from\": ");
        str(&b, g->names[e->from]);
        dc_buf_adds(&b, ", \"to\": ");
        str(&b, g->names[e->to]);
        dc_buf_adds(&b, ", \"cutBy\": ");
        if (v->cut) str(&b, v->strategy);
        else dc_buf_adds(&b, "null");
        dc_buf_adds(&b, ", \"obligatory\": ");
        if (v->obligatory) str(&b, v->obligatory);
        else dc_buf_adds(&b, "null");
        dc_buf_addf(&b, ", \"unbreakable\": %s}}", v->remains ? "true" : "false");
      }
      free(cycle);
    }
  }
  for (uint32_t i = 0; i < a->diags->size; i++) {
    const dc_diag *d = &a->diags->items[i];
    bool located = d->line != DC_NO_LINE;
    dc_buf_adds(&b, first ? "\n        {" : ",\n        {");
    first = false;
    dc_buf_addf(&b,
                "\"ruleId\": \"input-problem\", \"ruleIndex\": 1, \"level\": \"%s\",\n"
                "         \"message\": {\"text\": ",
                d->severity == DC_SEVERITY_ERROR ? "error" : "warning");
    str(&b, d->message);
    dc_buf_adds(&b, "},\n         \"locations\": [");
    if (d->path) location(&b, -1, d->path, located ? d->line + 1 : 0, located ? d->col + 1 : 0, NULL);
    dc_buf_adds(&b, "]}");
  }
  dc_buf_adds(&b, first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n");
  fwrite(b.data, 1, b.len, out);
  dc_buf_release(&b);
  dc_buf_release(&msg);
}
