/*
 * uses - where a module uses the names its imports bind, with Python's
 * scoping rules, so that the rewrites know whether an import can move.
 *
 * Input: one file's bytes and tree, and the names of interest (names bound
 * at module level by the imports that may be rewritten). Output: for each
 * name, every read that resolves to the module-level binding, classified as
 * import-time, deferred (in a def or lambda body) or annotation-only (an
 * annotation that is never evaluated), with the outermost function that
 * holds each deferred read; the functions themselves (where a local import
 * would go); and what makes a file unsafe to touch (globals(), eval, exec; a
 * library that evaluates annotations at run time). Borrowed from the arena.
 */
#ifndef DC_USES_H
#define DC_USES_H

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "arena.h"
#include "names.h"

typedef enum dc_use_kind {
  DC_USE_IMPORT_TIME, /* runs while the module is imported */
  DC_USE_DEFERRED,    /* in a def/lambda body: runs later */
  DC_USE_ANNOTATION,  /* an annotation never evaluated, or code under TYPE_CHECKING */
} dc_use_kind;

/* dc_use - one read of a name that resolves to its module-level binding.
 * `function` indexes dc_file_uses.functions for a deferred read whose
 * outermost enclosing def can take a local import; it is -1 otherwise (and
 * `blocker` then says why a deferred read cannot get one, e.g. a lambda at
 * module level). Offsets are file bytes; line and col are 0-based. */
typedef struct dc_use {
  dc_use_kind kind;
  uint32_t byte, line, col;
  int32_t function;
  const char *blocker;
} dc_use;

/* dc_function - an outermost def (a module-level function, or a method of a
 * module-level class) that holds deferred reads.
 * `insert_at` is where a local import line goes: the start of the line of
 * the first body statement after the docstring; `indent` is that
 * statement's indentation. A `one_line` body (`def f(): return x`) must be
 * expanded: the blanks between the ':' (ending at `gap_start`) and the
 * body (at `insert_at`) become a line break, and `indent` is the
 * indentation the body will get. */
typedef struct dc_function {
  const char *name;
  uint32_t def_line;
  uint32_t insert_at;
  uint32_t gap_start;
  const char *indent;
  bool one_line;
} dc_function;

/* dc_name_uses - the reads of one name of interest.
 * `module_bindings` counts the module-level bindings of the name (the
 * import itself is one); `global_write` is set when a function declares
 * the name global and binds it. */
typedef struct dc_name_uses {
  const char *name;
  dc_use *uses;
  uint32_t n_uses;
  uint32_t module_bindings;
  bool global_write;
} dc_name_uses;

/* dc_file_uses - the analysis of one file.
 * `dynamic` names the first call that reads the namespace dynamically
 * (globals, locals, vars, eval, exec), or is NULL. `runtime_annotations`
 * names an imported library that evaluates annotations at run time, or is
 * NULL. `indent_unit` and `eol` are the file's own ("    " or "\t"; "\n" or
 * "\r\n"). `tc_block_end` is the end of the last line of a module-level
 * `if TYPE_CHECKING:` block without else (-1 if none), `tc_indent` its body
 * indentation; `tc_bound` says TYPE_CHECKING is bound at module level.
 * `after_imports` is the end of the line of the last module-level import
 * statement (after the docstring and __future__ imports; 0 if none). */
typedef struct dc_file_uses {
  dc_name_uses *names;
  uint32_t n_names;
  dc_names index;          /* the names, for dc_uses_find */
  const uint32_t *first;   /* per id of `index`: the first of `names` with that name */
  dc_function *functions;
  uint32_t n_functions;
  const char *dynamic;
  const char *runtime_annotations;
  bool future_annotations;
  const char *indent_unit;
  const char *eol;
  int64_t tc_block_end;
  const char *tc_indent;
  bool tc_bound;
  uint32_t after_imports;
} dc_file_uses;

/* Analyses the file `src[0..len)`, whose first `base` bytes (a BOM) the
 * tree does not cover, for the names of interest, with the rules that
 * `walk_flags` (dc_py_walk_flags) select. Never fails. */
dc_file_uses *dc_uses_analyse(const char *src, uint32_t len, uint32_t base, TSTree *tree,
                              const char *const *names, uint32_t n_names, unsigned walk_flags, dc_arena *arena);

/* The dc_name_uses of `name`, or NULL. */
const dc_name_uses *dc_uses_find(const dc_file_uses *self, const char *name);

#endif
