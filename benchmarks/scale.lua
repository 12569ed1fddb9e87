-- wrk script for the scale-out benchmark: one wrk process spreads its threads over several
-- Flowgate instances (thread i talks to port i mod #ports), so the latency percentiles are
-- exact for the whole load rather than merged from several wrk runs.
--
--   SCALE_PORTS=8001,8002 SCALE_MODE=submit SCALE_BODY='{"model": ...}' \
--   wrk -t4 -c64 -d10s --timeout 10s --latency -s benchmarks/scale.lua http://127.0.0.1:8001
--
-- SCALE_MODE=submit: POST SCALE_BODY to /api/generate/async; a 200 must contain "success":true.
-- SCALE_MODE=status: GET /api/status/<id> for an id picked at random from SCALE_IDS (a file,
--   one task id per line); a 200 must contain "taskId".
-- Prints the same WRK_RESULT_JSON line as the other scripts (benchmarks/loadgen.py parses it).

dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "wrk_result.lua")

local count_thread = setup -- wrk_result.lua's: numbers the threads (tid) for its summary
local ports = {}
for p in string.gmatch(os.getenv("SCALE_PORTS") or "", "[^,]+") do
  ports[#ports + 1] = p
end

function setup(thread)
  count_thread(thread)
  local i = thread:get("tid")
  local port = ports[(i - 1) % #ports + 1]
  thread.addr = wrk.lookup("127.0.0.1", port)[1]
end

local mode
local expect
local submit_req
local ids = {}

function init(args)
  non200 = 0
  bad_body = 0
  mode = os.getenv("SCALE_MODE") or "submit"
  if mode == "submit" then
    local headers = { ["Content-Type"] = "application/json" }
    submit_req = wrk.format("POST", "/api/generate/async", headers, os.getenv("SCALE_BODY"))
    expect = '"success":true'
  else
    for line in io.lines(os.getenv("SCALE_IDS")) do
      if line ~= "" then
        ids[#ids + 1] = line
      end
    end
    expect = '"taskId"'
    math.randomseed(os.time() + tid * 7919)
  end
end

function request()
  if mode == "submit" then
    return submit_req
  end
  return wrk.format("GET", "/api/status/" .. ids[math.random(#ids)])
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  elseif not body:find(expect, 1, true) then
    bad_body = bad_body + 1
  end
end
