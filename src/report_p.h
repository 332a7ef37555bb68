/*
 * report_p.h - helpers shared by the report renderers (report.c,
 * report_github.c, report_sarif.c, report_dot.c), kept out of the public
 * report.h.
 */
#ifndef DC_REPORT_P_H
#define DC_REPORT_P_H

#include "buf.h"
#include "report.h"

/* The first import-time site of an edge (its first site when it has none). */
const dc_site *dc_report__first_site(const dc_edge *e);

/* Returns the index of edge from -> to in the graph, or -1. */
int32_t dc_report__find_edge(const dc_graph *g, uint32_t from, uint32_t to);

/* The longest cycle the reports spell out: longer ones are abbreviated,
 * so that what a large component prints stays linear in its size. */
#define DC_REPORT__CYCLE_SHOWN 8
#define DC_REPORT__CYCLE_SHOWN_TEXT "8"
/* Above this many import-time edges in a component, no cycle is searched. */
#define DC_REPORT__CYCLE_BUDGET 4096

/* A shortest cycle through import-time edge `edge` inside its component:
 * module indices from, to, ..., from, *n of them (3 <= n <=
 * DC_REPORT__CYCLE_SHOWN + 1). Found by breadth-first search from `to` back
 * to `from` over the component's import-time edges, no deeper than
 * DC_REPORT__CYCLE_SHOWN modules. Returns NULL with *n = UINT32_MAX when
 * every cycle through the edge is longer, and NULL with *n = 0 when the
 * component has more than DC_REPORT__CYCLE_BUDGET edges. The caller frees
 * the array. */
uint32_t *dc_report__cycle(const dc_analysis *a, uint32_t edge, uint32_t *n);

/* Appends "a -> b -> a" for the module path of dc_report__cycle, or, when
 * it is NULL, "from -> to -> ... -> from" (with "(more than 8 modules)"
 * when that is why). */
void dc_report__cycle_text(dc_buf *b, const dc_analysis *a, uint32_t edge, const uint32_t *cycle, uint32_t n);

/* Appends the sentence the annotation formats (github, sarif) say about one
 * import-time edge inside a component: what the import is, the cycle it
 * closes, and what the plan does with it (cut by which strategy, kept, or
 * why it cannot be cut, and whether the cycle is unbreakable). */
void dc_report__edge_message(dc_buf *b, const dc_analysis *a, const dc_verdict *v, const dc_site *site,
                             const uint32_t *cycle, uint32_t n);

/* Whether an edge's finding calls for action: the plan cuts it, or it keeps
 * an unbreakable cycle alive. The other edges of a cycle are context. */
bool dc_report__edge_is_error(const dc_verdict *v);

#endif
