/*
 * report_baseline - what a run against a baseline prints (stderr): the new
 * cycles, and the baseline entries that can be tightened or dropped.
 */
#ifndef DC_REPORT_BASELINE_H
#define DC_REPORT_BASELINE_H

#include <stdio.h>

#include "baseline.h"
#include "graph.h"
#include "scc.h"

/* Prints a summary line (`decycle: baseline 'PATH': N new cycles, K known`),
 * then one line per new cycle and one per entry that is not matched
 * exactly: smaller now, grown into a new cycle, or fixed. */
void dc_report_baseline(const char *path, const dc_baseline *b, const dc_baseline_check *check, const dc_graph *g,
                        const dc_components *c, FILE *out);

/* Prints the line that says the baseline was written. */
void dc_report_baseline_written(const char *path, const dc_components *c, FILE *out);

#endif
