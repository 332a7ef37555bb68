/*
 * scan - turn PATH into the list of Python modules of the project.
 *
 * Input: PATH, the roots (relative to PATH; found automatically when none are
 * given) and the exclude patterns. Output: a dc_project whose files are sorted
 * by path, each with its dotted module name, plus the namespace packages
 * (PEP 420 folders without __init__.py) that exist only for name resolution.
 * Every string is borrowed from the arena given to dc_scan.
 */
#ifndef DC_SCAN_H
#define DC_SCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "hash.h"
#include "regex.h"

/* What a module file is. Only sources are parsed; stubs (.pyi without a .py)
 * and compiled extensions are leaves of the graph. */
typedef enum dc_module_kind {
  DC_MODULE_SOURCE,
  DC_MODULE_STUB,
  DC_MODULE_EXTENSION,
} dc_module_kind;

/* dc_file - one module of the project.
 * `path` is relative to PATH with '/' separators (what reports print);
 * `open_path` is what to hand to open(). `is_package` is set for __init__
 * files, which are their own package for relative imports. */
/* dc_file_stat - what tells that a file changed without reading it (from
 * stat(2); times in nanoseconds). */
typedef struct dc_file_stat {
  uint64_t dev, ino, size, mtime_ns, ctime_ns;
  uint32_t mode;
} dc_file_stat;

/* dc_dir_stat - a folder the scan looked into (its entries, or whether it
 * holds an __init__.py), or an __init__.py above PATH whose existence it
 * checked: the path and its stat data (all zero: missing). */
typedef struct dc_dir_stat {
  const char *open_path;
  dc_file_stat stat;
} dc_dir_stat;

typedef struct dc_file {
  const char *path;
  const char *open_path;
  const char *module;
  dc_module_kind kind;
  bool is_package;
  uint64_t size; /* bytes when scanned; parse.c starts with the largest */
  dc_file_stat stat;
} dc_file;

/* dc_project - the scanned project. `files` is sorted by path and holds one
 * file per module name; `namespaces` is sorted and holds the dotted names of
 * namespace packages. `roots` are relative to PATH, in the order searched.
 * `listing` hashes the name and type of every entry of every folder walked
 * (Python or not: a config module must not take an existing name), so that
 * the cache can tell the tree is the same without comparing lists.
 * `target_minor` is X of the target Python 3.X (from the options; main.c
 * sets it on a project the cache gives back too). */
typedef struct dc_project {
  const char *path;
  const char **roots;
  uint32_t n_roots;
  dc_file *files;
  uint32_t n_files;
  const char **namespaces;
  uint32_t n_namespaces;
  uint32_t target_minor;
  dc_hash listing;
  dc_dir_stat *dirs; /* every folder the scan looked into, in scan order */
  uint32_t n_dirs;
} dc_project;

/* dc_scan_options - what to scan. `roots` may be empty (automatic).
 * `target_minor` is copied into the project (0 is fine for tests). */
typedef struct dc_scan_options {
  const char *path;
  const char *const *roots;
  uint32_t n_roots;
  dc_regex *const *excludes;
  uint32_t n_excludes;
  uint32_t target_minor;
  /* or NULL: called with each .py file as the walk finds it (some may
   * turn out to be shadowed), its path to open and its path */
  void (*on_source)(void *ctx, const char *open_path, const char *path);
  void *on_source_ctx;
} dc_scan_options;

/* dc_file_stat of a stat(2) result. */
struct stat;
dc_file_stat dc_file_stat_of(const struct stat *st);

/* Scans the project. Problems with single files or folders are appended to
 * `diags` as warnings. Returns NULL, with a message through dc_error, when
 * PATH or a root cannot be scanned at all. */
dc_project *dc_scan(const dc_scan_options *opts, dc_arena *arena, dc_diags *diags);

/* Whether a folder named `name` is skipped by default (.git, __pycache__,
 * virtual environments, build output, *.egg-info...). */
bool dc_scan_default_exclude(const char *name);

/* Returns whether `name` is a valid Python identifier (ASCII subset). */
bool dc_is_identifier(const char *name, uint32_t len);

#endif
