/**
 * Lua scripts of the Redis store. Redis runs a script atomically, so each read-compare-write below is one
 * step no other client can interleave with. An entry is the string "<version>|<json>"; versions come from
 * one counter key so a key deleted and created again never reuses a version (no ABA).
 */

/**
 * KEYS[1] entry, KEYS[2] version counter; ARGV[1] JSON, ARGV[2] expected version ('' = unconditional),
 * ARGV[3] TTL in ms ('0' = none). Returns {1, version} or {0, current entry or nil}.
 */
export const SET_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[2] ~= '' then
  local currentVersion = 0
  if current then currentVersion = tonumber(string.match(current, '^(%d+)|')) end
  if currentVersion ~= tonumber(ARGV[2]) then return {0, current} end
end
local version = redis.call('INCR', KEYS[2])
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  redis.call('SET', KEYS[1], version .. '|' .. ARGV[1], 'PX', ttl)
else
  redis.call('SET', KEYS[1], version .. '|' .. ARGV[1])
end
return {1, version}
`;

/** KEYS[1] entry, KEYS[2] version counter; ARGV[1] TTL in ms ('0' = none). SET NX PX: 1 for the first caller only. */
export const CLAIM_SCRIPT = `
local version = redis.call('INCR', KEYS[2])
local ttl = tonumber(ARGV[1])
local created
if ttl > 0 then
  created = redis.call('SET', KEYS[1], version .. '|true', 'NX', 'PX', ttl)
else
  created = redis.call('SET', KEYS[1], version .. '|true', 'NX')
end
if created then return 1 end
return 0
`;

/** KEYS[1] lease; ARGV[1] owner, ARGV[2] TTL in ms. Takes a free lease or renews one's own: 1, else 0. */
export const ACQUIRE_LEASE_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/** KEYS[1] lease; ARGV[1] owner. Deletes the lease only while ARGV[1] holds it: 1 if released, else 0. */
export const RELEASE_LEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
