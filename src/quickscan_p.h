/*
 * quickscan_p.h - test-only view into quickscan.c.
 */
#ifndef DC_QUICKSCAN_P_H
#define DC_QUICKSCAN_P_H

#include <stdint.h>

/* The line of quickscan.c that made this thread's last dc_quickscan call
 * decline (for the differential test's statistics). */
extern _Thread_local int dc_quickscan__why;
/* ... and the byte offset (after the BOM) it was looking at. */
extern _Thread_local uint32_t dc_quickscan__where;

#endif
