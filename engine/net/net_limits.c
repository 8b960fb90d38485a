/* net_limits.c - the phone server's limits: per-connection and per-token
 * rate buckets, the per-address connection cap, and the token table (tokens
 * live in memory only and are never logged).
 *
 * Threads: everything here runs on the MHD polling thread(s).  The token
 * table and the buckets are guarded by s->mu, the per-address counts by
 * s->ip_mu (taken alone, never together with s->mu).
 */
#include <assert.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- phones (tokens live in memory only) ---- */

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

Phone *net_phone_touch(NetServer *s, const char *token, long long now, int *is_new)
{
    uint32_t h = token_hash(s, token);
    int i = s->heads[h];
    Phone *p = NULL;
    assert(strlen(token) < VOTE_MAX_TOKEN);
    assert(s->n_phones >= 0 && s->n_phones <= NET_MAX_PHONES);
    *is_new = 0;
    for (; i >= 0; i = s->phones[i].next)
        if (strcmp(s->phones[i].token, token) == 0) {
            s->phones[i].seen_ms = now;
            return &s->phones[i];
        }
    if (s->n_phones == NET_MAX_PHONES) {
        int j = 0, k = 0;
        for (j = 0; j < s->n_phones; j++)
            if (now - s->phones[j].seen_ms < NET_PHONE_EXPIRE_MS)
                s->phones[k++] = s->phones[j];
        s->n_phones = k;
        net_phones_rehash(s);
        if (s->n_phones == NET_MAX_PHONES)
            return NULL;
        h = token_hash(s, token);
    }
    p = &s->phones[s->n_phones];
    memset(p, 0, sizeof *p);
    memcpy(p->token, token, strlen(token) + 1);
    p->seen_ms = now;
    p->next = s->heads[h];
    s->heads[h] = s->n_phones++;
    *is_new = 1;
    return p;
}

unsigned net_phone_charge(NetServer *s, const char *token, double cost, long long now, int *is_new)
{
    Phone *p = net_phone_touch(s, token, now, is_new);
    if (!p)
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    if (!bucket_take(&p->bucket, s->token_rate, s->token_burst, cost, now))
        return MHD_HTTP_TOO_MANY_REQUESTS;
    return 0;
}
