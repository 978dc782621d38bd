# fcgi/site/: the home page's HTML, style sheet, script and GPT instructions,
# and the MCP App's page, compiled into the worker (no files to install,
# nothing fetched at run time).  Both pages draw the board from the same
# board.html, board.css and board.js.  fcgi/site/embed inlines the style and
# script and hashes them for the Content-Security-Policy.  The generated C does not depend on compiler
# flags, so it has one place whatever O= says; it joins FCGI_CORE_SRCS so
# every build of the core (worker, unit tests, sanitizers, fuzzers) links it.
SITE_SRCS = $(addprefix fcgi/site/,index.html privacy.html site.css site.js \
	    app.html app.css app.js board.html board.css board.js instructions.txt)
SITE_C    = build/gen/site_data.c

$(SITE_C): $(SITE_SRCS) fcgi/site/embed
	@mkdir -p $(dir $@)
	perl fcgi/site/embed fcgi/site >$@.tmp && mv $@.tmp $@

FCGI_CORE_SRCS += $(SITE_C)
