/*
 * pycheck.c - import modules in fresh interpreters on a copy of the project.
 *
 * The copy holds every regular file under the project folder (the scan's
 * default excludes skipped; links to folders are not followed, so
 * a link loop cannot make the copy endless). Each import runs as
 * `python -B -c "import importlib, sys; importlib.import_module(sys.argv[1])" M`
 * with the copy's roots on PYTHONPATH and the copy as the working folder (so
 * that the interpreter's own sys.path[0] is the copy, not the caller's
 * folder), stdout discarded, stderr kept for the error line. An import that
 * runs longer than IMPORT_TIMEOUT seconds is killed and counts as failed.
 */
#include "pycheck.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "parse.h"
#include "vec.h"

enum { IMPORT_TIMEOUT = 120 };

static int write_all(const char *path, const char *text, size_t len, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode & 07777);
  if (fd < 0) return dc_error("cannot write '%s': %s", path, strerror(errno));
  for (size_t done = 0; done < len;) {
    ssize_t w = write(fd, text + done, len - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      int e = errno;
      close(fd);
      return dc_error("cannot write '%s': %s", path, strerror(e));
    }
    done += (size_t)w;
  }
  return close(fd) == 0 ? 0 : dc_error("cannot write '%s': %s", path, strerror(errno));
}

/* Copies the folder `from` to `to` (which must not exist), iteratively. */
static int copy_tree(const char *from, const char *to) {
  dc_vec(char *) stack = {0};
  dc_vec_push(&stack, dc_xstrdup(""));
  int rc = 0;
  while (stack.size && rc == 0) {
    char *rel = dc_vec_pop(&stack);
    dc_buf src = DC_BUF_INIT, dst = DC_BUF_INIT;
    dc_buf_addf(&src, "%s%s%s", from, *rel ? "/" : "", rel);
    dc_buf_addf(&dst, "%s%s%s", to, *rel ? "/" : "", rel);
    struct stat st;
    if (stat(src.data, &st) != 0 || mkdir(dst.data, (st.st_mode & 07777) | 0700) != 0) {
      rc = dc_error("cannot copy the folder '%s': %s", src.data, strerror(errno));
    } else {
      DIR *d = opendir(src.data);
      struct dirent *e;
      while (d && rc == 0 && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        dc_buf path = DC_BUF_INIT;
        dc_buf_addf(&path, "%s/%s", src.data, e->d_name);
        struct stat cs, ls;
        if (lstat(path.data, &ls) == 0 && stat(path.data, &cs) == 0) {
          if (S_ISDIR(cs.st_mode)) {
            if (!S_ISLNK(ls.st_mode) && !dc_scan_default_exclude(e->d_name)) {
              dc_buf sub = DC_BUF_INIT;
              dc_buf_addf(&sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
              dc_vec_push(&stack, dc_buf_detach(&sub, NULL));
            }
          } else if (S_ISREG(cs.st_mode)) {
            dc_source data;
            if (dc_source_read(path.data, &data) == 0) {
              dc_buf out = DC_BUF_INIT;
              dc_buf_addf(&out, "%s/%s", dst.data, e->d_name);
              rc = write_all(out.data, data.data, data.len, cs.st_mode);
              dc_buf_release(&out);
              free(data.data);
            }
          }
        }
        dc_buf_release(&path);
      }
      if (d) closedir(d);
    }
    dc_buf_release(&src);
    dc_buf_release(&dst);
    free(rel);
  }
  while (stack.size) free(dc_vec_pop(&stack));
  dc_vec_free(&stack);
  return rc;
}

/* Removes a folder tree, iteratively (folders are emptied, then removed). */
static void remove_tree(const char *root) {
  dc_vec(char *) stack = {0};
  dc_vec(char *) folders = {0};
  dc_vec_push(&stack, dc_xstrdup(root));
  while (stack.size) {
    char *dir = dc_vec_pop(&stack);
    dc_vec_push(&folders, dir);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
      if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
      dc_buf path = DC_BUF_INIT;
      dc_buf_addf(&path, "%s/%s", dir, e->d_name);
      struct stat st;
      if (lstat(path.data, &st) == 0 && S_ISDIR(st.st_mode)) dc_vec_push(&stack, dc_buf_detach(&path, NULL));
      else unlink(path.data), dc_buf_release(&path);
    }
    if (d) closedir(d);
  }
  for (uint32_t i = folders.size; i-- > 0;) {
    rmdir(folders.items[i]);
    free(folders.items[i]);
  }
  dc_vec_free(&stack);
  dc_vec_free(&folders);
}

/* Imports `module` in a fresh interpreter. Returns 0 and sets *error to ""
 * (imported) or to the last line of stderr (failed); -1 when the
 * interpreter cannot be started. */
static int import_one(const char *python, const char *cwd, const char *pythonpath, const char *module,
                      const char **error, dc_arena *arena) {
  int fds[2];
  if (pipe(fds) != 0) return dc_error("cannot create a pipe: %s", strerror(errno));
  int ready[2];
  if (pipe(ready) != 0) return dc_error("cannot create a pipe: %s", strerror(errno));
  fcntl(ready[1], F_SETFD, FD_CLOEXEC);
  pid_t pid = fork();
  if (pid < 0) return dc_error("cannot start '%s': %s", python, strerror(errno));
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0), dup2(devnull, 1), dup2(fds[1], 2);
    close(fds[0]), close(ready[0]);
    if (chdir(cwd) != 0) _exit(126);
    setenv("PYTHONPATH", pythonpath, 1);
    setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
    char *argv[] = {(char *)python, "-B", "-c", "import importlib, sys; importlib.import_module(sys.argv[1])",
                    (char *)module, NULL};
    execvp(python, argv);
    int e = errno;
    if (write(ready[1], &e, sizeof e) < 0) _exit(127);
    _exit(127);
  }
  close(fds[1]), close(ready[1]);
  int exec_errno = 0;
  bool exec_failed = read(ready[0], &exec_errno, sizeof exec_errno) == (ssize_t)sizeof exec_errno;
  close(ready[0]);
  dc_buf err = DC_BUF_INIT;
  time_t deadline = time(NULL) + IMPORT_TIMEOUT;
  bool timed_out = false;
  for (;;) {
    struct pollfd pfd = {fds[0], POLLIN, 0};
    int left = (int)(deadline - time(NULL));
    if (left <= 0 || poll(&pfd, 1, left * 1000) == 0) {
      timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    char chunk[4096];
    ssize_t n = read(fds[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (err.len < 65536) dc_buf_add(&err, chunk, (size_t)n);
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (exec_failed) {
    dc_buf_release(&err);
    return dc_error("cannot run '%s': %s", python, strerror(exec_errno));
  }
  if (timed_out) {
    *error = dc_arena_printf(arena, "the import did not finish within %d seconds", IMPORT_TIMEOUT);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    *error = "";
  } else {
    /* The last non-empty line: the exception. */
    size_t end = err.len;
    while (end > 0 && (err.data[end - 1] == '\n' || err.data[end - 1] == '\r')) end--;
    size_t start = end;
    while (start > 0 && err.data[start - 1] != '\n') start--;
    *error = end > start ? dc_arena_strndup(arena, err.data + start, end - start)
                         : dc_arena_printf(arena, "exited with status %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
  }
  dc_buf_release(&err);
  return 0;
}

int dc_pycheck_run(const dc_project *p, const dc_graph *g, const dc_components *c, const dc_fix *fix,
                   const char *python, dc_pycheck *out, dc_arena *arena) {
  memset(out, 0, sizeof *out);
  char tmpl[] = "/tmp/decycle-verify-XXXXXX";
  char *tmp = mkdtemp(tmpl);
  if (!tmp) return dc_error("cannot create a temporary folder: %s", strerror(errno));
  const char *copy = dc_arena_printf(arena, "%s/project", tmp);
  int rc = copy_tree(p->path, copy);
  dc_buf pythonpath = DC_BUF_INIT;
  for (uint32_t i = 0; i < p->n_roots; i++)
    dc_buf_addf(&pythonpath, "%s%s/%s", i ? ":" : "", copy, p->roots[i]);
  /* The modules of the components that get cuts, in name order. */
  dc_vec(uint32_t) modules = {0};
  for (uint32_t m = 0; m < g->n_modules; m++) {
    int32_t ci = c->component_of[m];
    if (ci >= 0 && fix->components[ci].n_cut && p->files[g->file[m]].kind == DC_MODULE_SOURCE) dc_vec_push(&modules, m);
  }
  const char **before = dc_arena_alloc(arena, (modules.size ? modules.size : 1) * sizeof *before);
  for (uint32_t i = 0; i < modules.size && rc == 0; i++)
    rc = import_one(python, copy, dc_buf_str(&pythonpath), g->names[modules.items[i]], &before[i], arena);
  for (uint32_t i = 0; i < fix->n_changes && rc == 0; i++) {
    const dc_change *ch = &fix->changes[i];
    rc = write_all(dc_arena_printf(arena, "%s/%s", copy, ch->path), ch->new_text, ch->new_len, ch->mode);
  }
  dc_vec(dc_pycheck_module) broken = {0}, fixed = {0};
  for (uint32_t i = 0; i < modules.size && rc == 0; i++) {
    const char *after;
    rc = import_one(python, copy, dc_buf_str(&pythonpath), g->names[modules.items[i]], &after, arena);
    if (rc) break;
    if (!*before[i] && *after) dc_vec_push(&broken, ((dc_pycheck_module){g->names[modules.items[i]], after}));
    if (*before[i] && !*after) dc_vec_push(&fixed, ((dc_pycheck_module){g->names[modules.items[i]], before[i]}));
  }
  out->checked = modules.size;
  out->broken = dc_arena_memdup(arena, broken.items, broken.size, sizeof *broken.items);
  out->n_broken = broken.size;
  out->fixed = dc_arena_memdup(arena, fixed.items, fixed.size, sizeof *fixed.items);
  out->n_fixed = fixed.size;
  dc_vec_free(&broken);
  dc_vec_free(&fixed);
  dc_vec_free(&modules);
  dc_buf_release(&pythonpath);
  remove_tree(tmp);
  return rc;
}
