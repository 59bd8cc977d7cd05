/**
 * A worker's write of a run's events: the entry on the run's stream and, after it, the news entry
 * naming the run, the new entry's id and (when small) the events themselves, so the console reads
 * them from the news alone in the common case (RunEventReader). One script, so the news can carry
 * the id Redis gave the entry. Two more things ride on it, so a short run costs one write after its
 * claim: events already on the run's stream that no news told yet (the claim's `taken`, put first
 * in the news), and, with the run's end, the expiry of its keys.
 *
 * KEYS: events, news, then the keys to expire (owner, claim). ARGV: the news stream's length, '1' to
 * copy the events into the news, how many fields of told-before events come first, the expiry in
 * seconds ('0': none), then the told-before fields, then the entry's fields (`e <json> …`). Returns
 * the entry's id.
 */
import {createHash} from 'node:crypto';

export const runEventsScript = `
local id = redis.call('XADD', KEYS[1], '*', unpack(ARGV, 5 + tonumber(ARGV[3])))
if ARGV[2] == '1' then
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '*', 'r', KEYS[1], 'i', id, unpack(ARGV, 5))
else
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '*', 'r', KEYS[1], 'i', id)
end
if ARGV[4] ~= '0' then
  for index, key in ipairs(KEYS) do
    if index ~= 2 then redis.call('EXPIRE', key, ARGV[4]) end
  end
end
return id
`;

/** Sent by its SHA-1 (EVALSHA); the whole text only when Redis does not know it yet. */
export const runEventsSha = createHash('sha1').update(runEventsScript).digest('hex');

/** Events copied into the news at most (bytes of their JSON): a big log chunk is read from the run's stream. */
export const newsPayloadBytes = 16 * 1024;
