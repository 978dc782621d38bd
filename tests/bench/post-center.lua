-- post-center.lua - POST /human_move with (b) one X in the centre.
wrk.method = "POST"
wrk.path = "/human_move"
wrk.body = '{"board":[["","",""],["","X",""],["","",""]]}'
wrk.headers["Content-Type"] = "application/json"
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
