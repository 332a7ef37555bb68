/*
 * apply - write a verified fix in place, all or nothing.
 */
#ifndef DC_APPLY_H
#define DC_APPLY_H

#include "fix.h"

/* Writes every change: first checks that no file changed since it was read,
 * then writes each new text to a temporary file in the same folder (same
 * mode, flushed to disk), then renames them over the originals; when a
 * rename fails, the files already replaced get their old text back. Links
 * are written through, never replaced. Returns 0, or -1 with dc_error. */
int dc_apply(const dc_fix *fix);

#endif
