/*
 * engine_boards.c - board numbering shared by the exhaustive engine tests.
 */
#include "engine_boards.h"

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
