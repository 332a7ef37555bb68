/*
 * local_import.c - the "local import" strategy (DESIGN.md §4): when every
 * run-time use of an imported name is inside functions, import it there.
 *
 * The import leaves the module level and is re-created, in the same form
 * and with the same alias, as the first statement (after the docstring) of
 * each outermost function or method that uses the name; a one-line body
 * (`def f(): return X`) is expanded onto its own line. The function's
 * indentation and the file's line ends are kept. Uses in annotations that
 * are never evaluated keep an import under `if TYPE_CHECKING:`, so that
 * type checkers still see the name.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "rewrite.h"

static const char *check(const dc_source_file *f, const dc_unit *u, const char *binding_problem, dc_arena *arena) {
  if (binding_problem) return binding_problem;
  const char *name = dc_unit_bound_name(f, u, arena);
  const dc_name_uses *nu = dc_uses_find(f->uses, name);
  bool deferred = false;
  for (uint32_t i = 0; nu && i < nu->n_uses; i++) {
    const dc_use *use = &nu->uses[i];
    if (use->kind == DC_USE_IMPORT_TIME)
      return dc_arena_printf(arena, "%s:%u uses '%s' at import time", f->file->path, use->line + 1, name);
    if (use->kind == DC_USE_DEFERRED && use->blocker)
      return dc_arena_printf(arena, "%s: '%s' is %s", f->file->path, name, use->blocker);
    deferred |= use->kind == DC_USE_DEFERRED;
  }
  if (!deferred) return dc_arena_printf(arena, "'%s' is not used in any function", name);
  return NULL;
}

/* fn_lines - the local imports of one function being built. */
typedef struct fn_lines {
  dc_buf text;
  const char *indent;
  bool first;
  dc_arena *arena;
} fn_lines;

static void fn_line(const dc_source_file *f, const dc_unit *group, uint32_t n, void *ctx) {
  fn_lines *t = ctx;
  if (!t->first) dc_buf_addf(&t->text, "%s", f->uses->eol);
  dc_buf_addf(&t->text, "%s%s%s", t->indent, dc_rewrite_statement(f, group, n, t->arena),
              dc_rewrite_comment(group[0].cycle, t->arena));
  t->first = false;
}

/* Whether the unit's name has a deferred use in function `fn`, or (with
 * fn < 0) an annotation-only use. */
static bool used_in(const dc_source_file *f, const dc_unit *u, int32_t fn, dc_arena *arena) {
  const dc_name_uses *nu = dc_uses_find(f->uses, dc_unit_bound_name(f, u, arena));
  for (uint32_t i = 0; nu && i < nu->n_uses; i++) {
    if (fn >= 0 && nu->uses[i].kind == DC_USE_DEFERRED && nu->uses[i].function == fn) return true;
    if (fn < 0 && nu->uses[i].kind == DC_USE_ANNOTATION) return true;
  }
  return false;
}

static void insert(const dc_source_file *f, const dc_unit *units, uint32_t n, dc_edits *out, dc_arena *arena) {
  const char *eol = f->uses->eol;
  dc_unit *picked = dc_xmalloc(n * sizeof *picked);
  for (uint32_t fn = 0; fn < f->uses->n_functions; fn++) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++)
      if (used_in(f, &units[i], (int32_t)fn, arena)) picked[k++] = units[i];
    if (!k) continue;
    const dc_function *func = &f->uses->functions[fn];
    fn_lines t = {DC_BUF_INIT, func->indent, true, arena};
    dc_rewrite_each_statement(f, picked, k, fn_line, &t);
    if (func->one_line) {
      const char *text = dc_arena_printf(arena, "%s%s%s%s", eol, dc_buf_str(&t.text), eol, func->indent);
      dc_vec_push(out, ((dc_edit){func->gap_start, func->insert_at, text}));
    } else {
      dc_vec_push(out, ((dc_edit){func->insert_at, func->insert_at,
                                  dc_arena_printf(arena, "%s%s", dc_buf_str(&t.text), eol)}));
    }
    dc_buf_release(&t.text);
  }
  uint32_t k = 0;
  for (uint32_t i = 0; i < n; i++)
    if (used_in(f, &units[i], -1, arena)) picked[k++] = units[i];
  if (k) dc_rewrite_type_checking_block(f, picked, k, out, arena);
  free(picked);
}

const dc_rewrite dc_rewrite_local_import = {"local-import", check, insert, NULL};
