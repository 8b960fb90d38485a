/* net_lan.h - the laptop's LAN address and room codes (private to net). */
#ifndef NET_NET_LAN_H
#define NET_NET_LAN_H

#include <stddef.h>

/* Writes the first private IPv4 address of an interface that is up into out
 * (dotted quad); loopback, link-local and container/VM bridges are skipped,
 * and a public address is used only when no private one exists.  Returns 0
 * or ERR_NOTFOUND. */
int net_lan_ipv4(char *out, size_t n);

#endif
