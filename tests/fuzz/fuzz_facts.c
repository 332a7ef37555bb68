/*
 * fuzz_facts.c - libFuzzer target: any bytes as a Python file through the
 * parse, facts and uses stages. A crash, a sanitizer report or a hang is a
 * finding; each finding becomes a regression case in golden/ or tests/.
 *
 * The token scanner (quickscan.c) runs on the same bytes as an oracle:
 * whenever it accepts them, tree-sitter must find no syntax error and
 * dc_facts_extract must give the same facts, field by field, for the
 * default target and for a 3.14 target (lazy annotations).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "parse.h"
#include "pywalk.h"
#include "quickscan.h"
#include "uses.h"

static bool same_str(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

/* Whether two facts are equal in every field. */
static bool same_facts(const dc_file_facts *a, const dc_file_facts *b) {
  if (a->future_annotations != b->future_annotations || a->n_imports != b->n_imports ||
      a->n_bindings != b->n_bindings || a->n_uses != b->n_uses || a->has_all != b->has_all)
    return false;
  for (uint32_t i = 0; i < a->n_imports; i++) {
    const dc_import *x = &a->imports[i], *y = &b->imports[i];
    if (x->form != y->form || x->scope != y->scope || x->star != y->star || x->module_level != y->module_level ||
        x->level != y->level || !same_str(x->module, y->module) || x->n_names != y->n_names ||
        x->start_byte != y->start_byte || x->end_byte != y->end_byte || x->line != y->line || x->col != y->col ||
        !same_str(x->statement, y->statement))
      return false;
    for (uint32_t j = 0; j < x->n_names; j++)
      if (!same_str(x->names[j].name, y->names[j].name) || !same_str(x->names[j].alias, y->names[j].alias))
        return false;
  }
  for (uint32_t i = 0; i < a->n_bindings; i++)
    if (!same_str(a->bindings[i].name, b->bindings[i].name) ||
        a->bindings[i].import_index != b->bindings[i].import_index ||
        a->bindings[i].name_index != b->bindings[i].name_index)
      return false;
  for (uint32_t i = 0; i < a->n_uses; i++) {
    const dc_attr_use *x = &a->uses[i], *y = &b->uses[i];
    if (!same_str(x->attr, y->attr) || x->import_index != y->import_index || x->name_index != y->name_index ||
        x->line != y->line || x->col != y->col || !same_str(x->statement, y->statement))
      return false;
  }
  if (a->has_all) {
    if (a->n_all != b->n_all) return false;
    for (uint32_t i = 0; i < a->n_all; i++)
      if (!same_str(a->all[i], b->all[i])) return false;
  }
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > (1u << 20)) return 0;
  static TSParser *parser;
  if (!parser) {
    parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_python());
  }
  char *copy = malloc(size + 1);
  memcpy(copy, data, size);
  copy[size] = '\0';
  dc_source src = {copy, (uint32_t)size, size >= 3 && !memcmp(copy, "\xef\xbb\xbf", 3) ? 3 : 0};
  dc_arena arena;
  dc_arena_init(&arena);
  dc_diags diags = {0};
  dc_file_facts *quick = dc_quickscan(src.data, src.len, src.bom, 0, &arena);
  TSTree *tree = dc_parse_source(parser, &src, "fuzz.py", &arena, &diags);
  dc_parser_renew_after(&parser, tree); /* so that inputs do not influence each other */
  if (quick && (!tree || diags.size)) __builtin_trap(); /* accepted a file tree-sitter reports */
  if (tree) {
    dc_file_facts *f = dc_facts_extract(src.data, src.len, src.bom, tree, 0, &arena);
    if (quick && !same_facts(f, quick)) __builtin_trap(); /* the scanner disagrees */
    /* The same with a 3.14 target, where no annotation is evaluated. */
    dc_file_facts *lazy_quick = dc_quickscan(src.data, src.len, src.bom, DC_PY_WALK_LAZY_ANNOTATIONS, &arena);
    dc_file_facts *lazy = dc_facts_extract(src.data, src.len, src.bom, tree, DC_PY_WALK_LAZY_ANNOTATIONS, &arena);
    if (lazy_quick && !same_facts(lazy, lazy_quick)) __builtin_trap();
    const char **names = malloc((f->n_bindings + 1) * sizeof *names);
    for (uint32_t i = 0; i < f->n_bindings; i++) names[i] = f->bindings[i].name;
    dc_uses_analyse(src.data, src.len, src.bom, tree, names, f->n_bindings, 0, &arena);
    free(names);
    ts_tree_delete(tree);
  }
  dc_diags_release(&diags);
  dc_arena_release(&arena);
  free(copy);
  return 0;
}
