-- ARGV: prefix, index key, cursor score ('' = newest), cursor id, limit, status, model, parent,
-- scan cap. Newest first; filters the index has not already applied are checked per job.
-- Returns {jobs (limit + 1 at most), last scanned score, last scanned id, capped}.
local index, c_score, c_id = ARGV[2], ARGV[3], ARGV[4]
local limit, cap = tonumber(ARGV[5]), tonumber(ARGV[9])
local want = {status = ARGV[6], model = ARGV[7], parent_id = ARGV[8]}
local out, scanned, offset = {}, 0, 0
local last_score, last_id = '', ''
local top = c_score ~= '' and c_score or '+inf'
local c_num = tonumber(c_score)
while #out <= limit and scanned < cap do
  local batch = redis.call('ZREVRANGEBYSCORE', index, top, '-inf', 'WITHSCORES', 'LIMIT',
    offset, 256)
  if #batch == 0 then break end
  offset = offset + #batch / 2
  for k = 1, #batch, 2 do
    local id, score = batch[k], batch[k + 1]
    if not (c_num and tonumber(score) == c_num and id >= c_id) then
      scanned = scanned + 1
      last_score, last_id = score, id
      local st = redis.call('HMGET', jkey(id), 'status', 'model', 'parent_id')
      if st[1] and (want.status == '' or st[1] == want.status) and
         (want.model == '' or st[2] == want.model) and
         (want.parent_id == '' or st[3] == want.parent_id) then
        out[#out + 1] = redis.call('HGETALL', jkey(id))
        if #out > limit then break end
      end
      if scanned >= cap then break end
    end
  end
end
return {out, last_score, last_id, scanned >= cap and 1 or 0}
