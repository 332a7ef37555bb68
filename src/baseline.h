/*
 * baseline - the ratchet of --baseline / --write-baseline: a file of the
 * import-time cycles accepted for now, and the comparison of a run's cycles
 * with it.
 *
 * A cycle is identified by its set of modules (a strongly connected
 * component of the import-time edges). A cycle of the run is known when
 * its modules are a subset of one baseline entry: an unchanged cycle
 * matches, a cycle that lost modules or split still matches, but a cycle
 * that grew (took in another module, or merged two entries) is new.
 *
 * The file is text, diff-friendly and stable: comment lines start with
 * '#', each entry is a block of module names, one per line, sorted, and
 * blocks are separated by blank lines and sorted by their first module.
 * Everything returned is borrowed from the arena given.
 */
#ifndef DC_BASELINE_H
#define DC_BASELINE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "graph.h"
#include "scc.h"

/* dc_baseline_entry - one accepted cycle: its module names, sorted, and
 * the line its block starts on (0-based). */
typedef struct dc_baseline_entry {
  const char **modules;
  uint32_t n_modules;
  uint32_t line;
} dc_baseline_entry;

/* dc_baseline - the entries of a baseline file, in file order. */
typedef struct dc_baseline {
  dc_baseline_entry *entries;
  uint32_t n;
} dc_baseline;

/* Reads the baseline at `open_path`, shown as `path` in diagnostics.
 * Returns 0, or -1 with an error appended to `diags`: the file cannot be
 * read (no line), or a line is not a module name, a module is listed twice
 * in an entry, or an entry has fewer than two modules (located). */
int dc_baseline_read(const char *open_path, const char *path, dc_baseline *out, dc_arena *arena, dc_diags *diags);

/* The text of the baseline holding every component of `c`. The caller
 * frees it; its length is in *len. */
char *dc_baseline_text(const dc_graph *g, const dc_components *c, size_t *len);

/* Writes `text` to `path` atomically: a temporary file in the same folder,
 * flushed, then renamed over `path` (which keeps its mode when it exists).
 * Returns 0, or -1 with dc_error (nothing is left behind). */
int dc_baseline_write(const char *path, const char *text, size_t len);

/* dc_baseline_check - a run against a baseline. `new_cycles` are the
 * indices of the components no entry holds. Per entry, in file order:
 * `entry_state` is one of enum dc_baseline_state. */
typedef struct dc_baseline_check {
  uint32_t *new_cycles;
  uint32_t n_new;
  uint32_t n_known;
  uint8_t *entry_state;
} dc_baseline_check;

enum dc_baseline_state {
  DC_BASELINE_SAME,    /* a cycle of the run has exactly these modules */
  DC_BASELINE_SMALLER, /* cycles of the run lie inside it, none equal */
  DC_BASELINE_GROWN,   /* no cycle inside it, but some of its modules are in a new cycle */
  DC_BASELINE_FIXED,   /* none of its modules is in a cycle any more */
};

/* Compares the components of a run with the baseline. */
void dc_baseline_compare(const dc_baseline *b, const dc_graph *g, const dc_components *c, dc_baseline_check *out,
                         dc_arena *arena);

#endif
