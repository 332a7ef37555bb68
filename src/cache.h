/*
 * cache - what decycle keeps between runs, in the user's cache folder
 * ($DECYCLE_CACHE_DIR, else $XDG_CACHE_HOME/decycle, else ~/.cache/decycle):
 *
 * - per project and scan options, the scan (the modules, their paths and
 *   kinds, the namespaces) and the stat data of every folder it looked into;
 * - per project, the facts of each source file (and the warnings its parse
 *   gave), keyed by a 128-bit hash of its bytes and decycle's version, with
 *   the file's stat(2) data so that an unchanged file is not even read;
 * - per project, the last few outputs of whole runs (stdout, stderr, exit
 *   status), keyed by a hash of everything a run reads: decycle's version,
 *   the options, the listing of every folder walked, every module's path,
 *   kind and mode, the content hash of every source file and pyproject.toml;
 *   and again under a second key where the files whose text the plan did
 *   not read count by the hash of their facts instead of their content;
 * - per project, the plan's memo: the verdict of each edge it assessed,
 *   with what the assessment read (memo.h);
 * - per project, the last graph built, keyed by all it was built from.
 *
 * Every cache file is written to a temporary name and renamed, so concurrent
 * runs each see whole files; a file that is truncated, corrupt, of another
 * version or of another byte order is ignored (and replaced). Nothing here
 * fails a run: without a usable folder the run goes on uncached.
 */
#ifndef DC_CACHE_H
#define DC_CACHE_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "facts.h"
#include "hash.h"
#include "scan.h"

typedef struct dc_cache dc_cache;

/* The wall clock in nanoseconds: take it before the scan, for the racy
 * rule (cache.c). */
uint64_t dc_cache_now(void);

/* The scan of the last run at `path` with the same `scan_key` (the roots and
 * excludes asked for), when every folder that scan looked into is as it was
 * (stat data, settled), so that the tree cannot have gained or lost an
 * entry; its diagnostics are appended to `diags`. NULL otherwise: scan.
 * The stat calls run on up to `jobs` threads. */
dc_project *dc_cache_scan(const char *path, const char *scan_key, unsigned jobs, dc_arena *arena, dc_diags *diags);
/* Whether the cache holds facts of files of the project at `path` (a
 * run made it an index): then a run mostly takes facts from it. */
bool dc_cache_has_facts(const char *path);
/* Records the scan `p` and its diagnostics for the next run. */
void dc_cache_save_scan(const char *path, const char *scan_key, const dc_project *p, const dc_diags *scan_diags,
                        uint64_t started_ns);

/* Opens the cache of project `p` (scanned from `started_ns` on) and looks
 * up every source file by its stat data. Returns NULL when there is no
 * cache folder. */
dc_cache *dc_cache_open(const dc_project *p, uint64_t started_ns);
void dc_cache_close(dc_cache *c);

/* For parse.c, from any thread, each file index from one thread only.
 * dc_cache_known: the cached content hash of file `i` when its stat data
 * matches and is old enough to trust (see cache.c); no read is needed.
 * dc_cache_facts: fills *facts (and appends the file's warnings to `diags`,
 * with `path`) from the cache entry of file `i` (known) or of any file with
 * content hash `h`; false when there is none. dc_cache_store: records file
 * `i`'s content hash, facts and warnings (`n` diags at `d`). */
bool dc_cache_known(const dc_cache *c, uint32_t i);
/* dc_cache_defer: whether file `i`'s facts can wait until they are first
 * asked for: it is known, and its parse gave no warnings (which the run
 * prints whether or not it asks). Gives how many imports (DC_NO_FACTS:
 * none) and pragma comments they have. dc_cache_deferred then decodes
 * them into *facts, from any thread, changing nothing in the cache (other
 * threads read it meanwhile); false when their blob is gone or bad. */
bool dc_cache_defer(const dc_cache *c, uint32_t i, uint32_t *imports, uint32_t *pragmas);
bool dc_cache_deferred(dc_cache *c, uint32_t i, const char *path, dc_arena *arena, dc_file_facts **facts);
/* Reads and hashes the source files whose stat data did not match, when
 * there are at most `limit` of them, so that the key of a run over a tree
 * where only they changed (or were only touched) is known before the
 * parse, which is then skipped when the run is replayed. */
void dc_cache_hash_changed(dc_cache *c, uint32_t limit);
/* Builds the content-hash table; called once before the threads start. */
void dc_cache_prepare(dc_cache *c);
bool dc_cache_facts(dc_cache *c, uint32_t i, dc_hash h, const char *path, dc_arena *arena, dc_diags *diags,
                    dc_file_facts **facts);
void dc_cache_store(dc_cache *c, uint32_t i, dc_hash h, const dc_file_facts *facts, const dc_diag *d, uint32_t n);

/* Writes the facts of this run back (when anything changed). */
void dc_cache_save_facts(dc_cache *c);

/* The key of a whole run: `options` (the command line minus what does not
 * change the output) and `scan_diags` (what the scan said) with the project.
 * False when some source file has no content hash (it could not be read):
 * such a run is not cached. */
bool dc_cache_run_key(dc_cache *c, const char *options, const dc_diags *scan_diags, dc_hash *key);
/* The other key of a run: the same, but only the files whose text the plan
 * of the last run with these options read count by content, the others by
 * their facts; so a run after an edit that leaves a file's facts as they
 * were (a function body, a comment after the imports), in a file the plan
 * does not read, is still replayed. False when no run recorded its reads. */
bool dc_cache_facts_run_key(dc_cache *c, const char *options, const dc_diags *scan_diags, dc_hash *key);
/* The cached output of run `key`: stdout and stderr (the caller frees both)
 * and the exit status; false when there is none. */
bool dc_cache_replay(dc_cache *c, dc_hash key, char **out, size_t *out_len, char **err, size_t *err_len,
                     int *status);
/* Up to `cap` source files (indices into out[]) whose text the plan of the
 * last run with these options read, as dc_cache_facts_run_key found it,
 * and whose content is not the one recorded then; returns how many. */
uint32_t dc_cache_changed_reads(const dc_cache *c, uint32_t *out, uint32_t cap);
/* Records the output of this run under both keys; `reread` marks the files
 * whose text the plan read (dc_fix.reread; NULL: record only the first key). */
void dc_cache_save_run(dc_cache *c, const char *options, const dc_diags *scan_diags, const bool *reread,
                       const char *out, size_t out_len, const char *err, size_t err_len, int status);

/* The content hash of source file `i` and the hash of its facts (and
 * parse warnings), either may be NULL; false when the run does not know
 * both (the file could not be read or parsed). */
bool dc_cache_file_hashes(dc_cache *c, uint32_t i, dc_hash *content, dc_hash *facts);

/* The graph of the last run that built one, when it was built from what
 * this run has (the same files, modules, namespace packages and facts),
 * with the warnings its build gave appended to `diags`; NULL otherwise.
 * dc_cache_save_graph records graph `g` of `facts` and the warnings its
 * build gave (`n` at `d`). */
struct dc_graph *dc_cache_graph(dc_cache *c, const dc_facts *facts, dc_arena *arena, dc_diags *diags);
void dc_cache_save_graph(dc_cache *c, const dc_facts *facts, const struct dc_graph *g, const dc_diag *d,
                         uint32_t n);

/* The plan's memo (memo.h), kept from run to run: blobs by key.
 * dc_cache_memo_get gives the blob recorded under `key` (borrowed until
 * dc_cache_close) or NULL; dc_cache_memo_put records one (copied). The
 * memo is written back by dc_cache_save_memo, when something was put, with
 * only the entries this run got or put: so it holds what the last run used. */
const char *dc_cache_memo_get(dc_cache *c, dc_hash key, uint32_t *len);
void dc_cache_memo_put(dc_cache *c, dc_hash key, const void *blob, uint32_t len);
void dc_cache_save_memo(dc_cache *c);

#endif
