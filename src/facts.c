/*
 * facts.c - copy the import facts of one file out of its syntax tree.
 *
 * One depth-first walk with a TSTreeCursor and an explicit stack of frames,
 * one frame per depth: a 5,000-level nested file costs a 5,000-entry array,
 * never C stack. Each frame carries what Python semantics says about the code
 * at that point (DESIGN.md §2):
 *   - state: runs at import time, deferred (inside a def or lambda body, or
 *     under `if __name__ == "__main__":`, which runs only as a script), or
 *     never (the body of `if TYPE_CHECKING:` / `if False:`); a state only
 *     gets weaker going down;
 *   - scope: module, class or function, for bindings and annotations;
 *   - target: the node is (part of) an assignment target.
 * A child's frame is computed from its parent's frame, the parent's kind and
 * the child's field name, so the rules live in one function, child_frame.
 * Node kinds are looked up by symbol id in a table built once, never by
 * comparing type strings in the walk.
 */
#define _GNU_SOURCE /* memmem */
#include "facts.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "scan.h"
#include "vec.h"

const char *dc_scope_name(dc_scope s) {
  switch (s) {
  case DC_SCOPE_IMPORT_TIME: return "import-time";
  case DC_SCOPE_DEFERRED: return "deferred";
  case DC_SCOPE_TYPE_ONLY: return "type-only";
  }
  return "?";
}

/* The node kinds the walk cares about; everything else is K_OTHER. */
enum kind {
  K_OTHER,
#define KIND(k, name) k,
#include "facts_kinds.def"
#undef KIND
  K_COUNT
};

static const char *const kind_names[] = {
    "",
#define KIND(k, name) name,
#include "facts_kinds.def"
#undef KIND
};

enum field {
  F_NONE,
#define FIELD(f, name) f,
#include "facts_fields.def"
#undef FIELD
  F_COUNT
};

static const char *const field_names[] = {
    "",
#define FIELD(f, name) name,
#include "facts_fields.def"
#undef FIELD
};

/* grammar - symbol and field ids of the Python grammar, mapped to ours. */
static struct grammar {
  uint8_t *kind_of_symbol;
  uint32_t n_symbols;
  TSFieldId field_id[F_COUNT];
} grammar;
static pthread_once_t grammar_once = PTHREAD_ONCE_INIT;

static void grammar_init(void) {
  const TSLanguage *lang = tree_sitter_python();
  grammar.n_symbols = ts_language_symbol_count(lang);
  grammar.kind_of_symbol = dc_xcalloc(grammar.n_symbols, 1);
  for (uint32_t s = 0; s < grammar.n_symbols; s++) {
    const char *name = ts_language_symbol_name(lang, (TSSymbol)s);
    if (!name) continue;
    for (int k = 1; k < K_COUNT; k++)
      if (!strcmp(name, kind_names[k])) grammar.kind_of_symbol[s] = (uint8_t)k;
  }
  for (int f = 1; f < F_COUNT; f++) {
    grammar.field_id[f] = ts_language_field_id_for_name(lang, field_names[f], (uint32_t)strlen(field_names[f]));
    if (!grammar.field_id[f]) DC_BUG("tree-sitter-python has no field '%s'", field_names[f]);
  }
}

static enum kind kind_of(TSNode n) {
  TSSymbol s = ts_node_symbol(n);
  return s < grammar.n_symbols ? (enum kind)grammar.kind_of_symbol[s] : K_OTHER;
}

static TSNode child_by_field(TSNode n, enum field f) {
  return ts_node_child_by_field_id(n, grammar.field_id[f]);
}

enum state { RUN, DEFERRED, NEVER };
enum scope { SCOPE_MODULE, SCOPE_CLASS, SCOPE_FUNCTION };

/* frame - what is known about the node at one depth of the walk.
 * `consequence` is, for an if/elif, the state its condition gives its body.
 * `has_value` is false for an annotation without a value (`x: int`), which
 * binds nothing.
 * `field` is the node's field in its parent (0 for none). */
typedef struct frame {
  uint8_t kind;
  uint8_t state;
  uint8_t scope;
  uint8_t consequence;
  bool target;
  bool has_value;
  bool entered_later; /* import-time parent, deferred or never node */
  TSFieldId field;
} frame;

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

static uint32_t hash_bytes(const char *s, size_t n) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* Returns the slot of name s[0..n), free (name NULL) if it is absent. */
static bound_name *table_slot(name_table *t, const char *s, size_t n) {
  if (!t->cap) return NULL;
  uint32_t h = hash_bytes(s, n) & (t->cap - 1);
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
} extractor;

static const char *node_text(extractor *x, TSNode n) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  return dc_arena_strndup(x->arena, x->src + s, e - s);
}

static bool text_is(extractor *x, TSNode n, const char *s) {
  uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  return strlen(s) == b - a && !memcmp(x->src + a, s, b - a);
}

/* The identifiers of a dotted_name joined by '.', whatever blanks or line
 * continuations stood between them in the source. */
static const char *dotted_text(extractor *x, TSNode n) {
  if (kind_of(n) != K_DOTTED_NAME) return node_text(x, n);
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

static dc_scope scope_of(const frame *f) {
  return f->state == NEVER ? DC_SCOPE_TYPE_ONLY : f->state == DEFERRED ? DC_SCOPE_DEFERRED
                                                                      : DC_SCOPE_IMPORT_TIME;
}

static bool binds_at_module_level(const frame *f) {
  return f->scope == SCOPE_MODULE && f->state == RUN;
}

/* Records a module-level binding; a plain import's binding also becomes the
 * current meaning of the name for attribute reads, any other forgets it. */
static void bind(extractor *x, const char *name, int32_t import_index, uint32_t name_index,
                 bool plain_import) {
  dc_vec_push(&x->bindings, ((dc_binding){name, import_index, name_index}));
  table_set(&x->bound, (bound_name){name, plain_import ? import_index : -1, name_index});
}

static dc_import *new_import(extractor *x, TSNode n, const frame *f, dc_import_form form) {
  dc_import imp = {0};
  imp.form = form;
  imp.scope = scope_of(f);
  imp.module_level = f->scope == SCOPE_MODULE;
  imp.start_byte = ts_node_start_byte(n) + x->base;
  imp.end_byte = ts_node_end_byte(n) + x->base;
  TSPoint p = ts_node_start_point(n);
  imp.line = p.row;
  imp.col = p.column;
  imp.statement = squeeze(x, ts_node_start_byte(n), ts_node_end_byte(n), form != DC_IMPORT_CALL);
  dc_vec_push(&x->imports, imp);
  return &dc_vec_last(&x->imports);
}

/* `import a.b, c as d`: one name per dotted_name or aliased_import child. */
static void visit_import(extractor *x, TSNode n, const frame *f, bool from) {
  dc_import *imp = new_import(x, n, f, from ? DC_IMPORT_FROM : DC_IMPORT_MODULE);
  uint32_t index = x->imports.size - 1;
  dc_vec(dc_import_name) names = {0};
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&c);
      TSFieldId field = ts_tree_cursor_current_field_id(&c);
      enum kind k = kind_of(child);
      if (from && field == grammar.field_id[F_MODULE_NAME]) {
        if (k == K_RELATIVE_IMPORT) {
          imp->module = "";
          for (uint32_t i = 0; i < ts_node_named_child_count(child); i++) {
            TSNode part = ts_node_named_child(child, i);
            if (kind_of(part) == K_IMPORT_PREFIX)
              imp->level = ts_node_end_byte(part) - ts_node_start_byte(part);
            else if (kind_of(part) == K_DOTTED_NAME)
              imp->module = dotted_text(x, part);
          }
        } else {
          imp->module = dotted_text(x, child);
        }
      } else if (k == K_WILDCARD_IMPORT) {
        imp->star = true;
      } else if (field == grammar.field_id[F_NAME]) {
        dc_import_name name = {0};
        if (k == K_ALIASED_IMPORT) {
          name.name = dotted_text(x, child_by_field(child, F_NAME));
          name.alias = node_text(x, child_by_field(child, F_ALIAS));
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
static void visit_future_import(extractor *x, TSNode n, const frame *f) {
  visit_import(x, n, f, true);
  dc_vec_last(&x->imports).module = "__future__";
  uint32_t count = ts_node_named_child_count(n);
  for (uint32_t i = 0; i < count; i++) {
    TSNode name = ts_node_named_child(n, i);
    if (kind_of(name) == K_ALIASED_IMPORT) name = child_by_field(name, F_NAME);
    if (text_is(x, name, "annotations")) x->facts->future_annotations = true;
  }
}

/* The value of a plain string literal ("x", 'x', r"x"), or NULL when it
 * has a prefix other than r, an escape, an interpolation or several parts. */
static const char *string_literal(extractor *x, TSNode s) {
  if (kind_of(s) != K_STRING) return NULL;
  TSNode content = {0};
  uint32_t parts = 0;
  for (uint32_t i = 0; i < ts_node_named_child_count(s); i++) {
    TSNode part = ts_node_named_child(s, i);
    enum kind k = kind_of(part);
    if (k == K_STRING_START) {
      for (uint32_t b = ts_node_start_byte(part); b < ts_node_end_byte(part); b++) {
        char c = x->src[b];
        if (c != '"' && c != '\'' && c != 'r' && c != 'R') return NULL;
      }
    } else if (k == K_STRING_CONTENT) {
      content = part, parts++;
      if (ts_node_named_child_count(part)) return NULL; /* escape sequences */
    } else if (k != K_STRING_END) {
      return NULL;
    }
  }
  if (parts != 1) return parts == 0 ? "" : NULL;
  return node_text(x, content);
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
static void visit_call(extractor *x, TSNode n, const frame *f) {
  TSNode fn = child_by_field(n, F_FUNCTION);
  enum kind k = kind_of(fn);
  bool match = false;
  if (k == K_IDENTIFIER) {
    match = text_is(x, fn, "__import__") || text_is(x, fn, "import_module");
  } else if (k == K_ATTRIBUTE) {
    TSNode obj = child_by_field(fn, F_OBJECT);
    if (kind_of(obj) == K_IDENTIFIER && text_is(x, obj, "__all__")) x->all_dynamic = true;
    match = kind_of(obj) == K_IDENTIFIER && text_is(x, obj, "importlib") &&
            text_is(x, child_by_field(fn, F_ATTRIBUTE), "import_module");
  }
  if (!match) return;
  TSNode args = child_by_field(n, F_ARGUMENTS);
  if (ts_node_is_null(args) || ts_node_named_child_count(args) == 0) return;
  const char *lit = string_literal(x, ts_node_named_child(args, 0));
  if (!lit || !is_absolute_module_name(lit)) return;
  dc_import *imp = new_import(x, n, f, DC_IMPORT_CALL);
  imp->names = dc_arena_alloc(x->arena, sizeof *imp->names);
  imp->names[0].name = lit;
  imp->n_names = 1;
}

/* `name.attr` read at import time, `name` bound by a plain import. */
static void visit_attribute(extractor *x, TSNode n, const frame *f) {
  if (f->state != RUN || f->target) return;
  TSNode obj = child_by_field(n, F_OBJECT);
  if (kind_of(obj) != K_IDENTIFIER) return;
  uint32_t s = ts_node_start_byte(obj);
  const bound_name *b = table_slot(&x->bound, x->src + s, ts_node_end_byte(obj) - s);
  if (!b || !b->name || b->import_index < 0) return;
  TSPoint p = ts_node_start_point(n);
  dc_attr_use use = {node_text(x, child_by_field(n, F_ATTRIBUTE)), (uint32_t)b->import_index,
                     b->name_index, p.row, p.column, line_text(x, ts_node_start_byte(n))};
  dc_vec_push(&x->uses, use);
}

/* Collects the strings of a literal list or tuple; false if anything else. */
static bool literal_strings(extractor *x, TSNode n) {
  while (kind_of(n) == K_PARENTHESIZED_EXPRESSION && ts_node_named_child_count(n) == 1)
    n = ts_node_named_child(n, 0);
  enum kind k = kind_of(n);
  if (k != K_LIST && k != K_TUPLE) return false;
  for (uint32_t i = 0; i < ts_node_named_child_count(n); i++) {
    TSNode item = ts_node_named_child(n, i);
    if (kind_of(item) == K_COMMENT) continue;
    const char *s = string_literal(x, item);
    if (!s) return false;
    dc_vec_push(&x->all, s);
  }
  return true;
}

/* `__all__ = [...]`, `__all__ += [...]`; anything else makes it unknown. */
static void visit_all(extractor *x, TSNode n, enum kind k) {
  TSNode left = child_by_field(n, F_LEFT);
  if (kind_of(left) != K_IDENTIFIER || !text_is(x, left, "__all__")) return;
  TSNode right = child_by_field(n, F_RIGHT);
  if (k == K_ASSIGNMENT) {
    dc_vec_clear(&x->all);
    x->facts->has_all = true;
  } else {
    TSNode op = child_by_field(n, F_OPERATOR);
    if (!x->facts->has_all || ts_node_is_null(op) || !text_is(x, op, "+=")) x->all_dynamic = true;
  }
  if (ts_node_is_null(right) || !literal_strings(x, right)) x->all_dynamic = true;
}

/* Whether `n` is the string literal "__main__". */
static bool is_main_string(extractor *x, TSNode n) {
  const char *s = string_literal(x, n);
  return s && !strcmp(s, "__main__");
}

/* When the body of an if/elif with this condition runs: never for
 * TYPE_CHECKING, X.TYPE_CHECKING and False; only when the module runs as a
 * script (so not at import time: deferred) for `__name__ == "__main__"`. */
static uint8_t consequence_state(extractor *x, TSNode cond) {
  while (kind_of(cond) == K_PARENTHESIZED_EXPRESSION && ts_node_named_child_count(cond) == 1)
    cond = ts_node_named_child(cond, 0);
  switch (kind_of(cond)) {
  case K_FALSE: return NEVER;
  case K_IDENTIFIER: return text_is(x, cond, "TYPE_CHECKING") ? NEVER : RUN;
  case K_ATTRIBUTE: return text_is(x, child_by_field(cond, F_ATTRIBUTE), "TYPE_CHECKING") ? NEVER : RUN;
  case K_COMPARISON_OPERATOR: {
    if (ts_node_named_child_count(cond) != 2 || ts_node_child_count(cond) != 3) return RUN;
    if (!text_is(x, ts_node_child(cond, 1), "==")) return RUN;
    TSNode a = ts_node_named_child(cond, 0), b = ts_node_named_child(cond, 1);
    bool a_name = kind_of(a) == K_IDENTIFIER && text_is(x, a, "__name__");
    bool b_name = kind_of(b) == K_IDENTIFIER && text_is(x, b, "__name__");
    return (a_name && is_main_string(x, b)) || (b_name && is_main_string(x, a)) ? DEFERRED : RUN;
  }
  default: return RUN;
  }
}

static bool propagates_target(enum kind k) {
  return k == K_PATTERN_LIST || k == K_TUPLE_PATTERN || k == K_LIST_PATTERN ||
         k == K_LIST_SPLAT_PATTERN || k == K_TUPLE || k == K_LIST ||
         k == K_PARENTHESIZED_EXPRESSION || k == K_AS_PATTERN_TARGET;
}

static uint8_t weaker(uint8_t a, uint8_t b) { return a > b ? a : b; }

/* The frame of a child, from its parent's frame and its field (§2 rules). */
static frame child_frame(const extractor *x, const frame *p, TSNode child, TSFieldId field) {
  frame c = {(uint8_t)kind_of(child), p->state, p->scope, RUN, false, false, false, field};
  bool future = x->facts->future_annotations;
  const TSFieldId *F = grammar.field_id;
  switch ((enum kind)p->kind) {
  case K_FUNCTION_DEFINITION:
    if (field == F[F_BODY]) c.state = weaker(c.state, DEFERRED), c.scope = SCOPE_FUNCTION;
    else if (field == F[F_RETURN_TYPE] && future) c.state = NEVER;
    break;
  case K_LAMBDA:
    if (field == F[F_BODY]) c.state = weaker(c.state, DEFERRED), c.scope = SCOPE_FUNCTION;
    break;
  case K_CLASS_DEFINITION:
    if (field == F[F_BODY]) c.scope = SCOPE_CLASS;
    break;
  case K_IF_STATEMENT:
  case K_ELIF_CLAUSE:
    if (field == F[F_CONSEQUENCE]) c.state = weaker(c.state, p->consequence);
    break;
  case K_TYPED_PARAMETER:
  case K_TYPED_DEFAULT_PARAMETER:
    if (field == F[F_TYPE] && future) c.state = NEVER;
    break;
  case K_ASSIGNMENT:
    if (field == F[F_TYPE] && (future || p->scope == SCOPE_FUNCTION)) c.state = NEVER;
    c.target = field == F[F_LEFT] && p->has_value;
    break;
  case K_AUGMENTED_ASSIGNMENT:
  case K_FOR_STATEMENT:
    c.target = field == F[F_LEFT];
    break;
  case K_NAMED_EXPRESSION:
    c.target = field == F[F_NAME];
    break;
  case K_AS_PATTERN:
  case K_EXCEPT_CLAUSE:
    c.target = field == F[F_ALIAS];
    break;
  case K_TYPE_ALIAS_STATEMENT:
    if (field == F[F_RIGHT]) c.state = weaker(c.state, DEFERRED);
    break;
  default:
    if (propagates_target((enum kind)p->kind)) c.target = p->target;
    break;
  }
  c.entered_later = p->state == RUN && c.state != RUN;
  return c;
}

/* Handles one node; returns whether the walk should descend into it.
 * Code that does not run at import time matters only for its imports, so a
 * deferred or never-run subtree whose text has no "import" is skipped
 * whole: one memmem instead of a walk over every node of a function body. */
static bool visit(extractor *x, TSNode n, frame *f) {
  if (f->entered_later) {
    uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    if (!memmem(x->src + s, e - s, "import", 6)) return false;
  }
  switch ((enum kind)f->kind) {
  case K_IMPORT_STATEMENT: visit_import(x, n, f, false); return false;
  case K_IMPORT_FROM_STATEMENT: visit_import(x, n, f, true); return false;
  case K_FUTURE_IMPORT_STATEMENT: visit_future_import(x, n, f); return false;
  case K_COMMENT: return false;
  case K_CALL: visit_call(x, n, f); break;
  case K_ATTRIBUTE: visit_attribute(x, n, f); break;
  case K_IDENTIFIER:
    if (f->target && binds_at_module_level(f)) bind(x, node_text(x, n), -1, 0, false);
    return false;
  case K_FUNCTION_DEFINITION:
  case K_CLASS_DEFINITION:
    if (binds_at_module_level(f)) bind(x, node_text(x, child_by_field(n, F_NAME)), -1, 0, false);
    break;
  case K_ASSIGNMENT:
  case K_AUGMENTED_ASSIGNMENT:
    f->has_value = !ts_node_is_null(child_by_field(n, F_RIGHT));
    if (binds_at_module_level(f)) visit_all(x, n, (enum kind)f->kind);
    break;
  case K_IF_STATEMENT:
  case K_ELIF_CLAUSE:
    f->consequence = consequence_state(x, child_by_field(n, F_CONDITION));
    break;
  default: break;
  }
  return true;
}

dc_file_facts *dc_facts_extract(const char *src, uint32_t len, uint32_t base, TSTree *tree,
                                dc_arena *arena) {
  pthread_once(&grammar_once, grammar_init);
  dc_file_facts *facts = dc_arena_alloc(arena, sizeof *facts);
  extractor x = {.src = src + base, .len = len - base, .base = base, .arena = arena, .facts = facts};
  dc_vec(frame) stack = {0};
  TSNode root = ts_tree_root_node(tree);
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  dc_vec_push(&stack, ((frame){(uint8_t)kind_of(root), RUN, SCOPE_MODULE, RUN, false, false, false, 0}));
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    frame *f = &dc_vec_last(&stack);
    if (visit(&x, node, f) && ts_tree_cursor_goto_first_child(&cursor)) {
      frame parent = dc_vec_last(&stack);
      frame child = child_frame(&x, &parent, ts_tree_cursor_current_node(&cursor),
                                ts_tree_cursor_current_field_id(&cursor));
      dc_vec_push(&stack, child);
      continue;
    }
    /* Next sibling, or climb until one exists. */
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) goto done;
      dc_vec_pop(&stack);
    }
    dc_vec_pop(&stack);
    frame parent = dc_vec_last(&stack);
    frame child = child_frame(&x, &parent, ts_tree_cursor_current_node(&cursor),
                              ts_tree_cursor_current_field_id(&cursor));
    dc_vec_push(&stack, child);
  }
done:
  ts_tree_cursor_delete(&cursor);
  dc_vec_free(&stack);
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
  dc_vec_free(&x.imports);
  dc_vec_free(&x.bindings);
  dc_vec_free(&x.uses);
  dc_vec_free(&x.all);
  free(x.bound.slots);
  return facts;
}
