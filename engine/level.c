/*
 * level.c - the AI's move at a level of play below perfect.
 *
 * Each level gives a set of candidate cells (from the table, or from the
 * lines on the board) and the seed picks one of them.  The pick is a pure
 * function of its inputs, so a client that repeats a request gets the
 * same move, and one that changes the seed gets another game.
 */
#include <string.h>

#include "ttt.h"
#include "ttt_private.h"

/* Indexed by ttt_level and sized by its sentinel: a level added to the
 * enum without a name here is a NULL that the engine's unit test (every
 * level below TTT_LEVEL__MAX has a name) reports. */
static const char *const level_names[TTT_LEVEL__MAX] = {
	[TTT_LEVEL_PERFECT] = "perfect",
	[TTT_LEVEL_HARD] = "hard",
	[TTT_LEVEL_MEDIUM] = "medium",
	[TTT_LEVEL_EASY] = "easy",
};
#define NLEVELS	TTT_LEVEL__MAX

const char *
ttt_level_name(ttt_level level)
{
	if ((unsigned)level >= NLEVELS)
		return "unknown";
	return level_names[level];
}

int
ttt_level_from_name(const char *s, ttt_level *out)
{
	unsigned	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < NLEVELS; i++) {
		if (strcmp(s, level_names[i]) == 0) {
			*out = (ttt_level)i;
			return 0;
		}
	}
	return -1;
}

/*
 * A 32-bit mix of the position and level (the finaliser of MurmurHash3),
 * so that one seed does not always take the first candidate: without it,
 * seed 0 would make the easy level fill the board in cell order.
 */
static uint32_t
mix(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h;
}

/*
 * Candidate number ((h + seed) mod k) of the k set bits of cand, in cell
 * order: k consecutive seeds give k different cells.  cand is not 0.
 */
static int
pick(unsigned cand, unsigned idx, ttt_cell ai, ttt_level level, uint32_t seed)
{
	uint32_t	 h = mix(idx << 4 | (unsigned)ai << 2 | (unsigned)level);
	unsigned	 n;

	/* In 64 bits, so h + seed never wraps and breaks the sequence. */
	n = (unsigned)(((uint64_t)h + seed) %
	    (unsigned)__builtin_popcount(cand));
	while (n-- > 0)
		cand &= cand - 1;
	return __builtin_ctz(cand);
}

int
ttt_level_move(const ttt_board *board, ttt_cell ai, ttt_level level,
    uint32_t seed)
{
	uint32_t	 e;
	unsigned	 own, opp, cand;
	int		 idx = ttt_board_index(board);

	if (idx < 0 || (ai != TTT_X && ai != TTT_O) ||
	    (unsigned)level >= NLEVELS)
		return -1;
	/* The entry is 0 exactly when the board has a line or is full. */
	e = ttt_table_entry((unsigned)idx, ai);
	if (e == 0)
		return -1;
	switch (level) {
	case TTT_LEVEL_PERFECT:
		return TTT_ENTRY_BEST(e);
	case TTT_LEVEL_HARD:
		/* The best outcome class that is not empty. */
		if ((cand = TTT_ENTRY_WIN(e)) == 0 &&
		    (cand = TTT_ENTRY_DRAW(e)) == 0)
			cand = TTT_ENTRY_LOSS(e);
		break;
	case TTT_LEVEL_MEDIUM:
		own = ttt_cell_mask(board, ai);
		opp = ttt_cell_mask(board, ttt_other(ai));
		if ((cand = ttt_threat_cells(own, opp)) == 0 &&
		    (cand = ttt_threat_cells(opp, own)) == 0)
			cand = ~(own | opp) & TTT_ALL_CELLS;
		break;
	case TTT_LEVEL_EASY:
	default:
		/* Every empty cell is in exactly one outcome class. */
		cand = TTT_ENTRY_WIN(e) | TTT_ENTRY_DRAW(e) | TTT_ENTRY_LOSS(e);
		break;
	}
	return pick(cand, (unsigned)idx, ai, level, seed);
}
