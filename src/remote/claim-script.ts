/**
 * A worker takes a run: atomically, unless another worker already took it (BullMQ can hand a stalled
 * job out again; the claim makes sure nothing runs twice) or it was cancelled before it started; the
 * `taken` event is written in the same step.
 *
 * KEYS: claim, cancel, events. ARGV: worker name, `taken` event. Returns ['ok'] | ['claimed', by] | ['cancel', reason].
 */
export const claimScript = `
local by = redis.call('GET', KEYS[1])
if by then return {'claimed', by} end
local cancel = redis.call('GET', KEYS[2])
if cancel then return {'cancel', cancel} end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('XADD', KEYS[3], '*', 'e', ARGV[2])
return {'ok', ''}
`;

export type ClaimResult = {kind: 'ok'} | {kind: 'claimed'; by: string} | {kind: 'cancel'; reason: string};

export function parseClaim(reply: unknown): ClaimResult {
	const [kind, value] = Array.isArray(reply) ? reply as [string, string] : ['ok', ''];
	return kind === 'claimed' ? {kind, by: value} : kind === 'cancel' ? {kind, reason: value} : {kind: 'ok'};
}
