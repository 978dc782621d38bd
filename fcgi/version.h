/*
 * version.h - the worker's name and version: --version, the log's start
 * line, the pages and the OpenAPI document's info.version all read them
 * here.
 */
#ifndef FCGI_VERSION_H
#define FCGI_VERSION_H

#define WORKER_NAME	"ttt-fcgi"
/* The top entry of the Debian changelog, passed by the Makefile
 * (VERSION_CFLAGS): the version is written in that one place. */
#ifndef TTT_VERSION
#define TTT_VERSION	"unversioned"
#endif
#define WORKER_VERSION	TTT_VERSION

#endif /* FCGI_VERSION_H */
