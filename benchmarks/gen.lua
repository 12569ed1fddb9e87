-- wrk script for the generation benchmark: one fixed JSON POST, configured by environment.
--
--   GEN_PATH=/api/generate GEN_BODY='{"model": ...}' GEN_EXPECT='"success":true' \
--   wrk -t2 -c50 -d10s --timeout 10s --latency -s benchmarks/gen.lua http://127.0.0.1:PORT
--
-- GEN_AUTH (optional): the Authorization header's value.
-- GEN_EXPECT: a plain substring every 200 body must contain (else counted as bad_body).
-- GEN_IDS (optional): a file prefix; each thread appends the "taskId" of every 200 answer to
--   GEN_IDS.<thread number>, one per line, so the caller can check each one afterwards.
-- At the end prints the same WRK_RESULT_JSON line as seed.lua (benchmarks/loadgen.py parses it).

-- setup() and done() (the WRK_RESULT_JSON line) live in wrk_result.lua, next to this file.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "wrk_result.lua")

local req
local expect
local ids_file

function init(args)
  non200 = 0
  bad_body = 0
  local headers = { ["Content-Type"] = "application/json" }
  local auth = os.getenv("GEN_AUTH")
  if auth and auth ~= "" then
    headers["Authorization"] = auth
  end
  req = wrk.format("POST", os.getenv("GEN_PATH"), headers, os.getenv("GEN_BODY"))
  expect = os.getenv("GEN_EXPECT") or ""
  local prefix = os.getenv("GEN_IDS")
  if prefix and prefix ~= "" then
    ids_file = io.open(prefix .. "." .. tostring(tid), "w")
  end
end

function request()
  return req
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  elseif not body:find(expect, 1, true) then
    bad_body = bad_body + 1
  elseif ids_file then
    local id = body:match('"taskId"%s*:%s*"([^"]+)"')
    if id then
      ids_file:write(id, "\n")
    end
  end
end
