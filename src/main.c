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
#include "buf.h"
#include "cache.h"
#include "diag.h"
#include "fix.h"
#include "graph.h"
#include "parse.h"
#include "pragma.h"
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

/* The report formats; text and json are also accepted with --diff, --apply
 * and --explain (which ignore them), the others only for the report. */
enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_GITHUB, FORMAT_SARIF, FORMAT_DOT };
static const char *const format_names[] = {"text", "json", "github", "sarif", "dot"};
enum mode { MODE_REPORT, MODE_DIFF, MODE_APPLY, MODE_EXPLAIN };
/* --color: auto colours the text report when stdout is a terminal and
 * NO_COLOR (no-color.org) is unset or empty and TERM is not "dumb". */
enum color { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
static const char *const color_names[] = {"auto", "always", "never"};

/* options - the parsed command line. */
typedef struct options {
  enum format format;
  enum mode mode;
  enum color color;
  bool verify;        /* --verify: import the changed components on a copy */
  bool no_cache;      /* --no-cache: neither read nor write the cache */
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
    "(default .). Options override [tool.decycle] in PATH/pyproject.toml.\n"
    "  --diff                  print the rewrite that breaks them as a unified diff\n"
    "  --apply                 rewrite the files in place (verified, all or nothing)\n"
    "  --explain               say why each cut edge was chosen, or cannot be cut\n"
    "  --check                 report the cycles only, without planning their fix\n"
    "  --baseline FILE         fail only on cycles that are not in FILE\n"
    "  --write-baseline FILE   write the current cycles to FILE and exit 0\n"
    "  --verify                import changed modules in python3 first (runs code)\n"
    "  --python PATH           the interpreter --verify runs (default python3)\n"
    "  --config-module MODULE  the dotted module that moved constants go to\n"
    "  --strategies LIST       the strategies allowed, comma-separated (default all)\n"
    "  --target-version 3.X    the oldest Python to support (default requires-python)\n"
    "  --format text|json|github|sarif|dot   report format on stdout (default text)\n"
    "  --root DIR              a folder of top-level modules in PATH; repeatable\n"
    "  --exclude REGEX         also skip paths that match (PCRE2); repeatable\n"
    "  --color auto|always|never  colour the text report (default auto: a terminal)\n"
    "  -j, --jobs N            parse on N threads (default: the number of CPUs)\n"
    "  --no-cache              neither read nor write the cache (~/.cache/decycle)\n"
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
      size_t f = 0;
      while (f < sizeof format_names / sizeof *format_names && strcmp(v, format_names[f])) f++;
      if (f == sizeof format_names / sizeof *format_names)
        return usage_error("unknown format '%s' (expected text, json, github, sarif or dot)", v);
      o->format = (enum format)f;
    } else if ((v = option_value(argc, argv, &i, "--color", &missing))) {
      size_t c = 0;
      while (c < sizeof color_names / sizeof *color_names && strcmp(v, color_names[c])) c++;
      if (c == sizeof color_names / sizeof *color_names)
        return usage_error("unknown --color '%s' (expected auto, always or never)", v);
      o->color = (enum color)c;
    } else if (!strcmp(arg, "--verify")) {
      o->verify = true;
    } else if (!strcmp(arg, "--no-cache")) {
      o->no_cache = true;
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
  if (o->format > FORMAT_JSON && o->mode != MODE_REPORT)
    return usage_error("'--format %s' is a report format; it cannot be combined with --diff, --apply or --explain",
                       format_names[o->format]);
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

/* Whether the output is coloured: --color resolved against the terminal
 * and the environment, for the formats that have colour. */
static bool use_color(const options *o) {
  if (!(o->mode == MODE_EXPLAIN || (o->mode == MODE_REPORT && o->format == FORMAT_TEXT))) return false;
  if (o->color != COLOR_AUTO) return o->color == COLOR_ALWAYS;
  const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
  return isatty(STDOUT_FILENO) && !(no_color && *no_color) && !(term && !strcmp(term, "dumb"));
}

/* The options that change the output, for the cache key: the command line
 * without the job count, --no-cache and --color, as one string, the text of
 * the baseline file at `baseline` (NULL: none), then whether the output is
 * coloured (which --color, the terminal and the environment decide together). */
static char *options_key(int argc, char **argv, const char *baseline, bool color) {
  dc_buf b = DC_BUF_INIT;
  dc_source text;
  if (baseline && dc_source_read(baseline, &text) == 0) {
    dc_buf_addf(&b, "baseline %u:", text.len);
    dc_buf_add(&b, text.data, text.len);
    dc_buf_addch(&b, ' ');
    free(text.data);
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--no-cache") || !strncmp(a, "--jobs=", 7) || (!strncmp(a, "-j", 2) && a[2]) ||
        !strncmp(a, "--color=", 8))
      continue;
    if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strcmp(a, "--color")) {
      i++;
      continue;
    }
    dc_buf_addf(&b, "%zu:%s ", strlen(a), a); /* length-prefixed: any bytes */
  }
  dc_buf_addf(&b, "color=%d", color);
  return dc_buf_detach(&b, NULL);
}

/* What decides the scan, for the cache: PATH, the roots and the excludes
 * (from the command line or pyproject.toml). */
static char *scan_key_of(const dc_scan_options *s, const char *const *patterns) {
  dc_buf b = DC_BUF_INIT;
  dc_buf_addf(&b, "%zu:%s ", strlen(s->path), s->path);
  for (uint32_t i = 0; i < s->n_roots; i++) dc_buf_addf(&b, "root %zu:%s ", strlen(s->roots[i]), s->roots[i]);
  for (uint32_t i = 0; i < s->n_excludes; i++) dc_buf_addf(&b, "exclude %zu:%s ", strlen(patterns[i]), patterns[i]);
  return dc_buf_detach(&b, NULL);
}

/* settings - what the run does beyond the command line: the fix options,
 * whether to plan at all, and the baseline (`baseline_path` NULL: none). */
typedef struct settings {
  dc_fix_options fix;
  bool plan;
  const char *baseline_path;
  dc_baseline baseline;
} settings;

/* The dc_parse_progress callback: the progress line of the parse. */
static void parse_progress(void *progress, uint32_t done, uint32_t total) {
  dc_report_progress(progress, "parsing", done, total);
}

/* The delay before the progress line shows: 500 ms, or
 * DECYCLE_PROGRESS_AFTER_MS (a test hook). */
static uint32_t progress_after_ms(void) {
  const char *s = getenv("DECYCLE_PROGRESS_AFTER_MS");
  char *end;
  unsigned long v = s && *s ? strtoul(s, &end, 10) : 500;
  return s && *s && (*end || v > 60000) ? 500 : (uint32_t)v;
}

/* Prints the cached output of run `key`; false when there is none. */
static bool replay(dc_cache *cache, dc_hash key, int *rc) {
  char *out, *err;
  size_t out_len, err_len;
  if (!dc_cache_replay(cache, key, &out, &out_len, &err, &err_len, rc)) return false;
  fwrite(err, 1, err_len, stderr);
  fwrite(out, 1, out_len, stdout);
  free(out), free(err);
  return true;
}

/* The graph: the cache's when it was built from the same facts, else
 * built (and recorded, with the warnings of its build). */
static dc_graph *graph_of(dc_cache *cache, const dc_project *project, dc_facts *facts, dc_arena *arena,
                          dc_diags *diags) {
  dc_graph *graph = dc_cache_graph(cache, facts, arena, diags);
  if (graph) return graph;
  uint32_t first = diags->size;
  graph = dc_graph_build(project, facts, arena, diags);
  dc_cache_save_graph(cache, facts, graph, diags->items + first, diags->size - first);
  return graph;
}

/* Everything after the parse: graph, cycles, plan, then the report, the
 * diff or the rewrite, printed to `out` and `err`. Returns the exit code. */
static int analyse(const options *o, const settings *s, bool color, const dc_project *project, dc_cache *cache,
                   dc_facts *facts, dc_arena *arena, dc_diags *diags, FILE *out, FILE *err,
                   const bool **reread) {
  dc_graph *graph = graph_of(cache, project, facts, arena, diags);
  dc_components *components = dc_scc_find(graph, arena);
  dc_pragma_check(project, facts, graph, components, arena, diags);
  dc_fix *fix = s->plan ? dc_fix_build(project, graph, components, facts, &s->fix, arena, diags) : NULL;
  dc_diags_sort(diags);
  dc_report_diags(diags, err);
  dc_analysis analysis = {project, graph, components, diags, fix, color};
  *reread = fix ? fix->reread : NULL;

  if (o->write_baseline) {
    size_t len;
    char *text = dc_baseline_text(graph, components, &len);
    int written = dc_baseline_write(o->write_baseline, text, len);
    free(text);
    if (written != 0) {
      fprintf(err, "decycle: %s\n", dc_error_message());
      return EXIT_USAGE_OR_IO;
    }
    dc_report_baseline_written(o->write_baseline, components, err);
    return EXIT_CLEAN;
  }

  if (o->mode == MODE_DIFF || o->mode == MODE_APPLY) {
    if (dc_verify(project, graph, facts, fix, arena) != 0) {
      fprintf(err, "decycle: internal error: %s\n", dc_error_message());
      return EXIT_USAGE_OR_IO;
    }
    dc_report_cuts(&analysis, err);
    if (o->verify && fix->n_changes) {
      dc_pycheck check;
      if (dc_pycheck_run(project, graph, components, fix, o->python, &check, arena) != 0) {
        fprintf(err, "decycle: --verify: %s\n", dc_error_message());
        return EXIT_USAGE_OR_IO;
      }
      dc_report_pycheck(&check, err);
      if (check.n_broken) return EXIT_USAGE_OR_IO;
    }
  }
  bool unbreakable = false;
  for (uint32_t i = 0; fix && i < fix->n_components; i++) unbreakable |= fix->components[i].unbreakable;
  int rc = EXIT_USAGE_OR_IO;
  switch (o->mode) {
  case MODE_REPORT:
    switch (o->format) {
    case FORMAT_TEXT: dc_report_text(&analysis, out); break;
    case FORMAT_JSON: dc_report_json(&analysis, out); break;
    case FORMAT_GITHUB: dc_report_github(&analysis, out); break;
    case FORMAT_SARIF: dc_report_sarif(&analysis, out); break;
    case FORMAT_DOT: dc_report_dot(&analysis, out); break;
    }
    rc = components->n ? EXIT_CYCLES : EXIT_CLEAN;
    if (s->baseline_path) {
      dc_baseline_check check;
      dc_baseline_compare(&s->baseline, graph, components, &check, arena);
      fflush(out);
      dc_report_baseline(s->baseline_path, &s->baseline, &check, graph, components, err);
      rc = check.n_new ? EXIT_CYCLES : EXIT_CLEAN;
    }
    break;
  case MODE_EXPLAIN:
    dc_report_explain(&analysis, out);
    rc = components->n ? EXIT_CYCLES : EXIT_CLEAN;
    break;
  case MODE_DIFF:
    dc_report_diff(&analysis, out);
    rc = fix->n_changes ? EXIT_CYCLES : EXIT_CLEAN;
    break;
  case MODE_APPLY:
    if (dc_apply(fix) != 0) {
      fprintf(err, "decycle: %s\n", dc_error_message());
      return EXIT_USAGE_OR_IO;
    }
    fprintf(err, "decycle: %u file%s rewritten\n", fix->n_changes, fix->n_changes == 1 ? "" : "s");
    rc = unbreakable ? EXIT_UNBREAKABLE : EXIT_CLEAN;
    break;
  }
  return rc;
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
  dc_diags diags = {0}, scan_diags = {0};
  dc_cache *cache = NULL;
  dc_facts *facts = NULL;
  dc_parse_ahead *ahead = NULL;
  char *key_text = NULL, *scan_key = NULL;
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
  settings set = {{o.config_module ? o.config_module : pp.config_module, pp.disabled_strategies, false, 0, NULL, NULL}, true, NULL,
                  {0}};
  if (o.strategies) {
    const char *bad = NULL;
    if (dc_strategies_parse(o.strategies, &set.fix.disabled_strategies, &bad, &arena) != 0) {
      rc = usage_error("unknown strategy '%s' (expected local-import, type-checking or config-module)", bad);
      goto out;
    }
  }
  /* --check (in the text and JSON reports, which can leave the plan out)
   * and --write-baseline need the cycles only. */
  set.plan = !o.write_baseline && !(o.check && o.format <= FORMAT_JSON);
  set.fix.verdicts_only = o.mode == MODE_REPORT || o.mode == MODE_EXPLAIN;
  set.fix.jobs = o.jobs;
  uint32_t target_minor = pp.target_minor;
  if (o.target) dc_target_version_parse(o.target, &target_minor);
  /* The baseline: --baseline FILE as given, else the file's (relative to
   * PATH) in report mode; --write-baseline ignores the file's. */
  const char *baseline_open = o.baseline;
  set.baseline_path = o.baseline;
  if (!o.baseline && pp.baseline && o.mode == MODE_REPORT && !o.write_baseline) {
    bool absolute = pp.baseline[0] == '/';
    baseline_open = absolute ? pp.baseline : dc_arena_printf(&arena, "%s/%s", o.path, pp.baseline);
    set.baseline_path = absolute || !strcmp(o.path, ".") ? pp.baseline : baseline_open;
  }
  if (set.baseline_path && dc_baseline_read(baseline_open, set.baseline_path, &set.baseline, &arena, &diags) != 0) {
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
  dc_scan_options scan = {o.path, roots, n_roots, excludes, n_excludes, target_minor, NULL, NULL};
  uint64_t started = dc_cache_now();
  if (!o.no_cache) scan_key = scan_key_of(&scan, patterns);
  dc_project *project = scan_key ? dc_cache_scan(o.path, scan_key, o.jobs, &arena, &diags) : NULL;
  if (!project) {
    /* The walk leaves the other CPUs idle: one parses the files as it
     * finds them, unless the cache holds facts of the project already. */
    if (o.jobs > 1 && (o.no_cache || !dc_cache_has_facts(o.path))) {
      ahead = dc_parse_ahead_start(target_minor, !o.no_cache);
      scan.on_source = dc_parse_ahead_add;
      scan.on_source_ctx = ahead;
    }
    project = dc_scan(&scan, &arena, &diags);
    dc_parse_ahead_stop(ahead);
    if (!project) {
      fprintf(stderr, "decycle: %s\n", dc_error_message());
      goto out;
    }
    if (scan_key) dc_cache_save_scan(o.path, scan_key, project, &diags, started);
  }
  project->target_minor = target_minor; /* a cached scan does not record it */
  /* A run over an unchanged tree prints what the same run printed before;
   * --apply, --verify and --write-baseline always run. The run's key holds
   * pyproject.toml (cache.c) and, here, the baseline's text. */
  cache = o.no_cache ? NULL : dc_cache_open(project, started);
  bool cacheable = cache && o.mode != MODE_APPLY && !o.verify && !o.write_baseline;
  if (cacheable) set.fix.cache = cache; /* the memo of verdicts (memo.h); reports only */
  dc_diags_append(&scan_diags, &diags);
  bool color = use_color(&o);
  if (cacheable) key_text = options_key(argc, argv, baseline_open, color);
  dc_hash key, facts_key;
  if (cacheable) dc_cache_hash_changed(cache, 64);
  bool keyed = cacheable && dc_cache_run_key(cache, key_text, &scan_diags, &key);
  if (keyed && replay(cache, key, &rc)) goto out;
  /* The second key needs the facts of the files that changed only. */
  bool facts_tried = keyed;
  if (keyed) {
    dc_parse_uncached(project, o.jobs, cache, ahead);
    if (dc_cache_facts_run_key(cache, key_text, &scan_diags, &facts_key) && replay(cache, facts_key, &rc)) {
      dc_cache_save_facts(cache);
      goto out;
    }
  }
  /* The progress line goes to the terminal itself, never into the output
   * that the cache records. */
  dc_progress progress;
  dc_progress_init(&progress, stderr, progress_after_ms());
  dc_parse_progress on_parse = {parse_progress, &progress};
  facts = dc_parse_project(project, o.jobs, cache, ahead, isatty(STDERR_FILENO) ? &on_parse : NULL, &arena, &diags);
  dc_report_progress_end(&progress);
  bool replayed = false;
  if (cacheable && !keyed) {
    keyed = dc_cache_run_key(cache, key_text, &scan_diags, &key);
    replayed = keyed && replay(cache, key, &rc);
  }
  if (!replayed && !facts_tried && keyed && dc_cache_facts_run_key(cache, key_text, &scan_diags, &facts_key))
    replayed = replay(cache, facts_key, &rc);
  if (replayed) {
    dc_cache_save_facts(cache);
    goto out;
  }
  /* A file in a cycle that was edited is most of what the plan has to do
   * again (the memo gives the rest): it is parsed on another thread while
   * the facts are saved and the graph is built (dc_fix_early). */
  if (set.plan && set.fix.verdicts_only && set.fix.cache && o.jobs > 1) {
    uint32_t edited[4];
    set.fix.early = dc_fix_early_start(project, facts, edited, dc_cache_changed_reads(cache, edited, 4));
  }
  dc_cache_save_facts(cache);
  const bool *reread = NULL;
  if (!keyed) {
    rc = analyse(&o, &set, color, project, cache, facts, &arena, &diags, stdout, stderr, &reread);
  } else {
    /* captured, then printed and recorded */
    char *out_text = NULL, *err_text = NULL;
    size_t out_len = 0, err_len = 0;
    FILE *out = open_memstream(&out_text, &out_len), *err = open_memstream(&err_text, &err_len);
    if (!out || !err) DC_BUG("out of memory");
    rc = analyse(&o, &set, color, project, cache, facts, &arena, &diags, out, err, &reread);
    fclose(out), fclose(err);
    fwrite(err_text, 1, err_len, stderr);
    fwrite(out_text, 1, out_len, stdout);
    if (rc != EXIT_USAGE_OR_IO)
      dc_cache_save_run(cache, key_text, &scan_diags, reread, out_text, out_len, err_text, err_len, rc);
    free(out_text), free(err_text);
  }
  if (set.fix.verdicts_only) dc_cache_save_memo(set.fix.cache);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "decycle: cannot write the report: %s\n", strerror(errno));
    rc = EXIT_USAGE_OR_IO;
  }

out:
  dc_facts_release(facts);
  dc_parse_ahead_release(ahead, &arena);
  dc_cache_close(cache);
  free(key_text);
  free(scan_key);
  dc_diags_release(&scan_diags);
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
