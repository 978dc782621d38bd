/*
 * jsonutil.c - small helpers around jansson: a nesting bound checked before
 * parsing, and type names for error sentences.
 */
#include "handler_internal.h"

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
