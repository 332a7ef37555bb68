/*
 * check_util.c - helpers shared by the Check suites.
 */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_decycle.h"
#include "parse.h"

char *tmp_project(void) {
  char tmpl[] = "/tmp/decycle-check-XXXXXX";
  char *dir = mkdtemp(tmpl);
  ck_assert_ptr_nonnull(dir);
  return dc_xstrdup(dir);
}

void write_file(const char *root, const char *rel, const char *text) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
    *p = '\0';
    mkdir(path, 0755);
    *p = '/';
  }
  FILE *f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  fwrite(text, 1, strlen(text), f);
  fclose(f);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

void rm_tree(const char *root) { nftw(root, rm_one, 64, FTW_DEPTH | FTW_PHYS); }

void analyse(analysis *a, const char *root, const char *const *roots, uint32_t n_roots, unsigned jobs) {
  memset(a, 0, sizeof *a);
  dc_arena_init(&a->arena);
  dc_scan_options o = {root, roots, n_roots, NULL, 0, 0, NULL, NULL};
  a->project = dc_scan(&o, &a->arena, &a->diags);
  ck_assert_msg(a->project != NULL, "scan failed: %s", dc_error_message());
  dc_facts *facts = dc_parse_project(a->project, jobs, NULL, NULL, NULL, &a->arena, &a->diags);
  a->graph = dc_graph_build(a->project, facts, &a->arena, &a->diags);
  dc_facts_release(facts);
  a->components = dc_scc_find(a->graph, &a->arena);
}

void analysis_release(analysis *a) {
  dc_diags_release(&a->diags);
  dc_arena_release(&a->arena);
}

const dc_edge *find_edge(const dc_graph *g, const char *from, const char *to) {
  int32_t f = dc_graph_find(g, from), t = dc_graph_find(g, to);
  if (f < 0 || t < 0) return NULL;
  for (uint32_t e = g->first_edge[f]; e < g->first_edge[f + 1]; e++)
    if (g->edges[e].to == (uint32_t)t) return &g->edges[e];
  return NULL;
}

static int cmp_pair(const void *a, const void *b) {
  const uint32_t *x = a, *y = b;
  if (x[0] != y[0]) return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? -1 : x[1] > y[1];
}

dc_graph *graph_from_edges(dc_arena *arena, uint32_t n, const uint32_t *edges, uint32_t n_edges) {
  dc_graph *g = dc_arena_alloc(arena, sizeof *g);
  g->n_modules = n;
  g->names = dc_arena_alloc(arena, n * sizeof *g->names);
  g->file = dc_arena_alloc(arena, n * sizeof *g->file);
  for (uint32_t i = 0; i < n; i++) g->names[i] = dc_arena_printf(arena, "m%06u", i), g->file[i] = i;
  uint32_t *sorted = dc_arena_memdup(arena, edges, n_edges, 2 * sizeof *edges);
  qsort(sorted, n_edges, 2 * sizeof *sorted, cmp_pair);
  g->edges = dc_arena_alloc(arena, (n_edges ? n_edges : 1) * sizeof *g->edges);
  for (uint32_t i = 0; i < n_edges; i++) {
    if (i && sorted[2 * i] == sorted[2 * i - 2] && sorted[2 * i + 1] == sorted[2 * i - 1]) continue;
    g->edges[g->n_edges++] = (dc_edge){sorted[2 * i], sorted[2 * i + 1], DC_SCOPE_IMPORT_TIME, NULL, 0};
  }
  g->first_edge = dc_arena_alloc(arena, ((size_t)n + 1) * sizeof *g->first_edge);
  for (uint32_t m = 0, e = 0; m <= n; m++) {
    while (e < g->n_edges && g->edges[e].from < m) e++;
    g->first_edge[m] = e;
  }
  return g;
}
