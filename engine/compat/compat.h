/* compat.h - what differs between POSIX (Linux) and Windows, in one place:
 * sockets and network interfaces, randomness, the monotonic clock and timed
 * waits, file calls (open/pread/fchmod/mkdir, modification times), the
 * per-user data folder, the executable's folder and process start-up
 * (console, binary stdout).  On Linux every function is a thin wrapper that
 * behaves exactly as the call it replaces.  Below core: depends on nothing in
 * the engine. */
#ifndef COMPAT_COMPAT_H
#define COMPAT_COMPAT_H

#include <pthread.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#include <fcntl.h>
#include <io.h>
#include <unistd.h>
#ifndef O_CLOEXEC
#define O_CLOEXEC O_NOINHERIT
#endif
/* Windows has neither: a link is not followed by open() there anyway, and
 * a regular file never blocks */
#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK 0
#endif
#ifndef O_NOCTTY
#define O_NOCTTY 0
#endif
#ifndef S_ISSOCK
#define S_ISSOCK(m) 0
#endif
/* Interface flags and the list compat_getifaddrs() gives (a subset of
 * POSIX's struct ifaddrs: what engine/net reads). */
#ifndef IFF_UP
#define IFF_UP 0x1
#endif
#ifndef IFF_LOOPBACK
#define IFF_LOOPBACK 0x4
#endif
struct ifaddrs {
    struct ifaddrs *ifa_next;
    char *ifa_name;
    unsigned int ifa_flags;
    struct sockaddr *ifa_addr;
};
/* libmicrohttpd has no epoll on Windows: its poll() thread instead. */
#define COMPAT_MHD_INTERNAL_THREAD MHD_USE_POLL_INTERNAL_THREAD
#else
#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#define COMPAT_MHD_INTERNAL_THREAD MHD_USE_EPOLL_INTERNAL_THREAD
#endif

/* compat_port_probe's answer when another program holds the port. */
#define COMPAT_PORT_BUSY 1

/* Process start-up, first thing in main(): on Windows attaches to the
 * console of the terminal that started the (GUI-subsystem) program so the
 * subcommands print there, makes stdout/stderr binary (no CR in reports),
 * sets the console to UTF-8 and starts Winsock.  Nothing on Linux. */
void compat_init(void);

/* Fills buf with n cryptographically random bytes (getrandom; BCryptGenRandom
 * on Windows).  nonblock: fail instead of waiting for the kernel's pool at
 * boot.  0 on success, -1 on failure. */
int compat_random(void *buf, size_t n, int nonblock);

/* Milliseconds on a monotonic clock (CLOCK_MONOTONIC; the performance
 * counter on Windows), as an integer and with sub-millisecond precision. */
long long compat_clock_ms(void);
double compat_clock_ms_precise(void);

/* Initialises c for compat_cond_wait_ms (on the monotonic clock where the
 * platform allows).  Destroy it with pthread_cond_destroy. */
void compat_cond_init(pthread_cond_t *c);
/* Waits on c (m locked by the caller) for at most ms milliseconds, without
 * spinning: pthread_cond_timedwait's return value. */
int compat_cond_wait_ms(pthread_cond_t *c, pthread_mutex_t *m, long ms);

/* explicit_bzero: zeroes n bytes at p in a way the compiler keeps
 * (SecureZeroMemory on Windows). */
void compat_wipe(void *p, size_t n);

/* getifaddrs/freeifaddrs; on Windows built from GetAdaptersAddresses (IPv4
 * only; virtual adapters get names starting with "vmnet" so engine/net skips
 * them).  0 on success, -1 on failure. */
int compat_getifaddrs(struct ifaddrs **out);
void compat_freeifaddrs(struct ifaddrs *ifs);

/* Binds a TCP socket to sa (exclusively on Windows) and closes it again:
 * 0 if the port could be bound, COMPAT_PORT_BUSY if it is in use, -1 on
 * another error with a message in why. */
int compat_port_probe(const struct sockaddr_in *sa, char *why, size_t why_len);

/* 1 if Windows' firewall is on and does not (yet) let other computers reach
 * this program on TCP port (phones cannot join until the facilitator allows
 * it); 0 when it does, when that cannot be told, and on Linux. */
int compat_firewall_blocks(int port);

/* open(2) with a UTF-8 path (binary mode on Windows). */
int compat_open(const char *path, int flags, int mode);
/* pread(2) (seek + read on Windows: the only reader of fd is the caller). */
ssize_t compat_pread(int fd, void *buf, size_t n, long long offset);
/* fchmod(2); on Windows (per-user ACLs, no mode bits) always 0. */
int compat_fchmod(int fd, int mode);
/* Writes n bytes of data to path so that a crash leaves either the old file
 * or the new one: a temporary file beside it (0600), written, flushed to the
 * disk (fsync / _commit), then renamed over path.  0, or -1 with errno set
 * (the temporary file is removed). */
int compat_write_atomic(const char *path, const void *data, size_t n);
/* mkdir(2) with a UTF-8 path; mode is ignored on Windows. */
int compat_mkdir(const char *path, int mode);
/* A stat result's modification time in nanoseconds (seconds on Windows). */
long long compat_mtime_ns(const struct stat *st);

/* realpath(3) into out (n bytes), with '/' separators on Windows too (from
 * GetFullPathNameW; links are not resolved there).  out, or NULL with errno
 * set. */
char *compat_realpath(const char *path, char *out, size_t n);
/* mkdtemp(3): replaces the trailing XXXXXX of tmpl and makes that folder
 * (0700).  tmpl, or NULL with errno set. */
char *compat_mkdtemp(char *tmpl);

/* The per-user application data folder on Windows (%APPDATA%), where the
 * engine keeps a "Spectactor" folder; NULL elsewhere (XDG rules apply). */
const char *compat_appdata_dir(void);

/* path itself if absolute (or on Linux); on Windows a relative path is taken
 * relative to the folder of the running executable.  Borrowed: a static
 * buffer overwritten by the next call. */
const char *compat_exe_relative(const char *path);

#endif
