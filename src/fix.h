/*
 * fix - from the cycles to new file contents: assess every import-time edge
 * inside a component (the units it depends on, the strategy that can move
 * each, the lines a cut changes, or why it cannot be cut), plan each
 * component (plan.h), and build the new text of every file the plan
 * touches (rewrite.h). Nothing is written; verify.c checks the result.
 *
 * Only the files holding the start of an edge inside a component (and the
 * modules whose constants a cut would move) are read and parsed again, with
 * tree-sitter, for the uses; a report reads none of those whose verdicts
 * the memo (memo.h) still holds. Besides the tree the planner works on,
 * at most 4N loaded trees wait for it (N loading threads, see
 * dc_fix_options.jobs), and at most 4N more are kept for a later turn.
 * Everything is borrowed from the arena.
 */
#ifndef DC_FIX_H
#define DC_FIX_H

#include <sys/types.h>

#include "arena.h"
#include "diag.h"
#include "facts.h"
#include "graph.h"
#include "rewrite.h"
#include "scan.h"
#include "scc.h"

/* dc_verdict - one import-time edge inside a component.
 * `strategy` names the strategies that cut it ("local-import",
 * "type-checking", "config-module", or several joined by '+'), NULL when it is obligatory;
 * `obligatory` is then the reason, with `where` its path:line. `cut` says
 * the plan cuts it, `lines_changed` what that costs, `cycle` is the text of
 * a shortest cycle through it (set for cut edges). `choices` (the units a
 * cut moves, with their strategies) are empty in a verdict replayed from
 * the memo. */
typedef struct dc_verdict {
  uint32_t edge;
  const char *strategy;
  const char *obligatory;
  const char *where_path;
  uint32_t where_line;
  uint32_t lines_changed;
  bool cut;
  const char *cycle;
  dc_rewrite_choice *choices;
  uint32_t n_choices;
  bool remains; /* on a cycle that stays after the cuts (unbreakable) */
} dc_verdict;

/* dc_component_plan - the plan of one component (same index as in
 * dc_components). `verdicts` are sorted by edge. When the component is
 * unbreakable, `remaining` holds the cycles that stay after the cuts: each
 * a sorted list of module indices. */
typedef struct dc_component_plan {
  dc_verdict *verdicts;
  uint32_t n_verdicts;
  uint32_t n_cut;
  bool exact;
  uint32_t lower_bound;
  bool unbreakable;
  dc_component *remaining;
  uint32_t n_remaining;
} dc_component_plan;

/* dc_change - a file the plan rewrites: its old and new bytes and mode.
 * `config` is set for a config module; a new one has no old text and
 * `file` UINT32_MAX. */
typedef struct dc_change {
  uint32_t file;
  const char *path;
  const char *open_path;
  const char *old_text;
  uint32_t old_len;
  const char *new_text;
  uint32_t new_len;
  mode_t mode;
  bool config;
} dc_change;

/* dc_fix - the whole plan; changes sorted by path. `config_modules` are
 * the dotted names of the config modules it creates or grows. `reread` says,
 * per project file, whether its text was read again: the plan depends on
 * the text of those files and only on the facts of all others (the cache
 * relies on it). */
typedef struct dc_fix {
  dc_component_plan *components;
  uint32_t n_components;
  dc_change *changes;
  uint32_t n_changes;
  const char **config_modules;
  uint32_t n_config_modules;
  const bool *reread;
} dc_fix;

/* dc_fix_early - project files that the plan will probably load, loaded
 * (read, parsed, analysed) on a thread of its own from before the graph is
 * built: in a run after an edit to a file in a cycle, the plan has that
 * file's edges to assess again and the memo gives the rest, so the parse
 * of that file was most of the plan. Started with `facts` as they will be
 * given to dc_fix_build (they must not change meanwhile), and `files` (n,
 * copied); NULL when n is 0. dc_fix_build takes it over (dc_fix_options). */
typedef struct dc_fix_early dc_fix_early;
dc_fix_early *dc_fix_early_start(const dc_project *p, dc_facts *facts, const uint32_t *files, uint32_t n);

/* dc_fix_options - how to fix. `config_module` is the dotted name
 * --config-module gives, or NULL; `disabled_strategies` has bit k set when
 * strategy dc_rewrites[k] must not be used (--strategies). `verdicts_only`
 * skips building the new texts (changes and config_modules stay empty): the
 * reports need the verdicts only. `jobs` threads read and parse the files
 * to assess ahead of the planner (0 or 1: none). With `verdicts_only`,
 * `cache` (may be NULL) keeps the verdicts from run to run (memo.h): an
 * edge is assessed again only when something its assessment read changed.
 * Zero: defaults. */
typedef struct dc_fix_options {
  const char *config_module;
  uint32_t disabled_strategies;
  bool verdicts_only;
  unsigned jobs;
  struct dc_cache *cache;
  dc_fix_early *early; /* or NULL; dc_fix_build stops and frees it */
} dc_fix_options;

/* Plans the fix of every component and builds the new file contents.
 * `opts` may be NULL (defaults). Problems reading a file again are
 * appended to `diags` (its edges are then obligatory). Never fails
 * otherwise. */
dc_fix *dc_fix_build(const dc_project *p, const dc_graph *g, const dc_components *c, dc_facts *facts,
                     const dc_fix_options *opts, dc_arena *arena, dc_diags *diags);

/* The verdict of graph edge `edge`, or NULL when the edge is not an
 * import-time edge inside a component. */
const dc_verdict *dc_fix_verdict(const dc_fix *self, const dc_components *c, const dc_graph *g, uint32_t edge);

#endif
