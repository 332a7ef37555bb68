/*
 * type_checking.c - the "type-checking" strategy (DESIGN.md §4): when an
 * imported name is only used in annotations that are never evaluated, move
 * the import under `if TYPE_CHECKING:`.
 *
 * Annotations are never evaluated with `from __future__ import
 * annotations`, in strings, or on local variables. A module that imports a
 * library that evaluates annotations at run time (pydantic, attrs, FastAPI,
 * SQLAlchemy, typeguard...) or calls get_type_hints or singledispatch keeps
 * its imports. An existing module-level `if TYPE_CHECKING:` block is reused;
 * otherwise a new one goes after the last module-level import, with
 * `from typing import TYPE_CHECKING` when that name is not bound yet.
 */
#include "rewrite.h"

static const char *check(const dc_source_file *f, const dc_unit *u, const char *binding_problem, dc_arena *arena) {
  if (binding_problem) return binding_problem;
  const char *name = dc_unit_bound_name(f, u, arena);
  if (f->uses->runtime_annotations)
    return dc_arena_printf(arena, "%s uses %s, which evaluates annotations at run time", f->file->path,
                           f->uses->runtime_annotations);
  const dc_name_uses *nu = dc_uses_find(f->uses, name);
  for (uint32_t i = 0; nu && i < nu->n_uses; i++)
    if (nu->uses[i].kind != DC_USE_ANNOTATION)
      return dc_arena_printf(arena, "%s:%u uses '%s' at run time", f->file->path, nu->uses[i].line + 1, name);
  return NULL;
}

static void insert(const dc_source_file *f, const dc_unit *units, uint32_t n, dc_edits *out, dc_arena *arena) {
  dc_rewrite_type_checking_block(f, units, n, out, arena);
}

const dc_rewrite dc_rewrite_type_checking = {"type-checking", check, insert, NULL};
