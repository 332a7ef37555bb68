/*
 * fix.c - assess the edges of each component, plan it, rewrite the files.
 *
 * An edge A -> B is made by its import-time sites in A. Each site that is an
 * import statement depends on some of its names (the "units": `import a.b`
 * makes A run a and a.b; `from X import n, m` may need only n for the edge
 * to X.n); the graph's resolver says which. The edge can be cut when every
 * unit can be moved by some strategy, tried cheapest first (the registry
 * order); its cost is the number of lines the cut changes, counted on the
 * unified diff of a dry run. A site that is an import call or an attribute
 * read, or a unit no strategy can move, makes the edge obligatory, with the
 * reason; so does an import-time site whose import has a `# decycle: keep`
 * pragma (README "Pragmas"). The planner (plan.c) then picks the cuts of
 * each component, and the files are rewritten with every unit of every cut
 * edge at once.
 */
#include "fix.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "diff.h"
#include "memo.h"
#include "names.h"
#include "parse.h"
#include "plan.h"
#include "pywalk.h"
#include "thread.h"
#include "vec.h"

/* loaded - a file read and parsed again; `problem` is set when it cannot
 * be rewritten (unreadable, syntax errors, not Python source). */
typedef struct loaded {
  dc_source_file sf;
  mode_t mode;
  const char *problem;
  dc_constants *constants;
  bool constants_checked; /* against the project's other files */
  bool unreadable;        /* its text could not be read again */
  bool changed;           /* its text is not the one the run hashed (memo.h) */
  bool kept; /* its tree is kept for its own assessment (config_constants_of) */
} loaded;

/* preload - worker threads that load (read, parse, analyse) the files the
 * planner assesses, in the order it assesses them, while it assesses the
 * ones before: at most `ahead` loaded files wait with their trees alive. A
 * file the planner asks for before a worker started it is loaded by the
 * planner itself (a slot is then TAKEN without being loaded here). The
 * workers also delete the trees the planner is done with (`garbage`),
 * which on SymPy took a tenth of the planner's thread. A dc_fix_early is
 * one too, with one worker started before the graph is built. */
enum { SLOT_PENDING, SLOT_WORKING, SLOT_DONE, SLOT_TAKEN };

typedef struct preload_worker {
  struct dc_fix_early *pl;
  dc_arena arena; /* what it loads lives here, adopted by the fix's arena */
  pthread_t thread;
} preload_worker;

typedef struct dc_fix_early {
  const dc_project *p;
  dc_facts *facts;
  uint32_t *order; /* project files, in the order the planner loads them (a copy) */
  uint32_t n;
  int32_t *slot_of; /* per project file: its index in `order`, or -1 */
  uint8_t *state;   /* per slot */
  struct loaded **done;
  uint32_t next;    /* no slot before it is PENDING */
  uint32_t waiting; /* DONE slots, not taken yet */
  uint32_t ahead;
  dc_vec(TSTree *) garbage;
  bool stop;
  size_t cancel; /* the parsers' cancellation flag: set when stopping */
  bool all; /* every file is loaded here: a PENDING one is waited for too */
  pthread_mutex_t lock;
  pthread_cond_t changed;
  preload_worker *workers;
  unsigned n_workers;
} preload;

/* fixer - the state of one dc_fix_build call. */
typedef struct fixer {
  const dc_project *p;
  const dc_graph *g;
  const dc_components *c;
  dc_facts *facts;
  dc_arena *arena;
  dc_diags *diags;
  loaded **files; /* per project file, loaded on demand */
  TSParser *parser;
  dc_graph_resolver *resolver;
  dc_graph_in_edges in;
  int32_t *module_of_file;  /* graph module of each project file, or -1 */
  const dc_text_changes **changes; /* per project file, scanned on demand */
  bool *text_changed;               /* per project file: read_again found another text */
  const char *config_override;
  uint32_t disabled; /* bit k: dc_rewrites[k] is not allowed (--strategies) */
  dc_config_target *targets; /* per component */
  dc_config_ctx ctx;
  bool *reread; /* per project file: its text was read (dc_fix.reread) */
  preload *preload; /* or NULL: the planner loads every file itself */
  preload *early;   /* of dc_fix_early, or NULL */
  uint32_t kept;    /* loaded files whose tree is kept */
  dc_memo *memo;    /* or NULL: every edge is assessed */
  bool **replayed;  /* per component, per verdict: it came from the memo */
} fixer;

/* Reads project file `file` again, and records that its text (not only its
 * facts) shapes the plan; the caller records the memo's dep. A text other
 * than the one the run hashed marks the file (text_changed): nothing made
 * from it may be recorded. */
static int read_again(fixer *fx, uint32_t file, dc_source *out) {
  fx->reread[file] = true;
  int rc = dc_source_read(fx->p->files[file].open_path, out);
  if (rc != 0) dc_memo_spoil(fx->memo);
  else if (fx->memo && !dc_memo_same_text(fx->memo, file, out->data, out->len)) fx->text_changed[file] = true;
  return rc;
}

/* Records for the memo that the assessment reads the facts of project
 * file `file` (a file without facts is told apart by its kind, which the
 * memo's key holds, unless it is a source file that could not be read). */
static void trace_facts(fixer *fx, uint32_t file) {
  if (dc_facts_imports(fx->facts, file) != DC_NO_FACTS) dc_memo_dep(fx->memo, DC_DEP_FACTS, file);
  else if (fx->p->files[file].kind == DC_MODULE_SOURCE) dc_memo_spoil(fx->memo);
}

/* Records for the memo that resolving the names of import `imp` of module
 * m reads the facts of the module it imports from (whether that module
 * binds a name, its __all__; see graph.c). */
static void trace_resolution(fixer *fx, uint32_t m, const dc_import *imp) {
  if (!fx->memo || imp->form != DC_IMPORT_FROM) return;
  const char *target = dc_graph_import_target(fx->resolver, m, imp);
  int32_t x = target ? dc_graph_find(fx->g, target) : -1;
  if (x >= 0) trace_facts(fx, fx->g->file[x]);
}

/* The names bound by the module-level import statements of a file, and
 * the names of its module constants, each once. */
static const char **bound_names(const dc_source_file *sf, const dc_constants *consts, dc_arena *arena, uint32_t *n) {
  dc_names names;
  dc_names_init(&names, arena);
  for (uint32_t i = 0; i < sf->facts->n_imports; i++) {
    const dc_import *imp = &sf->facts->imports[i];
    if (!imp->module_level || imp->form == DC_IMPORT_CALL || imp->star) continue;
    for (uint32_t j = 0; j < imp->n_names; j++) {
      dc_unit u = {i, j, NULL};
      dc_names_add(&names, dc_unit_bound_name(sf, &u, arena));
    }
  }
  for (uint32_t i = 0; i < consts->n; i++)
    if (!consts->items[i].cls) dc_names_add(&names, consts->items[i].name);
  *n = names.n;
  return names.items;
}

/* Whether loading project file `file` reads its text (dc_fix.reread). */
static bool rereads(const fixer *fx, uint32_t file) {
  return fx->p->files[file].kind == DC_MODULE_SOURCE && dc_facts_imports(fx->facts, file) != DC_NO_FACTS;
}

/* Reads project file `file` of `p` again, parses it and analyses its
 * constants and uses into `l`, allocating from `arena` with `*parser` (each
 * thread has its own of both). Touches nothing else, so that the
 * preloading threads can run it: the caller sets the reread flag and the
 * file's config context. */
static void load_into(const dc_project *p, dc_facts *facts, uint32_t file, loaded *l, TSParser **parser,
                      dc_arena *arena) {
  const dc_file *f = &p->files[file];
  l->sf.file = f;
  l->sf.module = f->module;
  l->sf.facts = dc_facts_of(facts, file);
  if (f->kind != DC_MODULE_SOURCE || !l->sf.facts) {
    l->problem = dc_arena_printf(arena, "%s is not Python source that decycle can rewrite", f->path);
    return;
  }
  dc_source src;
  struct stat st;
  if (dc_source_read(f->open_path, &src) != 0 || stat(f->open_path, &st) != 0) {
    l->problem = dc_arena_printf(arena, "%s cannot be read again", f->path);
    l->unreadable = true;
    return;
  }
  l->mode = st.st_mode & 07777;
  l->sf.src = dc_arena_memdup(arena, src.data, src.len + 1, 1);
  l->sf.len = src.len;
  l->sf.bom = src.bom;
  free(src.data);
  l->sf.tree = dc_ts_parse(*parser, l->sf.src + l->sf.bom, l->sf.len - l->sf.bom);
  dc_parser_renew_after(parser, l->sf.tree);
  const char *refusal = dc_rewrite_refusal(&(dc_source){(char *)l->sf.src, l->sf.len, l->sf.bom}, l->sf.tree);
  if (refusal) {
    l->problem = dc_arena_printf(arena, "%s %s; it is never rewritten", f->path, refusal);
    return;
  }
  l->constants = dc_constants_find(l->sf.src, l->sf.len, l->sf.bom, l->sf.tree, arena);
  uint32_t n = 0;
  const char **names = bound_names(&l->sf, l->constants, arena, &n);
  l->sf.uses = dc_uses_analyse(l->sf.src, l->sf.len, l->sf.bom, l->sf.tree, names, n,
                               dc_py_walk_flags_for(p->target_minor), arena);
  dc_constants_check(l->constants, l->sf.facts, l->sf.uses, f->path, arena);
}

static void *preload_work(void *arg) {
  preload_worker *w = arg;
  preload *pl = w->pl;
  TSParser *parser = dc_parser_new();
  pthread_mutex_lock(&pl->lock);
  for (;;) {
    if (pl->garbage.size) {
      TSTree *tree = dc_vec_pop(&pl->garbage);
      pthread_mutex_unlock(&pl->lock);
      ts_tree_delete(tree);
      pthread_mutex_lock(&pl->lock);
      continue;
    }
    while (pl->next < pl->n && pl->state[pl->next] != SLOT_PENDING) pl->next++;
    if (pl->stop) break;
    if (pl->next == pl->n || pl->waiting >= pl->ahead) {
      pthread_cond_wait(&pl->changed, &pl->lock);
      continue;
    }
    uint32_t s = pl->next++;
    pl->state[s] = SLOT_WORKING;
    pthread_mutex_unlock(&pl->lock);
    loaded *l = dc_arena_alloc(&w->arena, sizeof *l);
    ts_parser_set_cancellation_flag(parser, &pl->cancel);
    load_into(pl->p, pl->facts, pl->order[s], l, &parser, &w->arena);
    pthread_mutex_lock(&pl->lock);
    pl->done[s] = l;
    pl->state[s] = SLOT_DONE;
    pl->waiting++;
    pthread_cond_broadcast(&pl->changed);
  }
  pthread_mutex_unlock(&pl->lock);
  ts_parser_delete(parser);
  return NULL;
}

/* Starts `jobs` threads loading `files` of `p` (n of them, each once) in
 * order; with `all`, every one of them (preload.all). */
static preload *preload_start(const dc_project *p, dc_facts *facts, const uint32_t *files, uint32_t n,
                              unsigned jobs, bool all) {
  preload *pl = dc_xcalloc(1, sizeof *pl);
  pl->p = p;
  pl->facts = facts;
  pl->order = memcpy(dc_xmalloc((n ? n : 1) * sizeof *files), files, n * sizeof *files);
  pl->n = n;
  pl->slot_of = dc_xmalloc((p->n_files ? p->n_files : 1) * sizeof *pl->slot_of);
  for (uint32_t i = 0; i < p->n_files; i++) pl->slot_of[i] = -1;
  for (uint32_t s = 0; s < n; s++) pl->slot_of[files[s]] = (int32_t)s;
  pl->state = dc_xcalloc(n ? n : 1, sizeof *pl->state);
  pl->done = dc_xcalloc(n ? n : 1, sizeof *pl->done);
  pl->ahead = all ? n : 4 * jobs; /* (with `all`, a worker held back could deadlock) */
  pl->all = all;
  pthread_mutex_init(&pl->lock, NULL);
  pthread_cond_init(&pl->changed, NULL);
  pl->n_workers = jobs;
  pl->workers = dc_xcalloc(jobs, sizeof *pl->workers);
  for (unsigned t = 0; t < jobs; t++) {
    pl->workers[t].pl = pl;
    dc_arena_init(&pl->workers[t].arena);
    if (!dc_thread_start(&pl->workers[t].thread, preload_work, &pl->workers[t], t))
      DC_BUG("cannot start a loading thread");
  }
  return pl;
}

/* Preloaded file `file`, waiting for the worker that loads it; NULL when no
 * worker has started it (it is then the caller's to load, unless `all`) or
 * it is not among the preloaded files. */
static loaded *preload_take(preload *pl, uint32_t file) {
  int32_t s = pl->slot_of[file];
  if (s < 0) return NULL;
  pthread_mutex_lock(&pl->lock);
  while (pl->state[s] == SLOT_WORKING || (pl->all && pl->state[s] == SLOT_PENDING))
    pthread_cond_wait(&pl->changed, &pl->lock);
  loaded *l = pl->state[s] == SLOT_DONE ? pl->done[s] : NULL;
  if (l) pl->waiting--;
  pl->state[s] = SLOT_TAKEN;
  pthread_cond_broadcast(&pl->changed);
  pthread_mutex_unlock(&pl->lock);
  return l;
}

/* Stops the workers (a parse under way is cancelled: nobody waits for it
 * any more), frees the trees nobody took, and moves what they loaded into
 * `arena`. */
static void preload_finish(preload *pl, dc_arena *arena) {
  __atomic_store_n(&pl->cancel, 1, __ATOMIC_RELAXED);
  pthread_mutex_lock(&pl->lock);
  pl->stop = true;
  pthread_cond_broadcast(&pl->changed);
  pthread_mutex_unlock(&pl->lock);
  for (unsigned t = 0; t < pl->n_workers; t++) {
    pthread_join(pl->workers[t].thread, NULL);
    dc_arena_adopt(arena, &pl->workers[t].arena);
  }
  for (uint32_t s = 0; s < pl->n; s++)
    if (pl->state[s] == SLOT_DONE && pl->done[s]->sf.tree) ts_tree_delete(pl->done[s]->sf.tree);
  for (uint32_t i = 0; i < pl->garbage.size; i++) ts_tree_delete(pl->garbage.items[i]);
  dc_vec_free(&pl->garbage);
  free(pl->order);
  pthread_mutex_destroy(&pl->lock);
  pthread_cond_destroy(&pl->changed);
  free(pl->workers);
  free(pl->slot_of);
  free(pl->state);
  free(pl->done);
  free(pl);
}

/* Project file `file`, loaded once: by a preloading thread, or here. */
static loaded *load(fixer *fx, uint32_t file) {
  if (rereads(fx, file)) dc_memo_dep(fx->memo, DC_DEP_TEXT, file);
  else trace_facts(fx, file);
  if (fx->files[file]) {
    if (fx->files[file]->unreadable || fx->files[file]->changed) dc_memo_spoil(fx->memo);
    return fx->files[file];
  }
  loaded *l = fx->preload ? preload_take(fx->preload, file) : NULL;
  if (!l && fx->early) l = preload_take(fx->early, file);
  if (!l) {
    l = dc_arena_alloc(fx->arena, sizeof *l);
    load_into(fx->p, fx->facts, file, l, &fx->parser, fx->arena);
  }
  fx->reread[file] |= rereads(fx, file);
  if (!l->problem) l->sf.config = &fx->ctx;
  if (l->unreadable) dc_memo_spoil(fx->memo);
  if (fx->memo && l->sf.src) l->changed = !dc_memo_same_text(fx->memo, file, l->sf.src, l->sf.len);
  return fx->files[file] = l;
}

/* A loaded file's tree, parsed again if it was dropped. */
static void ensure_tree(fixer *fx, loaded *l) {
  if (!l->sf.tree && !l->problem)
    l->sf.tree = dc_ts_parse(fx->parser, l->sf.src + l->sf.bom, l->sf.len - l->sf.bom);
}

/* Frees a loaded file's tree, or leaves it to a preloading thread: besides
 * the files those threads hold, one tree is alive while planning, and at
 * most as many kept ones as they may hold. */
static void drop_tree(fixer *fx, loaded *l) {
  if (!l) return;
  if (l->sf.tree && fx->preload) {
    pthread_mutex_lock(&fx->preload->lock);
    dc_vec_push(&fx->preload->garbage, l->sf.tree);
    pthread_cond_broadcast(&fx->preload->changed);
    pthread_mutex_unlock(&fx->preload->lock);
  } else if (l->sf.tree) {
    ts_tree_delete(l->sf.tree);
  }
  l->sf.tree = NULL;
  if (l->kept) fx->kept--;
  l->kept = false;
}

static void obligatory(dc_verdict *v, const char *why, const char *path, uint32_t line) {
  if (v->obligatory) return;
  v->obligatory = why;
  v->where_path = path;
  v->where_line = line + 1;
}

/* Lines added plus lines removed in the unified diff of old -> new. */
static uint32_t changed_lines(const char *path, const char *old, uint32_t old_len, const char *new_, uint32_t new_len) {
  dc_buf d = DC_BUF_INIT;
  dc_diff_file(&d, path, old, old_len, new_, new_len, 0100644);
  uint32_t n = 0;
  bool in_hunk = false;
  for (const char *line = dc_buf_str(&d); *line;) {
    const char *eol = strchr(line, '\n');
    if (!strncmp(line, "@@", 2)) in_hunk = true;
    else if (in_hunk && (line[0] == '+' || line[0] == '-')) n++;
    if (!eol) break;
    line = eol + 1;
  }
  dc_buf_release(&d);
  return n;
}

/* Whether `text` holds `a.name` (blanks allowed around the dot) with `a`
 * and `name` whole identifiers. */
static bool reads_attribute(const char *text, uint32_t len, const char *a, const char *name) {
  size_t na = strlen(a), nn = strlen(name);
  for (uint32_t i = 0; i < len; i++) {
    if (text[i] != '.') continue;
    uint32_t r = i + 1;
    while (r < len && (text[r] == ' ' || text[r] == '\t')) r++;
    if (r + nn > len || memcmp(text + r, name, nn) || (r + nn < len && dc_is_identifier(text + r + nn, 1))) continue;
    uint32_t l = i;
    while (l > 0 && (text[l - 1] == ' ' || text[l - 1] == '\t')) l--;
    if (l < na || memcmp(text + l - na, a, na) || (l > na && dc_is_identifier(text + l - na - 1, 1))) continue;
    return true;
  }
  return false;
}

/* Another project module that depends on name `name` of module a staying
 * bound at a's module level: `from a import name`, `from a import *` (for a
 * public name), or `import a` with `a.name` in its text. Returns the reason
 * to keep the import, or NULL. */
static const char *dependent(fixer *fx, uint32_t a, const char *name) {
  const dc_graph *g = fx->g;
  const char *a_name = g->names[a];
  const char *a_last = strrchr(a_name, '.') ? strrchr(a_name, '.') + 1 : a_name;
  dc_memo_dep(fx->memo, DC_DEP_IMPORTERS, a);
  for (uint32_t k = fx->in.first[a]; k < fx->in.first[a + 1]; k++) {
    const dc_edge *edge = &g->edges[fx->in.in[k]];
    uint32_t cf = g->file[edge->from];
    trace_facts(fx, cf);
    const dc_file_facts *cfacts = dc_facts_of(fx->facts, cf);
    const char *cpath = fx->p->files[cf].path;
    bool text_checked = false;
    for (uint32_t s = 0; s < edge->n_sites; s++) {
      const dc_site *site = &edge->sites[s];
      if (site->import_index < 0) continue;
      const dc_import *imp = &cfacts->imports[site->import_index];
      if (imp->form == DC_IMPORT_FROM) {
        const char *target = dc_graph_import_target(fx->resolver, edge->from, imp);
        if (target && !strcmp(target, a_name)) {
          if (imp->star && name[0] != '_')
            return dc_arena_printf(fx->arena, "%s:%u star-imports %s, which exports '%s'", cpath, site->line + 1,
                                   a_name, name);
          for (uint32_t j = 0; j < imp->n_names; j++)
            if (!strcmp(imp->names[j].name, name))
              return dc_arena_printf(fx->arena, "%s:%u imports '%s' from %s", cpath, site->line + 1, name, a_name);
          continue;
        }
      }
      /* `import a` or `from p import a`: look for a.name in the text. */
      if (text_checked) continue;
      text_checked = true;
      dc_source src;
      dc_memo_dep(fx->memo, DC_DEP_TEXT, cf);
      if (read_again(fx, cf, &src) != 0) continue;
      bool reads = reads_attribute(src.data, src.len, a_last, name);
      free(src.data);
      if (reads) return dc_arena_printf(fx->arena, "%s may read '%s.%s'", cpath, a_last, name);
    }
  }
  return NULL;
}

/* dc_config_ctx.module_of: the project module a unit's name comes from. */
static const char *config_module_of(void *owner, const dc_source_file *f, const dc_unit *u, bool *is_module) {
  fixer *fx = owner;
  int32_t from = fx->module_of_file[f->file - fx->p->files];
  const dc_import *imp = &f->facts->imports[u->import_index];
  const dc_import_name *nm = &imp->names[u->name_index];
  if (from < 0) return NULL;
  trace_resolution(fx, (uint32_t)from, imp);
  if (imp->form == DC_IMPORT_MODULE) {
    *is_module = true;
    return nm->alias ? nm->name : dc_arena_strndup(fx->arena, nm->name, strcspn(nm->name, "."));
  }
  const char *target = imp->form == DC_IMPORT_FROM ? dc_graph_import_target(fx->resolver, (uint32_t)from, imp) : NULL;
  if (!target) return NULL;
  const char *sub = *target ? dc_arena_printf(fx->arena, "%s.%s", target, nm->name) : nm->name;
  uint32_t targets[64];
  uint32_t n = dc_graph_resolve_name(fx->resolver, (uint32_t)from, imp, u->name_index, targets, 64);
  for (uint32_t k = 0; k < n; k++)
    if (!strcmp(fx->g->names[targets[k]], sub)) {
      *is_module = true;
      return sub;
    }
  return target;
}

/* The in-place changes the text of project file `file` makes (see
 * constants.h), scanned once per file (and handed to the memo, which then
 * needs no scan of its own); names are copied to the arena. */
static const dc_text_changes *file_changes(fixer *fx, uint32_t file) {
  if (!fx->changes[file]) {
    dc_text_changes *out = dc_arena_alloc(fx->arena, sizeof *out);
    dc_text_changes found = {0};
    dc_source src;
    bool read = read_again(fx, file, &src) == 0;
    if (read) {
      dc_constants_scan_changes(src.data, src.len, &found);
      for (uint32_t i = 0; i < found.size; i++)
        found.items[i].name = dc_arena_strndup(fx->arena, found.items[i].name, found.items[i].len);
      free(src.data);
    }
    out->items = dc_arena_memdup(fx->arena, found.items, found.size, sizeof *found.items);
    out->size = out->cap = found.size;
    dc_vec_free(&found);
    fx->changes[file] = out;
    if (read && !fx->text_changed[file]) dc_memo_know_changes(fx->memo, file, out);
  }
  dc_memo_dep(fx->memo, DC_DEP_CHANGES, file);
  if (fx->text_changed[file]) dc_memo_spoil(fx->memo);
  return fx->changes[file];
}

/* Marks each constant of `consts` that one of `changes` (in the text of
 * `path`) changes, with the first of them. A name's constants are visited
 * once for the changes that change any value and once for the mutations
 * (which change only mutable literals), whatever the number of changes. */
static void mark_changed(fixer *fx, dc_constants *consts, const dc_text_changes *changes, const char *path) {
  if (!consts->n || !changes->size) return;
  uint8_t *done = dc_xcalloc(consts->names.n, 1); /* per name: 1 mutations seen, 2 any change seen */
  for (uint32_t k = 0; k < changes->size; k++) {
    const dc_text_change *ch = &changes->items[k];
    int32_t id = dc_names_find(&consts->names, ch->name, ch->len);
    uint8_t kind = ch->mutation ? 1 : 2;
    if (id < 0 || (done[id] & (kind | 2))) continue;
    done[id] |= kind;
    for (int32_t i = consts->first[id]; i >= 0; i = consts->next[i]) {
      dc_constant *c = &consts->items[i];
      if (!c->why_not && (!ch->mutation || c->mutable_literal))
        c->why_not = dc_arena_printf(fx->arena, "%s:%u may change it", path, ch->line + 1);
    }
  }
  free(done);
}

/* Marks the constants of loaded file `file` that a project module changes:
 * the file itself and every module that imports it are searched. Done
 * once per file, but the files are traced at every call (for the memo). */
static void check_changed_elsewhere(fixer *fx, uint32_t file, loaded *l) {
  int32_t m = fx->module_of_file[file];
  if (m < 0 || !l->constants->n) {
    l->constants_checked = true;
    return;
  }
  dc_memo_dep(fx->memo, DC_DEP_IMPORTERS, (uint32_t)m);
  for (uint32_t k = fx->in.first[m]; k <= fx->in.first[m + 1]; k++) {
    /* The importers of the module, then the file itself. */
    uint32_t other = k < fx->in.first[m + 1] ? fx->g->file[fx->g->edges[fx->in.in[k]].from] : file;
    const dc_text_changes *changes = file_changes(fx, other);
    if (!l->constants_checked) mark_changed(fx, l->constants, changes, fx->p->files[other].path);
  }
  l->constants_checked = true;
}

/* dc_config_ctx.may_define: a line of the module's text that may define
 * `name` (dc_line_defines); the memo records only what those lines are. */
static bool config_may_define(void *owner, const char *module, const char *name, bool as_class) {
  fixer *fx = owner;
  int32_t m = dc_graph_find(fx->g, module);
  if (m < 0) return false;
  uint32_t file = fx->g->file[m];
  bool source = fx->p->files[file].kind == DC_MODULE_SOURCE;
  dc_source src = {0};
  const char *text = fx->files[file] ? fx->files[file]->sf.src : NULL;
  uint32_t len = fx->files[file] ? fx->files[file]->sf.len : 0;
  bool changed = fx->files[file] && fx->files[file]->changed;
  if (!text && source && read_again(fx, file, &src) == 0) {
    text = src.data;
    len = src.len;
    changed = fx->text_changed[file];
  }
  /* the memo takes the lines from this text, when it is the one hashed */
  if (source && text && !changed) dc_memo_know_defines(fx->memo, file, text, len);
  if (source) dc_memo_dep(fx->memo, DC_DEP_DEFINES, file);
  if (changed) dc_memo_spoil(fx->memo);
  if (!text) return false;
  size_t nn = strlen(name);
  bool found = false;
  for (uint32_t at = 0; at < len && !found;) {
    const char *t = text + at, *defined;
    size_t rest = len - at;
    bool is_class;
    found = dc_line_defines(t, rest, &defined, &is_class) == nn && is_class == as_class && !memcmp(defined, name, nn);
    const char *nl = memchr(t, '\n', rest);
    at = nl ? (uint32_t)(nl - text) + 1 : len;
  }
  free(src.data);
  return found;
}

/* dc_config_ctx.constants_of: the constants of a project module, loaded
 * on demand. Its tree is freed, unless the planner assesses the module's
 * own edges later and fewer than `ahead` trees are kept that way: then it
 * would parse the file again. */
static const dc_constants *config_constants_of(void *owner, const char *module) {
  fixer *fx = owner;
  int32_t m = dc_graph_find(fx->g, module);
  if (m < 0) return NULL;
  uint32_t file = fx->g->file[m];
  bool was_loaded = fx->files[file] != NULL;
  loaded *l = load(fx, file);
  if (!was_loaded && fx->preload && fx->preload->slot_of[file] >= 0 && fx->kept < fx->preload->ahead && l->sf.tree) {
    l->kept = true;
    fx->kept++;
  } else if (!was_loaded) {
    drop_tree(fx, l);
  }
  if (l->problem) return NULL;
  check_changed_elsewhere(fx, file, l);
  return l->constants;
}

/* The import of an import-time site of edge `e` that has a '# decycle:
 * keep' pragma, or NULL. */
static const dc_import *kept_import(const fixer *fx, const dc_edge *e) {
  const dc_file_facts *ff = dc_facts_of(fx->facts, fx->g->file[e->from]);
  for (uint32_t s = 0; ff && s < e->n_sites; s++) {
    const dc_site *site = &e->sites[s];
    if (site->kind != DC_SCOPE_IMPORT_TIME || site->import_index < 0) continue;
    const dc_import *imp = &ff->imports[site->import_index];
    if (imp->pragma == DC_PRAGMA_KEEP) return imp;
  }
  return NULL;
}

/* Fills one verdict: the units of the edge, a strategy for each, the cost. */
static void assess(fixer *fx, dc_verdict *v) {
  const dc_edge *e = &fx->g->edges[v->edge];
  uint32_t file = fx->g->file[e->from];
  trace_facts(fx, file);
  const dc_import *kept = kept_import(fx, e);
  if (kept) {
    const char *path = fx->p->files[file].path;
    obligatory(v, dc_arena_printf(fx->arena, "'# decycle: keep' at %s:%u", path, kept->pragma_line + 1), path,
               kept->pragma_line);
    return;
  }
  loaded *l = load(fx, file);
  ensure_tree(fx, l);
  const char *path = fx->p->files[file].path;
  dc_vec(dc_rewrite_choice) choices = {0};
  for (uint32_t s = 0; s < e->n_sites && !v->obligatory; s++) {
    const dc_site *site = &e->sites[s];
    if (site->kind != DC_SCOPE_IMPORT_TIME) continue;
    if (site->import_index < 0) {
      obligatory(v, dc_arena_printf(fx->arena, "'%s' reads the package at import time", site->statement), path,
                 site->line);
      break;
    }
    if (l->problem) {
      obligatory(v, l->problem, path, site->line);
      break;
    }
    const dc_import *imp = &l->sf.facts->imports[site->import_index];
    uint32_t n_names = imp->star ? 1 : imp->n_names;
    trace_resolution(fx, e->from, imp);
    for (uint32_t j = 0; j < n_names && !v->obligatory; j++) {
      uint32_t targets[64];
      uint32_t n = dc_graph_resolve_name(fx->resolver, e->from, imp, j, targets, 64);
      bool contributes = false;
      for (uint32_t k = 0; k < n; k++) contributes |= targets[k] == e->to;
      if (!contributes) continue;
      dc_unit u = {(uint32_t)site->import_index, j, "?"};
      const char *why = dc_rewrite_check_statement(&l->sf, &u, fx->arena), *binding = NULL;
      if (!why) binding = dc_rewrite_check_binding(&l->sf, &u, fx->arena);
      if (!why && !binding) binding = dependent(fx, e->from, dc_unit_bound_name(&l->sf, &u, fx->arena));
      /* The cheapest strategy's reason says most, except a reason of the
       * config-module strategy: it only has one for a unit that reads
       * constants, and then says which constant cannot move. */
      const dc_rewrite *chosen = NULL;
      const char *first_reason = NULL;
      for (uint32_t k = 0; !why && k < dc_n_rewrites && !chosen; k++) {
        if (fx->disabled & (1u << k)) continue;
        const char *reason = dc_rewrites[k]->check(&l->sf, &u, binding, fx->arena);
        if (!reason) chosen = dc_rewrites[k];
        else if (reason == dc_rewrite_not_applicable) continue;
        else if (!first_reason || dc_rewrites[k] == &dc_rewrite_config_module) first_reason = reason;
      }
      if (!chosen) {
        if (!why)
          why = first_reason ? first_reason
                : binding    ? binding
                : fx->disabled ? "no allowed strategy can move this import (see --strategies)"
                             : "no strategy can move this import";
        obligatory(v, why, path, imp->line);
        break;
      }
      dc_vec_push(&choices, ((dc_rewrite_choice){u, chosen}));
    }
  }
  if (!v->obligatory && choices.size == 0) obligatory(v, "no import statement to move", path, e->sites[0].line);
  if (v->obligatory) {
    dc_vec_free(&choices);
    return;
  }
  v->choices = dc_arena_memdup(fx->arena, choices.items, choices.size, sizeof *choices.items);
  v->n_choices = choices.size;
  dc_vec_free(&choices);
  /* The strategies used, in registry order, joined by '+'. */
  dc_buf name = DC_BUF_INIT;
  for (uint32_t k = 0; k < dc_n_rewrites; k++) {
    bool used = false;
    for (uint32_t i = 0; i < v->n_choices && !used; i++) used = v->choices[i].strategy == dc_rewrites[k];
    if (used) dc_buf_addf(&name, "%s%s", name.len ? "+" : "", dc_rewrites[k]->name);
  }
  v->strategy = dc_arena_strdup(fx->arena, dc_buf_str(&name));
  dc_buf_release(&name);
  /* The cost: a dry run of this cut alone. */
  dc_edits edits = {0};
  dc_rewrite_file_edits(&l->sf, v->choices, v->n_choices, NULL, &edits, fx->arena);
  uint32_t new_len;
  char *new_text = dc_edits_apply(l->sf.src, l->sf.len, &edits, &new_len);
  v->lines_changed = changed_lines(path, l->sf.src, l->sf.len, new_text, new_len);
  for (uint32_t i = 0; i < v->n_choices; i++)
    if (v->choices[i].strategy->extra_lines)
      v->lines_changed += v->choices[i].strategy->extra_lines(&l->sf, &v->choices[i].unit, fx->arena);
  if (v->lines_changed == 0) v->lines_changed = 1;
  free(new_text);
  dc_vec_free(&edits);
}

/* "a -> b -> c -> a": a shortest cycle through edge from -> to, found by
 * breadth-first search from `to` back to `from` inside the component; a
 * cycle of more than four modules is written "a -> b -> ... -> a (N
 * modules)", to keep the comment next to a moved import short. */
static const char *cycle_text(fixer *fx, uint32_t from, uint32_t to) {
  const dc_graph *g = fx->g;
  int32_t comp = fx->c->component_of[from];
  uint32_t n = g->n_modules;
  int32_t *parent = dc_xmalloc(n * sizeof *parent);
  for (uint32_t i = 0; i < n; i++) parent[i] = -2;
  uint32_t *queue = dc_xmalloc(n * sizeof *queue);
  uint32_t head = 0, tail = 0;
  queue[tail++] = to;
  parent[to] = -1;
  while (head < tail && parent[from] == -2) {
    uint32_t u = queue[head++];
    for (uint32_t k = g->first_edge[u]; k < g->first_edge[u + 1]; k++) {
      const dc_edge *e = &g->edges[k];
      if (e->kind != DC_SCOPE_IMPORT_TIME || fx->c->component_of[e->to] != comp || parent[e->to] != -2) continue;
      parent[e->to] = (int32_t)u;
      queue[tail++] = e->to;
    }
  }
  dc_vec(uint32_t) path = {0};
  for (int32_t v = (int32_t)from; v >= 0 && parent[from] != -2; v = parent[v]) dc_vec_push(&path, (uint32_t)v);
  dc_buf b = DC_BUF_INIT;
  dc_buf_adds(&b, g->names[from]);
  if (path.size <= 4) {
    for (uint32_t i = path.size; i-- > 0;) dc_buf_addf(&b, " -> %s", g->names[path.items[i]]);
  } else {
    /* A long cycle: the cut edge, then how long the way back is. */
    dc_buf_addf(&b, " -> %s -> ... -> %s (%u modules)", g->names[to], g->names[from], path.size);
  }
  const char *out = dc_arena_strdup(fx->arena, dc_buf_str(&b));
  dc_buf_release(&b);
  dc_vec_free(&path);
  free(parent);
  free(queue);
  return out;
}

/* The cycles left after the cuts: the components of the component's
 * import-time edges that are not cut, found by the scc stage on a graph of
 * local indices. Marks the verdicts of the edges inside them. */
static void remaining_cycles(fixer *fx, const dc_component *comp, dc_component_plan *cp, dc_verdict *verdicts,
                             uint32_t n, const int32_t *local) {
  dc_graph *mini = dc_arena_alloc(fx->arena, sizeof *mini);
  mini->n_modules = comp->n_modules;
  mini->names = dc_arena_alloc(fx->arena, comp->n_modules * sizeof(char *));
  mini->file = dc_arena_alloc(fx->arena, comp->n_modules * sizeof(uint32_t));
  for (uint32_t k = 0; k < comp->n_modules; k++) mini->names[k] = fx->g->names[comp->modules[k]];
  mini->edges = dc_arena_alloc(fx->arena, (n ? n : 1) * sizeof(dc_edge));
  uint32_t *verdict_of = dc_xmalloc((n ? n : 1) * sizeof *verdict_of);
  for (uint32_t i = 0; i < n; i++) {
    if (verdicts[i].cut) continue;
    const dc_edge *e = &fx->g->edges[verdicts[i].edge];
    verdict_of[mini->n_edges] = i;
    mini->edges[mini->n_edges++] = (dc_edge){(uint32_t)local[e->from], (uint32_t)local[e->to], DC_SCOPE_IMPORT_TIME,
                                             NULL, 0};
  }
  mini->first_edge = dc_arena_alloc(fx->arena, ((size_t)comp->n_modules + 1) * sizeof(uint32_t));
  for (uint32_t m = 0, e = 0; m <= comp->n_modules; m++) {
    while (e < mini->n_edges && mini->edges[e].from < m) e++;
    mini->first_edge[m] = e;
  }
  dc_components *left = dc_scc_find(mini, fx->arena);
  for (uint32_t e = 0; e < mini->n_edges; e++)
    verdicts[verdict_of[e]].remains = dc_scc_edge_inside(left, &mini->edges[e]);
  cp->n_remaining = left->n;
  cp->remaining = left->items;
  for (uint32_t i = 0; i < left->n; i++) {
    dc_component *r = &left->items[i];
    for (uint32_t k = 0; k < r->n_modules; k++) r->modules[k] = comp->modules[r->modules[k]];
    for (uint32_t k = 0; k < r->n_cycle; k++) r->cycle[k] = comp->modules[r->cycle[k]];
  }
  free(verdict_of);
}

/* Lists the verdicts of component ci (sorted by edge) and finds its config
 * module; fills the verdicts that the memo holds (fx->replayed). */
static void prepare_component(fixer *fx, uint32_t ci, dc_component_plan *cp) {
  const dc_component *comp = &fx->c->items[ci];
  const dc_graph *g = fx->g;
  dc_vec(dc_verdict) verdicts = {0};
  for (uint32_t k = 0; k < comp->n_modules; k++) {
    uint32_t m = comp->modules[k];
    for (uint32_t e = g->first_edge[m]; e < g->first_edge[m + 1]; e++)
      if (dc_scc_edge_inside(fx->c, &g->edges[e])) dc_vec_push(&verdicts, ((dc_verdict){.edge = e}));
  }
  cp->verdicts = dc_arena_memdup(fx->arena, verdicts.items, verdicts.size, sizeof(dc_verdict));
  cp->n_verdicts = verdicts.size;
  dc_vec_free(&verdicts);
  uint32_t *files = dc_xmalloc(comp->n_modules * sizeof *files);
  for (uint32_t k = 0; k < comp->n_modules; k++) files[k] = g->file[comp->modules[k]];
  fx->targets[ci] = dc_config_target_for(fx->p, fx->facts, files, comp->n_modules, fx->config_override, fx->arena);
  free(files);
  fx->replayed[ci] = dc_xcalloc(cp->n_verdicts ? cp->n_verdicts : 1, sizeof(bool));
  for (uint32_t i = 0; fx->memo && i < cp->n_verdicts; i++) {
    dc_verdict *v = &cp->verdicts[i];
    fx->replayed[ci][i] =
        dc_memo_replay(fx->memo, dc_memo_key(fx->memo, v->edge, &fx->targets[ci]), v, fx->reread, fx->arena);
  }
}

/* Assesses the verdicts of component ci that the memo did not hold (and
 * records them there), then plans it. */
static void plan_component(fixer *fx, uint32_t ci, dc_component_plan *cp, int32_t *local) {
  const dc_component *comp = &fx->c->items[ci];
  const dc_graph *g = fx->g;
  dc_verdict *verdicts = cp->verdicts;
  uint32_t n = cp->n_verdicts;
  for (uint32_t k = 0; k < comp->n_modules; k++) local[comp->modules[k]] = (int32_t)k;
  fx->ctx.target = &fx->targets[ci];
  dc_plan_arc *arcs = dc_xmalloc((n ? n : 1) * sizeof *arcs);
  for (uint32_t i = 0; i < n; i++) {
    dc_verdict *v = &verdicts[i];
    if (!fx->replayed[ci][i]) {
      dc_memo_trace_start(fx->memo);
      assess(fx, v);
      if (fx->memo) dc_memo_record(fx->memo, dc_memo_key(fx->memo, v->edge, fx->ctx.target), v);
    }
    const dc_edge *e = &g->edges[v->edge];
    /* A module's edges are consecutive: after its last one, its tree goes. */
    if (i + 1 == n || g->edges[verdicts[i + 1].edge].from != e->from) drop_tree(fx, fx->files[g->file[e->from]]);
    arcs[i] = (dc_plan_arc){(uint32_t)local[e->from], (uint32_t)local[e->to], v->lines_changed,
                            v->obligatory != NULL};
  }
  dc_plan_solution sol;
  dc_plan_solve(comp->n_modules, arcs, n, &sol);
  cp->n_cut = sol.n_cut;
  cp->exact = sol.exact;
  cp->lower_bound = sol.lower_bound;
  cp->unbreakable = sol.unbreakable;
  for (uint32_t i = 0; i < n; i++) {
    dc_verdict *v = &verdicts[i];
    v->cut = sol.cut[i];
    if (!v->cut) continue;
    const dc_edge *e = &g->edges[v->edge];
    v->cycle = cycle_text(fx, e->from, e->to);
    for (uint32_t k = 0; k < v->n_choices; k++) v->choices[k].unit.cycle = v->cycle;
  }
  dc_plan_solution_release(&sol);
  if (cp->unbreakable) remaining_cycles(fx, comp, cp, verdicts, n, local);
  free(arcs);
}

/* moved - a constant the plan moves, with the project file that defines it
 * and the component whose config module gets it. */
typedef struct moved {
  dc_moved_constant mc;
  uint32_t file;
  uint32_t component;
} moved;

typedef dc_vec(moved) moved_list;
typedef dc_vec(dc_change) change_list;
typedef dc_vec(const char *) name_list;

/* The loaded file whose constants hold `c`. */
static uint32_t definer_of(fixer *fx, const dc_constant *c) {
  for (uint32_t i = 0; i < fx->p->n_files; i++) {
    const loaded *l = fx->files[i];
    if (l && l->constants && l->constants->n && c >= l->constants->items && c < l->constants->items + l->constants->n)
      return i;
  }
  DC_BUG("a moved constant has no file");
}

static int cmp_moved(const void *a, const void *b) {
  const moved *x = a, *y = b;
  int k = strcmp(x->mc.module, y->mc.module);
  if (k) return k;
  return x->mc.c->line < y->mc.c->line ? -1 : x->mc.c->line > y->mc.c->line;
}

/* The constants every cut by the config-module strategy moves, sorted by
 * module and line. */
static void collect_moved(fixer *fx, const dc_fix *fix, moved_list *out) {
  const dc_graph *g = fx->g;
  for (uint32_t ci = 0; ci < fix->n_components; ci++) {
    const dc_component_plan *cp = &fix->components[ci];
    fx->ctx.target = &fx->targets[ci];
    for (uint32_t i = 0; i < cp->n_verdicts; i++) {
      const dc_verdict *v = &cp->verdicts[i];
      loaded *l = fx->files[g->file[g->edges[v->edge].from]];
      for (uint32_t k = 0; v->cut && k < v->n_choices; k++) {
        if (v->choices[k].strategy != &dc_rewrite_config_module) continue;
        ensure_tree(fx, l);
        const dc_constant *cs[64];
        uint32_t n = dc_config_unit_constants(&l->sf, &v->choices[k].unit, cs, 64, fx->arena);
        for (uint32_t j = 0; j < n; j++) {
          bool seen = false;
          for (uint32_t d = 0; d < out->size && !seen; d++) seen = out->items[d].mc.c == cs[j];
          if (seen) continue;
          uint32_t file = definer_of(fx, cs[j]);
          dc_vec_push(out, ((moved){{cs[j], fx->p->files[file].module, v->cycle}, file, ci}));
        }
      }
      drop_tree(fx, l);
    }
  }
  if (out->size > 1) qsort(out->items, out->size, sizeof *out->items, cmp_moved);
}

/* Gives each moved constant a config name that no other name of its config
 * module has: its own, else prefixed with its module's last name, else
 * numbered. */
static void name_moved(fixer *fx, moved_list *mv) {
  for (uint32_t i = 0; i < mv->size; i++) {
    const dc_config_target *t = &fx->targets[mv->items[i].component];
    dc_constant *c = (dc_constant *)mv->items[i].mc.c;
    const char *last = strrchr(mv->items[i].mc.module, '.') ? strrchr(mv->items[i].mc.module, '.') + 1 : mv->items[i].mc.module;
    const char *name = c->config_name;
    for (uint32_t attempt = 0;; attempt++) {
      bool taken = false;
      const dc_file_facts *old = t->file >= 0 ? dc_facts_of(fx->facts, (uint32_t)t->file) : NULL;
      for (uint32_t k = 0; old && k < old->n_bindings && !taken; k++) taken = !strcmp(old->bindings[k].name, name);
      for (uint32_t k = 0; k < i && !taken; k++)
        taken = !strcmp(fx->targets[mv->items[k].component].path, t->path) && !strcmp(mv->items[k].mc.c->config_name, name);
      if (!taken) break;
      name = attempt == 0 ? dc_arena_printf(fx->arena, "%s_%s", last, c->config_name)
                          : dc_arena_printf(fx->arena, "%s_%s_%u", last, c->config_name, attempt + 1);
      for (char *p = (char *)name; *p && p < name + strlen(last); p++)
        if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
    }
    c->config_name = name;
  }
}

static int cmp_change(const void *a, const void *b) {
  return strcmp(((const dc_change *)a)->path, ((const dc_change *)b)->path);
}

/* The new or grown config modules. */
static void config_changes(fixer *fx, const moved_list *mv, change_list *changes, name_list *modules) {
  for (uint32_t i = 0; i < mv->size; i++) {
    const dc_config_target *t = &fx->targets[mv->items[i].component];
    bool done = false;
    for (uint32_t k = 0; k < i && !done; k++) done = !strcmp(fx->targets[mv->items[k].component].path, t->path);
    if (done) continue;
    dc_vec(dc_moved_constant) group = {0};
    for (uint32_t k = i; k < mv->size; k++)
      if (!strcmp(fx->targets[mv->items[k].component].path, t->path)) dc_vec_push(&group, mv->items[k].mc);
    const char *eol = fx->files[mv->items[i].file]->sf.uses->eol;
    dc_change ch = {UINT32_MAX, t->path, t->open_path, NULL, 0, NULL, 0, 0644, true};
    dc_source old = {0};
    struct stat st;
    if (t->file >= 0) dc_memo_dep(fx->memo, DC_DEP_TEXT, (uint32_t)t->file);
    if (t->file >= 0 && read_again(fx, (uint32_t)t->file, &old) == 0 && stat(t->open_path, &st) == 0) {
      ch.file = (uint32_t)t->file;
      ch.old_text = dc_arena_memdup(fx->arena, old.data, (size_t)old.len + 1, 1);
      ch.old_len = old.len;
      ch.mode = st.st_mode & 07777;
    }
    free(old.data);
    ch.new_text = dc_config_module_text(ch.old_text, ch.old_len, group.items, group.size, eol, fx->arena);
    ch.new_len = (uint32_t)strlen(ch.new_text);
    dc_vec_push(changes, ch);
    dc_vec_push(modules, t->module);
    dc_vec_free(&group);
  }
}

/* Rewrites every file that holds units of cut edges or constants that
 * move, and writes the config modules. */
static void build_changes(fixer *fx, dc_fix *fix) {
  const dc_graph *g = fx->g;
  moved_list mv = {0};
  collect_moved(fx, fix, &mv);
  name_moved(fx, &mv);
  change_list changes = {0};
  name_list modules = {0};
  for (uint32_t file = 0; file < fx->p->n_files; file++) {
    loaded *l = fx->files[file];
    if (!l || l->problem) continue;
    dc_vec(dc_rewrite_choice) choices = {0};
    for (uint32_t ci = 0; ci < fix->n_components; ci++) {
      const dc_component_plan *cp = &fix->components[ci];
      for (uint32_t i = 0; i < cp->n_verdicts; i++) {
        const dc_verdict *v = &cp->verdicts[i];
        if (!v->cut || g->file[g->edges[v->edge].from] != file) continue;
        for (uint32_t k = 0; k < v->n_choices; k++) {
          bool dup = false;
          for (uint32_t d = 0; d < choices.size && !dup; d++)
            dup = choices.items[d].unit.import_index == v->choices[k].unit.import_index &&
                  choices.items[d].unit.name_index == v->choices[k].unit.name_index;
          if (!dup) dc_vec_push(&choices, v->choices[k]);
        }
      }
    }
    int32_t m = fx->module_of_file[file];
    int32_t ci = m >= 0 ? fx->c->component_of[m] : -1;
    dc_vec(dc_moved_constant) defined = {0};
    for (uint32_t i = 0; i < mv.size; i++)
      if (mv.items[i].file == file) dc_vec_push(&defined, mv.items[i].mc);
    if (choices.size || defined.size) {
      ensure_tree(fx, l);
      fx->ctx.target = ci >= 0 ? &fx->targets[ci] : NULL;
      dc_edits extra = {0}, edits = {0};
      if (defined.size) dc_config_definer_edits(&l->sf, fx->ctx.target, defined.items, defined.size, &extra, fx->arena);
      dc_rewrite_file_edits(&l->sf, choices.items, choices.size, &extra, &edits, fx->arena);
      uint32_t new_len;
      char *new_text = dc_edits_apply(l->sf.src, l->sf.len, &edits, &new_len);
      dc_change ch = {file, l->sf.file->path, l->sf.file->open_path, l->sf.src, l->sf.len,
                      dc_arena_memdup(fx->arena, new_text, (size_t)new_len + 1, 1), new_len, l->mode, false};
      free(new_text);
      dc_vec_free(&edits);
      dc_vec_free(&extra);
      dc_vec_push(&changes, ch);
      drop_tree(fx, l);
    }
    dc_vec_free(&defined);
    dc_vec_free(&choices);
  }
  config_changes(fx, &mv, &changes, &modules);
  if (changes.size > 1) qsort(changes.items, changes.size, sizeof *changes.items, cmp_change);
  fix->changes = dc_arena_memdup(fx->arena, changes.items, changes.size, sizeof(dc_change));
  fix->n_changes = changes.size;
  fix->config_modules = dc_arena_memdup(fx->arena, modules.items, modules.size, sizeof(char *));
  fix->n_config_modules = modules.size;
  dc_vec_free(&changes);
  dc_vec_free(&modules);
  dc_vec_free(&mv);
}

/* The files plan_component will load, in the order it loads them: the file
 * of each module with an edge inside its component that no pragma keeps
 * and the memo did not give (but not those of dc_fix_early). */
static uint32_t *assess_order(const fixer *fx, const dc_fix *fix, uint32_t *n) {
  const dc_graph *g = fx->g;
  uint32_t *order = dc_xmalloc((g->n_modules ? g->n_modules : 1) * sizeof *order);
  *n = 0;
  for (uint32_t ci = 0; ci < fix->n_components; ci++) {
    const dc_component_plan *cp = &fix->components[ci];
    for (uint32_t i = 0; i < cp->n_verdicts; i++) {
      const dc_edge *e = &g->edges[cp->verdicts[i].edge];
      uint32_t file = g->file[e->from];
      if (fx->replayed[ci][i] || kept_import(fx, e) || (*n && order[*n - 1] == file)) continue;
      if (fx->early && fx->early->slot_of[file] >= 0) continue; /* loaded there */
      order[(*n)++] = file;
    }
  }
  return order;
}

dc_fix_early *dc_fix_early_start(const dc_project *p, dc_facts *facts, const uint32_t *files, uint32_t n) {
  /* Their facts are decoded here, not on the thread: the cache is being
   * saved meanwhile. `all`: in a small project the plan would often ask for
   * a file before the thread took it, and the early load would happen or
   * not by chance. */
  for (uint32_t i = 0; i < n; i++) dc_facts_of(facts, files[i]);
  return n ? preload_start(p, facts, files, n, 1, true) : NULL;
}

dc_fix *dc_fix_build(const dc_project *p, const dc_graph *g, const dc_components *c, dc_facts *facts,
                     const dc_fix_options *opts, dc_arena *arena, dc_diags *diags) {
  fixer fx = {.p = p, .g = g, .c = c, .facts = facts, .arena = arena, .diags = diags, .parser = ts_parser_new(),
              .resolver = dc_graph_resolver_new(p, facts, g, arena), .early = opts ? opts->early : NULL};
  fx.config_override = opts ? opts->config_module : NULL;
  fx.disabled = opts ? opts->disabled_strategies : 0;
  fx.ctx = (dc_config_ctx){&fx, config_module_of, config_may_define, config_constants_of, NULL};
  fx.targets = dc_arena_alloc(arena, (c->n ? c->n : 1) * sizeof *fx.targets);
  dc_graph_in_edges_build(g, &fx.in);
  fx.module_of_file = dc_xmalloc((p->n_files ? p->n_files : 1) * sizeof *fx.module_of_file);
  for (uint32_t i = 0; i < p->n_files; i++) fx.module_of_file[i] = -1;
  for (uint32_t m = 0; m < g->n_modules; m++) fx.module_of_file[g->file[m]] = (int32_t)m;
  if (!ts_parser_set_language(fx.parser, tree_sitter_python())) DC_BUG("cannot load tree-sitter-python");
  fx.files = dc_xcalloc(p->n_files ? p->n_files : 1, sizeof *fx.files);
  fx.reread = dc_arena_alloc(arena, (p->n_files ? p->n_files : 1) * sizeof *fx.reread);
  memset(fx.reread, 0, (p->n_files ? p->n_files : 1) * sizeof *fx.reread);
  /* the config-module targets are read to tell whether decycle made them:
   * count every module that could be one */
  for (uint32_t i = 0; c->n && i < p->n_files; i++) {
    const char *leaf = strrchr(p->files[i].module, '.');
    leaf = leaf ? leaf + 1 : p->files[i].module;
    fx.reread[i] = !strcmp(leaf, "config") || !strcmp(leaf, "_decycle_config") ||
                   (fx.config_override && !strcmp(p->files[i].module, fx.config_override));
  }
  fx.changes = dc_xcalloc(p->n_files ? p->n_files : 1, sizeof *fx.changes);
  fx.text_changed = dc_xcalloc(p->n_files ? p->n_files : 1, sizeof *fx.text_changed);
  dc_fix *fix = dc_arena_alloc(arena, sizeof *fix);
  fix->reread = fx.reread;
  fix->n_components = c->n;
  fix->components = dc_arena_alloc(arena, (c->n ? c->n : 1) * sizeof *fix->components);
  if (opts && opts->verdicts_only && opts->cache)
    fx.memo = dc_memo_new(opts->cache, p, g, &fx.in, fx.disabled, fx.config_override);
  fx.replayed = dc_xmalloc((c->n ? c->n : 1) * sizeof *fx.replayed);
  for (uint32_t ci = 0; ci < c->n; ci++) prepare_component(&fx, ci, &fix->components[ci]);
  uint32_t n_order = 0;
  uint32_t *order = opts && opts->jobs > 1 ? assess_order(&fx, fix, &n_order) : NULL;
  if (n_order > 1) fx.preload = preload_start(p, facts, order, n_order, opts->jobs, false);
  int32_t *local = dc_xmalloc((g->n_modules ? g->n_modules : 1) * sizeof *local);
  for (uint32_t ci = 0; ci < c->n; ci++) plan_component(&fx, ci, &fix->components[ci], local);
  free(local);
  if (fx.preload) preload_finish(fx.preload, arena);
  fx.preload = NULL;
  if (fx.early) preload_finish(fx.early, arena);
  fx.early = NULL;
  free(order);
  if (!(opts && opts->verdicts_only)) build_changes(&fx, fix);
  for (uint32_t i = 0; i < p->n_files; i++)
    if (fx.files[i] && fx.files[i]->sf.tree) ts_tree_delete(fx.files[i]->sf.tree);
  for (uint32_t ci = 0; ci < c->n; ci++) free(fx.replayed[ci]);
  free(fx.replayed);
  dc_memo_free(fx.memo);
  dc_graph_in_edges_free(&fx.in);
  free(fx.files);
  free(fx.changes);
  free(fx.text_changed);
  free(fx.module_of_file);
  ts_parser_delete(fx.parser);
  dc_graph_resolver_free(fx.resolver);
  return fix;
}

const dc_verdict *dc_fix_verdict(const dc_fix *self, const dc_components *c, const dc_graph *g, uint32_t edge) {
  const dc_edge *e = &g->edges[edge];
  if (!dc_scc_edge_inside(c, e)) return NULL;
  const dc_component_plan *cp = &self->components[c->component_of[e->from]];
  uint32_t lo = 0, hi = cp->n_verdicts;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (cp->verdicts[mid].edge < edge) lo = mid + 1;
    else hi = mid;
  }
  return lo < cp->n_verdicts && cp->verdicts[lo].edge == edge ? &cp->verdicts[lo] : NULL;
}
