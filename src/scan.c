/*
 * scan.c - find the modules of a project.
 *
 * Each root is walked with an explicit stack of folders (no recursion, so a
 * deep tree cannot overflow the C stack), entries in byte order, so the
 * result never depends on the file system's order. Folders are identified by
 * (device, inode): a folder reached twice, through a link loop or two links,
 * is walked once. A symbolic link is followed only when its target stays
 * inside PATH.
 *
 * Names follow CPython's path-based finder: within one root, a package folder
 * (with __init__.py) shadows a module file of the same name, and a compiled
 * extension shadows a .py; across roots, the earlier root wins. A .pyi stub
 * counts only where there is nothing else. Files whose dotted path is not made
 * of identifiers (scripts like run-tests.py, folders like .github) cannot be
 * imported, so they cannot be part of an import cycle and are left out.
 * Folders without __init__.py that hold modules are namespace packages
 * (PEP 420): they run no code, so they are kept only for name resolution.
 */
#define _DEFAULT_SOURCE /* d_type and DT_* of readdir */
#include "scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "vec.h"

static const char *const default_excludes[] = {
    ".git", "__pycache__", ".venv", "venv", ".tox", ".nox", "build", "dist",
    "node_modules", "site-packages",
};

/* candidate - a file that could be a module, before shadowing is decided.
 * `rank` orders candidates of one name: root order first, then the finder's
 * preference (package, extension, source, stub). */
typedef struct candidate {
  const char *path;
  const char *open_path;
  const char *module;
  dc_module_kind kind;
  bool is_package;
  uint32_t rank;
  uint64_t size;
  dc_file_stat stat;
} candidate;

/* dir_id - a folder's identity, to walk each folder once. */
typedef struct dir_id {
  dev_t dev;
  ino_t ino;
} dir_id;

/* walker - the state of one dc_scan call. */
typedef struct walker {
  const dc_scan_options *opts;
  dc_arena *arena;
  dc_diags *diags;
  const char *real_path; /* realpath of PATH, to keep links inside it */
  const char **roots;
  uint32_t n_roots;
  dc_vec(candidate) candidates;
  dir_id *seen; /* open-addressing hash set of walked folders */
  uint32_t seen_size, seen_cap;
  dc_hash listing; /* see dc_project */
  dc_vec(dc_dir_stat) dirs;
} walker;

dc_file_stat dc_file_stat_of(const struct stat *st) {
  return (dc_file_stat){(uint64_t)st->st_dev, (uint64_t)st->st_ino, (uint64_t)st->st_size,
                        (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec,
                        (uint64_t)st->st_ctim.tv_sec * 1000000000u + (uint64_t)st->st_ctim.tv_nsec,
                        (uint32_t)st->st_mode};
}

/* Records a folder the scan looks into, or a file whose existence it
 * checks (dc_project.dirs); one that cannot be stat'ed is recorded with no
 * stat data, and must still be missing for the record to match. */
static void note_dir(walker *w, const char *open_path) {
  struct stat st;
  dc_file_stat fs = {0};
  if (stat(open_path, &st) == 0) fs = dc_file_stat_of(&st);
  dc_vec_push(&w->dirs, ((dc_dir_stat){dc_arena_strdup(w->arena, open_path), fs}));
}

bool dc_is_identifier(const char *name, uint32_t len) {
  if (len == 0) return false;
  for (uint32_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)name[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

static void warn(walker *w, const char *path, const char *msg) {
  dc_diags_push(w->diags, (dc_diag){DC_SEVERITY_WARNING, dc_arena_strdup(w->arena, path), DC_NO_LINE, 0,
                                    dc_arena_strdup(w->arena, msg), NULL});
}

static char *join(dc_arena *arena, const char *a, const char *b) {
  if (!*a || !strcmp(a, ".")) return dc_arena_strdup(arena, b);
  return dc_arena_printf(arena, "%s/%s", a, b);
}

/* Entry `name` of folder `dir_rel` (relative to PATH; "." is PATH itself):
 * returns its path to open, join(PATH, rel), and sets *rel to its path
 * relative to PATH, which is the tail of the same string. A big tree has
 * thousands of folders, so each path is stored once. */
static const char *entry_path(walker *w, const char *dir_rel, const char *name, const char **rel) {
  const char *path = w->opts->path;
  size_t skip = !*path || !strcmp(path, ".") ? 0 : strlen(path) + 1;
  const char *open_path;
  if (!strcmp(dir_rel, "."))
    open_path = skip ? dc_arena_printf(w->arena, "%s/%s", path, name) : dc_arena_strdup(w->arena, name);
  else
    open_path = skip ? dc_arena_printf(w->arena, "%s/%s/%s", path, dir_rel, name)
                     : dc_arena_printf(w->arena, "%s/%s", dir_rel, name);
  *rel = open_path + skip;
  return open_path;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && !memcmp(s + n - m, suffix, m);
}

bool dc_scan_default_exclude(const char *name) {
  for (size_t i = 0; i < sizeof default_excludes / sizeof *default_excludes; i++)
    if (!strcmp(name, default_excludes[i])) return true;
  return ends_with(name, ".egg-info");
}

static bool excluded(walker *w, const char *rel) {
  for (uint32_t i = 0; i < w->opts->n_excludes; i++)
    if (dc_regex_search(w->opts->excludes[i], rel, strlen(rel))) return true;
  return false;
}

static uint32_t dir_hash(dev_t dev, ino_t ino) {
  uint64_t h = ((uint64_t)dev * 0x9e3779b97f4a7c15u) ^ ((uint64_t)ino * 0xc2b2ae3d27d4eb4fu);
  return (uint32_t)(h ^ (h >> 32));
}

/* Marks a folder as walked; returns false if it already was. The set is a
 * power-of-two table with linear probing, kept at most half full. */
static bool first_visit(walker *w, const struct stat *st) {
  if (2 * (w->seen_size + 1) > w->seen_cap) {
    uint32_t cap = w->seen_cap ? 2 * w->seen_cap : 256;
    dir_id *table = dc_xcalloc(cap, sizeof *table);
    for (uint32_t i = 0; i < w->seen_cap; i++) {
      if (!w->seen[i].ino) continue;
      uint32_t h = dir_hash(w->seen[i].dev, w->seen[i].ino) & (cap - 1);
      while (table[h].ino) h = (h + 1) & (cap - 1);
      table[h] = w->seen[i];
    }
    free(w->seen);
    w->seen = table;
    w->seen_cap = cap;
  }
  uint32_t h = dir_hash(st->st_dev, st->st_ino) & (w->seen_cap - 1);
  for (; w->seen[h].ino; h = (h + 1) & (w->seen_cap - 1))
    if (w->seen[h].dev == st->st_dev && w->seen[h].ino == st->st_ino) return false;
  w->seen[h] = (dir_id){st->st_dev, st->st_ino};
  w->seen_size++;
  return true;
}

/* Returns whether the real path of `open_path` lies inside PATH. */
static bool inside_path(walker *w, const char *open_path) {
  char *real = realpath(open_path, NULL);
  if (!real) return false;
  size_t n = strlen(w->real_path);
  bool inside = !strncmp(real, w->real_path, n) &&
                (real[n] == '/' || real[n] == '\0' || !strcmp(w->real_path, "/"));
  free(real);
  return inside;
}

/* Dotted prefix for a root that is itself inside a package: climbs the
 * folders above it while they hold __init__.py. Returns "" if none; the
 * caller frees it. */
static char *package_prefix(walker *w, const char *root_open) {
  char *real = realpath(root_open, NULL);
  if (!real) return dc_xstrdup("");
  dc_buf prefix = DC_BUF_INIT;
  for (;;) {
    char init[PATH_MAX];
    if ((size_t)snprintf(init, sizeof init, "%s/__init__.py", real) >= sizeof init) break;
    note_dir(w, init); /* the file, not the folder: a folder above PATH changes for any reason */
    if (access(init, F_OK) != 0) break;
    char *slash = strrchr(real, '/');
    if (!slash || slash == real) break;
    const char *base = slash + 1;
    if (!dc_is_identifier(base, (uint32_t)strlen(base))) break;
    if (prefix.len) {
      char *old = dc_buf_detach(&prefix, NULL);
      dc_buf_addf(&prefix, "%s.%s", base, old);
      free(old);
    } else {
      dc_buf_adds(&prefix, base);
    }
    *slash = '\0';
  }
  free(real);
  return dc_buf_detach(&prefix, NULL);
}

/* Adds the module candidate for file `name` in a folder whose dotted package
 * path is `pkg` ("" at the root). */
static void add_file(walker *w, const char *rel, const char *open_path, const char *name, const char *pkg,
                     uint32_t root, const struct stat *st) {
  dc_module_kind kind;
  size_t base_len;
  uint32_t pref;
  if (ends_with(name, ".py")) {
    kind = DC_MODULE_SOURCE, base_len = strlen(name) - 3, pref = 2;
  } else if (ends_with(name, ".pyi")) {
    kind = DC_MODULE_STUB, base_len = strlen(name) - 4, pref = 3;
  } else if (ends_with(name, ".so") || ends_with(name, ".pyd")) {
    kind = DC_MODULE_EXTENSION, base_len = strcspn(name, "."), pref = 1;
  } else {
    return;
  }
  if (!dc_is_identifier(name, (uint32_t)base_len)) return;
  bool is_package = base_len == 8 && !memcmp(name, "__init__", 8);
  const char *module;
  if (is_package) {
    if (!*pkg) return; /* __init__.py of a root that is not a package */
    module = dc_arena_strdup(w->arena, pkg);
    pref = pref == 3 ? 4 : 0;
  } else {
    module = *pkg ? dc_arena_printf(w->arena, "%s.%.*s", pkg, (int)base_len, name)
                  : dc_arena_strndup(w->arena, name, base_len);
  }
  dc_file_stat fs = dc_file_stat_of(st);
  candidate c = {rel, open_path, module, kind, is_package, root * 8 + pref, fs.size, fs};
  if (kind == DC_MODULE_SOURCE && w->opts->on_source) w->opts->on_source(w->opts->on_source_ctx, open_path, rel);
  dc_vec_push(&w->candidates, c);
}

/* pending - a folder waiting to be walked: its path relative to PATH, its
 * path to open and its dotted package path. `pkg` is malloc'd and freed
 * once the folder is walked: only a module's name outlives the walk, and
 * most folders of a big tree (locale data) hold no module. */
typedef struct pending {
  const char *rel;
  const char *open_path;
  char *pkg;
  dc_file_stat st; /* for dc_project.dirs */
} pending;

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* entry - a folder entry: its name and the type readdir reported
 * (DT_UNKNOWN when the file system does not say). */
typedef struct entry {
  char *name;
  unsigned char type;
} entry;

static int cmp_entry(const void *a, const void *b) {
  return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

/* Reads the entries of a folder, sorted by name. Returns NULL if it cannot
 * be opened; otherwise *dir is left open so that entries can be examined
 * relative to it (fstatat resolves one name, not the whole path). The
 * caller frees the array and the names, and closes *dir. */
static entry *read_dir_sorted(const char *open_path, uint32_t *n_out, DIR **dir) {
  DIR *d = opendir(open_path);
  if (!d) return NULL;
  dc_vec(entry) entries = {0};
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    dc_vec_push(&entries, ((entry){dc_xstrdup(e->d_name), e->d_type}));
  }
  if (entries.size) qsort(entries.items, entries.size, sizeof *entries.items, cmp_entry);
  *n_out = entries.size;
  *dir = d;
  return entries.items ? entries.items : dc_xcalloc(1, sizeof(entry));
}

static bool module_suffix(const char *name) {
  return ends_with(name, ".py") || ends_with(name, ".pyi") || ends_with(name, ".so") ||
         ends_with(name, ".pyd");
}

static bool is_other_root(walker *w, const char *rel, uint32_t root) {
  for (uint32_t i = 0; i < w->n_roots; i++)
    if (i != root && !strcmp(w->roots[i], rel)) return true;
  return false;
}

static void walk_root(walker *w, uint32_t root) {
  const char *root_rel = w->roots[root];
  dc_vec(pending) stack = {0};
  const char *root_open = join(w->arena, w->opts->path, root_rel);
  struct stat st;
  dc_file_stat root_st = {0};
  if (stat(root_open, &st) == 0) first_visit(w, &st), root_st = dc_file_stat_of(&st);
  dc_vec_push(&stack, ((pending){root_rel, root_open, package_prefix(w, root_open), root_st}));
  while (stack.size) {
    pending dir = dc_vec_pop(&stack);
    const char *dir_open = dir.open_path;
    dc_vec_push(&w->dirs, ((dc_dir_stat){dir_open, dir.st}));
    uint32_t n = 0;
    DIR *d = NULL;
    entry *entries = read_dir_sorted(dir_open, &n, &d);
    if (!entries) {
      warn(w, dir.rel, dc_arena_printf(w->arena, "cannot open folder: %s", strerror(errno)));
      free(dir.pkg);
      continue;
    }
    /* Folders are pushed in reverse so that they are walked in byte order. */
    uint32_t first_sub = stack.size;
    w->listing = dc_hash_str(w->listing, dir.rel);
    for (uint32_t i = 0; i < n; i++) {
      const char *name = entries[i].name;
      w->listing = dc_hash_str(dc_hash_u64(w->listing, entries[i].type), name);
      /* Most entries of a big tree (locale data, static files) cannot be
       * modules: skip them without a system call when readdir knows. */
      if (entries[i].type == DT_REG && !module_suffix(name)) continue;
      if (entries[i].type == DT_DIR && dc_scan_default_exclude(name)) continue;
      const char *rel;
      const char *open_path = entry_path(w, dir.rel, name, &rel);
      if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        warn(w, rel, dc_arena_printf(w->arena, "cannot read: %s", strerror(errno)));
        continue;
      }
      if (S_ISLNK(st.st_mode)) {
        if (stat(open_path, &st) != 0) continue; /* dangling link */
        if (!inside_path(w, open_path)) {
          /* Only a link that could have been Python is worth a word. */
          if (S_ISDIR(st.st_mode) || module_suffix(name))
            warn(w, rel, "symbolic link leads out of PATH; not followed");
          continue;
        }
      }
      if (S_ISDIR(st.st_mode)) {
        if (dc_scan_default_exclude(name) || excluded(w, rel) || is_other_root(w, rel, root)) continue;
        if (!dc_is_identifier(name, (uint32_t)strlen(name))) continue;
        if (!first_visit(w, &st)) continue;
        dc_buf pkg = DC_BUF_INIT;
        if (*dir.pkg) dc_buf_addf(&pkg, "%s.", dir.pkg);
        dc_buf_adds(&pkg, name);
        dc_vec_push(&stack, ((pending){rel, open_path, dc_buf_detach(&pkg, NULL), dc_file_stat_of(&st)}));
      } else if (S_ISREG(st.st_mode)) {
        if (!excluded(w, rel)) add_file(w, rel, open_path, name, dir.pkg, root, &st);
      }
    }
    for (uint32_t i = first_sub, j = stack.size; i + 1 < j; i++, j--) {
      pending t = stack.items[i];
      stack.items[i] = stack.items[j - 1];
      stack.items[j - 1] = t;
    }
    for (uint32_t i = 0; i < n; i++) free(entries[i].name);
    free(entries);
    closedir(d);
    free(dir.pkg);
  }
  dc_vec_free(&stack);
}

static int cmp_candidate(const void *a, const void *b) {
  const candidate *x = a, *y = b;
  int c = strcmp(x->module, y->module);
  if (c) return c;
  return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static int cmp_file_path(const void *a, const void *b) {
  return strcmp(((const dc_file *)a)->path, ((const dc_file *)b)->path);
}

/* True when PATH/src holds code directly and PATH is not itself a package. */
static bool is_src_layout(walker *w, const char *path, dc_arena *arena) {
  struct stat st;
  note_dir(w, path);
  if (stat(join(arena, path, "__init__.py"), &st) == 0) return false;
  const char *src = join(arena, path, "src");
  note_dir(w, src);
  uint32_t n = 0;
  DIR *d = NULL;
  entry *entries = read_dir_sorted(src, &n, &d);
  if (!entries) return false;
  closedir(d);
  bool code = false;
  for (uint32_t i = 0; i < n; i++) {
    const char *name = entries[i].name;
    if (ends_with(name, ".py")) code = true;
    else if (entries[i].type == DT_DIR || entries[i].type == DT_LNK || entries[i].type == DT_UNKNOWN) {
      const char *sub = dc_arena_printf(arena, "%s/%s", src, name);
      note_dir(w, sub);
      if (stat(dc_arena_printf(arena, "%s/__init__.py", sub), &st) == 0) code = true;
    }
    free(entries[i].name);
  }
  free(entries);
  return code;
}

/* Keeps the best candidate of each module name and collects the namespace
 * packages: every dotted prefix of a module that is not a module itself. */
static void settle(walker *w, dc_project *p) {
  candidate *c = w->candidates.items;
  uint32_t n = w->candidates.size;
  if (n) qsort(c, n, sizeof *c, cmp_candidate);
  p->files = dc_arena_alloc(w->arena, (n ? n : 1) * sizeof *p->files);
  dc_vec(const char *) ns = {0};
  for (uint32_t i = 0; i < n;) {
    uint32_t j = i + 1;
    for (; j < n && !strcmp(c[j].module, c[i].module); j++) {
      if (c[j].kind != DC_MODULE_STUB)
        warn(w, c[j].path, dc_arena_printf(w->arena, "module '%s' is shadowed by '%s' and is not analysed",
                                           c[j].module, c[i].path));
    }
    p->files[p->n_files++] = (dc_file){c[i].path, c[i].open_path, c[i].module, c[i].kind, c[i].is_package,
                                       c[i].size, c[i].stat};
    /* A prefix the module before had as well is in `ns` already: the
     * modules under one package are consecutive. */
    const char *prev = i ? c[i - 1].module : "";
    for (const char *dot = strchr(c[i].module, '.'); dot; dot = strchr(dot + 1, '.')) {
      size_t len = (size_t)(dot - c[i].module);
      if (!strncmp(prev, c[i].module, len) && prev[len] == '.') continue;
      dc_vec_push(&ns, dc_arena_strndup(w->arena, c[i].module, len));
    }
    i = j;
  }
  /* A prefix that names a module is a regular package, not a namespace. */
  if (ns.size) qsort(ns.items, ns.size, sizeof *ns.items, cmp_str);
  p->namespaces = dc_arena_alloc(w->arena, (ns.size ? ns.size : 1) * sizeof(char *));
  uint32_t m = 0;
  for (uint32_t i = 0; i < ns.size; i++) {
    if (m && !strcmp(p->namespaces[m - 1], ns.items[i])) continue;
    bool is_module = false;
    for (uint32_t lo = 0, hi = n; lo < hi;) {
      uint32_t mid = lo + (hi - lo) / 2;
      int cmp = strcmp(c[mid].module, ns.items[i]);
      if (!cmp) {
        is_module = true;
        break;
      }
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    if (!is_module) p->namespaces[m++] = ns.items[i];
  }
  p->n_namespaces = m;
  dc_vec_free(&ns);
  if (p->n_files) qsort(p->files, p->n_files, sizeof *p->files, cmp_file_path);
}

dc_project *dc_scan(const dc_scan_options *opts, dc_arena *arena, dc_diags *diags) {
  struct stat st;
  if (stat(opts->path, &st) != 0)
    return dc_error("cannot scan '%s': %s", opts->path, strerror(errno)), NULL;
  if (!S_ISDIR(st.st_mode)) return dc_error("cannot scan '%s': not a folder", opts->path), NULL;
  char *real = realpath(opts->path, NULL);
  if (!real) return dc_error("cannot scan '%s': %s", opts->path, strerror(errno)), NULL;

  walker w = {.opts = opts, .arena = arena, .diags = diags, .listing = DC_HASH_SEED};
  w.real_path = dc_arena_strdup(arena, real);
  free(real);

  dc_project *p = dc_arena_alloc(arena, sizeof *p);
  p->path = dc_arena_strdup(arena, opts->path);
  p->target_minor = opts->target_minor;
  if (opts->n_roots) {
    w.roots = dc_arena_alloc(arena, opts->n_roots * sizeof(char *));
    for (uint32_t i = 0; i < opts->n_roots; i++) {
      const char *r = opts->roots[i];
      size_t len = strlen(r);
      while (len > 1 && r[len - 1] == '/') len--;
      while (len > 2 && r[0] == '.' && r[1] == '/') r += 2, len -= 2;
      const char *root = dc_arena_strndup(arena, r, len);
      const char *open = join(arena, opts->path, root);
      if (stat(open, &st) != 0 || !S_ISDIR(st.st_mode))
        return dc_error("cannot scan root '%s': not a folder inside '%s'", root, opts->path), NULL;
      if (!inside_path(&w, open))
        return dc_error("cannot scan root '%s': it is outside '%s'", root, opts->path), NULL;
      w.roots[i] = root;
    }
    w.n_roots = opts->n_roots;
  } else {
    w.roots = dc_arena_alloc(arena, sizeof(char *));
    w.roots[0] = is_src_layout(&w, opts->path, arena) ? "src" : ".";
    w.n_roots = 1;
  }
  p->roots = w.roots;
  p->n_roots = w.n_roots;
  for (uint32_t i = 0; i < w.n_roots; i++) walk_root(&w, i);
  settle(&w, p);
  p->listing = w.listing;
  p->dirs = dc_arena_memdup(arena, w.dirs.items, w.dirs.size, sizeof *w.dirs.items);
  p->n_dirs = w.dirs.size;
  dc_vec_free(&w.dirs);
  dc_vec_free(&w.candidates);
  free(w.seen);
  return p;
}
