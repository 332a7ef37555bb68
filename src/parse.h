/*
 * parse - read and parse every source file of a project, on N threads, and
 * keep only its facts.
 *
 * Input: a dc_project. Output: one dc_file_facts per file (NULL for stubs
 * and extensions, which are never executed), plus warnings for files that
 * cannot be read or decoded or that have syntax errors. Each tree and each
 * file's bytes are freed as soon as the facts are copied out, so at most one
 * tree per thread is alive. Results are stored by file index and diagnostics
 * are sorted, so the output does not depend on the number of threads.
 */
#ifndef DC_PARSE_H
#define DC_PARSE_H

#include "arena.h"
#include "diag.h"
#include "facts.h"
#include "scan.h"

/* dc_source - one file's bytes. `bom` is 3 when the file starts with a UTF-8
 * byte order mark, which the parser never sees. The caller frees `data`. */
typedef struct dc_source {
  char *data;
  uint32_t len;
  uint32_t bom;
} dc_source;

/* Reads `open_path` whole into `out`. Returns -1 with dc_error on failure
 * (including files of 4 GiB or more, which byte offsets cannot address). */
int dc_source_read(const char *open_path, dc_source *out);

/* Returns a new parser for Python; the caller deletes it. */
TSParser *dc_parser_new(void);

/* tree-sitter-python's scanner keeps its "inside an f-string" flag from one
 * parse to the next (a reset does not clear it), so a file parsed after one
 * that ends inside an f-string can lose a DEDENT. Replaces *parser with a
 * new one when `tree`, its last result, is NULL or has errors. */
void dc_parser_renew_after(TSParser **parser, const TSTree *tree);

/* tree-sitter before 0.20.8 frees a wrong pointer once 65,534 extra nodes
 * (comments, line continuations) come in a row (its issue #2134), and
 * Debian 12 ships 0.20.7. dc_extras_run gives the (0-based) line where
 * `text` reaches DC_EXTRAS_MAX lines of them in a row (blank lines between
 * them do not count), UINT32_MAX when it never does; dc_ts_parse parses
 * `text` unless it does (NULL then). Every tree-sitter parse goes through
 * these. */
#define DC_EXTRAS_MAX 65000u
#define DC_EXTRAS_MAX_TEXT "65000" /* (the same number, for the messages) */
#define DC_EXTRAS_PROBLEM DC_EXTRAS_MAX_TEXT " comment lines in a row, which crash the tree-sitter library before 0.20.8"
uint32_t dc_extras_run(const char *text, uint32_t len);
TSTree *dc_ts_parse(TSParser *parser, const char *text, uint32_t len);

/* Why file text `src`, parsed into `tree` (NULL: dc_ts_parse refused it),
 * must never be rewritten, as "has ..."; NULL when it may be. Besides
 * syntax errors, the text Python refuses and tree-sitter takes without an
 * error: a control character outside strings and comments, a keyword
 * where a name stands, indentation Python refuses, a line that ends in the
 * middle of a statement, Python 2's print, `<>` and numbers (the parse
 * warns about each). A rewrite that moves text around either need not
 * parse. */
const char *dc_rewrite_refusal(const dc_source *src, const TSTree *tree);

/* Parses `src` and appends the decoding and syntax problems to `diags`
 * (strings in `arena`). Returns the tree (caller deletes it), or NULL if the
 * parser gave up. */
TSTree *dc_parse_source(TSParser *parser, const dc_source *src, const char *path,
                        dc_arena *arena, dc_diags *diags);

/* dc_parse_progress - where dc_parse_project says how far it is:
 * report(ctx, done, total) is called from one thread at a time (the
 * calling thread), after each file with one job, every 50 ms with more. */
typedef struct dc_parse_progress {
  void (*report)(void *ctx, uint32_t done, uint32_t total);
  void *ctx;
} dc_parse_progress;

/* Parses the whole project on `jobs` threads (at least 1), taking what
 * `ahead` (or NULL, below) made of a file instead of parsing it. Returns the
 * facts of every file (facts.h), allocated in `arena`; diagnostics are
 * appended to `diags` in path order. With a `cache` (or NULL), files whose
 * facts it holds are not parsed (nor read, when their stat data matches,
 * and then decoded only when asked for), and the others are recorded in
 * it; the cache must stay open until dc_facts_release. `progress` may be
 * NULL. */
typedef struct dc_cache dc_cache;
typedef struct dc_parse_ahead dc_parse_ahead;
dc_facts *dc_parse_project(const dc_project *p, unsigned jobs, dc_cache *cache, const dc_parse_ahead *ahead,
                           const dc_parse_progress *progress, dc_arena *arena, dc_diags *diags);
/* Ends the decoding of table `t` (NULL: nothing): what it decoded lives
 * on, as long as the arena it was made in. */
void dc_facts_release(dc_facts *t);
/* A table over facts already made, `of` (p->n_files of them, kept). */
dc_facts *dc_facts_over(const dc_project *p, dc_file_facts **of, dc_arena *arena);

/* Parses and records in `cache` only the source files whose facts it does
 * not vouch for by their stat data (dc_cache_known), on `jobs` threads, and
 * drops what they gave: the second key of a run (dc_cache_facts_run_key)
 * needs the facts of those files only, and dc_parse_project takes them from
 * the cache afterwards. */
void dc_parse_uncached(const dc_project *p, unsigned jobs, dc_cache *cache, const dc_parse_ahead *ahead);

/* dc_parse_ahead - a thread that parses source files while the scan is
 * still finding them (the walk, mostly system calls, leaves the other CPUs
 * idle): the scan calls dc_parse_ahead_add(ahead, open_path, path) for
 * each, as dc_scan_options.on_source. Once the scan is done,
 * dc_parse_ahead_stop stops it (a tree-sitter parse under way is cut
 * short, and that file left to the parse) and
 * dc_parse_project and dc_parse_uncached take what it made of each file,
 * as if they had parsed it themselves; with `hash` it hashes each text
 * for the cache. dc_parse_ahead_release hands its memory to `arena`, once
 * both are done. Both take NULL. */
dc_parse_ahead *dc_parse_ahead_start(uint32_t target_minor, bool hash);
void dc_parse_ahead_add(void *ahead, const char *open_path, const char *path);
void dc_parse_ahead_stop(dc_parse_ahead *ahead);
/* How many files it has made something of so far (for tests). */
uint32_t dc_parse_ahead_count(dc_parse_ahead *ahead);
void dc_parse_ahead_release(dc_parse_ahead *ahead, dc_arena *arena);

#endif
