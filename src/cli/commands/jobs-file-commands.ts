/**
 * `export` and `import`: jobs.yaml's definitions out and in. Through the live scheduler when one runs
 * (so the pause state is the live one and the import is applied at once), else on the files directly
 * (the pause state from the database; a scheduler started later reads the new file).
 */
import {readFileSync} from 'node:fs';
import {formatProblem} from '../../config/config-problem.js';
import {loadJobsConfigWithText} from '../../config/load-jobs-config.js';
import type {AppPaths} from '../../host/paths.js';
import {exportJobs, formatExport, importJobs, JobsFileError} from '../../host/jobs-file.js';
import {NoSchedulerError} from '../../host/socket-client.js';
import {printable} from '../../log/printable-text.js';
import type {JobsEditResult} from '../../protocol/messages.js';
import {ProtocolError} from '../../protocol/wire.js';
import type {JobState} from '../../scheduler/ports.js';
import {exitCodes} from '../exit-codes.js';
import {liveScheduler} from '../scheduler-session.js';
import {withHistory} from './history-command.js';
import {UsageError} from './usage-error.js';
import {countOf} from '../../core/count-words.js';

async function viaScheduler<T>(paths: AppPaths, command: string, work: (client: Awaited<ReturnType<typeof liveScheduler>>) => Promise<T>): Promise<T | undefined> {
	let client;
	try {
		client = await liveScheduler(paths, command);
	} catch (error) {
		if (error instanceof NoSchedulerError) {
			return undefined;
		}

		throw error;
	}

	try {
		return await work(client);
	} finally {
		client.close();
	}
}

/**
 * A refusal on the files, with the exit code the live scheduler's refusal gives (jobs-file-requests.ts):
 * no such job is 1 (README: Exit codes), anything else about the request 2.
 */
function refuse(error: unknown, paths: AppPaths): never {
	if (error instanceof JobsFileError) {
		throw new ProtocolError(/^no job/.test(error.message) ? 'not-found' : 'bad-params', error.message);
	}

	if ((error as NodeJS.ErrnoException).syscall !== undefined && (error as NodeJS.ErrnoException).path === paths.configFile) {
		// jobs.yaml missing (a mistyped --root) or unreadable: said as list and validate say it (exit 1), not as an unexpected error.
		loadJobsConfigWithText(paths.configFile, paths.root);
	}

	throw error;
}

/** `sage-console export [--format yaml|json] [--jobs a,b]`. */
export async function exportCommand(paths: AppPaths, flags: {format?: string; jobs?: string}): Promise<number> {
	const format = flags.format ?? 'yaml';
	if (format !== 'yaml' && format !== 'json') {
		throw new UsageError('--format must be yaml or json');
	}

	const only = flags.jobs?.split(',').map(id => id.trim()).filter(Boolean);
	if (only?.length === 0) {
		// `--jobs "$IDS"` with IDS empty exported no job at all, exit 0, as if that had been asked for.
		throw new UsageError(`--jobs takes job ids, not ${JSON.stringify(flags.jobs)}: --jobs sync_daily_bars,backup_db, or leave it out for every job`);
	}
	const data = await viaScheduler(paths, 'export', async client => client.request('export-jobs', {jobs: only}))
		?? (() => {
			const states = withHistory(paths.dbFile, store => store.jobStates(), new Map<string, JobState>());
			try {
				// Paused as an operator left it, else as jobs.yaml writes it (what a scheduler started now does).
				const written = exportJobs(paths.configFile, new Set(), only);
				const paused = written.jobs.filter(job => states.get(String(job.id))?.paused ?? job.paused === true).map(job => String(job.id));
				return {...written, paused};
			} catch (error) {
				return refuse(error, paths);
			}
		})();
	process.stdout.write(formatExport(data, format));
	return exitCodes.ok;
}

function printEdit(result: JobsEditResult, dryRun: boolean): number {
	if (!result.ok) {
		process.stderr.write(`${result.problems.map(problem => formatProblem(problem)).join('\n')}\n${countOf(result.problems.length, 'problem')}; jobs.yaml not changed\n`);
		return exitCodes.failed;
	}

	if (result.warning !== undefined) {
		process.stderr.write(`warning: ${printable(result.warning)}\n`);
	}

	const lines = [
		...result.added.map(id => `+ ${id}`),
		...result.changed.flatMap(id => [`~ ${id}`, ...(result.fields?.[id] ?? []).map(change => `    ${printable(change)}`)]),
		...result.removed.map(id => `- ${id}`),
	];
	const verdict = lines.length === 0 ? 'nothing to change' : (dryRun ? 'dry run: jobs.yaml not written' : 'jobs.yaml written');
	const reload = result.reload ? (result.reload.ok ? '; the running scheduler reloaded it' : `; the running scheduler did not apply it: ${result.reload.problems.map(problem => formatProblem(problem)).join('; ')}`) : '';
	process.stdout.write(`${[...lines, `${verdict} (${result.added.length} added, ${result.changed.length} changed, ${result.removed.length} removed)${reload}`].join('\n')}\n`);
	return exitCodes.ok;
}

/** `sage-console import FILE [--dry-run]`: validates, prints the diff, writes jobs.yaml atomically. */
export async function importCommand(paths: AppPaths, file: string | undefined, flags: {dryRun?: boolean}): Promise<number> {
	if (!file) {
		throw new UsageError('import needs a file, e.g. sage-console import jobs-export.yaml [--dry-run]');
	}

	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
	}

	const dryRun = flags.dryRun ?? false;
	const result = await viaScheduler(paths, 'import', async client => client.request('import-jobs', {text, name: file, dryRun}))
		?? (() => {
			try {
				return importJobs(paths.configFile, paths.root, text, file, dryRun);
			} catch (error) {
				return refuse(error, paths);
			}
		})();
	return printEdit(result, dryRun);
}
