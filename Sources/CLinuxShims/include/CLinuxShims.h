#ifndef SWIFTSPY_CLINUXSHIMS_H
#define SWIFTSPY_CLINUXSHIMS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// One range to read from the target: where, and how many bytes into which local buffer.
typedef struct swiftspy_read_range {
    uint64_t remote_address;
    void *local_buffer;
    size_t length;
} swiftspy_read_range;

/// process_vm_readv over `count` ranges. Returns the number of bytes read, or -1 with errno set.
/// EINTR is retried inside.
ssize_t swiftspy_process_vm_readv(pid_t pid, const swiftspy_read_range *ranges, size_t count);

/// pread on a file descriptor (used for /proc/PID/mem), retrying EINTR. Returns bytes read or -1.
ssize_t swiftspy_pread_full(int fd, void *buffer, size_t length, uint64_t offset);

/// PTRACE_SEIZE then PTRACE_INTERRUPT, without waiting for the stop, so that several threads can be asked to
/// stop before waiting for any. Returns 0 or an errno value (the thread is detached again on failure).
int swiftspy_ptrace_seize_and_interrupt(pid_t tid);

/// Checks, without blocking, whether a seized and interrupted thread has stopped, re-injecting any other signal
/// it reported meanwhile. Returns 0 once it is stopped, EAGAIN while it is not yet, or an errno value (ESRCH
/// when it exited; it is detached on other failures). Never blocking matters: when the process exits while
/// several of its threads are seized, the group leader's exit is not reported until the other traced threads
/// are reaped, so a blocking wait on the leader first would wait forever.
int swiftspy_ptrace_poll_stop(pid_t tid);

/// Lets go of a stopped thread: PTRACE_DETACH, or, when the thread died while stopped (the process called
/// exit_group, which kills stopped threads too), reaps it, since a dead tracee waits for its tracer, and the
/// process itself cannot be reaped by its parent until it is. Waits at most about 200 ms for the death to
/// become reapable. Returns 0 or an errno value.
int swiftspy_ptrace_release(pid_t tid);

/// Reaps a traced thread if it has died (a thread killed while stopped waits for its tracer to reap it).
/// Returns 1 when it was dead and is now reaped, 0 otherwise (still alive, or not ours). Never blocks.
int swiftspy_ptrace_reap_if_exited(pid_t tid);

/// PTRACE_SEIZE without an interrupt: the thread becomes a tracee but keeps running, so a stop is never
/// reported. Only tests use it, to stand for a thread stuck in an uninterruptible wait. Returns 0 or an errno.
int swiftspy_ptrace_seize_only(pid_t tid);

/// The calling thread's errno (Swift cannot read the thread-local macro directly everywhere).
int swiftspy_errno(void);

#endif
