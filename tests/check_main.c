/*
 * check_main.c - runs the Check suites: all of them, or the one named by the
 * first argument (ctest runs one entry per suite).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_decycle.h"

int main(int argc, char **argv) {
  struct {
    const char *name;
    Suite *(*make)(void);
  } suites[] = {
      {"scan", make_scan_suite},
      {"facts", make_facts_suite},
      {"graph", make_graph_suite},
      {"scc", make_scc_suite},
      {"uses", make_uses_suite},
      {"constants", make_constants_suite},
      {"plan", make_plan_suite},
      {"diff", make_diff_suite},
      {"apply", make_apply_suite},
      {"pyproject", make_pyproject_suite},
      {"memo", make_memo_suite},
  };
  SRunner *runner = NULL;
  for (size_t i = 0; i < sizeof suites / sizeof *suites; i++) {
    if (argc > 1 && strcmp(argv[1], suites[i].name)) continue;
    if (!runner) runner = srunner_create(suites[i].make());
    else srunner_add_suite(runner, suites[i].make());
  }
  if (!runner) {
    fprintf(stderr, "check_decycle: no suite named '%s'\n", argv[1]);
    return 2;
  }
  srunner_run_all(runner, CK_NORMAL);
  int failed = srunner_ntests_failed(runner);
  srunner_free(runner);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
