/*
 * rewrite.c - the strategy registry and what every strategy shares.
 *
 * Removing names from an import keeps the statement's style:
 *   - every name moves: the statement's lines go, with a trailing comment
 *     (and, at the very top of the file, the blank lines after it);
 *   - a parenthesized statement with one name per line and the ')' on its
 *     own line ("line mode"): each moved name's lines go, comments included;
 *   - otherwise ("run mode"), a run of moved names goes with the separator
 *     after it (`A, ` of `A, B`), or, at the end, the one before it (`, B`).
 * A strategy then adds the moved imports where they are needed. Edits at
 * the same offset are merged in the order they were made, so the result is
 * the same on every run.
 */
#include "rewrite.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pywalk.h"

const dc_rewrite *const dc_rewrites[] = {&dc_rewrite_local_import, &dc_rewrite_type_checking,
                                         &dc_rewrite_config_module};
const char dc_rewrite_not_applicable[] = "the strategy does not apply";
const uint32_t dc_n_rewrites = sizeof dc_rewrites / sizeof *dc_rewrites;

static const dc_import *import_of(const dc_source_file *f, const dc_unit *u) {
  return &f->facts->imports[u->import_index];
}

const char *dc_unit_bound_name(const dc_source_file *f, const dc_unit *u, dc_arena *arena) {
  const dc_import *imp = import_of(f, u);
  const dc_import_name *nm = &imp->names[u->name_index];
  if (nm->alias) return nm->alias;
  if (imp->form == DC_IMPORT_FROM) return nm->name;
  return dc_arena_strndup(arena, nm->name, strcspn(nm->name, "."));
}

/* The module-level statement node starting at the import's offset, or a
 * null node when the import is nested in a block or is not a statement. */
static TSNode statement_node(const dc_source_file *f, const dc_import *imp) {
  TSNode root = ts_tree_root_node(f->tree);
  uint32_t start = imp->start_byte - f->bom;
  TSTreeCursor c = ts_tree_cursor_new(root);
  TSNode found = {0};
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      TSNode n = ts_tree_cursor_current_node(&c);
      if (ts_node_start_byte(n) > start) break;
      enum dc_py_kind k = dc_py_kind_of(n);
      if (ts_node_start_byte(n) == start && (k == DC_PY_IMPORT_STATEMENT || k == DC_PY_IMPORT_FROM_STATEMENT)) {
        found = n;
        break;
      }
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
  return found;
}

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

/* Offsets below are in the tree's text (after the BOM). */
static uint32_t line_start(const dc_source_file *f, uint32_t at) {
  const char *s = f->src + f->bom;
  while (at > 0 && s[at - 1] != '\n') at--;
  return at;
}

/* The end of the line holding `at`, past its '\n'. */
static uint32_t line_end(const dc_source_file *f, uint32_t at) {
  const char *s = f->src + f->bom;
  uint32_t n = f->len - f->bom;
  while (at < n && s[at] != '\n') at++;
  return at < n ? at + 1 : at;
}

/* Whether only blanks stand between the line start and `at`. */
static bool starts_line(const dc_source_file *f, uint32_t at) {
  const char *s = f->src + f->bom;
  for (uint32_t i = line_start(f, at); i < at; i++)
    if (!blank(s[i])) return false;
  return true;
}

/* Whether only blanks, then possibly a comment, follow `at` on its line. */
static bool ends_line(const dc_source_file *f, uint32_t at) {
  const char *s = f->src + f->bom;
  uint32_t n = f->len - f->bom;
  while (at < n && blank(s[at])) at++;
  return at >= n || s[at] == '\n' || s[at] == '\r' || s[at] == '#';
}

const char *dc_rewrite_check_statement(const dc_source_file *f, const dc_unit *u, dc_arena *arena) {
  (void)arena;
  const dc_import *imp = import_of(f, u);
  if (imp->form == DC_IMPORT_CALL) return "an import_module() or __import__() call is not rewritten";
  if (imp->star) return "a star import cannot be moved";
  TSNode stmt = statement_node(f, imp);
  if (ts_node_is_null(stmt)) return "the import is inside a block, not at the top of the module";
  if (!starts_line(f, ts_node_start_byte(stmt)) || !ends_line(f, ts_node_end_byte(stmt)))
    return "the import shares its line with other code";
  return NULL;
}

const char *dc_rewrite_check_binding(const dc_source_file *f, const dc_unit *u, dc_arena *arena) {
  const dc_import *imp = import_of(f, u);
  const char *name = dc_unit_bound_name(f, u, arena);
  if (f->file->is_package && imp->form == DC_IMPORT_FROM && name[0] != '_')
    return dc_arena_printf(arena, "'%s' is a public name of package %s (%s), which users may import from it", name,
                           f->module, f->file->path);
  if (f->uses->dynamic)
    return dc_arena_printf(arena, "%s calls %s(), which may read '%s' from the module namespace", f->file->path,
                           f->uses->dynamic, name);
  const dc_name_uses *nu = dc_uses_find(f->uses, name);
  if (nu && nu->module_bindings > 1)
    return dc_arena_printf(arena, "'%s' is bound more than once at module level in %s", name, f->file->path);
  if (nu && nu->global_write)
    return dc_arena_printf(arena, "'%s' is assigned through a global statement in %s", name, f->file->path);
  for (uint32_t i = 0; f->facts->has_all && i < f->facts->n_all; i++)
    if (!strcmp(f->facts->all[i], name))
      return dc_arena_printf(arena, "'%s' is exported through __all__ of %s", name, f->module);
  return NULL;
}

/* The text of a dotted_name or relative module with all blanks dropped. */
static const char *compact(const char *s, uint32_t n, dc_arena *arena) {
  char *out = dc_arena_alloc(arena, n + 1);
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; i++)
    if (!blank(s[i]) && s[i] != '\\' && s[i] != '\n' && s[i] != '\r') out[k++] = s[i];
  out[k] = '\0';
  return out;
}

const char *dc_rewrite_statement(const dc_source_file *f, const dc_unit *units, uint32_t n, dc_arena *arena) {
  const dc_import *imp = import_of(f, &units[0]);
  dc_buf b = DC_BUF_INIT;
  if (imp->form == DC_IMPORT_FROM) {
    TSNode stmt = statement_node(f, imp);
    TSNode mod = dc_py_child(stmt, DC_PY_F_MODULE_NAME);
    uint32_t s = ts_node_start_byte(mod), e = ts_node_end_byte(mod);
    dc_buf_addf(&b, "from %s import ", compact(f->src + f->bom + s, e - s, arena));
  } else {
    dc_buf_adds(&b, "import ");
  }
  for (uint32_t i = 0; i < n; i++) {
    const dc_import_name *nm = &imp->names[units[i].name_index];
    dc_buf_addf(&b, "%s%s", i ? ", " : "", nm->name);
    if (nm->alias) dc_buf_addf(&b, " as %s", nm->alias);
  }
  const char *out = dc_arena_strdup(arena, dc_buf_str(&b));
  dc_buf_release(&b);
  return out;
}

const char *dc_rewrite_comment(const char *cycle, dc_arena *arena) {
  return dc_arena_printf(arena, "  # decycle: breaks the import cycle %s", cycle);
}

void dc_rewrite_each_statement(const dc_source_file *f, const dc_unit *units, uint32_t n,
                               void (*emit)(const dc_source_file *f, const dc_unit *group, uint32_t n, void *ctx),
                               void *ctx) {
  for (uint32_t i = 0; i < n;) {
    uint32_t j = i;
    while (j < n && units[j].import_index == units[i].import_index) j++;
    emit(f, &units[i], j - i, ctx);
    i = j;
  }
}

/* tc_lines - the import lines of a TYPE_CHECKING block being built. */
typedef struct tc_lines {
  dc_buf text;
  const char *indent;
  dc_arena *arena;
} tc_lines;

static void tc_line(const dc_source_file *f, const dc_unit *group, uint32_t n, void *ctx) {
  tc_lines *t = ctx;
  dc_buf_addf(&t->text, "%s%s%s%s", t->indent, dc_rewrite_statement(f, group, n, t->arena),
              dc_rewrite_comment(group[0].cycle, t->arena), f->uses->eol);
}

void dc_rewrite_type_checking_block(const dc_source_file *f, const dc_unit *units, uint32_t n, dc_edits *out,
                                    dc_arena *arena) {
  const dc_file_uses *u = f->uses;
  tc_lines t = {DC_BUF_INIT, u->tc_block_end >= 0 ? u->tc_indent : u->indent_unit, arena};
  if (u->tc_block_end < 0) {
    if (!u->tc_bound) dc_buf_addf(&t.text, "from typing import TYPE_CHECKING%s", u->eol);
    dc_buf_addf(&t.text, "if TYPE_CHECKING:%s", u->eol);
  }
  dc_rewrite_each_statement(f, units, n, tc_line, &t);
  uint32_t at = u->tc_block_end >= 0 ? (uint32_t)u->tc_block_end : u->after_imports;
  /* A file whose last line has no end of line: start a line first. */
  if (at == f->len && at > 0 && f->src[at - 1] != '\n') {
    char *text = dc_arena_printf(arena, "%s%s", u->eol, dc_buf_str(&t.text));
    size_t k = strlen(text) - strlen(u->eol);
    text[k] = '\0'; /* and end without one, as the file did */
    dc_vec_push(out, ((dc_edit){at, at, text}));
  } else {
    dc_vec_push(out, ((dc_edit){at, at, dc_arena_strdup(arena, dc_buf_str(&t.text))}));
  }
  dc_buf_release(&t.text);
}

static void add_edit(dc_edits *out, const dc_source_file *f, uint32_t start, uint32_t end, const char *text) {
  dc_vec_push(out, ((dc_edit){start + f->bom, end + f->bom, text}));
}

/* The name items of an import statement, in order. */
static uint32_t name_items(TSNode stmt, TSNode *items, uint32_t cap) {
  uint32_t n = 0;
  TSTreeCursor c = ts_tree_cursor_new(stmt);
  if (ts_tree_cursor_goto_first_child(&c)) {
    do {
      if (ts_tree_cursor_current_field_id(&c) == dc_py_field_id(DC_PY_F_NAME) && n < cap)
        items[n++] = ts_tree_cursor_current_node(&c);
    } while (ts_tree_cursor_goto_next_sibling(&c));
  }
  ts_tree_cursor_delete(&c);
  return n;
}

/* Removes the names flagged in `moved` from one statement; `tidy_top`
 * allows taking the blank lines after a statement at the top of the file. */
static void remove_names(const dc_source_file *f, const dc_import *imp, const bool *moved, bool tidy_top,
                         dc_edits *out) {
  TSNode stmt = statement_node(f, imp);
  uint32_t n = imp->n_names, n_moved = 0;
  for (uint32_t i = 0; i < n; i++) n_moved += moved[i];
  if (n_moved == n) {
    uint32_t start = line_start(f, ts_node_start_byte(stmt)), end = line_end(f, ts_node_end_byte(stmt));
    /* At the top of the file, the blank lines that separated the import
     * from the code go with it. */
    if (start == 0 && tidy_top) {
      const char *s = f->src + f->bom;
      uint32_t n_text = f->len - f->bom;
      for (uint32_t next = end; next < n_text;) {
        uint32_t k = next;
        while (k < n_text && (blank(s[k]) || s[k] == '\r')) k++;
        if (k >= n_text || s[k] != '\n') break;
        next = end = k + 1;
      }
    }
    add_edit(out, f, start, end, "");
    return;
  }
  TSNode *items = dc_xmalloc(n * sizeof *items);
  uint32_t found = name_items(stmt, items, n);
  DC_ASSERT(found == n);
  /* Line mode: parenthesized, one name per line, ')' alone on its line. */
  uint32_t close = 0;
  bool line_mode = false;
  for (uint32_t i = ts_node_child_count(stmt); i-- > 0;) {
    TSNode t = ts_node_child(stmt, i);
    if (!ts_node_is_named(t) && dc_py_text_is(f->src + f->bom, t, ")")) {
      close = ts_node_start_byte(t);
      line_mode = starts_line(f, close);
      break;
    }
  }
  for (uint32_t i = 0; line_mode && i < n; i++) line_mode = starts_line(f, ts_node_start_byte(items[i]));
  for (uint32_t i = 0; i < n;) {
    if (!moved[i]) {
      i++;
      continue;
    }
    uint32_t j = i;
    while (j + 1 < n && moved[j + 1]) j++;
    if (line_mode) {
      uint32_t end = j + 1 < n ? line_start(f, ts_node_start_byte(items[j + 1])) : line_start(f, close);
      add_edit(out, f, line_start(f, ts_node_start_byte(items[i])), end, "");
    } else if (j + 1 < n) {
      add_edit(out, f, ts_node_start_byte(items[i]), ts_node_start_byte(items[j + 1]), "");
    } else {
      add_edit(out, f, ts_node_end_byte(items[i - 1]), ts_node_end_byte(items[j]), "");
    }
    i = j + 1;
  }
  free(items);
}

static int cmp_choice(const void *a, const void *b) {
  const dc_unit *x = &((const dc_rewrite_choice *)a)->unit, *y = &((const dc_rewrite_choice *)b)->unit;
  if (x->import_index != y->import_index) return x->import_index < y->import_index ? -1 : 1;
  return x->name_index < y->name_index ? -1 : x->name_index > y->name_index;
}

/* edit_order - an edit and its creation index, for a stable sort. */
typedef struct edit_order {
  dc_edit edit;
  uint32_t index;
} edit_order;

static int cmp_edit(const void *a, const void *b) {
  const edit_order *x = a, *y = b;
  if (x->edit.start != y->edit.start) return x->edit.start < y->edit.start ? -1 : 1;
  if (x->edit.end != y->edit.end) return x->edit.end < y->edit.end ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

void dc_rewrite_file_edits(const dc_source_file *f, const dc_rewrite_choice *choices, uint32_t n,
                           const dc_edits *extra, dc_edits *out, dc_arena *arena) {
  dc_rewrite_choice *sorted = dc_arena_memdup(arena, choices, n, sizeof *choices);
  if (n > 1) qsort(sorted, n, sizeof *sorted, cmp_choice);
  dc_edits raw = {0};
  for (uint32_t s = 0; s < dc_n_rewrites; s++) {
    dc_vec(dc_unit) units = {0};
    for (uint32_t i = 0; i < n; i++)
      if (sorted[i].strategy == dc_rewrites[s]) dc_vec_push(&units, sorted[i].unit);
    if (units.size) dc_rewrites[s]->insert(f, units.items, units.size, &raw, arena);
    dc_vec_free(&units);
  }
  for (uint32_t i = 0; extra && i < extra->size; i++) dc_vec_push(&raw, extra->items[i]);
  /* Blank lines at the top go only when no module-level code is added
   * there or after the imports. */
  bool tidy_top = true;
  for (uint32_t i = 0; i < raw.size; i++)
    if (raw.items[i].start == f->uses->after_imports || (int64_t)raw.items[i].start == f->uses->tc_block_end ||
        (raw.items[i].start == f->bom && raw.items[i].end == f->bom))
      tidy_top = false;
  for (uint32_t i = 0; i < n;) {
    const dc_import *imp = import_of(f, &sorted[i].unit);
    bool *moved = dc_arena_alloc(arena, imp->n_names * sizeof *moved);
    uint32_t j = i;
    for (; j < n && sorted[j].unit.import_index == sorted[i].unit.import_index; j++) moved[sorted[j].unit.name_index] = true;
    remove_names(f, imp, moved, tidy_top, &raw);
    i = j;
  }
  /* An insertion inside a deleted range takes the place of what is deleted. */
  for (uint32_t i = 0; i < raw.size; i++) {
    dc_edit *ins = &raw.items[i];
    if (ins->start != ins->end) continue;
    for (uint32_t k = 0; k < raw.size; k++) {
      const dc_edit *del = &raw.items[k];
      if (del->start < ins->start && ins->start < del->end) ins->start = ins->end = del->start;
    }
  }
  /* Sort; merge insertions at one offset in creation order. */
  edit_order *order = dc_xmalloc((raw.size ? raw.size : 1) * sizeof *order);
  for (uint32_t i = 0; i < raw.size; i++) order[i] = (edit_order){raw.items[i], i};
  if (raw.size > 1) qsort(order, raw.size, sizeof *order, cmp_edit);
  for (uint32_t i = 0; i < raw.size; i++) {
    dc_edit e = order[i].edit;
    if (out->size && e.start == e.end && dc_vec_last(out).start == e.start && dc_vec_last(out).end == e.end) {
      dc_vec_last(out).text = dc_arena_printf(arena, "%s%s", dc_vec_last(out).text, e.text);
      continue;
    }
    DC_ASSERT(!out->size || dc_vec_last(out).end <= e.start);
    dc_vec_push(out, e);
  }
  free(order);
  dc_vec_free(&raw);
}

char *dc_edits_apply(const char *src, uint32_t src_len, const dc_edits *edits, uint32_t *len) {
  /* Sized first: a big file's new text would otherwise grow to twice its size. */
  size_t size = src_len;
  for (uint32_t i = 0; i < edits->size; i++)
    size += strlen(edits->items[i].text) - (edits->items[i].end - edits->items[i].start);
  dc_buf b = DC_BUF_INIT;
  dc_buf_reserve(&b, size);
  uint32_t at = 0;
  for (uint32_t i = 0; i < edits->size; i++) {
    const dc_edit *e = &edits->items[i];
    DC_ASSERT(e->start >= at && e->end >= e->start && e->end <= src_len);
    dc_buf_add(&b, src + at, e->start - at);
    dc_buf_adds(&b, e->text);
    at = e->end;
  }
  dc_buf_add(&b, src + at, src_len - at);
  size_t n;
  char *out = dc_buf_detach(&b, &n);
  *len = (uint32_t)n;
  return out;
}
