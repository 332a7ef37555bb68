/*
 * pycheck - `--verify`: run the project's own code, on a copy, to prove a
 * fix. Opt-in only, since it executes the project's modules.
 *
 * The roots of the project are copied to a temporary folder; every module
 * of the components the fix touches is imported there, each in a fresh
 * interpreter, first with the original texts and then with the new ones.
 * The copy is removed afterwards; the project itself is never touched.
 */
#ifndef DC_PYCHECK_H
#define DC_PYCHECK_H

#include "arena.h"
#include "fix.h"
#include "graph.h"
#include "scan.h"
#include "scc.h"

/* dc_pycheck_module - a module and the last line its import printed on
 * stderr (the exception), or "" when it imported. */
typedef struct dc_pycheck_module {
  const char *module;
  const char *error;
} dc_pycheck_module;

/* dc_pycheck - the outcome: `broken` imported before the rewrite and fails
 * after; `fixed` failed before and imports after; `checked` modules were
 * imported in all. Borrowed from the arena. */
typedef struct dc_pycheck {
  dc_pycheck_module *broken;
  uint32_t n_broken;
  dc_pycheck_module *fixed;
  uint32_t n_fixed;
  uint32_t checked;
} dc_pycheck;

/* Runs the check with the interpreter `python` (a path or a name looked up
 * in PATH). Returns 0 with the outcome in *out, or -1 with dc_error when the
 * copy cannot be made or the interpreter cannot be run. */
int dc_pycheck_run(const dc_project *p, const dc_graph *g, const dc_components *c, const dc_fix *fix,
                   const char *python, dc_pycheck *out, dc_arena *arena);

#endif
