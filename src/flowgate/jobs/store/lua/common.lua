#!lua
-- Shared by every script of the Redis job store (prepended to each one). The shebang (Redis 7)
-- makes Redis refuse a script up front when it is out of memory, never half-way through.
-- ARGV[1] is the deployment's key prefix (FLOWGATE_NAMESPACE .. ':'). Times come from Redis'
-- own clock (TIME), so every instance agrees on leases whatever its local clock says.
local P = ARGV[1]
local GROUP = 'workers'
local UNLIMITED = 1000000000

local function now_s()
  local t = redis.call('TIME')
  return tonumber(string.format('%.6f', tonumber(t[1]) + tonumber(t[2]) / 1e6))
end

local function fmt(x) return string.format('%.6f', x) end
local function jkey(id) return P .. 'j:' .. id end
local function ekey(id) return P .. 'e:' .. id end
local function lane_key(kind, lane) return P .. lane .. ':' .. kind end  -- 'q' queue, 'd' direct
local function delayed_key(kind) return P .. 'delayed:' .. kind end
local function idx(kind, what) return P .. 'i:' .. kind .. what end

local function ensure_group(stream)
  if redis.call('EXISTS', stream) == 0 then
    pcall(redis.call, 'XGROUP', 'CREATE', stream, GROUP, '0', 'MKSTREAM')
  end
end

local function move_status(kind, id, created, old, new)
  if old and old ~= '' then redis.call('ZREM', idx(kind, ':s:' .. old), id) end
  redis.call('ZADD', idx(kind, ':s:' .. new), created, id)
end

-- Events are numbered by the job's version; followers on any instance hear of them by pub/sub.
local function add_event(id, seq, at, etype, data)
  local member = '{"seq":' .. seq .. ',"at":' .. fmt(at) .. ',"type":"' .. etype ..
    '","data":' .. data .. '}'
  redis.call('ZADD', ekey(id), seq, member)
  redis.call('PUBLISH', P .. 'c:' .. id, seq)
end

-- Concurrency limits are lease-scored semaphores: a holder that dies without a word drops out
-- when its lease (the score) passes, with no cleanup process needed.
local function sem_take(skey, id, limit, now, until_)
  if limit >= UNLIMITED then return true end
  redis.call('ZREMRANGEBYSCORE', skey, '-inf', now)
  if not redis.call('ZSCORE', skey, id) and redis.call('ZCARD', skey) >= limit then
    return false
  end
  redis.call('ZADD', skey, until_, id)
  return true
end

local function sem_names(model, key_id)
  return P .. 'sem:m:' .. model, P .. 'sem:k:' .. key_id
end

-- Both groups or neither; on failure returns the saturated group's (semaphore, park list, limit).
local function acquire(limits, kind, id, model, key_id, now, until_)
  local m_sem, k_sem = sem_names(model, key_id)
  local m_limit = tonumber(limits.models[model]) or tonumber(limits.default_model)
  local k_limit = tonumber(limits.key)
  if not sem_take(m_sem, id, m_limit, now, until_) then
    return false, m_sem, P .. 'park:' .. kind .. ':m:' .. model, m_limit
  end
  if not sem_take(k_sem, id, k_limit, now, until_) then
    redis.call('ZREM', m_sem, id)
    return false, k_sem, P .. 'park:' .. kind .. ':k:' .. key_id, k_limit
  end
  return true
end

local function release_sems(id, model, key_id)
  local m_sem, k_sem = sem_names(model or '', key_id or '')
  redis.call('ZREM', m_sem, id)
  redis.call('ZREM', k_sem, id)
end

local function enqueue(kind, id)
  local stream = lane_key(kind, 'q')
  ensure_group(stream)
  local entry = redis.call('XADD', stream, '*', 'id', id)
  redis.call('HSET', jkey(id), 'lane', 'q', 'entry', entry)
end

local function drop_entry(stream, entry)
  if entry and entry ~= '' then
    redis.call('XACK', stream, GROUP, entry)
    redis.call('XDEL', stream, entry)
  end
end

-- Back to the queue (lease expired, owner dead, released at shutdown): fenced on the entry, so
-- a stale stream entry can never re-queue a job that has moved on.
local function requeue(id, stream, entry, reason, now)
  drop_entry(stream, entry)
  local jk = jkey(id)
  local st = redis.call('HMGET', jk, 'status', 'entry', 'kind', 'model', 'key_id', 'created_at',
    'version')
  if st[1] ~= 'running' or st[2] ~= entry then return 0 end
  release_sems(id, st[4], st[5])
  local version = tonumber(st[7]) + 1
  redis.call('HSET', jk, 'status', 'queued', 'lease_owner', '', 'lease_until', '', 'run_at',
    fmt(now), 'updated_at', fmt(now), 'version', version)
  enqueue(st[3], id)
  move_status(st[3], id, tonumber(st[6]), 'running', 'queued')
  add_event(id, version, now, 'requeued', '{"status":"queued","reason":"' .. reason .. '"}')
  return 1
end

-- One job spec starts at ARGV[i]; SPEC_FIELDS values:
-- id kind payload payload_hash run_at deadline secret model key_id parent_id lease_owner
-- lease_ms state
local SPEC_FIELDS = 13

local function submit_spec(i, now, limits)
  local id, kind, model, key_id = ARGV[i], ARGV[i + 1], ARGV[i + 7], ARGV[i + 8]
  local jk = jkey(id)
  local found = redis.call('HGET', jk, 'payload_hash')
  if found then
    if found ~= ARGV[i + 3] then return 'conflict' end
    return 'exists'
  end
  local run_at = tonumber(ARGV[i + 4]) or now
  local owner, lease_ms = ARGV[i + 10], tonumber(ARGV[i + 11]) or 0
  local until_ = now + lease_ms / 1000
  local owned = owner ~= '' and run_at <= now and
    (limits == nil or acquire(limits, kind, id, model, key_id, now, until_))
  redis.call('HSET', jk, 'id', id, 'kind', kind, 'status', 'queued', 'payload', ARGV[i + 2],
    'payload_hash', ARGV[i + 3], 'run_at', fmt(run_at), 'deadline', ARGV[i + 5],
    'secret', ARGV[i + 6], 'model', model, 'key_id', key_id, 'parent_id', ARGV[i + 9],
    'state', ARGV[i + 12], 'attempts', 0, 'version', 1, 'created_at', fmt(now),
    'updated_at', fmt(now), 'cancel_requested', '0', 'lane', '', 'entry', '')
  redis.call('SADD', P .. 'kinds', kind)
  redis.call('ZADD', idx(kind, ''), now, id)
  if model ~= '' then redis.call('ZADD', idx(kind, ':m:' .. model), now, id) end
  if ARGV[i + 9] ~= '' then redis.call('ZADD', idx(kind, ':p:' .. ARGV[i + 9]), now, id) end
  add_event(id, 1, now, 'queued', '{"status":"queued"}')
  if owned then
    -- Claimed by the submitting instance in the same step. The entry sits in a lane that is
    -- never read with '>', so only this owner's pending list (its lease) holds it.
    local stream = lane_key(kind, 'd')
    ensure_group(stream)
    local entry = redis.call('XADD', stream, '*', 'id', id)
    redis.call('XCLAIM', stream, GROUP, owner, 0, entry, 'FORCE', 'JUSTID')
    redis.call('HSET', jk, 'status', 'running', 'lane', 'd', 'entry', entry, 'lease_owner',
      owner, 'lease_until', fmt(until_), 'attempts', 1, 'version', 2)
    move_status(kind, id, now, nil, 'running')
    add_event(id, 2, now, 'running', '{"status":"running","attempt":1}')
  elseif run_at > now then
    move_status(kind, id, now, nil, 'queued')
    redis.call('ZADD', delayed_key(kind), run_at, id)
  else
    move_status(kind, id, now, nil, 'queued')
    enqueue(kind, id)
  end
  return 'created'
end
