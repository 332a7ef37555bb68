/*
 * diff - the unified diff of one file, byte for byte as `git diff` prints it.
 *
 * Input: the old and new bytes of one file (the original source and the
 * buffer the rewrite stage produced). Output: text appended to a dc_buf in
 * git's format, without git's `index` line, so that `git apply` and
 * `patch -p1` accept it and a reviewer sees exactly what `git diff` shows.
 *
 * The line diff is Myers' O(ND) algorithm (E. W. Myers, "An O(ND) Difference
 * Algorithm and Its Variations", Algorithmica 1(2):251-266, 1986) in its
 * linear-space form: find the middle snake of a box, split the box there and
 * do the same to both halves. The halves wait on an explicit stack, so the
 * input never decides how deep the C stack grows. Around it sits what git's
 * xdiff does (xprepare.c, xdiffi.c, xemit.c, git 2.39), reproduced step by
 * step so that the hunks are the ones git prints, ambiguous alignments
 * included (tests/check_diff.c compares with git on random files):
 *   1. trim the common prefix and suffix lines; this is done on bytes, so a
 *      100 MB file with one edit is never split into lines away from it;
 *   2. give every remaining line a class number (hash, then compare bytes);
 *   3. leave out of the Myers run the lines that occur nowhere in the other
 *      file, and lines that occur very often there when they sit among such
 *      lines (xdl_cleanup_records); they are marked changed up front;
 *   4. Myers with git's cut-offs for expensive boxes (xdl_split): past a cost
 *      of about sqrt(N) a box is split at the furthest-reaching point instead
 *      of the middle snake, which bounds the time when D is large;
 *   5. slide each group of changed lines over equal neighbouring lines:
 *      merge groups that touch, line a group up with a change on the other
 *      side, and otherwise put it where git's indent heuristic scores best
 *      (xdl_change_compact; diff.indentHeuristic is on by default);
 *   6. cut the changes into hunks with 3 lines of context, merging hunks
 *      whose contexts touch or overlap (xdl_get_hunk, xdl_emit_diff).
 * Lines end at '\n' only; a '\r' stays part of its line and NUL bytes are
 * ordinary bytes (git itself would call such a file binary; see dc_diff_file).
 *
 * Memory: apart from the inputs, O(lines between the first and the last
 * change), plus the lines a group slides over and the hunks' context. The
 * other lines are scanned (counted, hashed) but never stored.
 */
#include "diff.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "vec.h"

enum {
  CONTEXT = 3,          /* lines of context around a change (git -U3) */
  SNAKE_CNT = 20,       /* xdl_split: a diagonal run this long is a "good snake" */
  HEUR_MIN_COST = 256,  /* xdl_split: cost after which good snakes end the search */
  MAX_COST_MIN = 256,   /* xdl_split: the lowest cost cut-off */
  K_HEUR = 4,           /* xdl_split: how far a snake must reach, per unit of cost */
  MAX_EQLIMIT = 1024,   /* xdl_cleanup_records: cap on the "occurs often" limit */
  SIMSCAN_WINDOW = 100, /* xdl_clean_mmatch: how far it looks around a line */
  KPDIS_RUN = 4,        /* xdl_clean_mmatch: share of discardable lines needed */
  MAX_INDENT = 200,     /* indent heuristic: indentation is clamped here */
  MAX_BLANKS = 20,      /* indent heuristic: blank lines counted at most */
  MAX_SLIDING = 100,    /* indent heuristic: positions tried at most */
};

/* The indent heuristic's weights (git xdiffi.c, found empirically by
 * M. Haggerty on a corpus: https://github.com/mhagger/diff-slider-tools). */
enum {
  START_OF_FILE_PENALTY = 1,
  END_OF_FILE_PENALTY = 21,
  TOTAL_BLANK_WEIGHT = -30,
  POST_BLANK_WEIGHT = 6,
  RELATIVE_INDENT_PENALTY = -4,
  RELATIVE_INDENT_WITH_BLANK_PENALTY = 10,
  RELATIVE_OUTDENT_PENALTY = 24,
  RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17,
  RELATIVE_DEDENT_PENALTY = 23,
  RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17,
  INDENT_WEIGHT = 60,
};

/* ---------------------------------------------------------------------------
 * Sides: one version of the file, and the window of its lines split so far.
 * ------------------------------------------------------------------------- */

/* side - one version of the file.
 * Lines [lo, hi) are "materialized": their offsets are known and they carry
 * a changed flag; every line outside the window is unchanged. The window
 * grows on demand (side_extend), towards either end of the file. */
typedef struct side {
  const char *data;
  size_t len;
  ptrdiff_t nrec;     /* lines in the whole file; a final line without '\n' counts */
  ptrdiff_t lo, hi;   /* the window */
  size_t *off;        /* off[i - lo] = where line i starts, for i in [lo, hi] */
  unsigned char *chg; /* chg[i - lo] = line i is deleted (old side) or added (new side) */
  ptrdiff_t chg_hi;   /* no line at or after chg_hi is changed */
} side;

/* Grows the window of `s` to cover lines [want_lo, want_hi) (clamped to the
 * file). It grows by at least its own size each time, so that sliding a
 * group line by line over a long run costs amortized O(1) per line. */
static void side_extend(side *s, ptrdiff_t want_lo, ptrdiff_t want_hi) {
  if (want_lo < 0) want_lo = 0;
  if (want_hi > s->nrec) want_hi = s->nrec;
  if (want_lo >= s->lo && want_hi <= s->hi) return;
  ptrdiff_t step = s->hi - s->lo + 64;
  ptrdiff_t lo = s->lo, hi = s->hi;
  if (want_lo < lo) {
    lo = want_lo < s->lo - step ? want_lo : s->lo - step;
    if (lo < 0) lo = 0;
  }
  if (want_hi > hi) {
    hi = want_hi > s->hi + step ? want_hi : s->hi + step;
    if (hi > s->nrec) hi = s->nrec;
  }
  size_t *off = dc_xmalloc((size_t)(hi - lo + 1) * sizeof *off);
  unsigned char *chg = dc_xcalloc((size_t)(hi - lo + 1), 1);
  memcpy(off + (s->lo - lo), s->off, (size_t)(s->hi - s->lo + 1) * sizeof *off);
  if (s->hi > s->lo) memcpy(chg + (s->lo - lo), s->chg, (size_t)(s->hi - s->lo));
  /* Backwards: line i - 1 ends where line i starts, with its '\n'. */
  for (ptrdiff_t i = s->lo; i > lo; i--) {
    size_t p = off[i - lo] - 1;
    while (p > 0 && s->data[p - 1] != '\n') p--;
    off[i - 1 - lo] = p;
  }
  /* Forwards: line i ends after its '\n', or at the end of the file. */
  for (ptrdiff_t i = s->hi; i < hi; i++) {
    size_t start = off[i - lo];
    const char *nl = memchr(s->data + start, '\n', s->len - start);
    off[i + 1 - lo] = nl ? (size_t)(nl - s->data) + 1 : s->len;
  }
  free(s->off);
  free(s->chg);
  s->off = off;
  s->chg = chg;
  s->lo = lo;
  s->hi = hi;
}

/* Sets *p and returns the length of line i (0 <= i < nrec), '\n' included. */
static size_t side_line(side *s, ptrdiff_t i, const char **p) {
  if (i < s->lo || i >= s->hi) side_extend(s, i, i + 1);
  size_t start = s->off[i - s->lo];
  *p = s->data + start;
  return s->off[i + 1 - s->lo] - start;
}

/* Whether line i is changed; any i from -1 to nrec may be asked. */
static inline bool side_changed(const side *s, ptrdiff_t i) {
  return i >= s->lo && i < s->hi && s->chg[i - s->lo];
}

/* Marks line i, which must be in the window, changed or not. */
static inline void side_mark(side *s, ptrdiff_t i, bool changed) {
  DC_ASSERT(i >= s->lo && i < s->hi);
  s->chg[i - s->lo] = changed;
  if (changed && i + 1 > s->chg_hi) s->chg_hi = i + 1;
}

static bool lines_equal(side *s, ptrdiff_t a, ptrdiff_t b) {
  const char *pa, *pb;
  size_t na = side_line(s, a, &pa), nb = side_line(s, b, &pb);
  return na == nb && memcmp(pa, pb, na) == 0;
}

/* Returns the index of the first changed line of `s`, or nrec if none. */
static ptrdiff_t side_first_change(const side *s) {
  for (ptrdiff_t i = s->lo; i < s->hi; i++)
    if (s->chg[i - s->lo]) return i;
  return s->nrec;
}

/* Returns the length of the longest common prefix of a[0..n) and b[0..n). */
static size_t common_prefix(const char *a, const char *b, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t step = n - i < 4096 ? n - i : 4096;
    if (memcmp(a + i, b + i, step)) break;
    i += step;
  }
  while (i < n && a[i] == b[i]) i++;
  return i;
}

/* Returns the length of the longest common suffix, at most n bytes long, of
 * the bytes that end at a_end and b_end. */
static size_t common_suffix(const char *a_end, const char *b_end, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t step = n - i < 4096 ? n - i : 4096;
    if (memcmp(a_end - i - step, b_end - i - step, step)) break;
    i += step;
  }
  while (i < n && a_end[-1 - (ptrdiff_t)i] == b_end[-1 - (ptrdiff_t)i]) i++;
  return i;
}

static size_t count_newlines(const char *p, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++) c += p[i] == '\n';
  return c;
}

/* ---------------------------------------------------------------------------
 * Line classes: equal lines get equal numbers, so Myers compares integers.
 * ------------------------------------------------------------------------- */

static uint64_t hash_bytes(const char *p, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15u ^ (uint64_t)n;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w;
    memcpy(&w, p, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 32;
  }
  uint64_t w = 0;
  memcpy(&w, p, n);
  h = (h ^ w) * 0xc4ceb9fe1a85ec53u;
  return h ^ (h >> 29);
}

/* klass - one distinct line of the untrimmed middle of either side. */
typedef struct klass {
  uint64_t hash;
  const char *ptr;
  size_t len;
  uint32_t count[2]; /* occurrences in the whole old / new file (saturating) */
  ptrdiff_t old_at;  /* the last old middle line (0 = first) in this class, or -1 */
} klass;

/* classifier - an open-addressing table of the middle lines' classes. Only
 * middle lines are inserted; the trimmed lines are looked up to count them. */
typedef struct classifier {
  dc_vec(klass) classes;
  uint32_t *slots; /* class index + 1, or 0 for an empty slot */
  size_t mask;
  uint64_t lengths[64]; /* bit (len % 4096): some class has a line of that length */
} classifier;

#define NO_CLASS UINT32_MAX

static void classifier_init(classifier *c, size_t max_classes) {
  memset(c, 0, sizeof *c);
  size_t size = 16;
  while (size < 2 * max_classes) size *= 2;
  c->slots = dc_xcalloc(size, sizeof *c->slots);
  c->mask = size - 1;
}

static void classifier_release(classifier *c) {
  dc_vec_free(&c->classes);
  free(c->slots);
}

/* Returns the class of the line p[0..n), creating it when `insert` is set;
 * without `insert`, an unknown line gives NO_CLASS. */
static uint32_t classify(classifier *c, const char *p, size_t n, bool insert) {
  if (!insert && !(c->lengths[(n >> 6) & 63] >> (n & 63) & 1)) return NO_CLASS;
  uint64_t h = hash_bytes(p, n);
  for (size_t i = h & c->mask;; i = (i + 1) & c->mask) {
    uint32_t k = c->slots[i];
    if (!k) {
      if (!insert) return NO_CLASS;
      if (c->classes.size == NO_CLASS - 1) DC_BUG("too many distinct lines");
      dc_vec_push(&c->classes, ((klass){h, p, n, {0, 0}, -1}));
      c->slots[i] = c->classes.size;
      c->lengths[(n >> 6) & 63] |= UINT64_C(1) << (n & 63);
      return c->classes.size - 1;
    }
    const klass *e = &c->classes.items[k - 1];
    if (e->hash == h && e->len == n && memcmp(e->ptr, p, n) == 0) return k - 1;
  }
}

static void count_up(uint32_t *n) {
  if (*n < UINT32_MAX) ++*n;
}

/* Counts, for every class, the lines of p[0..n) (whole lines, present in
 * both files: the common prefix or suffix) that belong to it. */
static void count_trimmed(classifier *c, const char *p, size_t n) {
  for (size_t i = 0; i < n;) {
    const char *nl = memchr(p + i, '\n', n - i);
    size_t end = nl ? (size_t)(nl - p) + 1 : n;
    uint32_t k = classify(c, p + i, end - i, false);
    if (k != NO_CLASS)
      count_up(&c->classes.items[k].count[0]), count_up(&c->classes.items[k].count[1]);
    i = end;
  }
}

/* xdl_bogosqrt: a power of two near sqrt(n), used for git's limits. */
static ptrdiff_t bogosqrt(ptrdiff_t n) {
  ptrdiff_t i = 1;
  for (; n > 0; n >>= 2) i <<= 1;
  return i;
}

/* Whether the often-occurring line i (dis[i] == 2) of dis[s..e] should be
 * left out of the Myers run: it sits in a run of lines, within
 * SIMSCAN_WINDOW of it, that are either unmatched (0) or often-occurring
 * (2), with unmatched lines on both sides of it, and the unmatched lines are
 * more than three quarters of the run (git xprepare.c, xdl_clean_mmatch). */
static bool clean_mmatch(const unsigned char *dis, ptrdiff_t i, ptrdiff_t s, ptrdiff_t e) {
  if (i - s > SIMSCAN_WINDOW) s = i - SIMSCAN_WINDOW;
  if (e - i > SIMSCAN_WINDOW) e = i + SIMSCAN_WINDOW;
  ptrdiff_t r, rdis0 = 0, rpdis0 = 1, rdis1 = 0, rpdis1 = 1;
  for (r = 1; i - r >= s; r++) {
    if (!dis[i - r]) rdis0++;
    else if (dis[i - r] == 2) rpdis0++;
    else break;
  }
  if (rdis0 == 0) return false;
  for (r = 1; i + r <= e; r++) {
    if (!dis[i + r]) rdis1++;
    else if (dis[i + r] == 2) rpdis1++;
    else break;
  }
  if (rdis1 == 0) return false;
  rdis1 += rdis0;
  rpdis1 += rpdis0;
  return rpdis1 * KPDIS_RUN < rpdis1 + rdis1;
}

/* ---------------------------------------------------------------------------
 * Myers: the shortest edit script between the kept lines of both middles.
 * ------------------------------------------------------------------------- */

/* records - the lines of one side that take part in the Myers run. */
typedef struct records {
  ptrdiff_t n;
  uint32_t *ha;      /* class of each record */
  ptrdiff_t *rindex; /* line number of each record */
} records;

/* box - a sub-problem: records [off1, lim1) against [off2, lim2). */
typedef struct box {
  ptrdiff_t off1, lim1, off2, lim2;
  bool need_min; /* no cost cut-offs inside this box */
} box;

/* split - where a box is cut, and whether each half must be minimal. */
typedef struct split {
  ptrdiff_t i1, i2;
  bool min_lo, min_hi;
} split;

/* Finds where to cut the box `b`, which has records on both sides and whose
 * first and last records differ: normally the middle snake, which a forward
 * search from the top-left and a backward search from the bottom-right meet
 * on (Myers §4b); when the cost exceeds git's cut-offs and `b` is not
 * need_min, a point far along a long snake, or the furthest-reaching one.
 * kvdf and kvdb are indexed by diagonal k = i1 - i2 and must hold
 * [off1 - lim2 - 1, lim1 - off2 + 1]. A transcription of git's xdl_split. */
static void myers_split(const uint32_t *ha1, const uint32_t *ha2, const box *b, ptrdiff_t *kvdf,
                        ptrdiff_t *kvdb, ptrdiff_t mxcost, split *spl) {
  const ptrdiff_t off1 = b->off1, lim1 = b->lim1, off2 = b->off2, lim2 = b->lim2;
  const ptrdiff_t dmin = off1 - lim2, dmax = lim1 - off2;
  const ptrdiff_t fmid = off1 - off2, bmid = lim1 - lim2;
  const bool odd = (fmid - bmid) & 1;
  ptrdiff_t fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;

  kvdf[fmid] = off1;
  kvdb[bmid] = lim1;
  for (ptrdiff_t ec = 1;; ec++) {
    bool got_snake = false;
    /* Widen the range of forward diagonals by one at each end, or narrow it
     * where it would leave the box; the sentinel -1 outside saves tests. */
    if (fmin > dmin) kvdf[--fmin - 1] = -1;
    else ++fmin;
    if (fmax < dmax) kvdf[++fmax + 1] = -1;
    else --fmax;
    for (ptrdiff_t d = fmax; d >= fmin; d -= 2) {
      ptrdiff_t i1 = kvdf[d - 1] >= kvdf[d + 1] ? kvdf[d - 1] + 1 : kvdf[d + 1];
      ptrdiff_t prev1 = i1, i2 = i1 - d;
      for (; i1 < lim1 && i2 < lim2 && ha1[i1] == ha2[i2]; i1++, i2++) {}
      if (i1 - prev1 > SNAKE_CNT) got_snake = true;
      kvdf[d] = i1;
      if (odd && bmin <= d && d <= bmax && kvdb[d] <= i1) {
        *spl = (split){i1, i2, true, true};
        return;
      }
    }
    /* The same backwards from the bottom-right corner. */
    if (bmin > dmin) kvdb[--bmin - 1] = PTRDIFF_MAX;
    else ++bmin;
    if (bmax < dmax) kvdb[++bmax + 1] = PTRDIFF_MAX;
    else --bmax;
    for (ptrdiff_t d = bmax; d >= bmin; d -= 2) {
      ptrdiff_t i1 = kvdb[d - 1] < kvdb[d + 1] ? kvdb[d - 1] : kvdb[d + 1] - 1;
      ptrdiff_t prev1 = i1, i2 = i1 - d;
      for (; i1 > off1 && i2 > off2 && ha1[i1 - 1] == ha2[i2 - 1]; i1--, i2--) {}
      if (prev1 - i1 > SNAKE_CNT) got_snake = true;
      kvdb[d] = i1;
      if (!odd && fmin <= d && d <= fmax && i1 <= kvdf[d]) {
        *spl = (split){i1, i2, true, true};
        return;
      }
    }
    if (b->need_min) continue;

    /* Past HEUR_MIN_COST, a diagonal that got far from its corner along a
     * snake of SNAKE_CNT equal lines is a good enough place to cut. */
    if (got_snake && ec > HEUR_MIN_COST) {
      ptrdiff_t best = 0;
      for (ptrdiff_t d = fmax; d >= fmin; d -= 2) {
        ptrdiff_t dd = d > fmid ? d - fmid : fmid - d;
        ptrdiff_t i1 = kvdf[d], i2 = i1 - d;
        ptrdiff_t v = (i1 - off1) + (i2 - off2) - dd;
        if (v > K_HEUR * ec && v > best && off1 + SNAKE_CNT <= i1 && i1 < lim1 &&
            off2 + SNAKE_CNT <= i2 && i2 < lim2) {
          for (ptrdiff_t k = 1; ha1[i1 - k] == ha2[i2 - k]; k++)
            if (k == SNAKE_CNT) {
              best = v;
              spl->i1 = i1, spl->i2 = i2;
              break;
            }
        }
      }
      if (best > 0) {
        spl->min_lo = true, spl->min_hi = false;
        return;
      }
      for (ptrdiff_t d = bmax; d >= bmin; d -= 2) {
        ptrdiff_t dd = d > bmid ? d - bmid : bmid - d;
        ptrdiff_t i1 = kvdb[d], i2 = i1 - d;
        ptrdiff_t v = (lim1 - i1) + (lim2 - i2) - dd;
        if (v > K_HEUR * ec && v > best && off1 < i1 && i1 <= lim1 - SNAKE_CNT && off2 < i2 &&
            i2 <= lim2 - SNAKE_CNT) {
          for (ptrdiff_t k = 0; ha1[i1 + k] == ha2[i2 + k]; k++)
            if (k == SNAKE_CNT - 1) {
              best = v;
              spl->i1 = i1, spl->i2 = i2;
              break;
            }
        }
      }
      if (best > 0) {
        spl->min_lo = false, spl->min_hi = true;
        return;
      }
    }

    /* Enough: cut at the point that reached furthest (by i1 + i2). */
    if (ec >= mxcost) {
      ptrdiff_t fbest = -1, fbest1 = -1;
      for (ptrdiff_t d = fmax; d >= fmin; d -= 2) {
        ptrdiff_t i1 = kvdf[d] < lim1 ? kvdf[d] : lim1, i2 = i1 - d;
        if (lim2 < i2) i1 = lim2 + d, i2 = lim2;
        if (fbest < i1 + i2) fbest = i1 + i2, fbest1 = i1;
      }
      ptrdiff_t bbest = PTRDIFF_MAX, bbest1 = PTRDIFF_MAX;
      for (ptrdiff_t d = bmax; d >= bmin; d -= 2) {
        ptrdiff_t i1 = kvdb[d] > off1 ? kvdb[d] : off1, i2 = i1 - d;
        if (i2 < off2) i1 = off2 + d, i2 = off2;
        if (i1 + i2 < bbest) bbest = i1 + i2, bbest1 = i1;
      }
      if ((lim1 + lim2) - bbest < fbest - (off1 + off2))
        *spl = (split){fbest1, fbest - fbest1, true, false};
      else *spl = (split){bbest1, bbest - bbest1, false, true};
      return;
    }
  }
}

/* Marks as changed, in s1 and s2, every record that the edit script from r1
 * to r2 deletes or inserts. Divide and conquer (git's xdl_recs_cmp), with
 * the pending boxes on a heap stack instead of the C stack. */
static void myers(side *s1, const records *r1, side *s2, const records *r2) {
  ptrdiff_t ndiags = r1->n + r2->n + 3;
  ptrdiff_t *kvd = dc_xmalloc((size_t)(2 * ndiags + 2) * sizeof *kvd);
  ptrdiff_t *kvdf = kvd + r2->n + 1, *kvdb = kvd + ndiags + r2->n + 1;
  ptrdiff_t mxcost = bogosqrt(ndiags);
  if (mxcost < MAX_COST_MIN) mxcost = MAX_COST_MIN;
  const uint32_t *ha1 = r1->ha, *ha2 = r2->ha;

  dc_vec(box) stack = {0};
  dc_vec_push(&stack, ((box){0, r1->n, 0, r2->n, false}));
  while (stack.size) {
    box b = dc_vec_pop(&stack);
    /* Shrink the box over the snakes at both corners. */
    for (; b.off1 < b.lim1 && b.off2 < b.lim2 && ha1[b.off1] == ha2[b.off2]; b.off1++, b.off2++) {}
    for (; b.off1 < b.lim1 && b.off2 < b.lim2 && ha1[b.lim1 - 1] == ha2[b.lim2 - 1];
         b.lim1--, b.lim2--) {}
    if (b.off1 == b.lim1) {
      for (ptrdiff_t i = b.off2; i < b.lim2; i++) side_mark(s2, r2->rindex[i], true);
    } else if (b.off2 == b.lim2) {
      for (ptrdiff_t i = b.off1; i < b.lim1; i++) side_mark(s1, r1->rindex[i], true);
    } else {
      split spl;
      myers_split(ha1, ha2, &b, kvdf, kvdb, mxcost, &spl);
      dc_vec_push(&stack, ((box){spl.i1, b.lim1, spl.i2, b.lim2, spl.min_hi}));
      dc_vec_push(&stack, ((box){b.off1, spl.i1, b.off2, spl.i2, spl.min_lo}));
    }
  }
  dc_vec_free(&stack);
  free(kvd);
}

/* Builds the Myers input of one side's middle, lines [first, first + m)
 * whose classes are cls[0..m): lines that never occur in the other file, and
 * lines that occur there mlim times or more when they sit among such lines,
 * are marked changed right away (git's xdl_cleanup_records); the rest become
 * the records in *r, which the caller frees. `which` is 0 for the old side,
 * 1 for the new; as in git, mlim comes from this side's own line count. */
static void prepare_records(side *s, const classifier *c, const uint32_t *cls, ptrdiff_t first,
                            ptrdiff_t m, int which, records *r) {
  ptrdiff_t mlim = bogosqrt(s->nrec);
  if (mlim > MAX_EQLIMIT) mlim = MAX_EQLIMIT;
  unsigned char *dis = dc_xmalloc((size_t)m);
  for (ptrdiff_t k = 0; k < m; k++) {
    uint32_t nm = c->classes.items[cls[k]].count[1 - which];
    dis[k] = nm == 0 ? 0 : (ptrdiff_t)nm >= mlim ? 2 : 1;
  }
  r->n = 0;
  r->ha = dc_xmalloc((size_t)m * sizeof *r->ha);
  r->rindex = dc_xmalloc((size_t)m * sizeof *r->rindex);
  for (ptrdiff_t k = 0; k < m; k++) {
    if (dis[k] == 1 || (dis[k] == 2 && !clean_mmatch(dis, k, 0, m - 1))) {
      r->ha[r->n] = cls[k];
      r->rindex[r->n++] = first + k;
    } else {
      side_mark(s, first + k, true);
    }
  }
  free(dis);
}

/* ---------------------------------------------------------------------------
 * Compaction: slide groups of changed lines (git's xdl_change_compact).
 * ------------------------------------------------------------------------- */

/* group - changed lines [start, end) of one side; an empty group sits just
 * above the unchanged line `start`. Between two unchanged lines there is
 * always exactly one group, so the groups of both sides pair up in order. */
typedef struct group {
  ptrdiff_t start, end;
} group;

static void group_at(const side *s, group *g, ptrdiff_t start) {
  g->start = g->end = start;
  while (side_changed(s, g->end)) g->end++;
}

static bool group_next(const side *s, group *g) {
  if (g->end == s->nrec) return false;
  g->start = g->end + 1;
  for (g->end = g->start; side_changed(s, g->end); g->end++) {}
  return true;
}

static bool group_previous(const side *s, group *g) {
  if (g->start == 0) return false;
  g->end = g->start - 1;
  for (g->start = g->end; side_changed(s, g->start - 1); g->start--) {}
  return true;
}

/* Moves g one line down if its first line equals the line after it, taking
 * in the group that follows when they meet; false if it cannot move. */
static bool group_slide_down(side *s, group *g) {
  if (g->end >= s->nrec || !lines_equal(s, g->start, g->end)) return false;
  side_mark(s, g->start++, false);
  side_mark(s, g->end++, true);
  while (side_changed(s, g->end)) g->end++;
  return true;
}

/* Moves g one line up if its last line equals the line before it. */
static bool group_slide_up(side *s, group *g) {
  if (g->start <= 0 || !lines_equal(s, g->start - 1, g->end - 1)) return false;
  side_mark(s, --g->start, true);
  side_mark(s, --g->end, false);
  while (side_changed(s, g->start - 1)) g->start--;
  return true;
}

/* Returns the indentation of line i in columns (a tab moves to the next
 * multiple of 8), clamped at MAX_INDENT, or -1 if the line is blank. Only
 * ' ', '\t', '\n' and '\r' are white space here, as in git's ctype. */
static int line_indent(side *s, ptrdiff_t i) {
  const char *p;
  size_t n = side_line(s, i, &p);
  int ret = 0;
  for (size_t k = 0; k < n; k++) {
    char c = p[k];
    if (c == ' ') ret += 1;
    else if (c == '\t') ret += 8 - ret % 8;
    else if (c != '\n' && c != '\r') return ret;
    if (ret >= MAX_INDENT) return MAX_INDENT;
  }
  return -1;
}

/* split_score - the badness of a group position (smaller is better). */
typedef struct split_score {
  int effective_indent;
  int penalty;
} split_score;

/* Adds to *sc the badness of cutting `s` just above line `at`: git's
 * measure_split and score_add_split, which prefer cuts next to blank lines
 * and at the start of blocks rather than inside them. */
static void score_split(side *s, ptrdiff_t at, split_score *sc) {
  bool end_of_file = at >= s->nrec;
  int indent = end_of_file ? -1 : line_indent(s, at);
  int pre_blank = 0, pre_indent = -1, post_blank = 0, post_indent = -1;
  for (ptrdiff_t i = at - 1; i >= 0; i--) {
    pre_indent = line_indent(s, i);
    if (pre_indent != -1) break;
    if (++pre_blank == MAX_BLANKS) {
      pre_indent = 0;
      break;
    }
  }
  for (ptrdiff_t i = at + 1; i < s->nrec; i++) {
    post_indent = line_indent(s, i);
    if (post_indent != -1) break;
    if (++post_blank == MAX_BLANKS) {
      post_indent = 0;
      break;
    }
  }

  if (pre_indent == -1 && pre_blank == 0) sc->penalty += START_OF_FILE_PENALTY;
  if (end_of_file) sc->penalty += END_OF_FILE_PENALTY;
  int blank_after = indent == -1 ? 1 + post_blank : 0;
  int total_blank = pre_blank + blank_after;
  sc->penalty += TOTAL_BLANK_WEIGHT * total_blank + POST_BLANK_WEIGHT * blank_after;
  int eff = indent != -1 ? indent : post_indent;
  bool any_blanks = total_blank != 0;
  sc->effective_indent += eff;
  if (eff == -1 || pre_indent == -1 || eff == pre_indent) {
    /* nothing more to weigh */
  } else if (eff > pre_indent) {
    sc->penalty += any_blanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
  } else if (post_indent != -1 && post_indent > eff) {
    sc->penalty += any_blanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
  } else {
    sc->penalty += any_blanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
  }
}

static int score_cmp(const split_score *a, const split_score *b) {
  int cmp_indents =
      (a->effective_indent > b->effective_indent) - (a->effective_indent < b->effective_indent);
  return INDENT_WEIGHT * cmp_indents + (a->penalty - b->penalty);
}

/* Slides the groups of changed lines of `s`, keeping the groups of `o` (the
 * other side) in step: each group goes as far up as it can, then as far down,
 * swallowing the groups it meets, until its size stops changing; then it
 * moves back up to the lowest position facing a change in `o` if there is
 * one, else to the position the indent heuristic prefers. */
static void compact(side *s, side *o) {
  ptrdiff_t start = side_first_change(s), other = side_first_change(o);
  if (other < start) start = other;
  if (start >= s->nrec) return;
  group g, go;
  group_at(s, &g, start);
  group_at(o, &go, start);
  for (;;) {
    if (g.end != g.start) {
      ptrdiff_t groupsize, earliest_end, end_matching_other;
      do {
        groupsize = g.end - g.start;
        end_matching_other = -1;
        while (group_slide_up(s, &g))
          if (!group_previous(o, &go)) DC_BUG("group sync broken sliding up");
        earliest_end = g.end;
        if (go.end > go.start) end_matching_other = g.end;
        while (group_slide_down(s, &g)) {
          if (!group_next(o, &go)) DC_BUG("group sync broken sliding down");
          if (go.end > go.start) end_matching_other = g.end;
        }
      } while (groupsize != g.end - g.start);

      if (g.end == earliest_end) {
        /* the group cannot move */
      } else if (end_matching_other != -1) {
        while (go.end == go.start) {
          if (!group_slide_up(s, &g)) DC_BUG("match disappeared");
          if (!group_previous(o, &go)) DC_BUG("group sync broken sliding to match");
        }
      } else {
        ptrdiff_t shift = earliest_end, best_shift = -1;
        split_score best = {0, 0};
        if (g.end - groupsize - 1 > shift) shift = g.end - groupsize - 1;
        if (g.end - MAX_SLIDING > shift) shift = g.end - MAX_SLIDING;
        for (; shift <= g.end; shift++) {
          split_score score = {0, 0};
          score_split(s, shift, &score);
          score_split(s, shift - groupsize, &score);
          if (best_shift == -1 || score_cmp(&score, &best) <= 0) best = score, best_shift = shift;
        }
        while (g.end > best_shift) {
          if (!group_slide_up(s, &g)) DC_BUG("best shift unreached");
          if (!group_previous(o, &go)) DC_BUG("group sync broken sliding to best shift");
        }
      }
    }
    /* Every line after g.end is unchanged: the remaining groups are empty. */
    if (g.end >= s->chg_hi || !group_next(s, &g)) break;
    if (!group_next(o, &go)) DC_BUG("group sync broken moving to next group");
  }
}

/* ---------------------------------------------------------------------------
 * Output.
 * ------------------------------------------------------------------------- */

/* change - lines [i1, i1 + chg1) of the old side replaced by [i2, i2 + chg2)
 * of the new side; one side may be empty. */
typedef struct change {
  ptrdiff_t i1, i2, chg1, chg2;
} change;

typedef dc_vec(change) change_vec;

/* Whether git's default core.quotePath=true quotes a path with byte c. */
static bool must_quote(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c >= 0x7f; }

/* Appends prefix + path as git writes a name in a header (quote_c_style on
 * the whole name): as is, or between double quotes with C escapes for
 * \a \b \t \n \v \f \r " \\ and three-digit octal for other control bytes
 * and bytes >= 0x7f. */
static void add_name(dc_buf *out, const char *prefix, const char *path) {
  bool quote = false;
  for (const char *p = path; *p; p++) quote |= must_quote((unsigned char)*p);
  if (!quote) {
    dc_buf_adds(out, prefix);
    dc_buf_adds(out, path);
    return;
  }
  dc_buf_addch(out, '"');
  dc_buf_adds(out, prefix);
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    static const char letters[] = "abtnvfr"; /* for bytes 7 .. 13 */
    if (!must_quote(*p)) {
      dc_buf_addch(out, (char)*p);
    } else if (*p == '"' || *p == '\\') {
      dc_buf_addch(out, '\\');
      dc_buf_addch(out, (char)*p);
    } else if (*p >= 7 && *p <= 13) {
      dc_buf_addch(out, '\\');
      dc_buf_addch(out, letters[*p - 7]);
    } else {
      dc_buf_addf(out, "\\%03o", (unsigned)*p);
    }
  }
  dc_buf_addch(out, '"');
}

/* Appends line i of `s` after the marker, and git's "\ No newline at end of
 * file" if the line is a final line without '\n'. */
static void emit_line(dc_buf *out, char marker, side *s, ptrdiff_t i) {
  const char *p;
  size_t n = side_line(s, i, &p);
  dc_buf_addch(out, marker);
  dc_buf_add(out, p, n);
  if (n == 0 || p[n - 1] != '\n') dc_buf_adds(out, "\n\\ No newline at end of file\n");
}

/* Appends "start,count" of a hunk header as git's xdl_emit_hunk_hdr does:
 * ",1" left out, and an empty side numbered by the line before it. */
static void add_range(dc_buf *out, ptrdiff_t start, ptrdiff_t count) {
  dc_buf_addf(out, "%td", count ? start : start - 1);
  if (count != 1) dc_buf_addf(out, ",%td", count);
}

/* Appends the hunks for `changes` (in order, not overlapping) and returns
 * how many there are. Changes at most 2 * CONTEXT unchanged lines apart
 * share a hunk; context lines are taken from the new side, as git does. */
static int emit_hunks(dc_buf *out, side *s1, side *s2, const change *ch, uint32_t n) {
  int hunks = 0;
  for (uint32_t k = 0, last; k < n; k = last + 1) {
    last = k;
    while (last + 1 < n && ch[last + 1].i1 - (ch[last].i1 + ch[last].chg1) <= 2 * CONTEXT) last++;
    const change *a = &ch[k], *z = &ch[last];
    ptrdiff_t s1_ = a->i1 - CONTEXT > 0 ? a->i1 - CONTEXT : 0;
    ptrdiff_t s2_ = a->i2 - CONTEXT > 0 ? a->i2 - CONTEXT : 0;
    ptrdiff_t lctx = CONTEXT;
    if (s1->nrec - (z->i1 + z->chg1) < lctx) lctx = s1->nrec - (z->i1 + z->chg1);
    if (s2->nrec - (z->i2 + z->chg2) < lctx) lctx = s2->nrec - (z->i2 + z->chg2);
    ptrdiff_t e1 = z->i1 + z->chg1 + lctx, e2 = z->i2 + z->chg2 + lctx;

    dc_buf_adds(out, "@@ -");
    add_range(out, s1_ + 1, e1 - s1_);
    dc_buf_adds(out, " +");
    add_range(out, s2_ + 1, e2 - s2_);
    dc_buf_adds(out, " @@\n");
    ptrdiff_t j2 = s2_;
    for (uint32_t c = k; c <= last; c++) {
      for (; j2 < ch[c].i2; j2++) emit_line(out, ' ', s2, j2);
      for (ptrdiff_t j = ch[c].i1; j < ch[c].i1 + ch[c].chg1; j++) emit_line(out, '-', s1, j);
      for (ptrdiff_t j = ch[c].i2; j < ch[c].i2 + ch[c].chg2; j++) emit_line(out, '+', s2, j);
      j2 = ch[c].i2 + ch[c].chg2;
    }
    for (; j2 < e2; j2++) emit_line(out, ' ', s2, j2);
    hunks++;
  }
  return hunks;
}

/* Pairs the unchanged lines of both sides in order and returns the runs of
 * changed lines between them (git's xdl_build_script, walked forwards). */
static void collect_changes(const side *s1, const side *s2, change_vec *out) {
  ptrdiff_t i1 = side_first_change(s1), i2 = side_first_change(s2);
  if (i2 < i1) i1 = i2;
  i2 = i1; /* everything above the first change is unchanged on both sides */
  while (i1 < s1->chg_hi || i2 < s2->chg_hi) {
    if (side_changed(s1, i1) || side_changed(s2, i2)) {
      change c = {i1, i2, 0, 0};
      while (side_changed(s1, i1)) i1++;
      while (side_changed(s2, i2)) i2++;
      c.chg1 = i1 - c.i1, c.chg2 = i2 - c.i2;
      dc_vec_push(out, c);
    } else {
      i1++, i2++;
    }
  }
}

/* Marks the changed lines of the two sides, which share their first `head`
 * and last `tail` lines (pre_bytes and suf_bytes long) and differ in between;
 * both windows cover at least the lines in between. */
static void mark_changes(side *s1, side *s2, ptrdiff_t head, ptrdiff_t tail, size_t pre_bytes,
                         size_t suf_bytes) {
  ptrdiff_t m1 = s1->nrec - tail - head, m2 = s2->nrec - tail - head;
  if (m1 == 0 || m2 == 0) {
    for (ptrdiff_t i = head; i < head + m1; i++) side_mark(s1, i, true);
    for (ptrdiff_t i = head; i < head + m2; i++) side_mark(s2, i, true);
    return;
  }
  classifier c;
  classifier_init(&c, (size_t)(m1 + m2));
  uint32_t *cls1 = dc_xmalloc((size_t)m1 * sizeof *cls1);
  uint32_t *cls2 = dc_xmalloc((size_t)m2 * sizeof *cls2);
  for (ptrdiff_t k = 0; k < m1; k++) {
    const char *p;
    size_t n = side_line(s1, head + k, &p);
    cls1[k] = classify(&c, p, n, true); /* may move c.classes.items */
    klass *e = &c.classes.items[cls1[k]];
    count_up(&e->count[0]);
    e->old_at = k;
  }
  /* Most new lines equal the old line at the same place, give or take the
   * edits: try that line first (a sequential read) before the hash table
   * (random reads), and after a table hit on a line that occurs once in the
   * old middle, continue from there. */
  for (ptrdiff_t k = 0, guess = 0; k < m2; k++) {
    const char *p, *q;
    size_t n = side_line(s2, head + k, &p);
    if (guess < m1 && side_line(s1, head + guess, &q) == n && memcmp(p, q, n) == 0) {
      cls2[k] = cls1[guess++];
    } else {
      cls2[k] = classify(&c, p, n, true);
      const klass *e = &c.classes.items[cls2[k]];
      if (e->count[0] == 1) guess = e->old_at + 1;
    }
    count_up(&c.classes.items[cls2[k]].count[1]);
  }
  count_trimmed(&c, s1->data, pre_bytes);
  count_trimmed(&c, s1->data + s1->len - suf_bytes, suf_bytes);

  records r1, r2;
  prepare_records(s1, &c, cls1, head, m1, 0, &r1);
  prepare_records(s2, &c, cls2, head, m2, 1, &r2);
  free(cls1);
  free(cls2);
  classifier_release(&c);
  myers(s1, &r1, s2, &r2);
  free(r1.ha), free(r1.rindex), free(r2.ha), free(r2.rindex);
}

/* Sets up a side of nrec lines whose window covers lines [head, nrec - tail);
 * line `head` starts at byte `start`. */
static void side_init(side *s, const char *data, size_t len, ptrdiff_t nrec, ptrdiff_t head,
                      ptrdiff_t tail, size_t start) {
  memset(s, 0, sizeof *s);
  s->data = data, s->len = len, s->nrec = nrec;
  s->lo = s->hi = head;
  s->off = dc_xmalloc(sizeof *s->off);
  s->off[0] = start;
  s->chg = NULL;
  side_extend(s, head, nrec - tail);
}

static void side_release(side *s) {
  free(s->off);
  free(s->chg);
}

/* Where the output knowingly differs from `git diff`: no `index` line; no
 * function context after a hunk header's "@@"; contents with NUL bytes get
 * a text diff where git would print "Binary files ... differ"; an empty new
 * file gets git's two header lines and no hunk (so 0 is returned although
 * something was appended). `mode` is only printed for a new file, and
 * `old_len` is ignored then. */
int dc_diff_file(dc_buf *out, const char *path, const char *old, size_t old_len, const char *new_,
                 size_t new_len, unsigned mode) {
  DC_ASSERT(path != NULL);
  DC_ASSERT(new_ != NULL || new_len == 0);
  bool created = old == NULL;
  if (!old) old = "", old_len = 0;
  if (!new_) new_ = "", new_len = 0;
  if (!created && old_len == new_len && memcmp(old, new_, old_len) == 0) return 0;

  /* The header: git strips one leading '/' from a name. */
  if (*path == '/') path++;
  dc_buf a = DC_BUF_INIT, b = DC_BUF_INIT;
  add_name(&a, "a/", path);
  add_name(&b, "b/", path);
  dc_buf_addf(out, "diff --git %s %s\n", dc_buf_str(&a), dc_buf_str(&b));
  if (created) dc_buf_addf(out, "new file mode %06o\n", mode);
  if (created && new_len == 0) { /* git prints no ---/+++ lines for an empty new file */
    dc_buf_release(&a), dc_buf_release(&b);
    return 0;
  }
  /* git ends a ---/+++ line with a tab when the name has a space, for GNU patch. */
  const char *aname = created ? "/dev/null" : dc_buf_str(&a), *bname = dc_buf_str(&b);
  dc_buf_addf(out, "--- %s%s\n", aname, strchr(aname, ' ') ? "\t" : "");
  dc_buf_addf(out, "+++ %s%s\n", bname, strchr(bname, ' ') ? "\t" : "");
  dc_buf_release(&a), dc_buf_release(&b);

  /* Common prefix lines: the common bytes up to their last '\n'. */
  size_t common = old_len < new_len ? old_len : new_len;
  size_t pre = common_prefix(old, new_, common);
  while (pre > 0 && old[pre - 1] != '\n') pre--;
  ptrdiff_t head = (ptrdiff_t)count_newlines(old, pre);

  /* Common suffix lines: within the common bytes after the prefix, from the
   * first position that starts a line in both files. */
  size_t suf = common_suffix(old + old_len, new_ + new_len, common - pre);
  size_t x1 = old_len - suf, x2 = new_len - suf;
  if (suf > 0 && !((x1 == 0 || old[x1 - 1] == '\n') && (x2 == 0 || new_[x2 - 1] == '\n'))) {
    const char *nl = memchr(old + x1, '\n', suf - 1);
    suf = nl ? old_len - (size_t)(nl - old) - 1 : 0;
  }
  ptrdiff_t tail = 0;
  if (suf > 0)
    tail = (ptrdiff_t)count_newlines(old + old_len - suf, suf) + (old[old_len - 1] != '\n');

  /* Lines in each middle: its newlines, plus a final line without one. */
  ptrdiff_t nrec[2];
  for (int which = 0; which < 2; which++) {
    const char *p = which ? new_ : old;
    size_t len = which ? new_len : old_len;
    size_t mid = len - suf - pre;
    nrec[which] = head + tail + (ptrdiff_t)count_newlines(p + pre, mid) +
                  (mid > 0 && p[pre + mid - 1] != '\n');
  }

  side s1, s2;
  side_init(&s1, old, old_len, nrec[0], head, tail, pre);
  side_init(&s2, new_, new_len, nrec[1], head, tail, pre);
  mark_changes(&s1, &s2, head, tail, pre, suf);
  compact(&s1, &s2);
  compact(&s2, &s1);

  change_vec changes = {0};
  collect_changes(&s1, &s2, &changes);
  int hunks = emit_hunks(out, &s1, &s2, changes.items, changes.size);
  dc_vec_free(&changes);
  side_release(&s1);
  side_release(&s2);
  return hunks;
}
