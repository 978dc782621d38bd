/*
 * naive_minimax.c - reference minimax, straight from the definition.
 *
 * No tables, no pruning, no bit tricks: this is the yardstick, so it must
 * be obviously right rather than fast.
 */
#include <string.h>

#include "naive_minimax.h"

bool
naive_wins(const char b[9], char p)
{
	int	 r, c;

	for (r = 0; r < 3; r++)
		if (b[r * 3] == p && b[r * 3 + 1] == p && b[r * 3 + 2] == p)
			return true;
	for (c = 0; c < 3; c++)
		if (b[c] == p && b[c + 3] == p && b[c + 6] == p)
			return true;
	if (b[0] == p && b[4] == p && b[8] == p)
		return true;
	if (b[2] == p && b[4] == p && b[6] == p)
		return true;
	return false;
}

bool
naive_full(const char b[9])
{
	int	 i;

	for (i = 0; i < 9; i++)
		if (b[i] == ' ')
			return false;
	return true;
}

static int
minimax(char b[9], int depth, bool maximizing, char ai, char human)
{
	int	 i, score, best;

	if (naive_wins(b, ai))
		return 10 - depth;
	if (naive_wins(b, human))
		return depth - 10;
	if (naive_full(b))
		return 0;
	if (maximizing) {
		best = -1000;
		for (i = 0; i < 9; i++) {
			if (b[i] != ' ')
				continue;
			b[i] = ai;
			score = minimax(b, depth + 1, false, ai, human);
			b[i] = ' ';
			if (score > best)
				best = score;
		}
	} else {
		best = 1000;
		for (i = 0; i < 9; i++) {
			if (b[i] != ' ')
				continue;
			b[i] = human;
			score = minimax(b, depth + 1, true, ai, human);
			b[i] = ' ';
			if (score < best)
				best = score;
		}
	}
	return best;
}

int
naive_best_move(const char board[9], char ai)
{
	char	 b[9];
	char	 human = ai == 'X' ? 'O' : 'X';
	int	 i, score, best = -1000, move = -1;

	memcpy(b, board, sizeof(b));
	if (naive_wins(b, 'X') || naive_wins(b, 'O') || naive_full(b))
		return -1;
	for (i = 0; i < 9; i++) {
		if (b[i] != ' ')
			continue;
		b[i] = ai;
		score = minimax(b, 0, false, ai, human);
		b[i] = ' ';
		if (score > best) {
			best = score;
			move = i;
		}
	}
	return move;
}
