/*
 * limit.c - token buckets per conversation (limit.h).
 *
 * A slot holds a key's 64-bit hash, its tokens in thousandths and the time
 * they were counted.  Keys are looked up by open addressing over a few
 * slots; a full neighbourhood gives its stalest slot to the new key.  The
 * hash (FNV-1a) is salted per process so nobody can aim keys at one slot.
 */
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mcp/limit.h"

#define PROBES		8
#define MILLI		1000u
#define FULL		((uint64_t)LIMIT_BURST * MILLI)

struct slot {
	uint64_t	 hash;		/* 0: free */
	uint64_t	 tokens;	/* thousandths of a call */
	uint64_t	 at_ms;
};

static struct slot slots[LIMIT_SLOTS];
static uint64_t salt;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t
hash_of(const char *key, size_t len)
{
	uint64_t h = 14695981039346656037ULL ^ salt;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ULL;
	}
	return h != 0 ? h : 1;
}

static struct slot *
slot_of(uint64_t h, uint64_t now_ms)
{
	struct slot *s, *oldest = NULL;
	size_t i, k;

	for (i = 0; i < PROBES; i++) {
		k = (size_t)((h + i) % LIMIT_SLOTS);
		s = &slots[k];
		if (s->hash == h)
			return s;
		if (s->hash == 0 || oldest == NULL || s->at_ms < oldest->at_ms)
			oldest = s;
		if (s->hash == 0)
			break;
	}
	oldest->hash = h;
	oldest->tokens = FULL;
	oldest->at_ms = now_ms;
	return oldest;
}

bool
limit_take(const char *key, size_t len, uint64_t now_ms)
{
	struct slot *s;
	uint64_t h, refill;
	bool ok;

	pthread_mutex_lock(&lock);
	if (salt == 0) {
		struct timespec t;

		clock_gettime(CLOCK_REALTIME, &t);
		salt = ((uint64_t)t.tv_nsec << 20) ^ (uint64_t)t.tv_sec ^
		    ((uint64_t)getpid() << 40) ^ 1;
	}
	h = hash_of(key, len);
	s = slot_of(h, now_ms);
	if (now_ms > s->at_ms) {
		/* LIMIT_RATE calls a second is LIMIT_RATE thousandths a ms. */
		refill = (now_ms - s->at_ms) * LIMIT_RATE;
		s->tokens = s->tokens + refill > FULL ? FULL : s->tokens + refill;
		s->at_ms = now_ms;
	}
	ok = s->tokens >= MILLI;
	if (ok)
		s->tokens -= MILLI;
	pthread_mutex_unlock(&lock);
	return ok;
}

void
limit_reset(void)
{
	pthread_mutex_lock(&lock);
	memset(slots, 0, sizeof(slots));
	pthread_mutex_unlock(&lock);
}
