/*
 * fuzz_rewrite.c - libFuzzer target for the whole rewrite path: the input
 * becomes module pkg.a of a small project in which pkg.b imports pkg.a and
 * uses it only in a function, and pkg.a starts by importing pkg.b, so there
 * is always a cycle to plan. The project is scanned, parsed, planned and
 * rewritten, and the rewrite is verified in memory (re-parsed, re-analysed).
 * A verification failure is a decycle bug and aborts, like a crash.
 */
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
    const char b[] = "from pkg import a\n\n\ndef use():\n    return a\n";
    put("pkg/b.py", b, sizeof b - 1);
  }
  const char head[] = "from pkg.b import use\n";
  char *text = malloc(sizeof head + size);
  memcpy(text, head, sizeof head - 1);
  memcpy(text + sizeof head - 1, data, size);
  put("pkg/a.py", text, sizeof head - 1 + size);
  free(text);

  dc_arena arena;
  dc_arena_init(&arena);
  dc_diags diags = {0};
  dc_scan_options o = {root, NULL, 0, NULL, 0};
  dc_project *p = dc_scan(&o, &arena, &diags);
  if (!p) abort();
  dc_file_facts **facts = dc_parse_project(p, 1, &arena, &diags);
  dc_graph *g = dc_graph_build(p, facts, &arena, &diags);
  dc_components *c = dc_scc_find(g, &arena);
  dc_fix *fix = dc_fix_build(p, g, c, facts, NULL, &arena, &diags);
  if (dc_verify(p, g, facts, fix, &arena) != 0) {
    fprintf(stderr, "verification failed: %s\n", dc_error_message());
    abort();
  }
  dc_diags_release(&diags);
  dc_arena_release(&arena);
  return 0;
}
