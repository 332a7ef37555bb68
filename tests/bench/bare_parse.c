/*
 * bare_parse.c - the benchmark's baseline: read and parse with tree-sitter
 * every file named on stdin (one path per line), on N threads, freeing each
 * tree at once, and nothing else. decycle's full analysis is compared with
 * this (tests/bench/run.py).
 *
 * usage: bare_parse [-j N] < file-list
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "parse.h"
#include "vec.h"

static dc_vec(char *) paths;
static atomic_uint next_file;
static atomic_ulong total_nodes;

static void *work(void *arg) {
  (void)arg;
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  for (;;) {
    uint32_t i = atomic_fetch_add(&next_file, 1);
    if (i >= paths.size) break;
    dc_source src;
    if (dc_source_read(paths.items[i], &src) != 0) continue;
    TSTree *tree = ts_parser_parse_string(parser, NULL, src.data + src.bom, src.len - src.bom);
    if (tree) {
      atomic_fetch_add(&total_nodes, ts_node_child_count(ts_tree_root_node(tree)));
      ts_tree_delete(tree);
    }
    free(src.data);
  }
  ts_parser_delete(parser);
  return NULL;
}

int main(int argc, char **argv) {
  unsigned jobs = 1;
  if (argc == 3 && !strcmp(argv[1], "-j")) jobs = (unsigned)atoi(argv[2]);
  if (jobs < 1) jobs = 1;
  char line[8192];
  while (fgets(line, sizeof line, stdin)) {
    line[strcspn(line, "\n")] = '\0';
    if (*line) dc_vec_push(&paths, dc_xstrdup(line));
  }
  pthread_t *threads = calloc(jobs, sizeof *threads);
  for (unsigned t = 0; t < jobs; t++) pthread_create(&threads[t], NULL, work, NULL);
  for (unsigned t = 0; t < jobs; t++) pthread_join(threads[t], NULL);
  printf("%u files, %lu top-level nodes\n", paths.size, (unsigned long)atomic_load(&total_nodes));
  for (uint32_t i = 0; i < paths.size; i++) free(paths.items[i]);
  dc_vec_free(&paths);
  free(threads);
  return 0;
}
