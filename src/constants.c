/*
 * constants.c - find the literal constants of a module.
 *
 * Only two levels are looked at: the module's statements and the bodies of
 * its module-level classes; literals are checked with an explicit stack.
 * A class attribute may move only when reading `Cls.attr` gives the literal
 * itself: the class is not decorated, has no metaclass or class keywords,
 * and no base whose name says it turns attributes into something else
 * (enums, named tuples, typed dicts, models, structs); annotated class
 * attributes are fields of such classes (or of dataclasses) and stay.
 */
#include "constants.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pywalk.h"
#include "vec.h"

/* finder - the state of one dc_constants_find call. */
typedef struct finder {
  const char *src; /* the whole file */
  uint32_t len, base;
  dc_arena *arena;
  dc_vec(dc_constant) out;
} finder;

typedef dc_vec(TSNode) node_list;

/* Appends the named children of `n` to `out`, in order, with a cursor:
 * ts_node_named_child(n, i) walks the children before the i-th at each
 * call, which over a module of thousands of statements is quadratic. */
static void named_children(TSNode n, node_list *out) {
  TSTreeCursor c = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&c);
      if (ts_node_is_named(child)) dc_vec_push(out, child);
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
}

static uint32_t line_start(const finder *f, uint32_t at) {
  while (at > 0 && f->src[at - 1] != '\n') at--;
  return at;
}

/* The end of the line holding `at`, past its '\n'. */
static uint32_t line_end(const finder *f, uint32_t at) {
  while (at < f->len && f->src[at] != '\n') at++;
  return at < f->len ? at + 1 : at;
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

/* Whether only blanks precede `at` on its line. */
static bool starts_line(const finder *f, uint32_t at) {
  for (uint32_t i = line_start(f, at); i < at; i++)
    if (!blank(f->src[i])) return false;
  return true;
}

/* Whether only blanks and a comment follow `at` on its line. */
static bool ends_line(const finder *f, uint32_t at) {
  while (at < f->len && blank(f->src[at])) at++;
  return at >= f->len || f->src[at] == '\n' || f->src[at] == '\r' || f->src[at] == '#';
}

/* Whether `n` is a literal; sets *mutable_ when it holds a list, set or
 * dict. Nested literals are checked with an explicit stack. */
static bool is_literal(const finder *f, TSNode n, bool *mutable_) {
  node_list stack = {0};
  dc_vec_push(&stack, n);
  bool ok = true;
  while (ok && stack.size) {
    TSNode x = stack.items[--stack.size];
    const char *t = ts_node_type(x);
    if (!strcmp(t, "integer") || !strcmp(t, "float") || !strcmp(t, "true") || !strcmp(t, "false") ||
        !strcmp(t, "none") || !strcmp(t, "comment")) {
      continue;
    } else if (!strcmp(t, "string")) {
      uint32_t parts = stack.size;
      named_children(x, &stack);
      for (uint32_t i = parts; i < stack.size; i++) ok &= strcmp(ts_node_type(stack.items[i]), "interpolation") != 0;
      stack.size = parts;
    } else if (!strcmp(t, "unary_operator")) {
      TSNode arg = ts_node_child_by_field_name(x, "argument", 8);
      TSNode op = ts_node_child_by_field_name(x, "operator", 8);
      const char *at = ts_node_type(arg);
      ok = (dc_py_text_is(f->src + f->base, op, "-") || dc_py_text_is(f->src + f->base, op, "+")) &&
           (!strcmp(at, "integer") || !strcmp(at, "float"));
    } else if (!strcmp(t, "concatenated_string") || !strcmp(t, "tuple") || !strcmp(t, "list") ||
               !strcmp(t, "set") || !strcmp(t, "dictionary") || !strcmp(t, "pair") ||
               !strcmp(t, "parenthesized_expression")) {
      *mutable_ |= !strcmp(t, "list") || !strcmp(t, "set") || !strcmp(t, "dictionary");
      named_children(x, &stack);
    } else {
      ok = false;
    }
  }
  dc_vec_free(&stack);
  return ok;
}

/* "CustomLayer" -> "CUSTOM_LAYER", "HTTPServer" -> "HTTP_SERVER". */
static void add_upper_snake(dc_buf *b, const char *s) {
  for (size_t i = 0; s[i]; i++) {
    unsigned char c = (unsigned char)s[i];
    if (i > 0 && isupper(c) && s[i - 1] != '_' &&
        (islower((unsigned char)s[i - 1]) || isdigit((unsigned char)s[i - 1]) ||
         (isupper((unsigned char)s[i - 1]) && islower((unsigned char)s[i + 1]))))
      dc_buf_addf(b, "_");
    char up = (char)toupper(c);
    dc_buf_add(b, &up, 1);
  }
}

/* The start of the comment lines right above the line starting at `at`
 * (no blank line between), or `at` itself. */
static uint32_t comments_above(const finder *f, uint32_t at) {
  while (at > 0) {
    uint32_t prev = line_start(f, at - 1), k = prev;
    while (k < at && blank(f->src[k])) k++;
    if (k >= at || f->src[k] != '#') break;
    at = prev;
  }
  return at;
}

/* Appends src[from, to) to `b` without '\r' before '\n'. */
static void add_lf(dc_buf *b, const char *src, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; i++)
    if (!(src[i] == '\r' && i + 1 < to && src[i + 1] == '\n')) dc_buf_add(b, &src[i], 1);
}

/* The comment lines in [from, to), unindented, with '\n' line ends. */
static const char *comment_text(const finder *f, uint32_t from, uint32_t to) {
  dc_buf b = DC_BUF_INIT;
  for (uint32_t at = from; at < to;) {
    uint32_t end = line_end(f, at), k = at;
    while (k < end && blank(f->src[k])) k++;
    add_lf(&b, f->src, k, end);
    at = end;
  }
  const char *out = dc_arena_strdup(f->arena, dc_buf_str(&b));
  dc_buf_release(&b);
  return out;
}

/* The statement from `from` (the end of its target) to the end of its
 * last line (`end` is on it), with '\n' line ends and a final '\n'. */
static const char *rest_text(const finder *f, uint32_t from, uint32_t end) {
  dc_buf b = DC_BUF_INIT;
  add_lf(&b, f->src, from, line_end(f, end));
  if (!b.len || b.data[b.len - 1] != '\n') dc_buf_adds(&b, "\n");
  const char *out = dc_arena_strdup(f->arena, dc_buf_str(&b));
  dc_buf_release(&b);
  return out;
}

/* Names that Python or the import system give a meaning; never moved. */
static bool special_name(const char *name) {
  static const char *const names[] = {"__all__",    "__slots__",  "__doc__",         "__name__",
                                      "__path__",   "__file__",   "__spec__",        "__loader__",
                                      "__package__", "__builtins__", "__annotations__", "__getattr__",
                                      "__dir__",    "__module__", "__qualname__",    "__match_args__"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (!strcmp(name, names[i])) return true;
  return false;
}

/* Looks at one statement: a constant when it is `target [: T] = literal`
 * alone on its lines. `cls` is the class name for class bodies. */
static void statement(finder *f, TSNode stmt, const char *cls, const char *class_problem, uint32_t anchor) {
  if (dc_py_kind_of(stmt) != DC_PY_EXPRESSION_STATEMENT || ts_node_named_child_count(stmt) != 1) return;
  TSNode as = ts_node_named_child(stmt, 0);
  if (dc_py_kind_of(as) != DC_PY_ASSIGNMENT) return;
  TSNode left = dc_py_child(as, DC_PY_F_LEFT), right = dc_py_child(as, DC_PY_F_RIGHT);
  TSNode type = dc_py_child(as, DC_PY_F_TYPE);
  if (ts_node_is_null(right) || dc_py_kind_of(left) != DC_PY_IDENTIFIER) return;
  const char *src = f->src + f->base;
  const char *name = dc_py_text(src, left, f->arena);
  if (special_name(name)) return;
  bool mutable_ = false;
  if (!is_literal(f, right, &mutable_)) return;
  uint32_t s = ts_node_start_byte(stmt) + f->base, e = ts_node_end_byte(stmt) + f->base;
  dc_constant c = {.cls = cls, .name = name, .line = ts_node_start_point(stmt).row, .anchor = anchor,
                   .mutable_literal = mutable_, .annotated = !ts_node_is_null(type)};
  c.value_start = ts_node_start_byte(right) + f->base;
  c.value_end = ts_node_end_byte(right) + f->base;
  dc_buf cn = DC_BUF_INIT;
  if (cls) {
    add_upper_snake(&cn, cls);
    dc_buf_adds(&cn, "_");
    add_upper_snake(&cn, name);
  } else {
    dc_buf_adds(&cn, name);
  }
  c.config_name = dc_arena_strdup(f->arena, dc_buf_str(&cn));
  dc_buf_release(&cn);
  uint32_t comments = comments_above(f, line_start(f, s));
  c.del_start = cls ? c.value_start : comments;
  c.del_end = cls ? c.value_end : line_end(f, e);
  c.comments = comment_text(f, comments, line_start(f, s));
  c.rest = rest_text(f, ts_node_end_byte(left) + f->base, e);
  if (!starts_line(f, s) || !ends_line(f, e))
    c.why_not = dc_arena_printf(f->arena, "'%s' shares its line with other code", name);
  else if (class_problem)
    c.why_not = class_problem;
  else if (cls && c.annotated)
    c.why_not = dc_arena_printf(f->arena, "'%s.%s' is annotated: it may be a field, not a plain class attribute",
                                cls, name);
  else if (cls && name[0] == '_' && name[1] == '_')
    c.why_not = dc_arena_printf(f->arena, "'%s.%s' is a private (mangled) name", cls, name);
  dc_vec_push(&f->out, c);
}

/* Base class names that make class attributes something else than their
 * literal: enum members, tuple or dict fields, model fields. */
static bool transforming_base(const char *name) {
  static const char *const suffixes[] = {"Enum", "Flag", "NamedTuple", "TypedDict", "BaseModel",
                                         "Struct", "Schema", "Model"};
  size_t n = strlen(name);
  for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
    size_t k = strlen(suffixes[i]);
    /* `Model` alone is a user's class name as often as a library's base. */
    if (!strcmp(suffixes[i], "Model") ? !strcmp(name, "BaseModel") : (n >= k && !strcmp(name + n - k, suffixes[i])))
      return true;
  }
  return false;
}

/* Why the attributes of a module-level class may not move, or NULL. */
static const char *class_problem(finder *f, TSNode cls, const char *name) {
  TSNode bases = dc_py_child(cls, DC_PY_F_SUPERCLASSES);
  const char *src = f->src + f->base;
  for (uint32_t i = 0; !ts_node_is_null(bases) && i < ts_node_named_child_count(bases); i++) {
    TSNode b = ts_node_named_child(bases, i);
    enum dc_py_kind k = dc_py_kind_of(b);
    if (k == DC_PY_COMMENT) continue;
    if (k == DC_PY_KEYWORD_ARGUMENT)
      return dc_arena_printf(f->arena, "class %s has class keywords (a metaclass may change its attributes)", name);
    if (k != DC_PY_IDENTIFIER && k != DC_PY_ATTRIBUTE)
      return dc_arena_printf(f->arena, "class %s has a computed base", name);
    TSNode last = k == DC_PY_ATTRIBUTE ? dc_py_child(b, DC_PY_F_ATTRIBUTE) : b;
    const char *base = dc_py_text(src, last, f->arena);
    if (transforming_base(base))
      return dc_arena_printf(f->arena, "class %s derives from %s, whose attributes are not plain values", name, base);
  }
  return NULL;
}

/* named - a constant's name and index, to sort by name. */
typedef struct named {
  const char *name;
  uint32_t index;
} named;

static int cmp_named(const void *x, const void *y) {
  const named *a = x, *b = y;
  int k = strcmp(a->name, b->name);
  return k ? k : (a->index > b->index) - (a->index < b->index);
}

/* An attribute bound twice in the body of class `cls` (its constants are
 * f->out from `first` on) is not a constant: sorted by name, equal names
 * are neighbours. */
static void mark_bound_twice(finder *f, uint32_t first, const char *cls) {
  uint32_t n = f->out.size - first;
  if (n < 2) return;
  named *order = dc_xmalloc(n * sizeof *order);
  for (uint32_t i = 0; i < n; i++) order[i] = (named){f->out.items[first + i].name, first + i};
  qsort(order, n, sizeof *order, cmp_named);
  for (uint32_t i = 0; i < n; i++) {
    dc_constant *c = &f->out.items[order[i].index];
    bool twice = (i > 0 && !strcmp(order[i - 1].name, c->name)) || (i + 1 < n && !strcmp(order[i + 1].name, c->name));
    if (twice && !c->why_not) c->why_not = dc_arena_printf(f->arena, "'%s.%s' is bound more than once", cls, c->name);
  }
  free(order);
}

/* Fills the lookup tables of dc_constants (see constants.h). */
static void index_constants(dc_constants *self, dc_arena *arena) {
  dc_names_init(&self->names, arena);
  dc_names_init(&self->keys, arena);
  self->next = dc_arena_alloc(arena, (self->n ? self->n : 1) * sizeof *self->next);
  int32_t *last = dc_xmalloc((self->n ? self->n : 1) * sizeof *last);
  uint32_t *first_key = dc_xmalloc((self->n ? self->n : 1) * sizeof *first_key);
  self->first = dc_arena_alloc(arena, (self->n ? self->n : 1) * sizeof *self->first);
  for (uint32_t i = 0; i < self->n; i++) {
    const dc_constant *c = &self->items[i];
    uint32_t known = self->names.n, id = dc_names_add(&self->names, c->name);
    self->next[i] = -1;
    if (self->names.n > known) self->first[id] = (int32_t)i;
    else self->next[last[id]] = (int32_t)i;
    last[id] = (int32_t)i;
    known = self->keys.n;
    id = dc_names_add(&self->keys, c->cls ? dc_arena_printf(arena, "%s.%s", c->cls, c->name) : c->name);
    if (self->keys.n > known) first_key[id] = i;
  }
  self->first_key = dc_arena_memdup(arena, first_key, self->keys.n, sizeof *first_key);
  free(first_key);
  free(last);
}

dc_constants *dc_constants_find(const char *src, uint32_t len, uint32_t base, TSTree *tree, dc_arena *arena) {
  finder f = {src, len, base, arena, {0}};
  node_list stmts = {0}, body_stmts = {0};
  named_children(ts_tree_root_node(tree), &stmts);
  for (uint32_t i = 0; i < stmts.size; i++) {
    TSNode stmt = stmts.items[i];
    uint32_t anchor = line_start(&f, ts_node_start_byte(stmt) + base);
    enum dc_py_kind k = dc_py_kind_of(stmt);
    bool decorated = k == DC_PY_DECORATED_DEFINITION;
    TSNode cls = decorated ? dc_py_child(stmt, DC_PY_F_DEFINITION) : stmt;
    if (dc_py_kind_of(cls) != DC_PY_CLASS_DEFINITION) {
      statement(&f, stmt, NULL, NULL, anchor);
      continue;
    }
    const char *name = dc_py_text(src + base, dc_py_child(cls, DC_PY_F_NAME), arena);
    const char *problem = decorated ? dc_arena_printf(arena, "class %s is decorated", name) : class_problem(&f, cls, name);
    TSNode body = dc_py_child(cls, DC_PY_F_BODY);
    uint32_t first = f.out.size;
    body_stmts.size = 0;
    if (!ts_node_is_null(body)) named_children(body, &body_stmts);
    for (uint32_t j = 0; j < body_stmts.size; j++) statement(&f, body_stmts.items[j], name, problem, anchor);
    mark_bound_twice(&f, first, name);
  }
  dc_vec_free(&stmts);
  dc_vec_free(&body_stmts);
  dc_constants *out = dc_arena_alloc(arena, sizeof *out);
  out->items = dc_arena_memdup(arena, f.out.items, f.out.size, sizeof *f.out.items);
  out->n = f.out.size;
  dc_vec_free(&f.out);
  index_constants(out, arena);
  return out;
}

void dc_constants_check(dc_constants *self, const dc_file_facts *facts, const dc_file_uses *uses, const char *path,
                        dc_arena *arena) {
  const char *star = NULL;
  for (uint32_t i = 0; i < facts->n_imports && !star; i++)
    if (facts->imports[i].star && facts->imports[i].module_level) star = facts->imports[i].statement;
  for (uint32_t i = 0; i < self->n; i++) {
    dc_constant *c = &self->items[i];
    if (c->why_not) continue;
    if (uses->dynamic) {
      c->why_not = dc_arena_printf(arena, "%s calls %s(), which may change '%s'", path, uses->dynamic, c->name);
    } else if (star) {
      c->why_not = dc_arena_printf(arena, "%s has '%s', which may rebind '%s'", path, star, c->name);
    } else if (!c->cls) {
      const dc_name_uses *nu = dc_uses_find(uses, c->name);
      if (nu && nu->module_bindings > 1)
        c->why_not = dc_arena_printf(arena, "'%s' is bound more than once at module level in %s", c->name, path);
      else if (nu && nu->global_write)
        c->why_not = dc_arena_printf(arena, "'%s' is assigned through a global statement in %s", c->name, path);
    }
  }
}

dc_constant *dc_constants_get(const dc_constants *self, const char *cls, const char *name) {
  if (!self || !self->n) return NULL;
  char small[256];
  size_t need = (cls ? strlen(cls) + 1 : 0) + strlen(name) + 1;
  char *key = need <= sizeof small ? small : dc_xmalloc(need);
  if (cls) snprintf(key, need, "%s.%s", cls, name);
  else memcpy(key, name, need);
  int32_t id = dc_names_find(&self->keys, key, need - 1);
  if (key != small) free(key);
  return id >= 0 ? &self->items[self->first_key[id]] : NULL;
}

static bool ident_char(char c) { return isalnum((unsigned char)c) || c == '_' || (unsigned char)c >= 0x80; }

/* Whether an assignment operator (=, +=, //=, ... but not ==) starts at `at`. */
static bool assigns_at(const char *t, uint32_t len, uint32_t at) {
  static const char *const ops[] = {"=",   "+=",  "-=",  "*=", "/=", "//=", "%=", "@=",
                                    "&=",  "|=",  "^=",  "<<=", ">>=", "**="};
  for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
    size_t k = strlen(ops[i]);
    if (at + k <= len && !memcmp(t + at, ops[i], k) && (at + k == len || t[at + k] != '=')) return true;
  }
  return false;
}

/* Whether a method named t[m, m + k) mutates lists, sets or dicts. */
static bool mutating_method(const char *t, size_t k) {
  static const char *const methods[] = {"append", "extend",     "insert",  "remove",  "pop",         "clear",
                                        "update", "setdefault", "popitem", "add",     "discard",     "sort",
                                        "reverse", "__setitem__", "__delitem__", "__iadd__", "__ior__"};
  for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
    if (strlen(methods[i]) == k && !memcmp(t, methods[i], k)) return true;
  return false;
}

/* Whether the identifier starting at t[i] is changed in place (see
 * dc_text_change); fills *ch but its line. */
static bool change_at(const char *t, uint32_t len, uint32_t i, dc_text_change *ch) {
  uint32_t e = i;
  while (e < len && ident_char(t[e])) e++;
  uint32_t l = i;
  while (l > 0 && blank(t[l - 1])) l--;
  uint32_t r = e;
  while (r < len && blank(t[r])) r++;
  *ch = (dc_text_change){t + i, e - i, 0, false};
  bool found = false;
  /* x.name = ... (an attribute set on a module or class, not on self),
   * or del x.name */
  if (l > 0 && t[l - 1] == '.') {
    uint32_t o = l - 1;
    while (o > 0 && blank(t[o - 1])) o--;
    bool on_self = o >= 4 && !memcmp(t + o - 4, "self", 4) && (o == 4 || !ident_char(t[o - 5]));
    found = assigns_at(t, len, r) && !on_self;
    while (o > 0 && (ident_char(t[o - 1]) || t[o - 1] == '.' || blank(t[o - 1]))) o--;
    uint32_t d = o;
    while (d < l && blank(t[d])) d++;
    found |= d + 4 <= l && !memcmp(t + d, "del", 3) && blank(t[d + 3]);
  }
  /* name.append(...), name[k] = ..., del name[k]: mutations */
  if (!found && r < len && t[r] == '.') {
    uint32_t m = r + 1, k;
    while (m < len && blank(t[m])) m++;
    for (k = m; k < len && ident_char(t[k]); k++) {
    }
    uint32_t p = k;
    while (p < len && blank(t[p])) p++;
    ch->mutation = found = mutating_method(t + m, k - m) && p < len && t[p] == '(';
  }
  if (!found && r < len && t[r] == '[') {
    uint32_t depth = 0, k = r;
    for (; k < len; k++) {
      if (t[k] == '[') depth++;
      else if (t[k] == ']' && --depth == 0) break;
      else if (t[k] == '\n' && depth == 0) break;
    }
    uint32_t after = k + 1;
    while (after < len && blank(t[after])) after++;
    bool del = l >= 3 && l < i && !memcmp(t + l - 3, "del", 3) && (l == 3 || !ident_char(t[l - 4]));
    ch->mutation = found = (k < len && t[k] == ']' && assigns_at(t, len, after)) || del;
  }
  return found;
}

/* Every change has a '.' or a '[' next to its name (blanks aside): the scan
 * looks at the names around those only, in the order of the text. */
void dc_constants_scan_changes(const char *t, uint32_t len, dc_text_changes *out) {
  uint32_t line = 0, counted = 0;
  int64_t last = -1; /* the last name looked at */
  for (uint32_t p = 0; p < len; p++) {
    if (t[p] != '.' && t[p] != '[') continue;
    uint32_t names[2], n = 0;
    /* the name before (name.append, name[k]), then the one after (x.name) */
    uint32_t b = p;
    while (b > 0 && blank(t[b - 1])) b--;
    if (b > 0 && ident_char(t[b - 1])) {
      while (b > 0 && ident_char(t[b - 1])) b--;
      names[n++] = b;
    }
    if (t[p] == '.') {
      uint32_t a = p + 1;
      while (a < len && blank(t[a])) a++;
      if (a < len && ident_char(t[a])) names[n++] = a;
    }
    for (uint32_t k = 0; k < n; k++) {
      uint32_t i = names[k];
      if ((int64_t)i <= last) continue;
      last = i;
      if (t[i] >= '0' && t[i] <= '9') continue; /* a number, not a name */
      dc_text_change ch;
      if (!change_at(t, len, i, &ch)) continue;
      for (; counted < i; counted++) line += t[counted] == '\n';
      ch.line = line;
      dc_vec_push(out, ch);
    }
  }
}

size_t dc_line_defines(const char *t, size_t rest, const char **name, bool *as_class) {
  static const char class_kw[] = "class ";
  size_t k = 0, n;
  *as_class = rest > sizeof class_kw - 1 && !memcmp(t, class_kw, sizeof class_kw - 1);
  if (*as_class) k = sizeof class_kw - 1;
  for (n = 0; k + n < rest && ident_char(t[k + n]); n++) {}
  if (!n) return 0;
  *name = t + k;
  size_t at = k + n;
  if (*as_class) return at < rest && (t[at] == '(' || t[at] == ':' || t[at] == ' ' || t[at] == '\t') ? n : 0;
  while (at < rest && (t[at] == ' ' || t[at] == '\t')) at++;
  return at < rest && (t[at] == ':' || (t[at] == '=' && (at + 1 >= rest || t[at + 1] != '='))) ? n : 0;
}
