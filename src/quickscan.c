/*
 * quickscan.c - the facts of a Python file from a token scan, for the files
 * whose every construct the scanner understands; NULL (use tree-sitter) for
 * the others.
 *
 * Two passes. The lexer follows the tokenizer of the Python reference
 * (lexical analysis: logical lines, INDENT/DEDENT from a stack of indent
 * widths, implicit joining inside brackets, strings with their prefixes)
 * and matches every bracket. The statement pass walks logical lines with a
 * stack of blocks, each knowing when its code runs (DESIGN.md §2, the same
 * rules as pywalk.c), and checks each expression with a small operand /
 * operator automaton whose nesting lives in an explicit stack. It records
 * exactly what facts.c records from the tree: imports and import calls,
 * module-level bindings in document order, import-time attribute reads of
 * names bound by plain imports, a literal __all__, and the pragmas (the
 * lexer hands the comments' offsets to facts.c's reader).
 *
 * The scanner must never disagree with tree-sitter + facts.c, so it declines
 * (longjmp to dc_quickscan, which returns NULL) on anything it does not
 * model exactly: tabs in indentation, bare CR, non-ASCII identifiers,
 * unknown string prefixes, complex f-string replacement fields, `match` and
 * `type` statements, walrus at module scope, comments and line
 * continuations where tree-sitter would keep them as children that facts.c
 * counts, a few places where tree-sitter-python reads valid Python in its
 * own way (a statement ending in a comma, some lines in brackets indented
 * less than their block), and anything that breaks the automaton, which is
 * what a syntax error looks like from here.
 * tests/quickscan_diff.c checks the agreement field by field.
 */
#define _GNU_SOURCE /* memmem */
#include "quickscan.h"
#include "quickscan_p.h"
#include "facts_p.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "names.h"
#include "pywalk.h"
#include "scan.h"
#include "vec.h"

bool dc_quickscan_enabled(void) {
  const char *v = getenv("DECYCLE_NO_QUICKSCAN");
  return !v || !*v;
}

/* ---- tokens --------------------------------------------------------------- */

enum { T_NAME, T_NUMBER, T_STRING, T_OP, T_NEWLINE, T_INDENT, T_DEDENT, T_END };

/* Operators (T_OP) and keywords (T_NAME) share one code space. */
enum {
  O_NONE,
  O_LPAR, O_RPAR, O_LSQB, O_RSQB, O_LBRACE, O_RBRACE,
  O_COMMA, O_COLON, O_SEMI, O_DOT, O_ELLIPSIS, O_AT, O_ASSIGN, O_ARROW, O_AUG, O_PLUSEQ, O_WALRUS,
  O_STAR, O_DSTAR, O_MINUS, O_PLUS, O_TILDE, O_EQEQ, O_BIN,
  /* hard keywords */
  K_FALSE, K_NONE, K_TRUE, K_AND, K_AS, K_ASSERT, K_ASYNC, K_AWAIT, K_BREAK, K_CLASS, K_CONTINUE,
  K_DEF, K_DEL, K_ELIF, K_ELSE, K_EXCEPT, K_FINALLY, K_FOR, K_FROM, K_GLOBAL, K_IF, K_IMPORT, K_IN,
  K_IS, K_LAMBDA, K_NONLOCAL, K_NOT, K_OR, K_PASS, K_RAISE, K_RETURN, K_TRY, K_WHILE, K_WITH, K_YIELD,
  /* names with a meaning somewhere (soft keywords, tree-sitter's Python 2 statements) */
  S_MATCH, S_CASE, S_TYPE, S_PRINT, S_EXEC,
};

#define IS_HARD_KW(o) ((o) >= K_FALSE && (o) <= K_YIELD)

enum {
  F_COMMENT_BEFORE = 1, /* a comment stands between the previous token and this one */
  F_PLAIN = 2,          /* string: no prefix but r/R, no backslash, no replacement field */
  F_FSTRING = 4,        /* string: f prefix with at least one replacement field */
  F_FIELD_DOT = 8,      /* f-string: a '.' in a replacement field's expression */
  F_FIELD_NAME = 16,    /* f-string: "import" or "__all__" in a replacement field */
  F_CONT_BEFORE = 32,   /* a backslash line continuation stands before this token */
  F_BYTES = 64,         /* string: b prefix */
};

/* tree-sitter keeps comments and line continuations as named children of
 * the node they are in, which changes what facts.c counts. */
#define F_EXTRA_BEFORE (F_COMMENT_BEFORE | F_CONT_BEFORE)

/* tok - one token, 16 bytes. `match` is the index of the matching bracket
 * for brackets. Lines and columns come from q->lines when needed. */
typedef struct tok {
  uint32_t start, end;
  uint32_t match;
  uint8_t kind, op, flags;
} tok;

enum { ST_RUN, ST_DEFERRED, ST_NEVER };
enum { SC_MODULE, SC_CLASS, SC_FUNCTION };

/* block - an indented block: when its code runs, the scope it is in, and
 * what the previous statement at its level was (to check clause order). */
typedef struct block {
  uint8_t state, scope;
  uint8_t last;      /* L_* */
  bool decorated;    /* the previous line was a decorator */
  bool loop;         /* in a loop's body, where break and continue can be */
  bool async_def;    /* in an async def's body, where await can be */
  bool except_star;  /* in an except* clause, which return cannot leave */
  bool except_star_loop; /* ... and not in a loop in it: break and continue cannot leave it */
  uint32_t fn;       /* the blocks index of the def's body it is in (see def_block) */
  bool yields, returns; /* a def's body: it has a yield, a return with a value */
} block;

enum { L_OTHER, L_IF, L_LOOP, L_TRY, L_EXCEPT, L_EXCEPT_BARE, L_EXCEPT_STAR, L_TRY_ELSE };

/* frame - one open bracket (or lambda body) of the expression automaton. */
typedef struct frame {
  uint8_t kind; /* FR_* */
  bool comp;    /* a `for` of a comprehension was seen at this level */
  bool need_in; /* ... and its `in` not yet */
  bool target;  /* in brackets in a comprehension's target */
  bool had_comma;
  uint8_t brace;     /* in braces: 0 not known yet, 1 a dict, 2 a set */
  uint8_t item;      /* in braces, the current item: 1 starred, 2 ** item, 4 has a key */
  uint8_t colons;    /* in a subscript, the current item's (a slice has two at most) */
  bool starred;      /* a starred item at this level (needs a comma in parentheses) */
  bool yield;        /* a yield expression at this level or in brackets in it (no comprehension then) */
  bool in_comp;      /* in a comprehension, after its first `for` (no yield then) */
  uint32_t pending_else; /* conditional expressions waiting for `else` */
  bool keyed;            /* a keyword argument or a ** item at this level (no comprehension then) */
} frame;

enum { FR_TOP, FR_PAREN, FR_CALL, FR_LIST, FR_SUB, FR_BRACE, FR_LAMBDA };

/* bound - module-level meaning of a name for attribute reads: the plain
 * import and name index that bound it last, or import_index -1. */
typedef struct bound {
  const char *name; /* not NUL-terminated; NULL = free slot */
  uint32_t len;
  int32_t import_index;
  uint32_t name_index;
} bound;

/* qs - the state of one dc_quickscan call. */
typedef struct qs {
  jmp_buf fail;
  const char *src; /* file bytes after the BOM */
  uint32_t len, base;
  dc_arena *arena;
  dc_strings *strings; /* or NULL: each string gets its own copy */
  dc_vec(tok) toks;
  dc_vec(uint32_t) lines; /* offset of the first byte of each line */
  dc_vec(uint32_t) opens;
  dc_vec(uint32_t) indents;
  dc_vec(block) blocks;
  dc_vec(frame) frames;
  dc_vec(dc_import) imports;
  dc_vec(dc_binding) bindings;
  dc_vec(dc_attr_use) uses;
  dc_vec(const char *) all;
  dc_vec(dc_import_name) names;
  bound *table;
  uint32_t table_size, table_cap;
  uint32_t lambda_count; /* open lambda bodies in scan_expr */
  uint32_t at;           /* byte offset being looked at, for dc_quickscan__where */
  bool has_all, all_dynamic, future;
  block line;        /* the block of the logical line being scanned */
  bool first;        /* no statement scanned yet */
  bool future_ok;    /* a future import can stand here: only a docstring came before, and future imports */
  bool pragmas;               /* the text holds "decycle:": comments are recorded */
  dc_vec(uint32_t) comments; /* start of each comment, when `pragmas` */
  bool lazy; /* DC_PY_WALK_LAZY_ANNOTATIONS: no annotation is evaluated (PEP 649) */
} qs;

_Thread_local int dc_quickscan__why;
_Thread_local uint32_t dc_quickscan__where;

static _Noreturn void decline_at(qs *q, int line) {
  dc_quickscan__why = line;
  dc_quickscan__where = q->at;
  longjmp(q->fail, 1);
}

#define decline(q) decline_at((q), __LINE__)
#define NEED(q, cond)                       \
  do {                                      \
    if (!(cond)) decline_at((q), __LINE__); \
  } while (0)

/* ---- lexer ------------------------------------------------------------------ */

static bool is_digit(int c) { return c >= '0' && c <= '9'; }

/* 1: may start a name; 2: may continue one (ASCII only) */
static const uint8_t name_class[256] = {
    ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
    ['_'] = 3,
    ['a'] = 3, ['b'] = 3, ['c'] = 3, ['d'] = 3, ['e'] = 3, ['f'] = 3, ['g'] = 3, ['h'] = 3, ['i'] = 3, ['j'] = 3,
    ['k'] = 3, ['l'] = 3, ['m'] = 3, ['n'] = 3, ['o'] = 3, ['p'] = 3, ['q'] = 3, ['r'] = 3, ['s'] = 3, ['t'] = 3,
    ['u'] = 3, ['v'] = 3, ['w'] = 3, ['x'] = 3, ['y'] = 3, ['z'] = 3,
    ['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3, ['G'] = 3, ['H'] = 3, ['I'] = 3, ['J'] = 3,
    ['K'] = 3, ['L'] = 3, ['M'] = 3, ['N'] = 3, ['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3, ['S'] = 3, ['T'] = 3,
    ['U'] = 3, ['V'] = 3, ['W'] = 3, ['X'] = 3, ['Y'] = 3, ['Z'] = 3,
};
static bool is_name_start(unsigned char c) { return name_class[c] & 1; }
static bool is_name_char(unsigned char c) { return name_class[c] & 2; }

/* The keyword code of the name s[0..n), or O_NONE. */
static uint8_t keyword(const char *s, uint32_t n) {
#define KW(w, code) \
  if (n == sizeof w - 1 && !memcmp(s, w, n)) return code
  if (n < 2 || n > 8) return O_NONE;
  switch (s[0]) {
  case 'F': KW("False", K_FALSE); break;
  case 'N': KW("None", K_NONE); break;
  case 'T': KW("True", K_TRUE); break;
  case 'a': KW("and", K_AND); KW("as", K_AS); KW("assert", K_ASSERT); KW("async", K_ASYNC); KW("await", K_AWAIT); break;
  case 'b': KW("break", K_BREAK); break;
  case 'c': KW("class", K_CLASS); KW("continue", K_CONTINUE); KW("case", S_CASE); break;
  case 'd': KW("def", K_DEF); KW("del", K_DEL); break;
  case 'e': KW("elif", K_ELIF); KW("else", K_ELSE); KW("except", K_EXCEPT); KW("exec", S_EXEC); break;
  case 'f': KW("finally", K_FINALLY); KW("for", K_FOR); KW("from", K_FROM); break;
  case 'g': KW("global", K_GLOBAL); break;
  case 'i': KW("if", K_IF); KW("import", K_IMPORT); KW("in", K_IN); KW("is", K_IS); break;
  case 'l': KW("lambda", K_LAMBDA); break;
  case 'm': KW("match", S_MATCH); break;
  case 'n': KW("nonlocal", K_NONLOCAL); KW("not", K_NOT); break;
  case 'o': KW("or", K_OR); break;
  case 'p': KW("pass", K_PASS); KW("print", S_PRINT); break;
  case 'r': KW("raise", K_RAISE); KW("return", K_RETURN); break;
  case 't': KW("try", K_TRY); KW("type", S_TYPE); break;
  case 'w': KW("while", K_WHILE); KW("with", K_WITH); break;
  case 'y': KW("yield", K_YIELD); break;
  default: break;
  }
  return O_NONE;
#undef KW
}

bool dc_quickscan_is_keyword(const char *s, uint32_t len) { return IS_HARD_KW(keyword(s, len)); }

bool dc_quickscan_is_future_feature(const char *s, uint32_t len) {
  static const char *const features[] = {"nested_scopes",  "generators",       "division",       "absolute_import",
                                         "with_statement", "print_function",   "unicode_literals", "barry_as_FLUFL",
                                         "generator_stop", "annotations"};
  for (size_t f = 0; f < sizeof features / sizeof *features; f++)
    if (strlen(features[f]) == len && !memcmp(features[f], s, len)) return true;
  return false;
}

/* Whether the word `in` starts at s[p]. */
static bool in_at(const char *s, uint32_t p) {
  return s[p] == 'i' && s[p + 1] == 'n' && !is_name_char((unsigned char)s[p + 2]);
}

/* Checks a number token against Python's grammar (integers without
 * leading zeros, 0x/0o/0b, floats, exponents, imaginary suffix). */
static bool valid_number(const char *s, uint32_t n) {
  uint32_t i = 0;
  if (n >= 2 && s[0] == '0' && strchr("xXoObB", s[1])) {
    char b = (char)(s[1] | 0x20);
    i = 2;
    bool digit = false;
    for (; i < n; i++) {
      char c = s[i];
      bool ok = b == 'x' ? (is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')) : b == 'o' ? (c >= '0' && c <= '7') : c == '0' || c == '1';
      if (ok) digit = true;
      else if (c == '_' && i + 1 < n && s[i - 1] != '_') continue;
      else return false;
    }
    return digit;
  }
  uint32_t int_start = i, int_digits = 0;
  bool all_zero = true;
  for (; i < n && (is_digit(s[i]) || s[i] == '_'); i++) {
    if (s[i] == '_') {
      if (i == int_start || s[i - 1] == '_' || i + 1 >= n ||!is_digit(s[i + 1])) return false;
    } else {
      int_digits++;
      if (s[i] != '0') all_zero = false;
    }
  }
  bool fl = false;
  if (i < n && s[i] == '.') {
    fl = true;
    i++;
    uint32_t fs = i;
    for (; i < n && (is_digit(s[i]) || s[i] == '_'); i++)
      if (s[i] == '_' && (i == fs || s[i - 1] == '_' || i + 1 >= n ||!is_digit(s[i + 1]))) return false;
    if (!int_digits && i == fs) return false;
  }
  if (!int_digits && !fl) return false;
  if (i < n && (s[i] | 0x20) == 'e') {
    fl = true;
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    uint32_t es = i;
    for (; i < n && (is_digit(s[i]) || s[i] == '_'); i++)
      if (s[i] == '_' && (i == es || s[i - 1] == '_' || i + 1 >= n ||!is_digit(s[i + 1]))) return false;
    if (i == es) return false;
  }
  if (i < n && (s[i] | 0x20) == 'j') i++;
  if (i != n) return false;
  if (!fl && int_digits > 1 && s[int_start] == '0' && !all_zero) return false;
  return true;
}

bool dc_quickscan_is_number(const char *s, uint32_t len) { return valid_number(s, len); }

/* Skips a UTF-8 sequence at p (inside a string or comment); declines on
 * invalid UTF-8 and NUL. */
static uint32_t skip_char(qs *q, uint32_t p) {
  unsigned char c = (unsigned char)q->src[p];
  if (c < 0x80) {
    NEED(q, c != 0);
    return p + 1;
  }
  size_t n = dc_utf8_sequence((const unsigned char *)q->src + p, q->len - p);
  NEED(q, n);
  return p + (uint32_t)n;
}

/* lexer position: byte, line, offset of the line's first byte. */
typedef struct lexpos {
  uint32_t p, line, line_start;
} lexpos;

/* Consumes one newline ("\n" or "\r\n") at l->p; declines on a bare CR. */
static void newline(qs *q, lexpos *l) {
  if (q->src[l->p] == '\r') {
    NEED(q, l->p + 1 < q->len && q->src[l->p + 1] == '\n');
    l->p++;
  }
  l->p++;
  l->line++;
  l->line_start = l->p;
  dc_vec_push(&q->lines, l->p);
}

/* What a replacement field's bracket has held so far (fstring_field). */
enum { SEEN_FOR = 1, SEEN_STARRED = 2, SEEN_KEYWORD = 4, SEEN_COMMA = 8, SEEN_SUBSCRIPT = 16, SEEN_CALL = 32 };

/* Sets F_FIELD_NAME for a name in a replacement field that the facts
 * would have to look at. */
static void field_name(const char *name, uint32_t len, uint8_t *flags) {
  if ((len >= 6 && memmem(name, len, "import", 6)) || (len == 7 && !memcmp(name, "__all__", 7)))
    *flags |= F_FIELD_NAME;
}

/* The last byte before s[p] that is not a space (a replacement field's
 * `{` at the latest). */
static char char_before(const char *s, uint32_t p) {
  while (s[p - 1] == ' ') p--;
  return s[p - 1];
}

/* The `for` clause of a comprehension in a replacement field, from after
 * `for` through `in`: its target is names and commas. It must follow the
 * bracket's first item, which is no starred item, keyword argument or
 * unfinished `if` (`[*a for a in b]`, `f(a=b for b in c)`, `[a, b for b
 * in c]` are syntax errors), in a list, call or parentheses. */
static void comprehension(qs *q, uint32_t *at, uint32_t depth, int prev, uint8_t ifs, uint8_t *seen,
                          uint8_t *flags) {
  const char *s = q->src;
  uint32_t p = *at;
  NEED(q, depth > 0 && prev == 1 && ifs == 0);
  NEED(q, !(*seen & (SEEN_STARRED | SEEN_KEYWORD | SEEN_COMMA | SEEN_SUBSCRIPT)));
  for (;;) {
    while (s[p] == ' ') p++;
    uint32_t b = p;
    while (p < q->len && is_name_char((unsigned char)s[p])) p++;
    NEED(q, p > b && is_name_start((unsigned char)s[b]) && !IS_HARD_KW(keyword(s + b, p - b)));
    field_name(s + b, p - b, flags);
    while (s[p] == ' ') p++;
    if (s[p] != ',') break;
    p++;
  }
  NEED(q, in_at(s, p));
  *at = p + 2;
  *seen |= SEEN_FOR;
}

/* Scans the replacement field of an f-string that starts at l->p ('{').
 * Accepts only simple fields: a name or number with attribute, call and
 * subscript trailers whose arguments hold names, numbers, operators,
 * conditional expressions, comprehensions and strings in the other quote;
 * an optional `=`, `!r`/`!s`/`!a`, and a format spec with simple nested
 * fields. Sets F_FIELD_* in *flags. */
static void fstring_field(qs *q, lexpos *l, char quote, bool triple, uint8_t *flags) {
  const char *s = q->src;
  uint32_t p = l->p + 1, depth = 0;
  uint64_t squares = 0;
  uint8_t ifs[65] = {0};    /* per depth: the `if`s waiting for their `else` */
  uint8_t colons[65] = {0}; /* per depth: the colons of the subscript's item */
  uint8_t seen[65] = {0};   /* per depth: SEEN_* of the bracket's items */
  bool name = false; /* the last operand is a name that starts an argument (for `name=`) */
  int prev = 0; /* 0 start/operator, 1 operand (name, number, string, closer) */
  bool any = false;
  for (;;) {
    NEED(q, p < q->len);
    char c = s[p];
    if ((c == '=' || c == '!') && s[p + 1] == '=') { /* == != */
      NEED(q, prev == 1);
      p += 2, prev = 0, name = false;
      continue;
    }
    if (depth == 0 && (c == '}' || c == '!' || c == ':' || c == '=')) break;
    if (c == ' ') {
      p++;
      continue;
    }
    if (is_name_start((unsigned char)c)) {
      uint32_t b = p;
      while (p < q->len && is_name_char((unsigned char)s[p])) p++;
      NEED(q, s[p] != '\'' && s[p] != '"');
      uint8_t kw = keyword(s + b, p - b);
      /* binary `and`, `or`, `is`, `in`, `not in`, unary `not`, `if` ...
       * `else` (one `else` per `if` at the same depth), and comprehensions
       * (fuzz_facts: `{x[a if b:]}`, `{a not b}`) */
      if (kw == K_FOR) {
        comprehension(q, &p, depth, prev, ifs[depth], &seen[depth], flags);
        prev = 0;
        continue;
      }
      if (kw == K_IF && (seen[depth] & SEEN_FOR)) kw = K_AND; /* a filter: no `else` */
      if (kw == K_NOT && prev == 1) { /* `not in` */
        while (s[p] == ' ') p++;
        NEED(q, in_at(s, p));
        p += 2, kw = K_IN;
      }
      if (kw == K_AND || kw == K_OR || kw == K_IS || kw == K_IN || kw == K_IF || kw == K_ELSE || kw == K_NOT) {
        NEED(q, kw == K_NOT ? prev == 0 : prev == 1);
        if (kw == K_IF) {
          NEED(q, ifs[depth] < 255);
          ifs[depth]++;
        } else if (kw == K_ELSE) {
          NEED(q, ifs[depth] > 0);
          ifs[depth]--;
        }
        prev = 0;
        continue;
      }
      NEED(q, !IS_HARD_KW(kw) || kw == K_NONE || kw == K_TRUE || kw == K_FALSE);
      NEED(q, prev == 0);
      field_name(s + b, p - b, flags);
      /* only a name that starts an argument takes `=` (fuzz_facts:
       * `{f(*a=1)}`, and so `{f(-a=1)}`, `{f(b + a=1)}`) */
      name = char_before(s, b) == '(' || char_before(s, b) == ',';
      prev = 1, any = true;
      continue;
    }
    if (is_digit(c)) {
      /* plain decimals only: `{4x}` is a syntax error that tree-sitter
       * reports, hex, exponents and the rest are left to it; and decimals
       * Python takes (fuzz_facts: `{a / 050}`) */
      NEED(q, prev == 0);
      uint32_t b = p;
      while (p < q->len && (is_digit(s[p]) || s[p] == '_')) p++;
      if (p < q->len && s[p] == '.')
        for (p++; p < q->len && (is_digit(s[p]) || s[p] == '_');) p++;
      NEED(q, p < q->len && !is_name_char((unsigned char)s[p]) && s[p] != '.' && valid_number(s + b, p - b));
      prev = 1, any = true, name = false;
      continue;
    }
    if (c == '\'' || c == '"') {
      NEED(q, c != quote && prev == 0 && !triple);
      p++;
      while (p < q->len && s[p] != c) {
        NEED(q, s[p] && s[p] != '\\' && s[p] != '\n' && s[p] != '\r' && s[p] != '{' && s[p] != '}' && s[p] != quote);
        p = skip_char(q, p);
      }
      NEED(q, p < q->len);
      p++;
      prev = 1, any = true, name = false;
      continue;
    }
    if (c == '.') {
      NEED(q, prev == 1 && is_name_start((unsigned char)s[p + 1]));
      *flags |= F_FIELD_DOT;
      p++;
      prev = 0;
      continue;
    }
    /* brackets: `squares` has a bit per open bracket, set for '[' */
    if (c == '(' || c == '[') {
      NEED(q, depth < 64);
      squares = (squares << 1) | (c == '[');
      seen[depth + 1] = prev == 0 ? 0 : c == '[' ? SEEN_SUBSCRIPT : SEEN_CALL;
      depth++, p++, prev = 0, name = false;
      ifs[depth] = colons[depth] = 0;
      continue;
    }
    if (c == ')' || c == ']') {
      /* after an operand, a trailing comma, a slice's colon, or the
       * opening bracket, unless of a subscript (fuzz_facts: `{x[-:]}`,
       * then `{f(a +)}`, `{x[]}`) */
      char before = char_before(s, p);
      bool subscript = seen[depth] & SEEN_SUBSCRIPT;
      NEED(q, prev == 1 || before == ',' || (c == ']' && before == (subscript ? ':' : '[')) ||
                  (c == ')' && before == '('));
      NEED(q, depth > 0 && (squares & 1) == (c == ']') && ifs[depth] == 0);
      squares >>= 1;
      depth--, p++, prev = 1, name = false;
      continue;
    }
    if (c == ':') {
      /* a slice (depth > 0 here): two colons at most per item, a bound
       * left out only after `[`, `,` or `:` (fuzz_facts: `x[-:]`) */
      char before = char_before(s, p);
      NEED(q, (seen[depth] & SEEN_SUBSCRIPT) && ifs[depth] == 0 && colons[depth] < 2);
      NEED(q, prev == 1 || before == '[' || before == ',' || before == ':');
      colons[depth]++;
      p++, prev = 0, name = false;
      continue;
    }
    if (c == ',') {
      NEED(q, prev == 1 && ifs[depth] == 0 && !(seen[depth] & SEEN_FOR));
      colons[depth] = 0;
      seen[depth] = (seen[depth] & (SEEN_SUBSCRIPT | SEEN_CALL)) | SEEN_COMMA;
      p++, prev = 0, name = false;
      continue;
    }
    if (c == '=') { /* a keyword argument (fuzz_facts: `{a * (b=0)}`) */
      NEED(q, (seen[depth] & SEEN_CALL) && prev == 1 && name);
      seen[depth] |= SEEN_KEYWORD;
      p++, prev = 0, name = false;
      continue;
    }
    if (c == '*' && prev == 0) {
      /* a starred argument or item: `*` right after `(` or `,`, `**` in a
       * call, and then a name (fuzz_facts: `{a @ * 2}`, `{* 2}`) */
      uint32_t n = s[p + 1] == '*' ? 2 : 1;
      char before = char_before(s, p);
      NEED(q, (before == '(' || before == ',') && (n == 1 || (seen[depth] & SEEN_CALL)));
      for (p += n; s[p] == ' ';) p++;
      NEED(q, is_name_start((unsigned char)s[p]));
      seen[depth] |= SEEN_STARRED;
      continue;
    }
    if (c && strchr("+-*/%<>&|^~@", c)) {
      /* '~' is unary only; '-' may be either; '*' and '**' here are binary */
      NEED(q, c == '~' ? prev == 0 : prev == 1 || c == '-');
      p += c == '*' && s[p + 1] == '*' ? 2 : 1, prev = 0, name = false;
      continue;
    }
    decline(q);
  }
  NEED(q, any && prev == 1 && ifs[0] == 0);
  if (s[p] == '=') p++;
  while (s[p] == ' ') p++;
  if (s[p] == '!') {
    NEED(q, s[p + 1] == 'r' || s[p + 1] == 's' || s[p + 1] == 'a');
    p += 2;
  }
  if (s[p] == ':') {
    p++;
    for (;;) {
      NEED(q, p < q->len);
      char c = s[p];
      if (c == '}') break;
      NEED(q, c && c != '\\' && c != '\n' && c != '\r' && c != '\'' && c != '"' && c != ':' && c != '!');
      if (c == '{') {
        p++;
        NEED(q, is_name_start((unsigned char)s[p]));
        while (is_name_char((unsigned char)s[p])) p++;
        NEED(q, s[p] == '}');
      }
      p = skip_char(q, p);
    }
  }
  NEED(q, s[p] == '}');
  l->p = p + 1;
}

/* Scans a string literal whose prefix starts at `b` and whose quote is at
 * l->p; fills the token's content range and flags. */
static void lex_string(qs *q, lexpos *l, uint32_t b, tok *t) {
  const char *s = q->src;
  bool raw = false, fmt = false, bytes = false, uni = false;
  for (uint32_t i = b; i < l->p; i++) {
    char c = (char)(s[i] | 0x20);
    if (c == 'r' && !raw) raw = true;
    else if (c == 'f' && !fmt) fmt = true;
    else if (c == 'b' && !bytes) bytes = true;
    else if (c == 'u' && !uni) uni = true;
    else decline(q);
  }
  NEED(q, !(fmt && bytes) && !(uni && (raw || fmt || bytes)));
  char quote = s[l->p];
  bool triple = l->p + 2 < q->len && s[l->p + 1] == quote && s[l->p + 2] == quote;
  l->p += triple ? 3 : 1;
  bool backslash = false, field = false;
  for (;;) {
    NEED(q, l->p < q->len);
    char c = s[l->p];
    if (c == quote) {
      if (!triple) break;
      if (l->p + 2 < q->len && s[l->p + 1] == quote && s[l->p + 2] == quote) break;
      l->p++;
      continue;
    }
    if (c == '\\') {
      backslash = true;
      l->p++;
      NEED(q, l->p < q->len);
      if (s[l->p] == '\n' || s[l->p] == '\r') {
        newline(q, l);
      } else if (fmt && (s[l->p] == '{' || s[l->p] == '}')) {
        /* rf"\{x}", and f"\{x}" too (an invalid escape, fuzz_facts): the
         * backslash is a character, the brace starts a field */
        continue;
      } else if (fmt && !raw && s[l->p] == 'N' && s[l->p + 1] == '{') {
        /* a character's name, its bytes checked like any string's
         * (fuzz_facts: invalid UTF-8 in it) */
        while (l->p < q->len && s[l->p] != '}' && s[l->p] != quote && s[l->p] != '\n' && s[l->p] != '\r')
          l->p = skip_char(q, l->p);
        NEED(q, l->p < q->len && s[l->p] == '}');
        l->p++;
      } else {
        l->p = skip_char(q, l->p);
      }
      continue;
    }
    if (c == '\n' || c == '\r') {
      NEED(q, triple);
      newline(q, l);
      continue;
    }
    if (fmt && c == '{') {
      if (s[l->p + 1] == '{') {
        l->p += 2;
        continue;
      }
      field = true;
      fstring_field(q, l, quote, triple, &t->flags);
      continue;
    }
    if (fmt && c == '}') {
      NEED(q, s[l->p + 1] == '}');
      l->p += 2;
      continue;
    }
    NEED(q, !bytes || (unsigned char)c < 0x80);
    l->p = skip_char(q, l->p);
  }
  l->p += triple ? 3 : 1;
  if (field) t->flags |= F_FSTRING;
  if (bytes) t->flags |= F_BYTES;
  if (!backslash && !field && !fmt && !bytes && !uni) t->flags |= F_PLAIN;
}

/* Operator at p: its length and code, or 0. */
static uint32_t lex_op(const char *s, uint32_t p, uint8_t *op) {
  char c = s[p], d = s[p + 1], e = d ? s[p + 2] : 0;
  if (c == '.' && d == '.' && e == '.') return *op = O_ELLIPSIS, 3;
  if ((c == '*' && d == '*' && e == '=') || (c == '/' && d == '/' && e == '=') ||
      (c == '>' && d == '>' && e == '=') || (c == '<' && d == '<' && e == '='))
    return *op = O_AUG, 3;
  if (d == '=' && strchr("+-*/%@&|^", c) && c) return *op = c == '+' ? O_PLUSEQ : O_AUG, 2;
  if (c == '=' && d == '=') return *op = O_EQEQ, 2;
  if ((c == '!' || c == '<' || c == '>') && d == '=') return *op = O_BIN, 2;
  if (c == '-' && d == '>') return *op = O_ARROW, 2;
  if (c == ':' && d == '=') return *op = O_WALRUS, 2;
  if (c == '*' && d == '*') return *op = O_DSTAR, 2;
  if ((c == '/' && d == '/') || (c == '<' && d == '<') || (c == '>' && d == '>')) return *op = O_BIN, 2;
  switch (c) {
  case '(': return *op = O_LPAR, 1;
  case ')': return *op = O_RPAR, 1;
  case '[': return *op = O_LSQB, 1;
  case ']': return *op = O_RSQB, 1;
  case '{': return *op = O_LBRACE, 1;
  case '}': return *op = O_RBRACE, 1;
  case ',': return *op = O_COMMA, 1;
  case ':': return *op = O_COLON, 1;
  case ';': return *op = O_SEMI, 1;
  case '.': return *op = O_DOT, 1;
  case '@': return *op = O_AT, 1;
  case '=': return *op = O_ASSIGN, 1;
  case '*': return *op = O_STAR, 1;
  case '-': return *op = O_MINUS, 1;
  case '+': return *op = O_PLUS, 1;
  case '~': return *op = O_TILDE, 1;
  case '/': case '%': case '&': case '|': case '^': case '<': case '>': return *op = O_BIN, 1;
  default: return 0;
  }
}

static tok *push_tok(qs *q, uint8_t kind, uint32_t start, uint32_t end, uint8_t flags) {
  if (q->toks.size == q->toks.cap) dc_vec_reserve(&q->toks, q->toks.size ? 2 * (uint64_t)q->toks.size : 1024);
  tok *t = &q->toks.items[q->toks.size++];
  *t = (tok){start, end, 0, kind, 0, flags};
  return t;
}

/* A line inside brackets indented less than the current block makes
 * tree-sitter's indentation scanner emit a DEDENT unless a closing bracket
 * could come next, so such a line is accepted only after an opening
 * bracket, a comma or an operand, and not after a lambda, a comprehension's
 * `for` or an `if` at the same level. */
static void continuation_indent(qs *q, const lexpos *l) {
  uint32_t p = l->p;
  while (p < q->len && q->src[p] == ' ') p++;
  if (p >= q->len || q->src[p] == '\n' || q->src[p] == '\r' || p - l->p >= dc_vec_last(&q->indents)) return;
  NEED(q, q->toks.size > 0);
  const tok *t = &dc_vec_last(&q->toks);
  if (t->kind == T_OP && (t->op == O_LPAR || t->op == O_LSQB || t->op == O_LBRACE)) return;
  NEED(q, (t->kind == T_OP && (t->op == O_COMMA || t->op == O_RPAR || t->op == O_RSQB || t->op == O_RBRACE ||
                               t->op == O_ELLIPSIS)) ||
              t->kind == T_NUMBER || t->kind == T_STRING ||
              (t->kind == T_NAME && (!IS_HARD_KW(t->op) || t->op == K_NONE || t->op == K_TRUE || t->op == K_FALSE)));
  uint32_t nest = 0;
  for (uint32_t i = q->toks.size; i-- > 0;) {
    NEED(q, q->toks.size - i < 4096); /* keep this linear: leave huge displays to tree-sitter */
    t = &q->toks.items[i];
    if (t->kind == T_OP && (t->op == O_RPAR || t->op == O_RSQB || t->op == O_RBRACE)) nest++;
    else if (t->kind == T_OP && (t->op == O_LPAR || t->op == O_LSQB || t->op == O_LBRACE)) {
      if (!nest) return;
      nest--;
    } else if (!nest && t->kind == T_NAME && (t->op == K_LAMBDA || t->op == K_FOR || t->op == K_IF)) {
      decline(q);
    }
  }
}

/* Splits the whole text into tokens, with NEWLINE/INDENT/DEDENT as Python's
 * tokenizer makes them, and matches the brackets. */
static void lex(qs *q) {
  const char *s = q->src;
  lexpos l = {0, 0, 0};
  dc_vec_clear(&q->indents);
  dc_vec_push(&q->indents, 0u);
  dc_vec_push(&q->lines, 0u);
  bool line_start = true, comment = false, cont = false;
  uint32_t depth = 0;
  for (;;) {
    if (line_start) {
      uint32_t col = 0;
      while (l.p < q->len && s[l.p] == ' ') l.p++, col++;
      if (l.p >= q->len) break;
      char c = s[l.p];
      if (c == '#') {
        if (q->pragmas) dc_vec_push(&q->comments, l.p);
        while (l.p < q->len && s[l.p] != '\n' && s[l.p] != '\r') l.p = skip_char(q, l.p);
        comment = true;
        if (l.p < q->len) newline(q, &l);
        continue;
      }
      if (c == '\n' || c == '\r') {
        newline(q, &l);
        continue;
      }
      NEED(q, c != '\t' && c != '\f' && c != '\\' && c != '\v');
      if (col > dc_vec_last(&q->indents)) {
        NEED(q, q->indents.size < 100); /* Python's own limit; tree-sitter's is lower */
        dc_vec_push(&q->indents, col);
        push_tok(q, T_INDENT, l.p, l.p, 0);
      } else {
        while (col < dc_vec_last(&q->indents)) {
          dc_vec_pop(&q->indents);
          push_tok(q, T_DEDENT, l.p, l.p, 0);
        }
        NEED(q, col == dc_vec_last(&q->indents));
      }
      line_start = false;
    }
    if (l.p >= q->len) break;
    unsigned char c = (unsigned char)s[l.p];
    uint8_t flags = (comment ? F_COMMENT_BEFORE : 0) | (cont ? F_CONT_BEFORE : 0);
    if (c == ' ' || c == '\t') {
      l.p++;
      continue;
    }
    if (c == '#') {
      if (q->pragmas) dc_vec_push(&q->comments, l.p);
      while (l.p < q->len && s[l.p] != '\n' && s[l.p] != '\r') l.p = skip_char(q, l.p);
      comment = true;
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (depth == 0) {
        push_tok(q, T_NEWLINE, l.p, l.p, 0);
        line_start = true;
      }
      newline(q, &l);
      if (depth > 0) continuation_indent(q, &l);
      continue;
    }
    if (c == '\\') {
      l.p++;
      NEED(q, l.p < q->len && (s[l.p] == '\n' || s[l.p] == '\r'));
      newline(q, &l);
      /* the joined line must hold a token */
      uint32_t p = l.p;
      while (p < q->len && (s[p] == ' ' || s[p] == '\t')) p++;
      NEED(q, p < q->len && s[p] != '\n' && s[p] != '\r' && s[p] != '#');
      cont = true;
      continue;
    }
    comment = cont = false;
    uint32_t b = q->at = l.p;
    if (is_name_start(c)) {
      while (l.p < q->len && is_name_char((unsigned char)s[l.p])) l.p++;
      NEED(q, (unsigned char)s[l.p] < 0x80);
      if (s[l.p] == '"' || s[l.p] == '\'') {
        NEED(q, l.p - b <= 2);
        tok t = {0};
        t.flags = flags;
        lex_string(q, &l, b, &t);
        push_tok(q, T_STRING, b, l.p, t.flags);
        continue;
      }
      tok *n = push_tok(q, T_NAME, b, l.p, flags);
      n->op = keyword(s + b, l.p - b);
      continue;
    }
    if (c == '"' || c == '\'') {
      tok t = {0};
      t.flags = flags;
      lex_string(q, &l, b, &t);
      push_tok(q, T_STRING, b, l.p, t.flags);
      continue;
    }
    if (is_digit(c) || (c == '.' && is_digit(s[l.p + 1]))) {
      /* digits, one '.', an exponent; then any name characters, for
         valid_number to refuse (0777, 1if); `1.5.real` stops before the
         second '.' as Python's tokenizer does */
      bool hex = c == '0' && strchr("xXoObB", s[l.p + 1]) && s[l.p + 1];
      if (hex) l.p += 2;
      while (is_name_char((unsigned char)s[l.p]) && !(!hex && (s[l.p] | 0x20) == 'e')) l.p++;
      if (!hex && s[l.p] == '.') {
        l.p++;
        while (is_digit(s[l.p]) || s[l.p] == '_') l.p++;
      }
      if (!hex && (s[l.p] | 0x20) == 'e') {
        l.p++;
        if (s[l.p] == '+' || s[l.p] == '-') l.p++;
      }
      while (is_name_char((unsigned char)s[l.p])) l.p++;
      NEED(q, valid_number(s + b, l.p - b));
      push_tok(q, T_NUMBER, b, l.p, flags);
      continue;
    }
    uint8_t op;
    uint32_t n = lex_op(s, l.p, &op);
    NEED(q, n);
    l.p += n;
    tok *t = push_tok(q, T_OP, b, l.p, flags);
    t->op = op;
    uint32_t index = q->toks.size - 1;
    if (op == O_LPAR || op == O_LSQB || op == O_LBRACE) {
      depth++;
      dc_vec_push(&q->opens, index);
    } else if (op == O_RPAR || op == O_RSQB || op == O_RBRACE) {
      NEED(q, depth > 0);
      uint32_t o = dc_vec_pop(&q->opens);
      NEED(q, q->toks.items[o].op == op - 1);
      q->toks.items[o].match = index;
      q->toks.items[index].match = o;
      depth--;
    }
  }
  NEED(q, depth == 0);
  if (q->toks.size && q->toks.items[q->toks.size - 1].kind != T_NEWLINE &&
      q->toks.items[q->toks.size - 1].kind != T_DEDENT)
    push_tok(q, T_NEWLINE, l.p, l.p, 0);
  while (q->indents.size > 1) {
    dc_vec_pop(&q->indents);
    push_tok(q, T_DEDENT, l.p, l.p, 0);
  }
  /* several ENDs, so that looking a few tokens ahead never leaves the array */
  for (int i = 0; i < 6; i++) push_tok(q, T_END, l.p, l.p, 0);
}

/* ---- what the facts record ---------------------------------------------------- */

static bound *table_slot(qs *q, const char *s, uint32_t n) {
  uint32_t h = dc_names_hash(s, n) & (q->table_cap - 1);
  for (; q->table[h].name; h = (h + 1) & (q->table_cap - 1))
    if (q->table[h].len == n && !memcmp(q->table[h].name, s, n)) break;
  return &q->table[h];
}

static void table_set(qs *q, const char *s, uint32_t n, int32_t import_index, uint32_t name_index) {
  if (2 * (q->table_size + 1) > q->table_cap) {
    bound *old = q->table;
    uint32_t old_cap = q->table_cap;
    q->table_cap = old_cap ? 2 * old_cap : 64;
    q->table = dc_xcalloc(q->table_cap, sizeof *q->table);
    for (uint32_t i = 0; i < old_cap; i++)
      if (old[i].name) *table_slot(q, old[i].name, old[i].len) = old[i];
    free(old);
  }
  bound *b = table_slot(q, s, n);
  if (!b->name) q->table_size++;
  *b = (bound){s, n, import_index, name_index};
}

static tok *T(qs *q, uint32_t i) { return &q->toks.items[i]; }

/* The 0-based line and byte column of offset `at`. */
static void point(qs *q, uint32_t at, uint32_t *line, uint32_t *col) {
  uint32_t lo = 0, hi = q->lines.size; /* lines[lo] <= at < lines[hi] */
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (q->lines.items[mid] <= at) lo = mid;
    else hi = mid;
  }
  *line = lo;
  *col = at - q->lines.items[lo];
}

/* The contents of string token t: [*cs, *ce), prefix and quotes excluded. */
static void contents(qs *q, const tok *t, uint32_t *cs, uint32_t *ce) {
  uint32_t p = t->start;
  while (q->src[p] != '"' && q->src[p] != '\'') p++;
  uint32_t quotes = t->end - p >= 6 && q->src[p + 1] == q->src[p] && q->src[p + 2] == q->src[p] ? 3 : 1;
  *cs = p + quotes;
  *ce = t->end - quotes;
}

static bool is_op(qs *q, uint32_t i, uint8_t op) { return T(q, i)->kind == T_OP && T(q, i)->op == op; }
static bool is_kw(qs *q, uint32_t i, uint8_t kw) { return T(q, i)->kind == T_NAME && T(q, i)->op == kw; }

static bool text_is(qs *q, uint32_t i, const char *s) {
  tok *t = T(q, i);
  size_t n = strlen(s);
  return t->end - t->start == n && !memcmp(q->src + t->start, s, n);
}

/* The `n` bytes at `s` as a string in the arena, shared with equal ones
 * when there is a table. */
static const char *copy(qs *q, const char *s, size_t n) {
  return q->strings ? dc_strings_intern(q->strings, s, n) : dc_arena_strndup(q->arena, s, n);
}

static const char *tok_text(qs *q, uint32_t i) {
  return copy(q, q->src + T(q, i)->start, T(q, i)->end - T(q, i)->start);
}

/* A name usable as an identifier (soft keywords included). */
static bool is_ident(qs *q, uint32_t i) { return T(q, i)->kind == T_NAME && !IS_HARD_KW(T(q, i)->op); }

/* Whether tokens i and j spell the same. */
static bool same_text(qs *q, uint32_t i, uint32_t j) {
  uint32_t n = T(q, i)->end - T(q, i)->start;
  return T(q, j)->end - T(q, j)->start == n && !memcmp(q->src + T(q, i)->start, q->src + T(q, j)->start, n);
}

/* names - the names of a def's parameters or a call's keyword arguments,
 * each a token index: no two may be the same (a longer list, rare, is
 * declined, to keep the check linear). */
typedef struct names {
  uint32_t tok[256], count;
} names;

static void add_name(qs *q, names *ns, uint32_t i) {
  NEED(q, ns->count < 256);
  for (uint32_t j = 0; j < ns->count; j++) NEED(q, !same_text(q, ns->tok[j], i));
  ns->tok[ns->count++] = i;
}

/* params - the parameters of a def or lambda so far, for the order Python
 * wants: no parameter without a default after one with a default (up to
 * the star), one `/` before any star and after a parameter, one star, a
 * name after a bare star, nothing after **kwargs. */
typedef struct param_list {
  names names;
  bool any, slash, defaults, star, bare, dstar;
} param_list;

/* Takes the parameter at token k (`*`, `**`, `/` or a name), its name at
 * token `name` (UINT32_MAX: none), with a default or not. */
static void param(qs *q, param_list *ps, uint32_t k, uint32_t name, bool has_default) {
  NEED(q, !ps->dstar);
  if (is_op(q, k, O_BIN)) { /* `/` */
    NEED(q, ps->any && !ps->slash && !ps->star);
    ps->slash = true;
  } else if (is_op(q, k, O_STAR)) {
    NEED(q, !ps->star);
    ps->star = true;
    ps->bare = name == UINT32_MAX;
  } else if (is_op(q, k, O_DSTAR)) {
    NEED(q, !ps->bare);
    ps->dstar = true;
  } else {
    ps->bare = false;
    if (!ps->star) {
      NEED(q, has_default || !ps->defaults);
      ps->defaults |= has_default;
    }
  }
  if (name != UINT32_MAX) add_name(q, &ps->names, name);
  ps->any = true;
}

/* The token after the item of a comma-separated list that begins at s,
 * ends before `end`: a comma, or `end`. Brackets are skipped, and a
 * lambda's parameters. */
static uint32_t item_end(qs *q, uint32_t s, uint32_t end) {
  bool params = false;
  for (uint32_t e = s; e < end; e++) {
    if (is_op(q, e, O_LPAR) || is_op(q, e, O_LSQB) || is_op(q, e, O_LBRACE)) e = T(q, e)->match;
    else if (is_kw(q, e, K_LAMBDA)) params = true;
    else if (is_op(q, e, O_COLON)) params = false;
    else if (is_op(q, e, O_COMMA) && !params) return e;
  }
  return end;
}

/* Declines the arguments of a call, tokens [s, end), that Python refuses
 * and tree-sitter takes: a positional argument after a keyword argument
 * or a **mapping, a *iterable after a **mapping, a keyword given twice. */
static void call_arguments(qs *q, uint32_t s, uint32_t end) {
  names keywords = {.count = 0};
  bool keyword = false, mapping = false;
  for (; s < end; s = item_end(q, s, end) + 1) {
    if (is_op(q, s, O_DSTAR)) {
      mapping = true;
    } else if (is_op(q, s, O_STAR)) {
      NEED(q, !mapping);
    } else if (s + 1 < end && is_op(q, s + 1, O_ASSIGN)) {
      add_name(q, &keywords, s);
      keyword = true;
    } else {
      NEED(q, !keyword && !mapping);
    }
  }
}

/* The block of the def whose body holds the line being scanned, where it
 * records a yield or a return with a value: q->line itself for a body on
 * the def's line. */
static block *def_block(qs *q) { return q->line.fn < q->blocks.size ? &q->blocks.items[q->line.fn] : &q->line; }

/* Records a module-level binding by token `name_tok`: plain imports become
 * the name's meaning for attribute reads, anything else forgets it. */
static void bind(qs *q, const char *name, int32_t import_index, uint32_t name_index, bool plain_import) {
  dc_vec_push(&q->bindings, ((dc_binding){name, import_index, name_index}));
  table_set(q, name, (uint32_t)strlen(name), plain_import ? import_index : -1, name_index);
}

static void bind_tok(qs *q, uint32_t i) { bind(q, tok_text(q, i), -1, 0, false); }

/* As facts.c: the statement on one line, comments dropped when asked, runs
 * of blanks squeezed to one space, none just inside brackets. */
static const char *squeeze(qs *q, uint32_t start, uint32_t end, bool drop_comments) {
  dc_buf b = DC_BUF_INIT;
  bool blank = false;
  for (uint32_t i = start; i < end; i++) {
    char c = q->src[i];
    if (drop_comments && c == '#') {
      while (i + 1 < end && q->src[i + 1] != '\n') i++;
      blank = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || (drop_comments && c == '\\')) {
      blank = true;
      continue;
    }
    if (blank && b.len && b.data[b.len - 1] != '(' && c != ')') dc_buf_addch(&b, ' ');
    blank = false;
    dc_buf_addch(&b, c);
  }
  const char *out = copy(q, dc_buf_str(&b), b.len);
  dc_buf_release(&b);
  return out;
}

static const char *line_text(qs *q, uint32_t at) {
  uint32_t s = at, e = at;
  while (s > 0 && q->src[s - 1] != '\n') s--;
  while (e < q->len && q->src[e] != '\n' && q->src[e] != '\r') e++;
  while (s < e && (q->src[s] == ' ' || q->src[s] == '\t')) s++;
  while (e > s && (q->src[e - 1] == ' ' || q->src[e - 1] == '\t')) e--;
  if (e - s > 200) e = s + 200;
  return copy(q, q->src + s, e - s);
}

static dc_import *new_import(qs *q, uint32_t first, uint32_t last, uint8_t state, uint8_t scope,
                             dc_import_form form) {
  dc_import imp = {0};
  imp.form = form;
  imp.scope = state == ST_NEVER ? DC_SCOPE_TYPE_ONLY : state == ST_DEFERRED ? DC_SCOPE_DEFERRED
                                                                           : DC_SCOPE_IMPORT_TIME;
  imp.module_level = scope == SC_MODULE;
  imp.start_byte = T(q, first)->start + q->base;
  imp.end_byte = T(q, last)->end + q->base;
  point(q, T(q, first)->start, &imp.line, &imp.col);
  imp.statement = squeeze(q, T(q, first)->start, T(q, last)->end, form != DC_IMPORT_CALL);
  dc_vec_push(&q->imports, imp);
  return &dc_vec_last(&q->imports);
}

static bool is_absolute_module_name(const char *s) {
  if (!*s) return false;
  for (const char *p = s;;) {
    size_t n = strcspn(p, ".");
    if (!dc_is_identifier(p, (uint32_t)n)) return false;
    if (!p[n]) return true;
    p += n + 1;
  }
}

/* ---- expressions ---------------------------------------------------------------- */

enum {
  X_NO_COMMA = 1,   /* no tuple at the top level */
  X_CALL = 2,       /* the range is the inside of a call's parentheses */
  X_SUB = 4,        /* the range is the inside of a subscript */
  X_EMPTY = 8,      /* the range may be empty */
  X_ANNOTATION = 16, /* an annotation: no calls of import functions, no attribute if evaluated */
  X_BASES = 32       /* with X_CALL: a class's bases, which cannot be a generator expression */
};

static uint8_t weaker(uint8_t a, uint8_t b) { return a > b ? a : b; }

static frame *top_frame(qs *q) { return &dc_vec_last(&q->frames); }

/* Called at a name `k` that starts an operand: records an import call, an
 * attribute read of a plainly imported name, a dynamic __all__. */
static void name_actions(qs *q, uint32_t k, uint8_t state, uint8_t scope, int xflags) {
  tok *t = T(q, k);
  uint32_t n = t->end - t->start;
  const char *s = q->src + t->start;
  bool dot = is_op(q, k + 1, O_DOT) && T(q, k + 2)->kind == T_NAME;
  /* import calls */
  uint32_t open = 0;
  if ((n == 10 && !memcmp(s, "__import__", 10)) || (n == 13 && !memcmp(s, "import_module", 13))) {
    if (is_op(q, k + 1, O_LPAR)) open = k + 1;
  } else if (n == 9 && !memcmp(s, "importlib", 9) && dot && text_is(q, k + 2, "import_module") &&
             is_op(q, k + 3, O_LPAR)) {
    open = k + 3;
  }
  if (open) {
    NEED(q, !(xflags & X_ANNOTATION));
    uint32_t a = open + 1, close = T(q, open)->match;
    if (a < close) {
      NEED(q, !(T(q, a)->flags & F_EXTRA_BEFORE));
      if (T(q, a)->kind == T_STRING && (is_op(q, a + 1, O_COMMA) || a + 1 == close)) {
        tok *str = T(q, a);
        uint32_t cs, ce;
        contents(q, str, &cs, &ce);
        bool prefix_ok = true;
        for (uint32_t i = str->start; i < cs; i++)
          if (q->src[i] != '"' && q->src[i] != '\'' && q->src[i] != 'r' && q->src[i] != 'R') prefix_ok = false;
        NEED(q, !(str->flags & F_FSTRING));
        if (prefix_ok) {
          NEED(q, !memchr(q->src + cs, '\\', ce - cs));
          const char *lit = copy(q, q->src + cs, ce - cs);
          if (is_absolute_module_name(lit)) {
            dc_import *imp = new_import(q, k, close, state, scope, DC_IMPORT_CALL);
            imp->names = dc_arena_alloc(q->arena, sizeof *imp->names);
            imp->names[0].name = lit;
            imp->names[0].alias = NULL;
            imp->n_names = 1;
          }
        }
      } else if (T(q, a)->kind == T_STRING && is_kw(q, a + 1, K_FOR)) {
        decline(q);
      }
    }
  }
  if (!dot) return;
  if (n == 7 && !memcmp(s, "__all__", 7) && is_op(q, k + 3, O_LPAR)) {
    NEED(q, state == ST_RUN);
    q->all_dynamic = true;
  }
  if (state != ST_RUN || !q->table_cap) return;
  bound *b = table_slot(q, s, n);
  if (!b->name || b->import_index < 0) return;
  dc_attr_use use = {tok_text(q, k + 2), (uint32_t)b->import_index, b->name_index, 0, 0, line_text(q, t->start)};
  point(q, t->start, &use.line, &use.col);
  dc_vec_push(&q->uses, use);
}

/* Whether a `not` (or a `lambda`) at k may start there: at the start of
 * the range or after a bracket, comma, colon, `=`, and for `not` after
 * and/or/not/if/else/yield, not after an arithmetic or comparison operator. */
static bool low_context(qs *q, uint32_t i, uint32_t k, bool lambda) {
  if (k == i) return true;
  const tok *p = T(q, k - 1);
  if (p->kind == T_OP)
    return p->op == O_LPAR || p->op == O_LSQB || p->op == O_LBRACE || p->op == O_COMMA || p->op == O_COLON ||
           p->op == O_ASSIGN;
  if (p->kind != T_NAME) return false;
  if (lambda) return p->op == K_ELSE || p->op == K_YIELD;
  return p->op == K_AND || p->op == K_OR || p->op == K_NOT || p->op == K_IF || p->op == K_ELSE || p->op == K_YIELD;
}

/* Whether k starts an item: the range start, or after a bracket or comma
 * (or `yield`). */
static bool item_start(qs *q, uint32_t i, uint32_t k) {
  if (k == i) return true;
  const tok *p = T(q, k - 1);
  if (p->kind == T_NAME) return p->op == K_YIELD;
  return p->kind == T_OP && (p->op == O_LPAR || p->op == O_LSQB || p->op == O_LBRACE || p->op == O_COMMA);
}

/* Ends an item of a dict or set display: all items of one kind. */
static void brace_item_end(qs *q, frame *f) {
  uint8_t kind = f->item & 6 ? 1 : 2;
  NEED(q, (f->brace == 0 || f->brace == kind) && !(kind == 1 && (f->item & 1)));
  f->brace = kind;
  f->item = 0;
}

/* Pops the lambda bodies that end at this point of the current level. */
static void end_lambdas(qs *q) {
  while (top_frame(q)->kind == FR_LAMBDA) {
    NEED(q, top_frame(q)->pending_else == 0);
    dc_vec_pop(&q->frames);
    q->lambda_count--;
  }
}

static void scan_expr(qs *q, uint32_t i, uint32_t end, uint8_t state, uint8_t scope, int xflags);

/* Checks the lambda parameters after `lambda` at k (names, *args, **kwargs,
 * bare * and /, defaults without lambdas in them, so that this nests only
 * once) and records what the defaults do; returns the index of the
 * lambda's ':'. */
static uint32_t lambda_params(qs *q, uint32_t k, uint32_t end, uint8_t state, uint8_t scope) {
  uint32_t i = k + 1;
  param_list ps = {.any = false};
  if (i < end && is_op(q, i, O_COLON)) return i;
  for (;;) {
    NEED(q, i < end);
    if (is_op(q, i, O_STAR) || is_op(q, i, O_DSTAR)) {
      bool dstar = is_op(q, i, O_DSTAR);
      i++;
      param(q, &ps, i - 1, is_ident(q, i) ? i : UINT32_MAX, false);
      if (is_ident(q, i)) i++;
      else NEED(q, !dstar);
    } else if (is_op(q, i, O_BIN) && text_is(q, i, "/")) {
      param(q, &ps, i, UINT32_MAX, false);
      i++;
    } else {
      NEED(q, is_ident(q, i));
      param(q, &ps, i, i, i + 1 < end && is_op(q, i + 1, O_ASSIGN));
      i++;
      if (i < end && is_op(q, i, O_ASSIGN)) {
        uint32_t e = ++i;
        while (e < end && !is_op(q, e, O_COMMA) && !is_op(q, e, O_COLON)) {
          NEED(q, !is_kw(q, e, K_LAMBDA));
          if (is_op(q, e, O_LPAR) || is_op(q, e, O_LSQB) || is_op(q, e, O_LBRACE)) {
            for (uint32_t m = e; m < T(q, e)->match; m++) NEED(q, !is_kw(q, m, K_LAMBDA));
            e = T(q, e)->match;
          }
          e++;
        }
        NEED(q, e > i);
        uint32_t lambdas = q->lambda_count;
        q->lambda_count = 0;
        scan_expr(q, i, e, state, scope, X_NO_COMMA);
        q->lambda_count = lambdas;
        i = e;
      }
    }
    NEED(q, i < end);
    if (is_op(q, i, O_COLON)) break;
    NEED(q, is_op(q, i, O_COMMA));
    i++;
    if (i < end && is_op(q, i, O_COLON)) break;
  }
  NEED(q, !ps.bare);
  return i;
}

/* Whether an annotation in tokens [i, end) is one tree-sitter-python parses
 * as Python does. Its `type` rule commits to a generic type at `name[...]`,
 * so `x: dict[str, int] @ y` is a syntax error there though Python accepts
 * it: annotations with an operator other than `|`, or with a keyword other
 * than None/True/False, are left to tree-sitter (found by fuzz/facts). */
static bool plain_annotation(qs *q, uint32_t i, uint32_t end) {
  uint64_t square = 0; /* bit d: the bracket open at depth d is a '[' */
  uint32_t depth = 0;
  for (uint32_t k = i; k < end; k++) {
    const tok *t = T(q, k);
    if (t->kind == T_OP && (t->op == O_LPAR || t->op == O_LSQB || t->op == O_LBRACE)) {
      if (++depth >= 64) return false;
      square = (square & ~(1ull << depth)) | ((uint64_t)(t->op == O_LSQB) << depth);
    } else if (t->kind == T_OP && (t->op == O_RPAR || t->op == O_RSQB || t->op == O_RBRACE) && depth) {
      depth--;
    }
    if (t->kind == T_NAME && IS_HARD_KW(t->op) && t->op != K_NONE && t->op != K_TRUE && t->op != K_FALSE)
      return false;
    if (t->kind == T_OP && (t->op == O_STAR || t->op == O_DSTAR || t->op == O_MINUS || t->op == O_PLUS ||
                            t->op == O_TILDE || t->op == O_EQEQ || t->op == O_AT || t->op == O_WALRUS ||
                            (t->op == O_BIN && !text_is(q, k, "|"))))
      return false;
    /* a slice: tree-sitter's annotations take `t[1:2]` but not `t[:2]` nor `t[1:]` (fuzz_facts) */
    if (t->kind == T_OP && t->op == O_COLON && depth && (square >> depth & 1)) return false;
    /* nor a generic type, `name[...]` (not `a.name[...]`), followed by a
     * call, a subscript or an attribute: `x: t[int]()` (fuzz_facts) */
    if (t->kind == T_OP && t->op == O_LSQB && k > i && T(q, k - 1)->kind == T_NAME &&
        !(k - 1 > i && is_op(q, k - 2, O_DOT)) && t->match + 1 < end &&
        (is_op(q, t->match + 1, O_LPAR) || is_op(q, t->match + 1, O_LSQB) || is_op(q, t->match + 1, O_DOT)))
      return false;
  }
  return true;
}

/* Checks the expression (list) in tokens [i, end) and records what it does:
 * import calls, attribute reads, a dynamic __all__. `state`/`scope` say when
 * it runs. Never recurses: brackets and lambda bodies live in q->frames. */
static void scan_expr(qs *q, uint32_t i, uint32_t end, uint8_t state, uint8_t scope, int xflags) {
  if (i == end) {
    NEED(q, xflags & (X_EMPTY | X_CALL | X_SUB));
    NEED(q, !(xflags & X_SUB));
    return;
  }
  if (xflags & X_ANNOTATION) NEED(q, plain_annotation(q, i, end));
  uint32_t base_frames = q->frames.size, base_lambdas = q->lambda_count;
  dc_vec_push(&q->frames, ((frame){.kind = (xflags & X_CALL) ? FR_CALL : (xflags & X_SUB) ? FR_SUB : FR_TOP}));
  bool expect = true;
  for (uint32_t k = i; k < end; k++) {
    tok *t = T(q, k);
    frame *f = top_frame(q);
    q->at = t->start;
    uint8_t st = q->lambda_count ? weaker(state, ST_DEFERRED) : state;
    uint8_t sc = q->lambda_count ? SC_FUNCTION : scope;
    if (t->kind == T_NAME) {
      uint8_t kw = t->op;
      if (!IS_HARD_KW(kw) || kw == K_NONE || kw == K_TRUE || kw == K_FALSE) {
        NEED(q, expect);
        if (!IS_HARD_KW(kw)) name_actions(q, k, st, sc, xflags);
        expect = false;
        continue;
      }
      switch (kw) {
      case K_NOT:
        if (expect) NEED(q, low_context(q, i, k, false));
        if (!expect) {
          NEED(q, k + 1 < end && is_kw(q, k + 1, K_IN));
          k++;
        }
        expect = true;
        continue;
      case K_AND: case K_OR:
        NEED(q, !expect);
        expect = true;
        continue;
      case K_IS:
        NEED(q, !expect);
        if (k + 1 < end && is_kw(q, k + 1, K_NOT)) k++;
        expect = true;
        continue;
      case K_IN:
        NEED(q, !expect);
        f->need_in = false;
        expect = true;
        continue;
      case K_IF:
        NEED(q, !expect);
        /* after a comprehension's `for`, `if` filters; else it is a conditional expression
           (inside a lambda body, whose frame is on top, it belongs to the body) */
        if (!f->comp) f->pending_else++;
        else NEED(q, !f->need_in);
        expect = true;
        continue;
      case K_ELSE:
        NEED(q, !expect && f->pending_else > 0);
        f->pending_else--;
        expect = true;
        continue;
      case K_ASYNC:
        /* an async comprehension, where an await can be (Python takes
         * more: an async generator expression anywhere) */
        NEED(q, k + 1 < end && is_kw(q, k + 1, K_FOR) && !q->lambda_count && q->line.async_def);
        k++;
        /* fall through */
      case K_FOR:
        end_lambdas(q), f = top_frame(q);
        NEED(q, !expect && f->pending_else == 0 && !f->need_in && !f->had_comma && !f->yield && !f->keyed);
        NEED(q, f->kind == FR_PAREN || f->kind == FR_CALL || f->kind == FR_LIST || f->kind == FR_BRACE);
        NEED(q, !(xflags & X_BASES) || q->frames.size > base_frames + 1); /* class C(x for x in y) */
        {
          /* the target, up to `in`: names, attributes, tuples and lists of
           * them, stars where an item starts; anything else (`for a*b in`
           * is a syntax error, `for a[i] in` a rare target) is left to
           * tree-sitter */
          uint32_t at = k + 1, depth = 0;
          bool atom = false; /* the last token ends an item */
          for (; at < end && !(depth == 0 && is_kw(q, at, K_IN)); at++) {
            tok *x = T(q, at);
            if (x->kind == T_NAME) {
              NEED(q, is_ident(q, at) && !atom);
              atom = true;
            } else if (x->kind != T_OP) {
              decline(q);
            } else if (x->op == O_DOT) {
              NEED(q, atom && at + 1 < end && is_ident(q, at + 1));
              atom = false;
            } else if (x->op == O_COMMA) {
              NEED(q, atom);
              atom = false;
            } else if (x->op == O_STAR || x->op == O_LPAR || x->op == O_LSQB) {
              NEED(q, !atom);
              if (x->op != O_STAR) depth++;
            } else if (x->op == O_RPAR || x->op == O_RSQB) {
              NEED(q, atom && depth > 0);
              depth--;
            } else {
              decline(q);
            }
          }
          NEED(q, at < end && atom && depth == 0);
        }
        f->comp = f->need_in = true;
        expect = true;
        continue;
      case K_LAMBDA: {
        NEED(q, expect && low_context(q, i, k, true));
        uint32_t colon = lambda_params(q, k, end, st, sc);
        NEED(q, state == ST_RUN || !(xflags & X_ANNOTATION));
        k = colon;
        dc_vec_push(&q->frames, ((frame){.kind = FR_LAMBDA}));
        q->lambda_count++;
        expect = true;
        continue;
      }
      case K_AWAIT:
        NEED(q, expect && !q->lambda_count && q->line.async_def);
        continue;
      case K_YIELD: {
        /* not in a comprehension (declined in its first iterable too,
         * where Python takes it); in an async def, no `yield from`, and
         * not with a return with a value (an async generator) */
        NEED(q, sc == SC_FUNCTION && !f->in_comp);
        NEED(q, expect && (k == i ? !(xflags & (X_CALL | X_SUB)) && f->kind == FR_TOP
                                  : is_op(q, k - 1, O_LPAR) && f->kind == FR_PAREN));
        f->yield = true;
        bool async = q->line.async_def && !q->lambda_count;
        if (async) {
          NEED(q, !def_block(q)->returns);
          def_block(q)->yields = true;
        }
        if (k + 1 < end && is_kw(q, k + 1, K_FROM)) {
          NEED(q, !async);
          k++;
        } else if (k + 1 == end || is_op(q, k + 1, O_RPAR)) expect = false;
        continue;
      }
      default: decline(q);
      }
    }
    if (t->kind == T_NUMBER) {
      NEED(q, expect);
      expect = false;
      continue;
    }
    if (t->kind == T_STRING) {
      NEED(q, expect || (k > i && T(q, k - 1)->kind == T_STRING));
      NEED(q, expect || !((T(q, k - 1)->flags ^ t->flags) & F_BYTES)); /* 'a' b'b' */
      if (t->flags & F_FSTRING) {
        NEED(q, !(t->flags & F_FIELD_NAME));
        NEED(q, !(t->flags & F_FIELD_DOT) || st != ST_RUN);
      }
      expect = false;
      continue;
    }
    NEED(q, t->kind == T_OP);
    switch (t->op) {
    case O_ELLIPSIS:
      NEED(q, expect);
      expect = false;
      break;
    case O_LPAR: case O_LSQB: case O_LBRACE: {
      uint8_t kind;
      if (expect) kind = t->op == O_LPAR ? FR_PAREN : t->op == O_LSQB ? FR_LIST : FR_BRACE;
      else {
        NEED(q, t->op != O_LBRACE);
        kind = t->op == O_LPAR ? FR_CALL : FR_SUB;
      }
      NEED(q, t->match < end);
      bool target = f->need_in || f->target, in_comp = f->comp || f->in_comp; /* (the push may move f) */
      dc_vec_push(&q->frames, ((frame){.kind = kind, .target = target, .in_comp = in_comp}));
      expect = true;
      break;
    }
    case O_RPAR: case O_RSQB: case O_RBRACE: {
      if (!expect) end_lambdas(q), f = top_frame(q);
      if (expect) {
        tok *p = T(q, k - 1);
        bool empty = p->kind == T_OP && (p->op == O_LPAR || p->op == O_LSQB || p->op == O_LBRACE);
        NEED(q, (empty && f->kind != FR_SUB) || (p->kind == T_OP && p->op == O_COMMA) ||
                    (f->kind == FR_SUB && p->kind == T_OP && p->op == O_COLON));
      }
      NEED(q, f->kind != FR_TOP && f->kind != FR_LAMBDA && !f->need_in && f->pending_else == 0);
      if (f->kind == FR_BRACE && !is_op(q, k - 1, O_LBRACE) && !is_op(q, k - 1, O_COMMA)) brace_item_end(q, f);
      NEED(q, !(f->starred && f->kind == FR_PAREN && !f->had_comma));
      if (f->kind == FR_CALL && f->keyed) call_arguments(q, t->match + 1, k);
      bool yield = f->yield;
      dc_vec_pop(&q->frames);
      top_frame(q)->yield |= yield;
      expect = false;
      break;
    }
    case O_COMMA:
      end_lambdas(q), f = top_frame(q);
      NEED(q, (!expect || (f->kind == FR_SUB && is_op(q, k - 1, O_COLON))) && f->pending_else == 0 && (!f->comp || f->need_in));
      NEED(q, !(f->kind == FR_TOP && (xflags & X_NO_COMMA)));
      if (!f->comp) f->had_comma = true;
      if (f->kind == FR_BRACE && !f->comp) brace_item_end(q, f);
      f->colons = 0;
      expect = true;
      break;
    case O_COLON:
      if (!expect) end_lambdas(q), f = top_frame(q);
      NEED(q, f->pending_else == 0 && !f->need_in);
      if (f->kind == FR_SUB) {
        NEED(q, f->colons < 2); /* fuzz_facts: `x[a:b:c:]` */
        /* a bound left out follows `[`, `,` or `:`, never an operator
         * (fuzz_facts: `x[-:]`, `x[not:]`) */
        NEED(q, !expect || is_op(q, k - 1, O_LSQB) || is_op(q, k - 1, O_COMMA) || is_op(q, k - 1, O_COLON));
        f->colons++;
        expect = true;
      } else {
        NEED(q, f->kind == FR_BRACE && !expect && !f->item && f->brace != 2 && !f->comp);
        f->item = 4;
        f->brace = 1;
        expect = true;
      }
      break;
    case O_ASSIGN:
      NEED(q, !expect && f->kind == FR_CALL && T(q, k - 1)->kind == T_NAME && is_ident(q, k - 1) &&
                  (k - 1 == i || is_op(q, k - 2, O_COMMA) || is_op(q, k - 2, O_LPAR)));
      f->keyed = true;
      expect = true;
      break;
    case O_WALRUS: /* `name :=` starts the expression, an item or an argument (`a ^ b := 1` is an error) */
      NEED(q, !expect && sc != SC_MODULE && is_ident(q, k - 1) && k - 1 >= i &&
                  (k - 1 == i || is_op(q, k - 2, O_LPAR) || is_op(q, k - 2, O_LSQB) ||
                   is_op(q, k - 2, O_LBRACE) || is_op(q, k - 2, O_COMMA)));
      expect = true;
      break;
    case O_DOT:
      NEED(q, !expect && k + 1 < end && T(q, k + 1)->kind == T_NAME && !IS_HARD_KW(T(q, k + 1)->op));
      k++;
      break;
    case O_STAR:
      if (expect) { /* a starred item, else multiplication */
        NEED(q, item_start(q, i, k));
        /* outside brackets, in a subscript and in a comprehension's
         * target, tree-sitter takes only an operand that starts with a
         * name: `a, *1`, `x[*"s"]` and `[1 for a, *[b] in c]` are valid
         * Python that it rejects (fuzz_facts) */
        if (f->kind == FR_TOP || f->kind == FR_SUB || f->need_in || f->target)
          NEED(q, k + 1 < end && T(q, k + 1)->kind == T_NAME && !IS_HARD_KW(T(q, k + 1)->op));
        if (f->kind == FR_BRACE) f->item |= 1;
        f->starred = true;
      }
      expect = true;
      break;
    case O_DSTAR:
      if (expect) {
        NEED(q, item_start(q, i, k) && k > i);
        NEED(q, f->kind == FR_CALL || f->kind == FR_BRACE);
        f->keyed = true;
        if (f->kind == FR_BRACE) {
          NEED(q, is_op(q, k - 1, O_LBRACE) || is_op(q, k - 1, O_COMMA));
          f->item |= 2;
        }
      }
      expect = true;
      break;
    case O_MINUS: case O_PLUS: case O_TILDE:
      NEED(q, expect || t->op != O_TILDE);
      expect = true;
      break;
    case O_EQEQ: case O_BIN: case O_AT:
      NEED(q, !expect);
      expect = true;
      break;
    default: decline(q);
    }
  }
  if (!expect) end_lambdas(q);
  /* ending on an operand, or on a trailing comma, or on the colon of a slice */
  NEED(q, !expect ||
              (is_op(q, end - 1, O_COMMA) && (top_frame(q)->kind != FR_TOP || !(xflags & X_NO_COMMA))) ||
              (is_op(q, end - 1, O_COLON) && top_frame(q)->kind == FR_SUB));
  NEED(q, q->lambda_count == base_lambdas && q->frames.size == base_frames + 1);
  frame *f = top_frame(q);
  NEED(q, f->pending_else == 0 && !f->need_in && !(f->starred && f->kind == FR_TOP && !f->had_comma));
  if (f->kind == FR_CALL && f->keyed) call_arguments(q, i, end);
  dc_vec_pop(&q->frames);
}

/* ---- targets -------------------------------------------------------------------- */

enum { TG_BIND, TG_NOBIND, TG_READ };

static bool is_trailer(qs *q, uint32_t k) {
  return T(q, k)->kind == T_OP && (T(q, k)->op == O_DOT || T(q, k)->op == O_LPAR || T(q, k)->op == O_LSQB);
}

/* Checks the assignment target (list) in [i, end) and records its
 * bindings (TG_BIND at module scope, import time), the attribute reads
 * inside it, and, for TG_READ (`x.y: int` without a value), the read of
 * the target attribute itself. */
static void scan_target(qs *q, uint32_t i, uint32_t end, uint8_t state, uint8_t scope, int mode,
                        bool single) {
  NEED(q, i < end);
  bool binds = mode == TG_BIND && state == ST_RUN && scope == SC_MODULE;
  uint32_t depth = 0, k = i;
  for (;;) {
    /* one item; tree-sitter-python wants a name after a star: `a, *[b] = x`
       is a syntax error to it, and `with m as (a, *[b])` an expression
       (fuzz_facts) */
    NEED(q, k < end);
    if (is_op(q, k, O_STAR)) {
      k++;
      NEED(q, k < end && !is_op(q, k, O_LPAR) && !is_op(q, k, O_LSQB));
    }
    NEED(q, k < end);
    if ((is_op(q, k, O_LPAR) || is_op(q, k, O_LSQB)) && !(T(q, k)->match + 1 < end && is_trailer(q, T(q, k)->match + 1))) {
      NEED(q, T(q, k)->match < end && T(q, k)->match > k + 1);
      depth++;
      k++;
      continue;
    }
    uint8_t last = 0;
    if ((T(q, k)->kind == T_STRING || T(q, k)->kind == T_NUMBER) && k + 1 < end) {
      /* "a".__class__ = x: an atom with trailers */
      NEED(q, !(T(q, k)->flags & F_FSTRING));
      k++;
      NEED(q, k < end && is_trailer(q, k));
      last = O_LPAR;
    } else if (T(q, k)->kind == T_NAME) {
      NEED(q, is_ident(q, k));
      uint32_t name = k;
      if (!is_trailer(q, k + 1) || k + 1 >= end) {
        if (binds) bind_tok(q, name);
        k++;
      } else {
        if (is_op(q, k + 1, O_DOT) && (mode == TG_READ || (k + 3 < end && is_trailer(q, k + 3))))
          name_actions(q, k, state, scope, 0);
        else if (is_op(q, k + 1, O_LPAR))
          name_actions(q, k, state, scope, 0);
        k++;
      }
    } else {
      NEED(q, is_op(q, k, O_LPAR) || is_op(q, k, O_LSQB));
      uint32_t m = T(q, k)->match;
      scan_expr(q, k, m + 1, state, scope, X_NO_COMMA);
      k = m + 1;
      last = O_LPAR;
    }
    while (k < end && is_trailer(q, k)) {
      tok *t = T(q, k);
      if (t->op == O_DOT) {
        NEED(q, k + 1 < end && is_ident(q, k + 1));
        k += 2;
      } else {
        scan_expr(q, k + 1, t->match, state, scope, t->op == O_LPAR ? X_CALL : X_SUB);
        k = t->match + 1;
      }
      last = t->op;
    }
    NEED(q, last != O_LPAR);
    /* after an item */
    for (;;) {
      if (k == end) {
        NEED(q, depth == 0);
        return;
      }
      if (is_op(q, k, O_COMMA)) {
        NEED(q, !single || depth > 0);
        k++;
        if (k == end) {
          NEED(q, depth == 0 && !single);
          return;
        }
        if (is_op(q, k, O_RPAR) || is_op(q, k, O_RSQB)) continue;
        break;
      }
      NEED(q, depth > 0 && (is_op(q, k, O_RPAR) || is_op(q, k, O_RSQB)));
      depth--;
      k++;
    }
  }
}

/* ---- statements ----------------------------------------------------------------- */

/* The first token at bracket depth 0 of [i, end) that is the operator or
 * keyword `code` (T_OP when `op`), outside lambda parameters; or end. */
static uint32_t find_top(qs *q, uint32_t i, uint32_t end, uint8_t code, bool op) {
  uint32_t lambdas = 0;
  for (uint32_t k = i; k < end; k++) {
    tok *t = T(q, k);
    if (t->kind == T_OP && (t->op == O_LPAR || t->op == O_LSQB || t->op == O_LBRACE)) {
      k = t->match;
      continue;
    }
    if (t->kind == T_NAME && t->op == K_LAMBDA) lambdas++;
    else if (t->kind == T_OP && t->op == O_COLON && lambdas) {
      lambdas--;
      continue;
    }
    if (lambdas && t->kind == T_OP && t->op == O_ASSIGN) continue;
    if (t->op == code && (t->kind == T_OP) == op && (op || t->kind == T_NAME)) return k;
  }
  return end;
}

/* A dotted name at *k ("a.b.c", blanks allowed around dots); returns it
 * joined by dots, in the arena. */
static const char *dotted(qs *q, uint32_t *k, uint32_t end) {
  uint32_t e = *k;
  for (;;) {
    NEED(q, e < end && is_ident(q, e));
    NEED(q, e == *k || !(T(q, e)->flags & F_CONT_BEFORE));
    e++;
    if (e < end && is_op(q, e, O_DOT)) {
      NEED(q, !(T(q, e)->flags & F_CONT_BEFORE));
      e++;
      continue;
    }
    break;
  }
  dc_buf b = DC_BUF_INIT;
  for (; *k < e; (*k)++) {
    if (is_op(q, *k, O_DOT)) dc_buf_addch(&b, '.');
    else dc_buf_add(&b, q->src + T(q, *k)->start, T(q, *k)->end - T(q, *k)->start);
  }
  const char *out = copy(q, dc_buf_str(&b), b.len);
  dc_buf_release(&b);
  return out;
}

/* An `as NAME` at *k, if any. */
static const char *alias(qs *q, uint32_t *k, uint32_t end) {
  if (*k >= end || !is_kw(q, *k, K_AS)) return NULL;
  NEED(q, *k + 1 < end && is_ident(q, *k + 1));
  *k += 2;
  return tok_text(q, *k - 1);
}

static void finish_import(qs *q, dc_import *imp, uint32_t index, bool from, uint8_t state, uint8_t scope) {
  imp->names = dc_arena_memdup(q->arena, q->names.items, q->names.size, sizeof *q->names.items);
  imp->n_names = q->names.size;
  dc_vec_clear(&q->names);
  if (!(state == ST_RUN && scope == SC_MODULE)) return;
  for (uint32_t n = 0; n < imp->n_names; n++) {
    const dc_import_name *nm = &imp->names[n];
    const char *b = nm->alias;
    if (!b) b = from ? nm->name : copy(q, nm->name, strcspn(nm->name, "."));
    bind(q, b, (int32_t)index, n, !from);
  }
}

/* `import a.b as c, d` in [i, end). */
static void import_statement(qs *q, uint32_t i, uint32_t end, uint8_t state, uint8_t scope) {
  dc_import *imp = new_import(q, i, end - 1, state, scope, DC_IMPORT_MODULE);
  uint32_t index = q->imports.size - 1;
  uint32_t k = i + 1;
  for (;;) {
    dc_import_name nm = {dotted(q, &k, end), NULL};
    nm.alias = alias(q, &k, end);
    dc_vec_push(&q->names, nm);
    if (k == end) break;
    NEED(q, is_op(q, k, O_COMMA) && k + 1 < end);
    k++;
  }
  finish_import(q, &q->imports.items[index], index, false, state, scope);
  (void)imp;
}

/* `from [.]a import b as c, ...`, `from a import (b, c,)`, `from a import *`. */
static void from_statement(qs *q, uint32_t i, uint32_t end, uint8_t state, uint8_t scope) {
  uint32_t k = i + 1, level = 0;
  while (k < end && (is_op(q, k, O_DOT) || is_op(q, k, O_ELLIPSIS))) {
    NEED(q, level == 0 || T(q, k)->start == T(q, k - 1)->end);
    level += T(q, k)->end - T(q, k)->start;
    k++;
  }
  const char *module = "";
  bool future = false;
  if (!is_kw(q, k, K_IMPORT)) {
    future = level == 0 && text_is(q, k, "__future__");
    module = dotted(q, &k, end);
    NEED(q, !future || (!strcmp(module, "__future__") && q->future_ok));
  } else {
    NEED(q, level > 0);
  }
  NEED(q, k < end && is_kw(q, k, K_IMPORT));
  k++;
  NEED(q, k < end);
  dc_import *imp = new_import(q, i, end - 1, state, scope, DC_IMPORT_FROM);
  uint32_t index = q->imports.size - 1;
  imp->level = level;
  imp->module = module;
  if (is_op(q, k, O_STAR)) {
    NEED(q, k + 1 == end && !future && scope == SC_MODULE);
    imp->star = true;
    return;
  }
  uint32_t stop = end;
  if (is_op(q, k, O_LPAR)) {
    NEED(q, T(q, k)->match == end - 1 && k + 1 < end - 1);
    stop = end - 1;
    k++;
  }
  for (;;) {
    NEED(q, k < stop && is_ident(q, k));
    dc_import_name nm = {tok_text(q, k), NULL};
    k++;
    NEED(q, !(k < stop && is_op(q, k, O_DOT)));
    NEED(q, !future || dc_quickscan_is_future_feature(nm.name, (uint32_t)strlen(nm.name)));
    nm.alias = alias(q, &k, stop);
    if (future && !strcmp(nm.name, "annotations")) q->future = true;
    dc_vec_push(&q->names, nm);
    if (k == stop) break;
    NEED(q, is_op(q, k, O_COMMA));
    k++;
    if (k == stop) {
      NEED(q, stop == end - 1);
      break;
    }
  }
  finish_import(q, &q->imports.items[index], index, true, state, scope);
}

/* facts.c's literal_strings: appends the strings of a literal list or tuple
 * in [a, b) to q->all, or makes __all__ dynamic. */
static void literal_all(qs *q, uint32_t a, uint32_t b) {
  /* unwrap parentheses around one expression (a tuple has a comma or is empty) */
  for (;;) {
    if (a + 2 < b && is_op(q, a, O_LPAR) && T(q, a)->match == b - 1 && find_top(q, a + 1, b - 1, O_COMMA, true) == b - 1 &&
        !(is_kw(q, a + 1, K_YIELD))) {
      for (uint32_t k = a + 1; k < b; k++) NEED(q, !(T(q, k)->flags & F_EXTRA_BEFORE));
      if (find_top(q, a + 1, b - 1, K_FOR, false) != b - 1) break;
      a++, b--;
      continue;
    }
    break;
  }
  bool list = is_op(q, a, O_LSQB) && T(q, a)->match == b - 1;
  bool tuple = is_op(q, a, O_LPAR) && T(q, a)->match == b - 1 &&
               (a + 2 == b || find_top(q, a + 1, b - 1, O_COMMA, true) != b - 1);
  if (!list && !tuple) {
    q->all_dynamic = true;
    return;
  }
  /* tree-sitter keeps a line continuation as a child in some places only */
  for (uint32_t k = a + 1; k < b; k++) NEED(q, !(T(q, k)->flags & F_CONT_BEFORE));
  uint32_t k = a + 1;
  while (k < b - 1) {
    tok *t = T(q, k);
    /* A string with a backslash: how tree-sitter splits it into parts
     * decides whether facts.c reads it (an invalid escape such as "\e"
     * stays in the text), so such a file is left to tree-sitter. */
    if (t->kind == T_STRING && !(t->flags & F_PLAIN)) {
      uint32_t cs, ce;
      contents(q, t, &cs, &ce);
      NEED(q, !memchr(q->src + cs, '\\', ce - cs));
    }
    if (t->kind != T_STRING || !(is_op(q, k + 1, O_COMMA) || k + 1 == b - 1) || !(t->flags & F_PLAIN)) {
      q->all_dynamic = true;
      return;
    }
    uint32_t cs, ce;
    contents(q, t, &cs, &ce);
    dc_vec_push(&q->all, copy(q, q->src + cs, ce - cs));
    k += is_op(q, k + 1, O_COMMA) ? 2 : 1;
  }
}

static bool is_all_name(qs *q, uint32_t i, uint32_t end) { return end == i + 1 && text_is(q, i, "__all__"); }

/* An expression statement, an assignment (chained, annotated or
 * augmented) in [i, end). */
static void assignment(qs *q, uint32_t i, uint32_t end, uint8_t state, uint8_t scope) {
  bool module = state == ST_RUN && scope == SC_MODULE;
  /* the first ':', '=', augmented assignment and ':=' at depth 0, outside lambdas */
  uint32_t colon = end, eq = end, aug = end, lambdas = 0;
  for (uint32_t k = i; k < end; k++) {
    tok *t = T(q, k);
    if (t->kind == T_NAME) {
      if (t->op == K_LAMBDA) lambdas++;
      continue;
    }
    if (t->kind != T_OP) continue;
    switch (t->op) {
    case O_LPAR: case O_LSQB: case O_LBRACE: k = t->match; break;
    case O_COLON:
      if (lambdas) lambdas--;
      else if (colon == end) colon = k;
      break;
    case O_ASSIGN:
      if (!lambdas && eq == end) eq = k;
      break;
    case O_AUG: case O_PLUSEQ:
      if (aug == end) aug = k;
      break;
    case O_WALRUS: NEED(q, scope != SC_MODULE); break;
    default: break;
    }
  }
  if (aug < end) {
    NEED(q, eq == end && colon == end && find_top(q, aug + 1, end, O_AUG, true) == end &&
                find_top(q, aug + 1, end, O_PLUSEQ, true) == end);
    scan_target(q, i, aug, state, scope, TG_BIND, true);
    if (module && is_all_name(q, i, aug)) {
      if (!q->has_all || !is_op(q, aug, O_PLUSEQ)) q->all_dynamic = true;
      NEED(q, aug + 1 < end);
      literal_all(q, aug + 1, end);
    }
    NEED(q, aug + 1 < end);
    scan_expr(q, aug + 1, end, state, scope, 0);
    return;
  }
  if (colon < eq) {
    bool value = eq < end;
    NEED(q, !value || find_top(q, eq + 1, end, O_ASSIGN, true) == end);
    /* one target and one annotation: `x: a, = v` is a syntax error */
    NEED(q, find_top(q, i, colon, O_COMMA, true) == colon && find_top(q, colon + 1, eq, O_COMMA, true) == eq);
    scan_target(q, i, colon, state, scope, value ? TG_BIND : TG_READ, true);
    bool never = q->future || q->lazy || scope == SC_FUNCTION;
    scan_expr(q, colon + 1, eq, never ? ST_NEVER : state, scope, X_ANNOTATION);
    if (module && is_all_name(q, i, colon)) {
      dc_vec_clear(&q->all);
      q->has_all = true;
      if (!value) q->all_dynamic = true;
      else literal_all(q, eq + 1, end);
    }
    if (value) {
      NEED(q, eq + 1 < end);
      scan_expr(q, eq + 1, end, state, scope, 0);
    }
    return;
  }
  NEED(q, colon == end);
  if (eq == end) {
    scan_expr(q, i, end, state, scope, 0);
    return;
  }
  uint32_t seg = i;
  while (eq < end) {
    scan_target(q, seg, eq, state, scope, TG_BIND, false);
    uint32_t next = find_top(q, eq + 1, end, O_ASSIGN, true);
    if (module && is_all_name(q, seg, eq)) {
      dc_vec_clear(&q->all);
      q->has_all = true;
      if (next < end) q->all_dynamic = true;
      else literal_all(q, eq + 1, end);
    }
    seg = eq + 1;
    eq = next;
  }
  NEED(q, seg < end);
  scan_expr(q, seg, end, state, scope, 0);
}

/* Whether [i, end), the module's first statement, is a docstring: strings
 * side by side, none of them bytes or an f-string. */
static bool docstring(qs *q, uint32_t i, uint32_t end) {
  for (uint32_t k = i; k < end; k++) {
    if (T(q, k)->kind != T_STRING) return false;
    for (const char *c = q->src + T(q, k)->start; (*c | 0x20) >= 'a' && (*c | 0x20) <= 'z'; c++)
      if ((*c | 0x20) == 'b' || (*c | 0x20) == 'f') return false;
  }
  return true;
}

/* One simple statement in [i, end). What Python's compiler refuses in a
 * tree its parser takes (parse.c, compiled) is declined: a return, yield,
 * break or continue where none can be, an await outside an async def's own
 * body, a nonlocal at module level, `import *` outside module level, a
 * future import after other statements or of an unknown feature. */
static void simple_statement(qs *q, uint32_t i, uint32_t end, uint8_t state, uint8_t scope) {
  NEED(q, i < end);
  tok *t = T(q, i);
  if (!(q->first && docstring(q, i, end)) && !(is_kw(q, i, K_FROM) && text_is(q, i + 1, "__future__")))
    q->future_ok = false;
  q->first = false;
  if (t->kind == T_NAME) {
    switch (t->op) {
    case K_IMPORT: import_statement(q, i, end, state, scope); return;
    case K_FROM: from_statement(q, i, end, state, scope); return;
    case K_PASS: NEED(q, end == i + 1); return;
    case K_BREAK: case K_CONTINUE: NEED(q, end == i + 1 && q->line.loop && !q->line.except_star_loop); return;
    case K_RETURN:
      NEED(q, scope == SC_FUNCTION && !q->line.except_star);
      if (i + 1 < end && q->line.async_def) { /* a return with a value, not in an async generator */
        NEED(q, !def_block(q)->yields);
        def_block(q)->returns = true;
      }
      scan_expr(q, i + 1, end, state, scope, X_EMPTY);
      return;
    case K_RAISE: {
      uint32_t from = find_top(q, i + 1, end, K_FROM, false);
      scan_expr(q, i + 1, from, state, scope, X_EMPTY | X_NO_COMMA);
      if (from < end) {
        NEED(q, from > i + 1);
        scan_expr(q, from + 1, end, state, scope, X_NO_COMMA);
      }
      return;
    }
    case K_GLOBAL: case K_NONLOCAL:
      NEED(q, t->op == K_GLOBAL || scope != SC_MODULE);
      for (uint32_t k = i + 1;; k += 2) {
        NEED(q, k < end && is_ident(q, k));
        if (k + 1 == end) return;
        NEED(q, is_op(q, k + 1, O_COMMA));
      }
    case K_DEL: NEED(q, i + 1 < end); scan_expr(q, i + 1, end, state, scope, 0); return;
    case K_ASSERT: {
      uint32_t comma = find_top(q, i + 1, end, O_COMMA, true);
      scan_expr(q, i + 1, comma, state, scope, X_NO_COMMA);
      if (comma < end) scan_expr(q, comma + 1, end, state, scope, X_NO_COMMA);
      return;
    }
    case S_MATCH: case S_CASE: case S_TYPE: case S_PRINT: case S_EXEC:
      NEED(q, i + 1 < end && T(q, i + 1)->kind == T_OP &&
                  (T(q, i + 1)->op == O_ASSIGN || T(q, i + 1)->op == O_DOT || T(q, i + 1)->op == O_AUG ||
                   T(q, i + 1)->op == O_PLUSEQ || T(q, i + 1)->op == O_COMMA ||
                   (T(q, i + 1)->op == O_COLON && t->op != S_CASE) ||
                   (T(q, i + 1)->op == O_LPAR && t->op != S_MATCH && t->op != S_CASE)));
      break;
    default:
      NEED(q, !IS_HARD_KW(t->op) || t->op == K_YIELD || t->op == K_AWAIT || t->op == K_NOT ||
                  t->op == K_NONE || t->op == K_TRUE || t->op == K_FALSE || t->op == K_LAMBDA);
    }
  }
  assignment(q, i, end, state, scope);
}

/* Whether the comma-separated items in [i, end) could all be assignment
 * patterns to tree-sitter: false as soon as one holds a string, a number,
 * a keyword or an operator at its top level, or ends with a call. */
static bool maybe_patterns(qs *q, uint32_t i, uint32_t end) {
  for (uint32_t k = i; k < end; k++) {
    tok *t = T(q, k);
    if (t->kind == T_STRING || t->kind == T_NUMBER || (t->kind == T_NAME && IS_HARD_KW(t->op))) return false;
    if (t->kind != T_OP) continue;
    switch (t->op) {
    case O_LPAR:
      if (k > i && !is_op(q, k - 1, O_COMMA) && !is_op(q, k - 1, O_STAR) && t->match + 1 >= end) return false;
      if (k > i && !is_op(q, k - 1, O_COMMA) && !is_op(q, k - 1, O_STAR) && is_op(q, t->match + 1, O_COMMA))
        return false;
      k = t->match;
      break;
    case O_LSQB: case O_LBRACE: k = t->match; break;
    case O_COMMA: case O_DOT: case O_STAR: break;
    default: return false;
    }
  }
  return true;
}

/* Simple statements separated by ';' from i up to the NEWLINE; returns the
 * index after the NEWLINE. */
static uint32_t simple_line(qs *q, uint32_t i, uint8_t state, uint8_t scope) {
  uint32_t k = i;
  for (;;) {
    uint32_t e = k;
    while (T(q, e)->kind != T_NEWLINE) {
      NEED(q, T(q, e)->kind != T_END && T(q, e)->kind != T_INDENT && T(q, e)->kind != T_DEDENT);
      if (is_op(q, e, O_SEMI)) break;
      if (is_op(q, e, O_LPAR) || is_op(q, e, O_LSQB) || is_op(q, e, O_LBRACE)) e = T(q, e)->match;
      e++;
    }
    /* tree-sitter reads `a, b,` NEWLINE `c = 1` as one assignment */
    if (e > k && is_op(q, e - 1, O_COMMA))
      NEED(q, is_kw(q, k, K_RETURN) || !maybe_patterns(q, k, e - 1) || find_top(q, k, e, O_ASSIGN, true) < e || find_top(q, k, e, O_AUG, true) < e ||
                  find_top(q, k, e, O_PLUSEQ, true) < e);
    simple_statement(q, k, e, state, scope);
    if (T(q, e)->kind == T_NEWLINE) return e + 1;
    k = e + 1;
    if (T(q, k)->kind == T_NEWLINE) return k + 1;
  }
}

/* The `:` that ends a compound statement's header starting at i. */
static uint32_t header_colon(qs *q, uint32_t i) {
  uint32_t e = i;
  while (T(q, e)->kind != T_NEWLINE) {
    NEED(q, T(q, e)->kind != T_END);
    if (is_op(q, e, O_LPAR) || is_op(q, e, O_LSQB) || is_op(q, e, O_LBRACE)) e = T(q, e)->match;
    e++;
  }
  uint32_t c = find_top(q, i, e, O_COLON, true);
  NEED(q, c < e);
  return c;
}

/* The state an if/elif condition in [i, end) gives its body (pywalk.c's
 * dc_py_condition_state on tokens). */
static uint8_t condition_shape(qs *q, uint32_t i, uint32_t end);

/* ... and since comments and line continuations are children to
 * tree-sitter, which can only make a condition less special, a special
 * condition holding one is left to tree-sitter. */
static uint8_t condition_state(qs *q, uint32_t i, uint32_t end) {
  uint8_t state = condition_shape(q, i, end);
  if (state != ST_RUN)
    for (uint32_t k = i + 1; k < end; k++) NEED(q, !(T(q, k)->flags & F_EXTRA_BEFORE));
  return state;
}

static uint8_t condition_shape(qs *q, uint32_t i, uint32_t end) {
  while (end - i >= 2 && is_op(q, i, O_LPAR) && T(q, i)->match == end - 1 &&
         find_top(q, i + 1, end - 1, O_COMMA, true) == end - 1 && find_top(q, i + 1, end - 1, K_FOR, false) == end - 1 &&
         !is_kw(q, i + 1, K_YIELD))
    i++, end--;
  if (end == i + 1) {
    if (is_kw(q, i, K_FALSE)) return ST_NEVER;
    if (T(q, i)->kind == T_NAME && text_is(q, i, "TYPE_CHECKING")) return ST_NEVER;
    return ST_RUN;
  }
  if (end == i + 3 && is_op(q, i + 1, O_EQEQ)) {
    uint32_t n = text_is(q, i, "__name__") ? i + 2 : text_is(q, i + 2, "__name__") ? i : end;
    if (n < end && T(q, n)->kind == T_STRING && !(T(q, n)->flags & F_FSTRING)) {
      uint32_t cs, ce;
      contents(q, T(q, n), &cs, &ce);
      if (ce - cs == 8 && !memcmp(q->src + cs, "__main__", 8)) return ST_DEFERRED;
    }
    return ST_RUN;
  }
  /* a primary ending in .TYPE_CHECKING: an atom, then trailers only */
  if (!(T(q, end - 1)->kind == T_NAME && text_is(q, end - 1, "TYPE_CHECKING") && is_op(q, end - 2, O_DOT)))
    return ST_RUN;
  uint32_t k = i;
  if (is_ident(q, k) || T(q, k)->kind == T_NUMBER) k++;
  else if (is_op(q, k, O_LPAR) || is_op(q, k, O_LSQB) || is_op(q, k, O_LBRACE)) k = T(q, k)->match + 1;
  else if (T(q, k)->kind == T_STRING) {
    while (k < end && T(q, k)->kind == T_STRING) k++;
    NEED(q, k == i + 1); /* "a" "b".x: a concatenation; leave it to tree-sitter */
  } else return ST_RUN;
  while (k < end) {
    if (is_op(q, k, O_DOT)) k += 2;
    else if (is_op(q, k, O_LPAR) || is_op(q, k, O_LSQB)) k = T(q, k)->match + 1;
    else return ST_RUN;
  }
  return k == end ? ST_NEVER : ST_RUN;
}

/* `def name(params) -> r:` at i (after `async`); returns the header colon. */
static uint32_t def_header(qs *q, uint32_t i, const block *b) {
  uint32_t colon = header_colon(q, i);
  NEED(q, i + 2 < colon && is_ident(q, i + 1) && is_op(q, i + 2, O_LPAR));
  if (b->state == ST_RUN && b->scope == SC_MODULE) bind_tok(q, i + 1);
  uint8_t ann = q->future || q->lazy ? ST_NEVER : b->state;
  uint32_t close = T(q, i + 2)->match, k = i + 3;
  param_list ps = {.any = false};
  while (k < close) {
    uint32_t e = find_top(q, k, close, O_COMMA, true);
    NEED(q, e > k);
    uint32_t p = k;
    if (is_op(q, p, O_STAR) || is_op(q, p, O_DSTAR)) {
      p++;
      if (p == e) NEED(q, is_op(q, k, O_STAR) && e < close && e + 1 < close);
    } else if (is_op(q, p, O_BIN) && text_is(q, p, "/")) {
      NEED(q, p + 1 == e);
      p = e;
    }
    param(q, &ps, k, p < e ? p : UINT32_MAX, p < e && find_top(q, p, e, O_ASSIGN, true) < e);
    if (p < e) {
      NEED(q, is_ident(q, p));
      p++;
      uint32_t eq = find_top(q, p, e, O_ASSIGN, true);
      if (p < e && is_op(q, p, O_COLON)) {
        scan_expr(q, p + 1, eq, ann, b->scope, X_ANNOTATION | X_NO_COMMA);
        p = eq;
      }
      if (p < e) {
        NEED(q, p == eq && !is_op(q, k, O_STAR) && !is_op(q, k, O_DSTAR));
        scan_expr(q, eq + 1, e, b->state, b->scope, X_NO_COMMA);
      }
    }
    k = e + 1;
    NEED(q, e == close || k <= close);
  }
  NEED(q, !ps.bare);
  k = close + 1;
  if (k < colon) {
    NEED(q, is_op(q, k, O_ARROW));
    scan_expr(q, k + 1, colon, ann, b->scope, X_ANNOTATION | X_NO_COMMA);
    /* tree-sitter rejects `def f() -> a: x[1] = 1`, a body on the line of a
     * return annotation that starts with a subscript (fuzz_facts in CI) */
    NEED(q, !(T(q, colon + 1)->kind == T_NAME && is_op(q, colon + 2, O_LSQB)));
  }
  return colon;
}

/* Walks the logical lines with a stack of blocks. */
static void statements(qs *q) {
  dc_vec_push(&q->blocks, ((block){.state = ST_RUN, .scope = SC_MODULE, .last = L_OTHER, .fn = UINT32_MAX}));
  bool pending = false;
  block body = {0};
  uint32_t k = 0;
  for (;;) {
    tok *t = T(q, k);
    q->at = t->start;
    if (t->kind == T_INDENT) {
      NEED(q, pending);
      dc_vec_push(&q->blocks, body);
      pending = false;
      k++;
      continue;
    }
    NEED(q, !pending);
    block *b = &dc_vec_last(&q->blocks);
    if (t->kind == T_DEDENT || t->kind == T_END) {
      NEED(q, b->last != L_TRY && !b->decorated);
      if (t->kind == T_END) break;
      dc_vec_pop(&q->blocks);
      NEED(q, q->blocks.size > 0);
      k++;
      continue;
    }
    NEED(q, t->kind != T_NEWLINE);
    uint8_t kw = t->kind == T_NAME ? t->op : O_NONE;
    q->line = *b;
    if (t->kind == T_OP && t->op == O_AT) {
      NEED(q, b->last != L_TRY);
      uint32_t e = k + 1;
      while (T(q, e)->kind != T_NEWLINE) {
        NEED(q, T(q, e)->kind != T_END);
        if (is_op(q, e, O_LPAR) || is_op(q, e, O_LSQB) || is_op(q, e, O_LBRACE)) e = T(q, e)->match;
        e++;
      }
      scan_expr(q, k + 1, e, b->state, b->scope, X_NO_COMMA);
      q->first = q->future_ok = false;
      b->decorated = true;
      b->last = L_OTHER;
      k = e + 1;
      continue;
    }
    bool is_async = kw == K_ASYNC;
    if (is_async) {
      NEED(q, is_kw(q, k + 1, K_DEF) || (b->async_def && (is_kw(q, k + 1, K_FOR) || is_kw(q, k + 1, K_WITH))));
      k++;
      kw = T(q, k)->op;
    }
    if (b->decorated) NEED(q, kw == K_DEF || kw == K_CLASS);
    b->decorated = false;
    uint8_t last = b->last;
    if (kw != K_ELIF && kw != K_ELSE && kw != K_EXCEPT && kw != K_FINALLY) NEED(q, last != L_TRY);
    uint32_t colon;
    block nb = {.state = b->state, .scope = b->scope, .last = L_OTHER, .loop = b->loop, .async_def = b->async_def,
                .except_star = b->except_star, .except_star_loop = b->except_star_loop, .fn = b->fn};
    switch (kw) {
    case K_IF: case K_ELIF:
      NEED(q, kw == K_IF || last == L_IF);
      colon = header_colon(q, k);
      scan_expr(q, k + 1, colon, b->state, b->scope, X_NO_COMMA);
      nb.state = weaker(b->state, condition_state(q, k + 1, colon));
      b->last = L_IF;
      break;
    case K_WHILE:
      colon = header_colon(q, k);
      scan_expr(q, k + 1, colon, b->state, b->scope, X_NO_COMMA);
      nb.loop = true;
      nb.except_star_loop = false;
      b->last = L_LOOP;
      break;
    case K_ELSE:
      NEED(q, last == L_IF || last == L_LOOP || last == L_EXCEPT || last == L_EXCEPT_BARE || last == L_EXCEPT_STAR);
      colon = k + 1;
      NEED(q, is_op(q, colon, O_COLON));
      b->last = last == L_EXCEPT || last == L_EXCEPT_BARE || last == L_EXCEPT_STAR ? L_TRY_ELSE : L_OTHER;
      break;
    case K_TRY:
      colon = k + 1;
      NEED(q, is_op(q, colon, O_COLON));
      b->last = L_TRY;
      break;
    case K_FINALLY:
      NEED(q, last == L_TRY || last == L_EXCEPT || last == L_EXCEPT_BARE || last == L_EXCEPT_STAR ||
                  last == L_TRY_ELSE);
      colon = k + 1;
      NEED(q, is_op(q, colon, O_COLON));
      b->last = L_OTHER;
      break;
    case K_EXCEPT: {
      /* except* E as e: an except_group_clause holding an as_pattern, which
         binds like an except clause's alias; one try takes either kind of
         clause, not both (fuzz_facts); a bare `except:` comes last */
      bool star = is_op(q, k + 1, O_STAR);
      NEED(q, last == L_TRY || last == (star ? L_EXCEPT_STAR : L_EXCEPT));
      colon = header_colon(q, k);
      if (star) {
        NEED(q, T(q, k + 1)->start == t->end && k + 2 < colon);
        k++;
      }
      uint32_t as = find_top(q, k + 1, colon, K_AS, false);
      if (as < colon) {
        NEED(q, as > k + 1 && as + 2 == colon && is_ident(q, as + 1));
        scan_expr(q, k + 1, as, b->state, b->scope, X_NO_COMMA);
        if (b->state == ST_RUN && b->scope == SC_MODULE) bind_tok(q, as + 1);
      } else {
        scan_expr(q, k + 1, colon, b->state, b->scope, X_NO_COMMA | X_EMPTY);
      }
      b->last = star ? L_EXCEPT_STAR : colon == k + 1 ? L_EXCEPT_BARE : L_EXCEPT;
      nb.except_star = nb.except_star_loop = star;
      break;
    }
    case K_FOR: {
      colon = header_colon(q, k);
      uint32_t in = find_top(q, k + 1, colon, K_IN, false);
      NEED(q, in < colon);
      scan_target(q, k + 1, in, b->state, b->scope, TG_BIND, false);
      scan_expr(q, in + 1, colon, b->state, b->scope, 0);
      nb.loop = true;
      nb.except_star_loop = false;
      b->last = L_LOOP;
      break;
    }
    case K_WITH: {
      colon = header_colon(q, k);
      uint32_t s = k + 1, stop = colon;
      NEED(q, s < colon);
      /* with (a as b, c as d,): the items in parentheses */
      if (is_op(q, s, O_LPAR) && T(q, s)->match == colon - 1 && find_top(q, s + 1, colon - 1, K_AS, false) < colon - 1) {
        stop = colon - 1;
        s++;
        NEED(q, s < stop);
      }
      while (s < stop) {
        uint32_t e = find_top(q, s, stop, O_COMMA, true);
        uint32_t as = find_top(q, s, e, K_AS, false);
        for (uint32_t j = s; j < e; j++)
          if (is_op(q, j, O_LPAR) || is_op(q, j, O_LSQB) || is_op(q, j, O_LBRACE))
            for (uint32_t m = j; m < T(q, j)->match; m++) NEED(q, !is_kw(q, m, K_AS));
        scan_expr(q, s, as, b->state, b->scope, X_NO_COMMA);
        if (as < e) scan_target(q, as + 1, e, b->state, b->scope, TG_BIND, true);
        s = e + 1;
        NEED(q, e == stop || s < stop || (s == stop && stop < colon));
      }
      b->last = L_OTHER;
      break;
    }
    case K_DEF:
      colon = def_header(q, k, b);
      nb.state = weaker(b->state, ST_DEFERRED);
      nb.scope = SC_FUNCTION;
      nb.loop = nb.except_star = nb.except_star_loop = false;
      nb.async_def = is_async;
      nb.fn = (uint32_t)q->blocks.size; /* (the index of the body's block) */
      b->last = L_OTHER;
      break;
    case K_CLASS: {
      colon = header_colon(q, k);
      NEED(q, k + 1 < colon && is_ident(q, k + 1));
      if (b->state == ST_RUN && b->scope == SC_MODULE) bind_tok(q, k + 1);
      if (k + 2 < colon) {
        NEED(q, is_op(q, k + 2, O_LPAR) && T(q, k + 2)->match == colon - 1);
        scan_expr(q, k + 3, colon - 1, b->state, b->scope, X_CALL | X_BASES);
      }
      nb.scope = SC_CLASS;
      nb.loop = nb.async_def = nb.except_star = nb.except_star_loop = false;
      b->last = L_OTHER;
      break;
    }
    default:
      NEED(q, !is_async);
      b->last = L_OTHER;
      k = simple_line(q, k, b->state, b->scope);
      continue;
    }
    q->first = q->future_ok = false; /* (a compound statement) */
    if (T(q, colon + 1)->kind == T_NEWLINE) {
      pending = true;
      body = nb;
      k = colon + 2;
    } else {
      q->line = nb;
      k = simple_line(q, colon + 1, nb.state, nb.scope);
    }
  }
}

/* Whether the file has a BOM and maybe a coding cookie (its first two lines
 * say "coding"): Python wants that cookie to say UTF-8 as its tokenizer
 * spells it, which parse.c checks. */
static bool bom_and_cookie(const char *src, uint32_t len, uint32_t base) {
  if (!base) return false;
  const char *end = src + len, *eol = memchr(src + base, '\n', len - base);
  if (eol) eol = memchr(eol + 1, '\n', (size_t)(end - eol - 1));
  return memmem(src + base, (size_t)((eol ? eol : end) - (src + base)), "coding", 6) != NULL;
}

/* Scans into `arena`, sharing strings through `strings` when not NULL. */
static dc_file_facts *quickscan(const char *src, uint32_t len, uint32_t base, unsigned walk_flags, dc_arena *arena,
                                dc_strings *strings) {
  if (bom_and_cookie(src, len, base)) return NULL;
  qs *q = dc_xcalloc(1, sizeof *q);
  q->lazy = walk_flags & DC_PY_WALK_LAZY_ANNOTATIONS;
  q->src = src + base;
  q->len = len - base;
  q->base = base;
  q->arena = arena;
  q->strings = strings;
  dc_file_facts *volatile facts = NULL;
  q->pragmas = dc_facts__may_have_pragmas(q->src, q->len);
  q->first = q->future_ok = true;
  if (!setjmp(q->fail)) {
    lex(q);
    statements(q);
    facts = dc_arena_alloc(arena, sizeof *facts);
    memset(facts, 0, sizeof *facts);
    facts->future_annotations = q->future;
    facts->imports = dc_arena_memdup(arena, q->imports.items, q->imports.size, sizeof(dc_import));
    facts->n_imports = q->imports.size;
    facts->bindings = dc_arena_memdup(arena, q->bindings.items, q->bindings.size, sizeof(dc_binding));
    facts->n_bindings = q->bindings.size;
    facts->uses = dc_arena_memdup(arena, q->uses.items, q->uses.size, sizeof(dc_attr_use));
    facts->n_uses = q->uses.size;
    facts->has_all = q->has_all && !q->all_dynamic;
    if (facts->has_all) {
      facts->all = dc_arena_memdup(arena, q->all.items, q->all.size, sizeof(char *));
      facts->n_all = q->all.size;
    }
    if (q->pragmas) dc_facts__pragmas(facts, q->src, q->len, base, q->comments.items, q->comments.size, arena);
  }
  dc_vec_free(&q->toks);
  dc_vec_free(&q->lines);
  dc_vec_free(&q->opens);
  dc_vec_free(&q->indents);
  dc_vec_free(&q->blocks);
  dc_vec_free(&q->frames);
  dc_vec_free(&q->imports);
  dc_vec_free(&q->bindings);
  dc_vec_free(&q->uses);
  dc_vec_free(&q->all);
  dc_vec_free(&q->names);
  dc_vec_free(&q->comments);
  free(q->table);
  free(q);
  return facts;
}

dc_file_facts *dc_quickscan(const char *src, uint32_t len, uint32_t base, unsigned walk_flags, dc_arena *arena) {
  return quickscan(src, len, base, walk_flags, arena, NULL);
}

dc_file_facts *dc_quickscan_shared(const char *src, uint32_t len, uint32_t base, unsigned walk_flags,
                                   dc_strings *strings) {
  return quickscan(src, len, base, walk_flags, strings->arena, strings);
}
