/*
 * rewrite - the interface of the rewrite strategies (the files of rewrites/), their
 * registry, and the shared pieces of every rewrite: which imported names an
 * edge depends on ("units"), removing names from a module-level import in
 * the statement's own style, and writing an import statement anew.
 *
 * A strategy moves units out of module-level import statements so that they
 * no longer run at import time. It says whether it can move a unit (and if
 * not, why), and produces the edits that put the moved imports back where
 * they are needed; removing them from the original statement is done once
 * for all strategies by dc_rewrite_file_edits. Nothing here touches disk.
 */
#ifndef DC_REWRITE_H
#define DC_REWRITE_H

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "arena.h"
#include "facts.h"
#include "scan.h"
#include "uses.h"
#include "vec.h"

/* dc_edit - replace the bytes [start, end) of a file by `text`. Edits of
 * one file never overlap; an insertion has start == end. */
typedef struct dc_edit {
  uint32_t start, end;
  const char *text;
} dc_edit;

typedef dc_vec(dc_edit) dc_edits;

/* dc_source_file - one file a rewrite may touch, with everything strategies
 * read: its bytes (`bom` of them a byte order mark), its tree (over the
 * bytes after the BOM), its facts and the uses of the names its
 * module-level imports bind. `module` is its dotted name. */
typedef struct dc_source_file {
  const dc_file *file;
  const char *module;
  const dc_file_facts *facts;
  const char *src;
  uint32_t len, bom;
  TSTree *tree;
  const dc_file_uses *uses;
} dc_source_file;

/* dc_unit - one name of one import statement that a cut moves, with the
 * text of the cycle it breaks (for the comment next to the moved import). */
typedef struct dc_unit {
  uint32_t import_index;
  uint32_t name_index;
  const char *cycle;
} dc_unit;

/* dc_rewrite - a strategy. `check` returns NULL when the strategy can move
 * the unit, else the reason it cannot (in the arena). `insert` appends the
 * edits that re-create the moved units where they are needed. */
typedef struct dc_rewrite {
  const char *name;
  const char *(*check)(const dc_source_file *f, const dc_unit *u, dc_arena *arena);
  void (*insert)(const dc_source_file *f, const dc_unit *units, uint32_t n, dc_edits *out, dc_arena *arena);
} dc_rewrite;

/* The registry, cheapest first: the order in which strategies are tried
 * for each unit. */
extern const dc_rewrite *const dc_rewrites[];
extern const uint32_t dc_n_rewrites;

/* The name the unit binds in its module (alias, first component of a plain
 * import, or the imported name). */
const char *dc_unit_bound_name(const dc_source_file *f, const dc_unit *u, dc_arena *arena);

/* Checks shared by all strategies: the statement is a plain module-level
 * import standing alone on its lines, the name is not a star, not rebound,
 * not re-exported through __all__, and the module does not read its
 * namespace dynamically. Returns NULL or the reason. */
const char *dc_rewrite_check_common(const dc_source_file *f, const dc_unit *u, dc_arena *arena);

/* The import statement that re-creates `units` (all from one statement) in
 * the same form: `from <module as written> import a, b as c` or
 * `import a.b as c`, without indentation or line end. */
const char *dc_rewrite_statement(const dc_source_file *f, const dc_unit *units, uint32_t n, dc_arena *arena);

/* The trailing comment of a moved import. */
const char *dc_rewrite_comment(const char *cycle, dc_arena *arena);

/* Appends the edits that import `units` under `if TYPE_CHECKING:`: in the
 * module-level block when there is one, else in a new block after the last
 * module-level import (with `from typing import TYPE_CHECKING` when the
 * name is not bound). Statements keep their form; each carries the comment. */
void dc_rewrite_type_checking_block(const dc_source_file *f, const dc_unit *units, uint32_t n, dc_edits *out,
                                    dc_arena *arena);

/* Calls `emit` once per group of units that come from the same statement
 * (units must be sorted by import_index), to build one statement each. */
void dc_rewrite_each_statement(const dc_source_file *f, const dc_unit *units, uint32_t n,
                               void (*emit)(const dc_source_file *f, const dc_unit *group, uint32_t n, void *ctx),
                               void *ctx);

/* dc_rewrite_choice - a unit and the strategy that moves it. */
typedef struct dc_rewrite_choice {
  dc_unit unit;
  const dc_rewrite *strategy;
} dc_rewrite_choice;

/* Returns the edits of one file that move every chosen unit: the removal
 * from the original statements (whole statements, or only the moved names
 * in the statement's style), then each strategy's insertions. The edits are
 * sorted and do not overlap. */
void dc_rewrite_file_edits(const dc_source_file *f, const dc_rewrite_choice *choices, uint32_t n, dc_edits *out,
                           dc_arena *arena);

/* Applies sorted, non-overlapping edits to `src`; returns the new bytes
 * (malloc'd, caller frees) and their length in *len. */
char *dc_edits_apply(const char *src, uint32_t src_len, const dc_edits *edits, uint32_t *len);

#endif
