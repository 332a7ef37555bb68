/*
 * apply_p.h - the fault-injection hook of apply.c, for tests only.
 *
 * When dc_apply__fault is set, apply.c calls it before each write, fsync
 * and rename it makes; a true result makes that call fail with EIO, as if
 * the disk had failed there. Tests use it to prove that every file ends
 * either entirely old or entirely new.
 */
#ifndef DC_APPLY_P_H
#define DC_APPLY_P_H

#include <stdbool.h>

enum dc_apply__op { DC_APPLY__WRITE, DC_APPLY__FSYNC, DC_APPLY__RENAME };

extern bool (*dc_apply__fault)(enum dc_apply__op op);

#endif
