-- get-center.lua - GET /human_move with (b) one X in the centre, in the
-- query parameters as GPT builders send it.
wrk.method = "GET"
wrk.path = "/human_move?position_1=&position_2=&position_3=&position_4=&position_5=X&position_6=&position_7=&position_8=&position_9="
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
