/*
 * check_scan.c - module naming, layouts, excludes, shadowing and links.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_decycle.h"
#include "buf.h"
#include "regex.h"

static char *root;
static dc_arena arena;
static dc_diags diags;

static void setup(void) {
  root = tmp_project();
  dc_arena_init(&arena);
  memset(&diags, 0, sizeof diags);
}

static void teardown(void) {
  rm_tree(root);
  free(root);
  dc_diags_release(&diags);
  dc_arena_release(&arena);
}

static dc_project *scan_with(const char *path, const char *const *roots, uint32_t n_roots,
                             dc_regex *const *ex, uint32_t n_ex) {
  dc_scan_options o = {path, roots, n_roots, ex, n_ex, 0, NULL, NULL};
  dc_project *p = dc_scan(&o, &arena, &diags);
  ck_assert_msg(p != NULL, "%s", dc_error_message());
  return p;
}

static dc_project *scan(void) { return scan_with(root, NULL, 0, NULL, 0); }

/* The module of file `path`, or NULL if the file is not a module. */
static const char *module_at(const dc_project *p, const char *path) {
  for (uint32_t i = 0; i < p->n_files; i++)
    if (!strcmp(p->files[i].path, path)) return p->files[i].module;
  return NULL;
}

static bool has_namespace(const dc_project *p, const char *name) {
  for (uint32_t i = 0; i < p->n_namespaces; i++)
    if (!strcmp(p->namespaces[i], name)) return true;
  return false;
}

START_TEST(names_and_kinds) {
  write_file(root, "top.py", "");
  write_file(root, "pkg/__init__.py", "");
  write_file(root, "pkg/mod.py", "");
  write_file(root, "pkg/sub/deep.py", "");
  write_file(root, "pkg/stub_only.pyi", "");
  write_file(root, "pkg/mod.pyi", "");
  write_file(root, "pkg/fast.cpython-311-x86_64-linux-gnu.so", "");
  write_file(root, "pkg/win.pyd", "");
  write_file(root, "run-tests.py", "");
  write_file(root, ".github/tool.py", "");
  write_file(root, "notes.txt", "");
  dc_project *p = scan();
  ck_assert_str_eq(p->roots[0], ".");
  ck_assert_str_eq(module_at(p, "top.py"), "top");
  ck_assert_str_eq(module_at(p, "pkg/__init__.py"), "pkg");
  ck_assert_str_eq(module_at(p, "pkg/mod.py"), "pkg.mod");
  ck_assert_ptr_null(module_at(p, "pkg/mod.pyi"));
  ck_assert_str_eq(module_at(p, "pkg/sub/deep.py"), "pkg.sub.deep");
  ck_assert_str_eq(module_at(p, "pkg/stub_only.pyi"), "pkg.stub_only");
  ck_assert_str_eq(module_at(p, "pkg/fast.cpython-311-x86_64-linux-gnu.so"), "pkg.fast");
  ck_assert_str_eq(module_at(p, "pkg/win.pyd"), "pkg.win");
  ck_assert_ptr_null(module_at(p, "run-tests.py"));
  ck_assert_ptr_null(module_at(p, ".github/tool.py"));
  ck_assert(has_namespace(p, "pkg.sub"));
  ck_assert(!has_namespace(p, "pkg"));
  for (uint32_t i = 1; i < p->n_files; i++) ck_assert(strcmp(p->files[i - 1].path, p->files[i].path) < 0);
  ck_assert(p->files[0].is_package); /* pkg/__init__.py sorts first */
  ck_assert_uint_eq(diags.size, 0);
}
END_TEST

START_TEST(shadowing) {
  write_file(root, "pkg/__init__.py", "");
  write_file(root, "pkg.py", "");
  write_file(root, "ext.py", "");
  write_file(root, "ext.cpython-311-x86_64-linux-gnu.so", "");
  dc_project *p = scan();
  ck_assert_str_eq(module_at(p, "pkg/__init__.py"), "pkg");
  ck_assert_ptr_null(module_at(p, "pkg.py"));
  ck_assert_str_eq(module_at(p, "ext.cpython-311-x86_64-linux-gnu.so"), "ext");
  ck_assert_ptr_null(module_at(p, "ext.py"));
  ck_assert_uint_eq(diags.size, 2);
}
END_TEST

START_TEST(src_layout_and_roots) {
  write_file(root, "src/app/__init__.py", "");
  write_file(root, "src/app/core.py", "");
  write_file(root, "tests/test_core.py", "");
  dc_project *p = scan();
  ck_assert_uint_eq(p->n_roots, 1);
  ck_assert_str_eq(p->roots[0], "src");
  ck_assert_str_eq(module_at(p, "src/app/core.py"), "app.core");
  ck_assert_ptr_null(module_at(p, "tests/test_core.py"));

  const char *roots[] = {"src", "tests/"};
  p = scan_with(root, roots, 2, NULL, 0);
  ck_assert_str_eq(p->roots[1], "tests");
  ck_assert_str_eq(module_at(p, "tests/test_core.py"), "test_core");

  const char *nested[] = {".", "src"};
  p = scan_with(root, nested, 2, NULL, 0);
  ck_assert_str_eq(module_at(p, "src/app/core.py"), "app.core"); /* the nested root owns it */
  ck_assert_str_eq(module_at(p, "tests/test_core.py"), "tests.test_core");

  const char *outside[] = {".."};
  dc_scan_options o = {root, outside, 1, NULL, 0, 0, NULL, NULL};
  ck_assert_ptr_null(dc_scan(&o, &arena, &diags));
}
END_TEST

START_TEST(path_inside_a_package) {
  write_file(root, "outer/__init__.py", "");
  write_file(root, "outer/inner/__init__.py", "");
  write_file(root, "outer/inner/mod.py", "");
  char *path = dc_arena_printf(&arena, "%s/outer/inner", root);
  dc_project *p = scan_with(path, NULL, 0, NULL, 0);
  ck_assert_str_eq(module_at(p, "__init__.py"), "outer.inner");
  ck_assert_str_eq(module_at(p, "mod.py"), "outer.inner.mod");
}
END_TEST

START_TEST(excludes) {
  write_file(root, "keep.py", "");
  const char *dropped[] = {".git/x.py", "__pycache__/x.py", ".venv/x.py", "venv/x.py", ".tox/x.py",
                           ".nox/x.py", "build/x.py", "dist/x.py", "node_modules/x.py",
                           "site-packages/x.py", "thing.egg-info/x.py", "tests/test_a.py", "gen/skip_me.py"};
  for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++) write_file(root, dropped[i], "");
  dc_regex *ex[] = {dc_regex_new("^tests/"), dc_regex_new("skip_me")};
  dc_project *p = scan_with(root, NULL, 0, ex, 2);
  ck_assert_uint_eq(p->n_files, 1);
  ck_assert_str_eq(p->files[0].path, "keep.py");
  dc_regex_free(ex[0]);
  dc_regex_free(ex[1]);
  ck_assert_ptr_null(dc_regex_new("("));
  ck_assert(strstr(dc_error_message(), "offset") != NULL);
}
END_TEST

START_TEST(links) {
  write_file(root, "pkg/__init__.py", "");
  write_file(root, "pkg/a.py", "");
  char *outside = tmp_project();
  write_file(outside, "secret.py", "");
  char link[4096];
  snprintf(link, sizeof link, "%s/pkg/loop", root);
  ck_assert_int_eq(symlink("..", link), 0);
  snprintf(link, sizeof link, "%s/pkg/escape", root);
  ck_assert_int_eq(symlink(outside, link), 0);
  snprintf(link, sizeof link, "%s/pkg/escape_file.py", root);
  char target[4096];
  snprintf(target, sizeof target, "%s/secret.py", outside);
  ck_assert_int_eq(symlink(target, link), 0);
  snprintf(link, sizeof link, "%s/pkg/vendor.js", root); /* not Python: no warning */
  ck_assert_int_eq(symlink(target, link), 0);
  snprintf(link, sizeof link, "%s/pkg/alias.py", root);
  ck_assert_int_eq(symlink("a.py", link), 0);
  dc_project *p = scan();
  ck_assert_uint_eq(p->n_files, 3); /* pkg, pkg.a, pkg.alias */
  ck_assert_str_eq(module_at(p, "pkg/alias.py"), "pkg.alias");
  ck_assert_uint_eq(diags.size, 2); /* the two links out of PATH */
  ck_assert(strstr(diags.items[0].message, "out of PATH") != NULL);
  rm_tree(outside);
  free(outside);
}
END_TEST

START_TEST(bad_path) {
  dc_scan_options o = {"/nonexistent/decycle", NULL, 0, NULL, 0, 0, NULL, NULL};
  ck_assert_ptr_null(dc_scan(&o, &arena, &diags));
  write_file(root, "file.py", "");
  o.path = dc_arena_printf(&arena, "%s/file.py", root);
  ck_assert_ptr_null(dc_scan(&o, &arena, &diags));
  ck_assert(strstr(dc_error_message(), "not a folder") != NULL);
}
END_TEST

/* A package 2,000 folders deep: the walk uses its own stack. */
START_TEST(deep_packages) {
  char *rel = dc_xcalloc(2000 * 2 + 16, 1);
  for (int i = 0; i < 2000; i++) strcat(rel, "p/");
  strcat(rel, "m.py");
  write_file(root, rel, "");
  dc_project *p = scan();
  ck_assert_uint_eq(p->n_files, 1);
  ck_assert_uint_eq(strlen(p->files[0].module), 2000 * 2 + 1);
  free(rel);
}
END_TEST

Suite *make_scan_suite(void) {
  Suite *s = suite_create("scan");
  TCase *core = tcase_create("core");
  tcase_add_checked_fixture(core, setup, teardown);
  tcase_add_test(core, names_and_kinds);
  tcase_add_test(core, shadowing);
  tcase_add_test(core, src_layout_and_roots);
  tcase_add_test(core, path_inside_a_package);
  tcase_add_test(core, excludes);
  suite_add_tcase(s, core);
  TCase *edge = tcase_create("edge");
  tcase_add_checked_fixture(edge, setup, teardown);
  tcase_set_timeout(edge, 60);
  tcase_add_test(edge, links);
  tcase_add_test(edge, bad_path);
  tcase_add_test(edge, deep_packages);
  suite_add_tcase(s, edge);
  return s;
}
