/*
 * parse.c - read each source file, check that Python could decode it, parse
 * it with tree-sitter, hand the tree to facts.c, and free it.
 *
 * Each file first goes through the token scanner (quickscan.c), which gives
 * the same facts for the files it fully understands at a fraction of the
 * cost; the files it declines are parsed by tree-sitter, so syntax errors
 * are reported as before. Threads take files from a shared atomic counter; each has its own parser,
 * arena and diagnostic list, merged after the join. Since facts land at the
 * file's index and diagnostics are sorted, -j changes nothing in the output.
 * With more than one job, a thread starts on the files while the scan is
 * still finding them (dc_parse_ahead), and the parse takes what it made.
 *
 * The facts of a file that the cache vouches for by its stat data, and
 * whose parse gave no warnings, are not even decoded until some stage asks
 * for them (dc_facts_of): a run after one file changed needs the facts of
 * few others, once the graph comes from the cache too.
 */
#include "parse.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cache.h"
#include "pywalk.h"
#include "quickscan.h"
#include "thread.h"
#include "vec.h"

int dc_source_read(const char *open_path, dc_source *out) {
  memset(out, 0, sizeof *out);
  int fd = open(open_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return dc_error("cannot read: %s", strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return dc_error("cannot read: not a regular file");
  }
  /* Read to end of file rather than trusting st_size: the file may change. */
  size_t cap = (size_t)st.st_size + 1, len = 0;
  char *data = dc_xmalloc(cap);
  for (;;) {
    if (len + 1 >= cap) {
      if (cap >= UINT32_MAX) {
        free(data);
        close(fd);
        return dc_error("cannot read: file is 4 GiB or larger");
      }
      cap = cap * 2 > UINT32_MAX ? UINT32_MAX : cap * 2;
      data = dc_xrealloc(data, cap);
    }
    ssize_t n = read(fd, data + len, cap - 1 - len);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      free(data);
      close(fd);
      return dc_error("cannot read: %s", strerror(e));
    }
    if (n == 0) break;
    len += (size_t)n;
  }
  close(fd);
  data[len] = '\0';
  out->data = data;
  out->len = (uint32_t)len;
  out->bom = len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3) ? 3 : 0;
  return 0;
}

/* The encoding named by a PEP 263 coding cookie in the first two lines, or
 * NULL. Only the name is returned, lower-cased, in `buf`. */
static const char *coding_cookie(const dc_source *src, char *buf, size_t size) {
  const char *p = src->data + src->bom, *end = src->data + src->len;
  for (int line = 0; line < 2 && p < end; line++) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    if (!eol) eol = end;
    const char *q = p;
    while (q < eol && (*q == ' ' || *q == '\t' || *q == '\f')) q++;
    if (q < eol && *q == '#') {
      for (const char *c = q; c + 6 < eol; c++) {
        if (memcmp(c, "coding", 6) || (c[6] != ':' && c[6] != '=')) continue;
        const char *v = c + 7;
        while (v < eol && (*v == ' ' || *v == '\t')) v++;
        size_t n = 0;
        while (v + n < eol && n + 1 < size &&
               (v[n] == '-' || v[n] == '_' || v[n] == '.' || (v[n] >= '0' && v[n] <= '9') ||
                ((v[n] | 0x20) >= 'a' && (v[n] | 0x20) <= 'z'))) {
          buf[n] = (char)(v[n] >= 'A' && v[n] <= 'Z' ? v[n] | 0x20 : v[n]);
          n++;
        }
        buf[n] = '\0';
        return n ? buf : NULL;
      }
    } else if (q < eol && *q != '\r') {
      break; /* a cookie on line 2 counts only after a comment or blank line */
    }
    p = eol + 1;
  }
  return NULL;
}

/* Whether coding cookie `cookie` (lower-cased) names UTF-8 as Python's
 * tokenizer spells it after a BOM: "utf-8", "utf_8" or "utf-8-..."; not
 * "utf8", which it takes without a BOM. */
static bool bom_takes_cookie(const char *cookie) {
  char name[7] = {0};
  for (size_t i = 0; i < 6 && cookie[i]; i++) name[i] = cookie[i] == '_' ? '-' : cookie[i];
  return !strncmp(name, "utf-8", 5) && (name[5] == '\0' || name[5] == '-');
}

/* Returns the offset of the first byte that is not valid UTF-8, or -1. */
static int64_t first_invalid_utf8(const dc_source *src) {
  const unsigned char *s = (const unsigned char *)src->data;
  for (uint32_t i = src->bom; i < src->len;) {
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t n = dc_utf8_sequence(s + i, src->len - i);
    if (!n) return i;
    i += (uint32_t)n;
  }
  return -1;
}

static void add_diag(const dc_source *src, const char *path, uint32_t offset, const char *msg,
                     dc_arena *arena, dc_diags *diags) {
  uint32_t line = 0, start = src->bom;
  for (uint32_t i = src->bom; i < offset && i < src->len; i++)
    if (src->data[i] == '\n') line++, start = i + 1;
  uint32_t end = start;
  while (end < src->len && src->data[end] != '\n' && src->data[end] != '\r') end++;
  if (end - start > 300) end = start + 300;
  dc_diags_push(diags, (dc_diag){DC_SEVERITY_WARNING, path, line, offset - start, dc_arena_strdup(arena, msg),
                                 dc_arena_strndup(arena, src->data + start, end - start)});
}

/* Reports the innermost first error: descends, from the root, into the
 * first child holding an error until none does, so that a file swallowed
 * whole by one ERROR node still gets the line where parsing went wrong. */
static void report_syntax_error(TSNode root, const dc_source *src, const char *path, dc_arena *arena,
                                dc_diags *diags) {
  TSTreeCursor c = ts_tree_cursor_new(root);
  TSNode n = root;
  while (!ts_node_is_missing(n) && ts_tree_cursor_goto_first_child(&c)) {
    bool found = false;
    do {
      TSNode child = ts_tree_cursor_current_node(&c);
      if (ts_node_has_error(child) || ts_node_is_missing(child)) {
        n = child;
        found = true;
        break;
      }
    } while (ts_tree_cursor_goto_next_sibling(&c));
    if (!found) break;
  }
  ts_tree_cursor_delete(&c);
  char msg[128];
  if (ts_node_is_missing(n))
    snprintf(msg, sizeof msg, "syntax error: missing '%s'; analysed as far as the parser recovered",
             ts_node_type(n));
  else
    snprintf(msg, sizeof msg, "syntax error; analysed as far as the parser recovered");
  add_diag(src, path, ts_node_start_byte(n) + src->bom, msg, arena, diags);
}

uint32_t dc_extras_run(const char *text, uint32_t len) {
  uint32_t run = 0, line = 0;
  for (uint32_t i = 0; i < len; line++) {
    uint32_t end = i, k = i, last;
    while (end < len && text[end] != '\n') end++;
    while (k < end && (text[k] == ' ' || text[k] == '\t' || text[k] == '\f' || text[k] == '\v' || text[k] == '\r')) k++;
    last = end > i && text[end - 1] == '\r' ? end - 1 : end;
    if (k < end && text[k] == '#') run++; /* a comment line; a blank one changes nothing */
    else if (k < end) run = last > k && text[last - 1] == '\\'; /* a token, maybe then a line continuation */
    if (run >= DC_EXTRAS_MAX) return line;
    i = end + 1;
  }
  return UINT32_MAX;
}

TSTree *dc_ts_parse(TSParser *parser, const char *text, uint32_t len) {
  return dc_extras_run(text, len) == UINT32_MAX ? ts_parser_parse_string(parser, NULL, text, len) : NULL;
}

/* unpythonic - text that Python refuses and tree-sitter-python takes
 * without an error: where it starts (in the text after the BOM), what it
 * is, and the length of the text its warning quotes (0: none), which
 * starts at `quote` (0: at `at`). */
typedef struct unpythonic {
  uint32_t at, len;
  enum {
    PYTHONIC, INDENT, UNINDENT, TABS, NO_BLOCK, KEYWORD, LINE_BREAK, NUMBER, PRINT, LESS_GREATER, BACKQUOTE,
    TREE_TABS, /* not Python's: tree-sitter reads the blocks otherwise (see logical_line) */
    /* what Python's parser refuses in a node tree-sitter takes (see parsed) */
    ARG_AFTER_KEYWORD, ARG_AFTER_MAPPING, STAR_AFTER_MAPPING, PARAM_NO_DEFAULT, PARAM_BARE_STAR, PARAM_AFTER_KWARGS,
    PARAM_SLASH_FIRST, LAMBDA_SLASH_FIRST, PARAM_SLASH_TWICE, PARAM_SLASH_LATE, PARAM_STAR_TWICE, BYTES_MIX,
    BYTES_ASCII, ITERABLE_COMMA, ASSERT_EXTRA, AUGMENTED_INSIDE, CONVERSION,
    /* what Python's compiler refuses in a tree its parser took (see compiled) */
    FUTURE_LATE, FUTURE_UNKNOWN, FUTURE_BRACES, NONLOCAL_MODULE, STAR_NESTED, RETURN_OUTSIDE, YIELD_OUTSIDE,
    AWAIT_OUTSIDE, AWAIT_NOT_ASYNC, ASYNC_FOR, ASYNC_WITH, BREAK_OUTSIDE, CONTINUE_OUTSIDE, PARAM_TWICE,
    YIELD_LIST, YIELD_SET, YIELD_DICT, YIELD_GENERATOR, KEYWORD_TWICE, EXCEPT_NOT_LAST, EXCEPT_STAR_EXIT,
    ASYNC_COMPREHENSION, YIELD_FROM_ASYNC, RETURN_ASYNC_GENERATOR
  } what;
  uint32_t quote;
} unpythonic;

/* What dc_rewrite_refusal and dc_parse_source say of each kind. The
 * warnings are formats given the problem's text (its first `len` bytes);
 * those that do not quote it end in a `%.*s` that prints nothing (len is
 * 0). */
static const struct {
  const char *refusal, *warning;
} unpythonic_says[] = {
    [INDENT] = {"has an unexpected indent", "unexpected indent%.*s"},
    [UNINDENT] = {"has an unindent that matches no outer indentation level",
                  "unindent does not match any outer indentation level%.*s"},
    [TABS] = {"mixes tabs and spaces inconsistently in its indentation",
              "inconsistent use of tabs and spaces in indentation%.*s"},
    [TREE_TABS] = {"has tabs in its indentation that tree-sitter reads differently from Python",
                   "tree-sitter reads the tabs of this indentation differently from Python (a tab after a space); "
                   "the file is analysed as tree-sitter reads it%.*s"},
    [NO_BLOCK] = {"has a block header without an indented block", "expected an indented block%.*s"},
    [KEYWORD] = {"has a keyword where Python expects a name", "syntax error: '%.*s' is a keyword, not a name"},
    [LINE_BREAK] = {"has a line break in the middle of a statement",
                    "syntax error: the line ends in the middle of a statement%.*s"},
    [NUMBER] = {"has a number that Python refuses", "syntax error: invalid number '%.*s'"},
    [PRINT] = {"has a Python 2 print or exec statement", "syntax error: missing parentheses in call to '%.*s'"},
    [LESS_GREATER] = {"has Python 2's '<>'", "syntax error: '<>' is Python 2's '!='%.*s"},
    [BACKQUOTE] = {"has Python 2's backquotes", "syntax error: backquotes are Python 2's repr()%.*s"},
    [ARG_AFTER_KEYWORD] = {"has a positional argument after a keyword argument",
                           "syntax error: positional argument follows keyword argument%.*s"},
    [ARG_AFTER_MAPPING] = {"has a positional argument after a ** argument",
                           "syntax error: positional argument follows keyword argument unpacking%.*s"},
    [STAR_AFTER_MAPPING] = {"has a * argument after a ** argument",
                            "syntax error: iterable argument unpacking follows keyword argument unpacking%.*s"},
    [PARAM_NO_DEFAULT] = {"has a parameter without a default after one with a default",
                          "syntax error: non-default argument follows default argument%.*s"},
    [PARAM_BARE_STAR] = {"has a bare * without a named parameter after it",
                         "syntax error: named arguments must follow bare *%.*s"},
    [PARAM_AFTER_KWARGS] = {"has a parameter after **kwargs",
                            "syntax error: arguments cannot follow var-keyword argument%.*s"},
    [PARAM_SLASH_FIRST] = {"has a / before any parameter", "syntax error: at least one argument must precede /%.*s"},
    [LAMBDA_SLASH_FIRST] = {"has a / before any parameter", "syntax error: a lambda's parameters begin with /%.*s"},
    [PARAM_SLASH_TWICE] = {"has two / in one parameter list", "syntax error: / may appear only once%.*s"},
    [PARAM_SLASH_LATE] = {"has a / after a *", "syntax error: / must be ahead of *%.*s"},
    [PARAM_STAR_TWICE] = {"has two * in one parameter list", "syntax error: * argument may appear only once%.*s"},
    [BYTES_MIX] = {"joins bytes and str literals", "syntax error: cannot mix bytes and nonbytes literals%.*s"},
    [BYTES_ASCII] = {"has a bytes literal with a non-ASCII character",
                     "syntax error: bytes can only contain ASCII literal characters%.*s"},
    [ASSERT_EXTRA] = {"has an assert with more than a condition and a message",
                      "syntax error: an assert takes a condition and a message, no more%.*s"},
    [AUGMENTED_INSIDE] = {"has an augmented assignment inside an assignment",
                          "syntax error: an augmented assignment cannot stand inside an assignment%.*s"},
    [CONVERSION] = {"has an f-string with an invalid conversion character",
                    "syntax error: f-string: invalid conversion character: expected 's', 'r', or 'a'%.*s"},
    [ITERABLE_COMMA] = {"has a comprehension whose iterable is a tuple without parentheses",
                        "syntax error: a comprehension's iterable needs parentheses around a tuple%.*s"},
    [FUTURE_LATE] = {"has a from __future__ import after other statements",
                     "syntax error: from __future__ imports must occur at the beginning of the file%.*s"},
    [FUTURE_UNKNOWN] = {"imports an unknown __future__ feature", "syntax error: future feature %.*s is not defined"},
    [FUTURE_BRACES] = {"imports braces from __future__", "syntax error: not a chance%.*s"},
    [NONLOCAL_MODULE] = {"has a nonlocal statement at module level",
                         "syntax error: nonlocal declaration not allowed at module level%.*s"},
    [STAR_NESTED] = {"has an import * outside module level", "syntax error: import * only allowed at module level%.*s"},
    [RETURN_OUTSIDE] = {"has a return outside a function", "syntax error: 'return' outside function%.*s"},
    [YIELD_OUTSIDE] = {"has a yield outside a function", "syntax error: 'yield' outside function%.*s"},
    [AWAIT_OUTSIDE] = {"has an await outside a function", "syntax error: 'await' outside function%.*s"},
    [AWAIT_NOT_ASYNC] = {"has an await outside an async function", "syntax error: 'await' outside async function%.*s"},
    [ASYNC_FOR] = {"has an async for outside an async function",
                   "syntax error: 'async for' outside async function%.*s"},
    [ASYNC_WITH] = {"has an async with outside an async function",
                    "syntax error: 'async with' outside async function%.*s"},
    [BREAK_OUTSIDE] = {"has a break outside a loop", "syntax error: 'break' outside loop%.*s"},
    [CONTINUE_OUTSIDE] = {"has a continue outside a loop", "syntax error: 'continue' not properly in loop%.*s"},
    [PARAM_TWICE] = {"has a def with two parameters of one name",
                     "syntax error: duplicate argument '%.*s' in function definition"},
    [YIELD_LIST] = {"has a yield in a comprehension", "syntax error: 'yield' inside list comprehension%.*s"},
    [YIELD_SET] = {"has a yield in a comprehension", "syntax error: 'yield' inside set comprehension%.*s"},
    [YIELD_DICT] = {"has a yield in a comprehension", "syntax error: 'yield' inside dict comprehension%.*s"},
    [YIELD_GENERATOR] = {"has a yield in a comprehension", "syntax error: 'yield' inside generator expression%.*s"},
    [KEYWORD_TWICE] = {"has a call with a keyword argument given twice",
                       "syntax error: keyword argument repeated: %.*s"},
    [EXCEPT_NOT_LAST] = {"has a bare except: before another except clause",
                         "syntax error: default 'except:' must be last%.*s"},
    [EXCEPT_STAR_EXIT] = {"has a break, continue or return that leaves an except* clause",
                          "syntax error: 'break', 'continue' and 'return' cannot appear in an except* block%.*s"},
    [ASYNC_COMPREHENSION] = {"has an async comprehension outside an async function",
                             "syntax error: asynchronous comprehension outside of an asynchronous function%.*s"},
    [YIELD_FROM_ASYNC] = {"has a yield from in an async function",
                          "syntax error: 'yield from' inside async function%.*s"},
    [RETURN_ASYNC_GENERATOR] = {"has a return with a value in an async generator",
                                "syntax error: 'return' with value in async generator%.*s"},
};

/* indent - the indentation of a line as Python's tokenizer counts it:
 * `col` with a tab to the next multiple of 8, `alt` with a tab as 1 (a form
 * feed sets both to 0); `bytes` is its length. Python wants `col` and `alt`
 * to order the lines alike, or it raises TabError. tree-sitter-python's
 * scanner counts `ts`, a tab as 8: when it orders the lines otherwise, its
 * blocks are not Python's. */
typedef struct indent {
  uint32_t col, alt, ts, bytes;
} indent;

/* The indentation of the line where node `n` begins. */
static indent indent_of(const dc_source *src, TSNode n) {
  const char *text = src->data + src->bom;
  uint32_t line = ts_node_start_byte(n) - ts_node_start_point(n).column, i = line;
  indent in = {0, 0, 0, 0};
  for (;; i++) {
    if (text[i] == ' ') in.col++, in.alt++, in.ts++;
    else if (text[i] == '\t') in.col = (in.col / 8 + 1) * 8, in.alt++, in.ts += 8;
    else if (text[i] == '\f') in.col = in.alt = in.ts = 0;
    else break;
  }
  in.bytes = i - line;
  return in;
}

/* Whether text[from, to), between two tokens, holds the end of a logical
 * line: a line end that no backslash escapes (a comment runs to one). The
 * tree cannot tell: tree-sitter-python leaves out a line continuation
 * between two strings. */
static bool line_ends_between(const char *text, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; i++) {
    if (text[i] == '#' || text[i] == '\n' || text[i] == '\r') return true;
    if (text[i] == '\\') i += i + 2 < to && text[i + 1] == '\r' && text[i + 2] == '\n' ? 2 : 1;
  }
  return false;
}

/* Whether a node of kind `kind`, child of a node of kind `parent`, is one
 * that begins a logical line when it begins a line: a statement, a clause
 * (`else:`, `except E:`, `case p:`), a decorator or what it decorates. */
static bool line_kind(enum dc_py_kind parent, enum dc_py_kind kind) {
  switch (parent) {
  case DC_PY_MODULE:
  case DC_PY_BLOCK:
  case DC_PY_DECORATED_DEFINITION: return true;
  default: break;
  }
  return kind == DC_PY_ELIF_CLAUSE || kind == DC_PY_ELSE_CLAUSE || kind == DC_PY_EXCEPT_CLAUSE ||
         kind == DC_PY_EXCEPT_GROUP_CLAUSE || kind == DC_PY_FINALLY_CLAUSE || kind == DC_PY_CASE_CLAUSE;
}

/* Where a node stands, as Python's compiler sees it: in the body of a def
 * or a lambda, of an async def, of a loop (not its else), of a class, of
 * an except* clause (IN_EXCEPT_STAR, and IN_EXCEPT_STAR_LOOP up to a loop
 * in it). ASYNC_DEF marks the children of an async def's node, so that
 * its body block gets IN_ASYNC; FIRST_FOR those of a comprehension's first
 * `for`, whose iterable stands outside the comprehension. */
enum {
  IN_FUNCTION = 1, IN_ASYNC = 2, IN_LOOP = 4, IN_CLASS = 8, ASYNC_DEF = 16, IN_EXCEPT_STAR = 32,
  IN_EXCEPT_STAR_LOOP = 64, FIRST_FOR = 128
};

/* above - a node above the cursor: its kind; where it stands (`self_in`;
 * `self_scope`, the index in the stack of the def, lambda, class or
 * comprehension whose scope it is in, 0 for the module's) and where its
 * children stand (`in`, `scope`); and what Python's symbol table learns of
 * a scope: a def's first return with a value (`ret`, UINT32_MAX: none), that
 * a def yields, that a comprehension is asynchronous (`coroutine`), that
 * its first `for` was seen. */
typedef struct above {
  uint8_t kind, in, self_in;
  bool yields, coroutine, fors;
  uint32_t scope, self_scope, ret;
} above;

/* name - a name in the text, to find two alike. */
typedef struct name {
  const char *s;
  uint32_t len, at;
} name;

/* Python's passes over a tree its parser took, in the order they run: the
 * first refuses a misplaced or unknown `from __future__` import at the top
 * of the module; the symbol table's, as it builds the table, a nested
 * `import *`, and once it is built, a module-level nonlocal; the compiler
 * the rest (see compiled). Each reports the first problem it meets in the
 * order of the text, but for the compiler's exception in compiled. */
enum { PASS_FUTURE, PASS_SYMTABLE_BUILD, PASS_SYMTABLE, PASS_COMPILER, PASS_NONE };

/* range - bytes [start, end) of the text. */
typedef struct range {
  uint32_t start, end;
} range;

/* unpythonic_walk - first_unpythonic's state: the nodes above the cursor,
 * Python's stack of indentations, where the last logical line began, the
 * last token, the brackets and strings open, what was found; and for
 * Python's compiler, its first problem and the pass that finds it, and the
 * state of its future pass over the module's statements. */
typedef struct unpythonic_walk {
  dc_vec(above) above;
  dc_vec(indent) levels;
  bool block_opened;    /* the next logical line is a block's first */
  uint32_t empty_block; /* where an empty block is (UINT32_MAX: none pending) */
  uint32_t line_start;  /* where the last logical line began */
  bool token_seen;
  uint32_t token_end, open;
  unpythonic found;
  bool done;
  unpythonic compiled;
  int pass;                    /* the pass that finds `compiled` (PASS_NONE: none yet) */
  uint32_t order;              /* where in the text that pass meets it */
  dc_vec(name) names;          /* scratch: parameters or keyword arguments */
  TSTreeCursor kids;           /* over a node's children (see first_child) */
  dc_vec(range) finally_first; /* where the compiler looks before it reports `compiled` */
  struct {
    uint32_t statements; /* of the module so far */
    bool done;           /* a statement other than a future import was seen */
    bool over;           /* the pass stopped looking */
    uint32_t line;       /* of the last statement it looked at */
    int64_t last_future; /* the line of the last future import it took (-1: none) */
    bool barry;          /* barry_as_FLUFL: `<>` is Python's `!=` */
  } future;
} unpythonic_walk;

/* Takes problem `u` into account. Python reports the first, but for an
 * error its parser found (not an unexpected indent) it tokenizes the rest
 * of the file, and an invalid number there replaces it (an error of the
 * indentation there does not, and ends the tokenizing). */
static void report(unpythonic_walk *w, unpythonic u) {
  bool tokenizer = u.what == TABS || u.what == UNINDENT || u.what == NUMBER;
  if (w->found.what == PYTHONIC) {
    w->found = u;
    w->done = tokenizer || u.what == INDENT;
  } else if (tokenizer) {
    if (u.what == NUMBER) w->found = u;
    w->done = true;
  }
}

/* A token (a leaf, neither a comment nor empty, or a string) of kind `kind` at node
 * `n`: one after the end of a logical line, outside brackets and strings,
 * must begin a logical line (tree-sitter-python reads on over a line end
 * where a statement cannot end: `x = 1 +` then `2` is one statement to
 * it); a number must be one Python takes; `<>` is Python 2's. */
static void token(unpythonic_walk *w, const dc_source *src, TSNode n, enum dc_py_kind kind) {
  uint32_t start = ts_node_start_byte(n), end = ts_node_end_byte(n);
  const char *text = src->data + src->bom;
  if (w->token_seen && !w->open && start != w->line_start && line_ends_between(text, w->token_end, start))
    report(w, (unpythonic){w->token_end, 0, LINE_BREAK, 0});
  if ((kind == DC_PY_INTEGER || kind == DC_PY_FLOAT) && !dc_quickscan_is_number(text + start, end - start))
    report(w, (unpythonic){start, end - start, NUMBER, 0});
  else if (kind == DC_PY_LESS_GREATER && !w->future.barry)
    report(w, (unpythonic){start, 0, LESS_GREATER, 0});
  else if (kind == DC_PY_IDENTIFIER && dc_quickscan_is_keyword(text + start, end - start))
    report(w, (unpythonic){start, end - start, KEYWORD, 0});
  switch (kind) {
  case DC_PY_OPEN_PAREN: case DC_PY_OPEN_BRACKET: case DC_PY_OPEN_BRACE: case DC_PY_STRING_START: w->open++; break;
  case DC_PY_CLOSE_PAREN: case DC_PY_CLOSE_BRACKET: case DC_PY_CLOSE_BRACE: case DC_PY_STRING_END:
    if (w->open) w->open--;
    break;
  default: break;
  }
  w->token_seen = true;
  w->token_end = end;
}

/* Whether the prefix of the string that begins at `s` has one of the
 * letters in `letters` (lower case), either case: "f" for an f-string,
 * whose fields hold code. */
static bool prefix_has(const char *s, const char *letters) {
  for (; (*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'; s++)
    if (strchr(letters, *s | 0x20)) return true;
  return false;
}

/* Takes a problem `u` of Python's pass `pass`, which the pass meets at
 * `order` in the text, into account: the first pass to find one wins, and
 * within a pass the first problem it meets, or one it meets first as it
 * looks in `finally_first` (see compiled). The walk finds most problems in
 * that order, some (see left) later. */
static void compile_problem(unpythonic_walk *w, int pass, unpythonic u, uint32_t order) {
  bool first = pass < w->pass || (pass == w->pass && order < w->order);
  for (size_t i = 0; i < w->finally_first.size && !first && pass == w->pass; i++)
    first = order >= w->finally_first.items[i].start && order < w->finally_first.items[i].end;
  if (!first) return;
  w->compiled = u, w->pass = pass, w->order = order;
  dc_vec_clear(&w->finally_first);
}

/* The children of node `n` one after the other, by the walk's second
 * cursor: first_child, then next_child until a null node. (Asking for
 * child i walks from the first child each time, which a long argument
 * list would make quadratic.) */
static TSNode first_child(unpythonic_walk *w, TSNode n) {
  ts_tree_cursor_reset(&w->kids, n);
  return ts_tree_cursor_goto_first_child(&w->kids) ? ts_tree_cursor_current_node(&w->kids) : (TSNode){0};
}

static TSNode next_child(unpythonic_walk *w) {
  return ts_tree_cursor_goto_next_sibling(&w->kids) ? ts_tree_cursor_current_node(&w->kids) : (TSNode){0};
}

/* Whether `n` is a child that an expression's text holds: named, neither a
 * comment nor a line continuation. */
static bool is_part(TSNode n) { return ts_node_is_named(n) && !ts_node_is_extra(n); }

/* The finally clauses that Python's compiler compiles before it reports a
 * break or continue outside a loop at the cursor `c`: it leaves the try
 * statements around it, from the innermost, as a return would, running
 * the finally clause of each (not the one it is in) up to its def, class
 * or module. They follow it in the text, innermost first. */
static void finally_first(unpythonic_walk *w, const TSTreeCursor *c) {
  TSTreeCursor up = ts_tree_cursor_copy(c);
  enum dc_py_kind from = dc_py_kind_of(ts_tree_cursor_current_node(&up)), kind;
  while (ts_tree_cursor_goto_parent(&up) &&
         (kind = dc_py_kind_of(ts_tree_cursor_current_node(&up))) != DC_PY_FUNCTION_DEFINITION &&
         kind != DC_PY_CLASS_DEFINITION) {
    TSNode n = ts_tree_cursor_current_node(&up);
    if (kind == DC_PY_TRY_STATEMENT && from != DC_PY_FINALLY_CLAUSE) {
      for (TSNode clause = first_child(w, n); !ts_node_is_null(clause); clause = next_child(w)) {
        if (dc_py_kind_of(clause) == DC_PY_FINALLY_CLAUSE)
          dc_vec_push(&w->finally_first, ((range){ts_node_start_byte(clause), ts_node_end_byte(clause)}));
      }
    }
    from = kind;
  }
  ts_tree_cursor_delete(&up);
}

/* Where the children of node `n`, of kind `kind`, child of a node of kind
 * `parent`, stand, given where `n` stands: a body block takes its def's,
 * class's or loop's mark; a lambda's children are a function's (its
 * defaults run outside it, which can only hide a problem, never make one). */
static uint8_t inside(TSNode n, enum dc_py_kind kind, enum dc_py_kind parent, uint8_t in) {
  switch (kind) {
  case DC_PY_FUNCTION_DEFINITION:
    return dc_py_kind_of(ts_node_child(n, 0)) == DC_PY_ASYNC ? in | ASYNC_DEF : in & ~ASYNC_DEF;
  case DC_PY_LAMBDA: return IN_FUNCTION;
  case DC_PY_BLOCK:
    switch (parent) {
    case DC_PY_FUNCTION_DEFINITION: return IN_FUNCTION | (in & ASYNC_DEF ? IN_ASYNC : 0);
    case DC_PY_CLASS_DEFINITION: return IN_CLASS;
    case DC_PY_FOR_STATEMENT: case DC_PY_WHILE_STATEMENT: return (in | IN_LOOP) & ~IN_EXCEPT_STAR_LOOP;
    case DC_PY_EXCEPT_GROUP_CLAUSE: return in | IN_EXCEPT_STAR | IN_EXCEPT_STAR_LOOP;
    default: return in;
    }
  default: return in;
  }
}

static bool is_comprehension(enum dc_py_kind kind) {
  return kind == DC_PY_LIST_COMPREHENSION || kind == DC_PY_SET_COMPREHENSION ||
         kind == DC_PY_DICTIONARY_COMPREHENSION || kind == DC_PY_GENERATOR_EXPRESSION;
}

/* Whether node `n` has a named child other than a comment or a line
 * continuation, of a kind other than `except` (DC_PY_OTHER: any). */
static bool has_child(unpythonic_walk *w, TSNode n, enum dc_py_kind except) {
  for (TSNode c = first_child(w, n); !ts_node_is_null(c); c = next_child(w))
    if (is_part(c) && (except == DC_PY_OTHER || dc_py_kind_of(c) != except)) return true;
  return false;
}

static int cmp_name(const void *x, const void *y) {
  const name *a = x, *b = y;
  int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
  if (c) return c;
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  return a->at < b->at ? -1 : a->at > b->at;
}

static bool same_name(const name *a, const name *b) { return a->len == b->len && !memcmp(a->s, b->s, a->len); }

/* Of w->names, where the second of two alike is: the second of the pair
 * whose first comes first (by_first: Python's check of a call's keywords),
 * or the first such second (its symbol table, adding parameters); NULL when
 * all differ. Sorts w->names. */
static const name *repeated(unpythonic_walk *w, bool by_first) {
  name *v = w->names.items;
  const name *found = NULL;
  uint32_t key = UINT32_MAX;
  if (w->names.size < 2) return NULL;
  qsort(v, w->names.size, sizeof *v, cmp_name);
  for (size_t i = 1; i < w->names.size; i++) {
    bool second = same_name(&v[i], &v[i - 1]) && (i == 1 || !same_name(&v[i - 1], &v[i - 2]));
    uint32_t k = by_first ? v[i - 1].at : v[i].at;
    if (second && k < key) key = k, found = &v[i];
  }
  return found;
}

static void add_name(unpythonic_walk *w, const dc_source *src, TSNode n) {
  if (dc_py_kind_of(n) != DC_PY_IDENTIFIER) return;
  uint32_t at = ts_node_start_byte(n);
  dc_vec_push(&w->names, ((name){src->data + src->bom + at, ts_node_end_byte(n) - at, at}));
}

/* Python's parser at the parameters `n` of a def or lambda: it wants the
 * ones without a default before those with one (up to the star), one `/`
 * after a parameter and before any star, one star, a name after a bare
 * star, nothing after **kwargs. Then its symbol table: no two of one name. */
static void parameters(unpythonic_walk *w, const dc_source *src, TSNode n) {
  bool any = false, slash = false, defaults = false, star = false, kwargs = false;
  uint32_t bare = UINT32_MAX; /* where a bare star waits for a name */
  dc_vec_clear(&w->names);
  for (TSNode p = first_child(w, n); !ts_node_is_null(p); p = next_child(w)) {
    TSNode named = p;
    enum dc_py_kind kind = dc_py_kind_of(p);
    uint32_t at = ts_node_start_byte(p);
    if (!is_part(p)) continue; /* `(`, `,`, a comment, a line continuation */
    if (kind == DC_PY_TYPED_PARAMETER) named = ts_node_named_child(p, 0), kind = dc_py_kind_of(named);
    if (kwargs) report(w, (unpythonic){at, 0, PARAM_AFTER_KWARGS, 0});
    switch (kind) {
    case DC_PY_POSITIONAL_SEPARATOR:
      if (!any || slash || star) {
        bool lambda = dc_py_kind_of(n) == DC_PY_LAMBDA_PARAMETERS; /* Python says "invalid syntax" there */
        report(w, (unpythonic){at, 0,
                               !any   ? (lambda ? LAMBDA_SLASH_FIRST : PARAM_SLASH_FIRST)
                               : slash ? PARAM_SLASH_TWICE
                                       : PARAM_SLASH_LATE,
                               0});
      }
      slash = true;
      break;
    case DC_PY_KEYWORD_SEPARATOR:
    case DC_PY_LIST_SPLAT_PATTERN:
      if (star) report(w, (unpythonic){at, 0, PARAM_STAR_TWICE, 0});
      star = true;
      bare = kind == DC_PY_KEYWORD_SEPARATOR ? at : UINT32_MAX;
      break;
    case DC_PY_DICTIONARY_SPLAT_PATTERN:
      if (bare != UINT32_MAX) report(w, (unpythonic){bare, 0, PARAM_BARE_STAR, 0});
      bare = UINT32_MAX;
      kwargs = true;
      break;
    default: {
      bool has_default = kind == DC_PY_DEFAULT_PARAMETER || kind == DC_PY_TYPED_DEFAULT_PARAMETER;
      if (!star && defaults && !has_default) report(w, (unpythonic){at, 0, PARAM_NO_DEFAULT, 0});
      if (!star) defaults |= has_default;
      if (has_default) named = dc_py_child(p, DC_PY_F_NAME);
      bare = UINT32_MAX;
    }
    }
    if (kind == DC_PY_LIST_SPLAT_PATTERN || kind == DC_PY_DICTIONARY_SPLAT_PATTERN)
      named = ts_node_named_child(named, 0);
    if (!ts_node_is_null(named)) add_name(w, src, named);
    any = true;
  }
  if (bare != UINT32_MAX) report(w, (unpythonic){bare, 0, PARAM_BARE_STAR, 0});
  const name *twice = repeated(w, false);
  if (twice) compile_problem(w, PASS_SYMTABLE_BUILD, (unpythonic){twice->at, twice->len, PARAM_TWICE, 0}, twice->at);
}

/* Python's parser at the arguments `n` of a call: a positional argument
 * after a keyword argument or a **mapping, a *iterable after a **mapping
 * (not after a keyword argument); then its compiler, as it compiles the
 * call: no keyword given twice. */
static void arguments(unpythonic_walk *w, const dc_source *src, TSNode n) {
  bool keyword = false, mapping = false;
  dc_vec_clear(&w->names);
  for (TSNode a = first_child(w, n); !ts_node_is_null(a); a = next_child(w)) {
    enum dc_py_kind kind = dc_py_kind_of(a);
    uint32_t at = ts_node_start_byte(a);
    if (!is_part(a)) continue;
    if (kind == DC_PY_DICTIONARY_SPLAT) {
      mapping = true;
    } else if (kind == DC_PY_LIST_SPLAT) {
      if (mapping) report(w, (unpythonic){at, 0, STAR_AFTER_MAPPING, 0});
    } else if (kind == DC_PY_KEYWORD_ARGUMENT) {
      keyword = true;
      add_name(w, src, dc_py_child(a, DC_PY_F_NAME));
    } else if (mapping || keyword) {
      report(w, (unpythonic){at, 0, mapping ? ARG_AFTER_MAPPING : ARG_AFTER_KEYWORD, 0});
    }
  }
  const name *twice = repeated(w, true);
  if (twice)
    compile_problem(w, PASS_COMPILER, (unpythonic){twice->at, twice->len, KEYWORD_TWICE, 0}, ts_node_start_byte(n));
}

/* Where Python's parser reports strings joined that mix bytes and str: at
 * the token after them, which outside brackets ends their line. */
static uint32_t token_after(const dc_source *src, TSNode n, bool bracketed) {
  const char *text = src->data + src->bom;
  uint32_t i = ts_node_end_byte(n), len = src->len - src->bom;
  while (bracketed && i < len) {
    if (text[i] == '#') while (i < len && text[i] != '\n' && text[i] != '\r') i++;
    else if (text[i] && strchr(" \t\f\r\n\\", text[i])) i++;
    else break;
  }
  return i;
}

/* Python's parser at node `n`, of kind `kind`, child of a node of kind
 * `parent`, where tree-sitter-python is laxer: the order of parameters and
 * of arguments, bytes literals, a comprehension's iterable (a disjunction
 * to Python, `for x in a, b` to tree-sitter), an assert's operands, an
 * augmented assignment as the value of another (`a = b += 1`), an
 * f-string's conversion. */
static void parsed(unpythonic_walk *w, const dc_source *src, TSNode n, enum dc_py_kind kind,
                   enum dc_py_kind parent) {
  const char *text = src->data + src->bom;
  uint32_t start = ts_node_start_byte(n), end = ts_node_end_byte(n);
  switch (kind) {
  case DC_PY_ASSERT_STATEMENT: {
    uint32_t operands = 0;
    for (TSNode operand = first_child(w, n); !ts_node_is_null(operand); operand = next_child(w)) {
      if (is_part(operand) && ++operands == 3) {
        report(w, (unpythonic){ts_node_start_byte(operand), 0, ASSERT_EXTRA, 0});
        break;
      }
    }
    break;
  }
  case DC_PY_AUGMENTED_ASSIGNMENT:
    if (parent == DC_PY_ASSIGNMENT || parent == DC_PY_AUGMENTED_ASSIGNMENT)
      report(w, (unpythonic){start, 0, AUGMENTED_INSIDE, 0});
    break;
  case DC_PY_TYPE_CONVERSION:
    if (end - start != 2 || !strchr("sra", text[start + 1])) report(w, (unpythonic){start, 0, CONVERSION, 0});
    break;
  case DC_PY_PARAMETERS: case DC_PY_LAMBDA_PARAMETERS: parameters(w, src, n); break;
  case DC_PY_ARGUMENT_LIST: arguments(w, src, n); break;
  case DC_PY_FOR_IN_CLAUSE: {
    bool in = false;
    for (TSNode t = first_child(w, n); !ts_node_is_null(t); t = next_child(w)) {
      if (ts_node_is_named(t)) continue;
      if (in && !strcmp(ts_node_type(t), ",")) {
        report(w, (unpythonic){ts_node_start_byte(t), 0, ITERABLE_COMMA, 0});
        break;
      }
      in = in || !strcmp(ts_node_type(t), "in");
    }
    break;
  }
  case DC_PY_STRING:
    if (prefix_has(text + start, "b"))
      for (uint32_t i = start; i < end; i++)
        if ((unsigned char)text[i] >= 0x80) {
          report(w, (unpythonic){start, 0, BYTES_ASCII, 0});
          break;
        }
    break;
  case DC_PY_CONCATENATED_STRING: {
    int bytes = -1; /* of the first part */
    for (TSNode part = first_child(w, n); !ts_node_is_null(part); part = next_child(w)) {
      if (dc_py_kind_of(part) != DC_PY_STRING) continue; /* a comment, a line continuation */
      int b = prefix_has(text + ts_node_start_byte(part), "b");
      if (bytes >= 0 && b != bytes) {
        report(w, (unpythonic){token_after(src, n, w->open > 0), 0, BYTES_MIX, 0});
        break;
      }
      bytes = b;
    }
    break;
  }
  default: break;
  }
}

/* Whether expression statement `n` is a docstring to Python: a string, or
 * strings side by side, maybe in parentheses, none of them bytes or an
 * f-string. */
static bool docstring(unpythonic_walk *w, const dc_source *src, TSNode n) {
  const char *text = src->data + src->bom;
  for (;;) {
    TSNode only = {0};
    uint32_t count = 0;
    for (TSNode c = first_child(w, n); !ts_node_is_null(c); c = next_child(w))
      if (ts_node_is_named(c) && dc_py_kind_of(c) != DC_PY_COMMENT) only = c, count++;
    if (count != 1) return false;
    n = only;
    if (dc_py_kind_of(n) != DC_PY_PARENTHESIZED_EXPRESSION) break;
  }
  enum dc_py_kind kind = dc_py_kind_of(n);
  if (kind == DC_PY_STRING) return !prefix_has(text + ts_node_start_byte(n), "bf");
  if (kind != DC_PY_CONCATENATED_STRING) return false;
  for (TSNode part = first_child(w, n); !ts_node_is_null(part); part = next_child(w))
    if (dc_py_kind_of(part) == DC_PY_STRING && prefix_has(text + ts_node_start_byte(part), "bf")) return false;
  return true;
}

/* Python's future pass at future import `n`, one it takes: each feature
 * must be known ("braces" it refuses with a joke). */
static void future_features_of(unpythonic_walk *w, const dc_source *src, TSNode n) {
  const char *text = src->data + src->bom;
  for (TSNode feature = first_child(w, n); !ts_node_is_null(feature); feature = next_child(w)) {
    if (dc_py_kind_of(feature) == DC_PY_ALIASED_IMPORT) feature = ts_node_named_child(feature, 0);
    if (dc_py_kind_of(feature) != DC_PY_DOTTED_NAME) continue; /* a comment */
    uint32_t start = ts_node_start_byte(feature), len = ts_node_end_byte(feature) - start;
    if (dc_quickscan_is_future_feature(text + start, len)) {
      if (len == 14 && !memcmp(text + start, "barry_as_FLUFL", 14)) w->future.barry = true;
      continue;
    }
    bool braces = len == 6 && !memcmp(text + start, "braces", 6);
    compile_problem(w, PASS_FUTURE,
                    braces ? (unpythonic){ts_node_start_byte(n), 0, FUTURE_BRACES, 0}
                           : (unpythonic){ts_node_start_byte(n), len, FUTURE_UNKNOWN, start},
                    ts_node_start_byte(n));
    return;
  }
}

/* Python's future pass at statement `n` of the module: after a docstring,
 * it takes future imports until another statement, and then refuses one
 * only on that statement's line (`import os; from __future__ import x`). */
static void future_pass(unpythonic_walk *w, const dc_source *src, TSNode n, enum dc_py_kind kind) {
  uint32_t line = ts_node_start_point(n).row;
  bool first = w->future.statements++ == 0;
  if (w->future.over || (first && kind == DC_PY_EXPRESSION_STATEMENT && docstring(w, src, n))) return;
  if (w->future.done && line > w->future.line) {
    w->future.over = true;
    return;
  }
  w->future.line = line;
  if (kind != DC_PY_FUTURE_IMPORT_STATEMENT) {
    w->future.done = true;
  } else if (w->future.done) {
    compile_problem(w, PASS_FUTURE, (unpythonic){ts_node_start_byte(n), 0, FUTURE_LATE, 0}, ts_node_start_byte(n));
  } else {
    future_features_of(w, src, n);
    w->future.last_future = line;
  }
}

/* Python's symbol table and compiler at node `n`, of kind `kind`, the
 * cursor's, which stands `in` the scope of stack entry `scope` (see
 * inside, above): a return, yield, await, break or continue where none can
 * be, `async for` and `async with` outside an async def, a nonlocal at
 * module level, `import *` in a def or class, a future import after the
 * module's first statements, a yield in a comprehension, `yield from` in
 * an async def, a bare `except:` before another except clause; the
 * parameters and arguments (see parameters, arguments). An await in a
 * comprehension, or an `async for`, makes the comprehension asynchronous,
 * which Python checks as the walk leaves it (see left). The compiler
 * reports its first problem in the order of the text, but for a break or
 * continue outside a loop it first compiles finally clauses further on
 * (finally_first). */
static void compiled(unpythonic_walk *w, const TSTreeCursor *c, TSNode n, enum dc_py_kind kind, uint8_t in,
                     uint32_t scope) {
  uint32_t at = ts_node_start_byte(n);
  int what = PYTHONIC, pass = PASS_COMPILER;
  above *s = &w->above.items[scope];
  switch (kind) {
  case DC_PY_RETURN_STATEMENT:
    if (!(in & IN_FUNCTION)) what = RETURN_OUTSIDE;
    else if (in & IN_EXCEPT_STAR) what = EXCEPT_STAR_EXIT;
    else if (has_child(w, n, DC_PY_OTHER) && s->ret == UINT32_MAX) s->ret = at;
    break;
  case DC_PY_YIELD:
    if (!ts_node_is_named(n)) break;
    pass = PASS_SYMTABLE_BUILD;
    switch (s->kind) {
    case DC_PY_LIST_COMPREHENSION: what = YIELD_LIST; break;
    case DC_PY_SET_COMPREHENSION: what = YIELD_SET; break;
    case DC_PY_DICTIONARY_COMPREHENSION: what = YIELD_DICT; break;
    case DC_PY_GENERATOR_EXPRESSION: what = YIELD_GENERATOR; break;
    default:
      pass = PASS_COMPILER;
      s->yields = true;
      if (!(in & IN_FUNCTION)) what = YIELD_OUTSIDE;
      else if ((s->in & ASYNC_DEF) && ts_node_child_count(n) > 1 && !strcmp(ts_node_type(ts_node_child(n, 1)), "from"))
        what = YIELD_FROM_ASYNC;
    }
    break;
  case DC_PY_AWAIT:
    if (!ts_node_is_named(n)) break;
    if (is_comprehension(s->kind)) s->coroutine = true;
    else if (!(in & IN_ASYNC)) what = in & IN_FUNCTION ? AWAIT_NOT_ASYNC : AWAIT_OUTSIDE;
    break;
  case DC_PY_FOR_IN_CLAUSE:
    if (dc_py_kind_of(ts_node_child(n, 0)) == DC_PY_ASYNC) dc_vec_last(&w->above).coroutine = true;
    break;
  case DC_PY_FOR_STATEMENT:
  case DC_PY_WITH_STATEMENT:
    if (dc_py_kind_of(ts_node_child(n, 0)) == DC_PY_ASYNC && !(in & IN_ASYNC))
      what = kind == DC_PY_FOR_STATEMENT ? ASYNC_FOR : ASYNC_WITH;
    break;
  case DC_PY_BREAK_STATEMENT:
  case DC_PY_CONTINUE_STATEMENT:
    if (in & IN_EXCEPT_STAR_LOOP) what = EXCEPT_STAR_EXIT;
    else if (!(in & IN_LOOP)) what = kind == DC_PY_BREAK_STATEMENT ? BREAK_OUTSIDE : CONTINUE_OUTSIDE;
    break;
  case DC_PY_EXCEPT_CLAUSE:
    if (!has_child(w, n, DC_PY_BLOCK)) {
      TSNode next = ts_node_next_named_sibling(n);
      while (!ts_node_is_null(next) && ts_node_is_extra(next)) next = ts_node_next_named_sibling(next);
      if (!ts_node_is_null(next) && dc_py_kind_of(next) == DC_PY_EXCEPT_CLAUSE) what = EXCEPT_NOT_LAST;
    }
    break;
  case DC_PY_NONLOCAL_STATEMENT:
    if (!(in & (IN_FUNCTION | IN_CLASS))) what = NONLOCAL_MODULE, pass = PASS_SYMTABLE;
    break;
  case DC_PY_WILDCARD_IMPORT:
    if (in & (IN_FUNCTION | IN_CLASS)) what = STAR_NESTED, pass = PASS_SYMTABLE_BUILD;
    break;
  case DC_PY_FUTURE_IMPORT_STATEMENT:
    if ((int64_t)ts_node_start_point(n).row > w->future.last_future) what = FUTURE_LATE;
    break;
  default: break;
  }
  if (what == PYTHONIC) return;
  compile_problem(w, pass, (unpythonic){at, 0, what, 0}, at);
  if ((what == BREAK_OUTSIDE || what == CONTINUE_OUTSIDE) && w->compiled.at == at && (int)w->compiled.what == what)
    finally_first(w, c);
}

/* Python's symbol table and compiler as the walk leaves node `n`, whose
 * stack entry was `e`: an asynchronous comprehension other than a
 * generator expression must stand in an async def's body, or in another
 * comprehension, which becomes asynchronous too; an async def that yields
 * cannot return a value. */
static void left(unpythonic_walk *w, const above *e, TSNode n) {
  if (e->coroutine && e->kind != DC_PY_GENERATOR_EXPRESSION) {
    above *s = &w->above.items[e->self_scope];
    uint32_t at = ts_node_start_byte(n);
    if (is_comprehension(s->kind)) s->coroutine = true;
    else if (!(e->self_in & IN_ASYNC))
      compile_problem(w, PASS_COMPILER, (unpythonic){at, 0, ASYNC_COMPREHENSION, 0}, at);
  }
  if (e->kind == DC_PY_FUNCTION_DEFINITION && (e->in & ASYNC_DEF) && e->yields && e->ret != UINT32_MAX)
    compile_problem(w, PASS_COMPILER, (unpythonic){e->ret, 0, RETURN_ASYNC_GENERATOR, 0}, e->ret);
}

/* Python's tokenizer and parser at the logical line that begins at node
 * `n`, indented by `in`: an unindent must land on a level, by `alt` too;
 * an indent must be deeper by `alt` too, and begin a block; a block opened
 * must have a line. And tree-sitter's scanner, by `ts`: it opens a block
 * where Python does only if deeper, and leaves the blocks deeper than the
 * line, so that it may end one Python goes on with (TREE_TABS). */
static void logical_line(unpythonic_walk *w, TSNode n, indent in) {
  uint32_t at = ts_node_start_byte(n);
  indent top = dc_vec_last(&w->levels);
  bool indented = in.col > top.col;
  int what = PYTHONIC;
  if (in.col == top.col) {
    if (in.alt != top.alt) what = TABS;
    else if (in.ts < top.ts) what = TREE_TABS; /* (deeper, it is read as the same block) */
  } else if (indented) {
    if (in.alt <= top.alt) what = TABS;
    else if (w->empty_block == UINT32_MAX && !w->block_opened) what = INDENT;
    else if (in.ts <= top.ts) what = TREE_TABS;
    dc_vec_push(&w->levels, in);
  } else {
    indent popped = top; /* tree-sitter leaves the blocks deeper than `ts`, and stays in the next */
    while (w->levels.size > 1 && in.col < dc_vec_last(&w->levels).col) popped = dc_vec_pop(&w->levels);
    top = dc_vec_last(&w->levels);
    if (in.col != top.col) what = UNINDENT;
    else if (in.alt != top.alt) what = TABS;
    else if (in.ts < top.ts || in.ts >= popped.ts) what = TREE_TABS;
  }
  if (what == PYTHONIC && (w->empty_block != UINT32_MAX || w->block_opened) && !indented) what = NO_BLOCK;
  if (what != PYTHONIC) report(w, (unpythonic){at, 0, what, 0});
  w->line_start = at;
  w->block_opened = false;
  w->empty_block = UINT32_MAX;
}

/* The unpythonic text of `tree` that Python reports (see report): a hard
 * keyword taken for a name (tree-sitter reads a keyword as a keyword only
 * where one can stand, else as an identifier: `import else`, `x = pass`, a
 * lone `elif`); an unexpected indent; a header without a block (`if a:`
 * then nothing indented: an empty block to tree-sitter); an unindent to no
 * level; tabs against spaces (TabError); a line that ends in the middle of
 * a statement; Python 2's print and exec statements, `<>`, backquotes and
 * numbers (`0644`, `10L`); then, in a tree Python's parser takes, what its
 * compiler refuses (see compiled, future_pass). One cursor walk over the
 * nodes in the order of the text, with a stack of the nodes above. */
static unpythonic first_unpythonic(const dc_source *src, const TSTree *tree) {
  TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
  unpythonic_walk w = {.empty_block = UINT32_MAX, .line_start = UINT32_MAX, .found = {UINT32_MAX, 0, PYTHONIC, 0},
                       .pass = PASS_NONE, .future.last_future = -1};
  dc_vec_push(&w.levels, ((indent){0, 0, 0, 0}));
  dc_vec_push(&w.above, ((above){.kind = DC_PY_OTHER, .ret = UINT32_MAX}));
  TSFieldId right = dc_py_field_id(DC_PY_F_RIGHT);
  w.kids = ts_tree_cursor_new(ts_tree_root_node(tree));
  while (!w.done) {
    TSNode n = ts_tree_cursor_current_node(&c);
    above up = dc_vec_last(&w.above);
    enum dc_py_kind kind = dc_py_kind_of(n), parent = (enum dc_py_kind)up.kind;
    uint32_t start = ts_node_start_byte(n), scope = up.scope;
    uint8_t stands = up.in & ~FIRST_FOR;
    if ((up.in & FIRST_FOR) && ts_tree_cursor_current_field_id(&c) == right) {
      above comprehension = w.above.items[w.above.size - 2]; /* the first iterable stands where it does */
      stands = comprehension.self_in, scope = comprehension.self_scope;
    }
    if (w.found.what == PYTHONIC) {
      if (parent == DC_PY_MODULE && ts_node_is_named(n) && !ts_node_is_extra(n)) future_pass(&w, src, n, kind);
      compiled(&w, &c, n, kind, stands, scope);
    }
    if (line_kind(parent, kind) && start != w.line_start && ts_node_is_named(n) && !ts_node_is_extra(n)) {
      indent in = indent_of(src, n);
      if (in.bytes == ts_node_start_point(n).column && /* (not after a ';' or a line continuation) */
          (!w.token_seen || line_ends_between(src->data + src->bom, w.token_end, start)))
        logical_line(&w, n, in);
      else w.block_opened = false; /* a block begun on its header's line: `def f(): pass` */
    }
    parsed(&w, src, n, kind, parent);
    if ((kind == DC_PY_PRINT_STATEMENT && dc_py_kind_of(ts_node_named_child(n, 0)) != DC_PY_CHEVRON) ||
        kind == DC_PY_EXEC_STATEMENT)
      report(&w, (unpythonic){start, ts_node_end_byte(ts_node_child(n, 0)) - start, PRINT, 0});
    if (kind == DC_PY_BLOCK) {
      if (ts_node_end_byte(n) == start) w.empty_block = start;
      else w.block_opened = true;
    }
    /* a string other than an f-string is one token: its parts hold no
     * problem; but tree-sitter takes Python 2's `x` for a string */
    bool whole = kind == DC_PY_STRING && !prefix_has(src->data + src->bom + start, "f");
    if (kind == DC_PY_STRING && src->data[src->bom + start] == '`') report(&w, (unpythonic){start, 0, BACKQUOTE, 0});
    if (!whole && ts_tree_cursor_goto_first_child(&c)) {
      uint32_t index = (uint32_t)w.above.size;
      above e = {.kind = (uint8_t)kind, .in = inside(n, kind, parent, stands), .self_in = stands, .scope = scope,
                 .self_scope = scope, .ret = UINT32_MAX};
      if (kind == DC_PY_LAMBDA || is_comprehension(kind)) e.scope = index;
      if (kind == DC_PY_BLOCK && (parent == DC_PY_FUNCTION_DEFINITION || parent == DC_PY_CLASS_DEFINITION))
        e.scope = index - 1;
      if (kind == DC_PY_FOR_IN_CLAUSE && !w.above.items[index - 1].fors) e.in |= FIRST_FOR;
      if (kind == DC_PY_FOR_IN_CLAUSE) w.above.items[index - 1].fors = true;
      dc_vec_push(&w.above, e);
      continue;
    }
    if (ts_node_end_byte(n) > start && kind != DC_PY_COMMENT && kind != DC_PY_LINE_CONTINUATION)
      token(&w, src, n, kind);
    while (!ts_tree_cursor_goto_next_sibling(&c)) {
      if (!ts_tree_cursor_goto_parent(&c)) goto done;
      above e = dc_vec_pop(&w.above);
      left(&w, &e, ts_tree_cursor_current_node(&c));
    }
  }
done:
  if (w.found.what == PYTHONIC && w.empty_block != UINT32_MAX) w.found = (unpythonic){w.empty_block, 0, NO_BLOCK, 0};
  if (w.found.what == PYTHONIC) w.found = w.compiled;
  ts_tree_cursor_delete(&c);
  ts_tree_cursor_delete(&w.kids);
  dc_vec_free(&w.above);
  dc_vec_free(&w.names);
  dc_vec_free(&w.finally_first);
  dc_vec_free(&w.levels);
  return w.found;
}

/* The offset of the first byte of `src` that CPython's tokenizer refuses
 * outside strings and comments, given its tree: a control character other
 * than tab, form feed and the line ends (NUL has a warning of its own), or
 * DEL; -1 when there is none. tree-sitter takes a vertical tab for a blank
 * where it can. */
static int64_t refused_byte(const dc_source *src, const TSTree *tree) {
  TSNode root = ts_tree_root_node(tree);
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  int64_t refused = -1;
  const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  for (uint32_t i = src->bom; i < src->len; i++) {
    /* eight bytes at a time while none is below 0x20 or is 0x7f */
    while (i + 8 <= src->len) {
      uint64_t w;
      memcpy(&w, src->data + i, 8);
      uint64_t low = (w - 0x20 * ones) & ~w, del = ((w ^ 0x7f * ones) - ones) & ~(w ^ 0x7f * ones);
      if ((low | del) & highs) break;
      i += 8;
    }
    if (i >= src->len) break;
    unsigned char c = (unsigned char)src->data[i];
    if ((c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0) continue;
    /* down from the root to the string or comment around it, if any (a
     * cursor: ts_node_parent searches from the root at every step). The
     * child the cursor goes to may end at `at` (fuzz_facts): then the
     * next one is the one to look at. */
    uint32_t at = i - src->bom;
    enum dc_py_kind k = DC_PY_OTHER;
    TSNode n = root;
    ts_tree_cursor_reset(&cursor, root);
    while (k != DC_PY_STRING && k != DC_PY_COMMENT && ts_tree_cursor_goto_first_child_for_byte(&cursor, at) >= 0) {
      n = ts_tree_cursor_current_node(&cursor);
      while (ts_node_end_byte(n) <= at && ts_tree_cursor_goto_next_sibling(&cursor))
        n = ts_tree_cursor_current_node(&cursor);
      if (ts_node_start_byte(n) > at || ts_node_end_byte(n) <= at) break;
      k = dc_py_kind_of(n);
    }
    if (k != DC_PY_STRING && k != DC_PY_COMMENT) {
      refused = i;
      break;
    }
    i = ts_node_end_byte(n) + src->bom - 1; /* the rest of it is fine too (n holds `at`: i moves on) */
  }
  ts_tree_cursor_delete(&cursor);
  return refused;
}

const char *dc_rewrite_refusal(const dc_source *src, const TSTree *tree) {
  if (!tree && dc_extras_run(src->data + src->bom, src->len - src->bom) != UINT32_MAX)
    return "has " DC_EXTRAS_MAX_TEXT " comment lines in a row, which crash tree-sitter before 0.20.8";
  if (!tree || ts_node_has_error(ts_tree_root_node(tree))) return "has syntax errors";
  if (refused_byte(src, tree) >= 0) return "has a character that Python refuses";
  return unpythonic_says[first_unpythonic(src, tree).what].refusal;
}

TSParser *dc_parser_new(void) {
  TSParser *parser = ts_parser_new();
  if (!ts_parser_set_language(parser, tree_sitter_python()))
    DC_BUG("tree-sitter-python has an ABI this tree-sitter cannot load");
  return parser;
}

void dc_parser_renew_after(TSParser **parser, const TSTree *tree) {
  if (tree && !ts_node_has_error(ts_tree_root_node(tree))) return;
  ts_parser_delete(*parser);
  *parser = dc_parser_new();
}

TSTree *dc_parse_source(TSParser *parser, const dc_source *src, const char *path, dc_arena *arena,
                        dc_diags *diags) {
  const char *nul = memchr(src->data, '\0', src->len);
  if (nul)
    add_diag(src, path, (uint32_t)(nul - src->data),
             "file contains NUL bytes; Python will refuse to import it", arena, diags);
  int64_t bad = first_invalid_utf8(src);
  char cookie_buf[64];
  const char *cookie = coding_cookie(src, cookie_buf, sizeof cookie_buf);
  bool utf8 = !cookie || !strcmp(cookie, "utf-8") || !strcmp(cookie, "utf8") ||
              !strncmp(cookie, "utf-8-", 6) || !strncmp(cookie, "utf_8", 5);
  if (src->bom && cookie && !bom_takes_cookie(cookie))
    add_diag(src, path, src->bom,
             "encoding problem: a UTF-8 byte order mark, and a coding cookie that does not say 'utf-8'; Python will "
             "refuse to import this file",
             arena, diags);
  if (bad >= 0 && utf8) {
    char msg[128];
    snprintf(msg, sizeof msg, "invalid UTF-8 (byte 0x%02x); Python will refuse to import this file",
             (unsigned char)src->data[bad]);
    add_diag(src, path, (uint32_t)bad, msg, arena, diags);
  }
  uint32_t extras = dc_extras_run(src->data + src->bom, src->len - src->bom);
  if (extras != UINT32_MAX) {
    dc_diags_push(diags, (dc_diag){DC_SEVERITY_WARNING, path, extras, 0,
                                   DC_EXTRAS_PROBLEM "; the file is not analysed", NULL});
    return NULL;
  }
  TSTree *tree = ts_parser_parse_string(parser, NULL, src->data + src->bom, src->len - src->bom);
  if (!tree) {
    add_diag(src, path, src->bom, "the parser gave up on this file; it is not analysed", arena, diags);
    return NULL;
  }
  TSNode root = ts_tree_root_node(tree);
  unpythonic u = {.what = PYTHONIC};
  if (ts_node_has_error(root)) report_syntax_error(root, src, path, arena, diags);
  else u = first_unpythonic(src, tree);
  if (u.what != PYTHONIC) {
    char msg[192];
    int n = snprintf(msg, sizeof msg, unpythonic_says[u.what].warning, u.len > 40 ? 40 : (int)u.len,
                     src->data + src->bom + (u.quote ? u.quote : u.at));
    if (u.what != TREE_TABS) snprintf(msg + n, sizeof msg - (size_t)n, "; Python will refuse to import this file");
    add_diag(src, path, u.at + src->bom, msg, arena, diags);
  }
  int64_t refused = refused_byte(src, tree);
  if (refused >= 0) {
    char msg[128];
    snprintf(msg, sizeof msg, "invalid non-printable character U+%04X; Python will refuse to import this file",
             (unsigned char)src->data[refused]);
    add_diag(src, path, (uint32_t)refused, msg, arena, diags);
  }
  return tree;
}

/* dc_facts - see facts.h. `deferred[i]` is set while file i's facts are
 * still in the cache: the first dc_facts_of decodes them into `arena`,
 * under `lock`, then clears it. A table made by dc_facts_over has no
 * `deferred`. */
struct dc_facts {
  const dc_project *p;
  dc_cache *cache;
  dc_file_facts **of; /* by file, once not deferred */
  struct brief {
    uint32_t imports, pragmas;
  } *brief; /* by file */
  atomic_uchar *deferred;
  pthread_mutex_t lock;
  dc_arena arena;
  dc_arena *parent; /* what `arena` holds is adopted by it (dc_facts_release) */
};

/* The facts of `src`, the text of `path`: the token scanner's (with `quickscan`),
 * else tree-sitter's with `*parser`, whose problems go to `diags`; NULL when
 * the parser gave up on the file. */
static dc_file_facts *extract(unsigned walk_flags, const char *path, const dc_source *src, bool quickscan,
                              TSParser **parser, dc_strings *strings, dc_arena *arena, dc_diags *diags) {
  dc_file_facts *facts = quickscan ? dc_quickscan_shared(src->data, src->len, src->bom, walk_flags, strings) : NULL;
  if (facts) return facts;
  TSTree *tree = dc_parse_source(*parser, src, path, arena, diags);
  if (tree) facts = dc_facts_extract(src->data, src->len, src->bom, tree, walk_flags, arena);
  dc_parser_renew_after(parser, tree);
  if (tree) ts_tree_delete(tree);
  return facts;
}

/* ahead_result - what dc_parse_ahead made of one file: its content hash
 * (with `hash`), its facts, and its diagnostics (diags[first, first + n)). */
typedef struct ahead_result {
  const char *path;
  dc_hash hash;
  dc_file_facts *facts;
  uint32_t first, n;
} ahead_result;

/* ahead_file - a file the scan found: its path to open and its path. */
typedef struct ahead_file {
  const char *open_path, *path;
} ahead_file;

/* dc_parse_ahead - see parse.h. The scan appends to `files` under `lock`;
 * the thread alone appends to `results`, in the same order, until it is
 * stopped. */
struct dc_parse_ahead {
  unsigned walk_flags;
  bool hash;
  dc_vec(ahead_file) files;
  uint32_t next;               /* the next file the thread takes */
  bool waiting;                /* for `added` */
  bool stop;
  size_t cancel; /* the parser's cancellation flag: set when stopping */
  pthread_mutex_t lock;
  pthread_cond_t added;
  pthread_t thread;
  dc_vec(ahead_result) results;
  dc_diags diags;
  dc_arena arena;
};

static void *parse_ahead(void *arg) {
  dc_parse_ahead *a = arg;
  TSParser *parser = dc_parser_new();
  bool quickscan = dc_quickscan_enabled();
  dc_strings strings;
  dc_strings_init(&strings, &a->arena);
  pthread_mutex_lock(&a->lock);
  while (!a->stop) {
    if (a->next == a->files.size) {
      a->waiting = true;
      pthread_cond_wait(&a->added, &a->lock);
      a->waiting = false;
      continue;
    }
    ahead_file file = a->files.items[a->next++];
    pthread_mutex_unlock(&a->lock);
    dc_source src;
    uint32_t first = a->diags.size;
    ahead_result r = {file.path, {0, 0}, NULL, first, 0};
    bool read = dc_source_read(file.open_path, &src) == 0;
    if (read) {
      if (a->hash) r.hash = dc_hash_bytes(DC_HASH_SEED, src.data, src.len);
      ts_parser_set_cancellation_flag(parser, &a->cancel);
      r.facts = extract(a->walk_flags, file.path, &src, quickscan, &parser, &strings, &a->arena, &a->diags);
      r.n = a->diags.size - first;
      free(src.data);
    }
    /* a parse that the stop cut short (no facts then) is not the file's */
    bool cut = !r.facts && __atomic_load_n(&a->cancel, __ATOMIC_RELAXED);
    pthread_mutex_lock(&a->lock);
    if (read && !cut) dc_vec_push(&a->results, r);
  }
  pthread_mutex_unlock(&a->lock);
  dc_strings_release(&strings);
  ts_parser_delete(parser);
  return NULL;
}

dc_parse_ahead *dc_parse_ahead_start(uint32_t target_minor, bool hash) {
  dc_parse_ahead *a = dc_xcalloc(1, sizeof *a);
  a->walk_flags = dc_py_walk_flags_for(target_minor);
  a->hash = hash;
  pthread_mutex_init(&a->lock, NULL);
  pthread_cond_init(&a->added, NULL);
  dc_arena_init(&a->arena);
  if (!dc_thread_start(&a->thread, parse_ahead, a, 0)) DC_BUG("cannot start a parsing thread");
  return a;
}

void dc_parse_ahead_add(void *ahead, const char *open_path, const char *path) {
  dc_parse_ahead *a = ahead;
  pthread_mutex_lock(&a->lock);
  dc_vec_push(&a->files, ((ahead_file){open_path, path}));
  if (a->waiting) pthread_cond_signal(&a->added);
  pthread_mutex_unlock(&a->lock);
}

uint32_t dc_parse_ahead_count(dc_parse_ahead *a) {
  pthread_mutex_lock(&a->lock);
  uint32_t n = a->results.size;
  pthread_mutex_unlock(&a->lock);
  return n;
}

void dc_parse_ahead_stop(dc_parse_ahead *a) {
  if (!a) return;
  pthread_mutex_lock(&a->lock);
  a->stop = true;
  pthread_cond_signal(&a->added);
  pthread_mutex_unlock(&a->lock);
  /* (after `stop`, so that the thread takes no other file) */
  __atomic_store_n(&a->cancel, 1, __ATOMIC_RELAXED);
  pthread_join(a->thread, NULL);
}

void dc_parse_ahead_release(dc_parse_ahead *a, dc_arena *arena) {
  if (!a) return;
  dc_arena_adopt(arena, &a->arena);
  dc_vec_free(&a->files);
  dc_vec_free(&a->results);
  dc_diags_release(&a->diags);
  pthread_mutex_destroy(&a->lock);
  pthread_cond_destroy(&a->added);
  free(a);
}

static int cmp_result_path(const void *x, const void *y) {
  return strcmp((*(const ahead_result *const *)x)->path, (*(const ahead_result *const *)y)->path);
}

/* What `a` (or NULL) made of each file of `p`, by file index (NULL where
 * nothing): both are in path order once its results are sorted. */
static const ahead_result **ahead_by_file(const dc_parse_ahead *a, const dc_project *p) {
  if (!a || !a->results.size) return NULL;
  const ahead_result **sorted = dc_xmalloc(a->results.size * sizeof *sorted);
  for (uint32_t k = 0; k < a->results.size; k++) sorted[k] = &a->results.items[k];
  qsort(sorted, a->results.size, sizeof *sorted, cmp_result_path);
  const ahead_result **by_file = dc_xcalloc(p->n_files ? p->n_files : 1, sizeof *by_file);
  for (uint32_t i = 0, k = 0; i < p->n_files && k < a->results.size;) {
    int c = strcmp(p->files[i].path, sorted[k]->path);
    if (c == 0) by_file[i++] = sorted[k++];
    else if (c < 0) i++;
    else k++;
  }
  free(sorted);
  return by_file;
}

/* worker - one parsing thread's private state. */
typedef struct worker {
  const dc_project *project;
  dc_file_facts **facts;
  bool quickscan; /* try the token scanner before tree-sitter */
  dc_cache *cache; /* or NULL */
  const ahead_result **ahead;      /* by file, or NULL */
  const dc_diags *ahead_diags;
  const uint32_t *order; /* the file indices to parse, in that order */
  uint32_t n_order;
  atomic_uint *next;
  atomic_uint *done; /* files finished */
  const dc_parse_progress *progress; /* called by this worker, or NULL */
  dc_arena arena;
  dc_diags diags;
  pthread_t thread;
} worker;

static void parse_one(worker *w, TSParser **parser, dc_strings *strings, uint32_t i) {
  const dc_file *f = &w->project->files[i];
  if (f->kind != DC_MODULE_SOURCE) return;
  dc_hash hash = {0, 0};
  if (dc_cache_known(w->cache, i) && dc_cache_facts(w->cache, i, hash, f->path, &w->arena, &w->diags, &w->facts[i]))
    return;
  const ahead_result *ahead = w->ahead ? w->ahead[i] : NULL;
  dc_source src = {0};
  if (!ahead && dc_source_read(f->open_path, &src) != 0) {
    dc_diags_push(&w->diags, (dc_diag){DC_SEVERITY_WARNING, f->path, DC_NO_LINE, 0,
                                       dc_arena_strdup(&w->arena, dc_error_message()), NULL});
    return;
  }
  uint32_t first_diag = w->diags.size;
  if (w->cache) {
    hash = ahead ? ahead->hash : dc_hash_bytes(DC_HASH_SEED, src.data, src.len);
    if (dc_cache_facts(w->cache, i, hash, f->path, &w->arena, &w->diags, &w->facts[i])) {
      free(src.data);
      return;
    }
  }
  if (ahead) {
    w->facts[i] = ahead->facts;
    for (uint32_t d = 0; d < ahead->n; d++) dc_diags_push(&w->diags, w->ahead_diags->items[ahead->first + d]);
  } else {
    w->facts[i] = extract(dc_py_walk_flags_for(w->project->target_minor), f->path, &src, w->quickscan, parser,
                          strings, &w->arena, &w->diags);
  }
  if (w->cache)
    dc_cache_store(w->cache, i, hash, w->facts[i], w->diags.items + first_diag, w->diags.size - first_diag);
  free(src.data);
}

static void *work(void *arg) {
  worker *w = arg;
  TSParser *parser = dc_parser_new();
  dc_strings strings; /* the facts' strings, one copy each in this worker's arena */
  dc_strings_init(&strings, &w->arena);
  for (;;) {
    uint32_t i = atomic_fetch_add(w->next, 1);
    if (i >= w->n_order) break;
    parse_one(w, &parser, &strings, w->order[i]);
    unsigned done = atomic_fetch_add(w->done, 1) + 1;
    if (w->progress) w->progress->report(w->progress->ctx, done, w->n_order);
  }
  dc_strings_release(&strings);
  ts_parser_delete(parser);
  return NULL;
}

/* by_size - sort key for the work order: larger files first, so that no
 * thread is left with a big file at the end. */
typedef struct by_size {
  uint64_t size;
  uint32_t file;
} by_size;

static int cmp_by_size(const void *a, const void *b) {
  const by_size *x = a, *y = b;
  if (x->size != y->size) return x->size > y->size ? -1 : 1;
  return x->file < y->file ? -1 : x->file > y->file;
}

/* Parses the files order[0..n) on `jobs` threads into `facts` (indexed
 * by file), with their diagnostics appended to `diags` in path order and
 * everything they hold in `arena`. */
static void parse_files(const dc_project *p, const uint32_t *order, uint32_t n, unsigned jobs, dc_cache *cache,
                        const dc_parse_ahead *ahead, const dc_parse_progress *progress, dc_file_facts **facts,
                        dc_arena *arena, dc_diags *diags) {
  const ahead_result **by_file = ahead_by_file(ahead, p);
  atomic_uint next = 0, done = 0;
  if (jobs < 1) jobs = 1;
  if (jobs > n) jobs = n ? n : 1;
  worker *workers = dc_xcalloc(jobs, sizeof *workers);
  bool quickscan = dc_quickscan_enabled();
  dc_cache_prepare(cache);
  for (unsigned t = 0; t < jobs; t++) {
    workers[t].quickscan = quickscan;
    workers[t].cache = cache;
    workers[t].ahead = by_file;
    workers[t].ahead_diags = ahead ? &ahead->diags : NULL;
    workers[t].project = p;
    workers[t].facts = facts;
    workers[t].order = order;
    workers[t].n_order = n;
    workers[t].next = &next;
    workers[t].done = &done;
    dc_arena_init(&workers[t].arena);
  }
  if (jobs == 1) {
    workers[0].progress = progress;
    work(&workers[0]);
  } else {
    for (unsigned t = 0; t < jobs; t++)
      if (!dc_thread_start(&workers[t].thread, work, &workers[t], t))
        DC_BUG("cannot start a parsing thread");
    /* The calling thread only watches the counter, so the callback never
     * runs on two threads. (As a worker itself, it made the plan of a cold
     * run of the stdlib a third slower, 24 -> 32 ms, medians of 11.) */
    while (progress && atomic_load(&done) < n) {
      struct timespec tick = {0, 50 * 1000 * 1000};
      nanosleep(&tick, NULL);
      progress->report(progress->ctx, atomic_load(&done), n);
    }
    for (unsigned t = 0; t < jobs; t++) pthread_join(workers[t].thread, NULL);
  }
  if (progress) progress->report(progress->ctx, atomic_load(&done), n);
  dc_diags collected = {0};
  for (unsigned t = 0; t < jobs; t++) {
    dc_diags_append(&collected, &workers[t].diags);
    dc_diags_release(&workers[t].diags);
    dc_arena_adopt(arena, &workers[t].arena);
  }
  dc_diags_sort(&collected);
  dc_diags_append(diags, &collected);
  dc_diags_release(&collected);
  free(workers);
  free(by_file);
}

dc_facts *dc_parse_project(const dc_project *p, unsigned jobs, dc_cache *cache, const dc_parse_ahead *ahead,
                           const dc_parse_progress *progress, dc_arena *arena, dc_diags *diags) {
  size_t n = p->n_files ? p->n_files : 1;
  dc_facts *t = dc_arena_alloc(arena, sizeof *t);
  *t = (dc_facts){.p = p, .cache = cache, .parent = arena};
  t->of = dc_arena_alloc(arena, n * sizeof *t->of);
  t->brief = dc_arena_alloc(arena, n * sizeof *t->brief);
  t->deferred = dc_arena_alloc(arena, n * sizeof *t->deferred);
  pthread_mutex_init(&t->lock, NULL);
  dc_arena_init(&t->arena);
  by_size *keys = dc_xmalloc(n * sizeof *keys);
  uint32_t *order = dc_xmalloc(n * sizeof *order), m = 0;
  for (uint32_t i = 0; i < p->n_files; i++) {
    bool defer = cache && p->files[i].kind == DC_MODULE_SOURCE &&
                 dc_cache_defer(cache, i, &t->brief[i].imports, &t->brief[i].pragmas);
    atomic_init(&t->deferred[i], defer);
    if (!defer) keys[m++] = (by_size){p->files[i].size, i};
  }
  if (m) qsort(keys, m, sizeof *keys, cmp_by_size);
  for (uint32_t i = 0; i < m; i++) order[i] = keys[i].file;
  free(keys);
  if (m) parse_files(p, order, m, jobs, cache, ahead, progress, t->of, arena, diags);
  for (uint32_t k = 0; k < m; k++) {
    const dc_file_facts *f = t->of[order[k]];
    t->brief[order[k]] = (struct brief){f ? f->n_imports : DC_NO_FACTS, f ? f->n_pragmas : 0};
  }
  free(order);
  return t;
}

dc_facts *dc_facts_over(const dc_project *p, dc_file_facts **of, dc_arena *arena) {
  dc_facts *t = dc_arena_alloc(arena, sizeof *t);
  *t = (dc_facts){.p = p, .of = of, .parent = arena};
  t->brief = dc_arena_alloc(arena, (p->n_files ? p->n_files : 1) * sizeof *t->brief);
  for (uint32_t i = 0; i < p->n_files; i++)
    t->brief[i] = (struct brief){of[i] ? of[i]->n_imports : DC_NO_FACTS, of[i] ? of[i]->n_pragmas : 0};
  return t;
}

void dc_facts_release(dc_facts *t) {
  if (!t || !t->deferred) return;
  pthread_mutex_destroy(&t->lock);
  dc_arena_adopt(t->parent, &t->arena);
}

/* Decodes the deferred facts of file `i` (under t->lock). When its blob is
 * gone or bad (another run may have removed its pack since), the file is
 * parsed again instead; it must still be the text this run hashed, or the
 * graph, built from the facts recorded for that text, could name imports
 * that the new text does not have: then the run cannot go on. */
static dc_file_facts *decode_deferred(dc_facts *t, uint32_t i) {
  const dc_file *f = &t->p->files[i];
  dc_file_facts *facts = NULL;
  if (!dc_cache_deferred(t->cache, i, f->path, &t->arena, &facts)) {
    dc_hash hash;
    dc_source src;
    dc_diags diags = {0}; /* (the same as recorded: none) */
    if (!dc_cache_file_hashes(t->cache, i, &hash, NULL) || dc_source_read(f->open_path, &src) != 0) src.data = NULL;
    if (!src.data || !dc_hash_eq(dc_hash_bytes(DC_HASH_SEED, src.data, src.len), hash)) {
      fprintf(stderr, "%s: error: changed while decycle ran, and its cached facts are gone; run decycle again\n",
              f->path);
      _exit(2);
    }
    TSParser *parser = dc_parser_new();
    dc_strings strings;
    dc_strings_init(&strings, &t->arena);
    facts = extract(dc_py_walk_flags_for(t->p->target_minor), f->path, &src, dc_quickscan_enabled(), &parser,
                    &strings, &t->arena, &diags);
    dc_strings_release(&strings);
    ts_parser_delete(parser);
    free(src.data);
    dc_diags_release(&diags);
  }
  return facts;
}

const dc_file_facts *dc_facts_of(dc_facts *t, uint32_t file) {
  if (!t->deferred || !atomic_load_explicit(&t->deferred[file], memory_order_acquire)) return t->of[file];
  pthread_mutex_lock(&t->lock);
  if (atomic_load_explicit(&t->deferred[file], memory_order_relaxed)) {
    t->of[file] = decode_deferred(t, file);
    atomic_store_explicit(&t->deferred[file], 0, memory_order_release);
  }
  pthread_mutex_unlock(&t->lock);
  return t->of[file];
}

uint32_t dc_facts_imports(const dc_facts *t, uint32_t file) { return t->brief[file].imports; }

uint32_t dc_facts_pragmas(const dc_facts *t, uint32_t file) { return t->brief[file].pragmas; }

void dc_parse_uncached(const dc_project *p, unsigned jobs, dc_cache *cache, const dc_parse_ahead *ahead) {
  uint32_t *order = dc_xmalloc((p->n_files ? p->n_files : 1) * sizeof *order), n = 0;
  for (uint32_t i = 0; i < p->n_files; i++)
    if (p->files[i].kind == DC_MODULE_SOURCE && !dc_cache_known(cache, i)) order[n++] = i;
  if (n) {
    dc_file_facts **facts = dc_xcalloc(p->n_files, sizeof *facts);
    dc_arena scratch;
    dc_diags diags = {0};
    dc_arena_init(&scratch);
    parse_files(p, order, n, jobs, cache, ahead, NULL, facts, &scratch, &diags);
    dc_diags_release(&diags);
    dc_arena_release(&scratch);
    free(facts);
  }
  free(order);
}
