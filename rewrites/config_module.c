/*
 * config_module.c - the "config module" strategy (DESIGN.md §4): when A
 * needs constants of B at import time, move them into a generated module
 * that both import, so that A no longer imports B.
 *
 * A unit of A qualifies in three forms:
 *   - `from B import NAME`, NAME a constant: the statement now imports
 *     NAME from the config module, and A keeps the name;
 *   - `from B import Cls` whose import-time uses are all `Cls.attr` of
 *     class attributes: each becomes the attribute's config name;
 *   - `import B` / `from P import B` whose import-time uses are all
 *     `B.NAME` or `B.Cls.attr`: likewise.
 * In the last two forms the name leaves A's module level: its uses in
 * functions get a local import, as the local-import strategy does, and its
 * annotation-only uses an import under `if TYPE_CHECKING:`. B keeps every
 * name with the same object: it imports its moved module constants back
 * from the config module, and its class attributes read them.
 */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "parse.h"
#include "pywalk.h"
#include "rewrite.h"
#include "vec.h"

/* reading - an import-time use of a unit's name replaced by a constant's
 * config name: file bytes [start, end). */
typedef struct reading {
  uint32_t start, end;
  const dc_constant *c;
} reading;

/* unit_plan - what the strategy does with one unit: keep the name (`keep`,
 * the first form, `keep` the constant) or replace its `readings`. */
typedef struct unit_plan {
  const dc_constant *keep;
  dc_vec(reading) readings;
} unit_plan;

/* The `.attr` name of the attribute node whose object is `obj`, or NULL. */
static const char *attribute_above(const dc_source_file *f, TSNode obj, TSNode *attr, dc_arena *arena) {
  TSNode parent = ts_node_parent(obj);
  if (ts_node_is_null(parent) || dc_py_kind_of(parent) != DC_PY_ATTRIBUTE) return NULL;
  TSNode object = dc_py_child(parent, DC_PY_F_OBJECT);
  if (ts_node_start_byte(object) != ts_node_start_byte(obj) || ts_node_end_byte(object) != ts_node_end_byte(obj))
    return NULL;
  *attr = parent;
  return dc_py_text(f->src + f->bom, dc_py_child(parent, DC_PY_F_ATTRIBUTE), arena);
}

/* Whether `n` is a target of an assignment or a del, not a read. */
static bool changed_there(TSNode n) {
  TSNode p = ts_node_parent(n);
  while (!ts_node_is_null(p) && (dc_py_kind_of(p) == DC_PY_TUPLE || dc_py_kind_of(p) == DC_PY_PATTERN_LIST ||
                                  !strcmp(ts_node_type(p), "expression_list")))
    p = ts_node_parent(p);
  if (ts_node_is_null(p)) return false;
  enum dc_py_kind k = dc_py_kind_of(p);
  if (k == DC_PY_DELETE_STATEMENT) return true;
  if (k != DC_PY_ASSIGNMENT && k != DC_PY_AUGMENTED_ASSIGNMENT) return false;
  TSNode left = dc_py_child(p, DC_PY_F_LEFT);
  return ts_node_start_byte(left) <= ts_node_start_byte(n) && ts_node_end_byte(n) <= ts_node_end_byte(left);
}

/* Whether `name` occurs as a whole identifier, not after a '.', in the
 * file's text. */
static bool text_has_identifier(const dc_source_file *f, const char *name) {
  size_t n = strlen(name);
  for (const char *p = f->src; (p = memmem(p, f->len - (size_t)(p - f->src), name, n)); p++) {
    const char *q = p;
    while (q > f->src && (q[-1] == ' ' || q[-1] == '\t')) q--;
    bool left = (p > f->src && dc_is_identifier(p - 1, 1)) || (q > f->src && q[-1] == '.');
    bool right = (size_t)(p - f->src) + n < f->len && dc_is_identifier(p + n, 1);
    if (!left && !right) return true;
  }
  return false;
}

/* Whether module `module` may hold constants that unit `u` reads, judged
 * from the unit's uses and the module's text (`may_define`) without
 * parsing the module: most units that reach this strategy import a class
 * or a function used at import time, and are answered here. */
static bool worth_loading(const dc_source_file *f, const dc_unit *u, const char *module, bool is_module,
                          dc_arena *arena) {
  const dc_config_ctx *ctx = f->config;
  const char *imported = f->facts->imports[u->import_index].names[u->name_index].name;
  if (!is_module && ctx->may_define(ctx->owner, module, imported, false)) return true; /* from B import NAME */
  const char *bound = dc_unit_bound_name(f, u, arena);
  const dc_name_uses *nu = dc_uses_find(f->uses, bound);
  TSNode root = ts_tree_root_node(f->tree);
  bool any = false;
  for (uint32_t i = 0; nu && i < nu->n_uses; i++) {
    if (nu->uses[i].kind != DC_USE_IMPORT_TIME) continue;
    uint32_t at = nu->uses[i].byte - f->bom;
    TSNode a;
    const char *x = attribute_above(f, ts_node_descendant_for_byte_range(root, at, at + (uint32_t)strlen(bound)), &a, arena);
    if (!x) return false;
    /* Cls.attr needs class Cls; B.x needs x or class x in B. */
    if (is_module ? !ctx->may_define(ctx->owner, module, x, false) && !ctx->may_define(ctx->owner, module, x, true)
                  : !ctx->may_define(ctx->owner, module, imported, true))
      return false;
    any = true;
  }
  return any;
}

/* Decides what the strategy does with unit `u`; returns NULL, a reason, or
 * dc_rewrite_not_applicable. */
static const char *analyse(const dc_source_file *f, const dc_unit *u, const char *binding_problem, unit_plan *out,
                           dc_arena *arena) {
  const dc_config_ctx *ctx = f->config;
  if (!ctx || !ctx->target) return dc_rewrite_not_applicable;
  bool is_module = false;
  const char *module = ctx->module_of(ctx->owner, f, u, &is_module);
  const dc_import *imp = &f->facts->imports[u->import_index];
  const char *imported = imp->names[u->name_index].name;
  const char *bound = dc_unit_bound_name(f, u, arena);
  /* `import a.b` binds a but runs a.b: the name is not the module read. */
  if (!module || (imp->form == DC_IMPORT_MODULE && !imp->names[u->name_index].alias && strchr(imported, '.')))
    return dc_rewrite_not_applicable;
  if (!worth_loading(f, u, module, is_module, arena)) return dc_rewrite_not_applicable;
  const dc_constants *consts = ctx->constants_of(ctx->owner, module);
  if (!consts || !consts->n) return dc_rewrite_not_applicable;
  if (!is_module) {
    const dc_constant *c = dc_constants_get(consts, NULL, imported);
    if (c) {
      if (c->why_not) return dc_arena_printf(arena, "%s.%s cannot move: %s", module, c->name, c->why_not);
      out->keep = c;
      return ctx->target->problem;
    }
  }
  /* Every import-time use must read a constant through the name. */
  const dc_name_uses *nu = dc_uses_find(f->uses, bound);
  TSNode root = ts_tree_root_node(f->tree);
  for (uint32_t i = 0; nu && i < nu->n_uses; i++) {
    const dc_use *use = &nu->uses[i];
    if (use->kind == DC_USE_DEFERRED && use->blocker)
      return dc_arena_printf(arena, "%s: '%s' is %s", f->file->path, bound, use->blocker);
    if (use->kind != DC_USE_IMPORT_TIME) continue;
    uint32_t at = use->byte - f->bom;
    TSNode id = ts_node_descendant_for_byte_range(root, at, at + (uint32_t)strlen(bound));
    TSNode a1, a2;
    const char *x = attribute_above(f, id, &a1, arena), *y = NULL;
    const dc_constant *c = NULL;
    TSNode replaced = a1;
    if (x && !is_module) {
      c = dc_constants_get(consts, imported, x);
    } else if (x) {
      c = dc_constants_get(consts, NULL, x);
      if (!c && (y = attribute_above(f, a1, &a2, arena))) {
        c = dc_constants_get(consts, x, y);
        replaced = a2;
      }
    }
    if (!c || changed_there(replaced)) {
      dc_vec_free(&out->readings);
      return dc_rewrite_not_applicable;
    }
    if (c->why_not) {
      dc_vec_free(&out->readings);
      return dc_arena_printf(arena, "%s.%s%s%s cannot move: %s", module, c->cls ? c->cls : "", c->cls ? "." : "",
                             c->name, c->why_not);
    }
    dc_vec_push(&out->readings, ((reading){ts_node_start_byte(replaced) + f->bom, ts_node_end_byte(replaced) + f->bom, c}));
  }
  const char *why = NULL;
  if (!out->readings.size) why = dc_rewrite_not_applicable;
  else if (binding_problem) why = binding_problem;
  else if (ctx->target->problem) why = ctx->target->problem;
  for (uint32_t i = 0; !why && i < out->readings.size; i++)
    if (text_has_identifier(f, out->readings.items[i].c->config_name))
      why = dc_arena_printf(arena, "'%s' is already a name in %s, so the config module's '%s' cannot be imported there",
                            out->readings.items[i].c->config_name, f->file->path, out->readings.items[i].c->config_name);
  if (why) dc_vec_free(&out->readings);
  return why;
}

static const char *check(const dc_source_file *f, const dc_unit *u, const char *binding_problem, dc_arena *arena) {
  unit_plan plan = {0};
  const char *why = analyse(f, u, binding_problem, &plan, arena);
  dc_vec_free(&plan.readings);
  return why;
}

uint32_t dc_config_unit_constants(const dc_source_file *f, const dc_unit *u, const dc_constant **out, uint32_t cap,
                                  dc_arena *arena) {
  unit_plan plan = {0};
  uint32_t n = 0;
  if (!analyse(f, u, NULL, &plan, arena)) {
    if (plan.keep && n < cap) out[n++] = plan.keep;
    for (uint32_t i = 0; i < plan.readings.size; i++) {
      bool seen = false;
      for (uint32_t k = 0; k < n && !seen; k++) seen = out[k] == plan.readings.items[i].c;
      if (!seen && n < cap) out[n++] = plan.readings.items[i].c;
    }
  }
  dc_vec_free(&plan.readings);
  return n;
}

/* "from ..config import " for a module in package `pkg` (its own name for
 * a package __init__): relative when `relative` is asked and the module is
 * inside the config module's package, else absolute. */
static const char *import_prefix(const dc_config_target *t, const char *pkg, bool relative, dc_arena *arena) {
  const char *leaf = strrchr(t->module, '.') ? strrchr(t->module, '.') + 1 : t->module;
  size_t pn = strlen(t->package);
  if (!relative || !pn || strncmp(pkg, t->package, pn) || (pkg[pn] && pkg[pn] != '.'))
    return dc_arena_printf(arena, "from %s import ", t->module);
  dc_buf b = DC_BUF_INIT;
  dc_buf_adds(&b, "from .");
  for (const char *p = pkg + pn; *p; p++)
    if (*p == '.') dc_buf_adds(&b, ".");
  dc_buf_addf(&b, "%s import ", leaf);
  const char *out = dc_arena_strdup(arena, dc_buf_str(&b));
  dc_buf_release(&b);
  return out;
}

/* The package a file's relative imports start from. */
static const char *package_of(const dc_source_file *f, dc_arena *arena) {
  if (f->file->is_package) return f->module;
  const char *dot = strrchr(f->module, '.');
  return dot ? dc_arena_strndup(arena, f->module, (size_t)(dot - f->module)) : "";
}

/* `NAME` or `CONFIG_NAME as NAME`, appended after a separator. */
static void add_imported(dc_buf *b, const char *config_name, const char *as) {
  dc_buf_addf(b, "%s%s", b->len ? ", " : "", config_name);
  if (as && strcmp(as, config_name)) dc_buf_addf(b, " as %s", as);
}

/* Whether `c` is already among the names of `b` ("A, B as C"). */
static bool listed(const dc_buf *b, const char *name) {
  size_t n = strlen(name);
  for (const char *p = dc_buf_str(b); (p = strstr(p, name)); p += n)
    if ((p == b->data || p[-1] == ' ') && (p[n] == '\0' || p[n] == ',')) return true;
  return false;
}

static void insert(const dc_source_file *f, const dc_unit *units, uint32_t n, dc_edits *out, dc_arena *arena) {
  dc_vec(dc_unit) local = {0};
  for (uint32_t i = 0; i < n;) {
    /* In the style of the statement it replaces: relative or absolute. */
    const dc_import *imp = &f->facts->imports[units[i].import_index];
    const char *prefix = import_prefix(f->config->target, package_of(f, arena), imp->level > 0, arena);
    uint32_t j = i;
    dc_buf names = DC_BUF_INIT;
    for (; j < n && units[j].import_index == units[i].import_index; j++) {
      unit_plan plan = {0};
      if (analyse(f, &units[j], NULL, &plan, arena)) DC_BUG("config-module: a checked unit no longer qualifies");
      if (plan.keep) {
        add_imported(&names, plan.keep->config_name, dc_unit_bound_name(f, &units[j], arena));
        continue;
      }
      for (uint32_t k = 0; k < plan.readings.size; k++) {
        const reading *r = &plan.readings.items[k];
        dc_vec_push(out, ((dc_edit){r->start, r->end, r->c->config_name}));
        if (!listed(&names, r->c->config_name)) add_imported(&names, r->c->config_name, NULL);
      }
      dc_vec_free(&plan.readings);
      dc_vec_push(&local, units[j]);
    }
    /* The config import takes the place of the original statement. */
    uint32_t at = f->facts->imports[units[i].import_index].start_byte;
    while (at > 0 && f->src[at - 1] != '\n') at--;
    dc_vec_push(out, ((dc_edit){at, at, dc_arena_printf(arena, "%s%s%s%s", prefix, dc_buf_str(&names),
                                                        dc_rewrite_comment(units[i].cycle, arena), f->uses->eol)}));
    dc_buf_release(&names);
    i = j;
  }
  /* The name left the module level: its uses in functions import it there. */
  if (local.size) dc_rewrite_local_import.insert(f, local.items, local.size, out, arena);
  dc_vec_free(&local);
}

/* Lines the move changes outside the importing file: the constants'
 * definitions in B and their blocks in the config module. */
static uint32_t extra_lines(const dc_source_file *f, const dc_unit *u, dc_arena *arena) {
  const dc_constant *cs[64];
  uint32_t n = dc_config_unit_constants(f, u, cs, 64, arena), lines = 1; /* B's import */
  for (uint32_t i = 0; i < n; i++) {
    uint32_t text_lines = 0;
    for (const char *p = cs[i]->comments; *p; p++) text_lines += *p == '\n';
    for (const char *p = cs[i]->rest; *p; p++) text_lines += *p == '\n';
    lines += text_lines + 2;                    /* the config block and its comment */
    lines += cs[i]->cls ? 2 : text_lines;       /* B: the attribute line, or the definition */
  }
  return lines;
}

/* Whether the line starting at `at` holds only blanks (or is the end). */
static bool blank_line(const dc_source_file *f, uint32_t at) {
  while (at < f->len && (f->src[at] == ' ' || f->src[at] == '\t' || f->src[at] == '\f' || f->src[at] == '\r')) at++;
  return at >= f->len || f->src[at] == '\n';
}

static int cmp_edit_start(const void *a, const void *b) {
  const dc_edit *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Appends the deletions of the moved definitions: adjacent ones as one
 * run, and a run followed by a blank line takes the blank lines before it,
 * so that the code around keeps one separation, not two. */
static void delete_definitions(const dc_source_file *f, dc_edit *dels, uint32_t n, dc_edits *out) {
  if (n > 1) qsort(dels, n, sizeof *dels, cmp_edit_start);
  for (uint32_t i = 0; i < n;) {
    uint32_t start = dels[i].start, end = dels[i].end, j = i + 1;
    while (j < n && dels[j].start == end) end = dels[j++].end;
    while (blank_line(f, end) && start > f->bom) {
      uint32_t prev = start - 1; /* the line before, which ends at start */
      while (prev > f->bom && f->src[prev - 1] != '\n') prev--;
      if (!blank_line(f, prev)) break;
      start = prev;
    }
    dc_vec_push(out, ((dc_edit){start, end, ""}));
    i = j;
  }
}

void dc_config_definer_edits(const dc_source_file *f, const dc_config_target *target, const dc_moved_constant *moved,
                             uint32_t n, dc_edits *out, dc_arena *arena) {
  dc_buf names = DC_BUF_INIT;
  uint32_t first = UINT32_MAX, n_dels = 0;
  dc_edit *dels = dc_arena_alloc(arena, (n ? n : 1) * sizeof *dels);
  for (uint32_t i = 0; i < n; i++) {
    const dc_constant *c = moved[i].c;
    if (c->cls) {
      dc_vec_push(out, ((dc_edit){c->value_start, c->value_end, c->config_name}));
      if (!listed(&names, c->config_name)) add_imported(&names, c->config_name, NULL);
    } else {
      dels[n_dels++] = (dc_edit){c->del_start, c->del_end, ""};
      add_imported(&names, c->config_name, c->name);
    }
    uint32_t anchor = c->cls ? c->anchor : c->del_start;
    if (anchor < first) first = anchor;
  }
  delete_definitions(f, dels, n_dels, out);
  /* With the imports when they all come first, else before the first use;
   * relative when the file has relative imports. */
  uint32_t at = f->uses->after_imports > 0 && f->uses->after_imports <= first ? f->uses->after_imports : first;
  bool relative = false;
  for (uint32_t i = 0; i < f->facts->n_imports; i++) relative |= f->facts->imports[i].level > 0;
  dc_vec_push(out, ((dc_edit){at, at, dc_arena_printf(arena, "%s%s%s%s", import_prefix(target, package_of(f, arena), relative, arena),
                                                      dc_buf_str(&names), dc_rewrite_comment(moved[0].cycle, arena),
                                                      f->uses->eol)}));
  dc_buf_release(&names);
}

static const char header_first_line[] = "# Generated by decycle: constants moved here to break import cycles.";

bool dc_config_is_generated(const char *text, uint32_t len) {
  size_t n = strlen(header_first_line);
  return len >= n && !memcmp(text, header_first_line, n);
}

/* Appends `s` with each '\n' written as `eol`. */
static void add_eol(dc_buf *b, const char *s, const char *eol) {
  for (; *s; s++) {
    if (*s == '\n') dc_buf_adds(b, eol);
    else dc_buf_add(b, s, 1);
  }
}

const char *dc_config_module_text(const char *old, uint32_t old_len, const dc_moved_constant *moved, uint32_t n,
                                  const char *eol, dc_arena *arena) {
  dc_buf b = DC_BUF_INIT;
  if (old) {
    dc_buf_add(&b, old, old_len);
    if (old_len && old[old_len - 1] != '\n') dc_buf_adds(&b, eol);
  } else {
    add_eol(&b, header_first_line, eol);
    dc_buf_adds(&b, eol);
    add_eol(&b, "# decycle adds to it when it breaks more cycles; edit it like any other module.\n", eol);
    add_eol(&b, "from __future__ import annotations\n", eol);
  }
  for (uint32_t i = 0; i < n; i++) {
    const dc_constant *c = moved[i].c;
    dc_buf_adds(&b, eol);
    add_eol(&b, dc_arena_printf(arena, "# %s.%s%s%s: breaks the import cycle %s\n", moved[i].module, c->cls ? c->cls : "",
                                c->cls ? "." : "", c->name, moved[i].cycle),
            eol);
    add_eol(&b, c->comments, eol);
    dc_buf_adds(&b, c->config_name);
    add_eol(&b, c->rest, eol);
  }
  const char *out = dc_arena_strdup(arena, dc_buf_str(&b));
  dc_buf_release(&b);
  return out;
}

const dc_rewrite dc_rewrite_config_module = {"config-module", check, insert, extra_lines};

/* The package of project file `f` ("" at the top level). */
static const char *file_package(const dc_file *f, dc_arena *arena) {
  if (f->is_package) return f->module;
  const char *dot = strrchr(f->module, '.');
  return dot ? dc_arena_strndup(arena, f->module, (size_t)(dot - f->module)) : "";
}

/* Whether project file `f` lies in package `pkg` or below it ("" holds
 * every file); as comparing file_package, without allocating. */
static bool in_package(const dc_file *f, const char *pkg) {
  size_t k = strlen(pkg);
  const char *dot = strrchr(f->module, '.');
  size_t len = f->is_package ? strlen(f->module) : dot ? (size_t)(dot - f->module) : 0;
  return !k || (len >= k && !strncmp(f->module, pkg, k) && (len == k || f->module[k] == '.'));
}

static uint32_t depth(const char *dotted) {
  uint32_t d = *dotted ? 1 : 0;
  for (; *dotted; dotted++) d += *dotted == '.';
  return d;
}

/* The folder (relative to PATH, "" for PATH itself) of package `pkg`, an
 * ancestor of project file f's package. */
static const char *package_dir(const dc_file *f, const char *pkg, dc_arena *arena) {
  const char *path = f->path;
  size_t n = strrchr(path, '/') ? (size_t)(strrchr(path, '/') - path) : 0;
  for (uint32_t up = depth(file_package(f, arena)) - depth(pkg); up > 0; up--)
    while (n > 0 && path[--n] != '/') {
    }
  return dc_arena_strndup(arena, path, n);
}

static int32_t find_module(const dc_project *p, const char *module) {
  for (uint32_t i = 0; i < p->n_files; i++)
    if (!strcmp(p->files[i].module, module)) return (int32_t)i;
  return -1;
}

/* Whether `leaf` is taken in package `pkg` at folder `dir`: a project
 * module or namespace, a file or folder of that name, or a name its
 * __init__ binds. */
static bool name_taken(const dc_project *p, dc_facts *facts, const char *pkg, const char *dir,
                       const char *leaf, dc_arena *arena) {
  const char *module = *pkg ? dc_arena_printf(arena, "%s.%s", pkg, leaf) : leaf;
  if (find_module(p, module) >= 0) return true;
  for (uint32_t i = 0; i < p->n_namespaces; i++)
    if (!strcmp(p->namespaces[i], module)) return true;
  const char *base = *dir ? dc_arena_printf(arena, "%s/%s/%s", p->path, dir, leaf) : dc_arena_printf(arena, "%s/%s", p->path, leaf);
  static const char *const suffixes[] = {"", ".py", ".pyi", ".pyc", ".pyw", ".so", ".pyd"};
  for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
    if (!access(dc_arena_printf(arena, "%s%s", base, suffixes[i]), F_OK)) return true;
  int32_t init = *pkg ? find_module(p, pkg) : -1;
  const dc_file_facts *ff = init >= 0 ? dc_facts_of(facts, (uint32_t)init) : NULL;
  for (uint32_t i = 0; ff && i < ff->n_bindings; i++)
    if (!strcmp(ff->bindings[i].name, leaf)) return true;
  return false;
}

/* Whether project file `file` is a config module decycle generated and
 * that still imports nothing (else it is the user's now). */
static bool generated(const dc_project *p, dc_facts *facts, int32_t file) {
  dc_source src;
  const dc_file_facts *f = file >= 0 ? dc_facts_of(facts, (uint32_t)file) : NULL;
  if (!f || p->files[file].kind != DC_MODULE_SOURCE) return false;
  for (uint32_t i = 0; i < f->n_imports; i++)
    if (!f->imports[i].module || strcmp(f->imports[i].module, "__future__")) return false;
  if (dc_source_read(p->files[file].open_path, &src) != 0) return false;
  bool yes = dc_config_is_generated(src.data + src.bom, src.len - src.bom);
  free(src.data);
  return yes;
}

/* Fills the location of a config module named `leaf` in `pkg` at `dir`. */
static void place(dc_config_target *t, const dc_project *p, const char *pkg, const char *dir, const char *leaf,
                  dc_arena *arena) {
  t->package = pkg;
  t->module = *pkg ? dc_arena_printf(arena, "%s.%s", pkg, leaf) : leaf;
  t->path = *dir ? dc_arena_printf(arena, "%s/%s.py", dir, leaf) : dc_arena_printf(arena, "%s.py", leaf);
  t->open_path = dc_arena_printf(arena, "%s/%s", p->path, t->path);
  t->file = find_module(p, t->module);
}

dc_config_target dc_config_target_for(const dc_project *p, dc_facts *facts, const uint32_t *files,
                                      uint32_t n, const char *override, dc_arena *arena) {
  dc_config_target t = {.file = -1};
  const char *pkg = NULL;
  if (override) {
    const char *dot = strrchr(override, '.');
    pkg = dot ? dc_arena_strndup(arena, override, (size_t)(dot - override)) : "";
  } else {
    /* The longest common dotted prefix of the files' packages. */
    for (uint32_t i = 0; i < n; i++) {
      const char *fp = file_package(&p->files[files[i]], arena);
      if (!pkg) {
        pkg = fp;
        continue;
      }
      size_t last = 0;
      for (size_t k = 0;; k++) {
        bool end_a = pkg[k] == '\0' || pkg[k] == '.', end_b = fp[k] == '\0' || fp[k] == '.';
        if (end_a && end_b) last = k;
        if ((end_a && end_b && (!pkg[k] || !fp[k])) || pkg[k] != fp[k]) break;
      }
      pkg = dc_arena_strndup(arena, pkg, last);
    }
    if (!pkg) pkg = "";
  }
  /* The package's folder, from a file inside it. */
  const char *dir = NULL;
  for (uint32_t i = 0; i < p->n_files && !dir; i++)
    if (in_package(&p->files[i], pkg)) dir = package_dir(&p->files[i], pkg, arena);
  if (n && !override) dir = package_dir(&p->files[files[0]], pkg, arena);
  if (!dir) {
    t.problem = dc_arena_printf(arena, "--config-module %s: package '%s' is not part of the project", override, pkg);
    return t;
  }
  if (override) {
    place(&t, p, pkg, dir, strrchr(override, '.') ? strrchr(override, '.') + 1 : override, arena);
    if (t.file >= 0 && !generated(p, facts, t.file))
      t.problem = dc_arena_printf(arena, "--config-module %s is a module of the project that decycle did not generate",
                                  override);
    return t;
  }
  static const char *const leaves[] = {"config", "_decycle_config"};
  for (size_t i = 0; i < 2; i++) {
    place(&t, p, pkg, dir, leaves[i], arena);
    if (generated(p, facts, t.file)) return t;
    if (!name_taken(p, facts, pkg, dir, leaves[i], arena)) {
      t.file = -1;
      return t;
    }
  }
  t.problem = dc_arena_printf(arena, "both 'config' and '_decycle_config' are taken in %s",
                              *pkg ? pkg : "the top-level folder");
  return t;
}
