/*
 * naive_minimax.c - reference minimax, straight from the definition.
 *
 * No tables, no pruning, no bit tricks: this is the yardstick, so it must
 * be obviously right rather than fast.
 */
#include <stdio.h>
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

char
naive_outcome(const char board[9], char to_move)
{
	char	 b[9], r, best;
	char	 other = to_move == 'X' ? 'O' : 'X';
	int	 i;

	if (naive_wins(board, 'X'))
		return 'X';
	if (naive_wins(board, 'O'))
		return 'O';
	if (naive_full(board))
		return ' ';
	memcpy(b, board, sizeof(b));
	best = other;		/* until a move does better for to_move */
	for (i = 0; i < 9; i++) {
		if (b[i] != ' ')
			continue;
		b[i] = to_move;
		r = naive_outcome(b, other);
		b[i] = ' ';
		if (r == to_move)
			return r;
		if (r == ' ')
			best = ' ';
	}
	return best;
}

/* The eight lines, in the order of naive_winning_line(). */
static const int lines[8][3] = {
	{ 0, 1, 2 }, { 3, 4, 5 }, { 6, 7, 8 },
	{ 0, 3, 6 }, { 1, 4, 7 }, { 2, 5, 8 },
	{ 0, 4, 8 }, { 2, 4, 6 }
};

int
naive_winning_line(const char b[9], int cells[3])
{
	int	 l;

	for (l = 0; l < 8; l++) {
		char	 c = b[lines[l][0]];

		if (c != ' ' && b[lines[l][1]] == c && b[lines[l][2]] == c) {
			memcpy(cells, lines[l], sizeof(lines[l]));
			return 1;
		}
	}
	return 0;
}

bool
naive_completes(const char board[9], int cell, char who)
{
	char	 b[9];

	if (board[cell] != ' ')
		return false;
	memcpy(b, board, sizeof(b));
	b[cell] = who;
	return naive_wins(b, who);
}

/* Lines with two `who` marks and one empty cell. */
static int
threats(const char b[9], char who)
{
	int	 l, k, mine, empty, n = 0;

	for (l = 0; l < 8; l++) {
		mine = empty = 0;
		for (k = 0; k < 3; k++) {
			mine += b[lines[l][k]] == who;
			empty += b[lines[l][k]] == ' ';
		}
		n += mine == 2 && empty == 1;
	}
	return n;
}

/* Has `who` an empty cell where its mark makes two threats or more? */
static bool
has_fork(const char board[9], char who)
{
	char	 b[9];
	int	 i;

	memcpy(b, board, sizeof(b));
	for (i = 0; i < 9; i++) {
		if (b[i] != ' ')
			continue;
		b[i] = who;
		if (threats(b, who) >= 2)
			return true;
		b[i] = ' ';
	}
	return false;
}

const char *
naive_reason(const char board[9], int cell, char ai)
{
	char	 after[9], opp = ai == 'X' ? 'O' : 'X';

	memcpy(after, board, sizeof(after));
	after[cell] = ai;
	if (naive_wins(after, ai))
		return "win";
	if (naive_completes(board, cell, opp))
		return "block";
	if (threats(after, ai) >= 2)
		return "fork";
	if (has_fork(board, opp) && !has_fork(after, opp))
		return "block_fork";
	if (cell == 4)
		return "center";
	if (cell == 0 || cell == 2 || cell == 6 || cell == 8)
		return "corner";
	return "edge";
}

int
naive_hint(const char board[9], char human, int cells[9], char outcome[9],
    int *nbest)
{
	char	 b[9], result[9], opp = human == 'X' ? 'O' : 'X';
	char	 order[3];
	int	 i, k, n = 0;

	*nbest = 0;
	if (naive_wins(board, 'X') || naive_wins(board, 'O'))
		return 0;
	memcpy(b, board, sizeof(b));
	for (i = 0; i < 9; i++) {
		if (b[i] != ' ')
			continue;
		b[i] = human;
		result[i] = naive_outcome(b, opp);
		b[i] = ' ';
	}
	order[0] = human;
	order[1] = ' ';
	order[2] = opp;
	for (k = 0; k < 3; k++) {
		for (i = 0; i < 9; i++) {
			if (b[i] != ' ' || result[i] != order[k])
				continue;
			cells[n] = i;
			outcome[n++] = result[i];
		}
		if (*nbest == 0)
			*nbest = n;
	}
	return n;
}

int
naive_board_text(const char b[9], char out[64])
{
	char	 c[9];
	int	 i;

	for (i = 0; i < 9; i++)
		c[i] = b[i] == ' ' ? (char)('1' + i) : b[i];
	return snprintf(out, 64, " %c | %c | %c \n---+---+---\n"
	    " %c | %c | %c \n---+---+---\n %c | %c | %c ",
	    c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
}
