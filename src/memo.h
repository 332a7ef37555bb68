/*
 * memo - the verdicts of earlier runs, replayed by the plan (fix.c) when
 * nothing their assessment read has changed.
 *
 * Assessing an edge reads the text of its file, and may read the facts or
 * the text of other files and the edges into other modules (who imports
 * them, from where). fix.c traces those reads while it assesses ("deps");
 * the verdict is recorded with the deps and their hashes under a key of
 * the edge itself (its two modules and its sites), the component's config
 * module, the options and the project's layout (every folder entry, every
 * module's path and kind). A later run replays it when the key is the same
 * and every dep hashes as it did: a file's text by its content hash, its
 * facts by the hash of the cached facts, a module's importers by a hash of
 * the edges into it. After one file changed, only the edges whose
 * assessment read it are assessed (and their files parsed) again; a file
 * added or removed changes the layout, and the whole plan is assessed.
 *
 * Some reads take only a part of a file's text: the lines that may define
 * a name (DC_DEP_DEFINES), what it changes in place (DC_DEP_CHANGES). Such
 * a dep holds the content hash and the hash of that part: when the content
 * changed, the part is taken from the new text and compared, so that an
 * edit elsewhere in the file (a comment, a function body) keeps the
 * verdicts that read only that part.
 *
 * An assessment that could not read a file is not recorded. The entries
 * live in the cache (dc_cache_memo_*); there is no memo without one.
 */
#ifndef DC_MEMO_H
#define DC_MEMO_H

#include "cache.h"
#include "constants.h"
#include "fix.h"

typedef enum dc_dep_kind {
  DC_DEP_TEXT,      /* the bytes of project file `index` */
  DC_DEP_FACTS,     /* the facts of project file `index` */
  DC_DEP_IMPORTERS, /* the edges into module `index` and their sites */
  DC_DEP_DEFINES,   /* the lines of project file `index` that may define a name (dc_line_defines) */
  DC_DEP_CHANGES    /* what the text of project file `index` changes (dc_constants_scan_changes) */
} dc_dep_kind;

typedef struct dc_memo dc_memo;

/* A memo over `cache` for one plan of graph g, whose in-edges `in` it
 * borrows; `disabled` and `config_override` are the fix's options
 * (dc_fix_options). */
dc_memo *dc_memo_new(dc_cache *cache, const dc_project *p, const dc_graph *g, const dc_graph_in_edges *in,
                     uint32_t disabled, const char *config_override);
void dc_memo_free(dc_memo *self);

/* The key of the verdict of graph edge `edge` in a component whose config
 * module is `target`. */
dc_hash dc_memo_key(const dc_memo *self, uint32_t edge, const dc_config_target *target);

/* Fills *v (its `edge` already set) from the verdict recorded under `key`
 * when every dep it was recorded with is unchanged, and sets `reread` for
 * its text deps (dc_fix.reread). The verdict has no choices: the memo
 * serves the reports, which rewrite nothing. False, *v untouched,
 * otherwise. */
bool dc_memo_replay(dc_memo *self, dc_hash key, dc_verdict *v, bool *reread, dc_arena *arena);

/* Tracing one assessment: dc_memo_trace_start, then a dc_memo_dep for
 * every read (repeats are fine), then dc_memo_record, which ends the trace.
 * dc_memo_spoil marks the assessment as not to be recorded. dc_memo_dep and
 * dc_memo_spoil do nothing outside a trace, and `self` may be NULL in all
 * four. */
void dc_memo_trace_start(dc_memo *self);
void dc_memo_dep(dc_memo *self, dc_dep_kind kind, uint32_t index);
void dc_memo_spoil(dc_memo *self);
/* Whether `n` bytes read again from project file `file` are those the run
 * hashed; when not (the file changed since, or has no hash) the trace is
 * spoiled: a verdict made from them must not be recorded under the old
 * hash. */
bool dc_memo_same_text(dc_memo *self, uint32_t file, const void *bytes, size_t n);
void dc_memo_record(dc_memo *self, dc_hash key, const dc_verdict *v);

/* For a caller that has a part at hand, taken from the text of `file` the
 * run hashed (dc_memo_same_text said so): the lines that may define a
 * name of `text` (n bytes), the changes found in it. A dep on that part
 * then needs no read and no scan of the memo's own. */
void dc_memo_know_defines(dc_memo *self, uint32_t file, const char *text, size_t n);
void dc_memo_know_changes(dc_memo *self, uint32_t file, const dc_text_changes *changes);

#endif
