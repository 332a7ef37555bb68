/*
 * thread - starting the worker threads of a run (the stat checks of a
 * replayed scan, the parse, the plan's loading threads).
 */
#ifndef DC_THREAD_H
#define DC_THREAD_H

#include <pthread.h>
#include <stdbool.h>

/* Starts `fn(arg)` on a new thread, on a CPU other than the calling
 * thread's when the process may use another; the thread may then run
 * anywhere. False when it could not be started. */
bool dc_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg);

#endif
