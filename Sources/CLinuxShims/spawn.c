// The launcher behind `swiftspy record -- prog` and `swiftspy top -- prog`. posix_spawn cannot set a
// parent-death signal or switch users in the child, so this forks and execs by hand.
// _GNU_SOURCE is defined here only: in the public header it would break Swift's Glibc module.
#define _GNU_SOURCE
#include "CLinuxSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/// What a child that could not exec writes to the error pipe before `_exit(127)`.
typedef struct launch_report {
    int step;
    int error;
} launch_report;

/// The search path glibc's execvp uses when PATH is unset (confstr(_CS_PATH)).
static const char default_search_path[] = "/bin:/usr/bin";

/// The files execvp would try, in order: argv[0] itself when it contains a '/', else each PATH entry joined with
/// it (an empty entry is the current directory). One malloc'd block, the pointers first then the strings, built
/// before fork because the child may not allocate. Returns NULL (errno set) when out of memory.
static char **path_candidates(const char *file, char *const *envp) {
    if (strchr(file, '/') != NULL || file[0] == '\0') {
        char **single = malloc(2 * sizeof(char *) + strlen(file) + 1);
        if (single == NULL) return NULL;
        single[0] = (char *)(single + 2);
        strcpy(single[0], file);
        single[1] = NULL;
        return single;
    }
    const char *search = default_search_path;
    for (char *const *entry = envp; *entry != NULL; entry++) {
        if (strncmp(*entry, "PATH=", 5) == 0) {
            search = *entry + 5;
            break;
        }
    }
    size_t entries = 1;
    for (const char *c = search; *c != '\0'; c++) entries += (*c == ':');
    size_t file_length = strlen(file);
    // Each candidate is at most the whole search path, a '/', the file and a NUL.
    size_t bytes = (entries + 1) * sizeof(char *) + entries * (strlen(search) + file_length + 3);
    char **candidates = malloc(bytes);
    if (candidates == NULL) return NULL;
    char *text = (char *)(candidates + entries + 1);
    const char *start = search;
    for (size_t i = 0; i < entries; i++) {
        const char *end = strchr(start, ':');
        size_t length = end != NULL ? (size_t)(end - start) : strlen(start);
        candidates[i] = text;
        if (length == 0) {
            text[0] = '.';
            length = 1;
        } else {
            memcpy(text, start, length);
        }
        text[length] = '/';
        memcpy(text + length + 1, file, file_length + 1);
        text += length + 1 + file_length + 1;
        start = end != NULL ? end + 1 : start + length;
    }
    candidates[entries] = NULL;
    return candidates;
}

/// In the child: tells the parent which step failed, and ends. write and _exit are async-signal-safe.
static void _Noreturn report_and_exit(int pipe_fd, int step, int error) {
    launch_report report = {step, error};
    while (write(pipe_fd, &report, sizeof report) < 0 && errno == EINTR) {}
    _exit(127);
}

/// In the child: `from` becomes `to`. Sources were copied to descriptors >= 3 before fork, so no dup2 here
/// overwrites a source still needed, and dup2 always clears close-on-exec on `to`.
static int redirect(int from, int to) {
    if (from < 0) return 0;
    while (dup2(from, to) < 0) {
        if (errno != EINTR) return -1;
    }
    return 0;
}

/// In the child, between fork and exec: only async-signal-safe calls, and raw syscalls for the ids (glibc's
/// setuid and friends broadcast to every thread of the process; the child has one, and the syscalls change
/// exactly it).
static void _Noreturn run_child(const swiftspy_launch_request *request, char **candidates, int stdin_fd,
                                int output_fd, int pipe_fd, pid_t parent, const sigset_t *original_mask) {
    // Handlers swiftspy installed (SIGINT, SIGTERM, …) must not run in the child before exec; exec would reset
    // them anyway. Ignored signals stay ignored, as with any exec.
    for (int signal_number = 1; signal_number < NSIG; signal_number++) {
        struct sigaction current;
        if (sigaction(signal_number, NULL, &current) != 0) continue;
        if (current.sa_handler == SIG_IGN || current.sa_handler == SIG_DFL) continue;
        struct sigaction default_action;
        memset(&default_action, 0, sizeof default_action);
        default_action.sa_handler = SIG_DFL;
        sigaction(signal_number, &default_action, NULL);
    }

    if (redirect(stdin_fd, STDIN_FILENO) != 0 || redirect(output_fd, STDOUT_FILENO) != 0
        || redirect(output_fd, STDERR_FILENO) != 0) {
        report_and_exit(pipe_fd, SWIFTSPY_LAUNCH_STDIO, errno);
    }

    if (request->switch_user) {
        // Groups first, then the gid, then the uid: once the uid is not root, the others can no longer change.
        if (syscall(SYS_setgroups, request->group_count, request->groups) != 0) {
            report_and_exit(pipe_fd, SWIFTSPY_LAUNCH_SETGROUPS, errno);
        }
        if (syscall(SYS_setresgid, request->gid, request->gid, request->gid) != 0) {
            report_and_exit(pipe_fd, SWIFTSPY_LAUNCH_SETGID, errno);
        }
        if (syscall(SYS_setresuid, request->uid, request->uid, request->uid) != 0) {
            report_and_exit(pipe_fd, SWIFTSPY_LAUNCH_SETUID, errno);
        }
        // Never run the program as root by accident: read every id back.
        uid_t ruid = 0, euid = 0, suid = 0;
        gid_t rgid = 0, egid = 0, sgid = 0;
        if (syscall(SYS_getresuid, &ruid, &euid, &suid) != 0 || syscall(SYS_getresgid, &rgid, &egid, &sgid) != 0
            || ruid != request->uid || euid != request->uid || suid != request->uid || rgid != request->gid
            || egid != request->gid || sgid != request->gid) {
            report_and_exit(pipe_fd, SWIFTSPY_LAUNCH_VERIFY_IDS, EPERM);
        }
    }

    // After the user switch: changing credentials clears the parent-death signal (kernel/cred.c, commit_creds).
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) {
        report_and_exit(pipe_fd, SWIFTSPY_LAUNCH_PARENT_DEATH_SIGNAL, errno);
    }
    // If swiftspy died before the line above, the signal will never come and the child now belongs to another
    // process: stop here. Nobody is left to read a report.
    if (getppid() != parent) _exit(127);

    sigprocmask(SIG_SETMASK, original_mask, NULL);

    // execvp's rules: a candidate that does not exist or cannot be searched is skipped; EACCES is remembered
    // and reported if nothing else ran; any other error ends the search.
    int error = ENOENT;
    int denied = 0;
    for (char **candidate = candidates; *candidate != NULL; candidate++) {
        execve(*candidate, request->argv, request->envp);
        error = errno;
        switch (error) {
        case EACCES:
            denied = 1;
            continue;
        case ENOENT:
        case ENOTDIR:
        case ESTALE:
        case ENODEV:
        case ETIMEDOUT:
            continue;
        default:
            report_and_exit(pipe_fd, SWIFTSPY_LAUNCH_EXEC, error);
        }
    }
    report_and_exit(pipe_fd, SWIFTSPY_LAUNCH_EXEC, denied ? EACCES : error);
}

static swiftspy_launch_outcome failed(swiftspy_launch_step step, int error) {
    swiftspy_launch_outcome outcome = {0, step, error};
    return outcome;
}

swiftspy_launch_outcome swiftspy_launch(const swiftspy_launch_request *request) {
    if (request->argv == NULL || request->argv[0] == NULL || request->envp == NULL) {
        return failed(SWIFTSPY_LAUNCH_PREPARE, EINVAL);
    }
    char **candidates = path_candidates(request->argv[0], request->envp);
    if (candidates == NULL) return failed(SWIFTSPY_LAUNCH_PREPARE, errno);

    int stdin_fd = -1, output_fd = -1;
    int pipe_fds[2] = {-1, -1};
    int error = 0;
    if ((request->stdin_fd >= 0 && (stdin_fd = fcntl(request->stdin_fd, F_DUPFD_CLOEXEC, 3)) < 0)
        || (request->output_fd >= 0 && (output_fd = fcntl(request->output_fd, F_DUPFD_CLOEXEC, 3)) < 0)
        || pipe2(pipe_fds, O_CLOEXEC) != 0) {
        error = errno;
    }

    swiftspy_launch_outcome outcome = {0, SWIFTSPY_LAUNCH_STARTED, 0};
    if (error != 0) {
        outcome = failed(SWIFTSPY_LAUNCH_PREPARE, error);
    } else {
        // No signal handler may run in the child before it has reset them; the child restores this mask.
        sigset_t all, original;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &original);
        pid_t parent = getpid();
        pid_t pid = fork();
        if (pid == 0) {
            close(pipe_fds[0]);
            run_child(request, candidates, stdin_fd, output_fd, pipe_fds[1], parent, &original);
        }
        int fork_error = errno;
        pthread_sigmask(SIG_SETMASK, &original, NULL);
        close(pipe_fds[1]);
        if (pid < 0) {
            outcome = failed(SWIFTSPY_LAUNCH_FORK, fork_error);
        } else {
            // End of file: the write end closed on exec, the program runs. A report: it never started.
            launch_report report;
            size_t received = 0;
            while (received < sizeof report) {
                ssize_t count = read(pipe_fds[0], (char *)&report + received, sizeof report - received);
                if (count < 0 && errno == EINTR) continue;
                if (count <= 0) break;
                received += (size_t)count;
            }
            if (received == sizeof report) {
                int status;
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
                outcome = failed((swiftspy_launch_step)report.step, report.error);
            } else {
                outcome.pid = pid;
            }
        }
        close(pipe_fds[0]);
    }
    if (stdin_fd >= 0) close(stdin_fd);
    if (output_fd >= 0) close(output_fd);
    free(candidates);
    return outcome;
}
