/*
 * memo.c - see memo.h. An entry's blob: the deps (kind, index, hash and,
 * for a part of a text, the part's hash each), then the verdict: strategy,
 * reason, where, cost. Not its choices (the units and their strategies),
 * which only a rewrite uses.
 */
#include "memo.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "constants.h"
#include "fields.h"
#include "parse.h"
#include "vec.h"

enum { N_KINDS = 5 };
enum { DEP_BYTES = 2 * sizeof(uint32_t) + 2 * sizeof(dc_hash) }; /* a dep in a blob */
enum { HASH_NOT_YET, HASH_KNOWN, HASH_UNKNOWN };

/* dep - a read: the hash of what was read and, for a part of a text
 * (is_part), the content hash in `hash` and the part's in `part`. */
typedef struct dep {
  uint32_t kind, index;
  dc_hash hash, part;
} dep;

static bool is_part(uint32_t kind) { return kind == DC_DEP_DEFINES || kind == DC_DEP_CHANGES; }

struct dc_memo {
  dc_cache *cache;
  const dc_project *p;
  const dc_graph *g;
  dc_hash base; /* decycle's version, the options, the layout */
  /* per kind and index: the hash of the dep in this run, once asked; and
   * for a part of a text, the part's */
  dc_hash *now[N_KINDS], *part_now[N_KINDS];
  uint8_t *state[N_KINDS], *part_state[N_KINDS];
  const dc_graph_in_edges *in;
  /* the current trace; `seen` holds the trace number of the last one that
   * recorded a dep, per kind and index */
  bool tracing, spoiled;
  dc_vec(dep) deps;
  uint32_t *seen[N_KINDS];
  uint32_t trace;
};

static uint32_t n_of(const dc_memo *m, uint32_t kind) {
  return kind == DC_DEP_IMPORTERS ? m->g->n_modules : m->p->n_files;
}

dc_memo *dc_memo_new(dc_cache *cache, const dc_project *p, const dc_graph *g, const dc_graph_in_edges *in,
                     uint32_t disabled, const char *config_override) {
  dc_memo *m = dc_xcalloc(1, sizeof *m);
  m->cache = cache;
  m->p = p;
  m->g = g;
  m->in = in;
  dc_hash h = dc_hash_str(DC_HASH_SEED, "memo " DECYCLE_VERSION);
  h = dc_hash_str(dc_hash_u64(dc_hash_u64(h, disabled), p->target_minor), config_override);
  h = dc_hash_bytes(h, &p->listing, sizeof p->listing);
  for (uint32_t i = 0; i < p->n_roots; i++) h = dc_hash_str(h, p->roots[i]);
  for (uint32_t i = 0; i < p->n_files; i++) {
    const dc_file *f = &p->files[i];
    h = dc_hash_str(dc_hash_str(dc_hash_u64(h, (uint64_t)f->kind << 1 | f->is_package), f->path), f->module);
  }
  for (uint32_t i = 0; i < p->n_namespaces; i++) h = dc_hash_str(h, p->namespaces[i]);
  m->base = h;
  for (uint32_t k = 0; k < N_KINDS; k++) {
    uint32_t n = n_of(m, k) ? n_of(m, k) : 1;
    m->now[k] = dc_xmalloc(n * sizeof *m->now[k]);
    m->state[k] = dc_xcalloc(n, 1);
    m->part_now[k] = is_part(k) ? dc_xmalloc(n * sizeof *m->part_now[k]) : NULL;
    m->part_state[k] = is_part(k) ? dc_xcalloc(n, 1) : NULL;
    m->seen[k] = dc_xcalloc(n, sizeof *m->seen[k]);
  }
  return m;
}

void dc_memo_free(dc_memo *m) {
  if (!m) return;
  for (uint32_t k = 0; k < N_KINDS; k++) {
    free(m->now[k]);
    free(m->state[k]);
    free(m->part_now[k]);
    free(m->part_state[k]);
    free(m->seen[k]);
  }
  dc_vec_free(&m->deps);
  free(m);
}

static dc_hash hash_sites(dc_hash h, const dc_edge *e) {
  h = dc_hash_u64(h, (uint64_t)e->kind << 32 | e->n_sites);
  for (uint32_t s = 0; s < e->n_sites; s++) {
    const dc_site *site = &e->sites[s];
    h = dc_hash_u64(h, (uint64_t)(uint32_t)site->import_index << 32 | (uint32_t)site->kind);
    h = dc_hash_u64(h, (uint64_t)site->line << 32 | site->col);
  }
  return h;
}

dc_hash dc_memo_key(const dc_memo *m, uint32_t edge, const dc_config_target *t) {
  const dc_edge *e = &m->g->edges[edge];
  dc_hash h = dc_hash_str(dc_hash_str(m->base, m->g->names[e->from]), m->g->names[e->to]);
  h = hash_sites(h, e);
  h = dc_hash_str(dc_hash_str(dc_hash_str(h, t->module), t->path), t->problem);
  return dc_hash_u64(h, (uint64_t)(uint32_t)t->file);
}

/* The hash of the edges into module x: who imports it, and from where. */
static dc_hash importers_hash(dc_memo *m, uint32_t x) {
  const dc_graph *g = m->g;
  dc_hash h = dc_hash_str(DC_HASH_SEED, "importers");
  for (uint32_t k = m->in->first[x]; k < m->in->first[x + 1]; k++) {
    const dc_edge *e = &g->edges[m->in->in[k]];
    h = hash_sites(dc_hash_str(h, g->names[e->from]), e);
  }
  return h;
}

/* The hash of a dep in this run; false when it has none (a file that could
 * not be read or parsed). */
static bool hash_now(dc_memo *m, uint32_t kind, uint32_t index, dc_hash *out) {
  if (kind >= N_KINDS || index >= n_of(m, kind)) return false;
  if (m->state[kind][index] == HASH_NOT_YET) {
    bool known = true;
    if (kind == DC_DEP_IMPORTERS) m->now[kind][index] = importers_hash(m, index);
    else if (kind == DC_DEP_FACTS) known = dc_cache_file_hashes(m->cache, index, NULL, &m->now[kind][index]);
    else known = dc_cache_file_hashes(m->cache, index, &m->now[kind][index], NULL);
    m->state[kind][index] = known ? HASH_KNOWN : HASH_UNKNOWN;
  }
  *out = m->now[kind][index];
  return m->state[kind][index] == HASH_KNOWN;
}

/* The hash of the lines of `text` that may define a name. */
static dc_hash defines_hash(const char *text, size_t len) {
  dc_hash h = dc_hash_str(DC_HASH_SEED, "defines");
  for (size_t at = 0; at < len;) {
    const char *t = text + at, *name;
    bool as_class;
    size_t n = dc_line_defines(t, len - at, &name, &as_class);
    if (n) h = dc_hash_bytes(dc_hash_u64(h, (uint64_t)n << 1 | as_class), name, n);
    const char *nl = memchr(t, '\n', len - at);
    at = nl ? (size_t)(nl - text) + 1 : len;
  }
  return h;
}

/* The hash of the in-place changes a text makes, in the order found. */
static dc_hash changes_hash(const dc_text_changes *changes) {
  dc_hash h = dc_hash_str(DC_HASH_SEED, "changes");
  for (uint32_t i = 0; i < changes->size; i++) {
    const dc_text_change *c = &changes->items[i];
    h = dc_hash_u64(h, (uint64_t)c->line << 33 | (uint64_t)c->len << 1 | c->mutation);
    h = dc_hash_bytes(h, c->name, c->len);
  }
  return h;
}

/* The hash of the part of `text` that dep `kind` reads. */
static dc_hash part_of(uint32_t kind, const char *text, size_t len) {
  if (kind == DC_DEP_DEFINES) return defines_hash(text, len);
  dc_text_changes found = {0};
  dc_constants_scan_changes(text, (uint32_t)len, &found);
  dc_hash h = changes_hash(&found);
  dc_vec_free(&found);
  return h;
}

/* The hash of the part of file `index`'s text that dep `kind` reads, taken
 * from the text the run hashed; false when the file cannot be read or
 * changed since (its content hash is then not that of the text). */
static bool part_now(dc_memo *m, uint32_t kind, uint32_t index, dc_hash *out) {
  if (m->part_state[kind][index] == HASH_NOT_YET) {
    dc_hash content;
    dc_source src;
    bool known = hash_now(m, kind, index, &content) && dc_source_read(m->p->files[index].open_path, &src) == 0;
    if (known) {
      known = dc_hash_eq(content, dc_hash_bytes(DC_HASH_SEED, src.data, src.len));
      m->part_now[kind][index] = part_of(kind, src.data, src.len);
      free(src.data);
    }
    m->part_state[kind][index] = known ? HASH_KNOWN : HASH_UNKNOWN;
  }
  *out = m->part_now[kind][index];
  return m->part_state[kind][index] == HASH_KNOWN;
}

/* Sets the part of file `index` that dep `kind` reads, unless known. */
static void know_part(dc_memo *m, uint32_t kind, uint32_t index, dc_hash part) {
  if (!m || index >= m->p->n_files || m->part_state[kind][index] != HASH_NOT_YET) return;
  m->part_now[kind][index] = part;
  m->part_state[kind][index] = HASH_KNOWN;
}

void dc_memo_know_defines(dc_memo *m, uint32_t file, const char *text, size_t n) {
  if (m && m->part_state[DC_DEP_DEFINES][file] == HASH_NOT_YET) know_part(m, DC_DEP_DEFINES, file, defines_hash(text, n));
}

void dc_memo_know_changes(dc_memo *m, uint32_t file, const dc_text_changes *changes) {
  if (m) know_part(m, DC_DEP_CHANGES, file, changes_hash(changes));
}

void dc_memo_trace_start(dc_memo *m) {
  if (!m) return;
  m->tracing = true;
  m->spoiled = false;
  m->deps.size = 0;
  m->trace++;
}

void dc_memo_dep(dc_memo *m, dc_dep_kind kind, uint32_t index) {
  if (!m || !m->tracing || m->spoiled || m->seen[kind][index] == m->trace) return;
  m->seen[kind][index] = m->trace;
  dep d = {kind, index, {0, 0}, {0, 0}};
  if (!hash_now(m, kind, index, &d.hash) || (is_part(kind) && !part_now(m, kind, index, &d.part))) m->spoiled = true;
  else dc_vec_push(&m->deps, d);
}

void dc_memo_spoil(dc_memo *m) {
  if (m) m->spoiled = true;
}

bool dc_memo_same_text(dc_memo *m, uint32_t file, const void *bytes, size_t n) {
  dc_hash was;
  bool same = hash_now(m, DC_DEP_TEXT, file, &was) && dc_hash_eq(was, dc_hash_bytes(DC_HASH_SEED, bytes, n));
  if (!same) dc_memo_spoil(m);
  return same;
}

void dc_memo_record(dc_memo *m, dc_hash key, const dc_verdict *v) {
  if (!m || !m->tracing) return;
  m->tracing = false;
  if (m->spoiled) return;
  dc_buf b = DC_BUF_INIT;
  dc_put_u32(&b, m->deps.size);
  for (uint32_t i = 0; i < m->deps.size; i++) {
    const dep *d = &m->deps.items[i];
    dc_put_u32(&b, d->kind), dc_put_u32(&b, d->index), dc_put_u64(&b, d->hash.lo), dc_put_u64(&b, d->hash.hi);
    dc_put_u64(&b, d->part.lo), dc_put_u64(&b, d->part.hi);
  }
  dc_put_str(&b, v->strategy), dc_put_str(&b, v->obligatory), dc_put_str(&b, v->where_path);
  dc_put_u32(&b, v->where_line), dc_put_u32(&b, v->lines_changed);
  dc_cache_memo_put(m->cache, key, b.data, (uint32_t)b.len);
  dc_buf_release(&b);
}

static const char *copy(dc_arena *arena, const char *s) { return s ? dc_arena_strdup(arena, s) : NULL; }

bool dc_memo_replay(dc_memo *m, dc_hash key, dc_verdict *v, bool *reread, dc_arena *arena) {
  uint32_t len;
  const char *blob = m ? dc_cache_memo_get(m->cache, key, &len) : NULL;
  if (!blob) return false;
  dc_reader r = {blob, blob + len, false};
  uint32_t n_deps = dc_get_u32(&r);
  const char *deps = dc_take(&r, (size_t)n_deps * DEP_BYTES);
  dc_reader d = {deps, r.p, !deps};
  for (uint32_t i = 0; !d.bad && i < n_deps; i++) {
    uint32_t kind = dc_get_u32(&d), index = dc_get_u32(&d);
    dc_hash was = {dc_get_u64(&d), dc_get_u64(&d)}, part = {dc_get_u64(&d), dc_get_u64(&d)}, now;
    if (!hash_now(m, kind, index, &now)) return false;
    if (dc_hash_eq(was, now)) continue;
    if (!is_part(kind) || !part_now(m, kind, index, &now) || !dc_hash_eq(part, now)) return false;
  }
  dc_verdict out = {.edge = v->edge};
  out.strategy = copy(arena, dc_get_str(&r));
  out.obligatory = copy(arena, dc_get_str(&r));
  out.where_path = copy(arena, dc_get_str(&r));
  out.where_line = dc_get_u32(&r);
  out.lines_changed = dc_get_u32(&r);
  if (r.bad || r.p != r.end || !deps) return false;
  d = (dc_reader){deps, deps + (size_t)n_deps * DEP_BYTES, false};
  for (uint32_t i = 0; i < n_deps; i++) {
    uint32_t kind = dc_get_u32(&d), index = dc_get_u32(&d);
    dc_take(&d, 2 * sizeof(dc_hash));
    if (kind == DC_DEP_TEXT || is_part(kind)) reread[index] = true;
  }
  *v = out;
  return true;
}
