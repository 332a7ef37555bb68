/*
 * check_constants.c - which constants of a module may move into a config
 * module, and the text search for places that change them.
 */
#include <string.h>

#include "check_decycle.h"
#include "constants.h"
#include "parse.h"

static dc_arena arena;
static void setup(void) { dc_arena_init(&arena); }
static void teardown(void) { dc_arena_release(&arena); }

static dc_constants *find(const char *src) {
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  uint32_t len = (uint32_t)strlen(src), base = len >= 3 && !memcmp(src, "\xef\xbb\xbf", 3) ? 3 : 0;
  TSTree *tree = ts_parser_parse_string(parser, NULL, src + base, len - base);
  dc_constants *c = dc_constants_find(src, len, base, tree, &arena);
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  return c;
}

START_TEST(literals) {
  dc_constants *c = find("A = 1\nB = -2.5\nC = 'x' \"y\"\nD = b'z'\nE = (1, [2, {3: None}], {True})\n"
                         "F = f'{A}'\nG = A + 1\nH = len('x')\nI = J = 3\nK: int = 4\nL = {**M}\nN = not True\n");
  const char *movable[] = {"A", "B", "C", "D", "E", "K"};
  for (size_t i = 0; i < sizeof movable / sizeof *movable; i++) {
    dc_constant *k = dc_constants_get(c, NULL, movable[i]);
    ck_assert_msg(k && !k->why_not, "%s should be a movable constant", movable[i]);
  }
  const char *computed[] = {"F", "G", "H", "I", "J", "L", "N"};
  for (size_t i = 0; i < sizeof computed / sizeof *computed; i++)
    ck_assert_msg(!dc_constants_get(c, NULL, computed[i]), "%s is not a literal", computed[i]);
  ck_assert(dc_constants_get(c, NULL, "E")->mutable_literal);
  ck_assert(!dc_constants_get(c, NULL, "A")->mutable_literal);
  ck_assert(dc_constants_get(c, NULL, "K")->annotated);
}
END_TEST

START_TEST(deep_literal) {
  /* 20,000 nested lists: checked without recursion. */
  enum { DEPTH = 20000 };
  char *src = dc_arena_alloc(&arena, 2 * DEPTH + 16);
  strcpy(src, "X = ");
  size_t n = 4;
  for (int i = 0; i < DEPTH; i++) src[n++] = '[';
  for (int i = 0; i < DEPTH; i++) src[n++] = ']';
  strcpy(src + n, "\n");
  dc_constants *c = find(src);
  dc_constant *x = dc_constants_get(c, NULL, "X");
  ck_assert_ptr_nonnull(x);
  ck_assert(x->mutable_literal);
}
END_TEST

START_TEST(texts_and_ranges) {
  const char *src = "import os\n\n# first\n  # second\nLIMIT: int = {\n    'a': 1,  # inner\n}  # trailing\n\nx = 1\n";
  dc_constants *c = find(src);
  dc_constant *k = dc_constants_get(c, NULL, "LIMIT");
  ck_assert_ptr_nonnull(k);
  ck_assert_str_eq(k->comments, "# first\n# second\n");
  ck_assert_str_eq(k->rest, ": int = {\n    'a': 1,  # inner\n}  # trailing\n");
  /* The definition goes with its comments. */
  ck_assert_uint_eq(k->del_start, strlen("import os\n\n"));
  ck_assert_uint_eq(k->del_end, strlen("import os\n\n# first\n  # second\nLIMIT: int = {\n    'a': 1,  # inner\n}  # trailing\n"));
}
END_TEST

START_TEST(crlf_texts) {
  dc_constants *c = find("# note\r\nX = (1,\r\n     2)\r\n");
  dc_constant *k = dc_constants_get(c, NULL, "X");
  ck_assert_str_eq(k->comments, "# note\n");
  ck_assert_str_eq(k->rest, " = (1,\n     2)\n");
}
END_TEST

START_TEST(class_attributes) {
  dc_constants *c = find("class Model(tf.keras.Model):\n  some_parameter = 10\n  other: int = 3\n  __private = 1\n"
                         "  twice = 1\n  twice = 2\n"
                         "class Color(Enum):\n  RED = 'red'\n"
                         "class Meta(Base, metaclass=M):\n  x = 1\n"
                         "@dataclass\nclass Point:\n  x = 0\n"
                         "class HTTPServer:\n  port = 80\n");
  dc_constant *k = dc_constants_get(c, "Model", "some_parameter");
  ck_assert(k && !k->why_not);
  ck_assert_str_eq(k->config_name, "MODEL_SOME_PARAMETER");
  ck_assert_ptr_nonnull(dc_constants_get(c, "Model", "other")->why_not);
  ck_assert_ptr_nonnull(dc_constants_get(c, "Model", "__private")->why_not);
  ck_assert_ptr_nonnull(dc_constants_get(c, "Model", "twice")->why_not);
  ck_assert_ptr_nonnull(dc_constants_get(c, "Color", "RED")->why_not);
  ck_assert_ptr_nonnull(dc_constants_get(c, "Meta", "x")->why_not);
  ck_assert_ptr_nonnull(dc_constants_get(c, "Point", "x")->why_not);
  ck_assert_str_eq(dc_constants_get(c, "HTTPServer", "port")->config_name, "HTTP_SERVER_PORT");
  ck_assert_ptr_null(dc_constants_get(c, NULL, "some_parameter"));
}
END_TEST

START_TEST(shared_line) {
  dc_constants *c = find("A = 1; B = 2\n");
  ck_assert_ptr_nonnull(dc_constants_get(c, NULL, "A")->why_not);
}
END_TEST

/* The line of the first change to `name` in `t`, or -1. */
static int64_t dc_constants_changed_in(const char *t, uint32_t len, const char *name, bool mutable_literal) {
  dc_text_changes changes = {0};
  dc_constants_scan_changes(t, len, &changes);
  int64_t line = -1;
  for (uint32_t i = 0; i < changes.size && line < 0; i++) {
    const dc_text_change *ch = &changes.items[i];
    if (ch->len == strlen(name) && !memcmp(ch->name, name, ch->len) && (!ch->mutation || mutable_literal))
      line = ch->line;
  }
  dc_vec_free(&changes);
  return line;
}

START_TEST(changed_in) {
  const char *t = "import b\n\nb.LIMIT = 3\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "LIMIT", false), 2);
  t = "b.LIMIT += 1\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "LIMIT", false), 0);
  t = "x = b.LIMIT == 3\nself.LIMIT = 4\ny = b.LIMIT\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "LIMIT", false), -1);
  t = "del pkg.mod.LIMIT\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "LIMIT", false), 0);
  t = "\nSIZES.append(4)\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "SIZES", true), 1);
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "SIZES", false), -1);
  t = "m.SIZES[0] = 1\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "SIZES", true), 0);
  t = "del SIZES[0]\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "SIZES", true), 0);
  t = "x.LIMIT2 = 1\nself . LIMIT = 2\nLIMIT.append(1)\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "LIMIT", false), -1);
  t = "n = SIZES[0] == 1\nALL_SIZES.append(1)\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "SIZES", true), -1);
  /* blanks around the '.' or the '[' (the scan starts from those), the
   * text's first and last bytes, numbers */
  t = "b . LIMIT = 3";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "LIMIT", false), 0);
  t = "x = 1.5\n\nSIZES [0] = 1\nSIZES . append (2)\n1e5.real\nx.";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "SIZES", true), 2);
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "real", true), -1);
  t = "a.b.LIMIT = 1\n";
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "LIMIT", false), 0);
  ck_assert_int_eq(dc_constants_changed_in(t, (uint32_t)strlen(t), "b", false), -1);
}
END_TEST

Suite *make_constants_suite(void) {
  Suite *s = suite_create("constants");
  TCase *t = tcase_create("core");
  tcase_add_checked_fixture(t, setup, teardown);
  tcase_add_test(t, literals);
  tcase_add_test(t, deep_literal);
  tcase_add_test(t, texts_and_ranges);
  tcase_add_test(t, crlf_texts);
  tcase_add_test(t, class_attributes);
  tcase_add_test(t, shared_line);
  tcase_add_test(t, changed_in);
  suite_add_tcase(s, t);
  return s;
}
