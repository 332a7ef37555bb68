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
#include "constants.h"
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

struct dc_source_file;
struct dc_unit;

/* dc_config_target - where the config module of a component goes: module
 * `module` (in package `package`, "" at the top level), at `path`
 * (relative to PATH) / `open_path`. `file` is the project file of a module
 * decycle generated before, which grows, or -1 for a new file. `problem`
 * says why no config module can be used. */
typedef struct dc_config_target {
  const char *module;
  const char *package;
  const char *path;
  const char *open_path;
  int32_t file;
  const char *problem;
} dc_config_target;

/* dc_config_ctx - what the config-module strategy reads beyond the file
 * being rewritten, given by fix.c: the module a unit's name comes from
 * (`*is_module` set when the name is that module itself; NULL when it is
 * not a project module), whether a project module's text has a line that
 * starts by binding `name` (`name =`, `name:`) or, with `as_class`, by
 * `class name` (a quick test before parsing it), the constants of a
 * project module (NULL when it cannot be rewritten), and the config module
 * of the current component. */
typedef struct dc_config_ctx {
  void *owner;
  const char *(*module_of)(void *owner, const struct dc_source_file *f, const struct dc_unit *u, bool *is_module);
  bool (*may_define)(void *owner, const char *module, const char *name, bool as_class);
  const dc_constants *(*constants_of)(void *owner, const char *module);
  const dc_config_target *target;
} dc_config_ctx;

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
  const dc_config_ctx *config;
} dc_source_file;

/* dc_unit - one name of one import statement that a cut moves, with the
 * text of the cycle it breaks (for the comment next to the moved import). */
typedef struct dc_unit {
  uint32_t import_index;
  uint32_t name_index;
  const char *cycle;
} dc_unit;

/* dc_rewrite - a strategy. `check` returns NULL when the strategy can move
 * the unit, else the reason it cannot (in the arena), or
 * dc_rewrite_not_applicable when the unit is not of the kind it handles
 * (nothing worth reporting). `binding_problem` is why the name the unit
 * binds must stay bound at module level (NULL when it may go): a strategy
 * that removes the binding returns it. `insert` appends the edits that
 * re-create the moved units where they are needed. `extra_lines`, when not
 * NULL, is the number of lines the strategy changes in other files. */
typedef struct dc_rewrite {
  const char *name;
  const char *(*check)(const dc_source_file *f, const dc_unit *u, const char *binding_problem, dc_arena *arena);
  void (*insert)(const dc_source_file *f, const dc_unit *units, uint32_t n, dc_edits *out, dc_arena *arena);
  uint32_t (*extra_lines)(const dc_source_file *f, const dc_unit *u, dc_arena *arena);
} dc_rewrite;

extern const char dc_rewrite_not_applicable[];
extern const dc_rewrite dc_rewrite_local_import;
extern const dc_rewrite dc_rewrite_type_checking;
extern const dc_rewrite dc_rewrite_config_module;

/* The registry, cheapest first: the order in which strategies are tried
 * for each unit. */
extern const dc_rewrite *const dc_rewrites[];
extern const uint32_t dc_n_rewrites;

/* The name the unit binds in its module (alias, first component of a plain
 * import, or the imported name). */
const char *dc_unit_bound_name(const dc_source_file *f, const dc_unit *u, dc_arena *arena);

/* Checks shared by all strategies: the statement is a plain module-level
 * import standing alone on its lines, not a star. Returns NULL or the
 * reason. */
const char *dc_rewrite_check_statement(const dc_source_file *f, const dc_unit *u, dc_arena *arena);

/* Why the name the unit binds must stay bound at module level: a public
 * name of a package, rebound, re-exported through __all__, or the module
 * reads its namespace dynamically. Returns NULL or the reason. */
const char *dc_rewrite_check_binding(const dc_source_file *f, const dc_unit *u, dc_arena *arena);

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
 * in the statement's style), then each strategy's insertions, and the
 * `extra` edits (may be NULL: the constants moved out of this file). The
 * edits are sorted and do not overlap. */
void dc_rewrite_file_edits(const dc_source_file *f, const dc_rewrite_choice *choices, uint32_t n,
                           const dc_edits *extra, dc_edits *out, dc_arena *arena);

/* dc_moved_constant - a constant the plan moves, from module `module`, with
 * the cycle its move breaks (for comments). */
typedef struct dc_moved_constant {
  const dc_constant *c;
  const char *module;
  const char *cycle;
} dc_moved_constant;

/* The constants the config-module strategy moves for a unit it checked. */
uint32_t dc_config_unit_constants(const dc_source_file *f, const dc_unit *u, const dc_constant **out, uint32_t cap,
                                  dc_arena *arena);

/* The edits of the file defining constants: each module constant's
 * definition goes, each class attribute reads the config name, and one
 * import of the config module (in package-relative form) goes before the
 * first of them. `target` is the config module. */
void dc_config_definer_edits(const dc_source_file *f, const dc_config_target *target, const dc_moved_constant *moved,
                             uint32_t n, dc_edits *out, dc_arena *arena);

/* The new text of the config module: `old` (NULL for a new module, which
 * gets decycle's header) followed by one block per moved constant. Line
 * ends are `eol`. */
const char *dc_config_module_text(const char *old, uint32_t old_len, const dc_moved_constant *moved, uint32_t n,
                                  const char *eol, dc_arena *arena);

/* Where the config module of a component goes: `override`
 * (--config-module) when not NULL, else the nearest common package of the
 * component's files (project file indices), as `config` when that name is
 * free there, else `_decycle_config`; a module decycle generated before is
 * reused. Sets `problem` when neither can be used. */
dc_config_target dc_config_target_for(const dc_project *p, dc_facts *facts, const uint32_t *files,
                                      uint32_t n, const char *override, dc_arena *arena);

/* Whether `text` is a config module that decycle generated. */
bool dc_config_is_generated(const char *text, uint32_t len);

/* Applies sorted, non-overlapping edits to `src`; returns the new bytes
 * (malloc'd, caller frees) and their length in *len. */
char *dc_edits_apply(const char *src, uint32_t src_len, const dc_edits *edits, uint32_t *len);

#endif
