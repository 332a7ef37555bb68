/*
 * facts - what the graph needs to know about one Python file, copied out of
 * its syntax tree so that the tree can be freed at once.
 *
 * Input: the file's bytes and its tree-sitter tree. Output: a dc_file_facts
 * holding every import (with its scope class, DESIGN.md §2), the names bound
 * at module level at import time (to tell a package attribute from a
 * submodule), the import-time attribute reads of imported modules (the
 * `pkg.a -> pkg` edge of `VERSION = pkg.__version__`), a literal __all__,
 * and the `# decycle:` pragma comments, each import knowing its own.
 * Everything returned is borrowed from the arena passed in.
 */
#ifndef DC_FACTS_H
#define DC_FACTS_H

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "arena.h"
#include "diag.h"

/* When an import runs, strongest first (the order matters: a smaller value
 * is a stronger dependency). */
typedef enum dc_scope {
  DC_SCOPE_IMPORT_TIME, /* while the module itself is being imported */
  DC_SCOPE_DEFERRED,    /* in a function or lambda body: later, if ever */
  DC_SCOPE_TYPE_ONLY,   /* under `if TYPE_CHECKING:` / `if False:`: never */
} dc_scope;

const char *dc_scope_name(dc_scope s);

typedef enum dc_import_form {
  DC_IMPORT_MODULE, /* import a.b.c [as x], ... */
  DC_IMPORT_FROM,   /* from [.]a.b import n [as k], ... / import * */
  DC_IMPORT_CALL,   /* importlib.import_module("a.b") / __import__("a.b") */
} dc_import_form;

/* A pragma comment `# decycle: WORD` (README "Pragmas"). */
typedef enum dc_pragma_kind {
  DC_PRAGMA_NONE,    /* no pragma (an import without one) */
  DC_PRAGMA_KEEP,    /* `keep`: never cut this import */
  DC_PRAGMA_IGNORE,  /* `ignore`: this import makes no edge */
  DC_PRAGMA_UNKNOWN, /* any other word: warned about, does nothing */
} dc_pragma_kind;

/* dc_pragma - one `# decycle: WORD` comment of a file. `word` is the word
 * as written; `line`/`col` (0-based) locate its '#'. `on_import` says the
 * line holds an import statement or import call; `used` that some import
 * took it as its pragma (the first known pragma on its lines). decycle's
 * own `# decycle: breaks the import cycle ...` notes are not pragmas. */
typedef struct dc_pragma {
  dc_pragma_kind kind;
  const char *word;
  uint32_t line, col;
  bool on_import;
  bool used;
} dc_pragma;

/* dc_import_name - one name of an import: the dotted module path of an
 * `import` (or of a call), the imported name of a `from` import. `alias` is
 * NULL without `as`. */
typedef struct dc_import_name {
  const char *name;
  const char *alias;
} dc_import_name;

/* dc_import - one import statement or import call.
 * `module` is the part after the dots of a `from` import ("" for
 * `from . import x`) and NULL otherwise; `level` counts the dots. `star` is
 * set for `from m import *`, which has no names. Byte offsets cover the whole
 * statement; `line`/`col` are 0-based. `statement` is the source text on one
 * line, comments dropped and runs of blanks squeezed. `module_level` is set
 * when the statement sits at module scope (possibly inside if/try/with...).
 * `pragma` is DC_PRAGMA_KEEP or DC_PRAGMA_IGNORE when a pragma comment
 * stands on one of the statement's lines (the first one, if several), with
 * `pragma_line` (0-based) its line; DC_PRAGMA_NONE otherwise. */
typedef struct dc_import {
  dc_import_form form;
  dc_scope scope;
  bool star;
  bool module_level;
  uint32_t level;
  const char *module;
  dc_import_name *names;
  uint32_t n_names;
  uint32_t start_byte, end_byte;
  uint32_t line, col;
  const char *statement;
  dc_pragma_kind pragma;
  uint32_t pragma_line;
} dc_import;

/* dc_binding - a name bound at module scope by import-time code. When an
 * import statement binds it, `import_index` names that import and
 * `name_index` the name within it; otherwise import_index is -1. */
typedef struct dc_binding {
  const char *name;
  int32_t import_index;
  uint32_t name_index;
} dc_binding;

/* dc_attr_use - an import-time read `name.attr` where `name` is, at that
 * point, bound by the module-level plain import imports[import_index]. */
typedef struct dc_attr_use {
  const char *attr;
  uint32_t import_index;
  uint32_t name_index;
  uint32_t line, col;
  const char *statement;
} dc_attr_use;

/* dc_file_facts - everything the later stages read about one file.
 * `all` is the literal __all__, valid when has_all is set. */
typedef struct dc_file_facts {
  dc_import *imports;
  uint32_t n_imports;
  dc_binding *bindings;
  uint32_t n_bindings;
  dc_attr_use *uses;
  uint32_t n_uses;
  const char **all;
  uint32_t n_all;
  bool has_all;
  bool future_annotations;
  dc_pragma *pragmas; /* every `# decycle:` pragma comment, in file order */
  uint32_t n_pragmas;
} dc_file_facts;

/* dc_facts - the facts of every file of a project, index-aligned with its
 * files. Made by dc_parse_project (parse.c), which leaves the facts that
 * the cache holds to be decoded when first asked for; any thread may ask.
 * dc_facts_of: file `file`'s facts, NULL when it has none (a stub, an
 * extension, a file that could not be read or parsed).
 * dc_facts_imports: how many imports they have, DC_NO_FACTS when there are
 * none; dc_facts_pragmas: how many pragma comments. Neither decodes. */
typedef struct dc_facts dc_facts;
#define DC_NO_FACTS UINT32_MAX
const dc_file_facts *dc_facts_of(dc_facts *t, uint32_t file);
uint32_t dc_facts_imports(const dc_facts *t, uint32_t file);
uint32_t dc_facts_pragmas(const dc_facts *t, uint32_t file);

/* dc_facts_extract - walks `tree` (parsed from `src[0..len)`; byte offsets in
 * the tree are shifted by `base`, the length of a skipped BOM) and returns
 * its facts, allocated in `arena`. `walk_flags` are dc_py_walk_flags (the
 * target Python's rules). Never fails; never recurses. */
dc_file_facts *dc_facts_extract(const char *src, uint32_t len, uint32_t base, TSTree *tree, unsigned walk_flags,
                                dc_arena *arena);

/* The name of a pragma kind as written after `# decycle: ` ("keep", "ignore"). */
const char *dc_pragma_name(dc_pragma_kind k);

/* The tree-sitter Python language, from the grammar's static library. */
const TSLanguage *tree_sitter_python(void);

#endif
