#ifndef SWIFTSPY_CLINUXSPAWN_H
#define SWIFTSPY_CLINUXSPAWN_H

#include <stddef.h>
#include <sys/types.h>

/// The step of a launch that failed (0 when the program is running). Steps after `FORK` ran in the child.
typedef enum swiftspy_launch_step {
    SWIFTSPY_LAUNCH_STARTED = 0,
    /// Setting up in swiftspy: copying the descriptors, the error pipe, the PATH candidates.
    SWIFTSPY_LAUNCH_PREPARE = 1,
    SWIFTSPY_LAUNCH_FORK = 2,
    /// dup2 of stdin, stdout or stderr in the child.
    SWIFTSPY_LAUNCH_STDIO = 3,
    SWIFTSPY_LAUNCH_SETGROUPS = 4,
    SWIFTSPY_LAUNCH_SETGID = 5,
    SWIFTSPY_LAUNCH_SETUID = 6,
    /// The ids read back after switching were not all the ones asked for (errno is EPERM).
    SWIFTSPY_LAUNCH_VERIFY_IDS = 7,
    SWIFTSPY_LAUNCH_PARENT_DEATH_SIGNAL = 8,
    /// execve of every PATH candidate failed; errno is as execvp(3) would report it.
    SWIFTSPY_LAUNCH_EXEC = 9,
} swiftspy_launch_step;

/// What to start, and how.
typedef struct swiftspy_launch_request {
    /// The arguments, NULL-terminated; argv[0] is searched on the PATH of `envp` when it has no '/'.
    char *const *argv;
    /// The program's environment, NULL-terminated.
    char *const *envp;
    /// Becomes the child's stdin, or -1 to inherit swiftspy's.
    int stdin_fd;
    /// Becomes the child's stdout and stderr, or -1 to inherit swiftspy's.
    int output_fd;
    /// Nonzero: the child sets its supplementary groups, then its gid, then its uid (real, effective and saved)
    /// to these before exec, and checks that it did.
    int switch_user;
    uid_t uid;
    gid_t gid;
    const gid_t *groups;
    size_t group_count;
} swiftspy_launch_request;

typedef struct swiftspy_launch_outcome {
    /// The child's pid when `step` is SWIFTSPY_LAUNCH_STARTED (the program has been exec'd), else 0: a child
    /// that failed before exec has already been reaped.
    pid_t pid;
    swiftspy_launch_step step;
    /// errno of the failing step.
    int error;
} swiftspy_launch_outcome;

/// Starts a program that dies with swiftspy: fork, then in the child only async-signal-safe calls (signal
/// handlers reset, stdio, user switch, PR_SET_PDEATHSIG with SIGKILL, a check that swiftspy did not die before
/// that, execve of each PATH candidate). A failure in the child comes back through a close-on-exec pipe, so the
/// result is known when this returns: the program is running, or it never started and the outcome says why.
///
/// The parent-death signal fires when the *thread* that forked exits (prctl(2)), so call this from a thread that
/// lives as long as swiftspy: the main thread.
swiftspy_launch_outcome swiftspy_launch(const swiftspy_launch_request *request);

#endif
