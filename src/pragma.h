/*
 * pragma - the warnings about `# decycle:` pragma comments that do nothing.
 *
 * Input: the project, its facts (which hold the pragmas, facts.h), the
 * graph and its components. Output: warnings appended to the run's
 * diagnostics; the pragmas themselves act in graph.c (ignore) and fix.c
 * (keep). See README "Pragmas" for what "does nothing" means.
 */
#ifndef DC_PRAGMA_H
#define DC_PRAGMA_H

#include "arena.h"
#include "diag.h"
#include "facts.h"
#include "graph.h"
#include "scan.h"
#include "scc.h"

/* Appends a warning to `diags` for every pragma that does nothing: an
 * unknown word, a pragma on a line without an import, a second pragma on
 * one import, a keep on an import that makes no import-time edge inside a
 * component of `g`, an ignore on an import whose edges would be inside no
 * component even if every ignored import counted. Never fails. */
void dc_pragma_check(const dc_project *p, dc_facts *facts, const dc_graph *g, const dc_components *c,
                     dc_arena *arena, dc_diags *diags);

#endif
