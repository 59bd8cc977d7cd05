import {readFileSync, watch, type FSWatcher} from 'node:fs';
import path from 'node:path';
import {ConfigError} from '../config/config-problem.js';
import {displayPath, parseJobsConfig} from '../config/load-jobs-config.js';
import type {Engine} from '../engine/engine.js';

/**
 * Watches jobs.yaml and applies valid edits without a restart; an invalid edit keeps the running
 * jobs and reports every problem. Watches the folder, since editors replace files on save.
 */
export class ConfigWatcher {
	private watcher: FSWatcher | undefined;
	private debounce: NodeJS.Timeout | undefined;

	/** @param lastText the text the engine's jobs came from: an edit is a file that reads otherwise */
	constructor(private readonly file: string, private readonly root: string, private readonly engine: Engine, private lastText: string | undefined, private readonly debounceMs = 300) {}

	/**
	 * Watches from now on, and applies at once an edit made since the engine's config was read (an
	 * edit saved while the scheduler started has no event of its own once the watch begins).
	 */
	start(): void {
		const name = path.basename(this.file);
		try {
			this.watcher = watch(path.dirname(this.file), (_event, changed) => {
				if (changed === null || changed === name) {
					clearTimeout(this.debounce);
					this.debounce = setTimeout(() => this.apply(), this.debounceMs);
				}
			});
			this.watcher.unref();
		} catch {
			// No watching (e.g. the folder is gone): edits apply at the next start.
		}

		this.apply();
	}

	stop(): void {
		clearTimeout(this.debounce);
		this.watcher?.close();
	}

	/** Reads the file now and applies it (also used by the console's reload key). */
	apply(): void {
		let text: string;
		try {
			text = readFileSync(this.file, 'utf8');
		} catch {
			return;
		}

		if (text === this.lastText) {
			return;
		}

		this.lastText = text;
		try {
			this.engine.reload(parseJobsConfig(text, displayPath(this.file), this.root));
		} catch (error) {
			if (error instanceof ConfigError) {
				this.engine.reportConfigProblems(error.problems);
			} else {
				throw error;
			}
		}
	}
}
