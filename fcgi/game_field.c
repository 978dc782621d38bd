/*
 * game_field.c - the table of game fields (see game_field.h) and the
 * one parser and one error phrase every field shares.
 */
#include <string.h>

#include "game_field.h"

/* ---- where each value goes ---- */

static const char *
ai_name(int i)
{
	return i == 0 ? "X" : "O";
}

static const char *
level_name(int i)
{
	return ttt_level_name((ttt_level)i);
}

static void
store_ai(struct game_input *in, long long v)
{
	in->ai = v == 0 ? TTT_X : TTT_O;
}

static void
store_human_move(struct game_input *in, long long v)
{
	in->human_move = (int)v - 1;	/* position 1-9 to cell 0-8 */
}

static void
store_level(struct game_input *in, long long v)
{
	in->level = (ttt_level)v;
}

static void
store_seed(struct game_input *in, long long v)
{
	in->seed = (uint32_t)v;
}

/*
 * The fields, in the order they are checked (the board first).  The
 * descriptions are the schemas'; the notes end the error sentences.
 */
const struct game_field game_field_table[] = {
	{ .name = "board", .flag = GAME_BOARD, .kind = GAME_FIELD_BOARD },
	{ .name = "ai", .flag = GAME_AI, .kind = GAME_FIELD_NAME,
	  .value_name = ai_name, .nnames = 2, .store = store_ai,
	  .note = " (capital letters), the AI's mark",
	  .description = "The AI's mark. Leave it out for the classic game: "
	    "the AI is O and may also open. Given, X always moves first and "
	    "it must be the AI's turn." },
	{ .name = "human_move", .flag = GAME_HUMAN_MOVE,
	  .kind = GAME_FIELD_INTEGER, .min = 1, .max = TTT_CELLS,
	  .store = store_human_move,
	  .note = ", the human's position (1 = top-left, 9 = bottom-right)",
	  .description = "The human's move, a position 1 (top-left) to 9 "
	    "(bottom-right) on the posted board, which is then the board "
	    "before that move. The worker places it, then the AI replies." },
	{ .name = "level", .flag = GAME_LEVEL, .kind = GAME_FIELD_NAME,
	  .value_name = level_name, .nnames = TTT_LEVEL__MAX,
	  .store = store_level, .note = "",
	  .description = "How well the AI plays: perfect (default) never "
	    "loses; hard keeps the best result but varies its moves; medium "
	    "wins or blocks when it can, else plays anywhere; easy plays any "
	    "free cell." },
	{ .name = "seed", .flag = GAME_SEED, .kind = GAME_FIELD_INTEGER,
	  .min = 0, .max = GAME_SEED_MAX, .store = store_seed, .note = "",
	  .description = "Varies the AI's choice below perfect: the same "
	    "board, level and seed always give the same move. Default 0." },
};
const size_t game_field_count =
    sizeof(game_field_table) / sizeof(game_field_table[0]);

const struct game_field *
game_field_find(const char *name)
{
	size_t i;

	for (i = 0; i < game_field_count; i++)
		if (strcmp(game_field_table[i].name, name) == 0)
			return &game_field_table[i];
	return NULL;
}

/* How many decimal digits v has. */
static size_t
digits(long long v)
{
	size_t n = 1;

	while ((v /= 10) != 0)
		n++;
	return n;
}

/*
 * Decimal digits only (no sign, no space), no more of them than the
 * maximum has (so "09" is no position, while a seed may be "007"), and
 * within the range.
 */
static int
parse_integer(const struct game_field *f, const char *s, long long *v)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > digits(f->max))
		return -1;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return *v >= f->min && *v <= f->max ? 0 : -1;
}

/* Exactly one of the names (case matters). */
static int
parse_name(const struct game_field *f, const char *s, long long *v)
{
	int i;

	for (i = 0; i < f->nnames; i++)
		if (strcmp(s, f->value_name(i)) == 0) {
			*v = i;
			return 0;
		}
	return -1;
}

int
game_field_parse(const struct game_field *f, const char *text,
    struct game_input *in)
{
	long long v;
	int rc = -1;

	if (f->kind == GAME_FIELD_INTEGER)
		rc = parse_integer(f, text, &v);
	else if (f->kind == GAME_FIELD_NAME)
		rc = parse_name(f, text, &v);
	if (rc == 0)
		f->store(in, v);
	return rc;
}

/* "a", "a" or "b", "a", "b" or "c": each name quoted. */
static void
put_names(const struct game_field *f, struct strbuf *sb)
{
	int i;

	for (i = 0; i < f->nnames; i++) {
		if (i > 0)
			strbuf_put(sb, i == f->nnames - 1 ? " or " : ", ");
		strbuf_putc(sb, '"');
		strbuf_put(sb, f->value_name(i));
		strbuf_putc(sb, '"');
	}
}

void
game_field_must(const struct game_field *f, struct strbuf *sb)
{
	if (f->kind == GAME_FIELD_NAME)
		put_names(f, sb);
	else if (f->kind == GAME_FIELD_INTEGER)
		strbuf_putf(sb, "an integer from %lld to %lld", f->min, f->max);
	else
		strbuf_put(sb, "3 rows of 3 cells, each \"X\", \"O\" or \" \"");
	if (f->note != NULL)
		strbuf_put(sb, f->note);
}

void
game_field_list(unsigned takes, struct strbuf *sb)
{
	size_t i, n = 0, k = 0;

	for (i = 0; i < game_field_count; i++)
		n += (takes & game_field_table[i].flag & ~GAME_BOARD) != 0;
	for (i = 0; i < game_field_count; i++) {
		if ((takes & game_field_table[i].flag & ~GAME_BOARD) == 0)
			continue;
		if (k > 0)
			strbuf_put(sb, k == n - 1 ? " and " : ", ");
		strbuf_put(sb, game_field_table[i].name);
		k++;
	}
}
