/*
 * fuzz_rewrite.c - libFuzzer target for the whole rewrite path: the input
 * becomes module pkg.a of a small project in which pkg.b imports pkg.a, and
 * pkg.a starts by importing pkg.b, so there is always a cycle to plan. When
 * the input's first byte is even, pkg.b uses pkg.a only in a function (the
 * cut is usually b -> a); when it is odd, pkg.b needs pkg.a at import time
 * and defines constants, and pkg.a imports them (the config-module
 * strategy's ground). The project is scanned, parsed, planned and
 * rewritten, and the rewrite is verified in memory (re-parsed, re-analysed).
 * A verification failure is a decycle bug and aborts, like a crash.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fix.h"
#include "graph.h"
#include "parse.h"
#include "scan.h"
#include "scc.h"
#include "verify.h"

static char root[64];

static void put(const char *rel, const void *data, size_t n) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (n) fwrite(data, 1, n, f);
  fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > (1u << 16)) return 0;
  if (!root[0]) {
    strcpy(root, "/tmp/decycle-fuzz-XXXXXX");
    if (!mkdtemp(root)) abort();
    char pkg[128];
    snprintf(pkg, sizeof pkg, "%s/pkg", root);
    mkdir(pkg, 0755);
    put("pkg/__init__.py", "", 0);
  }
  bool config = size && (data[0] & 1);
  const char b_deferred[] = "from pkg import a\n\n\ndef use():\n    return a\n";
  const char b_config[] = "from pkg import a\n\nLIMIT = 3  # limit\nNAMES = ('x',\n         'y')\n\n\n"
                          "class K:\n    size = 2\n\n\nALIAS = a\n\n\ndef use():\n    return a\n";
  if (config) put("pkg/b.py", b_config, sizeof b_config - 1);
  else put("pkg/b.py", b_deferred, sizeof b_deferred - 1);
  const char *head = config ? "from pkg.b import use, LIMIT, K\nfrom pkg import b\n" : "from pkg.b import use\n";
  size_t n_head = strlen(head);
  char *text = malloc(n_head + size + 1);
  memcpy(text, head, n_head);
  memcpy(text + n_head, data, size);
  put("pkg/a.py", text, n_head + size);
  free(text);

  dc_arena arena;
  dc_arena_init(&arena);
  dc_diags diags = {0};
  dc_scan_options o = {root, NULL, 0, NULL, 0, 0, NULL, NULL};
  dc_project *p = dc_scan(&o, &arena, &diags);
  if (!p) abort();
  dc_facts *facts = dc_parse_project(p, 1, NULL, NULL, NULL, &arena, &diags);
  dc_graph *g = dc_graph_build(p, facts, &arena, &diags);
  dc_components *c = dc_scc_find(g, &arena);
  dc_fix *fix = dc_fix_build(p, g, c, facts, NULL, &arena, &diags);
  if (dc_verify(p, g, facts, fix, &arena) != 0) {
    fprintf(stderr, "verification failed: %s\n", dc_error_message());
    abort();
  }
  dc_facts_release(facts);
  dc_diags_release(&diags);
  dc_arena_release(&arena);
  return 0;
}
