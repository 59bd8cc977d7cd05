import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import type {JobTarget} from '../core/job-definition.js';
import type {MapReader} from './map-reader.js';
import {readProcessCwd, readProcessEnv} from './process-env-reader.js';

/** A group's `mode` and `members`: the jobs it runs, in turn or together. */
export function readGroupTarget(group: MapReader): JobTarget | undefined {
	const mode = group.oneOf('mode', ['sequential', 'parallel'] as const) ?? 'sequential';
	const members = group.stringList('members');
	if (!members || members.length === 0) {
		if (members === undefined) {
			group.source.report(group.map, 'a group needs members: [job ids]');
		} else {
			group.report('members', 'members must name at least one job');
		}

		return undefined;
	}

	return {kind: 'group', mode, members};
}

/**
 * A `cwd` that is not a folder on this machine is a warning, not a problem: a job before it may make
 * it, or (run_on: workers) it is the worker's machine's; every run fails while it is missing.
 */
function warnMissingFolder(job: MapReader, folder: string): void {
	let isFolder = false;
	try {
		isFolder = statSync(folder).isDirectory();
	} catch {
		// Not there, or not to be looked at: said below.
	}

	if (!isFolder && job.value('run_on') !== 'workers') {
		job.warn('cwd', `cwd ${String(job.value('cwd'))} is not a folder here (${folder}): every run fails with WorkingDirectoryMissing until it is`);
	}
}

/** What `env`, `cwd` and `shell` would have done for a module job, which runs in a job thread and takes none of them. */
const commandOnly = {
	env: 'env applies to command jobs only: a module job runs with the scheduler\'s environment (give it values in params:)',
	cwd: 'cwd applies to command jobs only: a module job does not change folder (ctx.paths says where to read and write)',
	shell: 'shell applies to command jobs only',
} as const;

/** A module job's `env`, `cwd` or `shell`: a warning at the key, since the run goes on without it. */
function warnCommandOnlyKeys(job: MapReader): void {
	for (const [key, warning] of Object.entries(commandOnly)) {
		if (job.has(key)) {
			job.warn(key, warning);
		}
	}
}

/**
 * A job's `module` (a file under the project root) or `command` (with `shell`, `cwd`, `env`): what a run starts.
 * A worker's read (worker-own-jobs.ts): `moduleFileOptional`, a module file not there is not reported;
 * `outsideRoot`, an absolute module path outside this root is kept as written: it may name the console's
 * checkout (`/srv/trading/jobs/x.ts`), which the worker learns of only with a run (worker-job-check.ts).
 */
export function readJobTarget(job: MapReader, root: string, {moduleFileOptional = false, outsideRoot = false} = {}): JobTarget | undefined {
	const hasModule = job.has('module');
	const hasCommand = job.has('command');
	if (hasModule === hasCommand) {
		job.source.report(job.map, hasModule ? 'give either module or command, not both' : 'job needs a module (jobs/x.ts) or a command');
		return undefined;
	}

	if (hasModule) {
		const modulePath = job.string('module');
		if (modulePath === undefined) {
			return undefined;
		}

		const absolute = path.resolve(root, modulePath);
		const inside = path.relative(root, absolute);
		if (inside.startsWith('..') || path.isAbsolute(inside)) {
			if (outsideRoot && path.isAbsolute(modulePath)) {
				warnCommandOnlyKeys(job);
				return {kind: 'module', path: absolute};
			}

			job.report('module', `module ${modulePath} is outside the project root ${root}: job modules live under it (jobs/x.ts)`);
			return undefined;
		}

		if (!moduleFileOptional && !existsSync(absolute)) {
			job.report('module', `module file not found: ${modulePath}`);
			job.source.missingFiles.push(absolute);
			return undefined;
		}

		warnCommandOnlyKeys(job);
		return {kind: 'module', path: absolute};
	}

	const shell = job.boolean('shell') ?? false;
	const raw = job.value('command');
	let argv: string[] | undefined;
	if (typeof raw === 'string' && shell) {
		argv = [raw];
	} else if (typeof raw === 'string') {
		job.report('command', 'command must be a list such as ["python3", "x.py"]; a string needs shell: true');
	} else if (Array.isArray(raw) && raw.length > 0 && raw.every(part => typeof part === 'string' || typeof part === 'number')) {
		argv = raw.map(String);
	} else {
		job.report('command', 'command must be a non-empty list of strings');
	}

	const env = readProcessEnv(job);
	const cwd = readProcessCwd(job);
	if (cwd !== undefined) {
		warnMissingFolder(job, path.resolve(root, cwd));
	}

	return argv && {
		kind: 'command',
		argv,
		shell,
		cwd: cwd === undefined ? root : path.resolve(root, cwd),
		env,
	};
}
