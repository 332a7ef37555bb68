/*
 * pyproject.c - read decycle's settings from PATH/pyproject.toml.
 *
 * The file is parsed with tree-sitter and the TOML grammar
 * (@tree-sitter-grammars/tree-sitter-toml 0.7.0). Every key/value pair is
 * given its full dotted key: the key of the table header it follows, then
 * its own (possibly dotted) key, then, for a value that is an inline table,
 * the keys inside it. So `[tool.decycle]` + `roots = [...]`,
 * `tool.decycle.roots = [...]` at the top level, `[tool]` +
 * `decycle = {roots = [...]}` and `tool = {decycle = {roots = [...]}}` all
 * set the same key `tool.decycle.roots`. Inline tables are expanded with an
 * explicit stack, so nesting never deepens the C stack. Only keys under
 * `tool.decycle` (checked: unknown keys, wrong types and keys set twice are
 * errors) and `project.requires-python` are read; the rest of the file is
 * the business of other tools.
 */
#include "pyproject.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tree_sitter/api.h>

#include "buf.h"
#include "parse.h"
#include "regex.h"
#include "rewrite.h"
#include "scan.h"
#include "vec.h"

const TSLanguage *tree_sitter_toml(void);

/* The keys of [tool.decycle], in the order the error message lists them. */
enum key { KEY_ROOTS, KEY_EXCLUDE, KEY_STRATEGIES, KEY_CONFIG_MODULE, KEY_TARGET_VERSION, KEY_BASELINE, KEY_COUNT };
static const char *const key_names[KEY_COUNT] = {"roots",          "exclude",        "strategies",
                                                 "config-module",  "target-version", "baseline"};
static const char *const key_types[KEY_COUNT] = {"a list of strings", "a list of strings", "a list of strings",
                                                 "a string",          "a string",          "a string"};

/* reader - the state of one dc_pyproject_read call. `path` is the file as
 * printed (relative to PATH). `set` records the keys seen, for duplicates. */
typedef struct reader {
  const char *src;
  uint32_t len;
  const char *path;
  dc_arena *arena;
  dc_diags *diags;
  dc_pyproject *out;
  bool set[KEY_COUNT];
  bool table_seen; /* the header [tool.decycle] */
  const char *requires_python;
  int errors;
} reader;

typedef dc_vec(const char *) strings;

/* keypath - a full dotted key, its parts borrowed from the arena. */
typedef struct keypath {
  const char **parts;
  uint32_t n;
} keypath;

/* Appends an error located at `n`, with the source line for the caret. */
__attribute__((format(printf, 3, 4))) static void error_at(reader *r, TSNode n, const char *fmt, ...) {
  TSPoint at = ts_node_start_point(n);
  uint32_t start = ts_node_start_byte(n);
  uint32_t line_start = start, line_end = start;
  while (line_start > 0 && r->src[line_start - 1] != '\n') line_start--;
  while (line_end < r->len && r->src[line_end] != '\n' && r->src[line_end] != '\r') line_end++;
  dc_buf msg = DC_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  dc_buf_vaddf(&msg, fmt, ap);
  va_end(ap);
  dc_diag d = {DC_SEVERITY_ERROR, r->path, at.row, at.column, dc_arena_strdup(r->arena, dc_buf_str(&msg)),
               dc_arena_strndup(r->arena, r->src + line_start, line_end - line_start)};
  dc_buf_release(&msg);
  dc_diags_push(r->diags, d);
  r->errors++;
}

static bool is(TSNode n, const char *type) { return !strcmp(ts_node_type(n), type); }

/* Appends the UTF-8 encoding of code point `c`; returns -1 when it is not a
 * Unicode scalar value. */
static int add_utf8(dc_buf *b, uint32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0) return -1;
  if (c < 0x80) {
    dc_buf_addch(b, (char)c);
  } else if (c < 0x800) {
    dc_buf_addch(b, (char)(0xC0 | c >> 6));
    dc_buf_addch(b, (char)(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    dc_buf_addch(b, (char)(0xE0 | c >> 12));
    dc_buf_addch(b, (char)(0x80 | ((c >> 6) & 0x3F)));
    dc_buf_addch(b, (char)(0x80 | (c & 0x3F)));
  } else {
    dc_buf_addch(b, (char)(0xF0 | c >> 18));
    dc_buf_addch(b, (char)(0x80 | ((c >> 12) & 0x3F)));
    dc_buf_addch(b, (char)(0x80 | ((c >> 6) & 0x3F)));
    dc_buf_addch(b, (char)(0x80 | (c & 0x3F)));
  }
  return 0;
}

/* The value of a TOML string or quoted key (basic "...", literal '...',
 * and their multi-line forms), in the arena; NULL after reporting an
 * escape that is not a character (\u0000 or a surrogate). */
static const char *string_value(reader *r, TSNode n) {
  const char *s = r->src + ts_node_start_byte(n);
  uint32_t len = ts_node_end_byte(n) - ts_node_start_byte(n);
  char q = len ? s[0] : '"';
  uint32_t delim = len >= 6 && s[1] == q && s[2] == q ? 3 : 1;
  if (len < 2 * delim) return "";
  const char *p = s + delim, *end = s + len - delim;
  if (delim == 3 && p < end && *p == '\n') p++;
  else if (delim == 3 && end - p >= 2 && p[0] == '\r' && p[1] == '\n') p += 2;
  dc_buf b = DC_BUF_INIT;
  while (p < end) {
    if (q == '\'' || *p != '\\') {
      dc_buf_addch(&b, *p++);
      continue;
    }
    const char *esc = p++;
    char c = p < end ? *p++ : 0;
    switch (c) {
    case 'b': dc_buf_addch(&b, '\b'); break;
    case 't': dc_buf_addch(&b, '\t'); break;
    case 'n': dc_buf_addch(&b, '\n'); break;
    case 'f': dc_buf_addch(&b, '\f'); break;
    case 'r': dc_buf_addch(&b, '\r'); break;
    case 'e': dc_buf_addch(&b, '\x1b'); break;
    case '"': dc_buf_addch(&b, '"'); break;
    case '\\': dc_buf_addch(&b, '\\'); break;
    case 'u':
    case 'U': {
      uint32_t digits = c == 'u' ? 4 : 8, v = 0;
      bool ok = (uint32_t)(end - p) >= digits;
      for (uint32_t i = 0; ok && i < digits; i++) {
        char h = p[i];
        uint32_t d = h >= '0' && h <= '9' ? (uint32_t)(h - '0')
                     : h >= 'a' && h <= 'f' ? (uint32_t)(h - 'a' + 10)
                     : h >= 'A' && h <= 'F' ? (uint32_t)(h - 'A' + 10)
                                            : 16;
        ok = d < 16;
        v = v * 16 + d;
      }
      if (!ok || add_utf8(&b, v) != 0) {
        dc_buf_release(&b);
        error_at(r, n, "invalid escape '%.*s' in a string", (int)(p + (ok ? digits : 0) - esc), esc);
        return NULL;
      }
      p += digits;
      break;
    }
    default:
      /* A backslash ending a line of a multi-line string trims the line
       * end and the whitespace after it. */
      p--;
      while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
      break;
    }
  }
  const char *out = dc_arena_strndup(r->arena, b.data ? b.data : "", b.len);
  dc_buf_release(&b);
  return out;
}

/* Appends the parts of key node `k` (bare_key, quoted_key or dotted_key)
 * to `parts`, in order, walking the dotted key with a cursor. Returns -1
 * after reporting a bad quoted key. */
static int key_parts(reader *r, TSNode k, strings *parts) {
  TSTreeCursor c = ts_tree_cursor_new(k);
  int rc = 0;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    if (is(n, "bare_key")) {
      dc_vec_push(parts, dc_arena_strndup(r->arena, r->src + ts_node_start_byte(n),
                                          ts_node_end_byte(n) - ts_node_start_byte(n)));
    } else if (is(n, "quoted_key")) {
      const char *v = string_value(r, n);
      if (!v) rc = -1;
      else dc_vec_push(parts, v);
    } else if (ts_tree_cursor_goto_first_child(&c)) {
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
    }
  }
done:
  ts_tree_cursor_delete(&c);
  return rc;
}

/* Whether `k` starts with `a`.`b`. */
static bool under(const keypath *k, const char *a, const char *b) {
  return k->n >= 2 && !strcmp(k->parts[0], a) && !strcmp(k->parts[1], b);
}

static int find_key(const char *name) {
  for (int i = 0; i < KEY_COUNT; i++)
    if (!strcmp(key_names[i], name)) return i;
  return -1;
}

static void unknown_key(reader *r, TSNode at, const char *name) {
  error_at(r, at,
           "unknown key '%s' in [tool.decycle] (expected roots, exclude, strategies, config-module, "
           "target-version or baseline)",
           name);
}

/* The strings of an array value, or NULL after reporting a value that is
 * not an array of strings. */
static const char **string_list(reader *r, enum key key, TSNode value, uint32_t *n) {
  if (!is(value, "array")) {
    error_at(r, value, "'%s' must be %s", key_names[key], key_types[key]);
    return NULL;
  }
  dc_vec(const char *) items = {0};
  uint32_t count = ts_node_named_child_count(value);
  for (uint32_t i = 0; i < count; i++) {
    TSNode item = ts_node_named_child(value, i);
    if (is(item, "comment")) continue;
    const char *s = is(item, "string") ? string_value(r, item) : NULL;
    if (!s) {
      if (!is(item, "string")) error_at(r, item, "'%s' must be %s", key_names[key], key_types[key]);
      dc_vec_free(&items);
      return NULL;
    }
    dc_vec_push(&items, s);
  }
  /* Never NULL, also for an empty list. */
  const char **out = dc_arena_alloc(r->arena, (items.size ? items.size : 1) * sizeof(char *));
  if (items.size) memcpy(out, items.items, items.size * sizeof(char *));
  *n = items.size;
  dc_vec_free(&items);
  return out;
}

/* The i-th element of an array node, comments not counted. */
static TSNode list_item(TSNode array, uint32_t i) {
  uint32_t count = ts_node_named_child_count(array);
  for (uint32_t k = 0; k < count; k++) {
    TSNode n = ts_node_named_child(array, k);
    if (!is(n, "comment") && i-- == 0) return n;
  }
  return array;
}

/* Sets one key of [tool.decycle] from its value node. */
static void set_key(reader *r, enum key key, TSNode at, TSNode value) {
  dc_pyproject *o = r->out;
  if (r->set[key]) {
    error_at(r, at, "'%s' is set twice in [tool.decycle]", key_names[key]);
    return;
  }
  r->set[key] = true;
  if (key == KEY_ROOTS || key == KEY_EXCLUDE || key == KEY_STRATEGIES) {
    uint32_t n = 0;
    const char **items = string_list(r, key, value, &n);
    if (!items) return;
    if (key == KEY_ROOTS) {
      o->roots = items, o->n_roots = n, o->has_roots = true;
    } else if (key == KEY_EXCLUDE) {
      for (uint32_t i = 0; i < n; i++) {
        dc_regex *re = dc_regex_new(items[i]);
        if (!re) {
          error_at(r, list_item(value, i), "%s", dc_error_message());
          return;
        }
        dc_regex_free(re);
      }
      o->excludes = items, o->n_excludes = n, o->has_excludes = true;
    } else {
      uint32_t disabled = (1u << dc_n_rewrites) - 1;
      for (uint32_t i = 0; i < n; i++) {
        const char *bad = NULL;
        uint32_t one;
        if (dc_strategies_parse(items[i], &one, &bad, r->arena) != 0 || strchr(items[i], ',')) {
          error_at(r, list_item(value, i),
                   "unknown strategy '%s' (expected local-import, type-checking or config-module)", items[i]);
          return;
        }
        disabled &= one;
      }
      o->disabled_strategies = disabled, o->has_strategies = true;
    }
    return;
  }
  const char *s = is(value, "string") ? string_value(r, value) : NULL;
  if (!s) {
    if (!is(value, "string")) error_at(r, value, "'%s' must be %s", key_names[key], key_types[key]);
    return;
  }
  if (key == KEY_CONFIG_MODULE) {
    if (!dc_is_dotted_name(s)) error_at(r, value, "'config-module' must be a dotted module name, not '%s'", s);
    else o->config_module = s;
  } else if (key == KEY_TARGET_VERSION) {
    if (dc_target_version_parse(s, &o->target_minor) != 0)
      error_at(r, value, "'target-version' must be a Python version '3.X', not '%s'", s);
    else o->has_target = true;
  } else {
    if (!*s) error_at(r, value, "'baseline' must name a file");
    else o->baseline = s;
  }
}

/* Handles one value whose full key is `k` (`at` is its key, for errors). */
static void leaf(reader *r, const keypath *k, TSNode at, TSNode value) {
  if (k->n == 2 && !strcmp(k->parts[0], "project") && !strcmp(k->parts[1], "requires-python")) {
    if (is(value, "string")) r->requires_python = string_value(r, value);
    return;
  }
  if (!under(k, "tool", "decycle")) return;
  if (k->n == 2) {
    error_at(r, value, "'tool.decycle' must be a table");
    return;
  }
  int key = find_key(k->parts[2]);
  if (key < 0) unknown_key(r, at, k->parts[2]);
  else if (k->n > 3) error_at(r, at, "'%s' must be %s, not a table", key_names[key], key_types[key]);
  else set_key(r, (enum key)key, at, value);
}

/* Whether a table with the full key `k` may hold what decycle reads
 * (`tool`, `project`, `tool.decycle`): only those inline tables are
 * expanded, so that other tools' nested tables cost nothing. */
static bool may_hold_settings(const keypath *k) {
  if (k->n == 1) return !strcmp(k->parts[0], "tool") || !strcmp(k->parts[0], "project");
  return k->n == 2 && under(k, "tool", "decycle");
}

/* pending - a pair still to handle, with the full key of its table. */
typedef struct pending {
  keypath prefix;
  TSNode pair;
} pending;

/* Handles the pairs of a table (or the top level), expanding inline
 * tables with an explicit stack. */
static void pairs(reader *r, const keypath *prefix, TSNode table) {
  dc_vec(pending) stack = {0};
  uint32_t count = ts_node_named_child_count(table);
  for (uint32_t i = count; i-- > 0;) {
    TSNode n = ts_node_named_child(table, i);
    if (is(n, "pair")) dc_vec_push(&stack, ((pending){*prefix, n}));
  }
  while (stack.size) {
    pending p = dc_vec_pop(&stack);
    TSNode key = ts_node_named_child(p.pair, 0), value = ts_node_named_child(p.pair, 1);
    strings parts = {0};
    for (uint32_t i = 0; i < p.prefix.n; i++) dc_vec_push(&parts, p.prefix.parts[i]);
    if (key_parts(r, key, &parts) != 0 || ts_node_is_null(value)) {
      dc_vec_free(&parts);
      continue;
    }
    keypath k = {dc_arena_memdup(r->arena, parts.items, parts.size, sizeof(char *)), parts.size};
    dc_vec_free(&parts);
    if (!is(value, "inline_table") || !may_hold_settings(&k)) {
      leaf(r, &k, key, value);
      continue;
    }
    uint32_t inner = ts_node_named_child_count(value);
    for (uint32_t i = inner; i-- > 0;) {
      TSNode n = ts_node_named_child(value, i);
      if (is(n, "pair")) dc_vec_push(&stack, ((pending){k, n}));
    }
  }
  dc_vec_free(&stack);
}

/* The first syntax error of the tree: the first unexpected character or
 * missing token when there is one, else the first ERROR node (which starts
 * where the construct the parser could not finish starts), found with a
 * cursor (no recursion). */
static TSNode first_error(TSNode root) {
  TSTreeCursor c = ts_tree_cursor_new(root);
  TSNode found = root;
  bool in_error = false;
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&c);
    bool error = !strcmp(ts_node_type(n), "ERROR");
    if (ts_node_is_missing(n) || (error && ts_node_child_count(n) == 0)) {
      found = n;
      break;
    }
    if (error && !in_error) found = n, in_error = true;
    if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(&c)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
    }
  }
done:
  ts_tree_cursor_delete(&c);
  return found;
}

/* Handles every table and top-level pair of the document. */
static void document(reader *r, TSNode root) {
  keypath top = {NULL, 0};
  pairs(r, &top, root);
  uint32_t count = ts_node_named_child_count(root);
  for (uint32_t i = 0; i < count; i++) {
    TSNode n = ts_node_named_child(root, i);
    bool array = is(n, "table_array_element");
    if (!array && !is(n, "table")) continue;
    TSNode key = ts_node_named_child(n, 0);
    strings parts = {0};
    if (key_parts(r, key, &parts) != 0) {
      dc_vec_free(&parts);
      continue;
    }
    keypath k = {dc_arena_memdup(r->arena, parts.items, parts.size, sizeof(char *)), parts.size};
    dc_vec_free(&parts);
    if (under(&k, "tool", "decycle")) {
      if (k.n == 2 && array) {
        error_at(r, n, "'tool.decycle' must be a table: write [tool.decycle], not [[tool.decycle]]");
        continue;
      }
      if (k.n > 2) {
        int key_index = find_key(k.parts[2]);
        if (key_index < 0) unknown_key(r, key, k.parts[2]);
        else error_at(r, key, "'%s' must be %s, not a table", key_names[key_index], key_types[key_index]);
        continue;
      }
      if (r->table_seen) {
        error_at(r, n, "[tool.decycle] is defined twice");
        continue;
      }
      r->table_seen = true;
    }
    if (array) continue; /* nobody else's array of tables matters here */
    pairs(r, &k, n);
  }
}

int dc_pyproject_read(const char *path, dc_pyproject *out, dc_arena *arena, dc_diags *diags) {
  *out = (dc_pyproject){.target_minor = DC_DEFAULT_TARGET_MINOR};
  const char *open_path = dc_arena_printf(arena, "%s/pyproject.toml", path);
  struct stat st;
  if (stat(open_path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) return 0;
  dc_source src;
  if (dc_source_read(open_path, &src) != 0) {
    dc_diags_push(diags, (dc_diag){DC_SEVERITY_ERROR, "pyproject.toml", DC_NO_LINE, 0,
                                   dc_arena_printf(arena, "%s", dc_error_message()), NULL});
    return -1;
  }
  out->found = true;
  reader r = {.src = src.data + src.bom, .len = src.len - src.bom, .path = "pyproject.toml", .arena = arena,
              .diags = diags, .out = out};
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_toml())) {
    ts_parser_delete(parser);
    free(src.data);
    dc_diags_push(diags, (dc_diag){DC_SEVERITY_ERROR, "pyproject.toml", DC_NO_LINE, 0,
                                   "this tree-sitter cannot load the TOML grammar (grammar ABI mismatch)", NULL});
    return -1;
  }
  TSTree *tree = dc_ts_parse(parser, r.src, r.len);
  TSNode root = tree ? ts_tree_root_node(tree) : (TSNode){0};
  if (!tree) {
    dc_diags_push(diags, (dc_diag){DC_SEVERITY_ERROR, "pyproject.toml", dc_extras_run(r.src, r.len), 0,
                                   DC_EXTRAS_PROBLEM, NULL});
    r.errors++;
  } else if (ts_node_has_error(root)) {
    TSNode bad = first_error(root);
    error_at(&r, bad, "invalid TOML: %s%s", ts_node_is_missing(bad) ? "missing " : "syntax error",
             ts_node_is_missing(bad) ? dc_arena_printf(arena, "'%s'", ts_node_type(bad)) : "");
  } else {
    document(&r, root);
  }
  if (!r.errors && !out->has_target && r.requires_python &&
      dc_requires_python_minor(r.requires_python, &out->target_minor) != 0)
    out->target_minor = DC_DEFAULT_TARGET_MINOR;
  if (tree) ts_tree_delete(tree);
  ts_parser_delete(parser);
  free(src.data);
  return r.errors ? -1 : 0;
}

int dc_strategies_parse(const char *list, uint32_t *disabled, const char **bad, dc_arena *arena) {
  uint32_t allowed = 0;
  for (const char *p = list;;) {
    size_t n = strcspn(p, ",");
    uint32_t k = 0;
    while (k < dc_n_rewrites && (strlen(dc_rewrites[k]->name) != n || strncmp(dc_rewrites[k]->name, p, n))) k++;
    if (k == dc_n_rewrites) {
      *bad = dc_arena_strndup(arena, p, n);
      return -1;
    }
    allowed |= 1u << k;
    if (!p[n]) break;
    p += n + 1;
  }
  *disabled = ((1u << dc_n_rewrites) - 1) & ~allowed;
  return 0;
}

/* Parses "3.X" at `s` (digits only, X < 100), setting *minor and *end. */
static int version_at(const char *s, uint32_t *major, uint32_t *minor, const char **end) {
  uint32_t v[2] = {0, 0};
  for (int part = 0; part < 2; part++) {
    if (*s < '0' || *s > '9') return -1;
    uint32_t digits = 0;
    while (*s >= '0' && *s <= '9') {
      if (++digits > 2) return -1;
      v[part] = v[part] * 10 + (uint32_t)(*s++ - '0');
    }
    if (part == 0 && *s++ != '.') return -1;
  }
  *major = v[0], *minor = v[1], *end = s;
  return 0;
}

int dc_target_version_parse(const char *s, uint32_t *minor) {
  uint32_t major, m;
  const char *end;
  if (version_at(s, &major, &m, &end) != 0 || *end || major != 3) return -1;
  *minor = m;
  return 0;
}

int dc_requires_python_minor(const char *spec, uint32_t *minor) {
  bool found = false;
  uint32_t best = 0;
  for (const char *p = spec;;) {
    size_t n = strcspn(p, ",");
    const char *q = p;
    while (*q == ' ' || *q == '\t') q++;
    bool lower = false;
    if (!strncmp(q, ">=", 2) || !strncmp(q, "~=", 2)) lower = true, q += 2;
    else if (!strncmp(q, "===", 3)) lower = true, q += 3;
    else if (!strncmp(q, "==", 2)) lower = true, q += 2;
    else if (*q == '>') lower = true, q += 1;
    while (*q == ' ' || *q == '\t') q++;
    uint32_t major, m;
    const char *end;
    if (lower && q < p + n && version_at(q, &major, &m, &end) == 0 && end <= p + n && major == 3) {
      if (!found || m > best) best = m;
      found = true;
    }
    if (!p[n]) break;
    p += n + 1;
  }
  if (!found) return -1;
  *minor = best;
  return 0;
}

bool dc_is_dotted_name(const char *s) {
  for (;;) {
    size_t n = strcspn(s, ".");
    if (!n || !dc_is_identifier(s, (uint32_t)n)) return false;
    if (!s[n]) return true;
    s += n + 1;
  }
}
