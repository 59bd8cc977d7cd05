import type {AppPaths} from '../../host/paths.js';
import {openSchedulerProcess} from '../../host/scheduler-process.js';
import {formatDuration} from '../../config/quantities.js';
import type {RunRecord} from '../../core/run-record.js';
import {parseParamFlags} from './param-flags.js';
import {UsageError} from './usage-error.js';

export type RunFlags = {param?: string[]; tradeDate?: string; from?: string; to?: string};

const isoDay = /^\d{4}-\d\d-\d\d$/;

function checkDay(text: string | undefined, flag: string): string | undefined {
	if (text !== undefined && (!isoDay.test(text) || Number.isNaN(Date.parse(text)))) {
		throw new UsageError(`${flag} "${text}" is not a date (YYYY-MM-DD)`);
	}

	return text;
}

function printProgress(run: {progress?: number; message?: string}, jobId: string): void {
	const percent = run.progress === undefined ? '   ' : `${String(Math.round(run.progress * 100)).padStart(3)}%`;
	process.stdout.write(`${jobId} ${percent} ${run.message ?? ''}\n`);
}

/**
 * `sage-console run JOB`: runs a job now in the foreground (recorded as `manual`, or `backfill` with
 * `--trade-date` / `--from --to`), prints its progress, and exits 0 only when every run succeeded.
 */
export async function runCommand(paths: AppPaths, jobId: string | undefined, flags: RunFlags): Promise<number> {
	if (!jobId) {
		throw new UsageError('run needs a job id, e.g. sage-console run sync_daily_bars');
	}

	const params = parseParamFlags(flags.param ?? []);
	const tradeDate = checkDay(flags.tradeDate, '--trade-date');
	const from = checkDay(flags.from, '--from');
	const to = checkDay(flags.to, '--to');
	if (tradeDate && (from ?? to)) {
		throw new UsageError('use either --trade-date D or --from D1 --to D2, not both');
	}

	if ((from === undefined) !== (to === undefined)) {
		throw new UsageError('--from and --to go together');
	}

	const app = openSchedulerProcess(paths, {schedules: false, logToStdout: false});
	const stopOnSignal = () => {
		void app.close('cancel');
	};

	process.once('SIGINT', stopOnSignal);
	process.once('SIGTERM', stopOnSignal);
	try {
		if (!app.engine.job(jobId)) {
			throw new UsageError(`no job "${jobId}" in ${paths.configFile}; known: ${app.engine.jobIds.join(', ')}`);
		}

		let days: Array<string | undefined> = [tradeDate];
		if (from !== undefined && to !== undefined) {
			if (to < from) {
				throw new UsageError('--to is before --from');
			}

			days = app.calendar.tradingDaysBetween(from, to);
			process.stdout.write(`backfilling ${jobId} for ${days.length} trading day(s) from ${from} to ${to}\n`);
		} else if (tradeDate && !app.calendar.isTradingDay(tradeDate)) {
			throw new UsageError(`${tradeDate} is not a trading day`);
		}

		let lastPrinted = '';
		app.engine.events.on('run-progress', event => {
			const key = `${event.progress?.toFixed(2)}|${event.message}`;
			if (key !== lastPrinted) {
				lastPrinted = key;
				printProgress(event, event.jobId);
			}
		});
		let allSucceeded = true;
		for (const day of days) {
			const submitted = app.engine.submit(jobId, {trigger: day === undefined ? 'manual' : 'backfill', params, tradeDate: day});
			if (!submitted.ok) {
				process.stderr.write(`${jobId}: not run: ${submitted.reason}\n`);
				return 1;
			}

			const record = await app.engine.whenFinished(submitted.run.id);
			allSucceeded &&= record?.status === 'success';
			printResult(record);
		}

		return allSucceeded ? 0 : 1;
	} finally {
		process.off('SIGINT', stopOnSignal);
		process.off('SIGTERM', stopOnSignal);
		await app.close('cancel');
	}
}

function printResult(record: RunRecord | undefined): void {
	if (!record) {
		return;
	}

	const duration = record.durationMs === undefined ? '' : ` in ${formatDuration(record.durationMs)}`;
	const day = record.tradeDate ? ` [${record.tradeDate}]` : '';
	process.stdout.write(`run ${record.id} ${record.jobId}${day}: ${record.status}${duration}\n`);
	if (record.error) {
		process.stdout.write(`${record.error.type}: ${record.error.message}\n${record.error.stack ?? ''}\n`);
	}

	if (record.result !== undefined) {
		process.stdout.write(`result: ${JSON.stringify(record.result)}\n`);
	}

	process.stdout.write(`log: ${record.logPath ?? '—'}\n`);
}
