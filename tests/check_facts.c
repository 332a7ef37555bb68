/*
 * check_facts.c - the facts walk: scope classes of DESIGN.md §2, import
 * shapes, bindings, __all__, attribute reads, and pathological files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_decycle.h"
#include "parse.h"
#include "quickscan.h"

static dc_arena arena;

static void setup(void) { dc_arena_init(&arena); }
static void teardown(void) { dc_arena_release(&arena); }

/* Parses `src` (length n) and returns its facts; the diagnostics, if any,
 * go to *diags when it is not NULL. */
static dc_file_facts *facts_n(const char *src, size_t n, dc_diags *diags) {
  TSParser *parser = ts_parser_new();
  ck_assert(ts_parser_set_language(parser, tree_sitter_python()));
  dc_source s = {(char *)src, (uint32_t)n, n >= 3 && !memcmp(src, "\xef\xbb\xbf", 3) ? 3 : 0};
  dc_diags local = {0};
  TSTree *tree = dc_parse_source(parser, &s, "t.py", &arena, diags ? diags : &local);
  ck_assert_ptr_nonnull(tree);
  dc_file_facts *f = dc_facts_extract(s.data, s.len, s.bom, tree, 0, &arena);
  ts_tree_delete(tree);
  ts_parser_delete(parser);
  dc_diags_release(&local);
  return f;
}

static dc_file_facts *facts(const char *src) { return facts_n(src, strlen(src), NULL); }

/* The first import whose first name (or module) is `name`. */
static const dc_import *import_named(const dc_file_facts *f, const char *name) {
  for (uint32_t i = 0; i < f->n_imports; i++) {
    const dc_import *imp = &f->imports[i];
    if (imp->form == DC_IMPORT_FROM && !strcmp(imp->module, name)) return imp;
    if (imp->n_names && !strcmp(imp->names[0].name, name)) return imp;
  }
  ck_abort_msg("no import of '%s'", name);
  return NULL;
}

static bool bound(const dc_file_facts *f, const char *name) {
  for (uint32_t i = 0; i < f->n_bindings; i++)
    if (!strcmp(f->bindings[i].name, name)) return true;
  return false;
}

START_TEST(scope_classes) {
  dc_file_facts *f = facts(
      "import top\n"
      "from typing import TYPE_CHECKING\n"
      "import typing, typing as t\n"
      "if TYPE_CHECKING:\n    import tc\nelse:\n    import tc_else\n"
      "if typing.TYPE_CHECKING:\n    import tc_attr\n"
      "if t.TYPE_CHECKING:\n    import tc_alias\n"
      "if False:\n    import never\nelif True:\n    import elif_runs\n"
      "if not TYPE_CHECKING:\n    import not_tc\n"
      "if x:\n    pass\nelif TYPE_CHECKING:\n    import elif_tc\n"
      "def f():\n    import in_def\n    if TYPE_CHECKING:\n        import tc_in_def\n"
      "async def g():\n    import in_async\n"
      "class C:\n    import in_class\n    class D:\n        import in_nested_class\n"
      "    def m(self):\n        import in_method\n"
      "h = lambda: __import__('in_lambda')\n"
      "def k(x=__import__('in_default')):\n    pass\n"
      "@importlib.import_module('in_decorator').deco\ndef d():\n    pass\n"
      "try:\n    import in_try\nexcept ImportError:\n    import in_except\nfinally:\n    import in_finally\n"
      "with ctx:\n    import in_with\n"
      "for i in x:\n    import in_for\n"
      "while x:\n    import in_while\n"
      "match x:\n    case 1:\n        import in_match\n"
      "if __name__ == '__main__':\n    import in_main\nelse:\n    import not_main\n"
      "if '__main__' == __name__:\n    import in_main2\n"
      "def outer():\n    class Local:\n        import in_local_class\n");
  struct {
    const char *name;
    dc_scope scope;
  } want[] = {
      {"top", DC_SCOPE_IMPORT_TIME},         {"tc", DC_SCOPE_TYPE_ONLY},
      {"tc_else", DC_SCOPE_IMPORT_TIME},     {"tc_attr", DC_SCOPE_TYPE_ONLY},
      {"tc_alias", DC_SCOPE_TYPE_ONLY},      {"never", DC_SCOPE_TYPE_ONLY},
      {"elif_runs", DC_SCOPE_IMPORT_TIME},   {"not_tc", DC_SCOPE_IMPORT_TIME},
      {"elif_tc", DC_SCOPE_TYPE_ONLY},       {"in_def", DC_SCOPE_DEFERRED},
      {"tc_in_def", DC_SCOPE_TYPE_ONLY},     {"in_async", DC_SCOPE_DEFERRED},
      {"in_class", DC_SCOPE_IMPORT_TIME},    {"in_nested_class", DC_SCOPE_IMPORT_TIME},
      {"in_method", DC_SCOPE_DEFERRED},      {"in_lambda", DC_SCOPE_DEFERRED},
      {"in_default", DC_SCOPE_IMPORT_TIME},  {"in_decorator", DC_SCOPE_IMPORT_TIME},
      {"in_try", DC_SCOPE_IMPORT_TIME},      {"in_except", DC_SCOPE_IMPORT_TIME},
      {"in_finally", DC_SCOPE_IMPORT_TIME},  {"in_with", DC_SCOPE_IMPORT_TIME},
      {"in_for", DC_SCOPE_IMPORT_TIME},      {"in_while", DC_SCOPE_IMPORT_TIME},
      {"in_match", DC_SCOPE_IMPORT_TIME},    {"in_main", DC_SCOPE_DEFERRED},
      {"not_main", DC_SCOPE_IMPORT_TIME},    {"in_main2", DC_SCOPE_DEFERRED},
      {"in_local_class", DC_SCOPE_DEFERRED},
  };
  for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
    const dc_import *imp = import_named(f, want[i].name);
    ck_assert_msg(imp->scope == want[i].scope, "%s: got %s, want %s", want[i].name,
                  dc_scope_name(imp->scope), dc_scope_name(want[i].scope));
  }
}
END_TEST

START_TEST(import_shapes) {
  dc_file_facts *f = facts(
      "import a.b.c as x, d\n"
      "from ..pkg.mod import (A,  # first\n    B as bee,\n)\n"
      "from . import sib\n"
      "from .star import *\n"
      "import a . b\n"
      "from x \\\n  import y\n");
  ck_assert_uint_eq(f->n_imports, 6);
  const dc_import *i0 = &f->imports[0];
  ck_assert_int_eq(i0->form, DC_IMPORT_MODULE);
  ck_assert_uint_eq(i0->n_names, 2);
  ck_assert_str_eq(i0->names[0].name, "a.b.c");
  ck_assert_str_eq(i0->names[0].alias, "x");
  ck_assert_ptr_null(i0->names[1].alias);
  const dc_import *i1 = &f->imports[1];
  ck_assert_uint_eq(i1->level, 2);
  ck_assert_str_eq(i1->module, "pkg.mod");
  ck_assert_uint_eq(i1->n_names, 2);
  ck_assert_str_eq(i1->names[1].name, "B");
  ck_assert_str_eq(i1->names[1].alias, "bee");
  ck_assert_str_eq(i1->statement, "from ..pkg.mod import (A, B as bee,)");
  ck_assert_uint_eq(i1->line, 1);
  ck_assert_uint_eq(f->imports[2].level, 1);
  ck_assert_str_eq(f->imports[2].module, "");
  ck_assert(f->imports[3].star);
  ck_assert_uint_eq(f->imports[3].n_names, 0);
  ck_assert_str_eq(f->imports[4].names[0].name, "a.b");
  ck_assert_str_eq(f->imports[5].statement, "from x import y");
}
END_TEST

START_TEST(import_calls) {
  dc_file_facts *f = facts(
      "import importlib\n"
      "m = importlib.import_module('pkg.a')\n"
      "n = __import__(\"pkg.b\")\n"
      "o = import_module(r'pkg.c')\n"
      "p = importlib.import_module(f'pkg.{x}')\n"
      "q = importlib.import_module('.rel', __package__)\n"
      "r = importlib.import_module(name)\n"
      "s = importlib.import_module('a\\x2eb')\n");
  ck_assert_uint_eq(f->n_imports, 4);
  ck_assert_int_eq(f->imports[1].form, DC_IMPORT_CALL);
  ck_assert_str_eq(f->imports[1].names[0].name, "pkg.a");
  ck_assert_str_eq(f->imports[2].names[0].name, "pkg.b");
  ck_assert_str_eq(f->imports[3].names[0].name, "pkg.c");
  ck_assert_str_eq(f->imports[1].statement, "importlib.import_module('pkg.a')");
}
END_TEST

START_TEST(bindings) {
  dc_file_facts *f = facts(
      "import a.b\nimport c.d as e\nfrom f import g as h, i\n"
      "j = k = 1\n(l, [m, *n]) = o\np: int = 1\nq: int\nr += 1\n"
      "for s, t in u: pass\nwith v as w: pass\n"
      "try: pass\nexcept E as err: pass\n"
      "if (walrus := 1): pass\n"
      "def func(): local = 1\nclass Cls: attr = 1\n"
      "x.attr_target = 1\ny[0] = 1\n"
      "if TYPE_CHECKING:\n    tc_name = 1\n");
  const char *yes[] = {"a", "e", "h", "i", "j", "k", "l", "m", "n", "p", "r",
                       "s", "t", "w", "err", "walrus", "func", "Cls"};
  const char *no[] = {"b", "c", "d", "g", "q", "local", "attr", "x", "y", "attr_target", "tc_name"};
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) ck_assert_msg(bound(f, yes[i]), "%s not bound", yes[i]);
  for (size_t i = 0; i < sizeof no / sizeof *no; i++) ck_assert_msg(!bound(f, no[i]), "%s bound", no[i]);
}
END_TEST

START_TEST(dunder_all) {
  dc_file_facts *f = facts("__all__ = ['a', \"b\"]\n__all__ += ('c',)\n");
  ck_assert(f->has_all);
  ck_assert_uint_eq(f->n_all, 3);
  ck_assert_str_eq(f->all[2], "c");
  ck_assert(!facts("__all__ = ['a']\n__all__.append('b')\n")->has_all);
  ck_assert(!facts("__all__ = names()\n")->has_all);
  ck_assert(!facts("x = 1\n")->has_all);
}
END_TEST

START_TEST(attribute_reads) {
  dc_file_facts *f = facts(
      "import pkg.sub\n"
      "V = pkg.__version__\n"
      "def f():\n    return pkg.later\n"
      "class C:\n    x = pkg.in_class\n"
      "pkg.written = 1\n"
      "import other as pkg2\n"
      "W = pkg2.attr\n"
      "pkg = None\n"
      "Z = pkg.after_rebind\n");
  ck_assert_uint_eq(f->n_uses, 3);
  ck_assert_str_eq(f->uses[0].attr, "__version__");
  ck_assert_str_eq(f->uses[0].statement, "V = pkg.__version__");
  ck_assert_uint_eq(f->uses[0].line, 1);
  ck_assert_str_eq(f->uses[1].attr, "in_class");
  ck_assert_str_eq(f->uses[2].attr, "attr");
}
END_TEST

START_TEST(annotations) {
  const char *src =
      "import pkg.sub\n"
      "x: pkg.Module = None\n"
      "def f(a: pkg.Param) -> pkg.Ret:\n    y: pkg.Local = 1\n";
  dc_file_facts *f = facts(src);
  ck_assert_uint_eq(f->n_uses, 3); /* Module, Param, Ret; never Local */
  ck_assert_str_eq(f->uses[2].attr, "Ret");
  dc_buf b = DC_BUF_INIT;
  dc_buf_addf(&b, "from __future__ import annotations\n%s", src);
  f = facts(b.data);
  ck_assert(f->future_annotations);
  ck_assert_uint_eq(f->n_uses, 0);
  dc_buf_release(&b);
}
END_TEST

/* Pragmas, read the same by the tree walk and by the token scanner: where
 * they are, which import takes which, and what is not a pragma. */
START_TEST(pragmas) {
  const char *src =
      "import os  # decycle: keep\n"                      /* 0 */
      "from . import a  # noqa: E402  # decycle: ignore\n" /* 1 */
      "from . import b  # decycle: kep\n"                  /* 2 */
      "from . import c  # decycle: keep # decycle: ignore\n"
      "from . import d  # decycle: breaks the import cycle x -> y -> x\n"
      "# decycle: keep\n"                                  /* 5 */
      "S = '# decycle: keep'\n"
      "from . import (  # decycle: ignore\n"               /* 7 */
      "    e,\n"
      ")\n"
      "from . import (\n"                                  /* 10 */
      "    f,\n"
      ")  # decycle: keep\n"
      "import g; import h  # decycle:ignore\n";            /* 13 */
  dc_file_facts *both[2] = {facts(src), dc_quickscan(src, (uint32_t)strlen(src), 0, 0, &arena)};
  ck_assert_ptr_nonnull(both[1]);
  for (int w = 0; w < 2; w++) {
    const dc_file_facts *f = both[w];
    ck_assert_uint_eq(f->n_imports, 9);
    dc_pragma_kind want[9] = {DC_PRAGMA_KEEP, DC_PRAGMA_IGNORE, DC_PRAGMA_NONE, DC_PRAGMA_KEEP, DC_PRAGMA_NONE,
                              DC_PRAGMA_IGNORE, DC_PRAGMA_KEEP, DC_PRAGMA_IGNORE, DC_PRAGMA_IGNORE};
    uint32_t lines[9] = {0, 1, 0, 3, 0, 7, 12, 13, 13};
    for (int i = 0; i < 9; i++) {
      ck_assert_int_eq(f->imports[i].pragma, want[i]);
      if (want[i]) ck_assert_uint_eq(f->imports[i].pragma_line, lines[i]);
    }
    /* keep, ignore, kep, keep, ignore (second on line 3), keep (line 5),
     * ignore (7), keep (12), ignore (13) */
    ck_assert_uint_eq(f->n_pragmas, 9);
    ck_assert_int_eq(f->pragmas[1].kind, DC_PRAGMA_IGNORE);
    ck_assert_uint_eq(f->pragmas[1].col, 31);
    ck_assert_int_eq(f->pragmas[2].kind, DC_PRAGMA_UNKNOWN);
    ck_assert_str_eq(f->pragmas[2].word, "kep");
    ck_assert(f->pragmas[3].used && f->pragmas[4].on_import && !f->pragmas[4].used);
    ck_assert(!f->pragmas[5].on_import);
    ck_assert_uint_eq(f->pragmas[5].line, 5);
    ck_assert(f->pragmas[8].used && f->pragmas[8].line == 13);
  }
}
END_TEST

START_TEST(syntax_error_recovers) {
  dc_diags diags = {0};
  const char *src = "import first\ndef broken(:\n    pass\nimport second\n";
  dc_file_facts *f = facts_n(src, strlen(src), &diags);
  ck_assert_uint_ge(diags.size, 1);
  ck_assert(strstr(diags.items[0].message, "syntax error") != NULL);
  import_named(f, "first");
  import_named(f, "second");
  dc_diags_release(&diags);
}
END_TEST

START_TEST(bom_crlf_and_bad_bytes) {
  const char src[] = "\xef\xbb\xbfimport a\r\nimport b\r\n";
  dc_file_facts *f = facts_n(src, sizeof src - 1, NULL);
  ck_assert_uint_eq(f->n_imports, 2);
  ck_assert_uint_eq(f->imports[0].start_byte, 3);
  ck_assert_uint_eq(f->imports[0].col, 0);
  ck_assert_uint_eq(f->imports[1].line, 1);

  dc_diags diags = {0};
  const char bad[] = "import a\nx = '\xff'\n";
  facts_n(bad, sizeof bad - 1, &diags);
  ck_assert_uint_eq(diags.size, 1);
  ck_assert(strstr(diags.items[0].message, "invalid UTF-8") != NULL);
  ck_assert_uint_eq(diags.items[0].line, 1);
  dc_diags_release(&diags);

  const char latin[] = "# -*- coding: latin-1 -*-\nimport a\nx = '\xe9'\n";
  facts_n(latin, sizeof latin - 1, &diags);
  ck_assert_uint_eq(diags.size, 0);

  const char nul[] = "import a\n\0import b\n";
  facts_n(nul, sizeof nul - 1, &diags);
  ck_assert_uint_ge(diags.size, 1);
  ck_assert(strstr(diags.items[0].message, "NUL") != NULL);
  dc_diags_release(&diags);
}
END_TEST

/* 5,000 nested blocks and 5,000 nested brackets: no recursion, no crash,
 * and the import at the bottom is still found with its scope. */
START_TEST(deep_nesting) {
  enum { DEPTH = 5000 };
  dc_buf b = DC_BUF_INIT;
  for (int i = 0; i < DEPTH; i++) {
    for (int k = 0; k < i; k++) dc_buf_addch(&b, ' ');
    dc_buf_adds(&b, i % 2 ? "if x:\n" : "def f():\n");
  }
  for (int k = 0; k < DEPTH; k++) dc_buf_addch(&b, ' ');
  dc_buf_adds(&b, "import deep\nimport top\nx = ");
  for (int i = 0; i < DEPTH; i++) dc_buf_addch(&b, '(');
  dc_buf_adds(&b, "__import__('brackets')");
  for (int i = 0; i < DEPTH; i++) dc_buf_addch(&b, ')');
  dc_buf_addch(&b, '\n');
  dc_diags diags = {0};
  dc_file_facts *f = facts_n(b.data, b.len, &diags);
  const dc_import *top = import_named(f, "top");
  ck_assert_int_eq(top->scope, DC_SCOPE_IMPORT_TIME);
  ck_assert_int_eq(import_named(f, "brackets")->scope, DC_SCOPE_IMPORT_TIME);
  /* The deep import is found when the parser recovers it; it is never
   * import-time, being inside a def. */
  for (uint32_t i = 0; i < f->n_imports; i++)
    if (!strcmp(f->imports[i].names[0].name, "deep")) ck_assert_int_ne(f->imports[i].scope, DC_SCOPE_IMPORT_TIME);
  dc_diags_release(&diags);
  dc_buf_release(&b);
}
END_TEST

/* A 50 MB file: every import is found, in order. Under the sanitizers,
 * which slow tree-sitter down ten times, 16 MB: the same code paths. */
#if defined(__SANITIZE_ADDRESS__)
#define HUGE_FILE_MB 16u
#else
#define HUGE_FILE_MB 50u
#endif
START_TEST(huge_file) {
  dc_buf b = DC_BUF_INIT;
  uint32_t n = 0;
  while (b.len < HUGE_FILE_MB * 1024 * 1024) {
    dc_buf_addf(&b, "import mod%u\n", n++);
    dc_buf_adds(&b, "def f(a, b):\n    return [x * 2 for x in range(a) if x % b]  # filler\n"
                    "VALUE = {'key': (1, 2.5, 'text'), 'other': None}\n");
  }
  dc_file_facts *f = facts_n(b.data, b.len, NULL);
  ck_assert_uint_eq(f->n_imports, n);
  ck_assert_str_eq(f->imports[n - 1].names[0].name, dc_arena_printf(&arena, "mod%u", n - 1));
  dc_buf_release(&b);
}
END_TEST

Suite *make_facts_suite(void) {
  Suite *s = suite_create("facts");
  TCase *core = tcase_create("core");
  tcase_add_checked_fixture(core, setup, teardown);
  tcase_add_test(core, scope_classes);
  tcase_add_test(core, import_shapes);
  tcase_add_test(core, import_calls);
  tcase_add_test(core, bindings);
  tcase_add_test(core, dunder_all);
  tcase_add_test(core, attribute_reads);
  tcase_add_test(core, annotations);
  tcase_add_test(core, pragmas);
  suite_add_tcase(s, core);
  TCase *edge = tcase_create("edge");
  tcase_add_checked_fixture(edge, setup, teardown);
  tcase_set_timeout(edge, 300); /* the huge file on a loaded machine */
  tcase_add_test(edge, syntax_error_recovers);
  tcase_add_test(edge, bom_crlf_and_bad_bytes);
  tcase_add_test(edge, deep_nesting);
  tcase_add_test(edge, huge_file);
  suite_add_tcase(s, edge);
  return s;
}
