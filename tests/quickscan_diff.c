/*
 * quickscan_diff.c - the differential test of the token scanner: for every
 * .py file under the folders given, the facts of dc_quickscan, when it
 * accepts the file, must equal those of tree-sitter + dc_facts_extract,
 * field by field, and tree-sitter must find no syntax error in it.
 *
 * usage: quickscan_diff [--min-accept PERCENT] [-v] DIR|FILE...
 * Prints each disagreement (both dumps), then "quickscan_diff: N files,
 * A accepted, D declined, F disagreements"; exits 1 on any disagreement or
 * when fewer than PERCENT % of the files were accepted. A file named
 * accept_*.py must be accepted and one named decline_*.py declined
 * (tests/quickscan/), which counts as a disagreement otherwise; the
 * decline_*.py files are left out of the percentage, and so are the
 * declined files that tree-sitter's side warns about (the golden cases of
 * bad input).
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "facts.h"
#include "parse.h"
#include "pywalk.h"
#include "quickscan.h"
#include "quickscan_p.h"
#include "vec.h"

static dc_vec(char *) files;

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st, (void)ftw;
  size_t n = strlen(path);
  if (type == FTW_F && n > 3 && !strcmp(path + n - 3, ".py")) dc_vec_push(&files, dc_xstrdup(path));
  return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void str(dc_buf *b, const char *s) {
  if (!s) dc_buf_adds(b, "(null)");
  else dc_buf_add_json_string(b, s);
}

/* Every field of the facts, one record per line. */
static void dump(dc_buf *b, const dc_file_facts *f) {
  dc_buf_addf(b, "future_annotations %d\n", f->future_annotations);
  for (uint32_t i = 0; i < f->n_imports; i++) {
    const dc_import *m = &f->imports[i];
    dc_buf_addf(b, "import %u form %d scope %s star %d module_level %d level %u bytes %u-%u at %u:%u module ",
                i, m->form, dc_scope_name(m->scope), m->star, m->module_level, m->level, m->start_byte,
                m->end_byte, m->line, m->col);
    str(b, m->module);
    dc_buf_adds(b, " statement ");
    str(b, m->statement);
    dc_buf_addf(b, " pragma %d line %u names", m->pragma, m->pragma_line);
    for (uint32_t j = 0; j < m->n_names; j++) {
      dc_buf_addch(b, ' ');
      str(b, m->names[j].name);
      dc_buf_adds(b, " as ");
      str(b, m->names[j].alias);
    }
    dc_buf_addch(b, '\n');
  }
  for (uint32_t i = 0; i < f->n_bindings; i++) {
    dc_buf_adds(b, "binding ");
    str(b, f->bindings[i].name);
    dc_buf_addf(b, " import %d name %u\n", f->bindings[i].import_index, f->bindings[i].name_index);
  }
  for (uint32_t i = 0; i < f->n_uses; i++) {
    const dc_attr_use *u = &f->uses[i];
    dc_buf_adds(b, "use ");
    str(b, u->attr);
    dc_buf_addf(b, " import %u name %u at %u:%u statement ", u->import_index, u->name_index, u->line, u->col);
    str(b, u->statement);
    dc_buf_addch(b, '\n');
  }
  for (uint32_t i = 0; i < f->n_pragmas; i++) {
    const dc_pragma *p = &f->pragmas[i];
    dc_buf_addf(b, "pragma %d ", p->kind);
    str(b, p->word);
    dc_buf_addf(b, " at %u:%u on_import %d used %d\n", p->line, p->col, p->on_import, p->used);
  }
  dc_buf_addf(b, "has_all %d\n", f->has_all);
  for (uint32_t i = 0; f->has_all && i < f->n_all; i++) {
    dc_buf_adds(b, "all ");
    str(b, f->all[i]);
    dc_buf_addch(b, '\n');
  }
}

int main(int argc, char **argv) {
  double min_accept = 0;
  bool verbose = false;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--min-accept") && i + 1 < argc) min_accept = atof(argv[++i]);
    else if (!strcmp(argv[i], "-v")) verbose = true;
    else if (nftw(argv[i], collect, 32, FTW_PHYS) != 0) fprintf(stderr, "quickscan_diff: cannot walk '%s'\n", argv[i]);
  }
  if (files.size) qsort(files.items, files.size, sizeof *files.items, cmp_str);
  TSParser *parser = ts_parser_new();
  ts_parser_set_language(parser, tree_sitter_python());
  uint32_t accepted = 0, declined = 0, failed = 0, total = 0, meant_declined = 0, counted_accepted = 0;
  uint32_t bad_declined = 0; /* not named decline_*, declined, with a diagnostic from tree-sitter's side */
  for (uint32_t i = 0; i < files.size; i++) {
    dc_source src;
    if (dc_source_read(files.items[i], &src) != 0) continue;
    total++;
    dc_arena arena;
    dc_arena_init(&arena);
    dc_file_facts *quick = dc_quickscan(src.data, src.len, src.bom, 0, &arena);
    const char *base = strrchr(files.items[i], '/') ? strrchr(files.items[i], '/') + 1 : files.items[i];
    bool meant = !strncmp(base, "decline_", 8);
    meant_declined += meant;
    if ((!quick && !strncmp(base, "accept_", 7)) || (quick && !strncmp(base, "decline_", 8))) {
      failed++;
      printf("DISAGREE %s: the scanner %s it (quickscan.c:%d)\n", files.items[i], quick ? "accepted" : "declined",
             quick ? 0 : dc_quickscan__why);
    }
    if (!quick) {
      declined++;
      if (!meant) { /* bad input (golden cases of it) is no measure of what the scanner takes */
        dc_diags diags = {0};
        TSTree *tree = dc_parse_source(parser, &src, files.items[i], &arena, &diags);
        dc_parser_renew_after(&parser, tree);
        bad_declined += !tree || diags.size;
        if (tree) ts_tree_delete(tree);
        dc_diags_release(&diags);
      }
      if (verbose) {
        uint32_t at = dc_quickscan__where + src.bom, line = 1, col = 0;
        for (uint32_t j = 0; j < at && j < src.len; j++) col = src.data[j] == '\n' ? (line++, 0) : col + 1;
        printf("declined %s:%u:%u (quickscan.c:%d)\n", files.items[i], line, col + 1, dc_quickscan__why);
      }
    } else {
      accepted++;
      counted_accepted += !meant;
      dc_diags diags = {0};
      TSTree *tree = dc_parse_source(parser, &src, files.items[i], &arena, &diags);
      dc_parser_renew_after(&parser, tree);
      dc_buf a = DC_BUF_INIT, b = DC_BUF_INIT;
      if (tree) dump(&a, dc_facts_extract(src.data, src.len, src.bom, tree, 0, &arena));
      dump(&b, quick);
      if (!tree || diags.size) {
        failed++;
        printf("DISAGREE %s: the scanner accepted a file tree-sitter reports: %s\n", files.items[i],
               diags.size ? diags.items[0].message : "no tree");
      } else if (a.len != b.len || memcmp(a.data, b.data, a.len)) {
        failed++;
        printf("DISAGREE %s\n--- tree-sitter\n%s--- quickscan\n%s", files.items[i], dc_buf_str(&a), dc_buf_str(&b));
      } else {
        /* The same with a 3.14 target (lazy annotations), when the scanner
         * accepts the file then too. */
        dc_file_facts *lazy = dc_quickscan(src.data, src.len, src.bom, DC_PY_WALK_LAZY_ANNOTATIONS, &arena);
        if (lazy) {
          a.len = b.len = 0;
          dump(&a, dc_facts_extract(src.data, src.len, src.bom, tree, DC_PY_WALK_LAZY_ANNOTATIONS, &arena));
          dump(&b, lazy);
          if (a.len != b.len || memcmp(a.data, b.data, a.len)) {
            failed++;
            printf("DISAGREE %s (lazy annotations)\n--- tree-sitter\n%s--- quickscan\n%s", files.items[i],
                   dc_buf_str(&a), dc_buf_str(&b));
          }
        }
      }
      if (tree) ts_tree_delete(tree);
      dc_buf_release(&a);
      dc_buf_release(&b);
      dc_diags_release(&diags);
    }
    dc_arena_release(&arena);
    free(src.data);
  }
  ts_parser_delete(parser);
  uint32_t counted = total - meant_declined - bad_declined;
  double rate = counted ? 100.0 * counted_accepted / counted : 100.0;
  printf("quickscan_diff: %u files, %u accepted (%.1f%% of the %u not named decline_* and without a warning), "
         "%u declined, %u disagreements\n",
         total, accepted, rate, counted, declined, failed);
  for (uint32_t i = 0; i < files.size; i++) free(files.items[i]);
  dc_vec_free(&files);
  if (failed) return 1;
  if (rate < min_accept) {
    printf("quickscan_diff: acceptance below %.1f%%\n", min_accept);
    return 1;
  }
  return 0;
}
