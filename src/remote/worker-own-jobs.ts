/**
 * The jobs a worker may run: its own checkout's jobs.yaml, read with the console's reader at its start
 * (a file that does not load stops the start) and read again when the file changes (a stat per run),
 * so an operator who pulls the checkout need not restart the worker. A changed file that does not
 * load keeps the definitions read before; its problems are logged once, at FILE:LINE:COL.
 */
import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import type {JobDefinition, SchedulerConfig} from '../core/job-definition.js';
import {ConfigError, formatProblem} from '../config/config-problem.js';
import {displayPath, readJobsConfig} from '../config/load-jobs-config.js';
import type {OwnJobs} from './worker-job-check.js';
import type {WorkerLogger} from './worker-logger.js';

type FileState = {mtimeMs: number; ctimeMs: number; size: number; ino: number};

/** A worker's own jobs.yaml, as last read without a problem. */
export class WorkerOwnJobs {
	private jobs: readonly JobDefinition[] = [];
	private state: FileState | undefined;
	/** The text last read, loaded or not: a problem is logged once per text. */
	private text: string | undefined;
	/** The file's absence or unreadability, once logged (until it reads again). */
	private unreadable: string | undefined;
	/** How runs' errors name the file: relative to the root when inside it. */
	readonly label: string;
	/** The whole file as read at the start (its `redis:` and worker queues, when no flag gives them). */
	readonly startConfig: SchedulerConfig;

	/** Reads `file` (throws ConfigError, as the console's start does, when it does not load). */
	constructor(readonly file: string, private readonly root: string, private readonly logger: WorkerLogger) {
		const relative = path.relative(root, file);
		this.label = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
		this.state = stateOf(file);
		let text: string;
		try {
			text = readFileSync(file, 'utf8');
		} catch (error) {
			const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
			throw new ConfigError([{file: displayPath(file), line: 1, col: 1, message: `${reason} (root ${root}): a worker runs only the run_on: workers jobs its own checkout's jobs.yaml defines; give --root the folder of the same checkout as the console's (or --config FILE)`}], {cause: error});
		}

		this.startConfig = this.parse(text);
		this.jobs = this.startConfig.jobs;
		this.text = text;
	}

	/** The run_on: workers jobs it may run now. */
	get workerJobs(): JobDefinition[] {
		return this.jobs.filter(job => job.runOn === 'workers');
	}

	/** `the 2 run_on: workers jobs` (as a log line names what it may run). */
	get counted(): string {
		const count = this.workerJobs.length;
		return `the ${count} run_on: workers job${count === 1 ? '' : 's'}`;
	}

	/** The definitions now: the file read again first when it changed since. */
	current(): OwnJobs {
		this.refresh();
		return {jobs: this.jobs, file: this.label, root: this.root};
	}

	private refresh(): void {
		const state = stateOf(this.file);
		if (state && this.state && sameState(state, this.state)) {
			return;
		}

		this.state = state;
		let text: string;
		try {
			text = readFileSync(this.file, 'utf8');
		} catch (error) {
			const reason = (error as Error).message;
			if (this.unreadable !== reason) {
				this.unreadable = reason;
				this.logger.error({file: this.file}, `${displayPath(this.file)} cannot be read (${reason}): the worker keeps ${this.counted} it read before`);
			}

			return;
		}

		this.unreadable = undefined;
		if (text === this.text) {
			return;
		}

		this.text = text;
		try {
			this.jobs = this.parse(text).jobs;
			this.logger.info({file: this.file, jobs: this.workerJobs.length}, `${displayPath(this.file)} changed: the worker runs ${this.counted} of it now (${this.workerJobs.map(job => job.id).join(', ')})`);
		} catch (error) {
			if (!(error instanceof ConfigError)) {
				throw error;
			}

			this.logger.error({file: this.file, problems: error.problems.map(problem => formatProblem(problem))}, `${displayPath(this.file)} changed and does not load: the worker keeps ${this.counted} it read before\n${error.message}`);
		}
	}

	private parse(text: string): SchedulerConfig {
		// A module file missing here is that run's ModuleNotFound (naming the path on this machine), not the whole file's problem;
		// an absolute module path outside this root may be inside the console's, which a run says (worker-job-check.ts).
		return readJobsConfig(text, displayPath(this.file), this.root, {moduleFilesOptional: true, modulesOutsideRoot: true}).config;
	}
}

function stateOf(file: string): FileState | undefined {
	try {
		const {mtimeMs, ctimeMs, size, ino} = statSync(file);
		return {mtimeMs, ctimeMs, size, ino};
	} catch {
		return undefined;
	}
}

function sameState(a: FileState, b: FileState): boolean {
	return a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.size === b.size && a.ino === b.ino;
}
