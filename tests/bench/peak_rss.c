/*
 * peak_rss.c - runs a command and writes its peak resident memory (KiB) and
 * wall time (s) to OUTFILE. The benchmark needs this small launcher because
 * a child spawned from Python inherits Python's own high-water mark in
 * ru_maxrss (Linux keeps it across exec), which hides small peaks.
 *
 * usage: peak_rss OUTFILE COMMAND [ARG...]; exits with COMMAND's status.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: peak_rss OUTFILE COMMAND [ARG...]\n", stderr);
    return 2;
  }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) return 2;
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    _exit(127);
  }
  int status;
  struct rusage ru;
  if (wait4(pid, &status, 0, &ru) < 0) return 2;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  FILE *out = fopen(argv[1], "w");
  if (!out) return 2;
  fprintf(out, "%ld %.6f\n", ru.ru_maxrss, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
  fclose(out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
