import {realpathSync, unwatchFile, watch, watchFile, type FSWatcher} from 'node:fs';
import path from 'node:path';
import {ConfigError, type ConfigProblem} from '../config/config-problem.js';
import {displayPath} from '../config/load-jobs-config.js';
import {readJobsConfigAside} from './config-reader-thread.js';
import type {SchedulerConfig} from '../core/job-definition.js';
import type {PreparedReload} from '../scheduler/prepared-reload.js';
import {MissingFilesWatch} from './missing-files-watch.js';
import {unwatchedFolderText} from './unwatched-folder-text.js';
import {readJobsText, unreadJobsProblem, untilReadable} from './unread-jobs-file.js';

/** Where a config edit goes: applied when valid, its problems shown when not. */
export type ConfigTarget = {
	/** Works out what it can of `config` ahead of its reload (without holding up the scheduler's fires), handed to `reload`. */
	prepareReload(config: SchedulerConfig): Promise<PreparedReload>;
	reload(config: SchedulerConfig, warnings: readonly ConfigProblem[], prepared: PreparedReload): Changes;
	reportConfigProblems(problems: readonly ConfigProblem[]): void;
	setNotice(key: string, text: string | undefined): void;
	/** Says something in the scheduler's log (its file and the console's log tail). */
	say(level: 'warn', msg: string): void;
};

/** Jobs added, removed and changed by an edit, its applied settings changed (`max_parallel 4 → 1`), and its services'. */
type Changes = {added: string[]; removed: string[]; changed: string[]; settings?: string[]; services?: {added: string[]; removed: string[]; changed: string[]; fields: Record<string, string[]>}};

export type ApplyResult = {ok: boolean; problems: ConfigProblem[]} & Changes;

/** How long an edit the watcher applied stays the one a \`reload\` tells: one saved a minute ago is another edit. */
const unreportedForMs = 60_000;

const anyChange = (changes: Changes) => changes.added.length + changes.removed.length + changes.changed.length + (changes.settings?.length ?? 0) > 0 || changes.services !== undefined;

/**
 * Watches jobs.yaml and applies valid edits without a restart; an invalid edit keeps the running
 * jobs and reports every problem; a deleted or unreadable file keeps them too, counts as one problem
 * (`the file is missing`) and says until when, and once it reads again it is applied even if its text is
 * the one applied before (which clears the problem). Watches the folder (editors
 * replace files on save) and, when the file is a symlink (the `..data` pattern of mounted config), the
 * folder of its target too. While the file cannot be read it is also polled: its folder may be gone
 * too (a `git checkout` removes an emptied folder), and a folder's watch ends with the folder; once the
 * file reads again the folders are watched anew. A file refused because a module it names is not there
 * is applied once the module is back (MissingFilesWatch), as an edit would be.
 */
export class ConfigWatcher {
	private readonly watchers: FSWatcher[] = [];
	/**
	 * What the watcher's own last apply changed that no client's \`reload\` has told yet: the edit a
	 * \`sage-console reload\` typed after saving is about, which the watcher applied first.
	 */
	private unreported: {changes: Changes; at: number} | undefined;
	/** Between start() and stop(). */
	private watching = false;
	/** The file is polled (while it cannot be read). */
	private polling = false;
	private readonly polled = () => this.soon();
	private debounce: NodeJS.Timeout | undefined;
	/** When the first change of the present burst came (undefined: no burst), to bound how long it is put off. */
	private burstSince: number | undefined;
	/** The file could not be read, and that was told (at start: by the last good list's notice). */
	private missing: boolean;
	/** Others told of every change in the watched folders (the files beside jobs.yaml). */
	private readonly listeners: Array<() => void> = [];
	private readonly alsoFolders = new Set<string>();
	/** Others told of each text applied (the last good job list is kept from it). */
	private readonly appliedListeners: Array<(text: string) => void> = [];
	/** The files the refused text names and lacks: once one is back, the text is read again. */
	private readonly modules: MissingFilesWatch;
	/** Those lacking at start (the last good list runs), waited for from start(). */
	private missingAtStart: readonly string[] = [];
	/** Applies run one after another: an edit saved while a big file is read waits its turn. */
	private applying: Promise<ApplyResult> = Promise.resolve({ok: true, problems: [], added: [], removed: [], changed: []});

	/**
	 * @param lastText the text the scheduler's jobs came from: an edit is a file that reads otherwise;
	 * undefined when the file could not be read at start (the last good list runs): the file is applied
	 * as soon as it reads, and its absence is not told again
	 */
	constructor(private readonly file: string, private readonly root: string, private readonly target: ConfigTarget, private lastText: string | undefined, private readonly debounceMs = 300) {
		this.missing = lastText === undefined;
		this.modules = new MissingFilesWatch(root, () => {
			void this.recheck();
		}, debounceMs, refused => {
			target.say('warn', unwatchedFolderText(refused, file, root));
		});
	}

	/** The files (absolute paths) the text read at start names and lacks: it is applied once one is back; call before start(). */
	waitForFiles(files: readonly string[]): void {
		this.missingAtStart = files;
	}

	/** Also calls `listener` (debounced) when something changes in `folder` or jobs.yaml's folders; call before start(). */
	alsoOnChange(folder: string, listener: () => void): void {
		this.alsoFolders.add(folder);
		this.listeners.push(listener);
	}

	/** Also calls `listener` with the text of each edit applied (valid, handed to the target). */
	onApplied(listener: (text: string) => void): void {
		this.appliedListeners.push(listener);
	}

	/** Watches from now on, and applies at once an edit saved while the scheduler started. */
	async start(): Promise<ApplyResult> {
		this.watching = true;
		this.watchFolders();
		if (this.missing) {
			this.poll(true);
		}

		this.modules.waitFor(this.missingAtStart);
		return this.apply();
	}

	stop(): void {
		this.watching = false;
		clearTimeout(this.debounce);
		this.debounce = undefined;
		this.burstSince = undefined;
		this.poll(false);
		this.modules.stop();
		this.closeWatchers();
	}

	private closeWatchers(): void {
		for (const watcher of this.watchers.splice(0)) {
			watcher.close();
		}
	}

	/** Watches jobs.yaml's folders (again: a folder removed and made anew is another folder to watch). */
	private watchFolders(): void {
		this.closeWatchers();
		const folders = new Set([path.dirname(this.file), ...this.alsoFolders]);
		try {
			folders.add(path.dirname(realpathSync(this.file)));
		} catch {
			// Not there now: the folder's watch sees it come back.
		}

		for (const folder of folders) {
			try {
				const watcher = watch(folder, () => this.soon());
				watcher.unref();
				this.watchers.push(watcher);
			} catch {
				// No watching this folder (it is gone): jobs.yaml is polled until it reads.
			}
		}
	}

	/** Polls jobs.yaml (a stat a second, which also sees it come back in a folder made anew), or stops. */
	private poll(on: boolean): void {
		if (on === this.polling || (on && !this.watching)) {
			return;
		}

		this.polling = on;
		if (on) {
			watchFile(this.file, {persistent: false, interval: 1000}, this.polled);
		} else {
			unwatchFile(this.file, this.polled);
		}
	}

	/** Reads the file now and applies it if it changed (also `reload` from any client, which forces it). */
	async apply(force = false): Promise<ApplyResult> {
		this.applying = this.applying.then(async () => this.applyNow(force));
		return this.applying;
	}

	/** Reads the file again though its text is the one refused: a file it lacked is back. */
	private async recheck(): Promise<ApplyResult> {
		this.applying = this.applying.then(async () => this.applyNow(false, true));
		return this.applying;
	}

	private async applyNow(force: boolean, recheck = false): Promise<ApplyResult> {
		const text = readJobsText(this.file);
		if (typeof text !== 'string') {
			const file = displayPath(this.file);
			const problem = unreadJobsProblem(file, text);
			if (!this.missing) {
				// Counted as a refused edit's problem, as at a start without the file; the file back is applied whatever it says.
				this.missing = true;
				this.lastText = undefined;
				this.target.reportConfigProblems([problem]);
				this.target.setNotice('config-missing', `the jobs loaded before keep running until ${untilReadable(file, text)}`);
			}

			this.poll(true);
			this.modules.stop();
			return {ok: false, problems: [problem], added: [], removed: [], changed: []};
		}

		if (this.missing) {
			this.missing = false;
			this.target.setNotice('config-missing', undefined);
			if (this.polling) {
				this.poll(false);
				this.watchFolders();
			}
		}

		if (text === this.lastText && !force && !recheck) {
			return {ok: true, problems: [], added: [], removed: [], changed: []};
		}

		const textBefore = this.lastText;
		this.lastText = text;
		try {
			const {config, warnings} = await readJobsConfigAside(text, displayPath(this.file), this.root);
			const prepared = await this.target.prepareReload(config);
			this.modules.stop();
			let changes = this.target.reload(config, warnings, prepared);
			if (!force && anyChange(changes)) {
				// Applied on its own, the moment the file was saved: a \`reload\` asked just after still tells it.
				this.unreported = {changes, at: Date.now()};
			} else if (force) {
				const recent = this.unreported && Date.now() - this.unreported.at <= unreportedForMs ? this.unreported.changes : undefined;
				changes = anyChange(changes) ? changes : recent ?? changes;
				this.unreported = undefined;
			}

			for (const listener of this.appliedListeners) {
				listener(text);
			}

			return {ok: true, problems: [], ...changes};
		} catch (error) {
			if (!(error instanceof ConfigError)) {
				// Not the file's fault (the reader thread died, a part of the scheduler failed): the jobs loaded
				// before keep running, the failure shows as the edit's problem, and the next save or `reload`
				// tries the same text again. Thrown on, it would stop every later apply and end the scheduler.
				this.lastText = textBefore;
				const problem = {file: displayPath(this.file), line: 1, col: 1, message: `could not be applied: ${error instanceof Error ? error.message : String(error)}`};
				this.target.reportConfigProblems([problem]);
				return {ok: false, problems: [problem], added: [], removed: [], changed: []};
			}

			this.target.reportConfigProblems(error.problems);
			if (this.watching) {
				this.modules.waitFor(error.missingFiles);
			}

			return {ok: false, problems: error.problems, added: [], removed: [], changed: []};
		}
	}

	/**
	 * Applies `debounceMs` after the last change of a burst (an editor's save is several writes), but no
	 * later than ten times that after its first: a file written without pause in a watched folder (a sync
	 * tool, a log) must not hold an edit of jobs.yaml off for as long as it goes on.
	 */
	private soon(): void {
		const now = performance.now();
		this.burstSince ??= now;
		if (this.debounce !== undefined && now - this.burstSince >= this.debounceMs * 10) {
			return;
		}

		clearTimeout(this.debounce);
		this.debounce = setTimeout(() => {
			this.debounce = undefined;
			this.burstSince = undefined;
			void this.apply();
			for (const listener of this.listeners) {
				listener();
			}
		}, this.debounceMs);
	}
}
