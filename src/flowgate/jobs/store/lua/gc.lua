-- ARGV: prefix, stream key, idle ms. Every process start adds consumers to the groups; drop
-- those that hold nothing and have been silent for long. Checked and deleted in one step,
-- since deleting a consumer also drops its pending entries (its leases).
local stream, idle = ARGV[2], tonumber(ARGV[3])
if redis.call('EXISTS', stream) == 0 then return 0 end
local ok, consumers = pcall(redis.call, 'XINFO', 'CONSUMERS', stream, GROUP)
if not ok then return 0 end
local n = 0
for _, c in ipairs(consumers) do
  local info = {}
  for i = 1, #c, 2 do info[c[i]] = c[i + 1] end
  if tonumber(info['pending']) == 0 and tonumber(info['idle']) > idle then
    redis.call('XGROUP', 'DELCONSUMER', stream, GROUP, info['name'])
    n = n + 1
  end
end
return n
