/*
 * main.c - the decycle command line: parse options, run the pipeline
 * scan -> parse/facts -> graph -> scc -> plan/rewrite (fix) -> verify ->
 * diff | apply -> report, and map the outcome to the exit codes of the CLI
 * contract (DESIGN.md, README.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apply.h"
#include "arena.h"
#include "diag.h"
#include "fix.h"
#include "graph.h"
#include "parse.h"
#include "pycheck.h"
#include "regex.h"
#include "report.h"
#include "scan.h"
#include "scc.h"
#include "verify.h"
#include "vec.h"

/* The exit codes; README.md mirrors them. */
enum exit_code {
  EXIT_CLEAN = 0,       /* no import-time cycle; --diff: empty diff; --apply: every cycle broken */
  EXIT_CYCLES = 1,      /* import-time cycles found; --diff: the diff is not empty */
  EXIT_USAGE_OR_IO = 2, /* bad options, unreadable PATH, output or write error */
  EXIT_UNBREAKABLE = 3, /* --apply: unbreakable cycles remain (the rest was applied) */
};

/* The report formats; text and json are also accepted with --diff, --apply
 * and --explain (which ignore them), the others only for the report. */
enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_GITHUB, FORMAT_SARIF, FORMAT_DOT };
static const char *const format_names[] = {"text", "json", "github", "sarif", "dot"};
enum mode { MODE_REPORT, MODE_DIFF, MODE_APPLY, MODE_EXPLAIN };

/* options - the parsed command line. */
typedef struct options {
  enum format format;
  enum mode mode;
  bool verify;        /* --verify: import the changed components on a copy */
  const char *python; /* the interpreter --verify runs */
  const char *config_module; /* --config-module: where moved constants go */
  const char *path;
  dc_vec(const char *) roots;
  dc_vec(const char *) excludes;
  unsigned jobs;
} options;

static const char usage[] =
    "usage: decycle [--diff | --apply | --explain] [--format text|json|github|sarif|dot]\n"
    "               [--root DIR]... [--exclude REGEX]... [--config-module DOTTED.NAME]\n"
    "               [-j N] [PATH]\n"
    "\n"
    "Reports the import-time import cycles of the Python project at PATH (default '.'),\n"
    "and breaks them.\n"
    "\n"
    "  --diff              print the rewrite that breaks them as a unified diff\n"
    "  --apply             rewrite the files in place (verified first, all or nothing)\n"
    "  --explain           say why each cut edge was chosen and why the others cannot be cut\n"
    "  --verify            with --diff or --apply: first import every module of the changed\n"
    "                      cycles in a fresh python3, on a copy, before and after the rewrite;\n"
    "                      refuse the rewrite if a module that imported before fails after\n"
    "                      (this runs the project's code)\n"
    "  --python PATH       the interpreter --verify runs (default python3)\n"
    "  --config-module DOTTED.NAME\n"
    "                      the module that constants moved to break cycles go to\n"
    "                      (default: config, else _decycle_config, in the cycle's package)\n"
    "  --format FORMAT     report format on stdout (default text): text, json,\n"
    "                      github (GitHub Actions annotations), sarif (SARIF 2.1.0)\n"
    "                      or dot (Graphviz); github, sarif and dot are for the\n"
    "                      report only, not with --diff, --apply or --explain\n"
    "  --root DIR          a folder, relative to PATH, that holds top-level modules;\n"
    "                      repeatable; default: PATH/src when it holds the code, else PATH\n"
    "  --exclude REGEX     skip files and folders whose path relative to PATH matches\n"
    "                      (PCRE2); repeatable; added to the default excludes\n"
    "  -j, --jobs N        parse on N threads (default: the number of CPUs)\n"
    "  -h, --help          show this help\n"
    "      --version       show the version\n"
    "\n"
    "exit status: 0 no import-time cycle (--diff: empty; --apply: all broken),\n"
    "  1 cycles found (--diff: not empty), 2 usage or I/O error,\n"
    "  3 --apply left unbreakable cycles\n";

static int usage_error(const char *fmt, const char *arg) {
  fputs("decycle: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\ntry 'decycle --help'\n", stderr);
  return EXIT_USAGE_OR_IO;
}

/* Matches `--name VALUE` or `--name=VALUE` at argv[*i]; returns the value,
 * advancing *i, or NULL when argv[*i] is another option. Sets *missing when
 * the option is there without its value. */
static const char *option_value(int argc, char **argv, int *i, const char *name, bool *missing) {
  size_t n = strlen(name);
  const char *arg = argv[*i];
  if (strncmp(arg, name, n)) return NULL;
  if (arg[n] == '=') return arg + n + 1;
  if (arg[n] != '\0') return NULL;
  if (*i + 1 >= argc) {
    *missing = true;
    return NULL;
  }
  return argv[++*i];
}

static int parse_jobs(const char *s, unsigned *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || end == s || v < 1 || v > 1024) return -1;
  *out = (unsigned)v;
  return 0;
}

/* Whether `s` is a dotted module name: identifiers joined by dots. */
static bool dotted_name(const char *s) {
  for (;;) {
    size_t n = strcspn(s, ".");
    if (!n || !dc_is_identifier(s, (uint32_t)n)) return false;
    if (!s[n]) return true;
    s += n + 1;
  }
}

/* Returns -1 to go on, or an exit code. */
static int parse_options(int argc, char **argv, options *o) {
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i], *v;
    bool missing = false;
    if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
      fputs(usage, stdout);
      return EXIT_CLEAN;
    } else if (!strcmp(arg, "--version")) {
      printf("decycle %s\n", DECYCLE_VERSION);
      return EXIT_CLEAN;
    } else if ((v = option_value(argc, argv, &i, "--format", &missing))) {
      size_t f = 0;
      while (f < sizeof format_names / sizeof *format_names && strcmp(v, format_names[f])) f++;
      if (f == sizeof format_names / sizeof *format_names)
        return usage_error("unknown format '%s' (expected text, json, github, sarif or dot)", v);
      o->format = (enum format)f;
    } else if (!strcmp(arg, "--verify")) {
      o->verify = true;
    } else if ((v = option_value(argc, argv, &i, "--python", &missing))) {
      o->python = v;
    } else if ((v = option_value(argc, argv, &i, "--config-module", &missing))) {
      if (!dotted_name(v)) return usage_error("--config-module needs a dotted module name, not '%s'", v);
      o->config_module = v;
    } else if ((v = option_value(argc, argv, &i, "--root", &missing))) {
      dc_vec_push(&o->roots, v);
    } else if ((v = option_value(argc, argv, &i, "--exclude", &missing))) {
      dc_vec_push(&o->excludes, v);
    } else if ((v = option_value(argc, argv, &i, "--jobs", &missing)) ||
               (v = option_value(argc, argv, &i, "-j", &missing)) ||
               (!strncmp(arg, "-j", 2) && arg[2] && (v = arg + 2))) {
      if (parse_jobs(v, &o->jobs)) return usage_error("invalid job count '%s'", v);
    } else if (missing) {
      return usage_error("option '%s' needs a value", arg);
    } else if (!strcmp(arg, "--diff") || !strcmp(arg, "--apply") || !strcmp(arg, "--explain")) {
      enum mode m = arg[2] == 'd' ? MODE_DIFF : arg[2] == 'a' ? MODE_APPLY : MODE_EXPLAIN;
      if (o->mode != MODE_REPORT && o->mode != m) return usage_error("'%s' cannot be combined with another mode", arg);
      o->mode = m;
    } else if (arg[0] == '-' && arg[1]) {
      return usage_error("unknown option '%s'", arg);
    } else if (o->path) {
      return usage_error("only one PATH can be given, not also '%s'", arg);
    } else {
      o->path = arg;
    }
  }
  if (o->verify && o->mode != MODE_DIFF && o->mode != MODE_APPLY)
    return usage_error("%s needs --diff or --apply", "--verify");
  if (o->format > FORMAT_JSON && o->mode != MODE_REPORT)
    return usage_error("'--format %s' is a report format; it cannot be combined with --diff, --apply or --explain",
                       format_names[o->format]);
  return -1;
}

int main(int argc, char **argv) {
  options o = {0};
  o.python = "python3";
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  o.jobs = cpus > 0 ? (unsigned)cpus : 1;
  int early = parse_options(argc, argv, &o);
  if (early >= 0) goto out_options;
  if (!o.path) o.path = ".";

  int rc = EXIT_USAGE_OR_IO;
  dc_arena arena;
  dc_arena_init(&arena);
  dc_diags diags = {0};
  dc_regex **excludes = dc_xcalloc(o.excludes.size ? o.excludes.size : 1, sizeof *excludes);
  for (uint32_t i = 0; i < o.excludes.size; i++) {
    excludes[i] = dc_regex_new(o.excludes.items[i]);
    if (!excludes[i]) {
      fprintf(stderr, "decycle: %s\n", dc_error_message());
      goto out;
    }
  }
  dc_scan_options scan = {o.path, o.roots.items, o.roots.size, excludes, o.excludes.size};
  dc_project *project = dc_scan(&scan, &arena, &diags);
  if (!project) {
    fprintf(stderr, "decycle: %s\n", dc_error_message());
    goto out;
  }
  dc_file_facts **facts = dc_parse_project(project, o.jobs, &arena, &diags);
  dc_graph *graph = dc_graph_build(project, facts, &arena, &diags);
  dc_components *components = dc_scc_find(graph, &arena);
  dc_fix *fix = dc_fix_build(project, graph, components, facts, o.config_module, &arena, &diags);
  dc_diags_sort(&diags);
  dc_report_diags(&diags, stderr);
  dc_analysis analysis = {project, graph, components, &diags, fix};

  if (o.mode == MODE_DIFF || o.mode == MODE_APPLY) {
    if (dc_verify(project, graph, facts, fix, &arena) != 0) {
      fprintf(stderr, "decycle: internal error: %s\n", dc_error_message());
      goto out;
    }
    dc_report_cuts(&analysis, stderr);
    if (o.verify && fix->n_changes) {
      dc_pycheck check;
      if (dc_pycheck_run(project, graph, components, fix, o.python, &check, &arena) != 0) {
        fprintf(stderr, "decycle: --verify: %s\n", dc_error_message());
        goto out;
      }
      dc_report_pycheck(&check, stderr);
      if (check.n_broken) goto out;
    }
  }
  bool unbreakable = false;
  for (uint32_t i = 0; i < fix->n_components; i++) unbreakable |= fix->components[i].unbreakable;
  switch (o.mode) {
  case MODE_REPORT:
    switch (o.format) {
    case FORMAT_TEXT: dc_report_text(&analysis, stdout); break;
    case FORMAT_JSON: dc_report_json(&analysis, stdout); break;
    case FORMAT_GITHUB: dc_report_github(&analysis, stdout); break;
    case FORMAT_SARIF: dc_report_sarif(&analysis, stdout); break;
    case FORMAT_DOT: dc_report_dot(&analysis, stdout); break;
    }
    rc = components->n ? EXIT_CYCLES : EXIT_CLEAN;
    break;
  case MODE_EXPLAIN:
    dc_report_explain(&analysis, stdout);
    rc = components->n ? EXIT_CYCLES : EXIT_CLEAN;
    break;
  case MODE_DIFF:
    dc_report_diff(&analysis, stdout);
    rc = fix->n_changes ? EXIT_CYCLES : EXIT_CLEAN;
    break;
  case MODE_APPLY:
    if (dc_apply(fix) != 0) {
      fprintf(stderr, "decycle: %s\n", dc_error_message());
      goto out;
    }
    fprintf(stderr, "decycle: %u file%s rewritten\n", fix->n_changes, fix->n_changes == 1 ? "" : "s");
    rc = unbreakable ? EXIT_UNBREAKABLE : EXIT_CLEAN;
    break;
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "decycle: cannot write the report: %s\n", strerror(errno));
    rc = EXIT_USAGE_OR_IO;
  }

out:
  for (uint32_t i = 0; i < o.excludes.size; i++) dc_regex_free(excludes[i]);
  free(excludes);
  dc_diags_release(&diags);
  dc_arena_release(&arena);
  dc_vec_free(&o.roots);
  dc_vec_free(&o.excludes);
  return rc;

out_options:
  dc_vec_free(&o.roots);
  dc_vec_free(&o.excludes);
  return early;
}
