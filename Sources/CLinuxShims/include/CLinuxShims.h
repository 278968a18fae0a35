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

/// PTRACE_SEIZE then PTRACE_INTERRUPT, then wait for the stop.
/// Returns 0 on success or an errno value. Stops caused by other signals are re-injected while waiting.
int swiftspy_ptrace_seize_and_stop(pid_t tid);

/// PTRACE_DETACH. Returns 0 or an errno value.
int swiftspy_ptrace_detach(pid_t tid);

/// The calling thread's errno (Swift cannot read the thread-local macro directly everywhere).
int swiftspy_errno(void);

#endif
