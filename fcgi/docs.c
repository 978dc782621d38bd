/*
 * docs.c - GET /docs and GET /openapi.json: the document, built once per
 * server URL and configuration, then served from a small cache.
 *
 * Building it (schemas, real example answers, the version hash) costs
 * hundreds of microseconds; a copy of the serialized bytes costs a few.
 * The worker runs several accept threads, so the cache is guarded by one
 * mutex, held only to look up or to swap an entry, never while building.
 * Its size is fixed: DOCS_SLOTS documents, replaced in turn, so clients
 * sending many different Host headers cannot grow the worker's memory.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "handler_internal.h"

ROUTE_HANDLER(docs_serve);

#define DOCS_SLOTS	8	/* distinct server URLs (and configs) kept */

struct docs_slot {
	char	*key;		/* what the document depends on; NULL: empty */
	char	*body;		/* the document, compact JSON */
	size_t	 len;
};

static struct docs_slot slots[DOCS_SLOTS];
static size_t next_victim;
static pthread_mutex_t docs_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Everything the document depends on: the server URL and the settings it
 * shows.  A change of any of them (tests change cfg between requests)
 * is a different document.  Caller frees.
 */
static char *
docs_key(const struct config *cfg, const char *url)
{
	const char *parts[] = { url, cfg->title, cfg->api_version,
	    cfg->operation_id, cfg->consequential ? "1" : "0",
	    cfg->api_key_len > 0 ? auth_scheme_name(cfg) : "0",
	    auth_type(cfg) == AUTH_CUSTOM ? cfg->api_key_header : "" };
	size_t i, len = 1;
	char *key;

	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		len += strlen(parts[i] != NULL ? parts[i] : "") + 1;
	if ((key = malloc(len)) == NULL)
		return NULL;
	key[0] = '\0';
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		strcat(key, parts[i] != NULL ? parts[i] : "");
		strcat(key, "\n");	/* none of the parts holds a newline */
	}
	return key;
}

/* Copy a cached document into r; 1 when found, 0 when not, -1 on ENOMEM. */
static int
docs_lookup(const char *key, struct handler_response *r)
{
	int found = 0;
	size_t i;

	pthread_mutex_lock(&docs_lock);
	for (i = 0; i < DOCS_SLOTS; i++)
		if (slots[i].key != NULL && strcmp(slots[i].key, key) == 0) {
			found = response_raw(r, 200, TYPE_JSON, slots[i].body,
			    slots[i].len) == 0 ? 1 : -1;
			break;
		}
	pthread_mutex_unlock(&docs_lock);
	return found;
}

/* Keep key and body (taking ownership); the oldest entry makes room. */
static void
docs_store(char *key, char *body, size_t len)
{
	struct docs_slot old = { NULL, NULL, 0 };
	size_t i;

	pthread_mutex_lock(&docs_lock);
	for (i = 0; i < DOCS_SLOTS; i++)
		if (slots[i].key != NULL && strcmp(slots[i].key, key) == 0)
			break;		/* another thread built it meanwhile */
	if (i == DOCS_SLOTS) {
		old = slots[next_victim];
		slots[next_victim] = (struct docs_slot){ key, body, len };
		next_victim = (next_victim + 1) % DOCS_SLOTS;
		key = body = NULL;
	}
	pthread_mutex_unlock(&docs_lock);
	free(old.key);
	free(old.body);
	free(key);
	free(body);
}

void
docs_serve(const struct config *cfg, const struct handler_request *req,
    struct handler_response *r)
{
	char *url, *key = NULL, *body = NULL;
	json_t *doc;
	int found;

	/*
	 * A Host of someone else's: no document names it (a shared cache
	 * could keep it), and none is built for it (each new name would cost
	 * a build and a cache slot).  RFC 9110 15.5.20: 421.
	 */
	if (!public_url_known(cfg, req)) {
		response_error(r, HANDLER_ERR_MISDIRECTED, "This service does "
		    "not answer for the host name in this request; use its "
		    "public address (its operator sets public_url or "
		    "allowed_hosts in the worker's configuration).");
		return;
	}
	if ((url = public_url_for_request(cfg, req)) == NULL ||
	    (key = docs_key(cfg, url)) == NULL)
		goto fail;
	if ((found = docs_lookup(key, r)) != 0) {
		if (found < 0)
			goto fail;
		free(key);
		free(url);
		return;
	}
	if ((doc = openapi_document(cfg, url)) == NULL)
		goto fail;
	body = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (body == NULL || response_raw(r, 200, TYPE_JSON, body,
	    strlen(body)) != 0)
		goto fail;
	docs_store(key, body, r->body_len);
	free(url);
	return;
fail:
	free(body);
	free(key);
	free(url);
	response_oom(r);
}

void
docs_cache_clear(void)
{
	size_t i;

	pthread_mutex_lock(&docs_lock);
	for (i = 0; i < DOCS_SLOTS; i++) {
		free(slots[i].key);
		free(slots[i].body);
		slots[i] = (struct docs_slot){ NULL, NULL, 0 };
	}
	next_victim = 0;
	pthread_mutex_unlock(&docs_lock);
}
