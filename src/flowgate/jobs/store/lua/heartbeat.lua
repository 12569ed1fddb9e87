-- ARGV: prefix, owner, lease_ms, job ids the owner believes it holds.
-- Re-claiming its own pending entries resets their idle time: that idle time *is* the lease
-- that XAUTOCLAIM on other instances measures. Returns {'cancel'|'lost', id} pairs.
local owner, lease_ms = ARGV[2], tonumber(ARGV[3])
local now = now_s()
local until_ = now + lease_ms / 1000
local out = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  local jk = jkey(id)
  local st = redis.call('HMGET', jk, 'status', 'lease_owner', 'lane', 'entry', 'kind', 'model',
    'key_id', 'cancel_requested')
  local held = st[1] == 'running' and st[2] == owner and
    #redis.call('XCLAIM', lane_key(st[5], st[3]), GROUP, owner, 0, st[4], 'JUSTID') > 0
  if not held then
    out[#out + 1] = 'lost'
    out[#out + 1] = id
  else
    redis.call('HSET', jk, 'lease_until', fmt(until_))
    local m_sem, k_sem = sem_names(st[6], st[7])
    redis.call('ZADD', m_sem, 'XX', until_, id)
    redis.call('ZADD', k_sem, 'XX', until_, id)
    if st[8] == '1' then
      out[#out + 1] = 'cancel'
      out[#out + 1] = id
    end
  end
end
return out
