import {zonedDate} from '../time/zoned-time.js';
import type {RunSpec} from '../engine/ports.js';

/**
 * `{date}` (scheduled day, job's zone), `{trade_date}`, `{run_id}`, `{job_id}`, `{attempt}`,
 * `{scheduled_at}` (ISO), `{root}`, `{params.NAME}`; unknown names stay as written.
 */
export function expandPlaceholders(text: string, spec: RunSpec): string {
	const values: Record<string, string> = {
		date: zonedDate(spec.scheduledAt, spec.timeZone),
		trade_date: spec.tradeDate ?? zonedDate(spec.scheduledAt, spec.timeZone),
		run_id: String(spec.runId),
		job_id: spec.jobId,
		attempt: String(spec.attempt),
		scheduled_at: new Date(spec.scheduledAt).toISOString(),
		root: spec.paths.root,
	};
	return text.replaceAll(/\{([a-z_]+(?:\.[\w-]+)?)\}/g, (whole, name: string) => {
		if (name.startsWith('params.')) {
			const value = spec.params[name.slice('params.'.length)];
			return value === undefined ? whole : (typeof value === 'string' ? value : JSON.stringify(value));
		}

		return values[name] ?? whole;
	});
}
