/**
 * A worker takes a run: atomically, unless another worker already took it (BullMQ can hand a stalled
 * job out again; the claim makes sure nothing runs twice) or it was cancelled before it started; the
 * `taken` event is written on the run's stream in the same step. The news of it goes with the run's
 * next write (RunEventWriter.tell), a few milliseconds later at most: one news entry for a short
 * run's taken, start, log and end.
 *
 * KEYS: claim, cancel, events. ARGV: worker name, `taken` event.
 * Returns ['ok', entry id] | ['claimed', by] | ['cancel', reason].
 */
import {createHash} from 'node:crypto';
import type {Redis} from 'ioredis';

export const claimScript = `
local by = redis.call('GET', KEYS[1])
if by then return {'claimed', by} end
local cancel = redis.call('GET', KEYS[2])
if cancel then return {'cancel', cancel} end
redis.call('SET', KEYS[1], ARGV[1])
return {'ok', redis.call('XADD', KEYS[3], '*', 'e', ARGV[2])}
`;

/** The script's SHA-1: sent by it (EVALSHA) after the first run, not the whole text on every run. */
const claimSha = createHash('sha1').update(claimScript).digest('hex');

/** Runs the claim (KEYS and ARGV as above), loading the script only when Redis does not have it (a new or restarted Redis). */
export async function runClaim(client: Redis, keys: [claim: string, cancel: string, events: string], args: [worker: string, taken: string]): Promise<ClaimResult> {
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

/** `entryId`: the `taken` entry on the run's stream. */
export type ClaimResult = {kind: 'ok'; entryId: string} | {kind: 'claimed'; by: string} | {kind: 'cancel'; reason: string};

export function parseClaim(reply: unknown): ClaimResult {
	const [kind, value] = Array.isArray(reply) ? reply as [string, string] : ['ok', ''];
	return kind === 'claimed' ? {kind, by: value} : kind === 'cancel' ? {kind, reason: value} : {kind: 'ok', entryId: value};
}
