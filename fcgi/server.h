/*
 * server.h - the two ways requests arrive: the FastCGI accept loop (the only
 * code that knows libfcgi) and plain CGI (one request from the environment
 * and stdin).  Both fill a struct ttt_request, call ttt_handle() and write
 * the response.
 */
#ifndef TTT_SERVER_H
#define TTT_SERVER_H

#include "config.h"

/*
 * Serve FastCGI on listen_fd (0 under spawn-fcgi) with cfg->threads threads
 * until SIGTERM, SIGINT or SIGUSR1 (multiwatch's stop); the request in
 * flight is finished first.  Returns the process exit status (0 on a
 * requested stop).
 */
int	server_fastcgi(const struct ttt_config *cfg, int listen_fd);

/* Open --socket PATH (unix, mode 0660) or HOST:PORT; -1 with a message. */
int	server_open_socket(const char *spec, char *err, size_t errlen);

/* One CGI request: environment + stdin in, stdout out.  Exit status. */
int	server_cgi(const struct ttt_config *cfg);

#endif /* TTT_SERVER_H */
