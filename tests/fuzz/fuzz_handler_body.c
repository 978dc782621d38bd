/*
 * fuzz_handler_body.c - POST /human_move with the input as the body.
 *
 * Beyond fuzz_check()'s invariants, the status must be what the API's
 * checks give for this body, computed independently here: 400 for anything
 * that is not {"board": 3x3 of "X"/"O"/" "/""} (or nests deeper than 16),
 * or whose "ai" ("X"/"O"), "human_move" (integer 1-9), "level" (one of the
 * four names) or "seed" (integer 0 .. 2^31-1) is malformed; else 422 or
 * 200; and a 200 must be the sent board plus the human's move and exactly
 * the engine's move for that ai, level and seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "dispatch.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);


/* The optional fields; -1 when one is present and malformed. */
static int
decode_fields(json_t *root, struct fuzz_game *g)
{
	static const char *const levels[] = { "perfect", "hard", "medium", "easy" };
	json_t *v;
	size_t i;

	if ((v = json_object_get(root, "ai")) != NULL) {
		if (json_is_string(v) && strcmp(json_string_value(v), "X") == 0 &&
		    json_string_length(v) == 1)
			g->ai = TTT_X;
		else if (json_is_string(v) && strcmp(json_string_value(v), "O") == 0 &&
		    json_string_length(v) == 1)
			g->ai = TTT_O;
		else
			return -1;
	}
	if ((v = json_object_get(root, "human_move")) != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > 9)
			return -1;
		g->human_move = (int)json_integer_value(v) - 1;
	}
	if ((v = json_object_get(root, "level")) != NULL) {
		if (!json_is_string(v))
			return -1;
		for (i = 0; i < 4; i++)
			if (strcmp(json_string_value(v), levels[i]) == 0 &&
			    json_string_length(v) == strlen(levels[i]))
				break;
		if (i == 4)
			return -1;
		g->level = (ttt_level)i;
	}
	if ((v = json_object_get(root, "seed")) != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > 2147483647)
			return -1;
		g->seed = (uint32_t)json_integer_value(v);
	}
	return 0;
}

/* The request, or -1 when the body does not have the documented shape. */
static int
decode_board(const uint8_t *data, size_t size, struct fuzz_game *g)
{
	ttt_board *b = &g->board;
	json_t *root, *rows, *row, *cell;
	const char *s;
	size_t i, j;
	int rc = -1;

	if (fuzz_json_depth(data, size) > 16)
		return -1;
	root = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (root == NULL)
		return -1;
	rows = json_object_get(root, "board");
	if (!json_is_array(rows) || json_array_size(rows) != 3)
		goto out;
	for (i = 0; i < 3; i++) {
		row = json_array_get(rows, i);
		if (!json_is_array(row) || json_array_size(row) != 3)
			goto out;
		for (j = 0; j < 3; j++) {
			cell = json_array_get(row, j);
			if (!json_is_string(cell))
				goto out;
			s = json_string_value(cell);
			if (json_string_length(cell) == 0 ||
			    strcmp(s, " ") == 0)
				b->cell[i * 3 + j] = TTT_EMPTY;
			else if (strcmp(s, "X") == 0 && json_string_length(cell) == 1)
				b->cell[i * 3 + j] = TTT_X;
			else if (strcmp(s, "O") == 0 && json_string_length(cell) == 1)
				b->cell[i * 3 + j] = TTT_O;
			else
				goto out;
		}
	}
	rc = decode_fields(root, g);
out:
	json_decref(root);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct config *cfg = &fuzz_cfgs[FUZZ_CFG_DEFAULT];
	struct handler_request req;
	struct handler_response resp;
	char clen[32];
	struct fuzz_game game;
	json_t *body;
	int want;

	if (size > cfg->body_limit)
		return 0;
	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	snprintf(clen, sizeof(clen), "%zu", size);
	req.method = "POST";
	req.path = "/human_move";
	req.content_length = clen;
	req.content_type = "application/json";
	req.host = "127.0.0.1:8443";
	req.https = "on";
	body_expect(&req, cfg->body_limit);
	body_received(&req, data, size);

	dispatch_request(cfg, &req, &resp);
	body = fuzz_check(cfg, &req, &resp);

	fuzz_game_init(&game);
	want = size == 0 || decode_board(data, size, &game) != 0 ? 400 :
	    fuzz_expected_status(&game);
	if (resp.status != want)
		fuzz_fail(&req, &resp, "status %d, expected %d", resp.status,
		    want);
	if (want == 200)
		fuzz_check_move(&req, &resp, body, &game);
	json_decref(body);
	handler_response_free(&resp);
	return 0;
}
