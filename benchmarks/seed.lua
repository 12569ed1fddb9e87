-- wrk script: the Go seed's own load test. Five small scripts, sent round-robin
-- (per wrk thread) as POST /execute with {"input": ..., "codebase64": ...}.
--
--   wrk -t1 -c50 -d10s --timeout 10s --latency -s benchmarks/seed.lua http://127.0.0.1:3002
--
-- Counts every response that is not HTTP 200 (non200) and every HTTP 200 whose
-- body does not say "success": true (bad_body). At the end it prints one line
--   WRK_RESULT_JSON {...}
-- with wrk's summary, its socket errors and latency percentiles (microseconds),
-- which benchmarks/run.py parses. The code texts below are checked by run.py
-- against its own copy, so the two cannot drift apart.

local SCRIPTS = {
  {
    code = [[return input.a + input.b]],
    input = [[{"a": 5, "b": 3}]],
  },
  {
    code = [[return "Hello, " + input.name + "! You are " + input.age + " years old."]],
    input = [[{"name": "Alice", "age": 30}]],
  },
  {
    code = [[const nums = input.numbers; let sum = 0; for (let i = 0; i < nums.length; i++) sum += nums[i]; return {sum: sum, count: nums.length, avg: sum / nums.length};]],
    input = [[{"numbers": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}]],
  },
  {
    code = [[const out = {}; for (const k in input.obj) { out[k.toUpperCase()] = input.obj[k]; } return out;]],
    input = [[{"obj": {"a": 1, "b": 2, "c": 3}}]],
  },
  {
    code = [[return {pow: Math.pow(input.x, 2), sqrt: Math.sqrt(input.x), div: input.x / 3};]],
    input = [[{"x": 16}]],
  },
}

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function base64(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local c1 = math.floor(n / 262144) % 64
    local c2 = math.floor(n / 4096) % 64
    local c3 = math.floor(n / 64) % 64
    local c4 = n % 64
    out[#out + 1] = B64:sub(c1 + 1, c1 + 1) .. B64:sub(c2 + 1, c2 + 1)
      .. (b and B64:sub(c3 + 1, c3 + 1) or "=")
      .. (c and B64:sub(c4 + 1, c4 + 1) or "=")
  end
  return table.concat(out)
end

-- Every thread gets its own Lua state; setup() runs in the main state and
-- keeps the thread handles so done() can add up their counters.
-- setup() and done() (the WRK_RESULT_JSON line) live in wrk_result.lua, next to this file.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "wrk_result.lua")

local requests = {}
local next_index = 1

function init(args)
  non200 = 0
  bad_body = 0
  local headers = { ["Content-Type"] = "application/json" }
  for i, s in ipairs(SCRIPTS) do
    local body = '{"input": ' .. s.input .. ', "codebase64": "' .. base64(s.code) .. '"}'
    requests[i] = wrk.format("POST", "/execute", headers, body)
  end
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  elseif not body:find('"success"%s*:%s*true') then
    bad_body = bad_body + 1
  end
end
