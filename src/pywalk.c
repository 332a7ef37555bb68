/*
 * pywalk.c - node kinds by symbol id, the frame rules of DESIGN.md §2, and
 * the cursor loop shared by the facts and uses walks.
 *
 * Node kinds are looked up in a table indexed by symbol id, built once from
 * the grammar, so no walk compares type strings. A frame's state only
 * weakens going down: a def or lambda body is deferred; the body of an
 * if/elif whose condition is TYPE_CHECKING or False never runs, and that of
 * `if __name__ == "__main__":` runs only as a script (deferred); annotations
 * are never evaluated with `from __future__ import annotations`, nor for
 * local variables.
 */
#include "pywalk.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "vec.h"

static const char *const kind_names[] = {
    "",
#define KIND(k, name) name,
#include "pywalk_kinds.def"
#undef KIND
};

static const char *const field_names[] = {
    "",
#define FIELD(f, name) name,
#include "pywalk_fields.def"
#undef FIELD
};

/* grammar - symbol and field ids of the Python grammar, mapped to ours. */
static struct grammar {
  uint8_t *kind_of_symbol;
  uint32_t n_symbols;
  TSFieldId field_id[DC_PY_FIELD_COUNT];
} grammar;
static pthread_once_t grammar_once = PTHREAD_ONCE_INIT;

static void grammar_init(void) {
  const TSLanguage *lang = tree_sitter_python();
  grammar.n_symbols = ts_language_symbol_count(lang);
  grammar.kind_of_symbol = dc_xcalloc(grammar.n_symbols, 1);
  bool seen[DC_PY_KIND_COUNT] = {false};
  for (uint32_t s = 0; s < grammar.n_symbols; s++) {
    const char *name = ts_language_symbol_name(lang, (TSSymbol)s);
    if (!name) continue;
    for (int k = 1; k < DC_PY_KIND_COUNT; k++)
      if (!strcmp(name, kind_names[k])) grammar.kind_of_symbol[s] = (uint8_t)k, seen[k] = true;
  }
  for (int k = 1; k < DC_PY_KIND_COUNT; k++)
    if (!seen[k]) DC_BUG("tree-sitter-python has no node '%s'", kind_names[k]);
  for (int f = 1; f < DC_PY_FIELD_COUNT; f++) {
    grammar.field_id[f] = ts_language_field_id_for_name(lang, field_names[f], (uint32_t)strlen(field_names[f]));
    if (!grammar.field_id[f]) DC_BUG("tree-sitter-python has no field '%s'", field_names[f]);
  }
}

static void ensure_grammar(void) { pthread_once(&grammar_once, grammar_init); }

enum dc_py_kind dc_py_kind_of(TSNode n) {
  ensure_grammar();
  TSSymbol s = ts_node_symbol(n);
  return s < grammar.n_symbols ? (enum dc_py_kind)grammar.kind_of_symbol[s] : DC_PY_OTHER;
}

TSFieldId dc_py_field_id(enum dc_py_field f) {
  ensure_grammar();
  return grammar.field_id[f];
}

TSNode dc_py_child(TSNode n, enum dc_py_field f) {
  ensure_grammar();
  return ts_node_child_by_field_id(n, grammar.field_id[f]);
}

TSNode dc_py_unsplat(TSNode n) {
  if (dc_py_kind_of(n) != DC_PY_LIST_SPLAT || ts_node_named_child_count(n) != 1) return n;
  TSNode name = ts_node_named_child(n, 0);
  return dc_py_kind_of(name) == DC_PY_IDENTIFIER ? name : n;
}

bool dc_py_text_is(const char *src, TSNode n, const char *s) {
  uint32_t a = ts_node_start_byte(n), b = ts_node_end_byte(n);
  return strlen(s) == b - a && !memcmp(src + a, s, b - a);
}

const char *dc_py_text(const char *src, TSNode n, dc_arena *arena) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  return dc_arena_strndup(arena, src + s, e - s);
}

const char *dc_py_string_literal(const char *src, TSNode s, dc_arena *arena) {
  if (dc_py_kind_of(s) != DC_PY_STRING) return NULL;
  TSNode content = {0};
  uint32_t parts = 0;
  for (uint32_t i = 0; i < ts_node_named_child_count(s); i++) {
    TSNode part = ts_node_named_child(s, i);
    enum dc_py_kind k = dc_py_kind_of(part);
    if (k == DC_PY_STRING_START) {
      for (uint32_t b = ts_node_start_byte(part); b < ts_node_end_byte(part); b++) {
        char c = src[b];
        if (c != '"' && c != '\'' && c != 'r' && c != 'R') return NULL;
      }
    } else if (k == DC_PY_STRING_CONTENT) {
      content = part, parts++;
      if (ts_node_named_child_count(part)) return NULL; /* escape sequences */
    } else if (k != DC_PY_STRING_END) {
      return NULL;
    }
  }
  if (parts != 1) return parts == 0 ? "" : NULL;
  return dc_py_text(src, content, arena);
}

/* Whether `n` is the string literal "__main__" (no allocation). */
static bool is_main_string(const char *src, TSNode n) {
  if (dc_py_kind_of(n) != DC_PY_STRING) return false;
  for (uint32_t i = 0; i < ts_node_named_child_count(n); i++) {
    TSNode part = ts_node_named_child(n, i);
    if (dc_py_kind_of(part) == DC_PY_STRING_CONTENT) return dc_py_text_is(src, part, "__main__");
  }
  return false;
}

enum dc_py_state dc_py_condition_state(const char *src, TSNode cond) {
  while (dc_py_kind_of(cond) == DC_PY_PARENTHESIZED_EXPRESSION && ts_node_named_child_count(cond) == 1)
    cond = ts_node_named_child(cond, 0);
  switch (dc_py_kind_of(cond)) {
  case DC_PY_FALSE: return DC_PY_NEVER;
  case DC_PY_IDENTIFIER: return dc_py_text_is(src, cond, "TYPE_CHECKING") ? DC_PY_NEVER : DC_PY_RUN;
  case DC_PY_ATTRIBUTE:
    return dc_py_text_is(src, dc_py_child(cond, DC_PY_F_ATTRIBUTE), "TYPE_CHECKING") ? DC_PY_NEVER : DC_PY_RUN;
  case DC_PY_COMPARISON_OPERATOR: {
    if (ts_node_named_child_count(cond) != 2 || ts_node_child_count(cond) != 3) return DC_PY_RUN;
    if (!dc_py_text_is(src, ts_node_child(cond, 1), "==")) return DC_PY_RUN;
    TSNode a = ts_node_named_child(cond, 0), b = ts_node_named_child(cond, 1);
    bool a_name = dc_py_kind_of(a) == DC_PY_IDENTIFIER && dc_py_text_is(src, a, "__name__");
    bool b_name = dc_py_kind_of(b) == DC_PY_IDENTIFIER && dc_py_text_is(src, b, "__name__");
    return (a_name && is_main_string(src, b)) || (b_name && is_main_string(src, a)) ? DC_PY_DEFERRED
                                                                                   : DC_PY_RUN;
  }
  default: return DC_PY_RUN;
  }
}

static bool propagates_target(enum dc_py_kind k) {
  return k == DC_PY_PATTERN_LIST || k == DC_PY_TUPLE_PATTERN || k == DC_PY_LIST_PATTERN ||
         k == DC_PY_LIST_SPLAT_PATTERN || k == DC_PY_TUPLE || k == DC_PY_LIST ||
         k == DC_PY_PARENTHESIZED_EXPRESSION || k == DC_PY_AS_PATTERN_TARGET;
}

static uint8_t weaker(uint8_t a, uint8_t b) { return a > b ? a : b; }

/* An annotation's frame: never evaluated with the future import or lazy
 * annotations (PEP 649), else as
 * the code around it; a local variable's annotation is never evaluated. */
static void annotate(dc_py_frame *c, bool never) {
  c->annotation = true;
  if (never) c->state = DC_PY_NEVER;
}

/* The frame of a child, from its parent's frame and its field (§2 rules). */
static dc_py_frame child_frame(const dc_py_walk *w, const dc_py_frame *p, TSNode child, TSFieldId field) {
  dc_py_frame c = {(uint8_t)dc_py_kind_of(child), p->state, p->scope, DC_PY_RUN, false, false, false,
                   p->annotation, field};
  bool future = w->future_annotations || (w->flags & DC_PY_WALK_LAZY_ANNOTATIONS);
  const TSFieldId *F = grammar.field_id;
  switch ((enum dc_py_kind)p->kind) {
  case DC_PY_FUNCTION_DEFINITION:
    if (field == F[DC_PY_F_BODY]) c.state = weaker(c.state, DC_PY_DEFERRED), c.scope = DC_PY_SCOPE_FUNCTION;
    else if (field == F[DC_PY_F_RETURN_TYPE]) annotate(&c, future);
    break;
  case DC_PY_LAMBDA:
    if (field == F[DC_PY_F_BODY]) c.state = weaker(c.state, DC_PY_DEFERRED), c.scope = DC_PY_SCOPE_FUNCTION;
    break;
  case DC_PY_CLASS_DEFINITION:
    if (field == F[DC_PY_F_BODY]) c.scope = DC_PY_SCOPE_CLASS;
    break;
  case DC_PY_IF_STATEMENT:
  case DC_PY_ELIF_CLAUSE:
    if (field == F[DC_PY_F_CONSEQUENCE]) c.state = weaker(c.state, p->consequence);
    break;
  case DC_PY_TYPED_PARAMETER:
  case DC_PY_TYPED_DEFAULT_PARAMETER:
    if (field == F[DC_PY_F_TYPE]) annotate(&c, future);
    break;
  case DC_PY_ASSIGNMENT:
    if (field == F[DC_PY_F_TYPE]) annotate(&c, future || p->scope == DC_PY_SCOPE_FUNCTION);
    c.target = field == F[DC_PY_F_LEFT] && p->has_value;
    break;
  case DC_PY_AUGMENTED_ASSIGNMENT:
  case DC_PY_FOR_STATEMENT:
    c.target = field == F[DC_PY_F_LEFT];
    break;
  case DC_PY_NAMED_EXPRESSION:
    c.target = field == F[DC_PY_F_NAME];
    break;
  case DC_PY_AS_PATTERN:
  case DC_PY_EXCEPT_CLAUSE:
    c.target = field == F[DC_PY_F_ALIAS];
    break;
  case DC_PY_TYPE_ALIAS_STATEMENT:
    if (field == F[DC_PY_F_RIGHT]) c.state = weaker(c.state, DC_PY_DEFERRED);
    break;
  default:
    if (propagates_target((enum dc_py_kind)p->kind)) c.target = p->target;
    break;
  }
  c.entered_later = p->state == DC_PY_RUN && c.state != DC_PY_RUN;
  return c;
}

void dc_py_walk_tree(dc_py_walk *w, TSTree *tree) {
  ensure_grammar();
  dc_vec(dc_py_frame) stack = {0};
  TSNode root = ts_tree_root_node(tree);
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  dc_py_frame top = {(uint8_t)dc_py_kind_of(root), DC_PY_RUN, DC_PY_SCOPE_MODULE, DC_PY_RUN, false, false,
                     false, false, 0};
  dc_vec_push(&stack, top);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (w->enter(w, node, &dc_vec_last(&stack)) && ts_tree_cursor_goto_first_child(&cursor)) {
      dc_py_frame parent = dc_vec_last(&stack);
      dc_vec_push(&stack, child_frame(w, &parent, ts_tree_cursor_current_node(&cursor),
                                      ts_tree_cursor_current_field_id(&cursor)));
      continue;
    }
    if (w->leave) w->leave(w, node, &dc_vec_last(&stack));
    /* Next sibling, or climb (leaving each parent) until one exists. */
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (!ts_tree_cursor_goto_parent(&cursor)) goto done;
      dc_vec_pop(&stack);
      if (w->leave) w->leave(w, ts_tree_cursor_current_node(&cursor), &dc_vec_last(&stack));
    }
    dc_vec_pop(&stack);
    dc_py_frame parent = dc_vec_last(&stack);
    dc_vec_push(&stack, child_frame(w, &parent, ts_tree_cursor_current_node(&cursor),
                                    ts_tree_cursor_current_field_id(&cursor)));
  }
done:
  ts_tree_cursor_delete(&cursor);
  dc_vec_free(&stack);
}
