/*
 * baseline.c - read, write and compare the baseline of accepted cycles
 * (see baseline.h for the file format and what "known" means).
 *
 * The comparison indexes every (module, entry) pair of the baseline by
 * module name, so each component of the run is checked only against the
 * entries that hold its first module: linear in the sizes, whatever the
 * number of cycles.
 */
#include "baseline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "parse.h"
#include "pyproject.h"
#include "vec.h"

static const char header[] =
    "# decycle baseline: the import-time cycles accepted for now (decycle --baseline FILE).\n"
    "# One block per cycle: its modules, one per line, sorted; blocks are separated by blank lines.\n"
    "# A run fails only on a cycle that is not inside one block. Rewrite with --write-baseline FILE.\n";

typedef dc_vec(const char *) strings;
typedef dc_vec(dc_baseline_entry) entry_vec;

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static void located(dc_diags *diags, dc_arena *arena, const char *path, uint32_t line, const char *text,
                    uint32_t text_len, const char *message) {
  dc_diags_push(diags, (dc_diag){DC_SEVERITY_ERROR, path, line, 0, message, dc_arena_strndup(arena, text, text_len)});
}

/* Closes the block being read into an entry; returns -1 after reporting a
 * block of one module or a module listed twice. */
static int close_block(strings *mods, uint32_t line, const char *first_text, uint32_t first_len,
                       const char *path, entry_vec *entries, dc_arena *arena, dc_diags *diags) {
  if (!mods->size) return 0;
  if (mods->size < 2) {
    located(diags, arena, path, line, first_text, first_len,
            dc_arena_printf(arena, "a cycle needs two modules or more; '%s' is alone in its block", mods->items[0]));
    return -1;
  }
  qsort(mods->items, mods->size, sizeof *mods->items, cmp_str);
  for (uint32_t i = 1; i < mods->size; i++)
    if (!strcmp(mods->items[i - 1], mods->items[i])) {
      located(diags, arena, path, line, first_text, first_len,
              dc_arena_printf(arena, "module '%s' is listed twice in this cycle", mods->items[i]));
      return -1;
    }
  dc_baseline_entry e = {dc_arena_memdup(arena, mods->items, mods->size, sizeof(char *)), mods->size, line};
  dc_vec_push(entries, e);
  dc_vec_clear(mods);
  return 0;
}

int dc_baseline_read(const char *open_path, const char *path, dc_baseline *out, dc_arena *arena, dc_diags *diags) {
  *out = (dc_baseline){0};
  dc_source src;
  if (dc_source_read(open_path, &src) != 0) {
    dc_diags_push(diags, (dc_diag){DC_SEVERITY_ERROR, path, DC_NO_LINE, 0,
                                   dc_arena_printf(arena, "baseline: %s", dc_error_message()), NULL});
    return -1;
  }
  entry_vec entries = {0};
  strings mods = {0};
  uint32_t block_line = 0, first_len = 0;
  const char *first_text = NULL;
  int rc = 0;
  const char *p = src.data + src.bom, *end = src.data + src.len;
  for (uint32_t line = 0; rc == 0 && p < end; line++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *eol = nl ? nl : end;
    uint32_t len = (uint32_t)(eol - p);
    if (len && p[len - 1] == '\r') len--;
    if (!len) {
      rc = close_block(&mods, block_line, first_text, first_len, path, &entries, arena, diags);
    } else if (p[0] != '#') {
      const char *name = dc_arena_strndup(arena, p, len);
      if (strlen(name) != len || !dc_is_dotted_name(name)) {
        located(diags, arena, path, line, p, len,
                dc_arena_printf(arena, "'%.*s' is not a module name (expected one dotted module name per line)",
                                len > 80 ? 80 : (int)len, name));
        rc = -1;
        break;
      }
      if (!mods.size) block_line = line, first_text = p, first_len = len;
      dc_vec_push(&mods, name);
    }
    p = nl ? nl + 1 : end;
  }
  if (rc == 0) rc = close_block(&mods, block_line, first_text, first_len, path, &entries, arena, diags);
  if (rc == 0) {
    out->entries = dc_arena_memdup(arena, entries.items, entries.size, sizeof *entries.items);
    out->n = entries.size;
  }
  dc_vec_free(&entries);
  dc_vec_free(&mods);
  free(src.data);
  return rc;
}

char *dc_baseline_text(const dc_graph *g, const dc_components *c, size_t *len) {
  dc_buf b = DC_BUF_INIT;
  dc_buf_adds(&b, header);
  /* Components come ordered by first module, their modules sorted by
   * name: the blocks are sorted already. */
  for (uint32_t i = 0; i < c->n; i++) {
    dc_buf_addch(&b, '\n');
    for (uint32_t k = 0; k < c->items[i].n_modules; k++) dc_buf_addf(&b, "%s\n", g->names[c->items[i].modules[k]]);
  }
  return dc_buf_detach(&b, len);
}

int dc_baseline_write(const char *path, const char *text, size_t len) {
  const char *slash = strrchr(path, '/');
  dc_buf tmp = DC_BUF_INIT;
  if (slash) dc_buf_addf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
  else dc_buf_addf(&tmp, ".%s.XXXXXX", path);
  char *tmp_path = dc_buf_detach(&tmp, NULL);
  struct stat st;
  mode_t mode;
  if (stat(path, &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  int fd = mkstemp(tmp_path);
  if (fd < 0) {
    int rc = dc_error("cannot write '%s': %s", path, strerror(errno));
    free(tmp_path);
    return rc;
  }
  const char *what = "write";
  size_t done = 0;
  while (done < len) {
    ssize_t n = write(fd, text + done, len - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += (size_t)n;
  }
  bool ok = done == len;
  if (ok && fchmod(fd, mode) != 0) ok = false, what = "chmod";
  if (ok && fsync(fd) != 0) ok = false, what = "fsync";
  if (close(fd) != 0 && ok) ok = false, what = "close";
  if (ok && rename(tmp_path, path) != 0) ok = false, what = "rename";
  int rc = 0;
  if (!ok) {
    rc = dc_error("cannot write '%s' (%s): %s", path, what, strerror(errno));
    unlink(tmp_path);
  }
  free(tmp_path);
  return rc;
}

/* posting - one module of one baseline entry, for the index by name. */
typedef struct posting {
  const char *module;
  uint32_t entry;
} posting;

static int cmp_posting(const void *a, const void *b) {
  const posting *x = a, *y = b;
  int c = strcmp(x->module, y->module);
  return c ? c : (x->entry > y->entry) - (x->entry < y->entry);
}

/* Whether the modules of component `comp` are all in entry `e`. */
static bool inside(const dc_graph *g, const dc_component *comp, const dc_baseline_entry *e) {
  uint32_t j = 0;
  for (uint32_t i = 0; i < comp->n_modules; i++) {
    const char *name = g->names[comp->modules[i]];
    while (j < e->n_modules && strcmp(e->modules[j], name) < 0) j++;
    if (j == e->n_modules || strcmp(e->modules[j], name)) return false;
  }
  return true;
}

/* The module named `name`, or -1 (graph names are sorted). */
static int64_t module_named(const dc_graph *g, const char *name) {
  uint32_t lo = 0, hi = g->n_modules;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = strcmp(g->names[mid], name);
    if (!c) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

void dc_baseline_compare(const dc_baseline *b, const dc_graph *g, const dc_components *c, dc_baseline_check *out,
                         dc_arena *arena) {
  *out = (dc_baseline_check){0};
  uint32_t n_postings = 0;
  for (uint32_t e = 0; e < b->n; e++) n_postings += b->entries[e].n_modules;
  posting *index = dc_xmalloc((n_postings ? n_postings : 1) * sizeof *index);
  for (uint32_t e = 0, k = 0; e < b->n; e++)
    for (uint32_t i = 0; i < b->entries[e].n_modules; i++) index[k++] = (posting){b->entries[e].modules[i], e};
  qsort(index, n_postings, sizeof *index, cmp_posting);
  bool *same = dc_xcalloc(b->n ? b->n : 1, sizeof *same), *holds = dc_xcalloc(b->n ? b->n : 1, sizeof *holds);
  out->new_cycles = dc_arena_alloc(arena, (c->n ? c->n : 1) * sizeof *out->new_cycles);
  for (uint32_t ci = 0; ci < c->n; ci++) {
    const dc_component *comp = &c->items[ci];
    const char *first = g->names[comp->modules[0]];
    uint32_t lo = 0, hi = n_postings;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (strcmp(index[mid].module, first) < 0) lo = mid + 1;
      else hi = mid;
    }
    bool known = false;
    for (uint32_t k = lo; k < n_postings && !strcmp(index[k].module, first); k++) {
      const dc_baseline_entry *e = &b->entries[index[k].entry];
      if (!inside(g, comp, e)) continue;
      known = true;
      holds[index[k].entry] = true;
      if (e->n_modules == comp->n_modules) same[index[k].entry] = true;
    }
    if (known) out->n_known++;
    else out->new_cycles[out->n_new++] = ci;
  }
  out->entry_state = dc_arena_alloc(arena, b->n ? b->n : 1);
  for (uint32_t e = 0; e < b->n; e++) {
    uint8_t state = same[e] ? DC_BASELINE_SAME : holds[e] ? DC_BASELINE_SMALLER : DC_BASELINE_FIXED;
    for (uint32_t i = 0; state == DC_BASELINE_FIXED && i < b->entries[e].n_modules; i++) {
      int64_t m = module_named(g, b->entries[e].modules[i]);
      if (m >= 0 && c->component_of[m] >= 0) state = DC_BASELINE_GROWN;
    }
    out->entry_state[e] = state;
  }
  free(index);
  free(same);
  free(holds);
}
