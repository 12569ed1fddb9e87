-- ARGV: prefix, limits (JSON, or '' when the spec is not claimed at submit), one job spec,
-- then a token unique to this call: a client retry after a lost reply recognises its own job.
local now = now_s()
local limits = nil
if ARGV[2] ~= '' then limits = cjson.decode(ARGV[2]) end
local token = ARGV[3 + SPEC_FIELDS]
local outcome = submit_spec(3, now, limits)
if outcome == 'created' then
  redis.call('HSET', jkey(ARGV[3]), 'token', token)
elseif outcome == 'exists' and redis.call('HGET', jkey(ARGV[3]), 'token') == token then
  outcome = 'created'
end
return {outcome, redis.call('HGETALL', jkey(ARGV[3]))}
