-- ARGV: prefix, id. Queued: canceled at once (its queue entry dropped). Running: flagged for
-- the owner, who hears of it at its next heartbeat.
local id = ARGV[2]
local jk = jkey(id)
local st = redis.call('HMGET', jk, 'status', 'kind', 'lane', 'entry', 'created_at', 'version')
if not st[1] then return {} end
local now = now_s()
if st[1] == 'queued' then
  local version = tonumber(st[6]) + 1
  if st[3] ~= '' and st[4] ~= '' then redis.call('XDEL', lane_key(st[2], st[3]), st[4]) end
  redis.call('ZREM', delayed_key(st[2]), id)
  redis.call('HSET', jk, 'status', 'canceled', 'error_code', 'canceled', 'error_message',
    'canceled by the client', 'finished_at', fmt(now), 'updated_at', fmt(now), 'secret', '',
    'version', version, 'lane', '', 'entry', '')
  move_status(st[2], id, tonumber(st[5]), 'queued', 'canceled')
  redis.call('ZADD', P .. 'finished', now, id)
  add_event(id, version, now, 'canceled', '{"status":"canceled"}')
elseif st[1] == 'running' then
  redis.call('HSET', jk, 'cancel_requested', '1', 'updated_at', fmt(now))
end
return redis.call('HGETALL', jk)
