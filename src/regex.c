/*
 * regex.c - PCRE2 wrapper: compile with error offsets, match with one reused
 * match-data block. Subjects are paths, which need not be valid UTF-8, so the
 * patterns are compiled in byte mode.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex.h"

#include <pcre2.h>
#include <stdlib.h>

#include "arena.h"
#include "diag.h"

/* dc_regex - a compiled pattern and its match-data block. */
struct dc_regex {
  pcre2_code *code;
  pcre2_match_data *match;
};

dc_regex *dc_regex_new(const char *pattern) {
  int err;
  PCRE2_SIZE offset;
  pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, 0, &err, &offset, NULL);
  if (!code) {
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    dc_error("invalid regular expression '%s' at offset %zu: %s", pattern, (size_t)offset, (char *)msg);
    return NULL;
  }
  dc_regex *self = dc_xmalloc(sizeof *self);
  self->code = code;
  self->match = pcre2_match_data_create_from_pattern(code, NULL);
  if (!self->match) DC_BUG("out of memory in pcre2");
  return self;
}

void dc_regex_free(dc_regex *self) {
  if (!self) return;
  pcre2_match_data_free(self->match);
  pcre2_code_free(self->code);
  free(self);
}

bool dc_regex_search(dc_regex *self, const char *subject, size_t len) {
  int rc = pcre2_match(self->code, (PCRE2_SPTR)subject, len, 0, 0, self->match, NULL);
  return rc >= 0;
}
