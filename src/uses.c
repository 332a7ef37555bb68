/*
 * uses.c - resolve every read of the names of interest, with Python's
 * scoping rules (Python Language Reference §4.2, "Resolution of names").
 *
 * One pywalk walk builds the scopes (module, class, def, lambda,
 * comprehension), records in each the names of interest it binds
 * (parameters, assignment/for/with/except/walrus targets, imports, def and
 * class names, del) and declares global or nonlocal, and records every read
 * of a name of interest with the state the walk gives it. Afterwards each
 * read is resolved: up the scope chain, a def, lambda or comprehension that
 * binds the name (and does not declare it global) captures it; class scopes
 * never capture reads from nested functions, and are treated as transparent
 * for reads in their own body (over-reporting a use only ever makes a
 * rewrite less likely). Reads that reach the module scope are uses.
 *
 * Names of interest (the names the module's imports bind, and its
 * constants) can be as many as a file has lines, so they are looked up in a
 * hash table, and what a scope binds or declares is kept in another, keyed
 * by scope and name: nothing here grows with names times scopes.
 */
#include "uses.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pywalk.h"
#include "vec.h"

enum scope_kind { SCOPE_MODULE, SCOPE_CLASS, SCOPE_FUNCTION, SCOPE_COMPREHENSION };

/* scope - one scope; what it binds and declares is in the analyser's
 * `flags`. */
typedef struct scope {
  uint8_t kind;
  int32_t parent;
} scope;

enum { BOUND = 1, GLOBAL = 2, NONLOCAL = 4 };

/* scope_name - the flags of one name of interest in one scope: an entry
 * of an open-addressing table (`flags` 0: free). */
typedef struct scope_name {
  uint32_t scope, name;
  uint8_t flags;
} scope_name;

/* declared - a global statement's name in a scope. */
typedef struct declared {
  uint32_t scope, name;
} declared;

/* read - a read of name `name` in scope `scope`, before resolution. */
typedef struct read {
  uint32_t name;
  int32_t scope;
  dc_use use;
} read;

/* opener - a node that opened something to close when it is left: a scope
 * made current, a def/lambda whose scope is pending until its body, a
 * comprehension target range. */
typedef struct opener {
  uint32_t start, end; /* the node's bytes, to recognise it when left */
  uint8_t what;
  int32_t scope;
  int32_t function; /* for OPEN_DEF: the dc_function index, or -1 */
} opener;

enum { OPEN_CURRENT, OPEN_DEF, OPEN_LAMBDA, OPEN_CLASS };

/* analyser - the state of one dc_uses_analyse call. */
typedef struct analyser {
  const char *src; /* the tree's text */
  uint32_t len, base;
  dc_arena *arena;
  const char *const *names;
  uint32_t n_names;
  dc_names ids;     /* of names */
  uint32_t *first;  /* per id: the index of its first name */
  scope_name *flags; /* at most half full; cap a power of two */
  uint32_t n_flags, cap_flags;
  dc_vec(declared) globals;
  dc_vec(scope) scopes;
  dc_vec(read) reads;
  dc_vec(opener) openers;
  dc_vec(uint8_t) kinds; /* node kind per depth, for parent checks */
  dc_vec(int32_t) current; /* stack of current scopes */
  dc_vec(dc_function) functions;
  uint32_t *module_bindings; /* per name */
  bool *global_write;
  int32_t outer_def;  /* function index of the outermost def being walked, or -1 */
  uint32_t lambdas;   /* lambda bodies being walked outside any def */
  uint32_t comp_target_start, comp_target_end; /* innermost comprehension target */
  dc_file_uses *out;
} analyser;

static int32_t name_id(analyser *a, TSNode n) {
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  int32_t id = dc_names_find(&a->ids, a->src + s, e - s);
  return id >= 0 ? (int32_t)a->first[id] : -1;
}

/* The entry of (sc, name) in `flags`: its own, or the free one for it. */
static scope_name *flags_slot(const analyser *a, uint32_t sc, uint32_t name) {
  uint32_t mask = a->cap_flags - 1;
  uint32_t h = (sc * 2654435761u ^ name * 40503u) & mask;
  while (a->flags[h].flags && (a->flags[h].scope != sc || a->flags[h].name != name)) h = (h + 1) & mask;
  return &a->flags[h];
}

static uint8_t flags_of(const analyser *a, uint32_t sc, uint32_t name) {
  return a->cap_flags ? flags_slot(a, sc, name)->flags : 0;
}

static void add_flag(analyser *a, uint32_t sc, uint32_t name, uint8_t flag) {
  if (2 * (a->n_flags + 1) > a->cap_flags) {
    scope_name *old = a->flags;
    uint32_t old_cap = a->cap_flags;
    a->cap_flags = old_cap ? 2 * old_cap : 64;
    a->flags = dc_xcalloc(a->cap_flags, sizeof *a->flags);
    for (uint32_t i = 0; i < old_cap; i++)
      if (old[i].flags) *flags_slot(a, old[i].scope, old[i].name) = old[i];
    free(old);
  }
  scope_name *e = flags_slot(a, sc, name);
  if (!e->flags) a->n_flags++;
  *e = (scope_name){sc, name, (uint8_t)(e->flags | flag)};
}

static int32_t new_scope(analyser *a, uint8_t kind, int32_t parent) {
  dc_vec_push(&a->scopes, ((scope){kind, parent}));
  return (int32_t)a->scopes.size - 1;
}

static int32_t current(analyser *a) { return dc_vec_last(&a->current); }

static void bind_in(analyser *a, int32_t sc, int32_t id, const dc_py_frame *f) {
  if (id < 0) return;
  add_flag(a, (uint32_t)sc, (uint32_t)id, BOUND);
  if (sc == 0 && f->state != DC_PY_NEVER) a->module_bindings[id]++;
}

/* The kind of the node `up` levels above the one being entered. */
static uint8_t kind_above(analyser *a, uint32_t up) {
  return a->kinds.size > up ? a->kinds.items[a->kinds.size - 1 - up] : DC_PY_OTHER;
}

/* The leading blanks of the line holding byte `at`. */
static const char *line_indent(analyser *a, uint32_t at) {
  uint32_t s = at;
  while (s > 0 && a->src[s - 1] != '\n') s--;
  uint32_t e = s;
  while (e < a->len && (a->src[e] == ' ' || a->src[e] == '\t')) e++;
  return dc_arena_strndup(a->arena, a->src + s, e - s);
}

static uint32_t line_start(analyser *a, uint32_t at) {
  while (at > 0 && a->src[at - 1] != '\n') at--;
  return at;
}

/* The end of the line holding `at` (a statement's end), past its '\n', where
 * code can be inserted: a backslash ending the line outside a comment goes
 * on to the next line, which must not become the inserted text. */
static uint32_t line_end(analyser *a, uint32_t at) {
  for (;;) {
    uint32_t from = at;
    bool comment = false;
    while (at < a->len && a->src[at] != '\n') comment |= a->src[at++] == '#';
    uint32_t k = at > from && a->src[at - 1] == '\r' ? at - 1 : at;
    if (at >= a->len) return at;
    if (comment || k == from || a->src[k - 1] != '\\') return at + 1;
    at++;
  }
}

/* A string alone as a statement; extras (a comment, a line continuation
 * after the string) do not count. */
static bool is_docstring(TSNode stmt) {
  uint32_t n = ts_node_named_child_count(stmt);
  if (dc_py_kind_of(stmt) != DC_PY_EXPRESSION_STATEMENT || n == 0 ||
      dc_py_kind_of(ts_node_named_child(stmt, 0)) != DC_PY_STRING)
    return false;
  for (uint32_t i = 1; i < n; i++)
    if (!ts_node_is_extra(ts_node_named_child(stmt, i))) return false;
  return true;
}

/* Records an outermost def and where a local import would go in it: the
 * start of the line of the first body line after the docstring (a comment
 * there stays with the statement it describes), or, for a one-line body,
 * the body itself. */
static int32_t add_function(analyser *a, TSNode def) {
  TSNode body = dc_py_child(def, DC_PY_F_BODY);
  dc_function fn = {0};
  fn.name = dc_py_text(a->src, dc_py_child(def, DC_PY_F_NAME), a->arena);
  fn.def_line = ts_node_start_point(def).row;
  TSNode colon = ts_node_prev_sibling(body);
  if (ts_node_is_null(body) || ts_node_is_null(colon) || ts_node_named_child_count(body) == 0) return -1;
  uint32_t colon_row = ts_node_start_point(colon).row;
  fn.one_line = ts_node_start_point(body).row == colon_row;
  if (fn.one_line) {
    fn.gap_start = ts_node_end_byte(colon);
    fn.insert_at = ts_node_start_byte(body);
    fn.indent = dc_arena_printf(a->arena, "%s%s", line_indent(a, ts_node_start_byte(def)), a->out->indent_unit);
    dc_vec_push(&a->functions, fn);
    return (int32_t)a->functions.size - 1;
  }
  /* The body's lines, skipping a comment on the def line itself. */
  uint32_t n = ts_node_named_child_count(body), i = 0;
  while (i < n && ts_node_start_point(ts_node_named_child(body, i)).row == colon_row) i++;
  /* Comments and line continuations are extras, not statements. */
  uint32_t first_stmt = i;
  while (first_stmt < n && ts_node_is_extra(ts_node_named_child(body, first_stmt))) first_stmt++;
  if (first_stmt == n) return -1;
  TSNode at = ts_node_named_child(body, i);
  if (is_docstring(ts_node_named_child(body, first_stmt))) {
    TSNode doc = ts_node_named_child(body, first_stmt);
    uint32_t next = first_stmt + 1;
    while (next < n && ts_node_is_extra(ts_node_named_child(body, next)) &&
           dc_py_kind_of(ts_node_named_child(body, next)) != DC_PY_COMMENT)
      next++;
    if (next == n) {
      fn.insert_at = line_end(a, ts_node_end_byte(doc));
      fn.indent = line_indent(a, ts_node_start_byte(doc));
      dc_vec_push(&a->functions, fn);
      return (int32_t)a->functions.size - 1;
    }
    at = ts_node_named_child(body, next);
  }
  fn.insert_at = line_start(a, ts_node_start_byte(at));
  fn.indent = line_indent(a, ts_node_start_byte(at));
  dc_vec_push(&a->functions, fn);
  return (int32_t)a->functions.size - 1;
}

static void push_opener(analyser *a, TSNode n, uint8_t what, int32_t sc, int32_t function) {
  dc_vec_push(&a->openers, ((opener){ts_node_start_byte(n), ts_node_end_byte(n), what, sc, function}));
}

/* The names an import statement binds: the alias, the first component of
 * a plain import, or the imported name. */
static void visit_import(analyser *a, TSNode n, const dc_py_frame *f, bool from) {
  bool module_level = a->current.size == 1;
  for (uint32_t i = 0; i < ts_node_named_child_count(n); i++) {
    TSNode child = ts_node_named_child(n, i);
    if (from && ts_node_start_byte(child) == ts_node_start_byte(dc_py_child(n, DC_PY_F_MODULE_NAME))) continue;
    TSNode bound;
    if (dc_py_kind_of(child) == DC_PY_ALIASED_IMPORT) bound = dc_py_child(child, DC_PY_F_ALIAS);
    else if (dc_py_kind_of(child) == DC_PY_DOTTED_NAME) bound = ts_node_named_child(child, 0);
    else continue;
    if (module_level && f->state != DC_PY_NEVER && dc_py_text_is(a->src, bound, "TYPE_CHECKING"))
      a->out->tc_bound = true;
    bind_in(a, current(a), name_id(a, bound), f);
  }
  if (module_level && kind_above(a, 1) == DC_PY_MODULE) a->out->after_imports = line_end(a, ts_node_end_byte(n)) + a->base;
  /* Libraries that evaluate annotations at run time. */
  static const char *const runtime[] = {"pydantic", "fastapi", "typer", "attr", "attrs", "cattrs",
                                        "msgspec", "beartype", "typeguard", "sqlalchemy", "strawberry",
                                        "marshmallow_dataclass", "dataclasses_json", "sqlmodel"};
  TSNode mod = from ? dc_py_child(n, DC_PY_F_MODULE_NAME) : ts_node_named_child(n, 0);
  if (!from && dc_py_kind_of(mod) == DC_PY_ALIASED_IMPORT) mod = dc_py_child(mod, DC_PY_F_NAME);
  if (dc_py_kind_of(mod) != DC_PY_DOTTED_NAME) return;
  TSNode top = ts_node_named_child(mod, 0);
  for (size_t k = 0; k < sizeof runtime / sizeof *runtime; k++)
    if (!a->out->runtime_annotations && dc_py_text_is(a->src, top, runtime[k])) a->out->runtime_annotations = runtime[k];
}

/* Whether an identifier (being entered) names a parameter. */
static bool is_parameter(analyser *a, const dc_py_frame *f) {
  uint8_t p = kind_above(a, 1), g = kind_above(a, 2);
  if (p == DC_PY_PARAMETERS || p == DC_PY_LAMBDA_PARAMETERS) return true;
  if ((p == DC_PY_DEFAULT_PARAMETER || p == DC_PY_TYPED_DEFAULT_PARAMETER) && f->field == dc_py_field_id(DC_PY_F_NAME))
    return true;
  if (p == DC_PY_TYPED_PARAMETER && f->field == 0) return true;
  if ((p == DC_PY_LIST_SPLAT_PATTERN || p == DC_PY_DICTIONARY_SPLAT_PATTERN) &&
      (g == DC_PY_PARAMETERS || g == DC_PY_LAMBDA_PARAMETERS || g == DC_PY_TYPED_PARAMETER))
    return true;
  return false;
}

/* The scope a parameter binds in: the def or lambda being entered. */
static int32_t pending_scope(analyser *a) {
  for (uint32_t i = a->openers.size; i-- > 0;)
    if (a->openers.items[i].what == OPEN_DEF || a->openers.items[i].what == OPEN_LAMBDA)
      return a->openers.items[i].scope;
  return current(a);
}

static void visit_identifier(analyser *a, TSNode n, const dc_py_frame *f) {
  uint8_t p = kind_above(a, 1);
  TSFieldId field = f->field;
  if (p == DC_PY_ATTRIBUTE && field == dc_py_field_id(DC_PY_F_ATTRIBUTE)) return;
  if (p == DC_PY_KEYWORD_ARGUMENT && field == dc_py_field_id(DC_PY_F_NAME)) return;
  if (p == DC_PY_GLOBAL_STATEMENT || p == DC_PY_NONLOCAL_STATEMENT) {
    int32_t id = name_id(a, n);
    if (id < 0) return;
    add_flag(a, (uint32_t)current(a), (uint32_t)id, p == DC_PY_GLOBAL_STATEMENT ? GLOBAL : NONLOCAL);
    if (p == DC_PY_GLOBAL_STATEMENT) dc_vec_push(&a->globals, ((declared){(uint32_t)current(a), (uint32_t)id}));
    return;
  }
  if ((p == DC_PY_FUNCTION_DEFINITION || p == DC_PY_CLASS_DEFINITION) && field == dc_py_field_id(DC_PY_F_NAME)) {
    bind_in(a, current(a), name_id(a, n), f);
    return;
  }
  if (is_parameter(a, f)) {
    bind_in(a, pending_scope(a), name_id(a, n), f);
    return;
  }
  uint32_t s = ts_node_start_byte(n);
  bool comp_target = s >= a->comp_target_start && ts_node_end_byte(n) <= a->comp_target_end;
  bool deleted = p == DC_PY_DELETE_STATEMENT || (kind_above(a, 2) == DC_PY_DELETE_STATEMENT && p != DC_PY_ATTRIBUTE &&
                                                 p != DC_PY_SUBSCRIPT);
  if (f->target || comp_target || deleted) {
    bind_in(a, current(a), name_id(a, n), f);
    return;
  }
  int32_t id = name_id(a, n);
  if (id < 0) return;
  TSPoint pt = ts_node_start_point(n);
  dc_use use = {DC_USE_IMPORT_TIME, s + a->base, pt.row, pt.column, -1, NULL};
  if (f->state == DC_PY_NEVER) {
    use.kind = DC_USE_ANNOTATION;
  } else if (f->state == DC_PY_DEFERRED) {
    use.kind = DC_USE_DEFERRED;
    if (a->outer_def >= 0) use.function = a->outer_def;
    else if (a->lambdas) use.blocker = dc_arena_printf(a->arena, "used in a lambda at line %u", pt.row + 1);
    else use.blocker = dc_arena_printf(a->arena, "used under if __name__ == \"__main__\" at line %u", pt.row + 1);
  }
  dc_vec_push(&a->reads, ((read){(uint32_t)id, current(a), use}));
}

static void visit_call(analyser *a, TSNode n) {
  TSNode fn = dc_py_unsplat(dc_py_child(n, DC_PY_F_FUNCTION));
  if (dc_py_kind_of(fn) != DC_PY_IDENTIFIER) return;
  static const char *const dynamic[] = {"globals", "locals", "vars", "eval", "exec"};
  static const char *const evaluators[] = {"get_type_hints", "singledispatch", "singledispatchmethod"};
  for (size_t k = 0; k < sizeof dynamic / sizeof *dynamic; k++)
    if (!a->out->dynamic && dc_py_text_is(a->src, fn, dynamic[k])) a->out->dynamic = dynamic[k];
  for (size_t k = 0; k < sizeof evaluators / sizeof *evaluators; k++)
    if (!a->out->runtime_annotations && dc_py_text_is(a->src, fn, evaluators[k]))
      a->out->runtime_annotations = evaluators[k];
}

/* A module-level `if TYPE_CHECKING:` without else: where to add imports. */
static void visit_if(analyser *a, TSNode n, const dc_py_frame *f) {
  if (kind_above(a, 1) != DC_PY_MODULE || a->out->tc_block_end >= 0) return;
  TSNode cond = dc_py_child(n, DC_PY_F_CONDITION);
  if (f->consequence != DC_PY_NEVER || dc_py_kind_of(cond) == DC_PY_FALSE) return;
  if (!ts_node_is_null(dc_py_child(n, DC_PY_F_ALTERNATIVE))) return;
  TSNode body = dc_py_child(n, DC_PY_F_CONSEQUENCE);
  if (ts_node_named_child_count(body) == 0) return;
  if (ts_node_start_point(body).row == ts_node_start_point(n).row) return; /* if TYPE_CHECKING: import x */
  a->out->tc_block_end = line_end(a, ts_node_end_byte(body)) + a->base;
  a->out->tc_indent = line_indent(a, ts_node_start_byte(ts_node_named_child(body, 0)));
}

static bool enter(dc_py_walk *w, TSNode n, dc_py_frame *f) {
  analyser *a = w->ctx;
  enum dc_py_kind k = (enum dc_py_kind)f->kind;
  dc_vec_push(&a->kinds, (uint8_t)k);
  /* A def/lambda/class body makes the pending scope current. */
  if (a->openers.size && f->field == dc_py_field_id(DC_PY_F_BODY)) {
    opener *o = &dc_vec_last(&a->openers);
    uint8_t parent = kind_above(a, 1);
    if ((o->what == OPEN_DEF && parent == DC_PY_FUNCTION_DEFINITION) ||
        (o->what == OPEN_LAMBDA && parent == DC_PY_LAMBDA) || (o->what == OPEN_CLASS && parent == DC_PY_CLASS_DEFINITION)) {
      if (o->what == OPEN_DEF && a->outer_def < 0 && o->function >= 0) a->outer_def = o->function;
      if (o->what == OPEN_LAMBDA && a->outer_def < 0) a->lambdas++;
      dc_vec_push(&a->current, o->scope);
      push_opener(a, n, OPEN_CURRENT, o->scope, -1);
    }
  }
  switch (k) {
  case DC_PY_IMPORT_STATEMENT: visit_import(a, n, f, false); return false;
  case DC_PY_IMPORT_FROM_STATEMENT: visit_import(a, n, f, true); return false;
  case DC_PY_FUTURE_IMPORT_STATEMENT: w->future_annotations = true; return false;
  case DC_PY_COMMENT: return false;
  case DC_PY_IDENTIFIER: visit_identifier(a, n, f); return false;
  case DC_PY_CALL: visit_call(a, n); break;
  case DC_PY_FUNCTION_DEFINITION: {
    int32_t sc = new_scope(a, SCOPE_FUNCTION, current(a));
    int32_t fn = -1;
    if (a->outer_def < 0 && !a->lambdas && f->state == DC_PY_RUN) fn = add_function(a, n);
    push_opener(a, n, OPEN_DEF, sc, fn);
    break;
  }
  case DC_PY_LAMBDA: push_opener(a, n, OPEN_LAMBDA, new_scope(a, SCOPE_FUNCTION, current(a)), -1); break;
  case DC_PY_CLASS_DEFINITION: push_opener(a, n, OPEN_CLASS, new_scope(a, SCOPE_CLASS, current(a)), -1); break;
  case DC_PY_LIST_COMPREHENSION:
  case DC_PY_SET_COMPREHENSION:
  case DC_PY_DICTIONARY_COMPREHENSION:
  case DC_PY_GENERATOR_EXPRESSION: {
    int32_t sc = new_scope(a, SCOPE_COMPREHENSION, current(a));
    dc_vec_push(&a->current, sc);
    push_opener(a, n, OPEN_CURRENT, sc, -1);
    break;
  }
  case DC_PY_FOR_IN_CLAUSE: {
    TSNode left = dc_py_child(n, DC_PY_F_LEFT);
    a->comp_target_start = ts_node_start_byte(left), a->comp_target_end = ts_node_end_byte(left);
    break;
  }
  case DC_PY_ASSIGNMENT:
  case DC_PY_AUGMENTED_ASSIGNMENT:
    f->has_value = !ts_node_is_null(dc_py_child(n, DC_PY_F_RIGHT));
    break;
  case DC_PY_IF_STATEMENT:
  case DC_PY_ELIF_CLAUSE:
    f->consequence = (uint8_t)dc_py_condition_state(a->src, dc_py_child(n, DC_PY_F_CONDITION));
    if (k == DC_PY_IF_STATEMENT) visit_if(a, n, f);
    break;
  default: break;
  }
  return true;
}

static void leave(dc_py_walk *w, TSNode n, const dc_py_frame *f) {
  (void)f;
  analyser *a = w->ctx;
  dc_vec_pop(&a->kinds);
  uint32_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
  while (a->openers.size) {
    opener o = dc_vec_last(&a->openers);
    if (o.start != s || o.end != e) break;
    /* Several openers can share a node's bytes (a body that is one
     * comprehension); close them innermost first. */
    uint8_t kind = (uint8_t)dc_py_kind_of(n);
    bool mine = o.what == OPEN_CURRENT || (o.what == OPEN_DEF && kind == DC_PY_FUNCTION_DEFINITION) ||
                (o.what == OPEN_LAMBDA && kind == DC_PY_LAMBDA) || (o.what == OPEN_CLASS && kind == DC_PY_CLASS_DEFINITION);
    if (!mine) break;
    if (o.what == OPEN_CURRENT) {
      dc_vec_pop(&a->current);
      /* Leaving a def's or lambda's body. */
      if (a->openers.size >= 2) {
        opener up = a->openers.items[a->openers.size - 2];
        if (up.what == OPEN_DEF && up.function >= 0 && a->outer_def == up.function) a->outer_def = -1;
        if (up.what == OPEN_LAMBDA && a->outer_def < 0 && a->lambdas && up.scope == o.scope) a->lambdas--;
      }
    }
    dc_vec_pop(&a->openers);
  }
}

/* The file's indent unit: the indentation of the first indented line after
 * a line ending with ':'; four spaces when there is none. */
static const char *indent_unit(analyser *a) {
  for (uint32_t i = 0; i < a->len;) {
    uint32_t e = i;
    while (e < a->len && a->src[e] != '\n') e++;
    uint32_t t = e;
    while (t > i && (a->src[t - 1] == ' ' || a->src[t - 1] == '\t' || a->src[t - 1] == '\r')) t--;
    if (t > i && a->src[t - 1] == ':' && e < a->len) {
      uint32_t n = e + 1, w = n;
      while (w < a->len && (a->src[w] == ' ' || a->src[w] == '\t')) w++;
      if (w > n && w < a->len && a->src[w] != '\n' && a->src[w] != '\r' && a->src[w] != '#') {
        if (a->src[n] == '\t') return "\t";
        return dc_arena_strndup(a->arena, a->src + n, w - n);
      }
    }
    i = e + 1;
  }
  return "    ";
}

dc_file_uses *dc_uses_analyse(const char *src, uint32_t len, uint32_t base, TSTree *tree,
                              const char *const *names, uint32_t n_names, unsigned walk_flags, dc_arena *arena) {
  dc_file_uses *out = dc_arena_alloc(arena, sizeof *out);
  analyser a = {.src = src + base, .len = len - base, .base = base, .arena = arena, .names = names,
                .n_names = n_names, .outer_def = -1, .out = out};
  dc_names_init(&a.ids, arena);
  a.first = dc_arena_alloc(arena, (n_names ? n_names : 1) * sizeof *a.first);
  for (uint32_t k = 0; k < n_names; k++) {
    uint32_t known = a.ids.n, id = dc_names_add(&a.ids, names[k]);
    if (a.ids.n > known) a.first[id] = k;
  }
  out->tc_block_end = -1;
  const char *nl = memchr(a.src, '\n', a.len);
  out->eol = nl && nl > a.src && nl[-1] == '\r' ? "\r\n" : "\n";
  out->indent_unit = indent_unit(&a);
  a.module_bindings = dc_arena_alloc(arena, (n_names ? n_names : 1) * sizeof *a.module_bindings);
  a.global_write = dc_arena_alloc(arena, (n_names ? n_names : 1) * sizeof *a.global_write);
  dc_vec_push(&a.current, new_scope(&a, SCOPE_MODULE, -1));
  dc_py_walk walk = {.src = a.src, .flags = walk_flags, .enter = enter, .leave = leave, .ctx = &a};
  dc_py_walk_tree(&walk, tree);
  out->future_annotations = walk.future_annotations;

  /* Resolve each read up the scope chain. */
  out->n_names = n_names;
  out->names = dc_arena_alloc(arena, (n_names ? n_names : 1) * sizeof *out->names);
  dc_vec(dc_use) *per_name = dc_xcalloc(n_names ? n_names : 1, sizeof *per_name);
  for (uint32_t i = 0; i < a.reads.size; i++) {
    const read *r = &a.reads.items[i];
    int32_t sc = r->scope;
    bool local = false;
    while (sc > 0) {
      const scope *s = &a.scopes.items[sc];
      uint8_t fl = s->kind != SCOPE_CLASS ? flags_of(&a, (uint32_t)sc, r->name) : 0;
      if (fl & GLOBAL) break;
      if (!(fl & NONLOCAL) && (fl & BOUND)) {
        local = true;
        break;
      }
      sc = s->parent;
    }
    if (!local) dc_vec_push(&per_name[r->name], r->use);
  }
  for (uint32_t i = 0; i < a.globals.size; i++) {
    const declared *d = &a.globals.items[i];
    if (d->scope > 0 && (flags_of(&a, d->scope, d->name) & BOUND)) a.global_write[d->name] = true;
  }
  for (uint32_t k = 0; k < n_names; k++) {
    dc_name_uses *nu = &out->names[k];
    nu->name = names[k];
    nu->uses = dc_arena_memdup(arena, per_name[k].items, per_name[k].size, sizeof(dc_use));
    nu->n_uses = per_name[k].size;
    nu->module_bindings = a.module_bindings[k];
    nu->global_write = a.global_write[k];
    dc_vec_free(&per_name[k]);
  }
  free(per_name);
  for (uint32_t i = 0; i < a.functions.size; i++) {
    a.functions.items[i].insert_at += base;
    a.functions.items[i].gap_start += base;
  }
  out->functions = dc_arena_memdup(arena, a.functions.items, a.functions.size, sizeof(dc_function));
  out->n_functions = a.functions.size;
  out->index = a.ids;
  out->first = a.first;
  free(a.flags);
  dc_vec_free(&a.globals);
  dc_vec_free(&a.scopes);
  dc_vec_free(&a.reads);
  dc_vec_free(&a.openers);
  dc_vec_free(&a.kinds);
  dc_vec_free(&a.current);
  dc_vec_free(&a.functions);
  return out;
}

const dc_name_uses *dc_uses_find(const dc_file_uses *self, const char *name) {
  int32_t id = dc_names_find(&self->index, name, strlen(name));
  return id >= 0 ? &self->names[self->first[id]] : NULL;
}
