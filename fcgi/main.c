/*
 * main.c - ttt-fcgi: command line, configuration, and the choice of mode:
 *   --socket SPEC        listen on a unix path or HOST:PORT ourselves;
 *   fd 0 is a socket     serve FastCGI on it (spawn-fcgi, systemd);
 *   otherwise            plain CGI, one request.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <jansson.h>

#include "version.h"
#include "handler.h"
#include "log.h"
#include "mcp/limit.h"
#include "ops/labels.h"
#include "ops/ops.h"
#include "transport/transport.h"
#include "ttt.h"

static void
usage(FILE *f)
{
	fprintf(f,
"usage: ttt-fcgi [-c FILE] [--socket PATH|HOST:PORT] [--threads N]\n"
"                [--allow-root] [--check-config] [--help] [--version]\n"
"\n"
"A FastCGI worker that plays perfect tic-tac-toe for GPT actions.\n"
"\n"
"Modes: under spawn-fcgi (listening socket on fd 0) it serves FastCGI;\n"
"with --socket it listens itself (a unix path gets mode 0660; TCP needs an\n"
"address, e.g. 127.0.0.1:9000); otherwise it answers one CGI request.\n"
"\n"
"Options:\n"
"  -c, --config FILE   INI configuration (also TTT_CONFIG)\n"
"  -s, --socket SPEC   listen on a unix socket path or HOST:PORT\n"
"  -t, --threads N     threads per process (1-64), overrides the config\n"
"      --allow-root    run even as uid 0 (prefer spawn-fcgi -u USER)\n"
"      --check-config  validate the configuration, print it, exit\n"
"  -h, --help          this text\n"
"  -V, --version       print the version\n"
"\n"
"Configuration keys ([ttt] section; each also TTT_<KEY> in the environment,\n"
"which wins over the file):\n");
	config_usage(f);
	fprintf(f, "\n"
"Signals: SIGTERM, SIGINT and SIGUSR1 finish the requests in flight, exit 0;\n"
"SIGHUP reloads the configuration (a broken one is refused and logged).\n");
}

static bool
fd0_is_socket(void)
{
	int type;
	socklen_t len = sizeof(type);

	return getsockopt(STDIN_FILENO, SOL_SOCKET, SO_TYPE, &type, &len) == 0;
}

/* Where the configuration comes from, kept for a reload. */
static const char *config_path, *threads_arg;

/*
 * The MCP server's per-conversation table (mcp/limit.h) lives next to the
 * scoreboard, in "<scoreboard>.conversations", so that the pool limits
 * each conversation once; without a shared scoreboard each process keeps
 * its own (and says so at debug level).
 */
static void
share_limits(const char *board)
{
	char path[4200], quoted[4400], err[256];

	if (board == NULL)
		return;		/* no shared scoreboard: nothing to share */
	if ((size_t)snprintf(path, sizeof(path), "%s.conversations", board) >=
	    sizeof(path)) {
		log_event(LOG_LEVEL_ERROR, "mcp-limits-refused", "reason=\"the "
		    "scoreboard path is too long\" action=\"each process limits "
		    "MCP conversations on its own\"");
		return;
	}
	log_quote(quoted, sizeof(quoted), path, strlen(path));
	if (limit_share(path, err, sizeof(err)) != 0) {
		log_event(LOG_LEVEL_ERROR, "mcp-limits-refused", "file=%s "
		    "reason=\"%s\" action=\"each process limits MCP "
		    "conversations on its own; remove the file\"", quoted, err);
		return;
	}
	log_event(LOG_LEVEL_INFO, "mcp-limits", "shared=1 file=%s", quoted);
}

static int
load_config(struct config *cfg, char *err, size_t errlen)
{
	const char *clash;

	if (config_defaults(cfg) != 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (config_load(cfg, config_path, err, errlen) != 0 ||
	    (threads_arg != NULL &&
	    config_set(cfg, "threads", threads_arg, err, errlen) != 0))
		return -1;
	/* Only the route table knows every other operationId. */
	if ((clash = route_opid_conflict(cfg->operation_id)) != NULL) {
		snprintf(err, errlen, "operation_id %s would give two "
		    "operations the same operationId (%s); choose another name",
		    cfg->operation_id, clash);
		return -1;
	}
	return 0;
}

/* SIGHUP: would the new configuration start?  (pool.c) */
static int
check_config_again(char *err, size_t errlen)
{
	struct config cfg;
	int rc = load_config(&cfg, err, errlen);

	config_free(&cfg);
	return rc;
}

/* A listening socket handed over by a reload (TRANSPORT_LISTEN_FD_ENV). */
static int
inherited_socket(void)
{
	const char *v = getenv(TRANSPORT_LISTEN_FD_ENV);
	char *end;
	long fd;
	int yes = 0;
	socklen_t len = sizeof(yes);

	if (v == NULL)
		return -1;
	fd = strtol(v, &end, 10);
	unsetenv(TRANSPORT_LISTEN_FD_ENV);
	if (*end != '\0' || fd < 0 || fd > 65535 ||
	    getsockopt((int)fd, SOL_SOCKET, SO_ACCEPTCONN, &yes, &len) != 0 ||
	    !yes)
		return -1;
	return (int)fd;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "config",	  required_argument, NULL, 'c' },
		{ "socket",	  required_argument, NULL, 's' },
		{ "threads",	  required_argument, NULL, 't' },
		{ "allow-root",	  no_argument,	     NULL, 'R' },
		{ "check-config", no_argument,	     NULL, 'C' },
		{ "help",	  no_argument,	     NULL, 'h' },
		{ "version",	  no_argument,	     NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct config cfg;
	struct transport_reload reload = { NULL, check_config_again };
	const char *socket_spec = NULL, *mode;
	char err[512];
	bool check = false, allow_root = false;
	int ch, fd = 0, rc;

	reload.argv = argv;
	config_path = getenv("TTT_CONFIG");

	/* "+": stop at the first operand instead of permuting argv, which a
	 * reload executes again as it was given. */
	while ((ch = getopt_long(argc, argv, "+c:s:t:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': config_path = optarg; break;
		case 's': socket_spec = optarg; break;
		case 't': threads_arg = optarg; break;
		case 'R': allow_root = true; break;
		case 'C': check = true; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("%s %s\n", WORKER_NAME, WORKER_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		log_startup_error("unexpected argument \"%s\"", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (config_path != NULL && config_path[0] == '\0')
		config_path = NULL;
	if (load_config(&cfg, err, sizeof(err)) != 0) {
		log_startup_error("configuration error: %s", err);
		config_free(&cfg);
		return 1;
	}
	if (check) {
		printf("%s: configuration OK\n", config_path ? config_path : "(defaults)");
		config_print(&cfg, stdout);
		config_free(&cfg);
		return 0;
	}
	log_setup(&cfg);
	if (geteuid() == 0 && !allow_root && !cfg.allow_root) {
		log_startup_error("refusing to run as root: start it with "
		    "spawn-fcgi -u USER -g GROUP, or pass --allow-root");
		config_free(&cfg);
		return 1;
	}
	ttt_init();
	/* jansson: seed its hash function before any thread starts (the
	 * seed is global and json_object_seed is not thread-safe). */
	json_object_seed(0);
	/* The metrics' route labels are the route table's paths; the counting
	 * code is below the handler and is given them, before the scoreboard
	 * (whose layout is hashed over them) is opened. */
	labels_route_set(route_path);
	ops_init(&cfg);
	share_limits(ops_board_file());

	if ((fd = inherited_socket()) >= 0) {
		mode = socket_spec != NULL ? "fastcgi-socket" : "fastcgi-fd0";
	} else if (socket_spec != NULL) {
		if ((fd = fastcgi_open_socket(socket_spec, err, sizeof(err))) < 0) {
			log_startup_error("%s", err);
			config_free(&cfg);
			return 1;
		}
		mode = "fastcgi-socket";
	} else if (fd0_is_socket()) {
		fd = 0;
		mode = "fastcgi-fd0";
	} else {
		rc = cgi_serve(&cfg);
		config_free(&cfg);
		return rc;
	}
	log_event(LOG_LEVEL_INFO, "start", "version=%s mode=%s socket=%s "
	    "threads=%u public_url=\"%s\" auth=%s body_limit=%zu log_level=%d "
	    "consequential=%s", WORKER_VERSION, mode,
	    socket_spec ? socket_spec : "fd0", cfg.threads, cfg.public_url,
	    cfg.api_key_len ? "on" : "off", cfg.body_limit, (int)cfg.log_level,
	    cfg.consequential ? "true" : "false");
	rc = pool_serve(&cfg, fd, &reload);
	config_free(&cfg);
	return rc;
}
