import type {HeartbeatView} from '../../protocol/snapshot.js';
import {formatZonedIso} from '../../time/zoned-time.js';

/**
 * A heartbeat job's `heartbeat` in `status --json`: the fields `/v1/jobs` gives under the same names
 * (state, graceMs, lastPingAt, lastOutcome, lastStartAt, nextExpectedAt), its times as ISO in the
 * scheduler's zone as status --json gives every time; one it does not have yet is absent, as there.
 */
export function heartbeatJson(heartbeat: HeartbeatView, zone: string) {
	const iso = (ms: number | undefined) => (ms === undefined ? undefined : formatZonedIso(ms, zone));
	return {
		state: heartbeat.state,
		graceMs: heartbeat.graceMs,
		lastPingAt: iso(heartbeat.lastPingAt),
		lastOutcome: heartbeat.lastOutcome,
		lastStartAt: iso(heartbeat.lastStartAt),
		nextExpectedAt: iso(heartbeat.nextExpectedAt),
	};
}
