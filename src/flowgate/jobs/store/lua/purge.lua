-- ARGV: prefix, finished before (epoch s), count. Drops finished jobs, their events and index
-- entries.
local ids = redis.call('ZRANGEBYSCORE', P .. 'finished', '-inf', tonumber(ARGV[2]), 'LIMIT', 0,
  tonumber(ARGV[3]))
for _, id in ipairs(ids) do
  local st = redis.call('HMGET', jkey(id), 'kind', 'status', 'model', 'parent_id')
  if st[1] then
    redis.call('ZREM', idx(st[1], ''), id)
    redis.call('ZREM', idx(st[1], ':s:' .. st[2]), id)
    if st[3] and st[3] ~= '' then redis.call('ZREM', idx(st[1], ':m:' .. st[3]), id) end
    if st[4] and st[4] ~= '' then redis.call('ZREM', idx(st[1], ':p:' .. st[4]), id) end
  end
  redis.call('DEL', jkey(id), ekey(id))
  redis.call('ZREM', P .. 'finished', id)
end
return #ids
