/*
 * apply.c - atomic replacement of the files of a fix.
 *
 * Each file is replaced by rename(2) of a fully written and fsync'ed
 * temporary file from the same folder, so a reader sees either the old or
 * the new text, never a mix. The temporary files are all written before the
 * first rename; if a rename fails, the renames done so far are undone by
 * putting the old text back the same way. A new file (a config module) is
 * linked into place instead, which fails rather than replace a file that
 * appeared meanwhile, and is removed again on undo.
 */
#include "apply.h"
#include "apply_p.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"

bool (*dc_apply__fault)(enum dc_apply__op op);

/* The system calls of apply, each able to fail on purpose in tests. */
static ssize_t do_write(int fd, const void *p, size_t n) {
  if (dc_apply__fault && dc_apply__fault(DC_APPLY__WRITE)) return errno = EIO, -1;
  return write(fd, p, n);
}

static int do_fsync(int fd) {
  if (dc_apply__fault && dc_apply__fault(DC_APPLY__FSYNC)) return errno = EIO, -1;
  return fsync(fd);
}

static int do_rename(const char *from, const char *to) {
  if (dc_apply__fault && dc_apply__fault(DC_APPLY__RENAME)) return errno = EIO, -1;
  return rename(from, to);
}

/* Puts the temporary file `from` at `to`: renamed over an existing file,
 * or linked as a new one (never replacing what is there). */
static int put_in_place(const char *from, const char *to, bool is_new) {
  if (!is_new) return do_rename(from, to);
  if (dc_apply__fault && dc_apply__fault(DC_APPLY__RENAME)) return errno = EIO, -1;
  if (link(from, to) != 0) return -1;
  unlink(from);
  return 0;
}

/* The real path a new file gets: its folder resolved, its name kept. */
static char *new_file_target(const char *open_path) {
  const char *slash = strrchr(open_path, '/');
  char *dir = slash ? strndup(open_path, (size_t)(slash - open_path)) : strdup(".");
  if (!dir) DC_BUG("out of memory");
  char *real = realpath(*dir ? dir : "/", NULL);
  free(dir);
  if (!real) return NULL;
  const char *name = slash ? slash + 1 : open_path;
  size_t n = strlen(real) + strlen(name) + 2;
  char *out = dc_xmalloc(n);
  snprintf(out, n, "%s/%s", real, name);
  free(real);
  return out;
}

/* Writes `text` to a new temporary file next to `target`; returns its
 * malloc'd path, or NULL with dc_error. */
static char *write_temp(const char *target, const char *text, uint32_t len, mode_t mode) {
  const char *slash = strrchr(target, '/');
  size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
  size_t n = strlen(target) + 32;
  char *tmp = malloc(n);
  if (!tmp) DC_BUG("out of memory");
  snprintf(tmp, n, "%.*s.decycle-XXXXXX", (int)dir_len, target);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    dc_error("cannot create a temporary file next to '%s': %s", target, strerror(errno));
    free(tmp);
    return NULL;
  }
  bool ok = fchmod(fd, mode) == 0;
  for (uint32_t done = 0; ok && done < len;) {
    ssize_t w = do_write(fd, text + done, len - done);
    if (w < 0 && errno == EINTR) continue;
    ok = w > 0;
    if (ok) done += (uint32_t)w;
  }
  ok = ok && do_fsync(fd) == 0;
  int e = errno;
  ok = close(fd) == 0 && ok;
  if (!ok) {
    dc_error("cannot write '%s': %s", tmp, strerror(e));
    unlink(tmp);
    free(tmp);
    return NULL;
  }
  return tmp;
}

int dc_apply(const dc_fix *fix) {
  uint32_t n = fix->n_changes;
  char **targets = dc_xcalloc(n ? n : 1, sizeof *targets);
  char **temps = dc_xcalloc(n ? n : 1, sizeof *temps);
  int rc = 0;
  /* 1. Nothing changed since it was read; links are resolved. */
  for (uint32_t i = 0; i < n && rc == 0; i++) {
    const dc_change *ch = &fix->changes[i];
    if (!ch->old_text) {
      struct stat st;
      if (lstat(ch->open_path, &st) == 0) rc = dc_error("'%s' appeared since it was planned; nothing is written", ch->path);
      else if (!(targets[i] = new_file_target(ch->open_path))) rc = dc_error("cannot resolve '%s': %s", ch->path, strerror(errno));
      continue;
    }
    dc_source now;
    if (dc_source_read(ch->open_path, &now) != 0) {
      rc = dc_error("cannot read '%s' again: %s", ch->path, dc_error_message());
      break;
    }
    if (now.len != ch->old_len || memcmp(now.data, ch->old_text, now.len))
      rc = dc_error("'%s' changed since it was read; nothing is written", ch->path);
    free(now.data);
    targets[i] = realpath(ch->open_path, NULL);
    if (!rc && !targets[i]) rc = dc_error("cannot resolve '%s': %s", ch->path, strerror(errno));
  }
  /* 2. Every new text in a temporary file. */
  for (uint32_t i = 0; i < n && rc == 0; i++) {
    const dc_change *ch = &fix->changes[i];
    temps[i] = write_temp(targets[i], ch->new_text, ch->new_len, ch->mode);
    if (!temps[i]) rc = -1;
  }
  /* 3. Rename them over the originals; undo on failure. */
  uint32_t renamed = 0;
  for (; rc == 0 && renamed < n; renamed++) {
    if (put_in_place(temps[renamed], targets[renamed], !fix->changes[renamed].old_text) != 0) {
      rc = dc_error("cannot replace '%s': %s; the files already replaced were restored",
                    fix->changes[renamed].path, strerror(errno));
      break;
    }
    free(temps[renamed]);
    temps[renamed] = NULL;
  }
  if (rc != 0) {
    for (uint32_t i = 0; i < renamed; i++) {
      const dc_change *ch = &fix->changes[i];
      if (!ch->old_text) {
        unlink(targets[i]);
        continue;
      }
      char *back = write_temp(targets[i], ch->old_text, ch->old_len, ch->mode);
      if (back && do_rename(back, targets[i]) != 0) unlink(back);
      free(back);
    }
  }
  for (uint32_t i = 0; i < n; i++) {
    if (temps[i]) unlink(temps[i]);
    free(temps[i]);
    free(targets[i]);
  }
  free(temps);
  free(targets);
  return rc;
}
