-- move.lua - wrk script: alternate POST /human_move (JSON body) and
-- GET /human_move?position_..., both valid boards that get a 200.
-- Every response that is not 200 is counted by wrk ("Non-2xx").
local post_body = '{"board":[["X"," "," "],[" ","O"," "],[" "," ","X"]]}'
local n = 0
request = function()
   n = n + 1
   if n % 2 == 0 then
      return wrk.format("GET", "/human_move?position_1=X&position_5=O&position_9=X")
   end
   return wrk.format("POST", "/human_move",
      { ["Content-Type"] = "application/json" }, post_body)
end
