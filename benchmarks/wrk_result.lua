-- Shared by the wrk scripts (seed.lua, gen.lua): remembers the threads and, at the end,
-- prints one line
--   WRK_RESULT_JSON {...}
-- with wrk's summary, its socket errors, the scripts' non200/bad_body counters and latency
-- percentiles (microseconds), which benchmarks/loadgen.py parses. Each thread gets `tid`
-- (1, 2, ...). Loaded with dofile() from the directory of the script that uses it.

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("tid", #threads)
end

function done(summary, latency, requests_stats)
  local total_non200, total_bad = 0, 0
  for _, t in ipairs(threads) do
    total_non200 = total_non200 + (t:get("non200") or 0)
    total_bad = total_bad + (t:get("bad_body") or 0)
  end
  local e = summary.errors
  local parts = {
    string.format('"duration_us": %d', summary.duration),
    string.format('"requests": %d', summary.requests),
    string.format('"bytes": %d', summary.bytes),
    string.format('"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}',
      e.connect, e.read, e.write, e.status, e.timeout),
    string.format('"non200": %d', total_non200),
    string.format('"bad_body": %d', total_bad),
    string.format('"latency_us": {"min": %d, "mean": %.1f, "stdev": %.1f, "max": %d, "p50": %d, "p75": %d, "p90": %d, "p99": %d, "p999": %d}',
      latency.min, latency.mean, latency.stdev, latency.max,
      latency:percentile(50), latency:percentile(75), latency:percentile(90),
      latency:percentile(99), latency:percentile(99.9)),
  }
  io.write("WRK_RESULT_JSON {" .. table.concat(parts, ", ") .. "}\n")
end
