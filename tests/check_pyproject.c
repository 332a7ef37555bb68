/*
 * check_pyproject.c - the settings of pyproject.toml (values, key forms,
 * requires-python, pathological nesting) and the baseline ratchet (reading,
 * the text written, the comparison on generated graphs, a 30,000-cycle
 * baseline).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "buf.h"
#include "check_decycle.h"
#include "pyproject.h"
#include "rewrite.h"

static dc_arena arena;
static dc_diags diags;
static char *root;
static void setup(void) {
  dc_arena_init(&arena);
  diags = (dc_diags){0};
  root = tmp_project();
}
static void teardown(void) {
  rm_tree(root);
  free(root);
  dc_diags_release(&diags);
  dc_arena_release(&arena);
}

/* Reads root/pyproject.toml holding `text`; returns dc_pyproject_read's result. */
static int read_toml(const char *text, dc_pyproject *out) {
  write_file(root, "pyproject.toml", text);
  return dc_pyproject_read(root, out, &arena, &diags);
}

START_TEST(requires_python) {
  static const struct {
    const char *spec;
    int rc;
    uint32_t minor;
  } cases[] = {
      {">=3.10", 0, 10},  {"~=3.9", 0, 9},     {">=3.8,<4", 0, 8},   {" >= 3.11 , != 3.11.2", 0, 11},
      {"==3.12.*", 0, 12}, {">3.9", 0, 9},      {">=3.7, >=3.10", 0, 10}, {"<3.12", -1, 0},
      {">=2.7", -1, 0},    {"", -1, 0},         {"banana", -1, 0},    {">=3", -1, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    uint32_t minor = 0;
    ck_assert_msg(dc_requires_python_minor(cases[i].spec, &minor) == cases[i].rc, "%s", cases[i].spec);
    if (cases[i].rc == 0) ck_assert_msg(minor == cases[i].minor, "%s gave 3.%u", cases[i].spec, minor);
  }
}
END_TEST

START_TEST(target_and_strategies) {
  uint32_t minor = 0, disabled = 0;
  ck_assert_int_eq(dc_target_version_parse("3.14", &minor), 0);
  ck_assert_uint_eq(minor, 14);
  ck_assert_int_eq(dc_target_version_parse("3.9", &minor), 0);
  ck_assert_uint_eq(minor, 9);
  const char *bad_versions[] = {"3", "3.", ".9", "2.7", "3.9.1", "3.x", "3.100", " 3.9", ""};
  for (size_t i = 0; i < sizeof bad_versions / sizeof *bad_versions; i++)
    ck_assert_msg(dc_target_version_parse(bad_versions[i], &minor) == -1, "'%s'", bad_versions[i]);
  const char *bad = NULL;
  ck_assert_int_eq(dc_strategies_parse("local-import,config-module", &disabled, &bad, &arena), 0);
  for (uint32_t k = 0; k < dc_n_rewrites; k++)
    ck_assert_uint_eq((disabled >> k) & 1, dc_rewrites[k] == &dc_rewrite_type_checking);
  ck_assert_int_eq(dc_strategies_parse("local-import,,", &disabled, &bad, &arena), -1);
  ck_assert_str_eq(bad, "");
  ck_assert_int_eq(dc_strategies_parse("lazy", &disabled, &bad, &arena), -1);
  ck_assert_str_eq(bad, "lazy");
}
END_TEST

START_TEST(no_file) {
  dc_pyproject pp;
  ck_assert_int_eq(dc_pyproject_read(root, &pp, &arena, &diags), 0);
  ck_assert(!pp.found);
  ck_assert_uint_eq(pp.target_minor, DC_DEFAULT_TARGET_MINOR);
  ck_assert_ptr_null(pp.baseline);
}
END_TEST

START_TEST(values_and_strings) {
  dc_pyproject pp;
  ck_assert_int_eq(read_toml("# settings\n"
                             "[project]\n"
                             "requires-python = '>=3.11'\n"
                             "[tool.other]\n"
                             "roots = 3\n"
                             "[\"tool\".'decycle']  # quoted keys\n"
                             "roots = [\"s\\u00e9rc\", 'lit\\n', \"\"\"\nmulti\\\n   line\"\"\", '''raw\\t''']\n"
                             "exclude = []\n"
                             "baseline = \"b\\\"q.txt\"\n",
                             &pp),
                   0);
  ck_assert(pp.found && pp.has_roots && pp.has_excludes && !pp.has_strategies && !pp.has_target);
  ck_assert_uint_eq(pp.n_roots, 4);
  ck_assert_str_eq(pp.roots[0], "s\xc3\xa9rc");
  ck_assert_str_eq(pp.roots[1], "lit\\n");
  ck_assert_str_eq(pp.roots[2], "multiline");
  ck_assert_str_eq(pp.roots[3], "raw\\t");
  ck_assert_uint_eq(pp.n_excludes, 0);
  ck_assert_str_eq(pp.baseline, "b\"q.txt");
  ck_assert_uint_eq(pp.target_minor, 11); /* from requires-python */
  ck_assert_uint_eq(diags.size, 0);
}
END_TEST

START_TEST(target_over_requires_python) {
  dc_pyproject pp;
  ck_assert_int_eq(read_toml("[tool.decycle]\ntarget-version = '3.14'\n[project]\nrequires-python = '>=3.10'\n", &pp),
                   0);
  ck_assert(pp.has_target);
  ck_assert_uint_eq(pp.target_minor, 14);
  ck_assert_int_eq(read_toml("[project]\nrequires-python = 3\n", &pp), 0);
  ck_assert_uint_eq(pp.target_minor, DC_DEFAULT_TARGET_MINOR); /* not ours to check */
}
END_TEST

START_TEST(errors_are_located) {
  dc_pyproject pp;
  ck_assert_int_eq(read_toml("[tool.decycle]\nroots = ['a']\nfoo = 1\nbaseline = 2\n", &pp), -1);
  ck_assert_uint_eq(diags.size, 2); /* every error, not only the first */
  ck_assert_str_eq(diags.items[0].path, "pyproject.toml");
  ck_assert_uint_eq(diags.items[0].line, 2);
  ck_assert_uint_eq(diags.items[0].col, 0);
  ck_assert_int_eq(diags.items[0].severity, DC_SEVERITY_ERROR);
  ck_assert_str_eq(diags.items[0].source_line, "foo = 1");
  ck_assert_uint_eq(diags.items[1].line, 3);
  ck_assert_uint_eq(diags.items[1].col, 11);
  ck_assert_str_eq(diags.items[1].message, "'baseline' must be a string");
}
END_TEST

/* 10,000 nested inline tables and a key of 10,000 parts: no recursion. */
START_TEST(deep_nesting) {
  dc_buf b = DC_BUF_INIT;
  dc_buf_adds(&b, "x = ");
  for (int i = 0; i < 10000; i++) dc_buf_adds(&b, "{a = ");
  dc_buf_adds(&b, "1");
  for (int i = 0; i < 10000; i++) dc_buf_adds(&b, "}");
  dc_buf_adds(&b, "\ntool.decycle");
  for (int i = 0; i < 10000; i++) dc_buf_adds(&b, ".k");
  dc_buf_adds(&b, " = 1\n");
  dc_pyproject pp;
  int rc = read_toml(dc_buf_str(&b), &pp);
  dc_buf_release(&b);
  ck_assert_int_eq(rc, -1);
  ck_assert_uint_eq(diags.size, 1);
  ck_assert_str_eq(diags.items[0].message,
                   "unknown key 'k' in [tool.decycle] (expected roots, exclude, strategies, config-module, "
                   "target-version or baseline)");
}
END_TEST

/* A graph of `n` modules m000000... with the given import-time edges, and
 * its components. */
static dc_components *components(const dc_graph **g, uint32_t n, const uint32_t *edges, uint32_t n_edges) {
  *g = graph_from_edges(&arena, n, edges, n_edges);
  return dc_scc_find(*g, &arena);
}

START_TEST(baseline_compare) {
  /* Run: {0,1,2} (grown from the entry {0,1}), {3,4} (inside {3,4,5}),
   * {6,7} (the same), {8,9} (new). Entries: {0,1}, {3,4,5}, {6,7}, {10,11}. */
  const uint32_t edges[] = {0, 1, 1, 2, 2, 0, 3, 4, 4, 3, 6, 7, 7, 6, 8, 9, 9, 8};
  const dc_graph *g;
  dc_components *c = components(&g, 12, edges, 9);
  write_file(root, "b.txt",
             "# baseline\nm000000\nm000001\n\n\nm000005\nm000003\nm000004\n\nm000007\nm000006\n\nm000010\nm000011");
  char *path = dc_arena_printf(&arena, "%s/b.txt", root);
  dc_baseline b;
  ck_assert_int_eq(dc_baseline_read(path, "b.txt", &b, &arena, &diags), 0);
  ck_assert_uint_eq(b.n, 4);
  ck_assert_uint_eq(b.entries[1].line, 5);
  ck_assert_str_eq(b.entries[1].modules[0], "m000003"); /* sorted on reading */
  dc_baseline_check check;
  dc_baseline_compare(&b, g, c, &check, &arena);
  ck_assert_uint_eq(check.n_known, 2);
  ck_assert_uint_eq(check.n_new, 2);
  ck_assert_uint_eq(c->items[check.new_cycles[0]].modules[0], 0);
  ck_assert_uint_eq(c->items[check.new_cycles[1]].modules[0], 8);
  ck_assert_uint_eq(check.entry_state[0], DC_BASELINE_GROWN);
  ck_assert_uint_eq(check.entry_state[1], DC_BASELINE_SMALLER);
  ck_assert_uint_eq(check.entry_state[2], DC_BASELINE_SAME);
  ck_assert_uint_eq(check.entry_state[3], DC_BASELINE_FIXED);
}
END_TEST

/* The text written reads back to the same cycles, all known; 30,000
 * cycles against their own baseline stay linear. */
START_TEST(baseline_round_trip) {
  enum { N = 30000 };
  uint32_t *edges = malloc(4 * N * sizeof *edges);
  for (uint32_t i = 0; i < N; i++) {
    edges[4 * i] = 2 * i, edges[4 * i + 1] = 2 * i + 1;
    edges[4 * i + 2] = 2 * i + 1, edges[4 * i + 3] = 2 * i;
  }
  const dc_graph *g;
  dc_components *c = components(&g, 2 * N, edges, 2 * N);
  free(edges);
  size_t len;
  char *text = dc_baseline_text(g, c, &len);
  ck_assert(!strncmp(text, "# decycle baseline", 18));
  ck_assert(strstr(text, "\n\nm000000\nm000001\n\nm000002\nm000003\n"));
  char *path = dc_arena_printf(&arena, "%s/sub-b.txt", root);
  ck_assert_int_eq(dc_baseline_write(path, text, len), 0);
  free(text);
  dc_baseline b;
  ck_assert_int_eq(dc_baseline_read(path, "sub-b.txt", &b, &arena, &diags), 0);
  ck_assert_uint_eq(b.n, N);
  dc_baseline_check check;
  dc_baseline_compare(&b, g, c, &check, &arena);
  ck_assert_uint_eq(check.n_known, N);
  ck_assert_uint_eq(check.n_new, 0);
  for (uint32_t e = 0; e < N; e++) ck_assert_uint_eq(check.entry_state[e], DC_BASELINE_SAME);
}
END_TEST

START_TEST(baseline_errors) {
  static const struct {
    const char *text;
    uint32_t line;
    const char *message;
  } cases[] = {
      {"a\nb\n\nc d\n", 3, "'c d' is not a module name (expected one dotted module name per line)"},
      {"a\r\nb\r\n\r\nc\r\n", 3, "a cycle needs two modules or more; 'c' is alone in its block"},
      {"x\ny\nx\n", 0, "module 'x' is listed twice in this cycle"},
      {"a\nb\0\n", 1, "'b' is not a module name (expected one dotted module name per line)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *path = dc_arena_printf(&arena, "%s/bad.txt", root);
    FILE *f = fopen(path, "wb");
    fwrite(cases[i].text, 1, strlen(cases[i].text) + (i == 3 ? 2 : 0), f);
    fclose(f);
    dc_baseline b;
    diags.size = 0;
    ck_assert_int_eq(dc_baseline_read(path, "bad.txt", &b, &arena, &diags), -1);
    ck_assert_uint_eq(diags.size, 1);
    ck_assert_uint_eq(diags.items[0].line, cases[i].line);
    ck_assert_str_eq(diags.items[0].message, cases[i].message);
  }
  /* CRLF line ends and comments are fine; an empty file accepts nothing. */
  write_file(root, "ok.txt", "# c\r\na\r\nb\r\n");
  dc_baseline b;
  ck_assert_int_eq(dc_baseline_read(dc_arena_printf(&arena, "%s/ok.txt", root), "ok.txt", &b, &arena, &diags), 0);
  ck_assert_uint_eq(b.n, 1);
  write_file(root, "empty.txt", "");
  ck_assert_int_eq(dc_baseline_read(dc_arena_printf(&arena, "%s/empty.txt", root), "e", &b, &arena, &diags), 0);
  ck_assert_uint_eq(b.n, 0);
}
END_TEST

Suite *make_pyproject_suite(void) {
  Suite *s = suite_create("pyproject");
  TCase *core = tcase_create("core");
  tcase_add_checked_fixture(core, setup, teardown);
  tcase_add_test(core, requires_python);
  tcase_add_test(core, target_and_strategies);
  tcase_add_test(core, no_file);
  tcase_add_test(core, values_and_strings);
  tcase_add_test(core, target_over_requires_python);
  tcase_add_test(core, errors_are_located);
  tcase_add_test(core, baseline_compare);
  tcase_add_test(core, baseline_errors);
  suite_add_tcase(s, core);
  TCase *edge = tcase_create("edge");
  tcase_add_checked_fixture(edge, setup, teardown);
  tcase_set_timeout(edge, 120);
  tcase_add_test(edge, deep_nesting);
  tcase_add_test(edge, baseline_round_trip);
  suite_add_tcase(s, edge);
  return s;
}
