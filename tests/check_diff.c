/*
 * check_diff.c - the diff writer: exact output on hand-made cases (core), a
 * differential test against `git diff` plus round trips through GNU patch and
 * `git apply` on random cases (property), and big inputs (edge).
 *
 * Comparing with git: `git diff --no-index` prints `a/old b/new` names, an
 * `index` line, and after each hunk header's second "@@" the enclosing
 * "function" line it guesses. Hunk headers are the only lines of a diff that
 * start with '@' (every other line starts with ' ', '+', '-', '\' or is a
 * header line before the first hunk), so the comparison takes both outputs
 * from the first "@@ -" on and cuts each header line after its second "@@".
 * git runs with no system or global configuration (GIT_CONFIG_NOSYSTEM,
 * GIT_CONFIG_GLOBAL=/dev/null), so its defaults apply: Myers, indent
 * heuristic on, core.quotePath on. Headers and path quoting are compared
 * separately, whole, against `git diff` in a real repository, where git names
 * both sides after the one path, as decycle does.
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "check_decycle.h"
#include "diff.h"

/* ---- helpers ------------------------------------------------------------- */

/* Diffs old -> new for `path` and checks the output and the hunk count. */
static void check_diff_of(const char *path, const char *old, size_t old_len, const char *new_,
                          size_t new_len, const char *expected, size_t expected_len, int hunks) {
  dc_buf out = DC_BUF_INIT;
  int got = dc_diff_file(&out, path, old, old_len, new_, new_len, 0100644);
  ck_assert_msg(out.len == expected_len && memcmp(dc_buf_str(&out), expected, expected_len) == 0,
                "diff of '%s' is\n%s\nexpected\n%s", path, dc_buf_str(&out), expected);
  ck_assert_int_eq(got, hunks);
  dc_buf_release(&out);
}

/* String literals, so that sizeof gives lengths that count NUL bytes. */
#define CHECK_DIFF(old, new_, expected, hunks)                                                     \
  check_diff_of("m.py", old, sizeof old - 1, new_, sizeof new_ - 1, expected, sizeof expected - 1, \
                hunks)
#define HEADER "diff --git a/m.py b/m.py\n--- a/m.py\n+++ b/m.py\n"
#define NUMBERS_1_20 "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n19\n20\n"

/* Returns the line that starts at *p (up to its '\n' included, or the end)
 * and moves *p past it; *n gets its length. */
static const char *next_line(const char **p, const char *end, size_t *n) {
  const char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
  *p = nl ? nl + 1 : end;
  *n = (size_t)(*p - s);
  return s;
}

/* Applies the hunks of `diff` to old[0..old_len) strictly: every context and
 * deleted line must be at the place its header says, byte for byte. Returns
 * the result (caller frees) and its length, or NULL if the diff does not
 * apply; *why says where it failed. */
static char *apply_hunks(const char *old, size_t old_len, const char *diff, size_t diff_len,
                         size_t *out_len, const char **why) {
  const char *d = diff, *dend = diff + diff_len, *o = old, *oend = old + old_len;
  size_t n, line_no = 0; /* lines of old consumed */
  dc_buf out = DC_BUF_INIT;
  *why = "ok";
  while (d < dend && strncmp(d, "@@ -", 4)) next_line(&d, dend, &n); /* headers */
  while (d < dend) {
    unsigned long a, b = 1, c, e = 1;
    const char *h = next_line(&d, dend, &n);
    char *q;
    if (strncmp(h, "@@ -", 4)) return *why = "expected a hunk header", dc_buf_release(&out), NULL;
    a = strtoul(h + 4, &q, 10);
    if (*q == ',') b = strtoul(q + 1, &q, 10);
    if (strncmp(q, " +", 2)) return *why = "bad hunk header", dc_buf_release(&out), NULL;
    c = strtoul(q + 2, &q, 10);
    if (*q == ',') e = strtoul(q + 1, &q, 10);
    (void)c;
    size_t start = b ? a - 1 : a; /* lines of old before the hunk */
    if (start < line_no) return *why = "hunks overlap", dc_buf_release(&out), NULL;
    for (; line_no < start; line_no++) {
      if (o >= oend) return *why = "hunk starts past the end", dc_buf_release(&out), NULL;
      const char *l = next_line(&o, oend, &n);
      dc_buf_add(&out, l, n);
    }
    unsigned long seen_old = 0, seen_new = 0;
    while (d < dend && (*d == ' ' || *d == '-' || *d == '+')) {
      char kind = *d;
      const char *l = next_line(&d, dend, &n);
      l++, n--;                     /* the marker */
      if (d < dend && *d == '\\') { /* "\ No newline at end of file" */
        size_t m;
        next_line(&d, dend, &m);
        if (n == 0 || l[n - 1] != '\n')
          return *why = "bad no-newline marker", dc_buf_release(&out), NULL;
        n--;
      }
      if (kind != '+') {
        size_t m;
        if (o >= oend) return *why = "hunk runs past the end", dc_buf_release(&out), NULL;
        const char *ol = next_line(&o, oend, &m);
        if (m != n || memcmp(ol, l, n))
          return *why = "context or deleted line differs", dc_buf_release(&out), NULL;
        line_no++, seen_old++;
      }
      if (kind != '-') dc_buf_add(&out, l, n), seen_new++;
    }
    if (seen_old != b || seen_new != e)
      return *why = "hunk line counts differ", dc_buf_release(&out), NULL;
  }
  dc_buf_add(&out, o, (size_t)(oend - o));
  return dc_buf_detach(&out, out_len);
}

/* Checks that applying `diff` to old gives new_ exactly. */
static void check_round_trip(const char *old, size_t old_len, const dc_buf *diff, const char *new_,
                             size_t new_len) {
  size_t got_len;
  const char *why;
  char *got = apply_hunks(old, old_len, diff->data ? diff->data : "", diff->len, &got_len, &why);
  ck_assert_msg(got != NULL, "diff does not apply: %s", why);
  ck_assert_msg(got_len == new_len && memcmp(got, new_, new_len) == 0,
                "diff applies to something else");
  free(got);
}

static void write_bytes(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  ck_assert_msg(f != NULL, "cannot write '%s'", path);
  ck_assert_uint_eq(fwrite(data, 1, len, f), len);
  fclose(f);
}

/* Returns the bytes of `path` (caller frees; NUL-terminated) or NULL. */
static char *read_bytes(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  dc_buf b = DC_BUF_INIT;
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) dc_buf_add(&b, chunk, n);
  fclose(f);
  return dc_buf_detach(&b, len);
}

/* Runs a shell command built printf-style and returns its exit status. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...) {
  dc_buf cmd = DC_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  dc_buf_vaddf(&cmd, fmt, ap);
  va_end(ap);
  int status = system(dc_buf_str(&cmd));
  dc_buf_release(&cmd);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Makes the git run by this test use no configuration but its defaults and
 * find no repository above `dir`. Check runs each test in its own process,
 * so the environment is the test's own. */
static void isolate_git(const char *dir) {
  static const char *const unset[] = {"GIT_DIR",    "GIT_WORK_TREE",         "GIT_INDEX_FILE",
                                      "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT"};
  for (size_t i = 0; i < sizeof unset / sizeof *unset; i++) unsetenv(unset[i]);
  setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
  setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
  setenv("HOME", dir, 1);
  setenv("GIT_CEILING_DIRECTORIES", dir, 1);
  setenv("LC_ALL", "C", 1);
}

/* Returns `text` with each hunk header cut after its second "@@" (git's
 * function context), from its first hunk header on if `hunks_only`; caller
 * frees. */
static char *cut_headers(const char *text, size_t len, bool hunks_only, size_t *out_len) {
  const char *p = text, *end = text + len;
  while (hunks_only && p < end && ((size_t)(end - p) < 4 || memcmp(p, "@@ -", 4))) {
    size_t n;
    next_line(&p, end, &n);
  }
  dc_buf b = DC_BUF_INIT;
  while (p < end) {
    size_t n;
    const char *l = next_line(&p, end, &n);
    if (n >= 4 && !memcmp(l, "@@ -", 4)) {
      const char *at = strstr(l + 3, " @@");
      ck_assert_ptr_nonnull(at);
      dc_buf_add(&b, l, (size_t)(at + 3 - l));
      dc_buf_addch(&b, '\n');
    } else {
      dc_buf_add(&b, l, n);
    }
  }
  return dc_buf_detach(&b, out_len);
}

/* ---- core ---------------------------------------------------------------- */

START_TEST(insert_top_middle_end) {
  CHECK_DIFF("a\nb\nc\nd\ne\n", "x\na\nb\nc\nd\ne\n", HEADER "@@ -1,3 +1,4 @@\n+x\n a\n b\n c\n",
             1);
  CHECK_DIFF("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\n5\nx\n6\n7\n8\n9\n",
             HEADER "@@ -3,6 +3,7 @@\n 3\n 4\n 5\n+x\n 6\n 7\n 8\n", 1);
  CHECK_DIFF("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\n5\n6\n7\n8\n9\nx\n",
             HEADER "@@ -7,3 +7,4 @@\n 7\n 8\n 9\n+x\n", 1);
  /* Near the start, the context is cut short. */
  CHECK_DIFF("a\nb\nc\nd\ne\n", "a\nx\nb\nc\nd\ne\n",
             HEADER "@@ -1,4 +1,5 @@\n a\n+x\n b\n c\n d\n", 1);
}
END_TEST

START_TEST(delete_and_replace) {
  CHECK_DIFF("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\n6\n7\n8\n9\n",
             HEADER "@@ -2,7 +2,6 @@\n 2\n 3\n 4\n-5\n 6\n 7\n 8\n", 1);
  CHECK_DIFF("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n",
             HEADER "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", 1);
  /* Several lines for one: deletions come before insertions. */
  CHECK_DIFF("a\nb\nc\nd\n", "a\nX\nY\nZ\nd\n",
             HEADER "@@ -1,4 +1,5 @@\n a\n-b\n-c\n+X\n+Y\n+Z\n d\n", 1);
  /* Deleting the only line: the new side is empty, numbered "0,0". */
  CHECK_DIFF("a\n", "", HEADER "@@ -1 +0,0 @@\n-a\n", 1);
}
END_TEST

START_TEST(distant_and_close_edits) {
  /* Changes 12 unchanged lines apart: two hunks. */
  CHECK_DIFF(NUMBERS_1_20,
             "1\ntwo\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\nfifteen\n16\n17\n18\n19\n20\n",
             HEADER
             "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n"
             "@@ -12,7 +12,7 @@\n 12\n 13\n 14\n-15\n+fifteen\n 16\n 17\n 18\n",
             2);
  /* 6 unchanged lines apart: the contexts touch, one hunk (as git). */
  CHECK_DIFF(NUMBERS_1_20,
             "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\ntwelve\n13\n14\n15\n16\n17\n18\n19\n20\n",
             HEADER
             "@@ -2,14 +2,14 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n 11\n-12\n+twelve\n"
             " 13\n 14\n 15\n",
             1);
  /* 7 apart: two hunks whose contexts do not touch. */
  CHECK_DIFF(NUMBERS_1_20,
             "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\n12\nthirteen\n14\n15\n16\n17\n18\n19\n20\n",
             HEADER
             "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
             "@@ -10,7 +10,7 @@\n 10\n 11\n 12\n-13\n+thirteen\n 14\n 15\n 16\n",
             2);
}
END_TEST

START_TEST(new_file) {
  dc_buf out = DC_BUF_INIT;
  ck_assert_int_eq(dc_diff_file(&out, "pkg/new.py", NULL, 0, "a\nb\n", 4, 0100644), 1);
  ck_assert_str_eq(dc_buf_str(&out),
                   "diff --git a/pkg/new.py b/pkg/new.py\nnew file mode 100644\n"
                   "--- /dev/null\n+++ b/pkg/new.py\n@@ -0,0 +1,2 @@\n+a\n+b\n");
  dc_buf_release(&out);
  /* An empty new file: git prints the mode and no ---/+++ lines. */
  ck_assert_int_eq(dc_diff_file(&out, "e.py", NULL, 0, "", 0, 0100644), 0);
  ck_assert_str_eq(dc_buf_str(&out), "diff --git a/e.py b/e.py\nnew file mode 100644\n");
  dc_buf_release(&out);
  ck_assert_int_eq(dc_diff_file(&out, "x.py", NULL, 0, "x", 1, 0100755), 1);
  ck_assert_str_eq(dc_buf_str(&out),
                   "diff --git a/x.py b/x.py\nnew file mode 100755\n--- /dev/null\n"
                   "+++ b/x.py\n@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n");
  dc_buf_release(&out);
}
END_TEST

START_TEST(no_final_newline) {
  CHECK_DIFF("a\nb\nc", "a\nb\nc\n",
             HEADER "@@ -1,3 +1,3 @@\n a\n b\n-c\n\\ No newline at end of file\n+c\n", 1);
  CHECK_DIFF("a\nb\nc\n", "a\nb\nc",
             HEADER "@@ -1,3 +1,3 @@\n a\n b\n-c\n+c\n\\ No newline at end of file\n", 1);
  /* Both sides: the last line is context and gets the marker once. */
  CHECK_DIFF("a\nb\nc", "a\nB\nc",
             HEADER "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n\\ No newline at end of file\n", 1);
  CHECK_DIFF("a\nb", "a\nc",
             HEADER
             "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
             "\\ No newline at end of file\n",
             1);
  /* A line added after a last line that had no newline. */
  CHECK_DIFF("a", "a\nb",
             HEADER
             "@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n"
             "\\ No newline at end of file\n",
             1);
}
END_TEST

START_TEST(crlf_lines) {
  CHECK_DIFF("a\r\nb\r\nc\r\n", "a\r\nB\r\nc\r\n",
             HEADER "@@ -1,3 +1,3 @@\n a\r\n-b\r\n+B\r\n c\r\n", 1);
  /* Only the line ending changes. */
  CHECK_DIFF("a\r\nb\r\n", "a\r\nb\n", HEADER "@@ -1,2 +1,2 @@\n a\r\n-b\r\n+b\n", 1);
  /* A lone '\r' does not end a line. */
  CHECK_DIFF("a\rb\nc\n", "a\rB\nc\n", HEADER "@@ -1,2 +1,2 @@\n-a\rb\n+a\rB\n c\n", 1);
}
END_TEST

START_TEST(empty_sides) {
  /* An existing empty file is not a new file: "-0,0", no mode line. */
  CHECK_DIFF("", "a\nb\n", HEADER "@@ -0,0 +1,2 @@\n+a\n+b\n", 1);
  CHECK_DIFF("a\nb\n", "", HEADER "@@ -1,2 +0,0 @@\n-a\n-b\n", 1);
  CHECK_DIFF("", "x", HEADER "@@ -0,0 +1 @@\n+x\n\\ No newline at end of file\n", 1);
  /* Equal contents: nothing at all. */
  CHECK_DIFF("a\nb\n", "a\nb\n", "", 0);
  CHECK_DIFF("", "", "", 0);
}
END_TEST

START_TEST(nul_bytes) {
  CHECK_DIFF("a\0b\nc\n\0\n", "a\0B\nc\n\0\n", HEADER "@@ -1,3 +1,3 @@\n-a\0b\n+a\0B\n c\n \0\n",
             1);
  CHECK_DIFF("\0\0\n", "\0\n", HEADER "@@ -1 +1 @@\n-\0\0\n+\0\n", 1);
}
END_TEST

START_TEST(slides_like_git) {
  /* A duplicated line: git shows the second copy as added. */
  CHECK_DIFF("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nd\ne\nf\ng\nh\n",
             HEADER "@@ -2,6 +2,7 @@\n b\n c\n d\n+d\n e\n f\n g\n", 1);
  /* The indent heuristic puts the new block before "if a:", not after
   * (without it, git and plain Myers would show "+    y = 2 / + / +if a:"). */
  CHECK_DIFF("x = 1\nif a:\n    pass\n", "x = 1\nif a:\n    y = 2\n\nif a:\n    pass\n",
             HEADER "@@ -1,3 +1,6 @@\n x = 1\n+if a:\n+    y = 2\n+\n if a:\n     pass\n", 1);
  /* A function added between two others, blank lines around it. */
  CHECK_DIFF("def a():\n    pass\n\n\ndef c():\n    pass\n",
             "def a():\n    pass\n\n\ndef b():\n    pass\n\n\ndef c():\n    pass\n",
             HEADER
             "@@ -2,5 +2,9 @@\n     pass\n \n \n+def b():\n+    pass\n+\n+\n def c():\n     pass\n",
             1);
}
END_TEST

START_TEST(path_quoting) {
  const char *ab = "a\n", *cd = "b\n";
  dc_buf out = DC_BUF_INIT;
  dc_diff_file(&out, "\303\251.py", ab, 2, cd, 2, 0100644);
  ck_assert_str_eq(dc_buf_str(&out),
                   "diff --git \"a/\\303\\251.py\" \"b/\\303\\251.py\"\n"
                   "--- \"a/\\303\\251.py\"\n+++ \"b/\\303\\251.py\"\n"
                   "@@ -1 +1 @@\n-a\n+b\n");
  dc_buf_release(&out);
  /* Spaces are not quoted; the ---/+++ names then end with a tab. */
  dc_diff_file(&out, "my dir/x y.py", ab, 2, cd, 2, 0100644);
  ck_assert_str_eq(dc_buf_str(&out),
                   "diff --git a/my dir/x y.py b/my dir/x y.py\n"
                   "--- a/my dir/x y.py\t\n+++ b/my dir/x y.py\t\n"
                   "@@ -1 +1 @@\n-a\n+b\n");
  dc_buf_release(&out);
  dc_diff_file(&out, "q\"\\\t\n\001\177.py", ab, 2, cd, 2, 0100644);
  ck_assert_str_eq(dc_buf_str(&out),
                   "diff --git \"a/q\\\"\\\\\\t\\n\\001\\177.py\" "
                   "\"b/q\\\"\\\\\\t\\n\\001\\177.py\"\n"
                   "--- \"a/q\\\"\\\\\\t\\n\\001\\177.py\"\n"
                   "+++ \"b/q\\\"\\\\\\t\\n\\001\\177.py\"\n"
                   "@@ -1 +1 @@\n-a\n+b\n");
  dc_buf_release(&out);
  dc_diff_file(&out, "new \303\251.py", NULL, 0, cd, 2, 0100644);
  ck_assert_str_eq(dc_buf_str(&out),
                   "diff --git \"a/new \\303\\251.py\" \"b/new \\303\\251.py\"\n"
                   "new file mode 100644\n--- /dev/null\n"
                   "+++ \"b/new \\303\\251.py\"\t\n@@ -0,0 +1 @@\n+b\n");
  dc_buf_release(&out);
}
END_TEST

/* ---- property ------------------------------------------------------------ */

/* splitmix64: a small deterministic generator. */
static uint64_t rng_next(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}
static uint32_t rng_below(uint64_t *s, uint32_t n) { return (uint32_t)(rng_next(s) % n); }

/* Few distinct lines, so that duplicates and ambiguous alignments abound;
 * indentation and blank lines exercise the indent heuristic. */
static const char *const alphabet[] = {
    "a\n",         "b\n",        "c\n",  "\n",    "    x\n", "    y\n",
    "\tz\n",       "def f():\n", "  \n", "d\r\n", "e\n",     "        return 1\n",
    "import os\n", "}\n",
};
enum { N_ALPHA = sizeof alphabet / sizeof *alphabet };

/* A random line: mostly from the first `k` of the alphabet, else a "u<n>". */
static void add_random_line(uint64_t *s, dc_buf *b, uint32_t k, uint32_t uniques) {
  uint32_t x = rng_below(s, k + uniques);
  if (x < k) dc_buf_adds(b, alphabet[x]);
  else dc_buf_addf(b, "u%u\n", x - k);
}

/* Splits b into line start offsets (n + 1 entries). */
static uint32_t split_lines(const dc_buf *b, uint32_t *starts) {
  uint32_t n = 0;
  starts[0] = 0;
  for (size_t i = 0; i < b->len; i++)
    if (b->data[i] == '\n') starts[++n] = (uint32_t)i + 1;
  return n;
}

/* Builds a random pair of files for `seed`; *created when old is absent. */
static void random_case(uint64_t seed, dc_buf *old, dc_buf *new_, bool *created) {
  uint64_t s = seed * 0x2545f4914f6cdd1du + 1;
  bool big = seed % 25 == 24;
  *created = seed % 40 == 7;
  uint32_t k = 2 + rng_below(&s, N_ALPHA - 1), uniques = rng_below(&s, 30);
  uint32_t n = *created ? 0 : rng_below(&s, big ? 2000 : 40);
  uint32_t kk = 1 + rng_below(&s, k);
  for (uint32_t i = 0; i < n; i++) add_random_line(&s, old, kk, 0);
  /* new: copy old, applying random insertions, deletions, replacements at
   * increasing positions. */
  uint32_t *starts = malloc(((size_t)n + 2) * sizeof *starts);
  split_lines(old, starts);
  uint32_t edits = rng_below(&s, big ? 150 : 7), pos = 0;
  for (uint32_t e = 0; e < edits; e++) {
    uint32_t at = pos + rng_below(&s, n - pos + 1);
    dc_buf_add(new_, old->data + starts[pos], starts[at] - starts[pos]);
    pos = at;
    uint32_t op = rng_below(&s, 10), len = 1 + rng_below(&s, 3);
    if (op < 7) /* insert (and replace) */
      for (uint32_t i = rng_below(&s, 4); i < 4; i++) add_random_line(&s, new_, k, uniques);
    if (op >= 4) /* delete (and replace) */
      pos = pos + len > n ? n : pos + len;
  }
  dc_buf_add(new_, old->data + starts[pos], starts[n] - starts[pos]);
  free(starts);
  /* Drop the final newline now and then. */
  if (old->len && rng_below(&s, 10) < 3) old->data[--old->len] = '\0';
  if (new_->len && rng_below(&s, 10) < 3) new_->data[--new_->len] = '\0';
}

START_TEST(same_as_git_and_applies) {
  char *dir = tmp_project();
  char path[4096];
  isolate_git(dir);
  snprintf(path, sizeof path, "%s/p", dir);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/g", dir);
  mkdir(path, 0755);
  enum { CASES = 600 };
  int differing = 0, created_cases = 0, multi_hunk = 0;
  for (uint64_t seed = 0; seed < CASES; seed++) {
    dc_buf old = DC_BUF_INIT, new_ = DC_BUF_INIT, ours = DC_BUF_INIT;
    bool created;
    random_case(seed, &old, &new_, &created);
    const char *o = dc_buf_str(&old), *nw = dc_buf_str(&new_);
    int hunks = dc_diff_file(&ours, "f.py", created ? NULL : o, old.len, nw, new_.len, 0100644);
    multi_hunk += hunks > 1;
    created_cases += created;
    if (!created) check_round_trip(o, old.len, &ours, nw, new_.len);

    /* git's hunks for the same files. */
    snprintf(path, sizeof path, "%s/old", dir);
    write_bytes(path, o, old.len);
    snprintf(path, sizeof path, "%s/new", dir);
    write_bytes(path, nw, new_.len);
    snprintf(path, sizeof path, "%s/our.diff", dir);
    write_bytes(path, dc_buf_str(&ours), ours.len);
    for (int t = 0; t < 2; t++) { /* the files patch and git apply will change */
      snprintf(path, sizeof path, "%s/%c/f.py", dir, "pg"[t]);
      unlink(path);
      if (!created) write_bytes(path, o, old.len);
    }
    run("cd '%s' && git diff --no-index --no-color --no-ext-diff --no-textconv -U3 %s new > "
        "git.out",
        dir, created ? "/dev/null" : "old");
    size_t git_len, a_len, b_len;
    snprintf(path, sizeof path, "%s/git.out", dir);
    char *git = read_bytes(path, &git_len);
    ck_assert_ptr_nonnull(git);
    char *a = cut_headers(git, git_len, true, &a_len);
    char *b = cut_headers(dc_buf_str(&ours), ours.len, true, &b_len);
    ck_assert_msg(a_len == b_len && memcmp(a, b, a_len) == 0,
                  "seed %u: hunks differ from git's\n--- git:\n%s\n--- ours:\n%s", (unsigned)seed,
                  a, b);
    ck_assert_msg((ours.len == 0) == (git_len == 0), "seed %u: git and we disagree on a change",
                  (unsigned)seed);
    free(git), free(a), free(b);

    if (hunks > 0 || created) {
      differing++;
      /* GNU patch and git apply, on the old file, must give the new one. */
      run("cd '%s/p' && patch -p1 -s -f --no-backup-if-mismatch < ../our.diff > ../patch.log 2>&1",
          dir);
      run("cd '%s/g' && git apply --whitespace=nowarn ../our.diff > ../apply.log 2>&1", dir);
      for (int t = 0; t < 2; t++) {
        size_t got_len;
        snprintf(path, sizeof path, "%s/%c/f.py", dir, "pg"[t]);
        char *got = read_bytes(path, &got_len);
        if (!got && new_.len == 0)
          got = dc_xstrdup(""), got_len = 0; /* patch removes empty files */
        ck_assert_msg(got && got_len == new_.len && memcmp(got, nw, got_len) == 0,
                      "seed %u: %s did not reproduce the new file", (unsigned)seed,
                      t ? "git apply" : "patch -p1");
        free(got);
      }
    }
    dc_buf_release(&old), dc_buf_release(&new_), dc_buf_release(&ours);
  }
  /* The generator really produces the interesting cases. */
  ck_assert_int_gt(differing, CASES * 3 / 4);
  ck_assert_int_gt(created_cases, 10);
  ck_assert_int_gt(multi_hunk, 20);
  rm_tree(dir);
  free(dir);
}
END_TEST

/* Header lines and quoting against `git diff` in a real repository: a
 * modified file under each kind of name, and two new files (git add -N).
 * Then the whole multi-file diff goes through git apply and GNU patch. */
START_TEST(headers_same_as_git) {
  static const char *const names[] = {
      "ctl\001\177.py", "empty.py", "new.py",        "q\"\\\t.py",
      "sub/dir/m.py",   "x y.py",   "\303\251 t.py",
  };
  enum { N = sizeof names / sizeof *names };
  static const char before[] = "one\ntwo\nthree\n", after[] = "one\n2\nthree\n",
                    fresh[] = "fresh\n";
  char *dir = tmp_project();
  char root[4096];
  isolate_git(dir);
  ck_assert_int_eq(run("cd '%s' && git init -q repo", dir), 0);
  for (int t = 0; t < 3; t++) { /* repo/, then the trees for git apply and patch */
    snprintf(root, sizeof root, "%s/%s", dir, (const char *[]){"repo", "g", "p"}[t]);
    mkdir(root, 0755);
    for (int i = 0; i < N; i++)
      if (strcmp(names[i], "new.py") && strcmp(names[i], "empty.py"))
        write_file(root, names[i], before);
  }
  ck_assert_int_eq(run("cd '%s/repo' && git add -A", dir), 0);
  dc_buf ours = DC_BUF_INIT;
  snprintf(root, sizeof root, "%s/repo", dir);
  for (int i = 0; i < N; i++) { /* git prints files sorted by path bytes, as names[] is */
    bool created = !strcmp(names[i], "new.py") || !strcmp(names[i], "empty.py");
    const char *now = !strcmp(names[i], "empty.py") ? "" : created ? fresh : after;
    write_file(root, names[i], now);
    dc_diff_file(&ours, names[i], created ? NULL : before, created ? 0 : strlen(before), now,
                 strlen(now), 0100644);
  }
  ck_assert_int_eq(run("cd '%s/repo' && git add -N new.py empty.py && "
                       "git diff --no-color --no-ext-diff | grep -v '^index ' > ../git.out",
                       dir),
                   0);
  size_t git_len, a_len, b_len;
  char path[4096];
  snprintf(path, sizeof path, "%s/git.out", dir);
  char *git = read_bytes(path, &git_len);
  ck_assert_ptr_nonnull(git);
  char *a = cut_headers(git, git_len, false, &a_len),
       *b = cut_headers(ours.data, ours.len, false, &b_len);
  ck_assert_str_eq(b, a);
  free(git), free(a), free(b);

  snprintf(path, sizeof path, "%s/our.diff", dir);
  write_bytes(path, ours.data, ours.len);
  ck_assert_int_eq(run("cd '%s/g' && git apply --whitespace=nowarn ../our.diff", dir), 0);
  ck_assert_int_eq(run("cd '%s/p' && patch -p1 -s -f --no-backup-if-mismatch < ../our.diff", dir),
                   0);
  for (int t = 0; t < 2; t++)
    for (int i = 0; i < N; i++) {
      bool created = !strcmp(names[i], "new.py") || !strcmp(names[i], "empty.py");
      const char *now = !strcmp(names[i], "empty.py") ? "" : created ? fresh : after;
      size_t len;
      snprintf(path, sizeof path, "%s/%s/%s", dir, t ? "p" : "g", names[i]);
      char *got = read_bytes(path, &len);
      if (!got && !*now && t) got = dc_xstrdup(""), len = 0; /* patch may skip empty files */
      ck_assert_msg(got && !strcmp(got, now), "%s: '%s' is wrong", t ? "patch" : "git apply",
                    names[i]);
      free(got);
    }
  dc_buf_release(&ours);
  rm_tree(dir);
  free(dir);
}
END_TEST

/* ---- edge ---------------------------------------------------------------- */

static double seconds_since(const struct timespec *t0) {
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Not a speed target (tests/bench/ measures speed): a guard against a
 * quadratic diff, which would take hours on these ~1.3 million lines, set far
 * above the linear time (under 1 s here) so that a loaded machine cannot trip it. */
#if defined(__SANITIZE_ADDRESS__)
#define TIME_LIMIT 300.0 /* sanitizers slow everything down several times */
#else
#define TIME_LIMIT 60.0
#endif

static void add_numbered_line(dc_buf *b, uint32_t i) {
  if (i % 9 == 0) dc_buf_addch(b, '\n'); /* blank lines, which repeat */
  else dc_buf_addf(b, "    value_%u = compute(%u, 'abcdefghij')\n", i, i * 2654435761u);
}

START_TEST(fifty_megabytes_three_edits) {
  /* ~50 MB of unique lines (blank ones aside); the first, a middle and the
   * last line replaced. */
  dc_buf old = DC_BUF_INIT, new_ = DC_BUF_INIT, expected = DC_BUF_INIT, out = DC_BUF_INIT;
  uint32_t n = 0;
  while (old.len < 50u * 1000 * 1000) add_numbered_line(&old, n++);
  uint32_t mid = n / 2 + 1;
  ck_assert_uint_ne(mid % 9, 0);
  ck_assert_uint_ne((n - 1) % 9, 0);
  dc_buf_adds(&new_, "import os\n");
  for (uint32_t i = 1; i < n - 1; i++) {
    if (i == mid) dc_buf_adds(&new_, "# moved\n");
    else add_numbered_line(&new_, i);
  }
  dc_buf_adds(&new_, "print('end')\n");

  dc_buf_adds(&expected, "diff --git a/big.py b/big.py\n--- a/big.py\n+++ b/big.py\n");
  dc_buf_adds(&expected, "@@ -1,4 +1,4 @@\n-\n+import os\n");
  for (uint32_t i = 1; i <= 3; i++) dc_buf_addch(&expected, ' '), add_numbered_line(&expected, i);
  dc_buf_addf(&expected, "@@ -%u,7 +%u,7 @@\n", mid - 2, mid - 2);
  for (uint32_t i = mid - 3; i < mid; i++)
    dc_buf_addch(&expected, ' '), add_numbered_line(&expected, i);
  dc_buf_addch(&expected, '-'), add_numbered_line(&expected, mid);
  dc_buf_adds(&expected, "+# moved\n");
  for (uint32_t i = mid + 1; i <= mid + 3; i++)
    dc_buf_addch(&expected, ' '), add_numbered_line(&expected, i);
  dc_buf_addf(&expected, "@@ -%u,4 +%u,4 @@\n", n - 3, n - 3);
  for (uint32_t i = n - 4; i < n - 1; i++)
    dc_buf_addch(&expected, ' '), add_numbered_line(&expected, i);
  dc_buf_addch(&expected, '-'), add_numbered_line(&expected, n - 1);
  dc_buf_adds(&expected, "+print('end')\n");

  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int hunks = dc_diff_file(&out, "big.py", old.data, old.len, new_.data, new_.len, 0100644);
  double took = seconds_since(&t0);
  ck_assert_int_eq(hunks, 3);
  ck_assert_str_eq(dc_buf_str(&out), dc_buf_str(&expected));
  ck_assert_msg(took < TIME_LIMIT, "50 MB diff took %.2f s", took);
  dc_buf_release(&old), dc_buf_release(&new_), dc_buf_release(&expected), dc_buf_release(&out);
}
END_TEST

START_TEST(one_edit_in_a_big_file) {
  /* The usual decycle edit: one import near the top of a big file. The
   * rest is only scanned. */
  dc_buf old = DC_BUF_INIT, new_ = DC_BUF_INIT, out = DC_BUF_INIT;
  for (uint32_t i = 0; old.len < 50u * 1000 * 1000; i++) {
    add_numbered_line(&old, i);
    if (i == 20) dc_buf_adds(&new_, "    import os\n");
    add_numbered_line(&new_, i);
  }
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  ck_assert_int_eq(dc_diff_file(&out, "big.py", old.data, old.len, new_.data, new_.len, 0100644),
                   1);
  double took = seconds_since(&t0);
  ck_assert_msg(strstr(out.data, "@@ -18,6 +18,7 @@\n") != NULL, "%s", out.data);
  check_round_trip(old.data, old.len, &out, new_.data, new_.len);
  ck_assert_msg(took < TIME_LIMIT, "50 MB diff took %.2f s", took);
  dc_buf_release(&old), dc_buf_release(&new_), dc_buf_release(&out);
}
END_TEST

START_TEST(slide_over_a_million_equal_lines) {
  /* The added line could be any of a million: git shows the last one, after
   * sliding the group all the way up and back down. */
  dc_buf old = DC_BUF_INIT, new_ = DC_BUF_INIT, out = DC_BUF_INIT;
  for (int i = 0; i < 1000000; i++) dc_buf_adds(&old, "x\n");
  dc_buf_add(&new_, old.data, old.len);
  dc_buf_adds(&new_, "x\n");
  ck_assert_int_eq(dc_diff_file(&out, "m.py", old.data, old.len, new_.data, new_.len, 0100644), 1);
  ck_assert_str_eq(out.data, HEADER "@@ -999998,3 +999998,4 @@\n x\n x\n x\n+x\n");
  dc_buf_release(&out);
  /* A line inserted in the middle of two million blank lines. */
  dc_buf_release(&old), dc_buf_release(&new_);
  dc_buf_adds(&old, "a\n");
  dc_buf_adds(&new_, "a\n");
  for (int i = 0; i < 2000000; i++) {
    dc_buf_addch(&old, '\n');
    if (i == 1000000) dc_buf_adds(&new_, "c\n");
    dc_buf_addch(&new_, '\n');
  }
  ck_assert_int_eq(dc_diff_file(&out, "m.py", old.data, old.len, new_.data, new_.len, 0100644), 1);
  ck_assert_str_eq(out.data, HEADER "@@ -999999,6 +999999,7 @@\n \n \n \n+c\n \n \n \n");
  dc_buf_release(&old), dc_buf_release(&new_), dc_buf_release(&out);
}
END_TEST

START_TEST(many_changes_no_deep_recursion) {
  /* Every other line changed in 400,000: D is 400,000, Myers splits
   * its box about that many times; the explicit stack takes it. Then a
   * swap of every pair of lines, and two unrelated files. */
  dc_buf old = DC_BUF_INIT, new_ = DC_BUF_INIT, out = DC_BUF_INIT;
  for (uint32_t i = 0; i < 400000; i++) {
    dc_buf_addf(&old, "line %u\n", i);
    if (i % 2) dc_buf_addf(&new_, "line %u\n", i);
    else dc_buf_addf(&new_, "changed %u\n", i);
  }
  ck_assert_int_eq(dc_diff_file(&out, "m.py", old.data, old.len, new_.data, new_.len, 0100644), 1);
  check_round_trip(old.data, old.len, &out, new_.data, new_.len);
  dc_buf_release(&old), dc_buf_release(&new_), dc_buf_release(&out);

  for (uint32_t i = 0; i < 100000; i++) dc_buf_adds(&old, "a\nb\n"), dc_buf_adds(&new_, "b\na\n");
  dc_diff_file(&out, "m.py", old.data, old.len, new_.data, new_.len, 0100644);
  check_round_trip(old.data, old.len, &out, new_.data, new_.len);
  dc_buf_release(&old), dc_buf_release(&new_), dc_buf_release(&out);

  uint64_t s = 42;
  for (uint32_t i = 0; i < 200000; i++) {
    dc_buf_addf(&old, "%u\n", rng_below(&s, 1000));
    dc_buf_addf(&new_, "%u\n", rng_below(&s, 1000));
  }
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  dc_diff_file(&out, "m.py", old.data, old.len, new_.data, new_.len, 0100644);
  double took = seconds_since(&t0);
  check_round_trip(old.data, old.len, &out, new_.data, new_.len);
  ck_assert_msg(took < 10 * TIME_LIMIT, "unrelated files took %.2f s", took);
  dc_buf_release(&old), dc_buf_release(&new_), dc_buf_release(&out);
}
END_TEST

Suite *make_diff_suite(void) {
  Suite *s = suite_create("diff");
  TCase *core = tcase_create("core");
  tcase_add_test(core, insert_top_middle_end);
  tcase_add_test(core, delete_and_replace);
  tcase_add_test(core, distant_and_close_edits);
  tcase_add_test(core, new_file);
  tcase_add_test(core, no_final_newline);
  tcase_add_test(core, crlf_lines);
  tcase_add_test(core, empty_sides);
  tcase_add_test(core, nul_bytes);
  tcase_add_test(core, slides_like_git);
  tcase_add_test(core, path_quoting);
  suite_add_tcase(s, core);
  TCase *property = tcase_create("property");
  tcase_set_timeout(property, 300);
  tcase_add_test(property, same_as_git_and_applies);
  tcase_add_test(property, headers_same_as_git);
  suite_add_tcase(s, property);
  TCase *edge = tcase_create("edge");
  tcase_set_timeout(edge, 300);
  tcase_add_test(edge, fifty_megabytes_three_edits);
  tcase_add_test(edge, one_edit_in_a_big_file);
  tcase_add_test(edge, slide_over_a_million_equal_lines);
  tcase_add_test(edge, many_changes_no_deep_recursion);
  suite_add_tcase(s, edge);
  return s;
}
