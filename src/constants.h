/*
 * constants - the literal constants a module defines, which the
 * config-module strategy may move into a generated module (DESIGN.md §4).
 *
 * Input: one file's bytes and tree. Output: every module-level
 * `NAME = <literal>` / `NAME: T = <literal>` and every `attr = <literal>`
 * in the body of a module-level class, with the offsets a rewrite needs and
 * the text the config module gets, and the reason a constant cannot move
 * when the file alone shows one. Literals are numbers, strings, bytes,
 * True/False/None, and tuples, lists, sets and dicts of those.
 * dc_constants_check then applies what the name analysis (uses.h) knows.
 * Everything is borrowed from the arena.
 */
#ifndef DC_CONSTANTS_H
#define DC_CONSTANTS_H

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "arena.h"
#include "facts.h"
#include "uses.h"
#include "vec.h"

/* dc_constant - one literal constant. Offsets are file bytes (BOM included).
 * `cls` is the class of a class attribute, NULL for a module constant.
 * `config_name` is its name in the config module (NAME, or CLS_ATTR for a
 * class attribute: `Model.some_parameter` -> MODEL_SOME_PARAMETER); the
 * planner may change it to avoid a clash. The config module gets
 * `comments` (the comment lines right above the statement, unindented),
 * then config_name, then `rest` (the statement after its target, to the
 * end of its last line); both with '\n' line ends.
 * A module constant's definition is [del_start, del_end) (its comment lines
 * included); a class attribute's literal is [value_start, value_end).
 * `anchor` is the start of the line of the module-level statement that
 * holds it. `why_not` is NULL while the constant may move. */
typedef struct dc_constant {
  const char *cls;
  const char *name;
  const char *config_name;
  const char *comments;
  const char *rest;
  uint32_t line;
  uint32_t del_start, del_end;
  uint32_t value_start, value_end;
  uint32_t anchor;
  bool mutable_literal;
  bool annotated;
  const char *why_not;
} dc_constant;

/* dc_constants - a module's constants, in the order of the text. `names`
 * has each name once (a class attribute's without its class): `first[id]`
 * is the first constant of that name and `next[i]` the one after constant i
 * with the same name (-1: none). `keys` has each "name" and "Class.name"
 * once, `first_key[id]` the first constant with that key. */
typedef struct dc_constants {
  dc_constant *items;
  uint32_t n;
  dc_names names, keys;
  int32_t *first, *next;
  uint32_t *first_key;
} dc_constants;

/* Finds the constants of the file `src[0..len)`, whose first `base` bytes
 * (a BOM) the tree does not cover. Never recurses. */
dc_constants *dc_constants_find(const char *src, uint32_t len, uint32_t base, TSTree *tree, dc_arena *arena);

/* Marks the module constants that the file rebinds (bound twice at module
 * level, assigned through `global`), or whose namespace it reads
 * dynamically or fills with a star import. `path` is for the reasons. */
void dc_constants_check(dc_constants *self, const dc_file_facts *facts, const dc_file_uses *uses, const char *path,
                        dc_arena *arena);

/* The constant `name` of the module (cls NULL) or of class `cls`, or NULL. */
dc_constant *dc_constants_get(const dc_constants *self, const char *cls, const char *name);

/* dc_text_change - a name that some code changes in place: `x.name = ...`
 * or `x.name += ...` (x not `self`) and `del x.name` change any constant of
 * that name; a `mutation` (`name.append(...)` and the other mutating
 * methods, `name[k] = ...`, `del name[k]`) changes it if it is a list, set
 * or dict. `name` points into the text scanned; `line` is 0-based. */
typedef struct dc_text_change {
  const char *name;
  uint32_t len;
  uint32_t line;
  bool mutation;
} dc_text_change;

typedef dc_vec(dc_text_change) dc_text_changes;

/* Appends the changes in `text` to `out`, in one pass. A text search
 * (comments and strings included), so conservative. */
void dc_constants_scan_changes(const char *text, uint32_t len, dc_text_changes *out);

/* Whether the line starting at `line` (`rest` bytes to the end of the
 * text) may define a name at module level: `name =` or `name:` (not `==`),
 * or with *as_class set, `class name` followed by `(`, `:`, a space or a
 * tab. Returns the name's length, its first byte at *name; 0 for any other
 * line. A text search, so conservative (the plan's config_may_define). */
size_t dc_line_defines(const char *line, size_t rest, const char **name, bool *as_class);


#endif
