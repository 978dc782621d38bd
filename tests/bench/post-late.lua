-- post-late.lua - POST /human_move with (c) a late-game board, O to move (no line yet).
wrk.method = "POST"
wrk.path = "/human_move"
wrk.body = '{"board":[["X","O","X"],["X","O",""],["O","X",""]]}'
wrk.headers["Content-Type"] = "application/json"
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
