/* net_limits.c - the phone server's limits: per-connection and per-token
 * rate buckets, the per-address connection cap, and the token table (tokens
 * live in memory only and are never logged).
 *
 * Join limits: a join (a new token) costs one from its address's bucket and
 * one from the room's; a wrong room code one from its address's wrong-code
 * bucket and the room's.  Only a join takes token-table space.
 *
 * Threads: everything here runs on the MHD polling thread(s).  The token
 * table, the address table and the buckets are guarded by s->mu, the per-address counts by
 * s->ip_mu (taken alone, never together with s->mu).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>


#include "net/net_body.h"
#include "net/net_internal.h"

/* The slot of ip (creating it when add), or NULL when the table is full
 * (s->ip_mu held). */
static IpCount *ip_slot(NetServer *s, uint32_t ip, int add)
{
    int i = 0, free_i = -1;
    assert(ip != 0);
    for (i = 0; i < NET_IP_SLOTS; i++) {
        if (s->ips[i].n > 0 && s->ips[i].ip == ip)
            return &s->ips[i];
        if (free_i < 0 && s->ips[i].n == 0)
            free_i = i;
    }
    if (!add || free_i < 0)
        return NULL;
    s->ips[free_i].ip = ip;
    return &s->ips[free_i];
}

static uint32_t lan_ipv4(const NetServer *s, const struct sockaddr *addr)
{
    uint32_t ip = 0;
    if (!addr || addr->sa_family != AF_INET)
        return 0;
    ip = ntohl(((const struct sockaddr_in *)addr)->sin_addr.s_addr);
    return (ip >> 24) == 127 && !s->limit_loopback ? 0 : ip; /* the laptop itself is not limited */
}

enum MHD_Result net_on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
    NetServer *s = cls;
    uint32_t ip = lan_ipv4(s, addr);
    IpCount *c = NULL;
    int ok = 1;
    (void)addrlen;
    if (!ip || s->per_ip <= 0)
        return MHD_YES;
    pthread_mutex_lock(&s->ip_mu);
    c = ip_slot(s, ip, 0);
    if (c && c->n >= s->per_ip)
        ok = 0;
    pthread_mutex_unlock(&s->ip_mu);
    return ok ? MHD_YES : MHD_NO;
}

void net_on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                       enum MHD_ConnectionNotificationCode toe)
{
    NetServer *s = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        ConnState *cs = calloc(1, sizeof(ConnState)); /* NULL: no per-connection limit */
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        uint32_t ip = ci ? lan_ipv4(s, ci->client_addr) : 0;
        if (cs && ip && s->per_ip > 0) {
            IpCount *slot = NULL;
            pthread_mutex_lock(&s->ip_mu);
            slot = ip_slot(s, ip, 1);
            if (slot) {
                slot->n++;
                cs->ip = ip;
            }
            pthread_mutex_unlock(&s->ip_mu);
        }
        *socket_context = cs;
    } else {
        ConnState *cs = *socket_context;
        if (cs && cs->ip) {
            IpCount *slot = NULL;
            pthread_mutex_lock(&s->ip_mu);
            slot = ip_slot(s, cs->ip, 0);
            /* this connection was counted when it started, so its slot lives */
            assert(slot && slot->n > 0);
            if (slot && slot->n > 0)
                slot->n--;
            pthread_mutex_unlock(&s->ip_mu);
        }
        free(cs);
        *socket_context = NULL;
    }
}

/* Token bucket: 1 if cost could be taken. */
static int bucket_take(Bucket *b, double rate, double burst, double cost, long long now)
{
    assert(rate > 0.0 && burst > 0.0 && cost > 0.0);
    if (b->last_ms == 0) {
        b->tokens = burst;
        b->last_ms = now;
    }
    b->tokens += (double)(now - b->last_ms) * rate / 1000.0;
    if (b->tokens > burst)
        b->tokens = burst;
    b->last_ms = now;
    if (b->tokens < cost)
        return 0;
    b->tokens -= cost;
    return 1;
}

int net_conn_charge(NetServer *s, struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    ConnState *cs = ci ? ci->socket_context : NULL;
    int ok = 1;
    if (cs) {
        pthread_mutex_lock(&s->mu);
        ok = bucket_take(&cs->bucket, s->conn_rate, s->conn_burst, 1.0, net_now_ms());
        pthread_mutex_unlock(&s->mu);
    }
    return ok;
}

/* ---- per-address join and wrong-code limits ---- */

uint32_t net_client_ip(const NetServer *s, struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    return ci ? lan_ipv4(s, ci->client_addr) : 0;
}

/* The address's entry (s->mu held), made when missing: a full table
 * forgets the address seen longest ago (its buckets start full again, which
 * costs an attacker the table's 1024 other addresses first). */
static Addr *addr_slot(NetServer *s, uint32_t ip, long long now)
{
    int i = 0, free_i = -1, stalest = 0;
    assert(ip != 0);
    for (i = 0; i < NET_ADDR_SLOTS; i++) {
        if (s->addrs[i].ip == ip) {
            s->addrs[i].seen_ms = now;
            return &s->addrs[i];
        }
        if (free_i < 0 && s->addrs[i].ip == 0)
            free_i = i;
        if (s->addrs[i].seen_ms < s->addrs[stalest].seen_ms)
            stalest = i;
    }
    if (free_i < 0)
        free_i = stalest;
    memset(&s->addrs[free_i], 0, sizeof s->addrs[free_i]);
    s->addrs[free_i].ip = ip;
    s->addrs[free_i].seen_ms = now;
    return &s->addrs[free_i];
}

/* 1 if the bucket holds at least cost at now (refilled, nothing taken). */
static int bucket_has(Bucket *b, double rate, double burst, double cost, long long now)
{
    if (!bucket_take(b, rate, burst, cost, now))
        return 0;
    b->tokens += cost;
    return 1;
}

unsigned net_room_gate(NetServer *s, uint32_t ip, const char *code, long long now)
{
    char up[NET_ROOM_CODE_LEN + 1];
    Addr *a = ip ? addr_slot(s, ip, now) : NULL;
    if ((a && !bucket_has(&a->guess, s->guess_rate, s->guess_burst, 1.0, now)) ||
        !bucket_has(&s->room_guess, s->room_guess_rate, s->room_guess_burst, 1.0, now))
        return MHD_HTTP_TOO_MANY_REQUESTS;
    if (code && net_room_parse(code, up) == 0 && memcmp(up, s->room, sizeof up) == 0)
        return 0;
    if (a)
        bucket_take(&a->guess, s->guess_rate, s->guess_burst, 1.0, now);
    bucket_take(&s->room_guess, s->room_guess_rate, s->room_guess_burst, 1.0, now);
    return MHD_HTTP_FORBIDDEN;
}

int net_join_allowed(NetServer *s, uint32_t ip, long long now)
{
    Addr *a = ip ? addr_slot(s, ip, now) : NULL;
    if ((a && !bucket_has(&a->join, s->join_rate, s->join_burst, 1.0, now)) ||
        !bucket_has(&s->room_join, s->room_join_rate, s->room_join_burst, 1.0, now))
        return 0;
    if (a)
        bucket_take(&a->join, s->join_rate, s->join_burst, 1.0, now);
    bucket_take(&s->room_join, s->room_join_rate, s->room_join_burst, 1.0, now);
    return 1;
}

/* ---- phones (issued tokens, in memory only) ---- */

static uint32_t token_hash(const NetServer *s, const char *t)
{
    uint32_t h = 2166136261u ^ s->seed;
    for (; *t; t++)
        h = (h ^ (unsigned char)*t) * 16777619u;
    return h % NET_PHONE_HASH;
}

void net_phones_rehash(NetServer *s)
{
    int i = 0;
    for (i = 0; i < NET_PHONE_HASH; i++)
        s->heads[i] = -1;
    for (i = 0; i < s->n_phones; i++) {
        uint32_t h = token_hash(s, s->phones[i].token);
        s->phones[i].next = s->heads[h];
        s->heads[h] = i;
    }
}

Phone *net_phone_find(NetServer *s, const char *token, long long now)
{
    int i = 0;
    if (!token || !net_token_valid(token))
        return NULL;
    for (i = s->heads[token_hash(s, token)]; i >= 0; i = s->phones[i].next)
        if (strcmp(s->phones[i].token, token) == 0) {
            s->phones[i].seen_ms = now;
            return &s->phones[i];
        }
    return NULL;
}

/* Removes entry i from its hash chain (s->mu held). */
static void phone_unlink(NetServer *s, int i)
{
    int *link = &s->heads[token_hash(s, s->phones[i].token)];
    while (*link >= 0 && *link != i)
        link = &s->phones[*link].next;
    assert(*link == i);
    *link = s->phones[i].next;
}

Phone *net_phone_issue(NetServer *s, long long now)
{
    unsigned char rnd[16];
    static const char hex[] = "0123456789abcdef";
    int i = 0, slot = 0;
    uint32_t h = 0;
    Phone *p = NULL;
    assert(s->n_phones >= 0 && s->n_phones <= NET_MAX_PHONES);
    if (compat_random(rnd, sizeof rnd, 1) != 0)
        return NULL;
    if (s->n_phones < NET_MAX_PHONES) {
        slot = s->n_phones++;
    } else {
        /* Full: the token seen longest ago goes (a real phone long-polls and
         * stays fresh; a flood's tokens are never used again). */
        for (i = 1; i < s->n_phones; i++)
            if (s->phones[i].seen_ms < s->phones[slot].seen_ms)
                slot = i;
        phone_unlink(s, slot);
    }
    p = &s->phones[slot];
    memset(p, 0, sizeof *p);
    for (i = 0; i < (int)sizeof rnd; i++) {
        p->token[2 * i] = hex[rnd[i] >> 4];
        p->token[2 * i + 1] = hex[rnd[i] & 15];
    }
    p->token[2 * sizeof rnd] = '\0';
    p->seen_ms = now;
    h = token_hash(s, p->token);
    p->next = s->heads[h];
    s->heads[h] = slot;
    return p;
}

unsigned net_phone_charge(NetServer *s, Phone *p, double cost, long long now)
{
    if (!bucket_take(&p->bucket, s->token_rate, s->token_burst, cost, now))
        return MHD_HTTP_TOO_MANY_REQUESTS;
    return 0;
}
