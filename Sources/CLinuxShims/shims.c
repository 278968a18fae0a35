// _GNU_SOURCE is defined here only: in the public header it would break Swift's Glibc module.
#define _GNU_SOURCE
#include "CLinuxShims.h"

#include <errno.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SWIFTSPY_MAX_IOV 1024

ssize_t swiftspy_process_vm_readv(pid_t pid, const swiftspy_read_range *ranges, size_t count) {
    struct iovec local[SWIFTSPY_MAX_IOV];
    struct iovec remote[SWIFTSPY_MAX_IOV];
    if (count > SWIFTSPY_MAX_IOV) {
        errno = EINVAL;
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        local[i].iov_base = ranges[i].local_buffer;
        local[i].iov_len = ranges[i].length;
        remote[i].iov_base = (void *)(uintptr_t)ranges[i].remote_address;
        remote[i].iov_len = ranges[i].length;
    }
    ssize_t result;
    do {
        result = process_vm_readv(pid, local, count, remote, count, 0);
    } while (result < 0 && errno == EINTR);
    return result;
}

ssize_t swiftspy_pread_full(int fd, void *buffer, size_t length, uint64_t offset) {
    size_t done = 0;
    while (done < length) {
        ssize_t n = pread(fd, (char *)buffer + done, length - done, (off_t)(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            return done > 0 ? (ssize_t)done : -1;
        }
        if (n == 0) break;
        done += (size_t)n;
    }
    return (ssize_t)done;
}

int swiftspy_ptrace_seize_and_interrupt(pid_t tid) {
    // No PTRACE_O_TRACEEXIT: a thread that exits while paused must not stop again at exit waiting for a tracer
    // that may already have let go of it (that left targets unreapable).
    if (ptrace(PTRACE_SEIZE, tid, 0, 0) != 0) return errno;
    if (ptrace(PTRACE_INTERRUPT, tid, 0, 0) != 0) {
        int saved = errno;
        ptrace(PTRACE_DETACH, tid, 0, 0);
        return saved;
    }
    return 0;
}

int swiftspy_ptrace_poll_stop(pid_t tid) {
    int status = 0;
    pid_t waited = waitpid(tid, &status, __WALL | WNOHANG);
    if (waited == 0) return EAGAIN;
    if (waited < 0) {
        if (errno == EINTR) return EAGAIN;
        int saved = errno;
        ptrace(PTRACE_DETACH, tid, 0, 0);
        return saved;
    }
    if (WIFEXITED(status) || WIFSIGNALED(status)) return ESRCH;
    if (!WIFSTOPPED(status)) return EAGAIN;
    int event = status >> 16;
    int sig = WSTOPSIG(status);
    if (event == PTRACE_EVENT_STOP || event == PTRACE_EVENT_EXIT) return 0;
    // A signal that arrived meanwhile: hand it back to the thread and keep waiting for our stop.
    if (ptrace(PTRACE_CONT, tid, 0, (void *)(uintptr_t)sig) != 0) {
        int saved = errno;
        ptrace(PTRACE_DETACH, tid, 0, 0);
        return saved;
    }
    return EAGAIN;
}

int swiftspy_ptrace_release(pid_t tid) {
    if (ptrace(PTRACE_DETACH, tid, 0, 0) == 0) return 0;
    int saved = errno;
    if (saved != ESRCH) return saved;
    for (int attempt = 0; attempt < 2000; attempt++) {
        int status = 0;
        pid_t waited = waitpid(tid, &status, __WALL | WNOHANG);
        if (waited == tid) {
            if (WIFEXITED(status) || WIFSIGNALED(status)) return 0;
            // Stopped again after all: it is alive, so detaching now works.
            if (ptrace(PTRACE_DETACH, tid, 0, 0) == 0) return 0;
            continue;
        }
        if (waited < 0 && errno != EINTR) return errno == ECHILD ? 0 : errno;
        struct timespec pause = {0, 100000};
        nanosleep(&pause, NULL);
    }
    return ETIMEDOUT;
}

int swiftspy_errno(void) { return errno; }

int swiftspy_ptrace_reap_if_exited(pid_t tid) {
    int status = 0;
    pid_t waited;
    do {
        waited = waitpid(tid, &status, __WALL | WNOHANG);
    } while (waited < 0 && errno == EINTR);
    if (waited != tid) return 0;
    return (WIFEXITED(status) || WIFSIGNALED(status)) ? 1 : 0;
}

int swiftspy_ptrace_seize_only(pid_t tid) {
    return ptrace(PTRACE_SEIZE, tid, 0, 0) == 0 ? 0 : errno;
}
