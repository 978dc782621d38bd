/*
 * limit.h - a rate limit per MCP conversation, for the whole pool.
 *
 * MCP clients put what identifies a conversation in the JSON body
 * (ChatGPT: params._meta "openai/session"), where nginx's limit_req cannot
 * see it, so the worker limits each conversation itself: a token bucket of
 * LIMIT_RATE calls a second with bursts of LIMIT_BURST, the numbers nginx
 * gives one GPT-action conversation.
 *
 * The table of buckets is shared by every process of the pool when
 * limit_share() has mapped its file (the scoreboard's neighbour, see
 * limit_file.h): a conversation then gets its rate once, whichever
 * process serves each call.  Without that file each process keeps a table
 * of its own, and a pool of N processes lets a conversation through up to
 * N times the rate; nginx's per-address ceiling bounds the whole.
 *
 * Lock-free and thread-safe, no allocation: the table has LIMIT_SLOTS
 * entries; an entry idle for LIMIT_BURST / LIMIT_RATE seconds is full
 * again, the same as no entry at all, and is reused (limit.c).
 */
#ifndef FCGI_MCP_LIMIT_H
#define FCGI_MCP_LIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* LIMIT_RATE, LIMIT_BURST and LIMIT_SLOTS: the table's numbers, which its
 * file records. */
#include "mcp/limit_file.h"

#define LIMIT_KEY_MAX	128	/* longer keys are not conversation ids */

/* Take one call for key (len bytes) at now_ms (a monotonic clock in
 * milliseconds).  True: allowed; false: over the limit. */
bool	 limit_take(const char *key, size_t len, uint64_t now_ms);
/* Forget every conversation (tests). */
void	 limit_reset(void);

/*
 * Share the pool's table in the file at path from now on (limit_file.h);
 * call it once, before any thread serves.  Returns 0; or -1 with a
 * sentence in err when the file is refused or cannot be used: this
 * process then keeps its own table.
 */
int	 limit_share(const char *path, char *err, size_t errlen);
/* True once limit_share() succeeded. */
bool	 limit_shared(void);

#endif /* FCGI_MCP_LIMIT_H */
