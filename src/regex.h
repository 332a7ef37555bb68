/*
 * regex - the only door to PCRE2 (after ctags main/lregex-pcre2.c).
 *
 * Patterns are compiled once; one match-data object is reused, so a dc_regex
 * must not be matched from two threads at once.
 */
#ifndef DC_REGEX_H
#define DC_REGEX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct dc_regex dc_regex;

/* Compiles `pattern`. On failure returns NULL and, through dc_error, a message
 * naming the offset of the problem. The caller frees with dc_regex_free. */
dc_regex *dc_regex_new(const char *pattern);
void dc_regex_free(dc_regex *self);
/* Returns whether `subject` (of `len` bytes) contains a match. */
bool dc_regex_search(dc_regex *self, const char *subject, size_t len);

#endif
