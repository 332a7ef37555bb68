/*
 * cache - see cache.h. The cache folder holds a folder per project, named
 * by the hash of the real path of PATH, with five kinds of files, each
 * "<magic><payload hash><payload>":
 *
 *   facts          header (format, byte order, version, when the run that
 *                  wrote it started), the packs it uses, then per source
 *                  file, in path order: path, stat data, content hash, the
 *                  hash of its facts blob, where that blob is, and its
 *                  brief (how many imports, pragmas and warnings it holds);
 *   pack-<hash>    facts blobs (a file's facts and parse warnings), named
 *                  by the hash of its contents and never changed. A run
 *                  that parsed a few files writes a small pack with their
 *                  blobs and a new index, which leaves the other packs as
 *                  they are; beyond PACKS_MAX packs, or when most of their
 *                  bytes are dead, it writes all the blobs in one;
 *   run-<key>      the exit status, stdout and stderr of one run;
 *   reads-<opts>   the files whose text the plan of the last run with those
 *                  options read (for the second key);
 *   scan-<opts>    the scan, and the folders it looked into;
 *   memo           the plan's memo (memo.h): per entry, its key and a blob,
 *                  for the entries the last run used;
 *   graph          the last graph built (graph.h) and the warnings its
 *                  build gave, under the hash of all it was built from.
 *
 * A run marks its project's folder as used (its mtime); the folder of a
 * new project is made after removing, beyond PROJECTS_KEPT, the folders
 * least recently used (and any file of the layout before per-project
 * folders), so that the cache stays bounded however many projects (or
 * temporary copies) decycle is run on. A stat match is trusted only when
 * the file's mtime is at least RACY_NS older than the start of the run that
 * recorded it: a file changed twice within one timestamp tick, right after it
 * was read, keeps its stat data (git calls this "racily clean"). Such files,
 * and every file whose stat data differs, are read and hashed; a content hash
 * found anywhere in the index gives the facts without a parse. A blob is
 * used only when it has the hash that the index records for it. The blob
 * of a trusted file without warnings is read only when its facts are first
 * asked for (dc_cache_defer).
 */
#define _GNU_SOURCE /* renameat2 */
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "fields.h"
#include "graph.h"
#include "parse.h"
#include "pywalk.h"
#include "thread.h"
#include "vec.h"

/* The cache files' layout and the rules that make a file's facts and
 * warnings: a build whose rules differ (a new warning, a scanner fix) must
 * not read another's cache, and builds of one version can differ. */
#define FORMAT 10
#define BYTE_ORDER_MARK 0x01020304u
#define RACY_NS 2000000000u
#define RUNS_KEPT 16      /* per project (a run writes one or two) */
#define PROJECTS_KEPT 64  /* project folders */
#define STALE_TMP_S 3600  /* a temporary file this old was left by a run that died */
#define PACKS_MAX 8       /* facts packs, before they are written as one */
static const char FACTS_MAGIC[8] = "dcfacts\n";
static const char PACK_MAGIC[8] = "dcpack\n\0";
static const char RUN_MAGIC[8] = "dcrun\n\0\0";
static const char READS_MAGIC[8] = "dcreads\n";
static const char SCAN_MAGIC[8] = "dcscan\n\0";
static const char MEMO_MAGIC[8] = "dcmemo\n\0";
static const char GRAPH_MAGIC[8] = "dcgraph\n";

/* brief - what a blob holds, as far as a run asks before it decodes the
 * blob (parse.c decodes a file's facts on first use): how many imports its
 * facts have (DC_NO_FACTS: it has none) and how many pragma comments, and
 * how many warnings the file's parse gave. */
typedef struct brief {
  uint32_t imports, pragmas, diags;
} brief;

/* entry - one file of the loaded index (its path points into it); its
 * facts are the `len` bytes at `offset` in pack number `pack`. */
typedef struct entry {
  const char *path;
  dc_file_stat stat;
  dc_hash hash;       /* of the file's content */
  dc_hash facts_hash; /* of the blob */
  uint32_t pack, offset, len;
  brief brief;
} entry;

/* pack - a pack file the index uses, read on first use (`data` NULL when it
 * cannot be: its blobs are then missing, and their files are parsed). */
typedef struct pack {
  dc_hash name;
  uint64_t size; /* bytes of blobs, as recorded */
  bool tried;
  char *data; /* the whole file (read_pack) */
} pack;
typedef dc_vec(pack) pack_list;

static void free_pack(pack *k) {
  if (k->data) munmap(k->data, 8 + k->size);
  k->data = NULL;
}

/* memo_entry - one blob of the plan's memo: from the loaded memo file
 * (`owned` NULL) or put by this run. `used` entries are written back. */
typedef struct memo_entry {
  dc_hash key;
  const char *blob;
  uint32_t len;
  bool used;
  char *owned;
} memo_entry;

/* memo - the plan's memo, loaded on first use; `by_key` is open addressing
 * over entries (+1; 0 empty). */
struct memo {
  bool loaded;
  bool changed;
  char *file;
  dc_vec(memo_entry) entries;
  uint32_t *by_key;
  uint32_t cap;
};

/* slot - what this run knows of project file i: its content hash and the
 * facts for it, in the blob of index entry `from` or in `owned`; `was` is
 * the index entry of the same path, whose blob an unchanged `owned` one
 * is recorded as. */
typedef struct slot {
  bool have_hash; /* hash is set */
  bool trusted;   /* from a stat match: the file need not be read */
  dc_hash hash;
  const entry *from;
  char *owned; /* a blob this run made */
  uint32_t owned_len;
  brief owned_brief;
  dc_hash facts_hash; /* the hash of the blob, when there is one */
  const entry *was;
} slot;

struct dc_cache {
  const dc_project *p;
  char *dir;     /* the cache folder */
  char *project; /* hex of the project hash */
  uint64_t started_ns;
  char *index; /* the loaded facts file, or NULL */
  dc_vec(entry) entries;
  pack_list packs; /* of the index loaded */
  pthread_mutex_t pack_lock;
  pack_list written; /* of the index this run wrote (wrote_index) */
  bool wrote_index;
  uint32_t *by_hash; /* open addressing over entries by content hash (+1; 0 empty) */
  uint32_t by_hash_cap;
  slot *slots;
  bool changed; /* something to write back */
  bool have_reads; /* reads_hash: the hash of the reads file this run found */
  dc_hash reads_hash;
  bool *last_reads; /* per project file: the plan of that run read its text */
  struct memo memo;
};

/* ---- stat data (the other fields: fields.h) -------------------------------- */

static void put_stat(dc_buf *b, const dc_file_stat *st) {
  dc_put_u64(b, st->dev), dc_put_u64(b, st->ino), dc_put_u64(b, st->size);
  dc_put_u64(b, st->mtime_ns), dc_put_u64(b, st->ctime_ns);
  dc_put_u32(b, st->mode);
}

static dc_file_stat get_stat(dc_reader *r) {
  dc_file_stat st;
  st.dev = dc_get_u64(r), st.ino = dc_get_u64(r), st.size = dc_get_u64(r);
  st.mtime_ns = dc_get_u64(r), st.ctime_ns = dc_get_u64(r);
  st.mode = dc_get_u32(r);
  return st;
}

/* The header of the run, reads, memo, graph and scan files: the format,
 * the byte order and decycle's version (written by put_header; get_header
 * is false when they are not this build's). The facts index has its own:
 * its version also names the target's rules (facts_version). */
static void put_header(dc_buf *b) {
  dc_put_u32(b, FORMAT), dc_put_u32(b, BYTE_ORDER_MARK), dc_put_str(b, DECYCLE_VERSION);
}

static bool get_header(dc_reader *r) {
  bool ours = dc_get_u32(r) == FORMAT && dc_get_u32(r) == BYTE_ORDER_MARK;
  const char *version = dc_get_str(r);
  return ours && !r->bad && version && !strcmp(version, DECYCLE_VERSION);
}

/* ---- facts blobs ---------------------------------------------------------- */

static void put_facts(dc_buf *b, const dc_file_facts *f, const dc_diag *d, uint32_t n_diags) {
  dc_put_u32(b, f != NULL);
  if (f) {
    dc_put_u32(b, f->n_imports);
    for (uint32_t i = 0; i < f->n_imports; i++) {
      const dc_import *m = &f->imports[i];
      dc_put_u32(b, (uint32_t)m->form), dc_put_u32(b, (uint32_t)m->scope);
      dc_put_u32(b, m->star), dc_put_u32(b, m->module_level);
      dc_put_u32(b, m->level), dc_put_str(b, m->module), dc_put_u32(b, m->n_names);
      for (uint32_t k = 0; k < m->n_names; k++) dc_put_str(b, m->names[k].name), dc_put_str(b, m->names[k].alias);
      dc_put_u32(b, m->start_byte), dc_put_u32(b, m->end_byte), dc_put_u32(b, m->line), dc_put_u32(b, m->col);
      dc_put_str(b, m->statement);
      dc_put_u32(b, (uint32_t)m->pragma), dc_put_u32(b, m->pragma_line);
    }
    dc_put_u32(b, f->n_bindings);
    for (uint32_t i = 0; i < f->n_bindings; i++)
      dc_put_str(b, f->bindings[i].name), dc_put_u32(b, (uint32_t)f->bindings[i].import_index),
          dc_put_u32(b, f->bindings[i].name_index);
    dc_put_u32(b, f->n_uses);
    for (uint32_t i = 0; i < f->n_uses; i++) {
      const dc_attr_use *u = &f->uses[i];
      dc_put_str(b, u->attr), dc_put_u32(b, u->import_index), dc_put_u32(b, u->name_index);
      dc_put_u32(b, u->line), dc_put_u32(b, u->col), dc_put_str(b, u->statement);
    }
    dc_put_u32(b, f->n_all);
    for (uint32_t i = 0; i < f->n_all; i++) dc_put_str(b, f->all[i]);
    dc_put_u32(b, f->has_all), dc_put_u32(b, f->future_annotations);
    dc_put_u32(b, f->n_pragmas);
    for (uint32_t i = 0; i < f->n_pragmas; i++) {
      const dc_pragma *p = &f->pragmas[i];
      dc_put_u32(b, (uint32_t)p->kind), dc_put_str(b, p->word), dc_put_u32(b, p->line), dc_put_u32(b, p->col);
      dc_put_u32(b, p->on_import), dc_put_u32(b, p->used);
    }
  }
  dc_put_u32(b, n_diags);
  for (uint32_t i = 0; i < n_diags; i++) {
    dc_put_u32(b, (uint32_t)d[i].severity), dc_put_u32(b, d[i].line), dc_put_u32(b, d[i].col);
    dc_put_str(b, d[i].message), dc_put_str(b, d[i].source_line);
  }
}

/* Diagnostics with their paths (the scan's, the graph build's): written by
 * put_diags, appended to `out` by get_diags (the reader is bad when one is
 * malformed). */
static void put_diags(dc_buf *b, const dc_diag *d, uint32_t n) {
  dc_put_u32(b, n);
  for (uint32_t i = 0; i < n; i++) {
    dc_put_u32(b, (uint32_t)d[i].severity), dc_put_str(b, d[i].path), dc_put_u32(b, d[i].line);
    dc_put_u32(b, d[i].col), dc_put_str(b, d[i].message), dc_put_str(b, d[i].source_line);
  }
}

static void get_diags(dc_reader *r, dc_diags *out) {
  uint32_t n = dc_get_u32(r);
  if ((size_t)(r->end - r->p) / 24 < n) r->bad = true;
  for (uint32_t i = 0; i < n && !r->bad; i++) {
    dc_diag d;
    d.severity = (dc_severity)dc_get_u32(r), d.path = dc_get_str(r), d.line = dc_get_u32(r), d.col = dc_get_u32(r);
    d.message = dc_get_str(r), d.source_line = dc_get_str(r);
    if (!d.path || !d.message) r->bad = true;
    dc_diags_push(out, d);
  }
}

/* An array of n items of `size` from the arena, after checking that the
 * blob can hold n of at least `min` bytes each (a corrupt count must not
 * allocate gigabytes). */
static void *get_array(dc_reader *r, dc_arena *arena, uint32_t n, size_t size, size_t min) {
  if ((size_t)(r->end - r->p) / min < n) r->bad = true;
  return r->bad ? NULL : dc_arena_alloc(arena, (n ? n : 1) * size);
}

/* Copies a string out of the blob into the arena (the index is freed). */
static const char *get_copy(dc_reader *r, dc_arena *arena) {
  const char *s = dc_get_str(r);
  return s ? dc_arena_strdup(arena, s) : NULL;
}

static bool get_facts(const char *blob, uint32_t len, const char *path, dc_arena *arena, dc_diags *diags,
                      dc_file_facts **out) {
  dc_reader r = {blob, blob + len, false};
  dc_file_facts *f = NULL;
  if (dc_get_u32(&r)) {
    f = dc_arena_alloc(arena, sizeof *f);
    memset(f, 0, sizeof *f);
    f->n_imports = dc_get_u32(&r);
    f->imports = get_array(&r, arena, f->n_imports, sizeof *f->imports, 40);
    for (uint32_t i = 0; !r.bad && i < f->n_imports; i++) {
      dc_import *m = &f->imports[i];
      m->form = (dc_import_form)dc_get_u32(&r), m->scope = (dc_scope)dc_get_u32(&r);
      m->star = dc_get_u32(&r), m->module_level = dc_get_u32(&r);
      m->level = dc_get_u32(&r), m->module = get_copy(&r, arena), m->n_names = dc_get_u32(&r);
      m->names = get_array(&r, arena, m->n_names, sizeof *m->names, 8);
      for (uint32_t k = 0; !r.bad && k < m->n_names; k++)
        m->names[k].name = get_copy(&r, arena), m->names[k].alias = get_copy(&r, arena);
      m->start_byte = dc_get_u32(&r), m->end_byte = dc_get_u32(&r), m->line = dc_get_u32(&r), m->col = dc_get_u32(&r);
      m->statement = get_copy(&r, arena);
      m->pragma = (dc_pragma_kind)dc_get_u32(&r), m->pragma_line = dc_get_u32(&r);
      if (m->pragma > DC_PRAGMA_IGNORE) r.bad = true;
    }
    f->n_bindings = dc_get_u32(&r);
    f->bindings = get_array(&r, arena, f->n_bindings, sizeof *f->bindings, 12);
    for (uint32_t i = 0; !r.bad && i < f->n_bindings; i++) {
      f->bindings[i].name = get_copy(&r, arena);
      f->bindings[i].import_index = (int32_t)dc_get_u32(&r);
      f->bindings[i].name_index = dc_get_u32(&r);
    }
    f->n_uses = dc_get_u32(&r);
    f->uses = get_array(&r, arena, f->n_uses, sizeof *f->uses, 24);
    for (uint32_t i = 0; !r.bad && i < f->n_uses; i++) {
      dc_attr_use *u = &f->uses[i];
      u->attr = get_copy(&r, arena), u->import_index = dc_get_u32(&r), u->name_index = dc_get_u32(&r);
      u->line = dc_get_u32(&r), u->col = dc_get_u32(&r), u->statement = get_copy(&r, arena);
    }
    f->n_all = dc_get_u32(&r);
    f->all = get_array(&r, arena, f->n_all, sizeof *f->all, 4);
    for (uint32_t i = 0; !r.bad && i < f->n_all; i++) f->all[i] = get_copy(&r, arena);
    f->has_all = dc_get_u32(&r), f->future_annotations = dc_get_u32(&r);
    f->n_pragmas = dc_get_u32(&r);
    f->pragmas = get_array(&r, arena, f->n_pragmas, sizeof *f->pragmas, 24);
    for (uint32_t i = 0; !r.bad && i < f->n_pragmas; i++) {
      dc_pragma *p = &f->pragmas[i];
      p->kind = (dc_pragma_kind)dc_get_u32(&r), p->word = get_copy(&r, arena);
      p->line = dc_get_u32(&r), p->col = dc_get_u32(&r), p->on_import = dc_get_u32(&r), p->used = dc_get_u32(&r);
      if (p->kind > DC_PRAGMA_UNKNOWN || !p->word) r.bad = true;
    }
  }
  uint32_t n = dc_get_u32(&r);
  if ((size_t)(r.end - r.p) / 20 < n) r.bad = true;
  dc_diags mine = {0};
  for (uint32_t i = 0; !r.bad && i < n; i++) {
    dc_diag d = {(dc_severity)dc_get_u32(&r), path, 0, 0, NULL, NULL};
    d.line = dc_get_u32(&r), d.col = dc_get_u32(&r);
    d.message = get_copy(&r, arena), d.source_line = get_copy(&r, arena);
    if (!d.message) r.bad = true;
    dc_diags_push(&mine, d);
  }
  bool ok = !r.bad && r.p == r.end;
  if (ok) dc_diags_append(diags, &mine), *out = f;
  dc_diags_release(&mine);
  return ok;
}

/* ---- files ------------------------------------------------------------------ */

/* Reads a whole cache file and checks its magic and payload hash; returns
 * the payload (inside *whole, which the caller frees) or NULL. */
static const char *read_checked(const char *path, const char magic[8], char **whole, size_t *payload_len) {
  dc_source src;
  *whole = NULL;
  if (dc_source_read(path, &src) != 0) return NULL;
  size_t head = 8 + sizeof(dc_hash);
  dc_hash h;
  if (src.len < head || memcmp(src.data, magic, 8)) {
    free(src.data);
    return NULL;
  }
  memcpy(&h, src.data + 8, sizeof h);
  if (!dc_hash_eq(h, dc_hash_bytes(DC_HASH_SEED, src.data + head, src.len - head))) {
    free(src.data);
    return NULL;
  }
  *whole = src.data;
  *payload_len = src.len - head;
  return src.data + head;
}

/* Puts the file `tmp` in the place of `path`, atomically. Where the system
 * can, it swaps the two names, then deletes the old file: on ext4
 * (auto_da_alloc) a rename over an existing file first starts writing the
 * new one out, up to 1 ms of the 10 that a run which rewrites the facts index
 * of Django takes. */
static int replace(const char *tmp, const char *path) {
#ifdef RENAME_EXCHANGE
  if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) == 0) {
    unlink(tmp); /* the old file now */
    return 0;
  }
#endif
  return rename(tmp, path);
}

static bool write_all(int fd, const void *data, size_t len) {
  for (size_t done = 0; done < len;) {
    ssize_t n = write(fd, (const char *)data + done, len - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += (size_t)n;
  }
  return true;
}

/* Writes `head` (n bytes) + payload to `path` through a temporary file in
 * `dir` and a rename; false, with the old file (or none) left, when it
 * cannot. */
static bool write_file(const char *dir, const char *path, const void *head, size_t n, const dc_buf *payload) {
  dc_buf tmp = DC_BUF_INIT;
  dc_buf_addf(&tmp, "%s/.tmp-XXXXXX", dir);
  char *name = (char *)dc_buf_str(&tmp);
  int fd = mkstemp(name);
  bool ok = fd >= 0 && write_all(fd, head, n) && write_all(fd, payload->data, payload->len);
  if (fd >= 0) ok = close(fd) == 0 && ok;
  if (fd >= 0 && (!ok || replace(name, path) != 0)) ok = false, unlink(name);
  dc_buf_release(&tmp);
  return ok;
}

/* Writes magic + hash + payload to `path` (write_file); failures are not
 * reported. */
static void write_checked(const char *dir, const char *path, const char magic[8], const dc_buf *payload) {
  char head[8 + sizeof(dc_hash)];
  dc_hash h = dc_hash_bytes(DC_HASH_SEED, payload->data, payload->len);
  memcpy(head, magic, 8);
  memcpy(head + 8, &h, sizeof h);
  write_file(dir, path, head, sizeof head, payload);
}

static char *hex(dc_hash h) {
  char *s = dc_xmalloc(33);
  snprintf(s, 33, "%016llx%016llx", (unsigned long long)h.hi, (unsigned long long)h.lo);
  return s;
}

/* The cache file "<dir>/<kind>-<hex of h>" (run-, reads-, scan-, pack-). */
static char *file_of(const char *dir, const char *kind, dc_hash h) {
  char *k = hex(h);
  dc_buf b = DC_BUF_INIT;
  dc_buf_addf(&b, "%s/%s-%s", dir, kind, k);
  free(k);
  return dc_buf_detach(&b, NULL);
}

/* The path of the project's file `name` (facts, memo, graph). */
static char *path_of(const char *dir, const char *name) {
  dc_buf b = DC_BUF_INIT;
  dc_buf_addf(&b, "%s/%s", dir, name);
  return dc_buf_detach(&b, NULL);
}

/* The hex id of the project at `path`: the hash of its real path. */
static char *project_id(const char *path) {
  char *real = realpath(path, NULL);
  char *id = hex(dc_hash_str(DC_HASH_SEED, real ? real : path));
  free(real);
  return id;
}

/* The cache folder, created when missing with `create` (NULL when there is
 * no place). */
static char *cache_dir(bool create) {
  const char *env = getenv("DECYCLE_CACHE_DIR"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  dc_buf b = DC_BUF_INIT;
  if (env && *env) dc_buf_adds(&b, env);
  else if (xdg && *xdg == '/') dc_buf_addf(&b, "%s/decycle", xdg);
  else if (home && *home == '/') dc_buf_addf(&b, "%s/.cache/decycle", home);
  else return NULL;
  char *dir = dc_buf_detach(&b, NULL);
  /* mkdir -p, one component at a time */
  for (char *s = dir + 1; create; s++) {
    if (*s == '/' || !*s) {
      char c = *s;
      *s = '\0';
      if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        free(dir);
        return NULL;
      }
      *s = c;
      if (!c) break;
    }
  }
  return dir;
}

/* old - a cache file or folder and its mtime, for the pruning passes. */
typedef struct old {
  char *name;
  uint64_t mtime;
} old;
typedef dc_vec(old) old_list;

static uint64_t mtime_ns(const struct stat *st) {
  return (uint64_t)st->st_mtim.tv_sec * 1000000000u + (uint64_t)st->st_mtim.tv_nsec;
}

/* Removes the entries of `list` beyond the `keep` newest (by mtime): files,
 * or with `folders` folders and the files in them; frees the names. */
static void remove_all_but_newest(int dir_fd, old_list *list, uint32_t keep, bool folders) {
  /* newest first: selection passes, `keep` is small */
  for (uint32_t kept = 0; kept < keep && kept < list->size; kept++) {
    uint32_t best = kept;
    for (uint32_t i = kept + 1; i < list->size; i++)
      if (list->items[i].mtime > list->items[best].mtime) best = i;
    old t = list->items[kept];
    list->items[kept] = list->items[best];
    list->items[best] = t;
  }
  for (uint32_t i = 0; i < list->size; i++) {
    const char *name = list->items[i].name;
    if (i >= keep && folders) {
      int fd = openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
      struct dirent *e;
      while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) unlinkat(fd, e->d_name, 0);
      if (d) closedir(d);
      else if (fd >= 0) close(fd);
      unlinkat(dir_fd, name, AT_REMOVEDIR);
    } else if (i >= keep) {
      unlinkat(dir_fd, name, 0);
    }
    free(list->items[i].name);
  }
  list->size = 0;
}

/* Whether `name` is a project folder's (32 hex digits). */
static bool project_name(const char *name) {
  size_t n = strspn(name, "0123456789abcdef");
  return n == 32 && !name[n];
}

/* Makes room in the cache folder for one more project: keeps the
 * PROJECTS_KEPT - 1 project folders used last, and removes the files of the
 * earlier layout and temporary files left by runs that died. */
static void make_room(const char *root) {
  DIR *d = opendir(root);
  if (!d) return;
  old_list projects = {0}, stale = {0};
  struct dirent *e;
  struct stat st;
  uint64_t now = dc_cache_now();
  static const char *const flat[] = {"facts-", "run-", "reads-", "scan-", "memo-"};
  while ((e = readdir(d))) {
    if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
    bool is_flat = false;
    for (size_t k = 0; k < sizeof flat / sizeof *flat; k++)
      is_flat |= !strncmp(e->d_name, flat[k], strlen(flat[k]));
    if (S_ISDIR(st.st_mode) && project_name(e->d_name))
      dc_vec_push(&projects, ((old){dc_xstrdup(e->d_name), mtime_ns(&st)}));
    else if (S_ISREG(st.st_mode) &&
             (is_flat || (!strncmp(e->d_name, ".tmp-", 5) && mtime_ns(&st) + STALE_TMP_S * 1000000000ull < now)))
      dc_vec_push(&stale, ((old){dc_xstrdup(e->d_name), 0}));
  }
  remove_all_but_newest(dirfd(d), &projects, PROJECTS_KEPT - 1, true);
  remove_all_but_newest(dirfd(d), &stale, 0, false);
  dc_vec_free(&projects);
  dc_vec_free(&stale);
  closedir(d);
}

/* The cache folder of the project at `path`: <cache folder>/<project id>.
 * With `create`, it is made when missing (after make_room), and marked as
 * used. NULL when there is no such place. */
static char *project_dir(const char *path, bool create) {
  char *root = cache_dir(create), *id = project_id(path);
  char *dir = NULL;
  if (root) {
    dc_buf b = DC_BUF_INIT;
    dc_buf_addf(&b, "%s/%s", root, id);
    dir = dc_buf_detach(&b, NULL);
    if (create && utimensat(AT_FDCWD, dir, NULL, 0) != 0) {
      make_room(root);
      if (mkdir(dir, 0700) != 0 && errno != EEXIST) free(dir), dir = NULL;
    }
  }
  free(root), free(id);
  return dir;
}

static bool same_stat(const dc_file_stat *a, const dc_file_stat *b) {
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_ns == b->mtime_ns &&
         a->ctime_ns == b->ctime_ns;
}

/* Whether stat data recorded by a run that started at `started` can be
 * trusted: modified more than RACY_NS before it (see the top of the file;
 * what changes a file's content or a folder's entries changes its mtime). */
static bool settled(const dc_file_stat *st, uint64_t started) { return st->mtime_ns + RACY_NS < started; }

uint64_t dc_cache_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* The version the facts index is recorded under: facts depend on the rules
 * of the target Python too (lazy annotations from 3.14 on, pywalk.h), so a
 * run for another target ignores the index, and replaces it. */
static const char *facts_version(const dc_cache *c) {
  return dc_py_walk_flags_for(c->p->target_minor) ? DECYCLE_VERSION " lazy-annotations" : DECYCLE_VERSION;
}

/* Loads the facts index; on any problem the index is simply empty. */
static void load_index(dc_cache *c, const char *path) {
  size_t len;
  const char *payload = read_checked(path, FACTS_MAGIC, &c->index, &len);
  if (!payload) return;
  dc_reader r = {payload, payload + len, false};
  uint64_t recorded_start;
  if (dc_get_u32(&r) != FORMAT || dc_get_u32(&r) != BYTE_ORDER_MARK) goto foreign;
  const char *version = dc_get_str(&r);
  if (r.bad || !version || strcmp(version, facts_version(c))) goto foreign;
  recorded_start = dc_get_u64(&r);
  uint32_t n_packs = dc_get_u32(&r);
  for (uint32_t i = 0; !r.bad && i < n_packs; i++) {
    pack k = {0};
    k.name.lo = dc_get_u64(&r), k.name.hi = dc_get_u64(&r);
    k.size = dc_get_u64(&r);
    if (!r.bad) dc_vec_push(&c->packs, k);
  }
  uint32_t n = dc_get_u32(&r);
  for (uint32_t i = 0; !r.bad && i < n; i++) {
    entry e;
    e.path = dc_get_str(&r);
    e.stat = get_stat(&r);
    e.hash.lo = dc_get_u64(&r), e.hash.hi = dc_get_u64(&r);
    e.facts_hash.lo = dc_get_u64(&r), e.facts_hash.hi = dc_get_u64(&r);
    e.pack = dc_get_u32(&r), e.offset = dc_get_u32(&r), e.len = dc_get_u32(&r);
    e.brief.imports = dc_get_u32(&r), e.brief.pragmas = dc_get_u32(&r), e.brief.diags = dc_get_u32(&r);
    if (!e.path || e.pack >= c->packs.size || (uint64_t)e.offset + e.len > c->packs.items[e.pack].size) r.bad = true;
    if (!r.bad) dc_vec_push(&c->entries, e);
  }
  if (r.bad || r.p != r.end) goto foreign;
  /* A pack that is gone (or not whole) is known so now: the files whose
   * blobs it held are parsed, and recorded again, rather than found out
   * when their facts are asked for (parse.c), too late to record them. */
  for (uint32_t k = 0; k < c->packs.size; k++) {
    pack *pk = &c->packs.items[k];
    char *pack_path = file_of(c->dir, "pack", pk->name);
    struct stat st;
    pk->tried = stat(pack_path, &st) != 0 || (uint64_t)st.st_size != 8 + pk->size;
    free(pack_path);
  }
  /* the project's files and the entries are both in path order */
  for (uint32_t i = 0, k = 0; i < c->p->n_files && k < c->entries.size;) {
    const dc_file *f = &c->p->files[i];
    const entry *e = &c->entries.items[k];
    int cmp = strcmp(f->path, e->path);
    if (cmp < 0) {
      i++;
    } else if (cmp > 0) {
      k++;
    } else {
      if (f->kind == DC_MODULE_SOURCE && same_stat(&f->stat, &e->stat) && settled(&e->stat, recorded_start) &&
          !c->packs.items[e->pack].tried)
        c->slots[i] = (slot){.have_hash = true, .trusted = true, .hash = e->hash, .from = e, .facts_hash = e->facts_hash};
      c->slots[i].was = e;
      i++, k++;
    }
  }
  return;
foreign:
  c->entries.size = 0;
  c->packs.size = 0;
  c->changed = true;
}

dc_cache *dc_cache_open(const dc_project *p, uint64_t started_ns) {
  char *dir = project_dir(p->path, true);
  if (!dir) return NULL;
  dc_cache *c = dc_xcalloc(1, sizeof *c);
  c->p = p;
  c->dir = dir;
  c->started_ns = started_ns;
  c->project = project_id(p->path);
  c->slots = dc_xcalloc(p->n_files ? p->n_files : 1, sizeof *c->slots);
  pthread_mutex_init(&c->pack_lock, NULL);
  char *path = path_of(c->dir, "facts");
  load_index(c, path);
  free(path);
  return c;
}

void dc_cache_close(dc_cache *c) {
  if (!c) return;
  for (uint32_t i = 0; i < c->p->n_files; i++) free(c->slots[i].owned);
  free(c->slots);
  free(c->last_reads);
  free(c->by_hash);
  dc_vec_free(&c->entries);
  for (uint32_t i = 0; i < c->packs.size; i++) free_pack(&c->packs.items[i]);
  dc_vec_free(&c->packs);
  dc_vec_free(&c->written);
  pthread_mutex_destroy(&c->pack_lock);
  for (uint32_t i = 0; i < c->memo.entries.size; i++) free(c->memo.entries.items[i].owned);
  dc_vec_free(&c->memo.entries);
  free(c->memo.by_key);
  free(c->memo.file);
  free(c->index);
  free(c->project);
  free(c->dir);
  free(c);
}

bool dc_cache_known(const dc_cache *c, uint32_t i) { return c && c->slots[i].trusted; }

bool dc_cache_defer(const dc_cache *c, uint32_t i, uint32_t *imports, uint32_t *pragmas) {
  const slot *s = &c->slots[i];
  if (!s->trusted || s->from->brief.diags) return false; /* (a trusted slot has `from`, and no blob of its own) */
  *imports = s->from->brief.imports, *pragmas = s->from->brief.pragmas;
  return true;
}

void dc_cache_hash_changed(dc_cache *c, uint32_t limit) {
  uint32_t changed = 0;
  for (uint32_t i = 0; i < c->p->n_files; i++)
    changed += c->p->files[i].kind == DC_MODULE_SOURCE && !c->slots[i].trusted;
  if (changed > limit) return;
  for (uint32_t i = 0; i < c->p->n_files; i++) {
    slot *s = &c->slots[i];
    dc_source src;
    if (c->p->files[i].kind != DC_MODULE_SOURCE || s->trusted) continue;
    if (dc_source_read(c->p->files[i].open_path, &src) != 0) continue; /* parse.c reports it */
    s->hash = dc_hash_bytes(DC_HASH_SEED, src.data, src.len);
    s->have_hash = true;
    free(src.data);
  }
}

/* The index entry with content hash h, or NULL. The table is built by the
 * first caller; parse.c calls dc_cache_prepare first, before its threads. */
static const entry *by_hash(const dc_cache *c, dc_hash h) {
  if (!c->by_hash_cap) return NULL;
  for (uint32_t k = (uint32_t)h.lo & (c->by_hash_cap - 1);; k = (k + 1) & (c->by_hash_cap - 1)) {
    uint32_t v = c->by_hash[k];
    if (!v) return NULL;
    if (dc_hash_eq(c->entries.items[v - 1].hash, h)) return &c->entries.items[v - 1];
  }
}

void dc_cache_prepare(dc_cache *c) {
  if (!c || c->by_hash_cap || !c->entries.size) return;
  uint32_t cap = 16;
  while (cap < c->entries.size * 2) cap *= 2;
  c->by_hash = dc_xcalloc(cap, sizeof *c->by_hash);
  c->by_hash_cap = cap;
  for (uint32_t i = 0; i < c->entries.size; i++) {
    uint32_t k = (uint32_t)c->entries.items[i].hash.lo & (cap - 1);
    while (c->by_hash[k]) k = (k + 1) & (cap - 1);
    c->by_hash[k] = i + 1;
  }
}

/* Reads pack `k` whole (a pack that is not 8 + k->size bytes, or has no
 * magic, stays NULL). Into memory mapped and populated at once: a malloc'd
 * buffer that large is mapped too, but page by page, a fault per 4 KiB
 * touched (Django's 877 KB pack: 0.36 ms, against 0.16 ms, medians of 21;
 * the other threads wait for the pack meanwhile). Not the file itself
 * mapped: a file cut short by anything else would then be a SIGBUS. */
static void read_pack(dc_cache *c, pack *k) {
  char *path = file_of(c->dir, "pack", k->name);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  free(path);
  struct stat st;
  if (fd < 0) return;
  if (fstat(fd, &st) != 0 || (uint64_t)st.st_size != 8 + k->size) {
    close(fd);
    return;
  }
  int flags = MAP_PRIVATE | MAP_ANONYMOUS;
#ifdef MAP_POPULATE
  flags |= MAP_POPULATE;
#endif
  char *data = mmap(NULL, 8 + k->size, PROT_READ | PROT_WRITE, flags, -1, 0);
  size_t len = 0;
  while (data != MAP_FAILED && len < 8 + k->size) {
    ssize_t n = read(fd, data + len, 8 + k->size - len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    len += (size_t)n;
  }
  close(fd);
  if (data == MAP_FAILED) return;
  k->data = data;
  if (len != 8 + k->size || memcmp(data, PACK_MAGIC, 8)) free_pack(k);
}

/* The blob of index entry `e`, when its pack can be read and the blob has
 * the recorded hash; NULL otherwise. Any thread: packs are read under the
 * lock, once. */
static const char *entry_blob(dc_cache *c, const entry *e) {
  pack *k = &c->packs.items[e->pack];
  pthread_mutex_lock(&c->pack_lock);
  if (!k->tried) {
    k->tried = true;
    read_pack(c, k);
  }
  pthread_mutex_unlock(&c->pack_lock);
  if (!k->data) return NULL;
  const char *blob = k->data + 8 + e->offset;
  return dc_hash_eq(dc_hash_bytes(DC_HASH_SEED, blob, e->len), e->facts_hash) ? blob : NULL;
}

bool dc_cache_facts(dc_cache *c, uint32_t i, dc_hash h, const char *path, dc_arena *arena, dc_diags *diags,
                    dc_file_facts **facts) {
  slot *s = &c->slots[i];
  /* else found or recorded by dc_parse_uncached, earlier in this run */
  if (!s->trusted && !((s->from || s->owned) && dc_hash_eq(s->hash, h))) {
    const entry *e = by_hash(c, h);
    if (!e) return false;
    free(s->owned);
    *s = (slot){.have_hash = true, .hash = h, .from = e, .facts_hash = e->facts_hash, .was = s->was};
  }
  const char *blob = s->owned ? s->owned : entry_blob(c, s->from);
  uint32_t len = s->owned ? s->owned_len : s->from->len;
  if (blob && get_facts(blob, len, path, arena, diags, facts)) return true;
  /* a missing or bad blob: parse (and do not record the file as that blob) */
  if (s->was == s->from) s->was = NULL;
  s->have_hash = s->trusted = false, s->from = NULL;
  return false;
}

bool dc_cache_deferred(dc_cache *c, uint32_t i, const char *path, dc_arena *arena, dc_file_facts **facts) {
  const entry *e = c->slots[i].from;
  const char *blob = entry_blob(c, e);
  dc_diags none = {0}; /* (a file with warnings is not deferred) */
  bool ok = blob && get_facts(blob, e->len, path, arena, &none, facts);
  dc_diags_release(&none);
  return ok;
}

void dc_cache_store(dc_cache *c, uint32_t i, dc_hash h, const dc_file_facts *facts, const dc_diag *d, uint32_t n) {
  dc_buf b = DC_BUF_INIT;
  put_facts(&b, facts, d, n);
  size_t len;
  slot *s = &c->slots[i];
  free(s->owned);
  char *blob = dc_buf_detach(&b, &len);
  brief owned_brief = {facts ? facts->n_imports : DC_NO_FACTS, facts ? facts->n_pragmas : 0, n};
  *s = (slot){.have_hash = true, .hash = h, .owned = blob, .owned_len = (uint32_t)len, .owned_brief = owned_brief,
              .facts_hash = dc_hash_bytes(DC_HASH_SEED, blob, len), .was = s->was};
}

void dc_cache_save_facts(dc_cache *c) {
  if (!c) return;
  /* written when any file is new, changed, untrusted or gone */
  uint32_t sources = 0;
  bool changed = c->changed;
  for (uint32_t i = 0; i < c->p->n_files; i++) {
    if (c->p->files[i].kind != DC_MODULE_SOURCE) continue;
    sources++;
    changed |= !c->slots[i].trusted;
  }
  if (!changed && sources == c->entries.size) return;
  /* The packs still used, and how many of their bytes are; the blobs of
   * this run go into a new pack, or, beyond PACKS_MAX packs or when most
   * bytes are dead, every blob does. */
  uint32_t n_old = c->packs.size, live_packs = 0;
  bool *live = dc_xcalloc(n_old ? n_old : 1, sizeof *live);
  uint64_t live_bytes = 0, pack_bytes = 0;
  for (uint32_t i = 0; i < c->p->n_files; i++) {
    slot *s = &c->slots[i];
    /* a file edited without a change to its facts (a comment, say) keeps
     * its recorded blob, unless this run found that blob's pack missing */
    const pack *was_in = s->was ? &c->packs.items[s->was->pack] : NULL;
    if (s->have_hash && s->owned && s->was && dc_hash_eq(s->facts_hash, s->was->facts_hash) &&
        !(was_in->tried && !was_in->data)) {
      free(s->owned);
      s->owned = NULL, s->from = s->was;
    }
    if (!s->have_hash || s->owned || !s->from) continue;
    live_bytes += s->from->len;
    live[s->from->pack] = true;
  }
  for (uint32_t k = 0; k < n_old; k++)
    if (live[k]) live_packs++, pack_bytes += c->packs.items[k].size;
  bool compact = live_packs + 1 > PACKS_MAX || live_bytes * 2 < pack_bytes;
  /* the index entries, in path order, and the new pack */
  dc_buf blobs = DC_BUF_INIT, entries = DC_BUF_INIT;
  uint32_t n = 0, new_pack = compact ? 0 : live_packs;
  uint32_t *renumber = dc_xcalloc(n_old ? n_old : 1, sizeof *renumber);
  for (uint32_t k = 0, next = 0; k < n_old; k++) renumber[k] = live[k] ? next++ : 0;
  for (uint32_t i = 0; i < c->p->n_files; i++) {
    const slot *s = &c->slots[i];
    if (!s->have_hash || !(s->owned || s->from)) continue;
    uint32_t pack_no = new_pack, offset = (uint32_t)blobs.len, len;
    brief bf = s->owned ? s->owned_brief : s->from->brief;
    if (s->owned) {
      dc_buf_add(&blobs, s->owned, s->owned_len);
      len = s->owned_len;
    } else if (compact) {
      const char *blob = entry_blob(c, s->from);
      if (!blob) continue; /* its pack is gone: the file is parsed next time */
      dc_buf_add(&blobs, blob, s->from->len);
      len = s->from->len;
    } else {
      pack_no = renumber[s->from->pack], offset = s->from->offset, len = s->from->len;
    }
    dc_put_str(&entries, c->p->files[i].path);
    put_stat(&entries, &c->p->files[i].stat);
    dc_put_u64(&entries, s->hash.lo), dc_put_u64(&entries, s->hash.hi);
    dc_put_u64(&entries, s->facts_hash.lo), dc_put_u64(&entries, s->facts_hash.hi);
    dc_put_u32(&entries, pack_no), dc_put_u32(&entries, offset), dc_put_u32(&entries, len);
    dc_put_u32(&entries, bf.imports), dc_put_u32(&entries, bf.pragmas), dc_put_u32(&entries, bf.diags);
    n++;
  }
  bool have_new = blobs.len > 0;
  dc_hash name = have_new ? dc_hash_bytes(DC_HASH_SEED, blobs.data, blobs.len) : (dc_hash){0, 0};
  char *pack_file = have_new ? file_of(c->dir, "pack", name) : NULL;
  bool pack_ok = !have_new || (blobs.len <= UINT32_MAX && write_file(c->dir, pack_file, PACK_MAGIC, 8, &blobs));
  free(pack_file);
  if (pack_ok) {
    /* the packs of the new index: those still used, then the new one */
    pack_list packs = {0};
    for (uint32_t k = 0; k < n_old && !compact; k++)
      if (live[k]) dc_vec_push(&packs, ((pack){.name = c->packs.items[k].name, .size = c->packs.items[k].size}));
    if (have_new) dc_vec_push(&packs, ((pack){.name = name, .size = blobs.len}));
    dc_buf b = DC_BUF_INIT;
    dc_put_u32(&b, FORMAT), dc_put_u32(&b, BYTE_ORDER_MARK);
    dc_put_str(&b, facts_version(c)), dc_put_u64(&b, c->started_ns);
    dc_put_u32(&b, packs.size);
    for (uint32_t k = 0; k < packs.size; k++)
      dc_put_u64(&b, packs.items[k].name.lo), dc_put_u64(&b, packs.items[k].name.hi),
          dc_put_u64(&b, packs.items[k].size);
    dc_put_u32(&b, n);
    dc_buf_add(&b, entries.data, entries.len);
    char *path = path_of(c->dir, "facts");
    write_checked(c->dir, path, FACTS_MAGIC, &b);
    free(path);
    dc_buf_release(&b);
    /* The packs the old index used and the new one does not are removed
     * (a run that read the old index then parses the files it misses). */
    for (uint32_t k = 0; k < n_old; k++) {
      bool kept = false;
      for (uint32_t j = 0; j < packs.size; j++) kept |= dc_hash_eq(packs.items[j].name, c->packs.items[k].name);
      if (kept) continue;
      char *unused = file_of(c->dir, "pack", c->packs.items[k].name);
      unlink(unused);
      free(unused);
    }
    dc_vec_free(&c->written);
    c->written = packs;
    c->wrote_index = true;
  }
  free(live);
  free(renumber);
  dc_buf_release(&blobs);
  dc_buf_release(&entries);
}

/* ---- whole runs -------------------------------------------------------------- */

/* The key of a run: with `content_of` NULL, every source file counts by
 * its content hash; else only the files it marks do, and the others by the
 * hash of their facts (what the plan reads of them). False when a source
 * file has no hash. */
static bool run_key(dc_cache *c, const char *options, const dc_diags *scan_diags, const bool *content_of,
                    dc_hash *key) {
  const dc_project *p = c->p;
  dc_hash h = dc_hash_str(DC_HASH_SEED, content_of ? "facts run " DECYCLE_VERSION : "run " DECYCLE_VERSION);
  h = dc_hash_str(dc_hash_str(h, options), c->project);
  h = dc_hash_bytes(h, &p->listing, sizeof p->listing);
  for (uint32_t i = 0; i < p->n_roots; i++) h = dc_hash_str(h, p->roots[i]);
  for (uint32_t i = 0; i < p->n_files; i++) {
    const dc_file *f = &p->files[i];
    const slot *s = &c->slots[i];
    h = dc_hash_str(dc_hash_str(dc_hash_u64(h, (uint64_t)f->kind << 32 | f->stat.mode), f->path), f->module);
    if (f->kind != DC_MODULE_SOURCE) continue;
    if (!s->have_hash) return false;
    if (!content_of || content_of[i]) {
      h = dc_hash_bytes(dc_hash_u64(h, 1), &s->hash, sizeof s->hash);
    } else {
      dc_hash facts;
      if (!dc_cache_file_hashes(c, i, NULL, &facts)) return false;
      h = dc_hash_bytes(dc_hash_u64(h, 2), &facts, sizeof facts);
    }
  }
  for (uint32_t i = 0; i < scan_diags->size; i++) {
    const dc_diag *d = &scan_diags->items[i];
    h = dc_hash_str(dc_hash_str(dc_hash_u64(h, ((uint64_t)d->line << 32) | d->col), d->path), d->message);
  }
  /* pyproject.toml at PATH, which may hold options */
  dc_buf path = DC_BUF_INIT;
  dc_buf_addf(&path, "%s/pyproject.toml", p->path);
  dc_source src;
  if (dc_source_read(dc_buf_str(&path), &src) == 0) {
    h = dc_hash_bytes(dc_hash_str(h, "pyproject"), src.data, src.len);
    free(src.data);
  }
  dc_buf_release(&path);
  *key = h;
  return true;
}

bool dc_cache_run_key(dc_cache *c, const char *options, const dc_diags *scan_diags, dc_hash *key) {
  return run_key(c, options, scan_diags, NULL, key);
}

bool dc_cache_facts_run_key(dc_cache *c, const char *options, const dc_diags *scan_diags, dc_hash *key) {
  char *path = file_of(c->dir, "reads", dc_hash_str(DC_HASH_SEED, options)), *whole;
  size_t len;
  const char *payload = read_checked(path, READS_MAGIC, &whole, &len);
  free(path);
  if (!payload) return false;
  dc_reader r = {payload, payload + len, false};
  bool *content_of = dc_xcalloc(c->p->n_files ? c->p->n_files : 1, 1);
  bool ok = get_header(&r);
  /* paths in project order; one that is gone makes the key differ anyway */
  uint32_t n = dc_get_u32(&r), i = 0;
  for (uint32_t k = 0; ok && k < n; k++) {
    const char *read = dc_get_str(&r);
    if (r.bad || !read) break;
    while (i < c->p->n_files && strcmp(c->p->files[i].path, read) < 0) i++;
    if (i < c->p->n_files && !strcmp(c->p->files[i].path, read)) content_of[i] = true;
  }
  ok = ok && !r.bad && r.p == r.end && run_key(c, options, scan_diags, content_of, key);
  if (ok) c->have_reads = true, c->reads_hash = dc_hash_bytes(DC_HASH_SEED, payload, len);
  free(c->last_reads);
  c->last_reads = ok ? content_of : NULL;
  if (!ok) free(content_of);
  free(whole);
  return ok;
}

uint32_t dc_cache_changed_reads(const dc_cache *c, uint32_t *out, uint32_t cap) {
  uint32_t n = 0;
  for (uint32_t i = 0; c && c->last_reads && i < c->p->n_files && n < cap; i++) {
    const slot *s = &c->slots[i];
    if (c->last_reads[i] && s->have_hash && !(s->was && dc_hash_eq(s->hash, s->was->hash))) out[n++] = i;
  }
  return n;
}

bool dc_cache_replay(dc_cache *c, dc_hash key, char **out, size_t *out_len, char **err, size_t *err_len,
                     int *status) {
  char *path = file_of(c->dir, "run", key), *whole;
  size_t len;
  const char *payload = read_checked(path, RUN_MAGIC, &whole, &len);
  free(path);
  if (!payload) return false;
  dc_reader r = {payload, payload + len, false};
  bool ok = get_header(&r);
  dc_hash k;
  k.lo = dc_get_u64(&r), k.hi = dc_get_u64(&r);
  ok = ok && !r.bad && dc_hash_eq(k, key);
  *status = (int)dc_get_u32(&r);
  *out_len = dc_get_u64(&r);
  const char *o = dc_take(&r, *out_len);
  *err_len = dc_get_u64(&r);
  const char *e = dc_take(&r, *err_len);
  ok = ok && !r.bad && r.p == r.end;
  if (ok) {
    *out = dc_xmalloc(*out_len + 1), memcpy(*out, o, *out_len);
    *err = dc_xmalloc(*err_len + 1), memcpy(*err, e, *err_len);
  }
  free(whole);
  return ok;
}

/* Whether `name` is the file of a pack the current index uses. */
static bool pack_in_use(const dc_cache *c, const char *name) {
  const pack *packs = c->wrote_index ? c->written.items : c->packs.items;
  uint32_t n = c->wrote_index ? c->written.size : c->packs.size;
  for (uint32_t k = 0; k < n; k++) {
    char *h = hex(packs[k].name);
    bool same = !strcmp(name + 5, h);
    free(h);
    if (same) return true;
  }
  return false;
}

/* Keeps the RUNS_KEPT newest run files of the project, and removes the
 * packs that no index uses: those of no index for over STALE_TMP_S (two
 * runs that write their index at once leave one of their packs unused). */
static void prune_runs(const dc_cache *c) {
  DIR *d = opendir(c->dir);
  if (!d) return;
  old_list runs = {0}, dead = {0};
  struct dirent *e;
  struct stat st;
  uint64_t now = dc_cache_now();
  while ((e = readdir(d))) {
    bool run = !strncmp(e->d_name, "run-", 4), is_pack = !strncmp(e->d_name, "pack-", 5);
    if ((!run && !is_pack) || fstatat(dirfd(d), e->d_name, &st, 0) != 0) continue;
    if (run) dc_vec_push(&runs, ((old){dc_xstrdup(e->d_name), mtime_ns(&st)}));
    else if (mtime_ns(&st) + STALE_TMP_S * 1000000000ull < now && !pack_in_use(c, e->d_name))
      dc_vec_push(&dead, ((old){dc_xstrdup(e->d_name), 0}));
  }
  remove_all_but_newest(dirfd(d), &runs, RUNS_KEPT, false);
  remove_all_but_newest(dirfd(d), &dead, 0, false);
  dc_vec_free(&runs);
  dc_vec_free(&dead);
  closedir(d);
}

/* Writes one run file. */
static void write_run(dc_cache *c, dc_hash key, const char *out, size_t out_len, const char *err, size_t err_len,
                      int status) {
  dc_buf b = DC_BUF_INIT;
  put_header(&b);
  dc_put_u64(&b, key.lo), dc_put_u64(&b, key.hi), dc_put_u32(&b, (uint32_t)status);
  dc_put_u64(&b, out_len), dc_buf_add(&b, out, out_len);
  dc_put_u64(&b, err_len), dc_buf_add(&b, err, err_len);
  char *path = file_of(c->dir, "run", key);
  write_checked(c->dir, path, RUN_MAGIC, &b);
  free(path);
  dc_buf_release(&b);
}

void dc_cache_save_run(dc_cache *c, const char *options, const dc_diags *scan_diags, const bool *reread,
                       const char *out, size_t out_len, const char *err, size_t err_len, int status) {
  dc_hash key;
  if (!run_key(c, options, scan_diags, NULL, &key)) return;
  write_run(c, key, out, out_len, err, err_len, status);
  if (reread && run_key(c, options, scan_diags, reread, &key)) {
    write_run(c, key, out, out_len, err, err_len, status);
    dc_buf b = DC_BUF_INIT;
    put_header(&b);
    uint32_t n = 0;
    for (uint32_t i = 0; i < c->p->n_files; i++) n += reread[i];
    dc_put_u32(&b, n);
    for (uint32_t i = 0; i < c->p->n_files; i++)
      if (reread[i]) dc_put_str(&b, c->p->files[i].path);
    if (!c->have_reads || !dc_hash_eq(c->reads_hash, dc_hash_bytes(DC_HASH_SEED, b.data, b.len))) {
      char *path = file_of(c->dir, "reads", dc_hash_str(DC_HASH_SEED, options));
      write_checked(c->dir, path, READS_MAGIC, &b);
      free(path);
    }
    dc_buf_release(&b);
  }
  prune_runs(c);
}

/* ---- the plan's memo ----------------------------------------------------------- */

bool dc_cache_file_hashes(dc_cache *c, uint32_t i, dc_hash *content, dc_hash *facts) {
  const slot *s = &c->slots[i];
  if (!s->have_hash || !(s->owned || s->from)) return false;
  if (content) *content = s->hash;
  if (facts) *facts = s->facts_hash;
  return true;
}

/* Adds entry i to the key table (which has room). */
static void memo_index(struct memo *m, uint32_t i) {
  uint32_t k = (uint32_t)m->entries.items[i].key.lo & (m->cap - 1);
  while (m->by_key[k]) k = (k + 1) & (m->cap - 1);
  m->by_key[k] = i + 1;
}

/* Makes room in the key table for one more entry (it stays at most half
 * full), rebuilding it when it grows. */
static void memo_grow(struct memo *m) {
  if (2 * (m->entries.size + 1) <= m->cap) return;
  free(m->by_key);
  m->cap = m->cap ? 2 * m->cap : 256;
  while (2 * (m->entries.size + 1) > m->cap) m->cap *= 2;
  m->by_key = dc_xcalloc(m->cap, sizeof *m->by_key);
  for (uint32_t i = 0; i < m->entries.size; i++) memo_index(m, i);
}

/* Loads the memo file; on any problem the memo is simply empty. */
static void memo_load(dc_cache *c) {
  struct memo *m = &c->memo;
  m->loaded = true;
  char *path = path_of(c->dir, "memo");
  size_t len;
  const char *payload = read_checked(path, MEMO_MAGIC, &m->file, &len);
  free(path);
  if (!payload) return;
  dc_reader r = {payload, payload + len, false};
  bool ok = get_header(&r);
  uint32_t n = ok ? dc_get_u32(&r) : 0;
  for (uint32_t i = 0; ok && i < n && !r.bad; i++) {
    memo_entry e = {.key = {dc_get_u64(&r), dc_get_u64(&r)}};
    e.len = dc_get_u32(&r);
    e.blob = dc_take(&r, e.len);
    if (!r.bad) dc_vec_push(&m->entries, e);
  }
  if (r.bad || r.p != r.end) m->entries.size = 0;
  memo_grow(m);
}

/* The index of the entry with `key`, or -1. */
static int32_t memo_find(const struct memo *m, dc_hash key) {
  if (!m->cap) return -1;
  for (uint32_t k = (uint32_t)key.lo & (m->cap - 1); m->by_key[k]; k = (k + 1) & (m->cap - 1))
    if (dc_hash_eq(m->entries.items[m->by_key[k] - 1].key, key)) return (int32_t)m->by_key[k] - 1;
  return -1;
}

const char *dc_cache_memo_get(dc_cache *c, dc_hash key, uint32_t *len) {
  if (!c->memo.loaded) memo_load(c);
  int32_t i = memo_find(&c->memo, key);
  if (i < 0) return NULL;
  memo_entry *e = &c->memo.entries.items[i];
  e->used = true;
  *len = e->len;
  return e->blob;
}

void dc_cache_memo_put(dc_cache *c, dc_hash key, const void *blob, uint32_t len) {
  struct memo *m = &c->memo;
  if (!m->loaded) memo_load(c);
  char *copy = dc_xmalloc(len ? len : 1);
  memcpy(copy, blob, len);
  int32_t i = memo_find(m, key);
  if (i >= 0) {
    memo_entry *e = &m->entries.items[i];
    free(e->owned);
    *e = (memo_entry){key, copy, len, true, copy};
  } else {
    memo_grow(m);
    dc_vec_push(&m->entries, ((memo_entry){key, copy, len, true, copy}));
    memo_index(m, m->entries.size - 1);
  }
  m->changed = true;
}

/* ---- the graph ------------------------------------------------------------------ */

/* The key of the graph of this run: every file's path, module, kind and
 * package flag, and the hash of its facts (the graph reads nothing else of
 * a file), and the namespace packages. False when a file has facts whose
 * hash this run does not know. */
static bool graph_key(dc_cache *c, const dc_facts *facts, dc_hash *key) {
  const dc_project *p = c->p;
  dc_hash h = dc_hash_str(DC_HASH_SEED, "graph " DECYCLE_VERSION);
  for (uint32_t i = 0; i < p->n_files; i++) {
    const dc_file *f = &p->files[i];
    h = dc_hash_str(dc_hash_str(dc_hash_u64(h, (uint64_t)f->kind << 32 | f->is_package), f->path), f->module);
    dc_hash facts_hash = {0, 0};
    bool has = dc_facts_imports(facts, i) != DC_NO_FACTS;
    if (has && !dc_cache_file_hashes(c, i, NULL, &facts_hash)) return false;
    h = dc_hash_bytes(dc_hash_u64(h, has), &facts_hash, sizeof facts_hash);
  }
  for (uint32_t i = 0; i < p->n_namespaces; i++) h = dc_hash_str(h, p->namespaces[i]);
  *key = h;
  return true;
}

dc_graph *dc_cache_graph(dc_cache *c, const dc_facts *facts, dc_arena *arena, dc_diags *diags) {
  dc_hash key;
  if (!c || !graph_key(c, facts, &key)) return NULL;
  char *path = path_of(c->dir, "graph"), *whole;
  size_t len;
  const char *payload = read_checked(path, GRAPH_MAGIC, &whole, &len);
  free(path);
  if (!payload) return NULL;
  dc_reader r = {payload, payload + len, false};
  bool ours = get_header(&r);
  dc_hash recorded;
  recorded.lo = dc_get_u64(&r);
  recorded.hi = dc_get_u64(&r);
  const dc_project *p = c->p;
  if (!ours || r.bad || !dc_hash_eq(recorded, key) || dc_get_u32(&r) != p->n_files) {
    free(whole);
    return NULL;
  }
  char *copy = dc_arena_memdup(arena, payload, len, 1); /* the statements point into it */
  r = (dc_reader){copy + (r.p - payload), copy + len, false};
  free(whole);
  dc_graph *g = dc_arena_alloc(arena, sizeof *g);
  uint32_t n = p->n_files;
  g->n_modules = n;
  g->names = get_array(&r, arena, n, sizeof *g->names, 4);
  g->file = get_array(&r, arena, n, sizeof *g->file, 4);
  for (uint32_t m = 0; m < n && !r.bad; m++) {
    g->file[m] = dc_get_u32(&r);
    if (g->file[m] >= n) r.bad = true;
    else g->names[m] = p->files[g->file[m]].module;
  }
  g->n_edges = dc_get_u32(&r);
  g->edges = get_array(&r, arena, g->n_edges, sizeof *g->edges, 16);
  uint32_t n_sites = dc_get_u32(&r);
  dc_site *sites = get_array(&r, arena, n_sites, sizeof *sites, 24), *next = sites;
  for (uint32_t e = 0; e < g->n_edges && !r.bad; e++) {
    dc_edge *edge = &g->edges[e];
    edge->from = dc_get_u32(&r), edge->to = dc_get_u32(&r), edge->kind = (dc_scope)dc_get_u32(&r);
    edge->n_sites = dc_get_u32(&r);
    if (edge->from >= n || edge->to >= n || (e && edge->from < g->edges[e - 1].from) ||
        edge->n_sites > n_sites - (uint32_t)(next - sites)) {
      r.bad = true;
      break;
    }
    edge->sites = next;
    for (uint32_t k = 0; k < edge->n_sites; k++, next++) {
      next->file = dc_get_u32(&r), next->import_index = (int32_t)dc_get_u32(&r), next->kind = (dc_scope)dc_get_u32(&r);
      next->line = dc_get_u32(&r), next->col = dc_get_u32(&r), next->statement = dc_get_str(&r);
      uint32_t imports = next->file < n ? dc_facts_imports(facts, next->file) : DC_NO_FACTS;
      if (imports == DC_NO_FACTS || next->import_index < -1 ||
          (next->import_index >= 0 && (uint32_t)next->import_index >= imports))
        r.bad = true;
    }
  }
  dc_diags mine = {0};
  get_diags(&r, &mine);
  if (r.bad || r.p != r.end || next != sites + n_sites) {
    dc_diags_release(&mine);
    return NULL;
  }
  dc_diags_append(diags, &mine);
  dc_diags_release(&mine);
  g->first_edge = dc_arena_alloc(arena, ((size_t)n + 1) * sizeof *g->first_edge);
  for (uint32_t m = 0, e = 0; m <= n; m++) {
    while (e < g->n_edges && g->edges[e].from < m) e++;
    g->first_edge[m] = e;
  }
  return g;
}

void dc_cache_save_graph(dc_cache *c, const dc_facts *facts, const dc_graph *g, const dc_diag *d,
                         uint32_t n_diags) {
  dc_hash key;
  if (!c || !graph_key(c, facts, &key)) return;
  dc_buf b = DC_BUF_INIT;
  put_header(&b);
  dc_put_u64(&b, key.lo), dc_put_u64(&b, key.hi);
  dc_put_u32(&b, g->n_modules);
  for (uint32_t m = 0; m < g->n_modules; m++) dc_put_u32(&b, g->file[m]);
  uint32_t n_sites = 0;
  for (uint32_t e = 0; e < g->n_edges; e++) n_sites += g->edges[e].n_sites;
  dc_put_u32(&b, g->n_edges), dc_put_u32(&b, n_sites);
  for (uint32_t e = 0; e < g->n_edges; e++) {
    const dc_edge *edge = &g->edges[e];
    dc_put_u32(&b, edge->from), dc_put_u32(&b, edge->to), dc_put_u32(&b, (uint32_t)edge->kind);
    dc_put_u32(&b, edge->n_sites);
    for (uint32_t k = 0; k < edge->n_sites; k++) {
      const dc_site *site = &edge->sites[k];
      dc_put_u32(&b, site->file), dc_put_u32(&b, (uint32_t)site->import_index), dc_put_u32(&b, (uint32_t)site->kind);
      dc_put_u32(&b, site->line), dc_put_u32(&b, site->col), dc_put_str(&b, site->statement);
    }
  }
  put_diags(&b, d, n_diags);
  char *path = path_of(c->dir, "graph");
  write_checked(c->dir, path, GRAPH_MAGIC, &b);
  free(path);
  dc_buf_release(&b);
}

void dc_cache_save_memo(dc_cache *c) {
  if (!c || !c->memo.changed) return;
  const struct memo *m = &c->memo;
  dc_buf b = DC_BUF_INIT;
  put_header(&b);
  uint32_t n = 0;
  for (uint32_t i = 0; i < m->entries.size; i++) n += m->entries.items[i].used;
  dc_put_u32(&b, n);
  for (uint32_t i = 0; i < m->entries.size; i++) {
    const memo_entry *e = &m->entries.items[i];
    if (!e->used) continue;
    dc_put_u64(&b, e->key.lo), dc_put_u64(&b, e->key.hi), dc_put_u32(&b, e->len);
    dc_buf_add(&b, e->blob, e->len);
  }
  char *path = path_of(c->dir, "memo");
  write_checked(c->dir, path, MEMO_MAGIC, &b);
  free(path);
  dc_buf_release(&b);
}

/* ---- the scan ---------------------------------------------------------------- */

void dc_cache_save_scan(const char *path, const char *scan_key, const dc_project *p, const dc_diags *scan_diags,
                        uint64_t started_ns) {
  char *dir = project_dir(path, true);
  if (!dir) return;
  dc_buf b = DC_BUF_INIT;
  put_header(&b);
  dc_put_u64(&b, started_ns);
  dc_put_str(&b, scan_key);
  dc_put_u32(&b, p->n_dirs);
  for (uint32_t i = 0; i < p->n_dirs; i++) dc_put_str(&b, p->dirs[i].open_path), put_stat(&b, &p->dirs[i].stat);
  dc_put_u32(&b, p->n_roots);
  for (uint32_t i = 0; i < p->n_roots; i++) dc_put_str(&b, p->roots[i]);
  dc_put_u32(&b, p->n_files);
  for (uint32_t i = 0; i < p->n_files; i++) {
    const dc_file *f = &p->files[i];
    dc_put_str(&b, f->path), dc_put_str(&b, f->open_path), dc_put_str(&b, f->module);
    dc_put_u32(&b, (uint32_t)f->kind), dc_put_u32(&b, f->is_package);
  }
  dc_put_u32(&b, p->n_namespaces);
  for (uint32_t i = 0; i < p->n_namespaces; i++) dc_put_str(&b, p->namespaces[i]);
  dc_put_u64(&b, p->listing.lo), dc_put_u64(&b, p->listing.hi);
  put_diags(&b, scan_diags->items, scan_diags->size);
  char *file = file_of(dir, "scan", dc_hash_str(DC_HASH_SEED, scan_key));
  write_checked(dir, file, SCAN_MAGIC, &b);
  free(file), free(dir);
  dc_buf_release(&b);
}

/* stat(2) of `open_path`, relative to the folder `root` (root_len bytes,
 * open as `root_fd`, or -1) when the path lies inside it: the kernel then
 * does not look up every folder above PATH again on each of the thousands
 * of calls of a replayed scan. */
static int stat_under(int root_fd, const char *root, size_t root_len, const char *open_path, struct stat *st) {
  if (root_fd >= 0 && !strncmp(open_path, root, root_len) && open_path[root_len] == '/') {
    const char *rest = open_path + root_len + 1;
    if (*rest && *rest != '/') return fstatat(root_fd, rest, st, 0);
  }
  return stat(open_path, st);
}

/* PATH opened only to start lookups from, or -1. */
static int open_root(const char *path) {
#ifdef O_PATH
  return open(path, O_PATH | O_CLOEXEC);
#else
  return open(path, O_RDONLY | O_CLOEXEC);
#endif
}

/* stat_check - the stat data of a replayed scan, checked on several
 * threads: items [0, n_dirs) are the folders, the rest the files. */
typedef struct stat_check {
  dc_project *p;
  const char *root;
  size_t root_len;
  uint64_t started;
  atomic_bool stale;
} stat_check;

typedef struct stat_range {
  stat_check *check;
  uint32_t from, to;
  pthread_t thread;
  bool running;
} stat_range;

/* Checks items [from, to): a folder must have its recorded stat data
 * (settled; all zero: still missing), a file must still be a regular file,
 * whose stat data it takes. Each thread opens PATH itself: on a shared
 * descriptor, every lookup of every thread counts references on the same
 * open file, and the threads then slow each other down (10% in a test
 * program on Django's 3,222 paths). */
static void *check_stats(void *arg) {
  stat_range *r = arg;
  stat_check *c = r->check;
  dc_project *p = c->p;
  int root_fd = open_root(c->root);
  for (uint32_t i = r->from; i < r->to && !atomic_load_explicit(&c->stale, memory_order_relaxed); i++) {
    struct stat st;
    if (i < p->n_dirs) {
      dc_dir_stat *d = &p->dirs[i];
      dc_file_stat now = {0};
      if (stat_under(root_fd, c->root, c->root_len, d->open_path, &st) == 0) now = dc_file_stat_of(&st);
      if (!same_stat(&d->stat, &now) || (d->stat.ino && !settled(&d->stat, c->started)))
        atomic_store(&c->stale, true);
    } else {
      dc_file *f = &p->files[i - p->n_dirs];
      if (stat_under(root_fd, c->root, c->root_len, f->open_path, &st) != 0 || !S_ISREG(st.st_mode)) {
        atomic_store(&c->stale, true);
      } else {
        f->stat = dc_file_stat_of(&st);
        f->size = f->stat.size;
      }
    }
  }
  if (root_fd >= 0) close(root_fd);
  return NULL;
}

/* Whether the folders and files of replayed scan `p` of `path` are as
 * recorded by a run that started at `started`. The thousands of stat calls
 * are most of a run over an unchanged tree, so they are split over up to
 * `jobs` threads (as git's preload-index does), a thread for at least
 * STATS_PER_THREAD of them. */
#define STATS_PER_THREAD 512
#define MAX_STAT_THREADS 16
static bool stats_hold(dc_project *p, const char *path, uint64_t started, unsigned jobs) {
  stat_check c = {p, path, strlen(path), started, false};
  uint32_t n = p->n_dirs + p->n_files;
  unsigned threads = n / STATS_PER_THREAD;
  if (threads > jobs) threads = jobs;
  if (threads > MAX_STAT_THREADS) threads = MAX_STAT_THREADS;
  if (threads < 1) threads = 1;
  stat_range ranges[MAX_STAT_THREADS];
  for (unsigned t = 0; t < threads; t++) {
    ranges[t] = (stat_range){.check = &c, .from = (uint32_t)((uint64_t)n * t / threads),
                             .to = (uint32_t)((uint64_t)n * (t + 1) / threads)};
    ranges[t].running = t > 0 && dc_thread_start(&ranges[t].thread, check_stats, &ranges[t], t - 1);
  }
  /* the calling thread checks the first range, and any whose thread did not start */
  for (unsigned t = 0; t < threads; t++) {
    if (ranges[t].running) pthread_join(ranges[t].thread, NULL);
    else check_stats(&ranges[t]);
  }
  return !atomic_load(&c.stale);
}

bool dc_cache_has_facts(const char *path) {
  char *dir = project_dir(path, false);
  if (!dir) return false;
  char *index = path_of(dir, "facts");
  bool has = access(index, F_OK) == 0;
  free(index), free(dir);
  return has;
}

dc_project *dc_cache_scan(const char *path, const char *scan_key, unsigned jobs, dc_arena *arena, dc_diags *diags) {
  char *dir = project_dir(path, false);
  if (!dir) return NULL;
  char *file = file_of(dir, "scan", dc_hash_str(DC_HASH_SEED, scan_key)), *whole;
  free(dir);
  size_t len;
  const char *payload = read_checked(file, SCAN_MAGIC, &whole, &len);
  free(file);
  if (!payload) return NULL;
  dc_reader r = {payload, payload + len, false};
  dc_project *p = NULL;
  dc_diags mine = {0};
  if (!get_header(&r)) goto out;
  uint64_t started = dc_get_u64(&r);
  const char *key = dc_get_str(&r);
  if (r.bad || !key || strcmp(key, scan_key)) goto out;
  /* The project's strings point into one copy of the payload in the arena
   * rather than into thousands of copies of their own (a scan that turns
   * out stale leaves the copy there, next to the new scan). */
  char *copy = dc_arena_memdup(arena, payload, len, 1);
  r = (dc_reader){copy + (r.p - payload), copy + len, false};
  free(whole);
  whole = NULL;
  p = dc_arena_alloc(arena, sizeof *p);
  p->n_dirs = dc_get_u32(&r);
  p->dirs = get_array(&r, arena, p->n_dirs, sizeof *p->dirs, 48);
  for (uint32_t i = 0; i < p->n_dirs && !r.bad; i++) {
    dc_dir_stat *d = &p->dirs[i];
    d->open_path = dc_get_str(&r);
    d->stat = get_stat(&r);
    if (!d->open_path) r.bad = true;
  }
  p->path = dc_arena_strdup(arena, path);
  p->n_roots = dc_get_u32(&r);
  p->roots = get_array(&r, arena, p->n_roots, sizeof *p->roots, 5);
  for (uint32_t i = 0; i < p->n_roots && !r.bad; i++) p->roots[i] = dc_get_str(&r);
  p->n_files = dc_get_u32(&r);
  p->files = get_array(&r, arena, p->n_files, sizeof *p->files, 20);
  for (uint32_t i = 0; i < p->n_files && !r.bad; i++) {
    dc_file *f = &p->files[i];
    f->path = dc_get_str(&r), f->open_path = dc_get_str(&r), f->module = dc_get_str(&r);
    f->kind = (dc_module_kind)dc_get_u32(&r), f->is_package = dc_get_u32(&r);
    if (!f->open_path) r.bad = true;
  }
  p->n_namespaces = dc_get_u32(&r);
  p->namespaces = get_array(&r, arena, p->n_namespaces, sizeof *p->namespaces, 5);
  for (uint32_t i = 0; i < p->n_namespaces && !r.bad; i++) p->namespaces[i] = dc_get_str(&r);
  p->listing.lo = dc_get_u64(&r), p->listing.hi = dc_get_u64(&r);
  get_diags(&r, &mine);
  /* every folder the scan looked into must be as it was, every file there */
  if (r.bad || r.p != r.end || !stats_hold(p, path, started, jobs)) {
    p = NULL;
    goto out;
  }
  dc_diags_append(diags, &mine);
out:
  dc_diags_release(&mine);
  free(whole);
  return p;
}
