/**
 * A worker takes a run: atomically, unless another worker already took it (BullMQ can hand a stalled
 * job out again; the claim makes sure nothing runs twice) or it was cancelled before it started; the
 * `taken` event is written on the run's stream in the same step. The news of it goes with the run's
 * next write (RunEventWriter.tell), a few milliseconds later at most: one news entry for a short
 * run's taken, start, log and end.
 *
 * A claim is made by a taker (the worker's name and a token of this one attempt), and the claim key
 * keeps the taker with the `taken` entry's id. The same claim sent again by the same taker is answered
 * as the first was: when the connection drops after Redis ran the script but before its reply came
 * back, ioredis sends the command again on the new connection, and without this the worker would read
 * "already taken" (by itself), skip the run, and leave it `running` on the console for ever.
 *
 * KEYS: claim, cancel, events. ARGV: taker (`name|token|`), `taken` event.
 * Returns ['ok', entry id] | ['claimed', taker and entry] | ['cancel', reason].
 */
import {createHash, randomBytes} from 'node:crypto';
import type {Redis} from 'ioredis';

export const claimScript = `
local by = redis.call('GET', KEYS[1])
if by then
  if string.sub(by, 1, #ARGV[1]) == ARGV[1] then return {'ok', string.sub(by, #ARGV[1] + 1)} end
  return {'claimed', by}
end
local cancel = redis.call('GET', KEYS[2])
if cancel then return {'cancel', cancel} end
local id = redis.call('XADD', KEYS[3], '*', 'e', ARGV[2])
redis.call('SET', KEYS[1], ARGV[1] .. id)
return {'ok', id}
`;

/** The script's SHA-1: sent by it (EVALSHA) after the first run, not the whole text on every run. */
const claimSha = createHash('sha1').update(claimScript).digest('hex');

/** One claim attempt's taker: the worker's name and a token no other attempt has. */
export function claimTaker(worker: string): string {
	return `${worker}|${randomBytes(6).toString('hex')}|`;
}

/**
 * Runs the claim (KEYS and ARGV as above), loading the script only when Redis does not have it (a new
 * or restarted Redis). A command resent by ioredis after a lost reply gets the first execution's answer.
 */
export async function runClaim(client: Redis, keys: [claim: string, cancel: string, events: string], args: [taker: string, taken: string]): Promise<ClaimResult> {
	try {
		return parseClaim(await client.evalsha(claimSha, 3, ...keys, ...args));
	} catch (error) {
		if (!(error as Error).message.includes('NOSCRIPT')) {
			throw error;
		}

		// Nothing ran: the script was unknown, so it is sent whole this once.
		return parseClaim(await client.eval(claimScript, 3, ...keys, ...args));
	}
}

/** `entryId`: the `taken` entry on the run's stream; `by`: the worker that holds the claim. */
export type ClaimResult = {kind: 'ok'; entryId: string} | {kind: 'claimed'; by: string} | {kind: 'cancel'; reason: string};

export function parseClaim(reply: unknown): ClaimResult {
	const [kind, value] = Array.isArray(reply) ? reply as [string, string] : ['ok', ''];
	return kind === 'claimed' ? {kind, by: value.split('|')[0]!} : kind === 'cancel' ? {kind, reason: value} : {kind: 'ok', entryId: value};
}
