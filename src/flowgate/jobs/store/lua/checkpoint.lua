-- ARGV: prefix, id, owner, attempt, state (JSON), event type ('' = none), event data (JSON).
local id, owner, attempt = ARGV[2], ARGV[3], ARGV[4]
local jk = jkey(id)
local st = redis.call('HMGET', jk, 'status', 'lease_owner', 'attempts', 'version')
if st[1] ~= 'running' or st[2] ~= owner or st[3] ~= attempt then return 0 end
local now = now_s()
local version = tonumber(st[4]) + 1
redis.call('HSET', jk, 'state', ARGV[5], 'updated_at', fmt(now), 'version', version)
if ARGV[6] ~= '' then add_event(id, version, now, ARGV[6], ARGV[7]) end
return 1
