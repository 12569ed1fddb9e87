-- ARGV: prefix, kind, lane, min idle ms, start, count, dead owner ('' = none).
-- Takes over entries idle for at least `min idle` (XAUTOCLAIM) whose lease has passed, or every
-- entry of an owner known to be dead, and re-queues their jobs. Returns {next, n}.
local kind, lane = ARGV[2], ARGV[3]
local stream = lane_key(kind, lane)
if redis.call('EXISTS', stream) == 0 then return {'0-0', 0} end
local now = now_s()
local n = 0
local entries, next_start
if ARGV[7] ~= '' then
  local pending = redis.call('XPENDING', stream, GROUP, '-', '+', tonumber(ARGV[6]), ARGV[7])
  local ids = {}
  for _, p in ipairs(pending) do ids[#ids + 1] = p[1] end
  entries, next_start = {}, '0-0'
  if #ids > 0 then
    entries = redis.call('XCLAIM', stream, GROUP, 'reaper', 0, unpack(ids))
    if #ids == tonumber(ARGV[6]) then next_start = ids[#ids] end
  end
else
  local res = redis.call('XAUTOCLAIM', stream, GROUP, 'reaper', tonumber(ARGV[4]), ARGV[5],
    'COUNT', tonumber(ARGV[6]))
  next_start, entries = res[1], res[2]
end
for _, item in ipairs(entries) do
  if item[2] then
    local id = item[2][2]
    local st = redis.call('HMGET', jkey(id), 'lease_owner', 'lease_until')
    if ARGV[7] == '' and st[1] and st[1] ~= '' and (tonumber(st[2]) or 0) > now then
      -- Idle but its lease (Redis time, extended by heartbeats) still runs: hand it back.
      redis.call('XCLAIM', stream, GROUP, st[1], 0, item[1], 'JUSTID')
    else
      n = n + requeue(id, stream, item[1], ARGV[7] ~= '' and 'owner_dead' or 'lease_expired', now)
    end
  end
end
return {next_start, n}
