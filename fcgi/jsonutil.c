/*
 * jsonutil.c - small helpers around jansson (see jsonutil.h for the
 * ownership rule of the builders).
 */
#include <stdbool.h>

#include "jsonutil.h"

json_t *
jsonutil_set(json_t *obj, const char *key, json_t *value)
{
	if (obj == NULL || value == NULL) {
		json_decref(obj);
		json_decref(value);
		return NULL;
	}
	if (json_object_set_new(obj, key, value) != 0) {
		json_decref(obj);	/* set_new released value */
		return NULL;
	}
	return obj;
}

json_t *
jsonutil_append(json_t *arr, json_t *value)
{
	if (arr == NULL || value == NULL) {
		json_decref(arr);
		json_decref(value);
		return NULL;
	}
	if (json_array_append_new(arr, value) != 0) {
		json_decref(arr);	/* append_new released value */
		return NULL;
	}
	return arr;
}

/*
 * Returns 1 if no array/object in buf nests deeper than max_depth.  Brackets
 * inside strings do not count; a malformed body is left for jansson to name.
 */
int
jsonutil_depth_ok(const unsigned char *buf, size_t len, int max_depth)
{
	int depth = 0;
	bool in_string = false;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = buf[i];

		if (in_string) {
			if (c == '\\')
				i++;		/* skip the escaped character */
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '[' || c == '{') {
			if (++depth > max_depth)
				return 0;
		} else if (c == ']' || c == '}') {
			depth--;
		}
	}
	return 1;
}

const char *
jsonutil_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:  return "an object";
	case JSON_ARRAY:   return "an array";
	case JSON_STRING:  return "a string";
	case JSON_INTEGER:
	case JSON_REAL:    return "a number";
	case JSON_TRUE:    return "true";
	case JSON_FALSE:   return "false";
	case JSON_NULL:    return "null";
	default:           return "an unknown value";
	}
}
