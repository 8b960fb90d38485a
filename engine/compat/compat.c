/* compat.c - the POSIX and Windows sides of compat.h.  The Linux side keeps
 * the exact calls the engine made before; the Windows side maps them onto
 * Win32 (Winsock, BCrypt, the IP helper, the performance counter). */
#include "compat/compat.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _WIN32
/* clang-format off: initguid.h must come first to define the firewall's GUIDs */
#include <initguid.h>
#include <netfw.h>
/* clang-format on */
#include <bcrypt.h>
#include <direct.h>
#include <iphlpapi.h>
#include <wchar.h>
#include <windows.h>
#else
#include <sys/random.h>
#endif

#ifdef _WIN32

/* ---- Windows ---- */

/* Reopens a standard stream on the attached console unless it already goes
 * somewhere (a pipe or file given by the parent). */
static void reopen_on_console(DWORD which, FILE *f, const char *mode)
{
    HANDLE h = GetStdHandle(which);
    if (h == NULL || h == INVALID_HANDLE_VALUE || GetFileType(h) == FILE_TYPE_UNKNOWN) {
        FILE *ignored = freopen(which == STD_INPUT_HANDLE ? "CONIN$" : "CONOUT$", mode, f);
        (void)ignored;
    }
}

void compat_init(void)
{
    WSADATA wsa;
    /* A GUI-subsystem program has no console of its own: when started from
     * a terminal, print there; when double-clicked, nothing appears. */
    if (AttachConsole(ATTACH_PARENT_PROCESS)) {
        reopen_on_console(STD_OUTPUT_HANDLE, stdout, "w");
        reopen_on_console(STD_ERROR_HANDLE, stderr, "w");
        reopen_on_console(STD_INPUT_HANDLE, stdin, "r");
        SetConsoleOutputCP(CP_UTF8);
    }
    /* files opened with fopen(path, "w") too: transcripts, CSV and HTML
     * reports are byte for byte the same as on Linux */
    _fmode = _O_BINARY;
    _setmode(_fileno(stdout), _O_BINARY);
    _setmode(_fileno(stderr), _O_BINARY);
    _setmode(_fileno(stdin), _O_BINARY);
    memset(&wsa, 0, sizeof wsa);
    WSAStartup(MAKEWORD(2, 2), &wsa);
}

int compat_random(void *buf, size_t n, int nonblock)
{
    (void)nonblock;
    if (n > 0xFFFFFFFFu)
        return -1;
    return BCryptGenRandom(NULL, buf, (ULONG)n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0 ? 0 : -1;
}

static double counter_ms(void)
{
    static LARGE_INTEGER freq;
    LARGE_INTEGER now;
    if (freq.QuadPart == 0)
        QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&now);
    return (double)now.QuadPart * 1000.0 / (double)freq.QuadPart;
}

long long compat_clock_ms(void)
{
    return (long long)counter_ms();
}

double compat_clock_ms_precise(void)
{
    return counter_ms();
}

void compat_cond_init(pthread_cond_t *c)
{
    pthread_cond_init(c, NULL);
}

int compat_cond_wait_ms(pthread_cond_t *c, pthread_mutex_t *m, long ms)
{
    /* winpthreads measures the deadline on the real-time clock */
    struct timespec until = {0, 0};
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    return pthread_cond_timedwait(c, m, &until);
}

void compat_wipe(void *p, size_t n)
{
    SecureZeroMemory(p, n);
}

static char *utf8_of(const wchar_t *w)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
    char *s = n > 0 ? malloc((size_t)n) : NULL;
    if (s && WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) != n) {
        free(s);
        s = NULL;
    }
    return s;
}

static wchar_t *wide_of(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    wchar_t *w = n > 0 ? malloc((size_t)n * sizeof *w) : NULL;
    if (w && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) != n) {
        free(w);
        w = NULL;
    }
    return w;
}

/* Adapters phones cannot reach (Hyper-V/WSL, VirtualBox, VMware, VPNs). */
static int virtual_adapter(const IP_ADAPTER_ADDRESSES *a)
{
    static const wchar_t *const words[] = {L"vEthernet", L"Virtual",   L"VirtualBox",
                                           L"VMware",    L"Hyper-V",   L"VPN",
                                           L"TAP-",      L"WireGuard", L"Loopback"};
    size_t i = 0;
    if (a->IfType == IF_TYPE_TUNNEL || a->IfType == IF_TYPE_PPP)
        return 1;
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if ((a->FriendlyName && wcsstr(a->FriendlyName, words[i])) ||
            (a->Description && wcsstr(a->Description, words[i])))
            return 1;
    return 0;
}

int compat_getifaddrs(struct ifaddrs **out)
{
    ULONG size = 16384;
    IP_ADAPTER_ADDRESSES *list = NULL, *a = NULL;
    struct ifaddrs *head = NULL, **tail = &head;
    ULONG rc = ERROR_BUFFER_OVERFLOW;
    int tries = 0;
    *out = NULL;
    for (tries = 0; tries < 3 && rc == ERROR_BUFFER_OVERFLOW; tries++) {
        free(list);
        list = malloc(size);
        if (!list)
            return -1;
        rc = GetAdaptersAddresses(
            AF_INET, GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER,
            NULL, list, &size);
    }
    if (rc != NO_ERROR) {
        free(list);
        return -1;
    }
    for (a = list; a; a = a->Next) {
        IP_ADAPTER_UNICAST_ADDRESS *u = NULL;
        for (u = a->FirstUnicastAddress; u; u = u->Next) {
            struct ifaddrs *i = NULL;
            char *name = NULL;
            if (!u->Address.lpSockaddr || u->Address.lpSockaddr->sa_family != AF_INET)
                continue;
            i = calloc(1, sizeof *i + sizeof(struct sockaddr_in));
            name = a->FriendlyName ? utf8_of(a->FriendlyName) : NULL;
            if (!i) {
                free(name);
                compat_freeifaddrs(head);
                free(list);
                return -1;
            }
            i->ifa_addr = (struct sockaddr *)(void *)(i + 1);
            memcpy(i->ifa_addr, u->Address.lpSockaddr, sizeof(struct sockaddr_in));
            if (virtual_adapter(a)) {
                /* engine/net skips names starting with "vmnet" */
                size_t len = name ? strlen(name) : 0;
                i->ifa_name = malloc(len + 7);
                if (i->ifa_name)
                    snprintf(i->ifa_name, len + 7, "vmnet %s", name ? name : "");
                free(name);
            } else {
                i->ifa_name = name;
            }
            if (a->OperStatus == IfOperStatusUp)
                i->ifa_flags |= IFF_UP;
            if (a->IfType == IF_TYPE_SOFTWARE_LOOPBACK)
                i->ifa_flags |= IFF_LOOPBACK;
            *tail = i;
            tail = &i->ifa_next;
        }
    }
    free(list);
    *out = head;
    return 0;
}

void compat_freeifaddrs(struct ifaddrs *ifs)
{
    while (ifs) {
        struct ifaddrs *next = ifs->ifa_next;
        free(ifs->ifa_name);
        free(ifs);
        ifs = next;
    }
}

int compat_port_probe(const struct sockaddr_in *sa, char *why, size_t why_len)
{
    SOCKET fd = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    int one = 1, rc = 0;
    if (fd == INVALID_SOCKET) {
        snprintf(why, why_len, "cannot open a socket (Winsock error %d)", WSAGetLastError());
        return -1;
    }
    /* SO_REUSEADDR on Windows would let two programs share the port */
    setsockopt(fd, SOL_SOCKET, SO_EXCLUSIVEADDRUSE, (const char *)&one, sizeof one);
    if (bind(fd, (const struct sockaddr *)sa, sizeof *sa) != 0) {
        int e = WSAGetLastError();
        if (e == WSAEADDRINUSE || e == WSAEACCES) {
            rc = COMPAT_PORT_BUSY;
        } else {
            snprintf(why, why_len, "Winsock error %d", e);
            rc = -1;
        }
    }
    closesocket(fd);
    return rc;
}

int compat_firewall_blocks(int port)
{
    wchar_t wexe[2048];
    INetFwMgr *mgr = NULL;
    BSTR exe = NULL;
    VARIANT allowed, restricted;
    HRESULT init = CoInitializeEx(NULL, COINIT_APARTMENTTHREADED);
    int blocked = 0;
    DWORD n = GetModuleFileNameW(NULL, wexe, (DWORD)(sizeof wexe / sizeof wexe[0]));
    VariantInit(&allowed);
    VariantInit(&restricted);
    if (n > 0 && n < sizeof wexe / sizeof wexe[0] && (exe = SysAllocString(wexe)) &&
        SUCCEEDED(CoCreateInstance(&CLSID_NetFwMgr, NULL, CLSCTX_INPROC_SERVER, &IID_INetFwMgr,
                                   (void **)&mgr)) &&
        SUCCEEDED(mgr->lpVtbl->IsPortAllowed(mgr, exe, NET_FW_IP_VERSION_ANY, port, NULL,
                                             NET_FW_IP_PROTOCOL_TCP, &allowed, &restricted)))
        blocked = V_VT(&allowed) == VT_BOOL && V_BOOL(&allowed) == VARIANT_FALSE;
    if (mgr)
        mgr->lpVtbl->Release(mgr);
    SysFreeString(exe);
    VariantClear(&allowed);
    VariantClear(&restricted);
    if (SUCCEEDED(init))
        CoUninitialize();
    return blocked;
}

int compat_open(const char *path, int flags, int mode)
{
    wchar_t *w = wide_of(path);
    int fd = -1;
    if (!w) {
        errno = EINVAL;
        return -1;
    }
    fd = _wopen(w, flags | O_BINARY, mode & 0600 ? _S_IREAD | _S_IWRITE : _S_IREAD);
    free(w);
    return fd;
}

ssize_t compat_pread(int fd, void *buf, size_t n, long long offset)
{
    if (_lseeki64(fd, offset, SEEK_SET) < 0)
        return -1;
    return (ssize_t)_read(fd, buf, (unsigned)(n > 0x7fffffff ? 0x7fffffff : n));
}

int compat_write_atomic(const char *path, const void *data, size_t n)
{
    char tmp[1100];
    wchar_t *wt = NULL, *wp = NULL;
    int fd = -1, ok = 0, e = 0;
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = compat_open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        return -1;
    ok = _write(fd, data, (unsigned)n) == (int)n && _commit(fd) == 0;
    e = errno;
    ok = _close(fd) == 0 && ok;
    wt = wide_of(tmp);
    wp = wide_of(path);
    ok = ok && wt && wp && MoveFileExW(wt, wp, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH);
    if (!ok && wt)
        _wremove(wt);
    free(wt);
    free(wp);
    if (!ok) {
        errno = e ? e : EIO;
        return -1;
    }
    return 0;
}

int compat_fchmod(int fd, int mode)
{
    (void)fd;
    (void)mode;
    return 0;
}

int compat_mkdir(const char *path, int mode)
{
    wchar_t *w = wide_of(path);
    int rc = -1;
    (void)mode;
    if (!w) {
        errno = EINVAL;
        return -1;
    }
    rc = _wmkdir(w);
    free(w);
    return rc;
}

long long compat_mtime_ns(const struct stat *st)
{
    return (long long)st->st_mtime * 1000000000LL;
}

const char *compat_appdata_dir(void)
{
    const char *a = getenv("APPDATA");
    return a && a[0] ? a : NULL;
}

const char *compat_exe_relative(const char *path)
{
    static char out[4096];
    wchar_t wexe[2048];
    char *exe = NULL, *slash = NULL;
    DWORD n = 0;
    if (!path || path[0] == '/' || path[0] == '\\' || (path[0] && path[1] == ':'))
        return path;
    n = GetModuleFileNameW(NULL, wexe, (DWORD)(sizeof wexe / sizeof wexe[0]));
    if (n == 0 || n >= sizeof wexe / sizeof wexe[0] || !(exe = utf8_of(wexe)))
        return path;
    slash = strrchr(exe, '\\');
    if (slash)
        *slash = '\0';
    if (strcmp(path, ".") == 0)
        snprintf(out, sizeof out, "%s", exe);
    else
        snprintf(out, sizeof out, "%s\\%s", exe, path);
    free(exe);
    return out;
}

char *compat_mkdtemp(char *tmpl)
{
    if (_mktemp_s(tmpl, strlen(tmpl) + 1) != 0 || compat_mkdir(tmpl, 0700) != 0)
        return NULL;
    return tmpl;
}

char *compat_realpath(const char *path, char *out, size_t n)
{
    wchar_t *wp = wide_of(path);
    wchar_t full[4096];
    char *u = NULL, *c = NULL;
    DWORD len = 0;
    if (!wp)
        return NULL;
    len = GetFullPathNameW(wp, (DWORD)(sizeof full / sizeof full[0]), full, NULL);
    free(wp);
    if (len == 0 || len >= sizeof full / sizeof full[0] || GetFileAttributesW(full) == INVALID_FILE_ATTRIBUTES) {
        errno = ENOENT;
        return NULL;
    }
    if (!(u = utf8_of(full)))
        return NULL;
    for (c = u; *c; c++)
        if (*c == '\\')
            *c = '/'; /* the callers compare with '/' */
    if (strlen(u) >= n) {
        free(u);
        errno = ENAMETOOLONG;
        return NULL;
    }
    strcpy(out, u);
    free(u);
    return out;
}

#else

/* ---- POSIX ---- */

void compat_init(void)
{
}

int compat_random(void *buf, size_t n, int nonblock)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom((char *)buf + got, n - got, nonblock ? GRND_NONBLOCK : 0);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

long long compat_clock_ms(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

double compat_clock_ms_precise(void)
{
    struct timespec ts = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void compat_cond_init(pthread_cond_t *c)
{
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(c, &ca);
    pthread_condattr_destroy(&ca);
}

int compat_cond_wait_ms(pthread_cond_t *c, pthread_mutex_t *m, long ms)
{
    struct timespec until = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    return pthread_cond_timedwait(c, m, &until);
}

void compat_wipe(void *p, size_t n)
{
    explicit_bzero(p, n);
}

int compat_getifaddrs(struct ifaddrs **out)
{
    return getifaddrs(out);
}

void compat_freeifaddrs(struct ifaddrs *ifs)
{
    if (ifs)
        freeifaddrs(ifs);
}

int compat_port_probe(const struct sockaddr_in *sa, char *why, size_t why_len)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1, rc = 0;
    if (fd < 0) {
        snprintf(why, why_len, "cannot open a socket: %s", strerror(errno));
        return -1;
    }
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (const struct sockaddr *)sa, sizeof *sa) != 0) {
        if (errno == EADDRINUSE) {
            rc = COMPAT_PORT_BUSY;
        } else {
            snprintf(why, why_len, "%s", strerror(errno));
            rc = -1;
        }
    }
    close(fd);
    return rc;
}

int compat_firewall_blocks(int port)
{
    (void)port;
    return 0;
}

int compat_open(const char *path, int flags, int mode)
{
    return open(path, flags, mode);
}

ssize_t compat_pread(int fd, void *buf, size_t n, long long offset)
{
    return pread(fd, buf, n, (off_t)offset);
}

int compat_write_atomic(const char *path, const void *data, size_t n)
{
    char tmp[1100];
    const char *p = data;
    size_t done = 0;
    int fd = -1, e = 0;
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    while (done < n) {
        ssize_t w = write(fd, p + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    if (done < n || fsync(fd) != 0) {
        e = errno ? errno : EIO;
        close(fd);
        unlink(tmp);
        errno = e;
        return -1;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        e = errno;
        unlink(tmp);
        errno = e;
        return -1;
    }
    {
        /* the rename itself reaches the disk with the folder's entry */
        char dir[1100];
        char *slash = NULL;
        snprintf(dir, sizeof dir, "%s", path);
        slash = strrchr(dir, '/');
        if (slash)
            *(slash == dir ? slash + 1 : slash) = '\0';
        fd = open(slash ? dir : ".", O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            (void)fsync(fd);
            close(fd);
        }
    }
    return 0;
}

int compat_fchmod(int fd, int mode)
{
    return fchmod(fd, (mode_t)mode);
}

int compat_mkdir(const char *path, int mode)
{
    return mkdir(path, (mode_t)mode);
}

long long compat_mtime_ns(const struct stat *st)
{
    return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

const char *compat_appdata_dir(void)
{
    return NULL;
}

const char *compat_exe_relative(const char *path)
{
    return path;
}

char *compat_realpath(const char *path, char *out, size_t n)
{
    char buf[PATH_MAX];
    if (!realpath(path, buf))
        return NULL;
    if (strlen(buf) >= n) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    strcpy(out, buf);
    return out;
}

char *compat_mkdtemp(char *tmpl)
{
    return mkdtemp(tmpl);
}

#endif
