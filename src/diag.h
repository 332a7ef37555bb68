/*
 * diag - the three kinds of trouble, kept apart (STYLE.md §4).
 *
 * 1. Input problems (a file that will not parse or decode, an import that
 *    cannot resolve) become dc_diag records in a dc_diags list; the run goes
 *    on with what it could recover.
 * 2. System errors: `return dc_error("cannot read '%s': %s", ...)` records a
 *    message for the caller (dc_error_message) and returns -1.
 * 3. Programmer errors: DC_ASSERT / DC_BUG print file:line and abort.
 *
 * Nothing here prints except DC_BUG; main.c and report.c print diagnostics.
 */
#ifndef DC_DIAG_H
#define DC_DIAG_H

#include <stdint.h>

/* The line of a diagnostic about a whole file or folder. */
#define DC_NO_LINE UINT32_MAX

typedef enum dc_severity { DC_SEVERITY_WARNING, DC_SEVERITY_ERROR } dc_severity;

/* dc_diag - one located problem. Strings are borrowed from an arena.
 * `line` and `col` are 0-based (col in bytes) and become 1-based when
 * printed; `line` is DC_NO_LINE when the problem is the whole file. `source_line` is the offending line without its end of line, for
 * the caret display, or NULL when there is no location in a file. */
typedef struct dc_diag {
  dc_severity severity;
  const char *path;
  uint32_t line;
  uint32_t col;
  const char *message;
  const char *source_line;
} dc_diag;

/* dc_diags - a growable list of diagnostics (owns `items`, not the strings). */
typedef struct dc_diags {
  dc_diag *items;
  uint32_t size;
  uint32_t cap;
} dc_diags;

void dc_diags_push(dc_diags *self, dc_diag d);
/* Appends every diagnostic of `other`, in order. */
void dc_diags_append(dc_diags *self, const dc_diags *other);
void dc_diags_release(dc_diags *self);
/* Sorts by path, line, column, then message: the order they are printed in. */
void dc_diags_sort(dc_diags *self);
const char *dc_severity_name(dc_severity s);

/* Records a system error message (printf-style) and returns -1. */
int dc_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The message of the last dc_error on this thread ("" if none). */
const char *dc_error_message(void);

_Noreturn void dc__bug(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define DC_BUG(...) dc__bug(__FILE__, __LINE__, __VA_ARGS__)
/* An expression, so that it can be used inside other macros. */
#define DC_ASSERT(cond) \
  ((cond) ? (void)0 : dc__bug(__FILE__, __LINE__, "assertion failed: %s", #cond))

#endif
