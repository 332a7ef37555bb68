/*
 * check_apply.c - --apply is all or nothing: every write, fsync and rename
 * is made to fail in turn (apply_p.h), and each time every file must end
 * entirely old, with no temporary file left; without faults, entirely new.
 * The last change creates a file (as a new config module does): "old" is
 * then its absence. And dc_verify, which --diff and --apply run first,
 * refuses a rewrite whose text Python would refuse.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "apply.h"
#include "apply_p.h"
#include "check_decycle.h"
#include "fix.h"
#include "parse.h"
#include "scc.h"
#include "verify.h"

enum { FILES = 3 };

static char *root;
static dc_arena arena;
static dc_change changes[FILES];
static dc_fix fix;
static int fail_op, fail_at, calls;

static bool inject(enum dc_apply__op op) {
  if ((int)op != fail_op) return false;
  return ++calls == fail_at;
}

static void setup(void) {
  root = tmp_project();
  dc_arena_init(&arena);
  for (int i = 0; i < FILES; i++) {
    char rel[32];
    snprintf(rel, sizeof rel, "pkg/m%d.py", i);
    bool created = i == FILES - 1;
    const char *old = created ? NULL : dc_arena_printf(&arena, "import m%d\nOLD = %d\n", (i + 1) % FILES, i);
    if (old) write_file(root, rel, old);
    changes[i] = (dc_change){.file = created ? UINT32_MAX : (uint32_t)i,
                             .path = dc_arena_strdup(&arena, rel),
                             .open_path = dc_arena_printf(&arena, "%s/%s", root, rel),
                             .old_text = old,
                             .old_len = old ? (uint32_t)strlen(old) : 0,
                             .new_text = dc_arena_printf(&arena, "NEW = %d\n", i),
                             .mode = 0644,
                             .config = created};
    changes[i].new_len = (uint32_t)strlen(changes[i].new_text);
  }
  fix = (dc_fix){.changes = changes, .n_changes = FILES};
  dc_apply__fault = NULL;
}

static void teardown(void) {
  dc_apply__fault = NULL;
  rm_tree(root);
  free(root);
  dc_arena_release(&arena);
}

/* 1 when every file holds its new text, 0 when its old, -1 when mixed. */
static int state(void) {
  int news = 0;
  for (int i = 0; i < FILES; i++) {
    dc_source s;
    if (!changes[i].old_text && access(changes[i].open_path, F_OK) != 0) continue; /* not created: old */
    ck_assert_int_eq(dc_source_read(changes[i].open_path, &s), 0);
    bool is_new = s.len == changes[i].new_len && !memcmp(s.data, changes[i].new_text, s.len);
    bool is_old = changes[i].old_text && s.len == changes[i].old_len && !memcmp(s.data, changes[i].old_text, s.len);
    ck_assert_msg(is_new || is_old, "%s is neither old nor new", changes[i].path);
    news += is_new;
    free(s.data);
  }
  return news == FILES ? 1 : news == 0 ? 0 : -1;
}

static int leftovers(void) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/pkg", root);
  DIR *d = opendir(dir);
  struct dirent *e;
  int n = 0;
  while ((e = readdir(d))) n += strstr(e->d_name, ".decycle-") != NULL;
  closedir(d);
  return n;
}

START_TEST(no_fault) {
  ck_assert_int_eq(dc_apply(&fix), 0);
  ck_assert_int_eq(state(), 1);
  ck_assert_int_eq(leftovers(), 0);
  struct stat st;
  stat(changes[0].open_path, &st);
  ck_assert_uint_eq(st.st_mode & 07777, 0644);
}
END_TEST

/* Each of the first FILES writes, fsyncs and renames fails in turn. */
START_TEST(each_fault) {
  fail_op = _i / FILES;
  fail_at = _i % FILES + 1;
  calls = 0;
  dc_apply__fault = inject;
  ck_assert_int_eq(dc_apply(&fix), -1);
  ck_assert_msg(strlen(dc_error_message()) > 0, "no message");
  dc_apply__fault = NULL;
  ck_assert_int_eq(state(), 0);
  ck_assert_int_eq(leftovers(), 0);
}
END_TEST

START_TEST(changed_since_read) {
  write_file(root, "pkg/m1.py", "import m2\nOLD = 1  # edited meanwhile\n");
  ck_assert_int_eq(dc_apply(&fix), -1);
  ck_assert(strstr(dc_error_message(), "changed since it was read") != NULL);
  dc_source s;
  dc_source_read(changes[0].open_path, &s);
  ck_assert_mem_eq(s.data, changes[0].old_text, changes[0].old_len);
  free(s.data);
}
END_TEST

/* A file to create that appeared meanwhile is never replaced. */
START_TEST(new_file_appeared) {
  write_file(root, "pkg/m2.py", "MINE = 1\n");
  ck_assert_int_eq(dc_apply(&fix), -1);
  ck_assert(strstr(dc_error_message(), "appeared") != NULL);
  dc_source s;
  dc_source_read(changes[2].open_path, &s);
  ck_assert_mem_eq(s.data, "MINE = 1\n", 9);
  free(s.data);
  dc_source_read(changes[0].open_path, &s);
  ck_assert_mem_eq(s.data, changes[0].old_text, changes[0].old_len);
  free(s.data);
}
END_TEST

/* A planned rewrite passes dc_verify; the same with text appended that
 * tree-sitter parses without an error and Python refuses does not. */
START_TEST(verify_refuses_text_python_refuses) {
  char *dir = tmp_project();
  write_file(dir, "pkg/__init__.py", "");
  write_file(dir, "pkg/a.py", "from pkg.b import helper\n\n\ndef f():\n    return helper()\n");
  write_file(dir, "pkg/b.py", "from pkg.a import f\n\nVALUE = f\n\n\ndef helper():\n    return 1\n");
  dc_arena ar;
  dc_arena_init(&ar);
  dc_diags diags = {0};
  dc_scan_options o = {dir, NULL, 0, NULL, 0, 0, NULL, NULL};
  dc_project *p = dc_scan(&o, &ar, &diags);
  ck_assert_ptr_nonnull(p);
  dc_facts *facts = dc_parse_project(p, 1, NULL, NULL, NULL, &ar, &diags);
  dc_graph *g = dc_graph_build(p, facts, &ar, &diags);
  dc_fix *fx = dc_fix_build(p, g, dc_scc_find(g, &ar), facts, NULL, &ar, &diags);
  ck_assert_uint_eq(fx->n_changes, 1);
  ck_assert_int_eq(dc_verify(p, g, facts, fx, &ar), 0);
  static const char *const refused[][2] = {
      {"x = 1\n  y = 2\n", "has an unexpected indent"},
      {"  x = 1\n", "has an unindent that matches no outer indentation level"},
      {"def g():\n\tx = 1\n        return x\n", "mixes tabs and spaces"},
      {"y = 1 +\n2\n", "has a line break in the middle of a statement"},
      {"z = 0777\n", "has a number that Python refuses"},
      {"x = pass\n", "has a keyword where Python expects a name"},
      {"if x:\ny = 2\n", "has a block header without an indented block"},
  };
  dc_change *ch = &fx->changes[0];
  const char *planned = ch->new_text;
  int planned_len = (int)ch->new_len;
  for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
    ch->new_text = dc_arena_printf(&ar, "%.*s%s", planned_len, planned, refused[i][0]);
    ch->new_len = (uint32_t)strlen(ch->new_text);
    ck_assert_int_ne(dc_verify(p, g, facts, fx, &ar), 0);
    ck_assert_msg(strstr(dc_error_message(), refused[i][1]) && strstr(dc_error_message(), "nothing is written"), "%s",
                  dc_error_message());
  }
  dc_facts_release(facts);
  dc_diags_release(&diags);
  dc_arena_release(&ar);
  rm_tree(dir);
  free(dir);
}
END_TEST

Suite *make_apply_suite(void) {
  Suite *s = suite_create("apply");
  TCase *core = tcase_create("core");
  tcase_add_checked_fixture(core, setup, teardown);
  tcase_add_test(core, no_fault);
  tcase_add_test(core, changed_since_read);
  tcase_add_test(core, new_file_appeared);
  suite_add_tcase(s, core);
  TCase *faults = tcase_create("faults");
  tcase_add_checked_fixture(faults, setup, teardown);
  tcase_add_loop_test(faults, each_fault, 0, 3 * FILES);
  suite_add_tcase(s, faults);
  TCase *verify = tcase_create("verify");
  tcase_add_test(verify, verify_refuses_text_python_refuses);
  suite_add_tcase(s, verify);
  return s;
}
