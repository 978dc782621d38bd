-- post-empty.lua - POST /human_move with (a) an empty board: the AI opens.
wrk.method = "POST"
wrk.path = "/human_move"
wrk.body = '{"board":[["","",""],["","",""],["","",""]]}'
wrk.headers["Content-Type"] = "application/json"
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
