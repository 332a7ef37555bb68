/*
 * facts.c - copy the import facts of one file out of its syntax tree.
 *
 * One pywalk walk (pywalk.h: an iterative cursor walk whose frames say when
 * each node runs) records every import statement and import call with its
 * scope class, the names bound at module level at import time, a literal
 * __all__, and import-time attribute reads of names bound by plain imports.
 * Code that does not run at import time matters only for its imports, so a
 * deferred or never-run subtree whose text holds no "import" is skipped
 * whole: one memmem instead of a walk over every node of a function body.
 * Pragmas are read from the comments by a second cursor walk, only in files
 * whose text holds "decycle:" (the reader is shared with quickscan.c).
 */
#define _GNU_SOURCE /* memmem */
#include "facts.h"
#include "facts_p.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "scan.h"
#include "names.h"
#include "pywalk.h"
#include "vec.h"

const char *dc_scope_name(dc_scope s) {
  switch (s) {
  case DC_SCOPE_IMPORT_TIME: return "import-time";
  case DC_SCOPE_DEFERRED: return "deferred";
  case DC_SCOPE_TYPE_ONLY: return "type-only";
  }
  return "?";
}

const char *dc_pragma_name(dc_pragma_kind k) {
  switch (k) {
  case DC_PRAGMA_KEEP: return "keep";
  case DC_PRAGMA_IGNORE: return "ignore";
  case DC_PRAGMA_NONE:
  case DC_PRAGMA_UNKNOWN: break;
  }
  return "?";
}

/* ---- pragmas --------------------------------------------------------------
 * A pragma is a part of a comment that starts with '#', then optional
 * blanks, "decycle:", optional blanks and a word (letters, digits, '_',
 * '-'); anything after the word is free text. A comment may hold several
 * parts (`# noqa: E402  # decycle: keep`). The word "breaks" is decycle's
 * own note on an import it moved, not a pragma. */

bool dc_facts__may_have_pragmas(const char *src, uint32_t len) { return memmem(src, len, "decycle:", 8) != NULL; }

static bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* The line (0-based) of the last byte of import `imp`, counted from its
 * first line. */
static uint32_t last_line(const char *src, uint32_t base, const dc_import *imp) {
  uint32_t line = imp->line;
  for (uint32_t i = imp->start_byte - base; i + 1 < imp->end_byte - base; i++) line += src[i] == '\n';
  return line;
}

void dc_facts__pragmas(dc_file_facts *facts, const char *src, uint32_t len, uint32_t base, const uint32_t *comments,
                       uint32_t n, dc_arena *arena) {
  dc_vec(dc_pragma) found = {0};
  uint32_t line = 0, line_start = 0, at = 0; /* the line of byte `at` */
  for (uint32_t i = 0; i < n; i++) {
    uint32_t c = comments[i], end = c;
    while (end < len && src[end] != '\n' && src[end] != '\r') end++;
    if (!memmem(src + c, end - c, "decycle:", 8)) continue;
    for (; at < c; at++)
      if (src[at] == '\n') line++, line_start = at + 1;
    for (uint32_t h = c; h < end; h++) {
      if (src[h] != '#') continue;
      uint32_t k = h + 1;
      while (k < end && (src[k] == ' ' || src[k] == '\t')) k++;
      if (end - k < 8 || memcmp(src + k, "decycle:", 8)) continue;
      k += 8;
      while (k < end && (src[k] == ' ' || src[k] == '\t')) k++;
      uint32_t w = k;
      while (k < end && is_word_char(src[k])) k++;
      const char *word = dc_arena_strndup(arena, src + w, k - w);
      if (!strcmp(word, "breaks")) continue;
      dc_pragma p = {DC_PRAGMA_UNKNOWN, word, line, h - line_start, false, false};
      if (!strcmp(word, "keep")) p.kind = DC_PRAGMA_KEEP;
      else if (!strcmp(word, "ignore")) p.kind = DC_PRAGMA_IGNORE;
      dc_vec_push(&found, p);
    }
  }
  facts->pragmas = dc_arena_memdup(arena, found.items, found.size, sizeof *found.items);
  facts->n_pragmas = found.size;
  dc_vec_free(&found);
  /* Imports and pragmas are both in file order: pragmas before an import's
   * first line never matter to it or to a later one. */
  uint32_t first = 0;
  for (uint32_t i = 0; i < facts->n_imports && facts->n_pragmas; i++) {
    dc_import *imp = &facts->imports[i];
    while (first < facts->n_pragmas && facts->pragmas[first].line < imp->line) first++;
    uint32_t last = last_line(src, base, imp);
    for (uint32_t k = first; k < facts->n_pragmas && facts->pragmas[k].line <= last; k++) {
      dc_pragma *p = &facts->pragmas[k];
      p->on_import = true;
      if (p->kind == DC_PRAGMA_UNKNOWN || imp->pragma != DC_PRAGMA_NONE) continue;
      imp->pragma = p->kind;
      imp->pragma_line = p->line;
      p->used = true;
    }
  }
}

/* bound_name - the latest module-level binding of a name: by the plain
 * import imports[import_index] (name_index-th name), or by anything else
 * when import_index is -1. */
typedef struct bound_name {
  const char *name;
  int32_t import_index;
  uint32_t name_index;
} bound_name;

/* name_table - open-addressing hash table of bound_name, keyed by name,
 * kept at most half full. Slots with a NULL name are free. */
typedef struct name_table {
  bound_name *slots;
  uint32_t size, cap;
} name_table;

/* Returns the slot of name s[0..n), free (name NULL) if it is absent. */
static bound_name *table_slot(name_table *t, const char *s, size_t n) {
  if (!t->cap) return NULL;
  uint32_t h = dc_names_hash(s, n) & (t->cap - 1);
  for (; t->slots[h].name; h = (h + 1) & (t->cap - 1))
    if (!strncmp(t->slots[h].name, s, n) && t->slots[h].name[n] == '\0') break;
  return &t->slots[h];
}

static void table_set(name_table *t, bound_name b) {
  if (2 * (t->size + 1) > t->cap) {
    name_table bigger = {dc_xcalloc(t->cap ? 2 * t->cap : 64, sizeof(bound_name)), 0,
                         t->cap ? 2 * t->cap : 64};
    for (uint32_t i = 0; i < t->cap; i++)
      if (t->slots[i].name) *table_slot(&bigger, t->slots[i].name, strlen(t->slots[i].name)) = t->slots[i];
    bigger.size = t->size;
    free(t->slots);
    *t = bigger;
  }
  bound_name *slot = table_slot(t, b.name, strlen(b.name));
  if (!slot->name) t->size++;
  *slot = b;
}

/* extractor - the state of one dc_facts_extract call. */
typedef struct extractor {
  const char *src; /* the tree's text: file bytes after the BOM */
  uint32_t len;
  uint32_t base;
  dc_arena *arena;
  dc_file_facts *facts;
  bool all_dynamic;
  dc_vec(dc_import) imports;
  dc_vec(dc_binding) bindings;
  dc_vec(dc_attr_use) uses;
  dc_vec(const char *) all;
  name_table bound;
  dc_py_walk *walk;
} extractor;

static const char *node_text(extractor *x, TSNode n) { return dc_py_text(x->src, n, x->arena); }

static bool text_is(extractor *x, TSNode n, const char *s) { return dc_py_text_is(x->src, n, s); }

static const char *string_literal(extractor *x, TSNode s) {
  return dc_py_string_literal(x->src, s, x->arena);
}

/* The identifiers of a dotted_name joined by '.', whatever blanks or line
 * continuations stood between them in the source. */
static const char *dotted_text(extractor *x, TSNode n) {
  if (dc_py_kind_of(n) != DC_PY_DOTTED_NAME) return node_text(x, n);
  dc_buf b = DC_BUF_INIT;
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++) {
    TSNode id = ts_node_named_child(n, i);
    if (i) dc_buf_addch(&b, '.');
    dc_buf_add(&b, x->src + ts_node_start_byte(id), ts_node_end_byte(id) - ts_node_start_byte(id));
  }
  const char *out = dc_arena_strdup(x->arena, dc_buf_str(&b));
  dc_buf_release(&b);
  return out;
}

/* The statement as one line: comments dropped (only where no string can
 * hold a '#', i.e. import statements), blank runs and line continuations
 * squeezed to one space, none just inside brackets. */
static const char *squeeze(extractor *x, uint32_t start, uint32_t end, bool drop_comments) {
  dc_buf b = DC_BUF_INIT;
  bool blank = false;
  for (uint32_t i = start; i < end; i++) {
    char c = x->src[i];
    if (drop_comments && c == '#') {
      while (i + 1 < end && x->src[i + 1] != '\n') i++;
      blank = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        (drop_comments && c == '\\')) {
      blank = true;
      continue;
    }
    if (blank && b.len && b.data[b.len - 1] != '(' && c != ')') dc_buf_addch(&b, ' ');
    blank = false;
    dc_buf_addch(&b, c);
  }
  const char *out = dc_arena_strdup(x->arena, dc_buf_str(&b));
  dc_buf_release(&b);
  return out;
}

/* The source line holding byte `at`, trimmed, at most 200 bytes. */
static const char *line_text(extractor *x, uint32_t at) {
  uint32_t s = at, e = at;
  while (s > 0 && x->src[s - 1] != '\n') s--;
  while (e < x->len && x->src[e] != '\n' && x->src[e] != '\r') e++;
  while (s < e && (x->src[s] == ' ' || x->src[s] == '\t')) s++;
  while (e > s && (x->src[e - 1] == ' ' || x->src[e - 1] == '\t')) e--;
  if (e - s > 200) e = s + 200;
  return dc_arena_strndup(x->arena, x->src + s, e - s);
}

static dc_scope scope_of(const dc_py_frame *f) {
  return f->state == DC_PY_NEVER ? DC_SCOPE_TYPE_ONLY : f->state == DC_PY_DEFERRED ? DC_SCOPE_DEFERRED
                                                                      : DC_SCOPE_IMPORT_TIME;
}

static bool binds_at_module_level(const dc_py_frame *f) {
  return f->scope == DC_PY_SCOPE_MODULE && f->state == DC_PY_RUN;
}

/* Records a module-level binding; a plain import's binding also becomes the
 * current meaning of the name for attribute reads, any other forgets it. */
static void bind(extractor *x, const char *name, int32_t import_index, uint32_t name_index,
                 bool plain_import) {
  dc_vec_push(&x->bindings, ((dc_binding){name, import_index, name_index}));
  table_set(&x->bound, (bound_name){name, plain_import ? import_index : -1, name_index});
}

/* Where the call, attribute or subscript n starts: after the star of a
 * list_splat at the head of its chain (dc_py_unsplat). */
static TSNode chain_start(TSNode n) {
  TSNode head = n;
  for (enum dc_py_kind k = dc_py_kind_of(head); k == DC_PY_CALL || k == DC_PY_ATTRIBUTE || k == DC_PY_SUBSCRIPT;
       k = dc_py_kind_of(head))
    head = ts_node_child(head, 0);
  TSNode name = dc_py_unsplat(head);
  return ts_node_eq(name, head) ? n : name;
}

static dc_import *new_import(extractor *x, TSNode n, const dc_py_frame *f, dc_import_form form) {
  dc_import imp = {0};
  imp.form = form;
  imp.scope = scope_of(f);
  imp.module_level = f->scope == DC_PY_SCOPE_MODULE;
  TSNode start = form == DC_IMPORT_CALL ? chain_start(n) : n;
  imp.start_byte = ts_node_start_byte(start) + x->base;
  imp.end_byte = ts_node_end_byte(n) + x->base;
  TSPoint p = ts_node_start_point(start);
  imp.line = p.row;
  imp.col = p.column;
  imp.statement = squeeze(x, ts_node_start_byte(start), ts_node_end_byte(n), form != DC_IMPORT_CALL);
  dc_vec_push(&x->imports, imp);
  return &dc_vec_last(&x->imports);
}

/* `import a.b, c as d`: one name per dotted_name or aliased_import child. */
static void visit_import(extractor *x, TSNode n, const dc_py_frame *f, bool from) {
  dc_import *imp = new_import(x, n, f, from ? DC_IMPORT_FROM : DC_IMPORT_MODULE);
  uint32_t index = x->imports.size - 1;
  dc_vec(dc_import_name) names = {0};
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&c);
      TSFieldId field = ts_tree_cursor_current_field_id(&c);
      enum dc_py_kind k = dc_py_kind_of(child);
      if (from && field == dc_py_field_id(DC_PY_F_MODULE_NAME)) {
        if (k == DC_PY_RELATIVE_IMPORT) {
          imp->module = "";
          for (uint32_t i = 0; i < ts_node_named_child_count(child); i++) {
            TSNode part = ts_node_named_child(child, i);
            if (dc_py_kind_of(part) == DC_PY_IMPORT_PREFIX)
              imp->level = ts_node_end_byte(part) - ts_node_start_byte(part);
            else if (dc_py_kind_of(part) == DC_PY_DOTTED_NAME)
              imp->module = dotted_text(x, part);
          }
        } else {
          imp->module = dotted_text(x, child);
        }
      } else if (k == DC_PY_WILDCARD_IMPORT) {
        imp->star = true;
      } else if (field == dc_py_field_id(DC_PY_F_NAME)) {
        dc_import_name name = {0};
        if (k == DC_PY_ALIASED_IMPORT) {
          name.name = dotted_text(x, dc_py_child(child, DC_PY_F_NAME));
          name.alias = node_text(x, dc_py_child(child, DC_PY_F_ALIAS));
        } else {
          name.name = dotted_text(x, child);
        }
        dc_vec_push(&names, name);
      }
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
  if (from && !imp->module) imp->module = "";
  imp->names = dc_arena_memdup(x->arena, names.items, names.size, sizeof *names.items);
  imp->n_names = names.size;
  dc_vec_free(&names);
  if (!binds_at_module_level(f)) return;
  for (uint32_t i = 0; i < imp->n_names; i++) {
    const dc_import_name *nm = &imp->names[i];
    const char *bound = nm->alias;
    if (!bound) bound = from ? nm->name : dc_arena_strndup(x->arena, nm->name, strcspn(nm->name, "."));
    bind(x, bound, (int32_t)index, i, !from);
  }
}

/* `from __future__ import x` sets a compiler flag and also, at run time,
 * imports the module __future__ like any from-import. */
static void visit_future_import(extractor *x, TSNode n, const dc_py_frame *f) {
  visit_import(x, n, f, true);
  dc_vec_last(&x->imports).module = "__future__";
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++) {
    TSNode name = ts_node_named_child(n, i);
    if (dc_py_kind_of(name) == DC_PY_ALIASED_IMPORT) name = dc_py_child(name, DC_PY_F_NAME);
    if (text_is(x, name, "annotations")) x->walk->future_annotations = true;
  }
}

static bool is_absolute_module_name(const char *s) {
  if (!*s) return false;
  for (const char *p = s;;) {
    size_t n = strcspn(p, ".");
    if (!dc_is_identifier(p, (uint32_t)n)) return false;
    if (!p[n]) return true;
    p += n + 1;
  }
}

/* importlib.import_module("a.b"), import_module("a.b"), __import__("a.b"). */
static void visit_call(extractor *x, TSNode n, const dc_py_frame *f) {
  TSNode fn = dc_py_unsplat(dc_py_child(n, DC_PY_F_FUNCTION));
  enum dc_py_kind k = dc_py_kind_of(fn);
  bool match = false;
  if (k == DC_PY_IDENTIFIER) {
    match = text_is(x, fn, "__import__") || text_is(x, fn, "import_module");
  } else if (k == DC_PY_ATTRIBUTE) {
    TSNode obj = dc_py_unsplat(dc_py_child(fn, DC_PY_F_OBJECT));
    if (dc_py_kind_of(obj) == DC_PY_IDENTIFIER && text_is(x, obj, "__all__")) x->all_dynamic = true;
    match = dc_py_kind_of(obj) == DC_PY_IDENTIFIER && text_is(x, obj, "importlib") &&
            text_is(x, dc_py_child(fn, DC_PY_F_ATTRIBUTE), "import_module");
  }
  if (!match) return;
  TSNode args = dc_py_child(n, DC_PY_F_ARGUMENTS);
  if (ts_node_is_null(args) || ts_node_named_child_count(args) == 0) return;
  const char *lit = string_literal(x, ts_node_named_child(args, 0));
  if (!lit || !is_absolute_module_name(lit)) return;
  dc_import *imp = new_import(x, n, f, DC_IMPORT_CALL);
  imp->names = dc_arena_alloc(x->arena, sizeof *imp->names);
  imp->names[0].name = lit;
  imp->n_names = 1;
}

/* `name.attr` read at import time, `name` bound by a plain import. */
static void visit_attribute(extractor *x, TSNode n, const dc_py_frame *f) {
  if (f->state != DC_PY_RUN || f->target) return;
  TSNode obj = dc_py_unsplat(dc_py_child(n, DC_PY_F_OBJECT));
  if (dc_py_kind_of(obj) != DC_PY_IDENTIFIER) return;
  uint32_t s = ts_node_start_byte(obj);
  const bound_name *b = table_slot(&x->bound, x->src + s, ts_node_end_byte(obj) - s);
  if (!b || !b->name || b->import_index < 0) return;
  TSPoint p = ts_node_start_point(obj);
  dc_attr_use use = {node_text(x, dc_py_child(n, DC_PY_F_ATTRIBUTE)), (uint32_t)b->import_index,
                     b->name_index, p.row, p.column, line_text(x, s)};
  dc_vec_push(&x->uses, use);
}

/* Collects the strings of a literal list or tuple; false if anything else. */
static bool literal_strings(extractor *x, TSNode n) {
  while (dc_py_kind_of(n) == DC_PY_PARENTHESIZED_EXPRESSION && ts_node_named_child_count(n) == 1)
    n = ts_node_named_child(n, 0);
  enum dc_py_kind k = dc_py_kind_of(n);
  if (k != DC_PY_LIST && k != DC_PY_TUPLE) return false;
  for (uint32_t i = 0; i < ts_node_named_child_count(n); i++) {
    TSNode item = ts_node_named_child(n, i);
    if (dc_py_kind_of(item) == DC_PY_COMMENT) continue;
    const char *s = string_literal(x, item);
    if (!s) return false;
    dc_vec_push(&x->all, s);
  }
  return true;
}

/* `__all__ = [...]`, `__all__ += [...]`; anything else makes it unknown. */
static void visit_all(extractor *x, TSNode n, enum dc_py_kind k) {
  TSNode left = dc_py_child(n, DC_PY_F_LEFT);
  if (dc_py_kind_of(left) != DC_PY_IDENTIFIER || !text_is(x, left, "__all__")) return;
  TSNode right = dc_py_child(n, DC_PY_F_RIGHT);
  if (k == DC_PY_ASSIGNMENT) {
    dc_vec_clear(&x->all);
    x->facts->has_all = true;
  } else {
    TSNode op = dc_py_child(n, DC_PY_F_OPERATOR);
    if (!x->facts->has_all || ts_node_is_null(op) || !text_is(x, op, "+=")) x->all_dynamic = true;
  }
  if (ts_node_is_null(right) || !literal_strings(x, right)) x->all_dynamic = true;
}

/* Handles one node; returns whether the walk should descend into it.
 * Code that does not run at import time matters only for its imports, so a
 * deferred or never-run subtree whose text has no "import" is skipped
 * whole: one memmem instead of a walk over every node of a function body. */
static bool visit(dc_py_walk *w, TSNode n, dc_py_frame *f) {
  extractor *x = w->ctx;
  if (f->entered_later) {
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    if (!memmem(x->src + s, e - s, "import", 6)) return false;
  }
  switch ((enum dc_py_kind)f->kind) {
  case DC_PY_IMPORT_STATEMENT: visit_import(x, n, f, false); return false;
  case DC_PY_IMPORT_FROM_STATEMENT: visit_import(x, n, f, true); return false;
  case DC_PY_FUTURE_IMPORT_STATEMENT: visit_future_import(x, n, f); return false;
  case DC_PY_COMMENT: return false;
  case DC_PY_CALL: visit_call(x, n, f); break;
  case DC_PY_ATTRIBUTE: visit_attribute(x, n, f); break;
  case DC_PY_IDENTIFIER:
    if (f->target && binds_at_module_level(f)) bind(x, node_text(x, n), -1, 0, false);
    return false;
  case DC_PY_FUNCTION_DEFINITION:
  case DC_PY_CLASS_DEFINITION:
    if (binds_at_module_level(f)) bind(x, node_text(x, dc_py_child(n, DC_PY_F_NAME)), -1, 0, false);
    break;
  case DC_PY_ASSIGNMENT:
  case DC_PY_AUGMENTED_ASSIGNMENT:
    f->has_value = !ts_node_is_null(dc_py_child(n, DC_PY_F_RIGHT));
    if (binds_at_module_level(f)) visit_all(x, n, (enum dc_py_kind)f->kind);
    break;
  case DC_PY_IF_STATEMENT:
  case DC_PY_ELIF_CLAUSE:
    f->consequence = (uint8_t)dc_py_condition_state(x->src, dc_py_child(n, DC_PY_F_CONDITION));
    break;
  default: break;
  }
  return true;
}

/* The start offsets of every comment of the tree, in order: one iterative
 * cursor walk, done only for files that may hold a pragma. */
static uint32_t *tree_comments(TSTree *tree, uint32_t *n) {
  dc_vec(uint32_t) out = {0};
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  for (bool more = true; more;) {
    TSNode node = ts_tree_cursor_current_node(&c);
    if (dc_py_kind_of(node) == DC_PY_COMMENT) dc_vec_push(&out, ts_node_start_byte(node));
    if (ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c))
      if (!ts_tree_cursor_goto_parent(&c)) {
        more = false;
        break;
      }
  }
  ts_tree_cursor_delete(&c);
  *n = out.size;
  return out.items;
}

dc_file_facts *dc_facts_extract(const char *src, uint32_t len, uint32_t base, TSTree *tree, unsigned walk_flags,
                                dc_arena *arena) {
  dc_file_facts *facts = dc_arena_alloc(arena, sizeof *facts);
  extractor x = {.src = src + base, .len = len - base, .base = base, .arena = arena, .facts = facts};
  dc_py_walk walk = {.src = x.src, .flags = walk_flags, .enter = visit, .ctx = &x};
  x.walk = &walk;
  dc_py_walk_tree(&walk, tree);
  facts->future_annotations = walk.future_annotations;
  facts->imports = dc_arena_memdup(arena, x.imports.items, x.imports.size, sizeof(dc_import));
  facts->n_imports = x.imports.size;
  facts->bindings = dc_arena_memdup(arena, x.bindings.items, x.bindings.size, sizeof(dc_binding));
  facts->n_bindings = x.bindings.size;
  facts->uses = dc_arena_memdup(arena, x.uses.items, x.uses.size, sizeof(dc_attr_use));
  facts->n_uses = x.uses.size;
  if (x.all_dynamic) facts->has_all = false;
  if (facts->has_all) {
    facts->all = dc_arena_memdup(arena, x.all.items, x.all.size, sizeof(char *));
    facts->n_all = x.all.size;
  }
  if (dc_facts__may_have_pragmas(x.src, x.len)) {
    uint32_t n = 0;
    uint32_t *comments = tree_comments(tree, &n);
    dc_facts__pragmas(facts, x.src, x.len, base, comments, n, arena);
    free(comments);
  }
  dc_vec_free(&x.imports);
  dc_vec_free(&x.bindings);
  dc_vec_free(&x.uses);
  dc_vec_free(&x.all);
  free(x.bound.slots);
  return facts;
}
