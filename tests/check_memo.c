/*
 * check_memo.c - the plan's memo (src/memo.c) through dc_fix_build: a
 * verdict is replayed only from the text it was made from.
 */
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "check_decycle.h"
#include "fix.h"
#include "parse.h"

/* In pkg.a, `helper` is used only inside f(): local-import can cut a -> b.
 * With USED_NOW it is used at import time too, and the edge is kept. */
static const char *const A_DEFERRED = "from pkg.b import helper\n\n\ndef f():\n    return helper()\n";
static const char *const A_USED_NOW = "from pkg.b import helper\n\n\ndef f():\n    return helper()\n\n\nX = helper\n";

static void write_cycle(const char *root, const char *a_text) {
  write_file(root, "pkg/__init__.py", "");
  write_file(root, "pkg/a.py", a_text);
  write_file(root, "pkg/b.py", "from pkg.a import f\n\nVALUE = f\n\n\ndef helper():\n    return 1\n");
}

/* Scans and parses `root` with `cache` (NULL: none), plans the reports'
 * way and returns the strategy of the verdict of pkg.a -> pkg.b ("" when
 * it is kept), copied; `change` is written to pkg/a.py after the parse,
 * before the plan reads the file again (NULL: nothing). */
static char *plan_a_to_b(const char *root, bool cached, const char *change) {
  analysis a;
  memset(&a, 0, sizeof a);
  dc_arena_init(&a.arena);
  dc_scan_options o = {root, NULL, 0, NULL, 0, 0, NULL, NULL};
  a.project = dc_scan(&o, &a.arena, &a.diags);
  ck_assert_ptr_nonnull(a.project);
  dc_cache *cache = cached ? dc_cache_open(a.project, dc_cache_now()) : NULL;
  ck_assert(!cached || cache);
  dc_facts *facts = dc_parse_project(a.project, 1, cache, NULL, NULL, &a.arena, &a.diags);
  a.graph = dc_graph_build(a.project, facts, &a.arena, &a.diags);
  a.components = dc_scc_find(a.graph, &a.arena);
  if (change) write_file(root, "pkg/a.py", change);
  dc_fix_options opts = {.verdicts_only = true, .cache = cache};
  dc_fix *fix = dc_fix_build(a.project, a.graph, a.components, facts, &opts, &a.arena, &a.diags);
  const dc_edge *e = find_edge(a.graph, "pkg.a", "pkg.b");
  ck_assert_ptr_nonnull(e);
  const dc_verdict *v = dc_fix_verdict(fix, a.components, a.graph, (uint32_t)(e - a.graph->edges));
  ck_assert_ptr_nonnull(v);
  char *strategy = dc_xstrdup(v->strategy ? v->strategy : "");
  dc_cache_save_facts(cache);
  dc_cache_save_memo(cache);
  dc_facts_release(facts);
  dc_cache_close(cache);
  analysis_release(&a);
  return strategy;
}

/* A file that changes between the parse and the plan's reading (and back):
 * the verdict made from the new text is not recorded under the old text's
 * hash, so the next run, over the old text again, does not replay it. */
START_TEST(changed_during_the_run_is_not_recorded) {
  char *root = tmp_project(), *cache_dir = tmp_project();
  setenv("DECYCLE_CACHE_DIR", cache_dir, 1);
  write_cycle(root, A_DEFERRED);
  char *uncached = plan_a_to_b(root, false, NULL);
  ck_assert_str_eq(uncached, "local-import");
  char *during = plan_a_to_b(root, true, A_USED_NOW);
  ck_assert_str_eq(during, ""); /* planned from the text it read */
  write_file(root, "pkg/a.py", A_DEFERRED);
  char *after = plan_a_to_b(root, true, NULL);
  ck_assert_str_eq(after, uncached);
  /* and a verdict recorded from a text that stayed is replayed */
  char *replayed = plan_a_to_b(root, true, NULL);
  ck_assert_str_eq(replayed, uncached);
  free(uncached), free(during), free(after), free(replayed);
  unsetenv("DECYCLE_CACHE_DIR");
  rm_tree(root), rm_tree(cache_dir);
  free(root), free(cache_dir);
}
END_TEST

Suite *make_memo_suite(void) {
  Suite *s = suite_create("memo");
  TCase *core = tcase_create("core");
  tcase_add_test(core, changed_during_the_run_is_not_recorded);
  suite_add_tcase(s, core);
  return s;
}
