-- ARGV: prefix, owner, ids. Graceful shutdown: hand every job still held back to the queue.
local owner = ARGV[2]
local now = now_s()
local n = 0
for i = 3, #ARGV do
  local st = redis.call('HMGET', jkey(ARGV[i]), 'status', 'lease_owner', 'kind', 'lane', 'entry')
  if st[1] == 'running' and st[2] == owner then
    n = n + requeue(ARGV[i], lane_key(st[3], st[4]), st[5], 'released', now)
  end
end
return n
