/*
 * limit.c - token buckets per conversation (limit.h), lock-free, in this
 * process's memory or in the pool's shared file (limit_file.h).
 *
 * A slot holds a key's salted 64-bit hash and its bucket packed in one
 * 64-bit word: the time it was last counted (milliseconds of the
 * monotonic clock, which every process of the host shares, plus one, so
 * that no bucket is 0) above 16 bits of tokens in thousandths of a call.
 * A call is one compare-and-swap of that word: no lock, no system call.
 *
 * Keys are found by open addressing over PROBES slots.  A free slot, or
 * one idle long enough for its bucket to be full again (LIMIT_BURST /
 * LIMIT_RATE seconds: the same as no entry at all), is taken by a
 * compare-and-swap of its key.  When every slot of the neighbourhood
 * belongs to a conversation active within that time, the call is allowed
 * without a bucket: an active conversation, a runaway one above all, is
 * never pushed out, and nginx's per-address ceiling bounds the rest.
 *
 * Nothing read from the table is trusted beyond its arithmetic: a bucket
 * with more tokens than a burst is full, one counted more than a minute
 * in the future (a file kept across a reboot, or damaged) starts full
 * now.  A race between two processes can at worst count one call on a
 * bucket the other just took over.
 */
#include <pthread.h>
#include <stdbool.h>

#include "mcp/limit.h"
#include "mcp/limit_file.h"

#define PROBES		8
#define CAS_TRIES	64	/* contention past this: allow the call */
#define MILLI		1000u
#define FULL		((uint64_t)LIMIT_BURST * MILLI)
#define IDLE_MS		((uint64_t)LIMIT_BURST * 1000u / LIMIT_RATE)
#define FUTURE_MS	60000u
#define TOKEN_BITS	16

_Static_assert(FULL < (1u << TOKEN_BITS), "a full bucket fits its bits");

/* This process's own table, until limit_share() maps the pool's. */
static struct limit_slot own_slots[LIMIT_SLOTS];
static struct limit_header own_head;
static struct limit_header *head = &own_head;
static struct limit_slot *slots = own_slots;
static bool shared;
static pthread_once_t own_once = PTHREAD_ONCE_INIT;

/* The process's own table gets a salt of its own on first use. */
static void
own_init(void)
{
	if (!shared)
		limit_file_header_init(&own_head);
}

static uint64_t
pack(uint64_t at_ms, uint64_t tokens)
{
	return ((at_ms + 1) << TOKEN_BITS) | tokens;
}

static uint64_t
packed_ms(uint64_t state)
{
	return (state >> TOKEN_BITS) - 1;
}

static uint64_t
hash_of(const char *key, size_t len)
{
	uint64_t h = 14695981039346656037ULL ^ head->salt;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ULL;
	}
	return h != 0 ? h : 1;
}

/* Has the slot's bucket been idle long enough to be full (or is it
 * unreadable, which counts the same)? */
static bool
idle(uint64_t state, uint64_t now_ms)
{
	uint64_t at;

	if (state == 0)
		return true;
	at = packed_ms(state);
	if (at > now_ms)
		return at > now_ms + FUTURE_MS;
	return now_ms - at >= IDLE_MS;
}

/* The slot of h, taken when needed; NULL when none can be had. */
static struct limit_slot *
slot_of(uint64_t h, uint64_t now_ms)
{
	struct limit_slot *s;
	uint64_t k;
	size_t i;

	for (i = 0; i < PROBES; i++) {
		s = &slots[(h + i) % LIMIT_SLOTS];
		k = atomic_load_explicit(&s->key, memory_order_acquire);
		if (k == h)
			return s;
	}
	for (i = 0; i < PROBES; i++) {
		s = &slots[(h + i) % LIMIT_SLOTS];
		k = atomic_load_explicit(&s->key, memory_order_acquire);
		if (k != 0 && !idle(atomic_load_explicit(&s->state,
		    memory_order_relaxed), now_ms))
			continue;
		/* Free or idle: ours if nobody took it meanwhile.  An idle
		 * bucket is full, so it needs no reset. */
		if (atomic_compare_exchange_strong_explicit(&s->key, &k, h,
		    memory_order_acq_rel, memory_order_acquire) || k == h)
			return s;
	}
	return NULL;
}

/* The bucket after a call at now_ms; *ok says whether it was allowed. */
static uint64_t
counted(uint64_t state, uint64_t now_ms, bool *ok)
{
	uint64_t at, tokens, refill;

	if (state == 0 || (at = packed_ms(state)) > now_ms + FUTURE_MS) {
		at = now_ms;
		tokens = FULL;
	} else {
		tokens = state & ((1u << TOKEN_BITS) - 1);
		if (tokens > FULL)
			tokens = FULL;
		if (now_ms > at) {
			/* LIMIT_RATE calls a second is LIMIT_RATE
			 * thousandths of a call a millisecond. */
			refill = (now_ms - at) * LIMIT_RATE;
			tokens = refill >= FULL - tokens ? FULL : tokens + refill;
			at = now_ms;
		}
		/* now_ms < at: another process counted a moment later on
		 * its clock reading; keep its time. */
	}
	*ok = tokens >= MILLI;
	if (*ok)
		tokens -= MILLI;
	return pack(at, tokens);
}

bool
limit_take(const char *key, size_t len, uint64_t now_ms)
{
	struct limit_slot *s;
	uint64_t old, next;
	bool ok = true;
	int i;

	pthread_once(&own_once, own_init);
	if ((s = slot_of(hash_of(key, len), now_ms)) == NULL)
		return true;
	old = atomic_load_explicit(&s->state, memory_order_relaxed);
	for (i = 0; i < CAS_TRIES; i++) {
		next = counted(old, now_ms, &ok);
		if (atomic_compare_exchange_weak_explicit(&s->state, &old,
		    next, memory_order_relaxed, memory_order_relaxed))
			return ok;
	}
	return true;
}

int
limit_share(const char *path, char *err, size_t errlen)
{
	struct limit_header *h;

	if ((h = limit_file_map(path, err, errlen)) == NULL)
		return -1;
	slots = (struct limit_slot *)(void *)((char *)h + sizeof(*h));
	head = h;
	shared = true;
	return 0;
}

bool
limit_shared(void)
{
	return shared;
}

void
limit_reset(void)
{
	size_t i;

	for (i = 0; i < LIMIT_SLOTS; i++) {
		atomic_store(&slots[i].key, 0);
		atomic_store(&slots[i].state, 0);
	}
}
