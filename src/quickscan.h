/*
 * quickscan - the facts of one Python file from its tokens alone, without a
 * syntax tree, for the files it fully understands.
 *
 * Input: a file's bytes. Output: the same dc_file_facts that tree-sitter and
 * dc_facts_extract would give, or NULL when the scanner is not certain of
 * that (anything it does not model, anything that may be a syntax error):
 * the caller then parses the file with tree-sitter. Everything returned is
 * borrowed from the arena passed in.
 */
#ifndef DC_QUICKSCAN_H
#define DC_QUICKSCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "facts.h"
#include "names.h"

/* dc_quickscan - scans `src[base..len)` (`base` is the length of a skipped
 * BOM, as for dc_facts_extract; `src[len]` must be '\0') and returns its
 * facts, allocated in `arena`, or NULL when the file must go through
 * tree-sitter. `walk_flags` are dc_py_walk_flags, as for dc_facts_extract.
 * Never recurses on the input. */
dc_file_facts *dc_quickscan(const char *src, uint32_t len, uint32_t base, unsigned walk_flags, dc_arena *arena);

/* As dc_quickscan, in the arena of `strings`: a string equal to one that
 * table holds (from this file or an earlier one) is that same copy, so the
 * facts of many files take less memory. */
dc_file_facts *dc_quickscan_shared(const char *src, uint32_t len, uint32_t base, unsigned walk_flags,
                                   dc_strings *strings);

/* Whether parse.c tries the scanner first: true unless the environment
 * variable DECYCLE_NO_QUICKSCAN is set to a non-empty value (a hidden switch
 * for the differential test). */
bool dc_quickscan_enabled(void);

/* Whether s[0..len) is one of Python's (hard) keywords. */
bool dc_quickscan_is_keyword(const char *s, uint32_t len);

/* Whether s[0..len) names a feature `from __future__` can import (those of
 * Python 3.11's __future__.py; "braces" is not one). */
bool dc_quickscan_is_future_feature(const char *s, uint32_t len);

/* Whether s[0..len) is a number Python's tokenizer takes (no leading
 * zeros, no Python 2 `L`, underscores only between digits, ...). */
bool dc_quickscan_is_number(const char *s, uint32_t len);

#endif
