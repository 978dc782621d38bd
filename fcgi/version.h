/*
 * version.h - the worker's name and version: --version, the log's start
 * line, the pages and the OpenAPI document's info.version all read them
 * here.
 */
#ifndef FCGI_VERSION_H
#define FCGI_VERSION_H

#define WORKER_NAME	"ttt-fcgi"
#define WORKER_VERSION	"1.0.0"

#endif /* FCGI_VERSION_H */
