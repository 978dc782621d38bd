/*
 * listen_queue.c - see listen_queue.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

#include "ops/listen_queue.h"

#define TCP_LISTEN_STATE	10	/* include/net/tcp_states.h */

static int
unix_queue(int fd, unsigned *queued, unsigned *backlog)
{
	struct {
		struct nlmsghdr		nlh;
		struct unix_diag_req	udr;
	} req;
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	_Alignas(struct nlmsghdr) char buf[1024];
	struct nlmsghdr *ans = (struct nlmsghdr *)(void *)buf;
	struct unix_diag_msg *msg;
	struct unix_diag_rqlen *rq;
	struct rtattr *a;
	struct pollfd pfd;
	struct stat st;
	ssize_t n;
	int sd, rc = -1, len;

	if (fstat(fd, &st) != 0)
		return -1;
	if ((sd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
	    NETLINK_SOCK_DIAG)) < 0)
		return -1;
	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.nlh.nlmsg_flags = NLM_F_REQUEST;
	req.udr.sdiag_family = AF_UNIX;
	req.udr.udiag_states = 1u << TCP_LISTEN_STATE;
	req.udr.udiag_ino = (__u32)st.st_ino;
	req.udr.udiag_show = UDIAG_SHOW_RQLEN;
	req.udr.udiag_cookie[0] = req.udr.udiag_cookie[1] = ~0u;	/* none */
	if (sendto(sd, &req, sizeof(req), 0, (struct sockaddr *)&nl,
	    sizeof(nl)) != (ssize_t)sizeof(req))
		goto out;
	/* The kernel answers at once; never wait long on the request path. */
	pfd = (struct pollfd){ .fd = sd, .events = POLLIN };
	if (poll(&pfd, 1, 100) != 1)
		goto out;
	if ((n = recv(sd, buf, sizeof(buf), 0)) < (ssize_t)sizeof(*ans) ||
	    !NLMSG_OK(ans, (size_t)n) ||
	    ans->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    ans->nlmsg_len < NLMSG_LENGTH(sizeof(*msg)))
		goto out;
	msg = NLMSG_DATA(ans);
	len = (int)(ans->nlmsg_len - NLMSG_LENGTH(sizeof(*msg)));
	for (a = (struct rtattr *)(msg + 1); RTA_OK(a, len);
	    a = RTA_NEXT(a, len)) {
		if (a->rta_type == UNIX_DIAG_RQLEN &&
		    RTA_PAYLOAD(a) >= sizeof(*rq)) {
			rq = RTA_DATA(a);
			*queued = rq->udiag_rqueue;
			*backlog = rq->udiag_wqueue;
			rc = 0;
		}
	}
out:
	close(sd);
	return rc;
}

static int
tcp_queue(int fd, unsigned *queued, unsigned *backlog)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0 ||
	    ti.tcpi_state != TCP_LISTEN_STATE)
		return -1;
	*queued = ti.tcpi_unacked;
	*backlog = ti.tcpi_sacked;
	return 0;
}

int
listen_queue_read(int fd, unsigned *queued, unsigned *backlog)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof(sa);

	if (fd < 0 || getsockname(fd, (struct sockaddr *)&sa, &len) != 0)
		return -1;
	if (sa.ss_family == AF_UNIX)
		return unix_queue(fd, queued, backlog);
	if (sa.ss_family == AF_INET || sa.ss_family == AF_INET6)
		return tcp_queue(fd, queued, backlog);
	return -1;
}
