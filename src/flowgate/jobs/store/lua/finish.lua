-- Fenced end of an attempt: applied only if `owner` still holds attempt `attempt`, so a worker
-- whose lease was taken over cannot overwrite the new owner's work.
-- ARGV: prefix, id, owner, attempt, new status, retry_at ('' = terminal), event type,
-- event data (JSON), n, n field/value pairs, m, m fields to clear, then job specs to create
-- in the same step (callback deliveries), SPEC_FIELDS values each.
local id, owner, attempt = ARGV[2], ARGV[3], ARGV[4]
local jk = jkey(id)
local st = redis.call('HMGET', jk, 'status', 'lease_owner', 'attempts', 'lane', 'entry', 'kind',
  'model', 'key_id', 'created_at', 'version')
if st[1] ~= 'running' or st[2] ~= owner or st[3] ~= attempt then return 0 end
local now = now_s()
local kind, new_status, retry_at = st[6], ARGV[5], tonumber(ARGV[6])
drop_entry(lane_key(kind, st[4]), st[5])
release_sems(id, st[7], st[8])
local version = tonumber(st[10]) + 1
redis.call('HSET', jk, 'status', new_status, 'version', version, 'updated_at', fmt(now),
  'lease_owner', '', 'lease_until', '', 'lane', '', 'entry', '')
local i = 9
local pairs_n = tonumber(ARGV[i])
for k = 1, pairs_n do
  redis.call('HSET', jk, ARGV[i + 2 * k - 1], ARGV[i + 2 * k])
end
i = i + 2 * pairs_n + 1
local clear_n = tonumber(ARGV[i])
for k = 1, clear_n do redis.call('HSET', jk, ARGV[i + k], '') end
i = i + clear_n + 1
if retry_at then
  redis.call('HSET', jk, 'run_at', fmt(retry_at))
  redis.call('ZADD', delayed_key(kind), retry_at, id)
else
  redis.call('HSET', jk, 'finished_at', fmt(now), 'secret', '')
  redis.call('ZADD', P .. 'finished', now, id)
end
move_status(kind, id, tonumber(st[9]), 'running', new_status)
add_event(id, version, now, ARGV[7], ARGV[8])
while i <= #ARGV do
  submit_spec(i, now, nil)
  i = i + SPEC_FIELDS
end
return 1
