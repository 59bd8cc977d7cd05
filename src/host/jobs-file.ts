/**
 * jobs.yaml as the one source of truth for job definitions, edited from outside: export (the
 * definitions as written, plus which jobs are paused), import of a whole job list, and one job put or
 * deleted (job-edits.ts). An edit is made on the yaml library's Document, then carried onto the file's
 * text in place (jobs-text-splice.ts), so everything it does not touch stays byte for byte; only when
 * that cannot be done safely is the Document written whole, with a warning. A change is validated as
 * the whole new file before anything is written, and the file is replaced atomically (a temp file
 * renamed over it) so the config watcher never reads half.
 */
import {readFileSync} from 'node:fs';
import {isMap, isSeq, parseDocument, stringify, type Document, type YAMLMap, type YAMLSeq} from 'yaml';
import {byPosition, ConfigError, type ConfigProblem} from '../config/config-problem.js';
import {displayPath, readJobsConfig} from '../config/load-jobs-config.js';
import {jobFieldChanges} from './job-field-changes.js';
import {plainYamlDocument} from './plain-yaml-document.js';
import {settingsNotImported} from './settings-not-imported.js';
import {spliceJobs} from './jobs-text-splice.js';
import {withLiveSettings} from './with-live-settings.js';
import {writeAtomically} from './write-atomically.js';

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
	/** Set when the file is (or would be) written whole rather than edited in place, and why. */
	warning?: string;
};

export type JobsExport = {jobs: Array<Record<string, unknown>>; paused: string[]};

/** A refusal before any validation: the input is not a job list at all. */
export class JobsFileError extends Error {
	override name = 'JobsFileError';
}

/** The `jobs:` list of a parsed jobs.yaml, or of a file given to import (`file`, as its refusal names it). */
export function jobsSeq(doc: Document, file = 'jobs.yaml'): {items: unknown[]} {
	const node = doc.get('jobs', true);
	if (!isSeq(node)) {
		throw new JobsFileError(`${file} has no jobs: list`);
	}

	return node;
}

/** A job list item's id (undefined for an item that is not a map). */
export const idOf = (item: unknown) => (isMap(item) ? String(item.get('id')) : undefined);

/** The job definitions of a jobs.yaml text as its reader takes them (aliases and merge keys resolved), in order. */
function jobsAsMeant(text: string, file: string): Array<Record<string, unknown>> {
	return (jobsSeq(plainYamlDocument(text, file), file).items as YAMLMap[]).map(item => item.toJSON() as Record<string, unknown>);
}

/** The job definitions as written in jobs.yaml (all, or those named), and which of them are paused now. */
export function exportJobs(configFile: string, paused: ReadonlySet<string>, only?: readonly string[]): JobsExport {
	const jobs = jobsAsMeant(readFileSync(configFile, 'utf8'), displayPath(configFile))
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
 * A change to the parsed jobs.yaml, saying which jobs it adds, changes and removes. `meant` has each
 * job as the file means it by id (a `<<: *defaults` merged), to tell what changed.
 */
export type JobsChange = {apply(doc: Document, meant: ReadonlyMap<string, Record<string, unknown>>): Pick<JobsEdit, 'added' | 'changed' | 'removed' | 'fields'>};

/**
 * Applies `change` to jobs.yaml, validates the whole new file, and writes it (atomically) only when
 * it is valid, something changed and this is not a dry run.
 */
export function editJobsFile(configFile: string, root: string, change: JobsChange, dryRun: boolean): JobsEdit {
	const before = readFileSync(configFile, 'utf8');
	const doc = parseDocument(before);
	const seq = jobsSeq(doc);
	const originals = [...seq.items];
	const meant = new Map(jobsAsMeant(before, displayPath(configFile)).map(job => [String(job.id), job]));
	const {added, changed, removed, fields} = change.apply(doc, meant);
	const spliced = spliceJobs(before, seq as YAMLSeq, originals, doc);
	// The whole-document fallback: no padding inside flow collections and no folding, so untouched
	// `{id: x, cron: "…"}` lines read back as written (a trailing comment's gap still becomes one space).
	const after = 'text' in spliced ? spliced.text : doc.toString({flowCollectionPadding: false, lineWidth: 0});
	const problems = validate(after, `${displayPath(configFile)} (as it would be)`, root);
	const ok = problems.length === 0;
	const write = ok && !dryRun && after !== before;
	if (write) {
		writeAtomically(configFile, after);
	}

	const warning = 'notInPlace' in spliced && after !== before
		? `${displayPath(configFile)} ${write ? 'was' : 'would be'} written whole, not edited in place (${spliced.notInPlace}): untouched jobs keep their comments, but a trailing comment's gap becomes one space and { … } loses its inner spaces`
		: undefined;
	return {ok, problems, added, changed, removed, fields, written: write, ...(warning === undefined ? {} : {warning})};
}

/**
 * Replaces the job list with the one in `text` (YAML or JSON, as `export` prints it): jobs not in it
 * are removed, new ones added at the end, changed ones replaced where they stand; untouched ones stay
 * as written. `text` is checked first with the live file's top-level settings (positions in `name`);
 * a setting of its own that jobs.yaml does not hold so is refused, not dropped.
 */
export function importJobs(configFile: string, root: string, text: string, name: string, dryRun: boolean): JobsEdit {
	const ownLines = text.split('\n').length;
	// Problems past the text's own lines are the live file's: the whole-file check below positions them.
	const own = [
		...validate(withLiveSettings(text, configFile), name, root, ['paused']).filter(problem => problem.line <= ownLines),
		...settingsNotImported(text, name, configFile),
	].sort(byPosition);
	if (own.length > 0) {
		return {ok: false, problems: own, added: [], changed: [], removed: [], fields: {}, written: false};
	}

	const incoming = plainYamlDocument(text, name);
	const json = text.trimStart().startsWith('{');
	return editJobsFile(configFile, root, {
		apply(doc, meant) {
			const seq = jobsSeq(doc);
			const wanted = jobsSeq(incoming, name).items;
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
					const fields = jobFieldChanges(meant.get(id) ?? {}, (item as YAMLMap).toJSON() as Record<string, unknown>);
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
