/*
 * diff - unified diffs as git writes them, so that `patch -p1` and
 * `git apply` accept them and people can review them.
 *
 * Input: a file's old and new bytes. Output: appended to a dc_buf (nothing
 * here prints). Lines are split on '\n' only, so a CRLF file's '\r' stays
 * part of each line, byte for byte.
 */
#ifndef DC_DIFF_H
#define DC_DIFF_H

#include <stddef.h>

#include "buf.h"

/* Appends to `out` the diff that turns `old` (old_len bytes) into `new_`
 * (new_len bytes) for the file at `path` (relative, '/' separators), as
 * `git diff` prints it: `diff --git a/P b/P`, `--- a/P`, `+++ b/P`, hunks
 * with 3 lines of context and `@@ -s,c +s,c @@` headers (",1" omitted, an
 * empty side written "s-1,0" as git does), and `\ No newline at end of file`
 * where a side does not end with '\n'. When `old` is NULL the file is new:
 * `new file mode` followed by the octal `mode` (e.g. 0100644) and
 * `--- /dev/null`. Paths that git would quote are quoted the same way.
 * Returns the number of hunks appended (0 when the contents are equal). */
int dc_diff_file(dc_buf *out, const char *path, const char *old, size_t old_len, const char *new_,
                 size_t new_len, unsigned mode);

#endif
