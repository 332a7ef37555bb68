/*
 * check_uses.c - name resolution and use classification for the rewrites.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "check_decycle.h"
#include "parse.h"
#include "uses.h"

static dc_arena arena;
static void setup(void) { dc_arena_init(&arena); }
static void teardown(void) { dc_arena_release(&arena); }

static dc_file_uses *analyse_src(const char *src, const char *const *names, uint32_t n) {
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  uint32_t len = (uint32_t)strlen(src), base = len >= 3 && !memcmp(src, "\xef\xbb\xbf", 3) ? 3 : 0;
  TSTree *tree = ts_parser_parse_string(parser, NULL, src + base, len - base);
  dc_file_uses *u = dc_uses_analyse(src, len, base, tree, names, n, 0, &arena);
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  return u;
}

/* Counts the uses of `name` of kind `kind`. */
static uint32_t count(const dc_file_uses *u, const char *name, dc_use_kind kind) {
  const dc_name_uses *nu = dc_uses_find(u, name);
  ck_assert_ptr_nonnull(nu);
  uint32_t n = 0;
  for (uint32_t i = 0; i < nu->n_uses; i++) n += nu->uses[i].kind == kind;
  return n;
}

START_TEST(seed_layers) {
  const char *names[] = {"Model", "tf"};
  dc_file_uses *u = analyse_src(
      "from model import Model\nimport tf\n\n"
      "class CustomLayer(tf.Layer):\n"
      "  def __init__(self):\n"
      "    super().__init__()\n"
      "    self.param = Model.some_parameter\n\n"
      "  def call(self, inputs):\n    return inputs\n",
      names, 2);
  ck_assert_uint_eq(count(u, "Model", DC_USE_DEFERRED), 1);
  ck_assert_uint_eq(count(u, "Model", DC_USE_IMPORT_TIME), 0);
  ck_assert_uint_eq(count(u, "tf", DC_USE_IMPORT_TIME), 1); /* the base class */
  ck_assert_uint_eq(u->n_functions, 2);
  const dc_use *use = &dc_uses_find(u, "Model")->uses[0];
  ck_assert_int_eq(use->function, 0);
  ck_assert_str_eq(u->functions[0].name, "__init__");
  ck_assert_str_eq(u->functions[0].indent, "    ");
  ck_assert_str_eq(u->indent_unit, "  ");
  ck_assert_uint_eq(dc_uses_find(u, "Model")->module_bindings, 1);
}
END_TEST

START_TEST(scoping) {
  const char *names[] = {"X"};
  dc_file_uses *u = analyse_src(
      "from m import X\n"
      "def param(X):\n    return X\n"
      "def local():\n    X = 1\n    return X\n"
      "def later():\n    y = X\n    X = 2\n"                 /* local everywhere in the def */
      "def glob():\n    global X\n    return X\n"
      "def comp():\n    return [X for X in range(3)]\n"
      "def closure():\n    def inner():\n        return X\n    return inner\n"
      "class C:\n    X = 5\n    def m(self):\n        return X\n"
      "def imported():\n    from n import X\n    return X\n"
      "def deleted():\n    del X\n"
      "def reads():\n    return X.attr, X\n",
      names, 1);
  /* glob, closure (inner's read, function = closure), C.m (class scope skipped), reads x2 */
  ck_assert_uint_eq(count(u, "X", DC_USE_DEFERRED), 5);
  ck_assert_uint_eq(count(u, "X", DC_USE_IMPORT_TIME), 0);
  const dc_name_uses *nu = dc_uses_find(u, "X");
  ck_assert_uint_eq(nu->module_bindings, 1);
  ck_assert(!nu->global_write);
  bool closure_seen = false;
  for (uint32_t i = 0; i < nu->n_uses; i++)
    if (nu->uses[i].function >= 0 && !strcmp(u->functions[nu->uses[i].function].name, "closure")) closure_seen = true;
  ck_assert(closure_seen);
}
END_TEST

START_TEST(import_time_and_blockers) {
  const char *names[] = {"A", "B", "C", "D", "E"};
  dc_file_uses *u = analyse_src(
      "from m import A, B, C, D, E\n"
      "@A.register\ndef f(x=B, y: C = None):\n    pass\n"
      "handler = lambda: D\n"
      "if __name__ == '__main__':\n    E()\n"
      "class K(E):\n    pass\n",
      names, 5);
  ck_assert_uint_eq(count(u, "A", DC_USE_IMPORT_TIME), 1);
  ck_assert_uint_eq(count(u, "B", DC_USE_IMPORT_TIME), 1);
  ck_assert_uint_eq(count(u, "C", DC_USE_IMPORT_TIME), 1); /* evaluated annotation */
  ck_assert_uint_eq(count(u, "D", DC_USE_DEFERRED), 1);
  ck_assert_ptr_nonnull(strstr(dc_uses_find(u, "D")->uses[0].blocker, "lambda"));
  ck_assert_ptr_nonnull(strstr(dc_uses_find(u, "E")->uses[0].blocker, "__main__"));
  ck_assert_uint_eq(count(u, "E", DC_USE_IMPORT_TIME), 1);
}
END_TEST

START_TEST(annotations_and_type_checking) {
  const char *names[] = {"User", "Order"};
  dc_file_uses *u = analyse_src(
      "from __future__ import annotations\n"
      "from typing import TYPE_CHECKING\n"
      "from .users import User\n"
      "if TYPE_CHECKING:\n    from .orders import Order\n\n"
      "def owner(order: Order) -> User:\n    local: User = order.user\n    return local\n"
      "x: User = None\n",
      names, 2);
  ck_assert_uint_eq(count(u, "User", DC_USE_ANNOTATION), 3);
  ck_assert_uint_eq(count(u, "User", DC_USE_IMPORT_TIME), 0);
  ck_assert_uint_eq(count(u, "Order", DC_USE_ANNOTATION), 1);
  ck_assert(u->future_annotations);
  ck_assert(u->tc_bound);
  ck_assert_int_gt(u->tc_block_end, 0);
  ck_assert_str_eq(u->tc_indent, "    ");
  ck_assert_uint_eq(dc_uses_find(u, "Order")->module_bindings, 0); /* under TYPE_CHECKING */
}
END_TEST

START_TEST(functions_and_layout) {
  const char *names[] = {"P"};
  const char *src =
      "\xef\xbb\xbf\"\"\"Module doc.\"\"\"\r\n"
      "from .p import P\r\n"
      "def one(items): return P.of(items)\r\n"
      "def doc():\r\n\t\"\"\"Doc.\"\"\"\r\n\t# note\r\n\treturn P\r\n"
      "x = eval('1')\r\n";
  dc_file_uses *u = analyse_src(src, names, 1);
  ck_assert_str_eq(u->eol, "\r\n");
  ck_assert_str_eq(u->indent_unit, "\t");
  ck_assert_str_eq(u->dynamic, "eval");
  ck_assert_uint_eq(u->n_functions, 2);
  ck_assert(u->functions[0].one_line);
  ck_assert_str_eq(u->functions[0].indent, "\t");
  ck_assert_uint_eq(u->functions[0].insert_at, (uint32_t)(strstr(src, "return P.of") - src));
  ck_assert_uint_eq(src[u->functions[0].gap_start - 1], ':');
  ck_assert(!u->functions[1].one_line);
  ck_assert_uint_eq(u->functions[1].insert_at, (uint32_t)(strstr(src, "\t# note") - src));
  ck_assert_uint_eq(u->after_imports, (uint32_t)(strstr(src, "def one") - src));
}
END_TEST

/* Thousands of names of interest and of scopes (names are hashed, and what a
 * scope binds is keyed by scope and name): every name keeps its own uses,
 * bindings and global writes. */
START_TEST(many_names) {
  enum { N = 3000 };
  static char storage[N][16];
  const char *names[N + 1];
  dc_buf src = DC_BUF_INIT;
  for (uint32_t i = 0; i < N; i++) {
    snprintf(storage[i], sizeof storage[i], "N%u", i);
    names[i] = storage[i];
    dc_buf_addf(&src, "N%u = %u\n", i, i);
  }
  names[N] = "N7"; /* a duplicate: the first entry gets the uses */
  for (uint32_t i = 0; i < N; i++) {
    if (i % 3 == 0) dc_buf_addf(&src, "def f%u():\n    return N%u\n", i, i);           /* deferred */
    else if (i % 3 == 1) dc_buf_addf(&src, "def g%u():\n    N%u = 1\n    return N%u\n", i, i, i); /* local */
    else dc_buf_addf(&src, "def h%u():\n    global N%u\n    N%u = 2\n", i, i, i);   /* global write */
  }
  dc_buf_addf(&src, "print(N1, N2)\n");
  dc_file_uses *u = analyse_src(dc_buf_str(&src), names, N + 1);
  for (uint32_t i = 0; i < N; i++) {
    const dc_name_uses *nu = dc_uses_find(u, names[i]);
    ck_assert_ptr_eq(nu, &u->names[i]);
    ck_assert_uint_eq(nu->module_bindings, 1);
    ck_assert_uint_eq(count(u, names[i], DC_USE_DEFERRED), i % 3 == 0);
    ck_assert_uint_eq(count(u, names[i], DC_USE_IMPORT_TIME), i == 1 || i == 2);
    ck_assert(nu->global_write == (i % 3 == 2));
  }
  ck_assert_ptr_eq(dc_uses_find(u, "N7"), &u->names[7]);
  ck_assert_uint_eq(u->names[N].n_uses, 0);
  ck_assert_ptr_null(dc_uses_find(u, "N"));
  ck_assert_ptr_null(dc_uses_find(u, "N30000"));
  dc_buf_release(&src);
}
END_TEST

Suite *make_uses_suite(void) {
  Suite *s = suite_create("uses");
  TCase *core = tcase_create("core");
  tcase_add_checked_fixture(core, setup, teardown);
  tcase_add_test(core, seed_layers);
  tcase_add_test(core, scoping);
  tcase_add_test(core, import_time_and_blockers);
  tcase_add_test(core, annotations_and_type_checking);
  tcase_add_test(core, functions_and_layout);
  tcase_add_test(core, many_names);
  suite_add_tcase(s, core);
  return s;
}
