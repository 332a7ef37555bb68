/*
 * main.c - the decycle command line: parse options, run the pipeline
 * scan -> parse/facts -> graph -> scc -> plan/rewrite (fix) -> verify ->
 * diff | apply -> report, and map the outcome to the exit codes of the CLI
 * contract (DESIGN.md, README.md). Settings come from the command line,
 * then [tool.decycle] in PATH/pyproject.toml (pyproject.c), then defaults.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apply.h"
#include "arena.h"
#include "baseline.h"
#include "diag.h"
#include "fix.h"
#include "graph.h"
#include "parse.h"
#include "pycheck.h"
#include "pyproject.h"
#include "regex.h"
#include "report.h"
#include "report_baseline.h"
#include "scan.h"
#include "scc.h"
#include "verify.h"
#include "vec.h"

/* The exit codes; README.md mirrors them. */
enum exit_code {
  EXIT_CLEAN = 0,       /* no import-time cycle; --diff: empty diff; --apply: every cycle broken */
  EXIT_CYCLES = 1,      /* import-time cycles found (not in the baseline); --diff: the diff is not empty */
  EXIT_USAGE_OR_IO = 2, /* bad options or pyproject.toml or baseline, unreadable PATH, output or write error */
  EXIT_UNBREAKABLE = 3, /* --apply: unbreakable cycles remain (the rest was applied) */
};

enum format { FORMAT_TEXT, FORMAT_JSON };
enum mode { MODE_REPORT, MODE_DIFF, MODE_APPLY, MODE_EXPLAIN };

/* options - the parsed command line. */
typedef struct options {
  enum format format;
  enum mode mode;
  bool verify;        /* --verify: import the changed components on a copy */
  const char *python; /* the interpreter --verify runs */
  const char *config_module; /* --config-module: where moved constants go */
  const char *strategies;    /* --strategies: the allowed strategies, comma-separated */
  const char *target;        /* --target-version 3.X */
  bool check;                /* --check: the report without the plan */
  const char *baseline;      /* --baseline FILE */
  const char *write_baseline; /* --write-baseline FILE */
  const char *path;
  dc_vec(const char *) roots;
  dc_vec(const char *) excludes;
  unsigned jobs;
} options;

/* The --help text: one screen (24 lines of 80 columns at most, which the
 * dist/help test checks); the man page (src/dist/decycle.1) has the details
 * and lists the same options (dist/man-sync). */
static const char usage[] =
    "usage: decycle [--diff | --apply | --explain | --check] [OPTIONS] [PATH]\n"
    "Finds and breaks the import-time import cycles of the Python project at PATH\n"
    "(default .). Settings: [tool.decycle] in PATH/pyproject.toml; options win.\n"
    "\n"
    "  --diff                  print the rewrite that breaks them as a unified diff\n"
    "  --apply                 rewrite the files in place (verified, all or nothing)\n"
    "  --explain               say why each cut edge was chosen, or cannot be cut\n"
    "  --check                 report the cycles only, without planning their fix\n"
    "  --baseline FILE         fail only on cycles that are not in FILE\n"
    "  --write-baseline FILE   write the current cycles to FILE and exit 0\n"
    "  --verify                with --diff or --apply: import the changed modules\n"
    "                          in python3 first, on a copy (runs the project's code)\n"
    "  --python PATH           the interpreter --verify runs (default python3)\n"
    "  --config-module MODULE  the dotted module that moved constants go to\n"
    "  --strategies LIST       the strategies allowed, comma-separated (default all)\n"
    "  --target-version 3.X    the oldest Python to support (default requires-python)\n"
    "  --format text|json      report format on stdout (default text)\n"
    "  --root DIR              a folder of top-level modules in PATH; repeatable\n"
    "  --exclude REGEX         also skip paths that match (PCRE2); repeatable\n"
    "  -j, --jobs N            parse on N threads (default: the number of CPUs)\n"
    "  -h, --help              show this help\n"
    "      --version           show the version\n"
    "exit status: 0 no cycle, 1 cycles (--diff: not empty), 2 usage or I/O error,\n"
    "3 --apply left unbreakable cycles.  More in 'man decycle'.\n";

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
      if (!strcmp(v, "text")) o->format = FORMAT_TEXT;
      else if (!strcmp(v, "json")) o->format = FORMAT_JSON;
      else return usage_error("unknown format '%s' (expected text or json)", v);
    } else if (!strcmp(arg, "--verify")) {
      o->verify = true;
    } else if ((v = option_value(argc, argv, &i, "--python", &missing))) {
      o->python = v;
    } else if ((v = option_value(argc, argv, &i, "--config-module", &missing))) {
      if (!dc_is_dotted_name(v)) return usage_error("--config-module needs a dotted module name, not '%s'", v);
      o->config_module = v;
    } else if ((v = option_value(argc, argv, &i, "--strategies", &missing))) {
      o->strategies = v;
    } else if ((v = option_value(argc, argv, &i, "--target-version", &missing))) {
      uint32_t minor;
      if (dc_target_version_parse(v, &minor) != 0)
        return usage_error("--target-version needs a Python version '3.X', not '%s'", v);
      o->target = v;
    } else if ((v = option_value(argc, argv, &i, "--baseline", &missing))) {
      o->baseline = v;
    } else if ((v = option_value(argc, argv, &i, "--write-baseline", &missing))) {
      o->write_baseline = v;
    } else if (!strcmp(arg, "--check")) {
      o->check = true;
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
  const char *report_only = o->check            ? "--check"
                            : o->baseline       ? "--baseline"
                            : o->write_baseline ? "--write-baseline"
                                                : NULL;
  if (report_only && o->mode != MODE_REPORT)
    return usage_error("%s cannot be combined with --diff, --apply or --explain", report_only);
  if (o->write_baseline && (o->check || o->baseline))
    return usage_error("%s cannot be combined with --check or --baseline", "--write-baseline");
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
  dc_regex **excludes = NULL;
  uint32_t n_excludes = 0;

  /* The settings: the command line over [tool.decycle] over defaults. */
  dc_pyproject pp;
  if (dc_pyproject_read(o.path, &pp, &arena, &diags) != 0) {
    dc_report_diags(&diags, stderr);
    goto out;
  }
  const char *const *roots = o.roots.size ? o.roots.items : pp.roots;
  uint32_t n_roots = o.roots.size ? o.roots.size : pp.n_roots;
  const char *const *patterns = o.excludes.size ? o.excludes.items : pp.excludes;
  n_excludes = o.excludes.size ? o.excludes.size : pp.n_excludes;
  dc_fix_options fix_options = {o.config_module ? o.config_module : pp.config_module, pp.disabled_strategies};
  if (o.strategies) {
    const char *bad = NULL;
    if (dc_strategies_parse(o.strategies, &fix_options.disabled_strategies, &bad, &arena) != 0) {
      rc = usage_error("unknown strategy '%s' (expected local-import, type-checking or config-module)", bad);
      goto out;
    }
  }
  uint32_t target_minor = pp.target_minor;
  if (o.target) dc_target_version_parse(o.target, &target_minor);
  /* The baseline: --baseline FILE as given, else the file's (relative to
   * PATH) in report mode; --write-baseline ignores the file's. */
  const char *baseline_path = o.baseline, *baseline_open = o.baseline;
  if (!baseline_path && pp.baseline && o.mode == MODE_REPORT && !o.write_baseline) {
    bool absolute = pp.baseline[0] == '/';
    baseline_open = absolute ? pp.baseline : dc_arena_printf(&arena, "%s/%s", o.path, pp.baseline);
    baseline_path = absolute || !strcmp(o.path, ".") ? pp.baseline : baseline_open;
  }
  dc_baseline baseline = {0};
  if (baseline_path && dc_baseline_read(baseline_open, baseline_path, &baseline, &arena, &diags) != 0) {
    dc_report_diags(&diags, stderr);
    goto out;
  }

  excludes = dc_xcalloc(n_excludes ? n_excludes : 1, sizeof *excludes);
  for (uint32_t i = 0; i < n_excludes; i++) {
    excludes[i] = dc_regex_new(patterns[i]);
    if (!excludes[i]) {
      fprintf(stderr, "decycle: %s\n", dc_error_message());
      goto out;
    }
  }
  dc_scan_options scan = {o.path, roots, n_roots, excludes, n_excludes, target_minor};
  dc_project *project = dc_scan(&scan, &arena, &diags);
  if (!project) {
    fprintf(stderr, "decycle: %s\n", dc_error_message());
    goto out;
  }
  dc_file_facts **facts = dc_parse_project(project, o.jobs, &arena, &diags);
  dc_graph *graph = dc_graph_build(project, facts, &arena, &diags);
  dc_components *components = dc_scc_find(graph, &arena);
  /* --check and --write-baseline need the cycles only, not their plan. */
  dc_fix *fix = NULL;
  if (!o.check && !o.write_baseline)
    fix = dc_fix_build(project, graph, components, facts, &fix_options, &arena, &diags);
  dc_diags_sort(&diags);
  dc_report_diags(&diags, stderr);
  dc_analysis analysis = {project, graph, components, &diags, fix};

  if (o.write_baseline) {
    size_t len;
    char *text = dc_baseline_text(graph, components, &len);
    int written = dc_baseline_write(o.write_baseline, text, len);
    free(text);
    if (written != 0) {
      fprintf(stderr, "decycle: %s\n", dc_error_message());
      goto out;
    }
    dc_report_baseline_written(o.write_baseline, components, stderr);
    rc = EXIT_CLEAN;
    goto out;
  }

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
  for (uint32_t i = 0; fix && i < fix->n_components; i++) unbreakable |= fix->components[i].unbreakable;
  switch (o.mode) {
  case MODE_REPORT:
    if (o.format == FORMAT_JSON) dc_report_json(&analysis, stdout);
    else dc_report_text(&analysis, stdout);
    rc = components->n ? EXIT_CYCLES : EXIT_CLEAN;
    if (baseline_path) {
      dc_baseline_check check;
      dc_baseline_compare(&baseline, graph, components, &check, &arena);
      fflush(stdout);
      dc_report_baseline(baseline_path, &baseline, &check, graph, components, stderr);
      rc = check.n_new ? EXIT_CYCLES : EXIT_CLEAN;
    }
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
  for (uint32_t i = 0; excludes && i < n_excludes; i++) dc_regex_free(excludes[i]);
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
