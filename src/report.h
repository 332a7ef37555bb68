/*
 * report - the only stage besides main.c that prints: the human report and
 * the JSON contract on stdout, diagnostics on stderr.
 */
#ifndef DC_REPORT_H
#define DC_REPORT_H

#include <stdio.h>

#include "diag.h"
#include "fix.h"
#include "graph.h"
#include "pycheck.h"
#include "scan.h"
#include "scc.h"

/* dc_analysis - everything a report shows; all borrowed. */
typedef struct dc_analysis {
  const dc_project *project;
  const dc_graph *graph;
  const dc_components *components;
  const dc_diags *diags;
  const dc_fix *fix;
  bool color; /* the text report and --explain use SGR colours */
} dc_analysis;

/* Prints the text report of the import-time cycles. */
void dc_report_text(const dc_analysis *a, FILE *out);
/* Prints the JSON object documented in README.md ("version": 1). */
void dc_report_json(const dc_analysis *a, FILE *out);
/* Prints GitHub Actions workflow commands: an annotation per import-time
 * site of each edge inside a cycle, one per diagnostic (report_github.c). */
void dc_report_github(const dc_analysis *a, FILE *out);
/* Prints a SARIF 2.1.0 log of the same findings (report_sarif.c). */
void dc_report_sarif(const dc_analysis *a, FILE *out);
/* Prints the cycles as a Graphviz digraph, one cluster per component
 * (report_dot.c). */
void dc_report_dot(const dc_analysis *a, FILE *out);
/* Prints, for each component, why each cut edge was chosen and why each
 * obligatory edge could not be cut. */
void dc_report_explain(const dc_analysis *a, FILE *out);
/* Prints the unified diff of every change of the fix. */
void dc_report_diff(const dc_analysis *a, FILE *out);
/* Prints one line per cut edge: `path:line: cut A -> B (strategy, N lines)`. */
void dc_report_cuts(const dc_analysis *a, FILE *out);

/* Prints the outcome of --verify: the modules that broke (the rewrite is
 * then refused) and the modules that import now. */
void dc_report_pycheck(const dc_pycheck *check, FILE *out);

/* dc_progress - the progress line of a long run on a terminal: shown once
 * `after_ms` have passed since dc_progress_init, updated in place with a
 * carriage return at most every 100 ms, cleared by dc_report_progress_end.
 * `shown` is the width of the line on screen (0: none). */
typedef struct dc_progress {
  FILE *out;
  uint64_t start_ms, last_ms;
  uint32_t after_ms;
  uint32_t shown;
} dc_progress;

/* Starts the clock of a progress line that goes to `out`, a terminal. */
void dc_progress_init(dc_progress *self, FILE *out, uint32_t after_ms);
/* Shows `decycle: WHAT DONE/TOTAL files` when it is time to. */
void dc_report_progress(dc_progress *self, const char *what, uint32_t done, uint32_t total);
/* Clears the progress line, if one is shown. */
void dc_report_progress_end(dc_progress *self);

/* Prints each diagnostic as `path:line:col: severity: message`, then the
 * source line and a caret when it is known. */
void dc_report_diags(const dc_diags *diags, FILE *out);

#endif
