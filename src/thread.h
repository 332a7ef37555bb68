/*
 * thread - starting the worker threads of a run (the stat checks of a
 * replayed scan, the parse, the plan's loading threads).
 */
#ifndef DC_THREAD_H
#define DC_THREAD_H

#include <pthread.h>
#include <stdbool.h>

/* Starts `fn(arg)` on a new thread, the `index`-th (from 0) of those the
 * caller starts together: on a CPU other than the calling thread's when
 * there are more than `index` other CPUs the process may use (else where
 * the scheduler puts it: several threads held to the same other CPU made
 * a cold plan of the stdlib 3 ms slower); the thread may then run
 * anywhere. False when it could not be started. */
bool dc_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg, unsigned index);

#endif
