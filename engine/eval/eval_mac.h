/* eval_mac.h - HMAC-SHA-256 for the store's keyed submission-id hashes.
 *
 * The store keeps a retried phone submission from being stored twice across
 * an engine restart without writing submission ids to disk: it stores
 * HMAC(per-event secret, sid) under no link to the answers (see
 * docs/evaluation.md).  Plain C, no state.
 */
#ifndef EVAL_EVAL_MAC_H
#define EVAL_EVAL_MAC_H

#include <stddef.h>

#define EVAL_MAC_LEN 32 /* bytes of an HMAC-SHA-256 */

/* Writes SHA-256(data) to out. */
void eval_sha256(const void *data, size_t n, unsigned char out[EVAL_MAC_LEN]);

/* Writes HMAC-SHA-256(key, msg) (RFC 2104) to out. */
void eval_hmac_sha256(const void *key, size_t key_len, const void *msg, size_t msg_len,
                      unsigned char out[EVAL_MAC_LEN]);

#endif
