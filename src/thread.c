/*
 * thread.c - see thread.h. Left to the scheduler, a new thread is often
 * queued behind the one that made it, and moved to an idle CPU only a
 * millisecond or two later (on this project's 2-CPU test machine, up to
 * 2.3 ms, seen on the parse of a warm run): as long as the whole job of
 * the threads of a warm run. Started with an affinity that leaves out the
 * calling thread's CPU, it starts at once (within 0.03 ms, seen); it then
 * takes back the process's affinity, so that a long job (a cold parse) is
 * not held off the caller's CPU.
 */
#define _GNU_SOURCE /* the CPU affinity of a thread */
#include "thread.h"

#include <sched.h>
#include <stdlib.h>

#include "arena.h"

/* start - what the new thread runs, and the affinity it takes back. */
typedef struct start {
  void *(*fn)(void *);
  void *arg;
#ifdef __linux__
  cpu_set_t cpus;
  bool pinned;
#endif
} start;

static void *trampoline(void *p) {
  start s = *(start *)p;
  free(p);
#ifdef __linux__
  if (s.pinned) pthread_setaffinity_np(pthread_self(), sizeof s.cpus, &s.cpus);
#endif
  return s.fn(s.arg);
}

bool dc_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg, unsigned index) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) return false;
  start *s = dc_xcalloc(1, sizeof *s);
  s->fn = fn, s->arg = arg;
#ifdef __linux__
  int here = sched_getcpu();
  if (here >= 0 && here < CPU_SETSIZE && sched_getaffinity(0, sizeof s->cpus, &s->cpus) == 0) {
    cpu_set_t elsewhere = s->cpus;
    CPU_CLR(here, &elsewhere);
    s->pinned = (unsigned)CPU_COUNT(&elsewhere) > index &&
                pthread_attr_setaffinity_np(&attr, sizeof elsewhere, &elsewhere) == 0;
  }
#else
  (void)index;
#endif
  bool started = pthread_create(thread, &attr, trampoline, s) == 0;
  if (!started) free(s);
  pthread_attr_destroy(&attr);
  return started;
}
