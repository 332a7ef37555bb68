/*
 * check_graph.c - resolution of imports to edges, end to end from files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "check_decycle.h"
#include "parse.h"

static char *root;
static analysis a;

static void setup(void) { root = tmp_project(); }
static void teardown(void) {
  analysis_release(&a);
  rm_tree(root);
  free(root);
}

static void expect(const char *from, const char *to, dc_scope kind) {
  const dc_edge *e = find_edge(a.graph, from, to);
  ck_assert_msg(e != NULL, "no edge %s -> %s", from, to);
  ck_assert_msg(e->kind == kind, "%s -> %s is %s", from, to, dc_scope_name(e->kind));
}

static void expect_none(const char *from, const char *to) {
  ck_assert_msg(find_edge(a.graph, from, to) == NULL, "unexpected edge %s -> %s", from, to);
}

START_TEST(dotted_and_relative) {
  write_file(root, "a/__init__.py", "");
  write_file(root, "a/b/__init__.py", "");
  write_file(root, "a/b/c.py", "");
  write_file(root, "m.py", "import a.b.c\n");
  write_file(root, "a/b/d.py", "from . import c\nfrom .. import b\nfrom ..b.c import x\nimport a.b.c\n");
  write_file(root, "a/b/e.py", "def f():\n    from .c import y\nif TYPE_CHECKING:\n    from . import d\n");
  analyse(&a, root, NULL, 0, 2);
  expect("m", "a", DC_SCOPE_IMPORT_TIME);
  expect("m", "a.b", DC_SCOPE_IMPORT_TIME);
  expect("m", "a.b.c", DC_SCOPE_IMPORT_TIME);
  expect("a.b.d", "a.b.c", DC_SCOPE_IMPORT_TIME);
  expect_none("a.b.d", "a.b"); /* ancestors are already running; `from .. import b` is the submodule */
  expect_none("a.b.d", "a");
  expect("a.b.e", "a.b.c", DC_SCOPE_DEFERRED);
  expect("a.b.e", "a.b.d", DC_SCOPE_TYPE_ONLY);
}
END_TEST

START_TEST(submodule_or_attribute) {
  write_file(root, "pkg/__init__.py", "from . import sub\nattr_mod = 1\nfrom .other import thing\n");
  write_file(root, "pkg/sub.py", "");
  write_file(root, "pkg/attr_mod.py", "");
  write_file(root, "pkg/other.py", "");
  write_file(root, "pkg/ns/leaf.py", "");
  write_file(root, "user.py", "from pkg import sub, attr_mod, ns, missing\n");
  write_file(root, "pkg/inner.py", "from pkg import __version__\nfrom pkg import sub\n");
  analyse(&a, root, NULL, 0, 1);
  expect("user", "pkg", DC_SCOPE_IMPORT_TIME);
  expect("user", "pkg.sub", DC_SCOPE_IMPORT_TIME);
  expect_none("user", "pkg.attr_mod"); /* __init__ binds attr_mod itself */
  expect("pkg", "pkg.sub", DC_SCOPE_IMPORT_TIME);
  expect("pkg", "pkg.other", DC_SCOPE_IMPORT_TIME);
  expect("pkg.inner", "pkg", DC_SCOPE_IMPORT_TIME); /* __version__ is an attribute */
  expect("pkg.inner", "pkg.sub", DC_SCOPE_IMPORT_TIME);
  ck_assert_uint_eq(a.components->n, 0); /* nothing imports pkg.inner */
}
END_TEST

START_TEST(ancestor_attribute_reads) {
  write_file(root, "pkg/__init__.py", "from pkg import a\n__version__ = '1'\n");
  write_file(root, "pkg/a.py", "import pkg.b\nVERSION = pkg.__version__\nSUB = pkg.b\n");
  write_file(root, "pkg/b.py", "import pkg\ndef later():\n    return pkg.__version__\n");
  analyse(&a, root, NULL, 0, 1);
  expect("pkg.a", "pkg", DC_SCOPE_IMPORT_TIME);
  const dc_edge *e = find_edge(a.graph, "pkg.a", "pkg");
  ck_assert_uint_eq(e->n_sites, 1);
  ck_assert_str_eq(e->sites[0].statement, "VERSION = pkg.__version__");
  ck_assert_int_eq(e->sites[0].import_index, -1);
  expect_none("pkg.b", "pkg");
  ck_assert_uint_eq(a.components->n, 1);
}
END_TEST

START_TEST(star_and_all) {
  write_file(root, "pkg/__init__.py", "__all__ = ['sub', 'name']\nname = 1\n");
  write_file(root, "pkg/sub.py", "");
  write_file(root, "pkg/unlisted.py", "");
  write_file(root, "user.py", "from pkg import *\n");
  analyse(&a, root, NULL, 0, 1);
  expect("user", "pkg", DC_SCOPE_IMPORT_TIME);
  expect("user", "pkg.sub", DC_SCOPE_IMPORT_TIME);
  expect_none("user", "pkg.unlisted");
}
END_TEST

START_TEST(calls_and_external) {
  write_file(root, "a.py", "import os, numpy\nimport importlib\nB = importlib.import_module('b')\n");
  write_file(root, "b.py", "def f(x=__import__('a')):\n    pass\n");
  analyse(&a, root, NULL, 0, 1);
  expect("a", "b", DC_SCOPE_IMPORT_TIME);
  expect("b", "a", DC_SCOPE_IMPORT_TIME);
  ck_assert_uint_eq(a.graph->n_edges, 2);
  ck_assert_uint_eq(a.components->n, 1);
}
END_TEST

START_TEST(beyond_top_level) {
  write_file(root, "solo.py", "from . import x\n");
  write_file(root, "pkg/__init__.py", "from .. import y\n");
  analyse(&a, root, NULL, 0, 1);
  ck_assert_uint_eq(a.diags.size, 2);
  ck_assert(strstr(a.diags.items[0].message, "beyond the top-level package") != NULL);
  ck_assert_uint_eq(a.graph->n_edges, 0);
}
END_TEST

/* A file deleted between the scan and the parse: a warning, no crash. */
START_TEST(file_deleted_during_run) {
  write_file(root, "a.py", "import b\n");
  write_file(root, "b.py", "import a\n");
  dc_arena_init(&a.arena);
  dc_scan_options o = {root, NULL, 0, NULL, 0, 0, NULL, NULL};
  a.project = dc_scan(&o, &a.arena, &a.diags);
  char path[4096];
  snprintf(path, sizeof path, "%s/b.py", root);
  ck_assert_int_eq(unlink(path), 0);
  dc_facts *facts = dc_parse_project(a.project, 2, NULL, NULL, NULL, &a.arena, &a.diags);
  a.graph = dc_graph_build(a.project, facts, &a.arena, &a.diags);
  dc_facts_release(facts);
  ck_assert_uint_eq(a.diags.size, 1);
  ck_assert_str_eq(a.diags.items[0].path, "b.py");
  ck_assert(strstr(a.diags.items[0].message, "cannot read") != NULL);
  ck_assert_ptr_nonnull(find_edge(a.graph, "a", "b"));
  ck_assert_ptr_null(find_edge(a.graph, "b", "a"));
}
END_TEST

/* Files parsed while the scan finds them (dc_parse_ahead): the parse takes
 * what was made of them, warnings included, instead of reading them (they
 * are gone by then), and the cache records each under its text's hash. */
START_TEST(parsed_ahead) {
  static const char *const names[] = {"a.py", "b.py", "c.py"};
  static const char *const texts[] = {"import b\n", "import a\n", "import a\ndef f(:\n"};
  char *cache_dir = tmp_project();
  setenv("DECYCLE_CACHE_DIR", cache_dir, 1);
  for (int i = 0; i < 3; i++) write_file(root, names[i], texts[i]);
  dc_arena_init(&a.arena);
  dc_parse_ahead *ahead = dc_parse_ahead_start(0, true);
  dc_scan_options o = {root, NULL, 0, NULL, 0, 0, dc_parse_ahead_add, ahead};
  uint64_t started = dc_cache_now();
  a.project = dc_scan(&o, &a.arena, &a.diags);
  for (int i = 0; i < 1000 && dc_parse_ahead_count(ahead) < 3; i++)
    nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
  dc_parse_ahead_stop(ahead);
  ck_assert_uint_eq(dc_parse_ahead_count(ahead), 3);
  for (int i = 0; i < 3; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root, names[i]);
    ck_assert_int_eq(unlink(path), 0);
  }
  dc_cache *cache = dc_cache_open(a.project, started);
  ck_assert_ptr_nonnull(cache);
  dc_facts *facts = dc_parse_project(a.project, 2, cache, ahead, NULL, &a.arena, &a.diags);
  a.graph = dc_graph_build(a.project, facts, &a.arena, &a.diags);
  expect("a", "b", DC_SCOPE_IMPORT_TIME);
  expect("b", "a", DC_SCOPE_IMPORT_TIME);
  expect("c", "a", DC_SCOPE_IMPORT_TIME);
  ck_assert_uint_eq(a.diags.size, 1); /* c.py's syntax error, no "cannot read" */
  ck_assert_str_eq(a.diags.items[0].path, "c.py");
  ck_assert(strstr(a.diags.items[0].message, "syntax error") != NULL);
  for (uint32_t i = 0; i < 3; i++) {
    dc_hash content;
    ck_assert(dc_cache_file_hashes(cache, i, &content, NULL));
    ck_assert(dc_hash_eq(content, dc_hash_bytes(DC_HASH_SEED, texts[i], strlen(texts[i]))));
  }
  dc_facts_release(facts);
  dc_cache_close(cache);
  dc_parse_ahead_release(ahead, &a.arena);
  unsetenv("DECYCLE_CACHE_DIR");
  rm_tree(cache_dir);
  free(cache_dir);
}
END_TEST

/* The same output for any number of threads. */
START_TEST(threads_do_not_matter) {
  for (int i = 0; i < 200; i++) {
    char rel[64], text[128];
    snprintf(rel, sizeof rel, "p/m%03d.py", i);
    snprintf(text, sizeof text, "from . import m%03d\nfrom . import m%03d\n", (i + 1) % 200, (i * 7) % 200);
    write_file(root, rel, text);
  }
  write_file(root, "p/__init__.py", "");
  analyse(&a, root, NULL, 0, 1);
  uint32_t edges1 = a.graph->n_edges, comps1 = a.components->n, size1 = a.components->items[0].n_modules;
  analysis_release(&a);
  analyse(&a, root, NULL, 0, 7);
  ck_assert_uint_eq(a.graph->n_edges, edges1);
  ck_assert_uint_eq(a.components->n, comps1);
  ck_assert_uint_eq(a.components->items[0].n_modules, size1);
  ck_assert_uint_eq(size1, 200);
}
END_TEST

Suite *make_graph_suite(void) {
  Suite *s = suite_create("graph");
  TCase *core = tcase_create("core");
  tcase_add_checked_fixture(core, setup, teardown);
  tcase_add_test(core, dotted_and_relative);
  tcase_add_test(core, submodule_or_attribute);
  tcase_add_test(core, ancestor_attribute_reads);
  tcase_add_test(core, star_and_all);
  tcase_add_test(core, calls_and_external);
  tcase_add_test(core, beyond_top_level);
  tcase_add_test(core, threads_do_not_matter);
  tcase_add_test(core, file_deleted_during_run);
  tcase_add_test(core, parsed_ahead);
  suite_add_tcase(s, core);
  return s;
}
