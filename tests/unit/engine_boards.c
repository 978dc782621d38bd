/*
 * engine_boards.c - board numbering shared by the exhaustive engine tests.
 */
#include "engine_boards.h"
#include "naive_minimax.h"

void
boards_decode(int n, ttt_board *b, char s[9])
{
	static const char	 chars[] = " XO";
	int			 i;

	for (i = 0; i < 9; i++, n /= 3) {
		b->cell[i] = (uint8_t)(n % 3);
		s[i] = chars[n % 3];
	}
}

int
boards_count(const char s[9], char who)
{
	int	 i, n = 0;

	for (i = 0; i < 9; i++)
		n += s[i] == who;
	return n;
}

bool
boards_possible(const char s[9])
{
	int	 x = boards_count(s, 'X'), o = boards_count(s, 'O');
	bool	 xw = naive_wins(s, 'X'), ow = naive_wins(s, 'O');

	if (x - o > 1 || o - x > 1 || (xw && ow))
		return false;
	return !(xw && o > x) && !(ow && x > o);
}

bool
boards_to_move(const char s[9], char who)
{
	int	 d = boards_count(s, who == 'X' ? 'O' : 'X') -
		    boards_count(s, who);

	if (naive_wins(s, 'X') || naive_wins(s, 'O') || naive_full(s))
		return false;
	return d == 0 || d == 1;
}
