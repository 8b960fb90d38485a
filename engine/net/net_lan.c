/* net_lan.c - finding the laptop's LAN address; random room codes. */
#include "net/net_lan.h"

#include <stdio.h>
#include <string.h>

#include "compat/compat.h"
#include "core/err.h"
#include "net/net.h"

/* Interfaces that phones cannot reach: containers, VMs, VPN tunnels. */
static int virtual_name(const char *name)
{
    static const char *const prefixes[] = {"docker", "veth", "br-", "virbr", "vmnet", "vboxnet",
                                           "tun", "tap", "wg", "zt", "lxc", "lxd", "podman"};
    size_t i = 0;
    for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

/* 2: private (RFC 1918), 1: other usable, 0: unusable (loopback, link-local, any). */
static int address_rank(unsigned long a)
{
    if ((a >> 24) == 127 || (a >> 16) == 0xA9FE || a == 0)
        return 0;
    if ((a >> 24) == 10 || (a >> 20) == 0xAC1 || (a >> 16) == 0xC0A8)
        return 2;
    return 1;
}

int net_lan_ipv4(char *out, size_t n)
{
    struct ifaddrs *ifs = NULL, *i = NULL;
    struct in_addr best;
    int best_rank = 0;
    memset(&best, 0, sizeof best);
    if (compat_getifaddrs(&ifs) != 0)
        return ERR_NOTFOUND;
    for (i = ifs; i; i = i->ifa_next) {
        const struct sockaddr_in *sin = NULL;
        int rank = 0;
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP) ||
            (i->ifa_flags & IFF_LOOPBACK) || !i->ifa_name || virtual_name(i->ifa_name))
            continue;
        sin = (const struct sockaddr_in *)(const void *)i->ifa_addr;
        rank = address_rank((unsigned long)ntohl(sin->sin_addr.s_addr));
        if (rank > best_rank) {
            best_rank = rank;
            best = sin->sin_addr;
        }
    }
    compat_freeifaddrs(ifs);
    if (best_rank == 0 || !inet_ntop(AF_INET, &best, out, (socklen_t)n))
        return ERR_NOTFOUND;
    return 0;
}

int net_lan_has(const char *ip)
{
    struct ifaddrs *ifs = NULL, *i = NULL;
    struct in_addr want;
    int found = 0;
    memset(&want, 0, sizeof want);
    if (!ip || inet_pton(AF_INET, ip, &want) != 1)
        return ERR_INVALID;
    if (compat_getifaddrs(&ifs) != 0)
        return 0;
    for (i = ifs; i && !found; i = i->ifa_next) {
        const struct sockaddr_in *sin = NULL;
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP))
            continue;
        sin = (const struct sockaddr_in *)(const void *)i->ifa_addr;
        found = sin->sin_addr.s_addr == want.s_addr;
    }
    compat_freeifaddrs(ifs);
    return found;
}

int net_make_room_code(char *out, Err *err)
{
    /* 24 letters: no I or O (they read as 1 and 0). */
    static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    unsigned char rnd[16];
    size_t k = 0;
    int n = 0;
    if (compat_random(rnd, sizeof rnd, 0) != 0)
        return err_set(err, ERR_IO, "no randomness for a room code");
    /* Rejection sampling keeps the letters uniform (240 = 10 * 24). */
    for (k = 0; k < sizeof rnd && n < NET_ROOM_CODE_LEN; k++)
        if (rnd[k] < 240)
            out[n++] = letters[rnd[k] % 24];
    for (; n < NET_ROOM_CODE_LEN; n++) /* 16 bytes all >= 240: practically never */
        out[n] = letters[(rnd[n] + n) % 24];
    out[NET_ROOM_CODE_LEN] = '\0';
    return 0;
}

const char *net_firewall_message(const char *lang)
{
    if (lang && strcmp(lang, "en") == 0)
        return "Windows' firewall keeps the phones out. Choose \"Allow\" in the firewall's window "
               "(private networks), or in Windows Security: Firewall > Allow an app through the "
               "firewall, tick Spectactor. Then start Spectactor again.";
    return "Windows' firewall lukker telefonerne ude. Vælg \"Tillad\" i firewallens vindue "
           "(private netværk), eller i Windows-sikkerhed: Firewall > Tillad en app gennem "
           "firewallen, sæt flueben ved Spectactor. Start så Spectactor igen.";
}

const char *net_no_lan_message(const char *lang)
{
    if (lang && strcmp(lang, "en") == 0)
        return "No network found for phones. Connect the laptop to the school Wi-Fi, or turn on a "
               "phone hotspot and connect the laptop and the students' phones to it.";
    return "Intet netværk til telefoner. Forbind computeren til skolens wifi, eller tænd et "
           "hotspot på en telefon og forbind computeren og elevernes telefoner til det.";
}
