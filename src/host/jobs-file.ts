/**
 * jobs.yaml as the one source of truth for job definitions, edited from outside: export (the
 * definitions as written, plus which jobs are paused), import of a whole job list, and one job put or
 * deleted. Edits go through the yaml library's Document API, so untouched jobs keep their comments,
 * layout and order; a change is validated as the whole new file before anything is written, and the
 * file is replaced atomically (a temp file renamed over it) so the config watcher never reads half.
 */
import {readFileSync, renameSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {isMap, isSeq, parseDocument, stringify, type Document, type YAMLMap} from 'yaml';
import {ConfigError, type ConfigProblem} from '../config/config-problem.js';
import {displayPath, readJobsConfig} from '../config/load-jobs-config.js';
import {jobFieldChanges} from './job-field-changes.js';

export type JobsEdit = {
	ok: boolean;
	problems: ConfigProblem[];
	added: string[];
	changed: string[];
	removed: string[];
	/** Per changed job, what changed in it (`minutes: 10 → 15`, `+ retries: 2`). */
	fields: Record<string, string[]>;
	/** The file was written (not a dry run, valid, and something changed). */
	written: boolean;
};

export type JobsExport = {jobs: Array<Record<string, unknown>>; paused: string[]};

/** A refusal before any validation: the input is not a job list at all. */
export class JobsFileError extends Error {
	override name = 'JobsFileError';
}

function jobsSeq(doc: Document): {items: unknown[]} {
	const node = doc.get('jobs', true);
	if (!isSeq(node)) {
		throw new JobsFileError('jobs.yaml has no jobs: list');
	}

	return node;
}

const idOf = (item: unknown) => (isMap(item) ? String(item.get('id')) : undefined);

/** The job definitions as written in jobs.yaml (all, or those named), and which of them are paused now. */
export function exportJobs(configFile: string, paused: ReadonlySet<string>, only?: readonly string[]): JobsExport {
	const doc = parseDocument(readFileSync(configFile, 'utf8'));
	const jobs = (jobsSeq(doc).items as YAMLMap[]).map(item => item.toJSON() as Record<string, unknown>)
		.filter(job => only === undefined || only.includes(String(job.id)));
	const unknown = (only ?? []).filter(id => !jobs.some(job => job.id === id));
	if (unknown.length > 0) {
		throw new JobsFileError(`no job ${unknown.map(id => `"${id}"`).join(', ')} in ${displayPath(configFile)}`);
	}

	return {jobs, paused: jobs.map(job => String(job.id)).filter(id => paused.has(id))};
}

export function formatExport(data: JobsExport, format: 'yaml' | 'json'): string {
	return format === 'json' ? `${JSON.stringify(data, null, 2)}\n` : stringify(data);
}

/** Validates the whole new text as jobs.yaml; positions refer to `file` as named. */
function validate(text: string, file: string, root: string, ignoreRootKeys: readonly string[] = []): ConfigProblem[] {
	try {
		readJobsConfig(text, file, root);
		return [];
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}

		return error.problems.filter(problem => !ignoreRootKeys.some(key => problem.message.startsWith(`unknown key "${key}" in the top level`)));
	}
}

/**
 * The import text with the live file's other top-level settings (`redis:`, `timezone`, groups, services…)
 * added after its own lines, so its jobs are read as the live file would hold them (a `run_on: workers`
 * job needs the live `redis:`) while its own lines keep their positions. A setting the text gives
 * itself stays its own. Only the job list is replaced (docs/http-api.md).
 */
function withLiveSettings(text: string, configFile: string): string {
	const incoming = parseDocument(text);
	const live = parseDocument(readFileSync(configFile, 'utf8'));
	if (!isMap(incoming.contents) || !isMap(live.contents) || incoming.errors.length > 0 || live.errors.length > 0) {
		return text;
	}

	let settings: Record<string, unknown>;
	try {
		settings = live.toJS() as Record<string, unknown>;
	} catch {
		// An alias bomb or the like: the whole-file check says so.
		return text;
	}

	const entries = Object.entries(settings).filter(([key]) => key !== 'jobs' && key !== 'paused' && !incoming.has(key));
	if (entries.length === 0) {
		return text;
	}

	if (incoming.contents.flow) {
		const end = text.lastIndexOf('}');
		// On lines of their own, past the text's: a problem in them is told apart by its line.
		const added = entries.map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(',\n');
		return `${text.slice(0, end)}${incoming.contents.items.length > 0 ? ',' : ''}\n${added}\n${text.slice(end)}`;
	}

	return `${text.endsWith('\n') ? text : `${text}\n`}${stringify(Object.fromEntries(entries))}`;
}

/** Writes `text` over `file` at once: a temp file beside it, renamed (keeps the file's mode). */
export function writeAtomically(file: string, text: string): void {
	const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
	let mode = 0o644;
	try {
		mode = statSync(file).mode & 0o777;
	} catch {
		// A new file: the usual mode.
	}

	writeFileSync(temp, text, {mode});
	renameSync(temp, file);
}

type Change = {apply(doc: Document): Pick<JobsEdit, 'added' | 'changed' | 'removed' | 'fields'>};

function edit(configFile: string, root: string, change: Change, dryRun: boolean): JobsEdit {
	const before = readFileSync(configFile, 'utf8');
	const doc = parseDocument(before);
	const {added, changed, removed, fields} = change.apply(doc);
	// No padding inside flow collections and no folding: untouched `{id: x, cron: "…"}` lines read back as written.
	const after = doc.toString({flowCollectionPadding: false, lineWidth: 0});
	const problems = validate(after, `${displayPath(configFile)} (as it would be)`, root);
	const ok = problems.length === 0;
	const write = ok && !dryRun && after !== before;
	if (write) {
		writeAtomically(configFile, after);
	}

	return {ok, problems, added, changed, removed, fields, written: write};
}

/**
 * Replaces the job list with the one in `text` (YAML or JSON, as `export` prints it): jobs not in it
 * are removed, new ones added at the end, changed ones replaced where they stand; untouched ones stay
 * as written. `text` is checked first with the live file's top-level settings (positions in `name`).
 */
export function importJobs(configFile: string, root: string, text: string, name: string, dryRun: boolean): JobsEdit {
	const ownLines = text.split('\n').length;
	// Problems past the text's own lines are the live file's: the whole-file check below positions them.
	const own = validate(withLiveSettings(text, configFile), name, root, ['paused']).filter(problem => problem.line <= ownLines);
	if (own.length > 0) {
		return {ok: false, problems: own, added: [], changed: [], removed: [], fields: {}, written: false};
	}

	const incoming = parseDocument(text);
	const json = text.trimStart().startsWith('{');
	return edit(configFile, root, {
		apply(doc) {
			const seq = jobsSeq(doc);
			const wanted = jobsSeq(incoming).items;
			const wantedIds = new Set(wanted.map(item => idOf(item)));
			const result = {added: [] as string[], changed: [] as string[], removed: [] as string[], fields: {} as Record<string, string[]>};
			for (let i = seq.items.length - 1; i >= 0; i--) {
				const id = idOf(seq.items[i]);
				if (id !== undefined && !wantedIds.has(id)) {
					result.removed.unshift(id);
					seq.items.splice(i, 1);
				}
			}

			for (const item of wanted) {
				const id = idOf(item)!;
				const node = json ? doc.createNode((item as YAMLMap).toJSON()) : item;
				const index = seq.items.findIndex(existing => idOf(existing) === id);
				if (index === -1) {
					seq.items.push(node);
					result.added.push(id);
				} else {
					const fields = jobFieldChanges((seq.items[index] as YAMLMap).toJSON() as Record<string, unknown>, (item as YAMLMap).toJSON() as Record<string, unknown>);
					if (fields.length > 0) {
						seq.items[index] = node;
						result.changed.push(id);
						result.fields[id] = fields;
					}
				}
			}

			return result;
		},
	}, dryRun);
}

/** Adds or replaces one job (`definition` as jobs.yaml would hold it; its id is `jobId`). */
export function putJob(configFile: string, root: string, jobId: string, definition: Record<string, unknown>, dryRun: boolean): JobsEdit {
	if (definition.id !== undefined && definition.id !== jobId) {
		throw new JobsFileError(`the definition's id "${String(definition.id)}" is not "${jobId}"`);
	}

	return edit(configFile, root, {
		apply(doc) {
			const seq = jobsSeq(doc);
			const wanted = {id: jobId, ...definition};
			const index = seq.items.findIndex(existing => idOf(existing) === jobId);
			if (index === -1) {
				seq.items.push(doc.createNode(wanted));
				return {added: [jobId], changed: [], removed: [], fields: {}};
			}

			const fields = jobFieldChanges((seq.items[index] as YAMLMap).toJSON() as Record<string, unknown>, wanted);
			if (fields.length === 0) {
				return {added: [], changed: [], removed: [], fields: {}};
			}

			seq.items[index] = doc.createNode(wanted);
			return {added: [], changed: [jobId], removed: [], fields: {[jobId]: fields}};
		},
	}, dryRun);
}

export function deleteJob(configFile: string, root: string, jobId: string, dryRun: boolean): JobsEdit {
	return edit(configFile, root, {
		apply(doc) {
			const seq = jobsSeq(doc);
			const index = seq.items.findIndex(existing => idOf(existing) === jobId);
			if (index === -1) {
				throw new JobsFileError(`no job "${jobId}" in ${displayPath(configFile)}`);
			}

			seq.items.splice(index, 1);
			return {added: [], changed: [], removed: [jobId], fields: {}};
		},
	}, dryRun);
}
