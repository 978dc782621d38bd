/*
 * auth.c - the optional API key: "Authorization: Bearer <key>" (RFC 6750
 * 2.1), compared in constant time so response timing tells nothing about
 * how much of a guess was right.
 */
#include <string.h>
#include <strings.h>

#include "internal.h"

/* Time depends only on the key's length, never on the candidate's bytes. */
static bool
equal_const_time(const char *key, size_t keylen, const char *cand, size_t candlen)
{
	volatile unsigned char diff = 0;
	size_t i;

	diff |= (unsigned char)(keylen != candlen);
	for (i = 0; i < keylen; i++)
		diff |= (unsigned char)key[i] ^
		    (unsigned char)(i < candlen ? cand[i] : 0);
	return diff == 0;
}

bool
auth_ok(const struct ttt_config *cfg, const char *authorization)
{
	const char *token;

	if (cfg->api_key_len == 0)
		return true;
	if (authorization == NULL || strncasecmp(authorization, "Bearer ", 7) != 0)
		return false;
	token = authorization + 7;
	while (*token == ' ')
		token++;
	return equal_const_time(cfg->api_key, cfg->api_key_len, token,
	    strnlen(token, TTT_API_KEY_MAX + 1));
}
