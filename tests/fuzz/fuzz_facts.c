/*
 * fuzz_facts.c - libFuzzer target: any bytes as a Python file through the
 * parse, facts and uses stages. A crash, a sanitizer report or a hang is a
 * finding; each finding becomes a regression case in golden/ or tests/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "parse.h"
#include "uses.h"

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
  TSTree *tree = dc_parse_source(parser, &src, "fuzz.py", &arena, &diags);
  if (tree) {
    dc_file_facts *f = dc_facts_extract(src.data, src.len, src.bom, tree, 0, &arena);
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
