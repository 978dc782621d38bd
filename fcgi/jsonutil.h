/*
 * jsonutil.h - small helpers around jansson: a nesting bound checked
 * before parsing, type names for error sentences, and the two calls every
 * JSON builder of the worker is written with.
 *
 * Ownership (the rule of every JSON builder here: schema.c, openapi.c,
 * operation.c): a builder steals every json_t * it is given and returns a
 * new reference, or NULL.  NULL means an allocation failed somewhere
 * below; the builder has then released everything it was given.  A NULL
 * argument is such a failure carried up, so a tree is built in one
 * expression and checked once, at its top.  (jansson's own "_new" calls
 * steal the value but not the container; jsonutil_set and
 * jsonutil_append steal both, so a failure cannot leak the container.)
 * Text is written with the bounded writer of strbuf.h, whose storage is
 * its caller's.
 */
#ifndef FCGI_JSONUTIL_H
#define FCGI_JSONUTIL_H

#include <stddef.h>

#include <jansson.h>

/* obj with key set to value; NULL (both released) on any failure. */
json_t	*jsonutil_set(json_t *obj, const char *key, json_t *value);
/* arr with value appended; NULL (both released) on any failure. */
json_t	*jsonutil_append(json_t *arr, json_t *value);

/* 1 if no array/object in buf nests deeper than max_depth, else 0. */
int	 jsonutil_depth_ok(const unsigned char *buf, size_t len, int max_depth);
/* "an object", "a string", "null", ...: static. */
const char *jsonutil_type_name(const json_t *);

#endif /* FCGI_JSONUTIL_H */
