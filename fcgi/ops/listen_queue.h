/*
 * listen_queue.h - how many connections wait in a listening socket's
 * accept queue, and how many it may hold.
 *
 * A unix socket is asked through NETLINK_SOCK_DIAG with UDIAG_SHOW_RQLEN
 * (linux/unix_diag.h: for a listener, the queue and the backlog; what
 * `ss -xl` prints), a TCP socket through getsockopt TCP_INFO
 * (tcpi_unacked and tcpi_sacked of a listener, as php-fpm does).
 */
#ifndef FCGI_OPS_LISTEN_QUEUE_H
#define FCGI_OPS_LISTEN_QUEUE_H

/* 0 with *queued and *backlog set, or -1 (not a listening socket, or
 * the kernel would not say). */
int	listen_queue_read(int fd, unsigned *queued, unsigned *backlog);

#endif /* FCGI_OPS_LISTEN_QUEUE_H */
