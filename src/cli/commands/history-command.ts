import {existsSync} from 'node:fs';
import type {AppPaths} from '../../host/paths.js';
import {printable} from '../../log/printable-text.js';
import {formatDuration} from '../../config/quantities.js';
import {runStatuses, type RunRecord, type RunStatus} from '../../core/run-record.js';
import {HistoryStore} from '../../store/history-store.js';
import {openDatabaseForReading} from '../../store/read-only-database.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {configuredTimeZone} from './configured-time-zone.js';
import {instantFlag} from './instant-flag.js';
import {unknownJobFilter} from './history-job-filter.js';
import {requireProjectRoot} from './project-root.js';
import {UsageError} from './usage-error.js';
import {runToJson} from './run-json.js';
import {textTable} from './text-table.js';
import {triggerText} from '../../protocol/run-summary.js';

/** Opens history read-only (beside a live scheduler, or in a read-only data/); no database yet means no runs yet. */
export function withHistory<T>(dbFile: string, read: (store: HistoryStore) => T, empty: T): T {
	if (!existsSync(dbFile)) {
		return empty;
	}

	const db = openDatabaseForReading(dbFile);
	try {
		return read(new HistoryStore(db));
	} finally {
		db.close();
	}
}

/** `MM-DD HH:MM:SS` in `timeZone` (the scheduler's, configured-time-zone.ts). */
export function shortTime(ms: number | undefined, timeZone: string): string {
	return ms === undefined ? '—' : formatZonedIso(ms, timeZone).slice(5, 19).replace('T', ' ');
}

/** `sage-console history`: runs newest first, filtered. */
export function historyCommand(paths: AppPaths, flags: {json?: boolean; job?: string; status?: string; since?: string; limit?: number}): number {
	if (flags.status !== undefined && !runStatuses.includes(flags.status as RunStatus)) {
		throw new UsageError(`--status must be one of ${runStatuses.join(', ')}`);
	}

	const asked = flags.limit ?? 50;
	if (!Number.isInteger(asked) || asked < 1) {
		throw new UsageError('--limit must be a whole number of at least 1');
	}

	// Past any history's size it lists every run; SQLite's LIMIT refuses a number past 2^63 ("datatype mismatch").
	const limit = Math.min(asked, Number.MAX_SAFE_INTEGER);

	requireProjectRoot(paths);
	// Times shown, and a bare --since day read, in the scheduler's zone: the one its "today" counts in.
	const zone = configuredTimeZone(paths);
	const since = flags.since === undefined ? undefined : instantFlag(flags.since, '--since', zone);
	const runs = withHistory<RunRecord[]>(paths.dbFile, store => store.query({
		jobId: flags.job, status: flags.status as RunStatus | undefined, since, limit,
	}), []);
	const unknown = runs.length === 0 && flags.job !== undefined ? unknownJobFilter(paths, flags.job, () => withHistory(paths.dbFile, store => store.query({jobId: flags.job, limit: 1}).length > 0, false)) : undefined;
	if (unknown) {
		process.stderr.write(`sage-console: ${unknown}\n`);
		return 1;
	}

	if (flags.json) {
		process.stdout.write(`${JSON.stringify(runs.map(run => runToJson(run, zone)), null, 2)}\n`);
		return 0;
	}

	if (runs.length === 0) {
		process.stdout.write('no runs match\n');
		return 0;
	}

	process.stdout.write(`${historyTable(runs, zone)}\n`);
	return 0;
}

/**
 * One row a run; a WORKER column only when a listed run was carried out on a worker, so a history of
 * local runs keeps its width.
 */
function historyTable(runs: RunRecord[], zone: string): string {
	const withWorker = runs.some(run => run.worker);
	const header = ['RUN', 'JOB', 'TRIGGER', 'TRADE DAY', 'STATUS', 'SCHEDULED', 'DURATION', ...(withWorker ? ['WORKER'] : []), 'ERROR / MESSAGE'];
	return textTable(header, runs.map(run => [
		String(run.id),
		run.jobId,
		triggerText(run),
		run.tradeDate ?? '—',
		run.status,
		shortTime(run.scheduledAt, zone),
		run.durationMs === undefined ? '—' : formatDuration(run.durationMs),
		...(withWorker ? [run.worker ? printable(run.worker) : '—'] : []),
		cutText(printable((run.error ? `${run.error.type}: ${run.error.message}` : run.message ?? '').split('\n')[0]!)),
	]));
}

/** A run's error or message is one short cell: past 80 characters it is cut, ending with `…` to say so (`show RUN_ID` has it whole). */
function cutText(text: string, most = 80): string {
	return text.length > most ? `${text.slice(0, most - 1)}…` : text;
}
