/*
 * pyproject - the settings decycle reads from PATH/pyproject.toml: the
 * `[tool.decycle]` table (roots, exclude, strategies, config-module,
 * target-version, baseline) and `project.requires-python`, whose lower bound
 * is the default target version. Also the parsers of the values that the
 * command line gives too (--strategies, --target-version), so that both
 * accept the same text.
 *
 * Only PATH/pyproject.toml is read, never one in a folder above PATH: the
 * paths it gives are relative to PATH. Everything returned is borrowed from
 * the arena given.
 */
#ifndef DC_PYPROJECT_H
#define DC_PYPROJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

/* The target Python when neither the command line, [tool.decycle] nor
 * project.requires-python gives one: 3.9. */
#define DC_DEFAULT_TARGET_MINOR 9
/* From this target on, annotations are evaluated lazily (PEP 649). */
#define DC_LAZY_ANNOTATIONS_MINOR 14

/* dc_pyproject - the settings found; a field not set in the file is
 * NULL, or has its `has_` flag clear. `disabled_strategies` has bit k set for
 * each strategy dc_rewrites[k] that `strategies` leaves out. `target_minor` is
 * X of the target 3.X: target-version, else the lower bound of
 * project.requires-python, else DC_DEFAULT_TARGET_MINOR. `baseline` is
 * relative to PATH. */
typedef struct dc_pyproject {
  bool found;
  bool has_roots, has_excludes, has_strategies, has_target;
  const char **roots;
  uint32_t n_roots;
  const char **excludes;
  uint32_t n_excludes;
  uint32_t disabled_strategies;
  const char *config_module;
  uint32_t target_minor;
  const char *baseline;
} dc_pyproject;

/* Reads PATH/pyproject.toml into `out` (all unset when there is none).
 * Returns 0, or -1 when the file cannot be read or its content is wrong:
 * a TOML syntax error, an unknown key or a value of the wrong type in
 * [tool.decycle], each appended to `diags` as an error located in
 * `pyproject.toml` (the path relative to PATH). */
int dc_pyproject_read(const char *path, dc_pyproject *out, dc_arena *arena, dc_diags *diags);

/* Parses a comma-separated list of strategy names into the mask of the
 * strategies left out (bit k for dc_rewrites[k]). Returns 0, or -1 with
 * the first unknown name in *bad (borrowed from `arena`). */
int dc_strategies_parse(const char *list, uint32_t *disabled, const char **bad, dc_arena *arena);

/* Parses a target version "3.X" into X. Returns 0 or -1. */
int dc_target_version_parse(const char *s, uint32_t *minor);

/* The lower bound 3.X of a requires-python specifier (">=3.10",
 * "~=3.9", ">=3.8,<4"), the highest over its clauses; returns 0 and sets
 * *minor, or -1 when no clause gives a Python 3 lower bound. */
int dc_requires_python_minor(const char *spec, uint32_t *minor);

/* Whether `s` is a dotted module name: identifiers joined by dots. */
bool dc_is_dotted_name(const char *s);

#endif
