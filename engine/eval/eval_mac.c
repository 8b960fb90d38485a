/* eval_mac.c - SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104); see eval_mac.h. */
#include "eval/eval_mac.h"

#include <stdint.h>
#include <string.h>

typedef struct Sha256 {
    uint32_t h[8];
    unsigned char buf[64];
    size_t nbuf;
    uint64_t len; /* bytes hashed so far */
} Sha256;

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t ror(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

static void block(Sha256 *c, const unsigned char *p)
{
    uint32_t w[64], a = 0, b = 0, d = 0, e = 0, f = 0, g = 0, h = 0, cc = 0;
    int i = 0;
    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = c->h[0];
    b = c->h[1];
    cc = c->h[2];
    d = c->h[3];
    e = c->h[4];
    f = c->h[5];
    g = c->h[6];
    h = c->h[7];
    for (i = 0; i < 64; i++) {
        uint32_t t1 =
            h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = cc;
        cc = b;
        b = a;
        a = t1 + t2;
    }
    c->h[0] += a;
    c->h[1] += b;
    c->h[2] += cc;
    c->h[3] += d;
    c->h[4] += e;
    c->h[5] += f;
    c->h[6] += g;
    c->h[7] += h;
}

static void sha_init(Sha256 *c)
{
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memset(c, 0, sizeof *c);
    memcpy(c->h, iv, sizeof iv);
}

static void sha_add(Sha256 *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    c->len += n;
    while (n > 0) {
        size_t k = 64 - c->nbuf < n ? 64 - c->nbuf : n;
        memcpy(c->buf + c->nbuf, p, k);
        c->nbuf += k;
        p += k;
        n -= k;
        if (c->nbuf == 64) {
            block(c, c->buf);
            c->nbuf = 0;
        }
    }
}

static void sha_end(Sha256 *c, unsigned char out[EVAL_MAC_LEN])
{
    uint64_t bits = c->len * 8;
    unsigned char pad = 0x80, zero = 0, len[8];
    int i = 0;
    sha_add(c, &pad, 1);
    while (c->nbuf != 56)
        sha_add(c, &zero, 1);
    for (i = 0; i < 8; i++)
        len[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha_add(c, len, 8);
    for (i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(c->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)c->h[i];
    }
    memset(c, 0, sizeof *c);
}

void eval_sha256(const void *data, size_t n, unsigned char out[EVAL_MAC_LEN])
{
    Sha256 c;
    sha_init(&c);
    sha_add(&c, data, n);
    sha_end(&c, out);
}

void eval_hmac_sha256(const void *key, size_t key_len, const void *msg, size_t msg_len,
                      unsigned char out[EVAL_MAC_LEN])
{
    unsigned char k[64], pad[64], inner[EVAL_MAC_LEN];
    Sha256 c;
    int i = 0;
    memset(k, 0, sizeof k);
    if (key_len > 64)
        eval_sha256(key, key_len, k);
    else if (key_len > 0)
        memcpy(k, key, key_len);
    for (i = 0; i < 64; i++)
        pad[i] = (unsigned char)(k[i] ^ 0x36);
    sha_init(&c);
    sha_add(&c, pad, 64);
    sha_add(&c, msg, msg_len);
    sha_end(&c, inner);
    for (i = 0; i < 64; i++)
        pad[i] = (unsigned char)(k[i] ^ 0x5c);
    sha_init(&c);
    sha_add(&c, pad, 64);
    sha_add(&c, inner, sizeof inner);
    sha_end(&c, out);
    memset(k, 0, sizeof k);
    memset(pad, 0, sizeof pad);
}
