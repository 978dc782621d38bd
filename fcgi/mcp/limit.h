/*
 * limit.h - a rate limit per MCP conversation, kept by each worker
 * process.
 *
 * MCP clients put what identifies a conversation in the JSON body
 * (ChatGPT: params._meta "openai/session"), where nginx's limit_req cannot
 * see it, so the worker limits each conversation itself: a token bucket of
 * LIMIT_RATE calls a second with bursts of LIMIT_BURST, the numbers nginx
 * gives one GPT-action conversation.  Each process keeps its own table, so
 * a pool of N processes lets a conversation through up to N times that;
 * nginx's per-address ceiling bounds the whole.
 *
 * Thread-safe (one mutex); no allocation: the table has LIMIT_SLOTS
 * entries, and the oldest is reused when a new key finds none free -- an
 * entry idle for LIMIT_BURST / LIMIT_RATE seconds is full again, the same
 * as no entry at all.
 */
#ifndef FCGI_MCP_LIMIT_H
#define FCGI_MCP_LIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LIMIT_RATE	5	/* calls a second, per conversation */
#define LIMIT_BURST	30	/* calls at once */
#define LIMIT_SLOTS	4096	/* conversations remembered per process */
#define LIMIT_KEY_MAX	128	/* longer keys are not conversation ids */

/* Take one call for key (len bytes) at now_ms (a monotonic clock in
 * milliseconds).  True: allowed; false: over the limit. */
bool	 limit_take(const char *key, size_t len, uint64_t now_ms);
/* Forget every conversation (tests). */
void	 limit_reset(void);

#endif /* FCGI_MCP_LIMIT_H */
