/*
 * verify - check a fix before anyone sees it: every new text parses without
 * errors, and analysing the project again in memory with the new texts
 * shows every planned cut gone and no import-time edge that was not there
 * before (so no new cycle can appear).
 */
#ifndef DC_VERIFY_H
#define DC_VERIFY_H

#include "arena.h"
#include "facts.h"
#include "fix.h"
#include "graph.h"
#include "scan.h"

/* Returns 0 when the fix verifies; otherwise -1 and, through dc_error, what
 * went wrong (a decycle bug: the caller writes nothing). */
int dc_verify(const dc_project *p, const dc_graph *g, dc_facts *facts, const dc_fix *fix, dc_arena *arena);

#endif
