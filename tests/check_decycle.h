/*
 * check_decycle.h - the Check suites of decycle, one per pipeline stage, and
 * the helpers they share (temporary project folders, graph construction).
 */
#ifndef CHECK_DECYCLE_H
#define CHECK_DECYCLE_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "facts.h"
#include "graph.h"
#include "scan.h"
#include "scc.h"

Suite *make_scan_suite(void);
Suite *make_facts_suite(void);
Suite *make_graph_suite(void);
Suite *make_scc_suite(void);
Suite *make_uses_suite(void);
Suite *make_constants_suite(void);
Suite *make_plan_suite(void);
Suite *make_diff_suite(void);
Suite *make_apply_suite(void);
Suite *make_pyproject_suite(void);
Suite *make_memo_suite(void);

/* Creates a fresh temporary folder; the caller removes it with rm_tree. */
char *tmp_project(void);
/* Writes `text` to root/rel, creating the folders on the way. */
void write_file(const char *root, const char *rel, const char *text);
/* Removes a folder tree (links are removed, not followed). */
void rm_tree(const char *root);

/* analysis - scan + parse + graph + scc of a folder, for end-to-end checks. */
typedef struct analysis {
  dc_arena arena;
  dc_diags diags;
  dc_project *project;
  dc_graph *graph;
  dc_components *components;
} analysis;

/* Analyses `root` with `jobs` threads; roots may be NULL. */
void analyse(analysis *a, const char *root, const char *const *roots, uint32_t n_roots, unsigned jobs);
void analysis_release(analysis *a);
/* The edge from -> to, or NULL. */
const dc_edge *find_edge(const dc_graph *g, const char *from, const char *to);

/* Builds a graph of n modules named m000000.. with the given import-time
 * edges (pairs in `edges`, 2 * n_edges entries). */
dc_graph *graph_from_edges(dc_arena *arena, uint32_t n, const uint32_t *edges, uint32_t n_edges);

#endif
