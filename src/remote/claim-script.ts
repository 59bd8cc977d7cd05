/**
 * A worker takes a run: atomically, unless another worker already took it (BullMQ can hand a stalled
 * job out again; the claim makes sure nothing runs twice) or it was cancelled before it started; the
 * `taken` event is written in the same step, and copied to the news stream after it (see run-events-script).
 *
 * KEYS: claim, cancel, events, news. ARGV: worker name, `taken` event, the news stream's length.
 * Returns ['ok'] | ['claimed', by] | ['cancel', reason].
 */
import {createHash} from 'node:crypto';
import type {Redis} from 'ioredis';

export const claimScript = `
local by = redis.call('GET', KEYS[1])
if by then return {'claimed', by} end
local cancel = redis.call('GET', KEYS[2])
if cancel then return {'cancel', cancel} end
redis.call('SET', KEYS[1], ARGV[1])
local id = redis.call('XADD', KEYS[3], '*', 'e', ARGV[2])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[3], '*', 'r', KEYS[3], 'i', id, 'e', ARGV[2])
return {'ok', ''}
`;

/** The script's SHA-1: sent by it (EVALSHA) after the first run, not the whole text on every run. */
const claimSha = createHash('sha1').update(claimScript).digest('hex');

/** Runs the claim (KEYS and ARGV as above), loading the script only when Redis does not have it (a new or restarted Redis). */
export async function runClaim(client: Redis, keys: [claim: string, cancel: string, events: string, news: string], args: [worker: string, taken: string, newsLength: string]): Promise<ClaimResult> {
	try {
		return parseClaim(await client.evalsha(claimSha, 4, ...keys, ...args));
	} catch (error) {
		if (!(error as Error).message.includes('NOSCRIPT')) {
			throw error;
		}

		// Nothing ran: the script was unknown, so it is sent whole this once.
		return parseClaim(await client.eval(claimScript, 4, ...keys, ...args));
	}
}

export type ClaimResult = {kind: 'ok'} | {kind: 'claimed'; by: string} | {kind: 'cancel'; reason: string};

export function parseClaim(reply: unknown): ClaimResult {
	const [kind, value] = Array.isArray(reply) ? reply as [string, string] : ['ok', ''];
	return kind === 'claimed' ? {kind, by: value} : kind === 'cancel' ? {kind, reason: value} : {kind: 'ok'};
}
