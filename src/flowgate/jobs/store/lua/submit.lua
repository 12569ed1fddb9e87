-- ARGV: prefix, limits (JSON, or '' when the spec is not claimed at submit), one job spec.
local now = now_s()
local limits = nil
if ARGV[2] ~= '' then limits = cjson.decode(ARGV[2]) end
local outcome = submit_spec(3, now, limits)
return {outcome, redis.call('HGETALL', jkey(ARGV[3]))}
