/*
 * fuzz_common.h - shared by the libFuzzer harnesses: building requests and
 * checking the handler's invariants on every response.  A violated invariant
 * calls abort() with one line on stderr, so libFuzzer saves the input.
 */
#ifndef TTT_FUZZ_COMMON_H
#define TTT_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "handler.h"
#include "config.h"
#include "ttt.h"

/* The key configured by the "auth" configs; it must never be echoed. */
#define FUZZ_API_KEY "fuzz-K3y-9f1c2e7d5a"

enum fuzz_cfg {
	FUZZ_CFG_DEFAULT,	/* defaults */
	FUZZ_CFG_AUTH,		/* api key set */
	FUZZ_CFG_TRUST,		/* trust_forwarded_proto, small body limit */
	FUZZ_CFG_PUBLIC,	/* public_url set */
	FUZZ_CFG_COUNT
};

/* Built once by fuzz_init(); never freed (the process is the fuzzer). */
extern struct config fuzz_cfgs[FUZZ_CFG_COUNT];

void	fuzz_init(void);

/*
 * libFuzzer's hook.  fuzz_common.c defines it weakly as fuzz_init(); a
 * harness that needs more at start (fuzz_config.c) defines its own.
 */
int	LLVMFuzzerInitialize(int *argc, char ***argv);

/* Print a reason and the response, then abort(). */
void	fuzz_fail(const struct handler_request *, const struct handler_response *,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4), noreturn));

/*
 * Generic invariants of any response: a status in the known set, a content
 * type, a JSON object with a non-empty string "error" on every 4xx/5xx,
 * Allow on 405, the key never echoed, a plain servers[0].url in documents,
 * a legal answer on every 200 from /human_move.  Returns the parsed body
 * (or NULL when it is not JSON); the caller json_decref()s it.
 */
json_t	*fuzz_check(const struct config *, const struct handler_request *,
	    const struct handler_response *);

/*
 * A game request as a harness decoded it itself, independently of the
 * worker's decoder: the board and the optional fields.
 */
struct fuzz_game {
	ttt_board	board;
	ttt_cell	ai;		/* TTT_EMPTY: not given */
	int		human_move;	/* cell 0-8, or -1: not given */
	ttt_level	level;
	uint32_t	seed;
};

/* A fuzz_game with the defaults (no fields given, empty board). */
void	fuzz_game_init(struct fuzz_game *);

/*
 * Check a 200 answer of /human_move: a possible board, status, winner,
 * move, human, reason, board_text, forecast, winning_line and message all
 * consistent with it.  With g (what was sent), also: the answer is g's
 * board plus the human's move and exactly the engine's move for g's ai,
 * level and seed.
 */
void	fuzz_check_move(const struct handler_request *, const struct handler_response *,
	    json_t *body, const struct fuzz_game *g);

/* Check a 200 answer of /hint against the engine's ttt_hint(). */
void	fuzz_check_hint(const struct handler_request *, const struct handler_response *,
	    json_t *body);

/* The status the API's rules give a decoded /human_move request: 200 or 422. */
int	fuzz_expected_status(const struct fuzz_game *);

/* Maximum [ / { nesting outside strings (an independent implementation). */
int	fuzz_json_depth(const unsigned char *, size_t);

#endif
