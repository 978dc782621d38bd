/*
 * fuzz_handler_query.c - GET /human_move?<input>.
 *
 * The expected status is computed by a second, independent decoder of the
 * documented query rules: '&'-separated pieces (empty ones skipped), '+' is
 * a space, '%' needs two hex digits and may not be %00, more than 2048
 * bytes is 414; position_1..9 each at most once with X, O, " " or empty;
 * ai (X, O), human_move (one digit 1-9), level (four names) and seed
 * (1-10 digits, at most 2^31-1) each at most once; unknown names ignored.
 * Then the API's checks (422 / 200), and a 200 must be exactly the
 * engine's answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dispatch.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);


static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decode [s, e) into out (size > e - s); -1 on a bad escape. */
static int
unescape(const char *s, const char *e, char *out)
{
	int v;

	for (; s < e; s++) {
		if (*s == '+') {
			*out++ = ' ';
		} else if (*s == '%') {
			if (e - s < 3 || hex(s[1]) < 0 || hex(s[2]) < 0)
				return -1;
			v = hex(s[1]) * 16 + hex(s[2]);
			if (v == 0)
				return -1;
			*out++ = (char)v;
			s += 2;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
	return 0;
}

/* One optional field; -1 when malformed. */
static int
decode_field(int k, const char *v, struct fuzz_game *g)
{
	static const char *const levels[] = { "perfect", "hard", "medium", "easy" };
	unsigned long long n = 0;
	size_t i;

	switch (k) {
	case 0:
		if (strcmp(v, "X") != 0 && strcmp(v, "O") != 0)
			return -1;
		g->ai = v[0] == 'X' ? TTT_X : TTT_O;
		return 0;
	case 1:
		if (strlen(v) != 1 || v[0] < '1' || v[0] > '9')
			return -1;
		g->human_move = v[0] - '1';
		return 0;
	case 2:
		for (i = 0; i < 4; i++)
			if (strcmp(v, levels[i]) == 0) {
				g->level = (ttt_level)i;
				return 0;
			}
		return -1;
	default:
		if (strlen(v) < 1 || strlen(v) > 10 ||
		    strspn(v, "0123456789") != strlen(v))
			return -1;
		for (i = 0; v[i] != '\0'; i++)
			n = n * 10 + (unsigned long long)(v[i] - '0');
		if (n > 2147483647ULL)
			return -1;
		g->seed = (uint32_t)n;
		return 0;
	}
}

/* 400 / 414, or 0 with the request decoded. */
static int
decode(const char *q, struct fuzz_game *g)
{
	static const char *const fields[] = { "ai", "human_move", "level", "seed" };
	char name[2100], value[2100];
	const char *p, *amp, *eq;
	bool seen[9] = { false }, seen_field[4] = { false };
	bool bad_board = false, bad_field = false;
	ttt_board *b = &g->board;
	int pos, k;

	fuzz_game_init(g);
	if (strlen(q) > 2048)
		return 414;
	for (p = q; *p != '\0'; p = *amp != '\0' ? amp + 1 : amp) {
		amp = p + strcspn(p, "&");
		if (amp == p)
			continue;
		eq = memchr(p, '=', (size_t)(amp - p));
		if (unescape(p, eq != NULL ? eq : amp, name) != 0)
			return 400;
		if (eq == NULL)
			value[0] = '\0';
		else if (unescape(eq + 1, amp, value) != 0)
			return 400;
		for (k = 0; k < 4; k++)
			if (strcmp(name, fields[k]) == 0)
				break;
		if (k < 4) {
			if (seen_field[k] || decode_field(k, value, g) != 0)
				bad_field = true;
			seen_field[k] = true;
			continue;
		}
		if (strncmp(name, "position_", 9) != 0 || name[9] < '1' ||
		    name[9] > '9' || name[10] != '\0')
			continue;
		pos = name[9] - '1';
		if (seen[pos])
			bad_board = true;
		seen[pos] = true;
		if (strcmp(value, "X") == 0)
			b->cell[pos] = TTT_X;
		else if (strcmp(value, "O") == 0)
			b->cell[pos] = TTT_O;
		else if (value[0] != '\0' && strcmp(value, " ") != 0)
			bad_board = true;
	}
	return bad_board || bad_field ? 400 : 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config *cfg = &fuzz_cfgs[FUZZ_CFG_DEFAULT];
	struct handler_request req;
	struct handler_response resp;
	struct fuzz_game game;
	json_t *body;
	char *q;
	int want;

	if ((q = malloc(size + 1)) == NULL)
		return 0;
	memcpy(q, data, size);
	q[size] = '\0';		/* a param value cannot hold a NUL */
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	req.method = "GET";
	req.path = "/human_move";
	req.query = q;
	req.host = "localhost";

	dispatch_request(cfg, &req, &resp);
	body = fuzz_check(cfg, &req, &resp);
	if ((want = decode(q, &game)) == 0)
		want = fuzz_expected_status(&game);
	if (resp.status != want)
		fuzz_fail(&req, &resp, "status %d, expected %d", resp.status,
		    want);
	if (want == 200)
		fuzz_check_move(&req, &resp, body, &game);
	json_decref(body);
	handler_response_free(&resp);
	free(q);
	return 0;
}
