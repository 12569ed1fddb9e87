-- ARGV: prefix, kind, owner, n, lease_ms, limits (JSON).
-- Promotes due delayed jobs and un-parks jobs whose limit group has room (every instance does
-- this as it claims: no singleton scheduler), then reads new entries for this consumer.
local kind, owner, n, lease_ms = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local limits = cjson.decode(ARGV[6])
local now = now_s()
local until_ = now + lease_ms / 1000

local due = redis.call('ZRANGEBYSCORE', delayed_key(kind), '-inf', now, 'LIMIT', 0, 512)
for _, id in ipairs(due) do
  redis.call('ZREM', delayed_key(kind), id)
  if redis.call('HGET', jkey(id), 'status') == 'queued' then enqueue(kind, id) end
end

local parked = P .. 'parked:' .. kind
local groups = redis.call('HGETALL', parked)
for i = 1, #groups, 2 do
  local list, spec = groups[i], groups[i + 1]
  local cut = string.find(spec, '\n', 1, true)
  local sem, limit = string.sub(spec, 1, cut - 1), tonumber(string.sub(spec, cut + 1))
  redis.call('ZREMRANGEBYSCORE', sem, '-inf', now)
  local free = limit - redis.call('ZCARD', sem)
  while free > 0 do
    local id = redis.call('LPOP', list)
    if not id then
      redis.call('HDEL', parked, list)
      break
    end
    if redis.call('HGET', jkey(id), 'status') == 'queued' then
      enqueue(kind, id)
      free = free - 1
    end
  end
end

local stream = lane_key(kind, 'q')
ensure_group(stream)
local read = redis.call('XREADGROUP', 'GROUP', GROUP, owner, 'COUNT', n, 'STREAMS', stream, '>')
local out = {}
if not read then return out end
for _, item in ipairs(read[1][2]) do
  local entry, id = item[1], item[2][2]
  local jk = jkey(id)
  local st = redis.call('HMGET', jk, 'status', 'entry', 'model', 'key_id', 'attempts', 'version',
    'created_at')
  if st[1] ~= 'queued' or st[2] ~= entry then
    drop_entry(stream, entry)  -- canceled, purged, or a stale duplicate
  else
    local ok, sem, list, limit = acquire(limits, kind, id, st[3], st[4], now, until_)
    if not ok then
      drop_entry(stream, entry)
      redis.call('HSET', jk, 'lane', '', 'entry', '')
      redis.call('RPUSH', list, id)
      redis.call('HSET', parked, list, sem .. '\n' .. limit)
    else
      local attempts, version = tonumber(st[5]) + 1, tonumber(st[6]) + 1
      redis.call('HSET', jk, 'status', 'running', 'lease_owner', owner, 'lease_until',
        fmt(until_), 'attempts', attempts, 'version', version, 'updated_at', fmt(now))
      move_status(kind, id, tonumber(st[7]), 'queued', 'running')
      add_event(id, version, now, 'running', '{"status":"running","attempt":' .. attempts .. '}')
      out[#out + 1] = redis.call('HGETALL', jk)
    end
  end
end
return out
