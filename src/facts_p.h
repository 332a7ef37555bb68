/*
 * facts_p.h - helpers shared by the two fact extractors (facts.c from the
 * tree, quickscan.c from tokens), so that both read pragmas the same way.
 */
#ifndef DC_FACTS_P_H
#define DC_FACTS_P_H

#include "facts.h"

/* Whether the text src[0..len) may hold a pragma at all (one memmem). */
bool dc_facts__may_have_pragmas(const char *src, uint32_t len);

/* Reads the pragmas of the comments that start (at their '#') at offsets
 * comments[0..n) of src[0..len) (the text after the BOM; import byte
 * offsets are shifted by `base`), in increasing order, into
 * facts->pragmas, and gives each import of `facts` the first keep or
 * ignore pragma found on one of its lines. Allocates in `arena`. */
void dc_facts__pragmas(dc_file_facts *facts, const char *src, uint32_t len, uint32_t base, const uint32_t *comments,
                       uint32_t n, dc_arena *arena);

#endif
