import {readFileSync, statSync} from 'node:fs';
import {ConfigError, formatProblem, type ConfigProblem} from '../config/config-problem.js';
import {configuredChannels, loadNotifySettings, noNotifySettings, type NotifySettings} from '../notify/notify-settings.js';
import type {SchedulerLogger} from '../scheduler/ports.js';
import type {AppPaths} from './paths.js';

/** What reading the notification files again found: nothing new, settings to use, or their problems. */
export type NotifyReading =
	| {kind: 'unchanged'}
	| {kind: 'changed'; settings: NotifySettings; summary: string}
	| {kind: 'invalid'; problems: ConfigProblem[]}
	/** Back to the files the settings in use came from after broken ones (an edit undone): their notice goes. */
	| {kind: 'mended'};

/** The files' texts and modes: a chmod is a change too (it raises or clears the permission warning). */
function stampOf(files: readonly string[]): string {
	return JSON.stringify(files.map(file => {
		try {
			return [readFileSync(file, 'utf8'), statSync(file).mode];
		} catch {
			return undefined;
		}
	}));
}

/**
 * config/notify_config.json and config/user_config.json, read at start and again on `reload` or an
 * edit the watcher sees. Their permission warnings are standing notices, raised and cleared with each
 * reading. A broken file at start turns notifications off (its problems go to the log and a notice);
 * a broken file read again leaves the settings in use as they are.
 */
export class NotifyFiles {
	private lastStamp: string | undefined;
	/** The broken files last told about: the watcher does not tell them again, a `reload` does. */
	private badStamp: string | undefined;
	private readonly warned = new Set<string>();

	constructor(private readonly paths: AppPaths, private readonly logger: SchedulerLogger, private readonly setNotice: (key: string, text: string | undefined) => void) {}

	/** The settings at start; without a file or with a broken one, no channel. */
	open(): NotifySettings {
		const reading = this.reread();
		if (reading.kind === 'invalid') {
			for (const problem of reading.problems) {
				this.logger.error({}, `notifications off: ${formatProblem(problem)}`);
			}

			this.setNotice('notify-config', `notifications off: ${formatProblem(reading.problems[0]!)}${reading.problems.length > 1 ? ` (+${reading.problems.length - 1} more in the log)` : ''}`);
			return noNotifySettings();
		}

		return reading.kind === 'changed' ? reading.settings : noNotifySettings();
	}

	/** Reads the files again when their text or mode changed since the last good reading (`force`: tell a broken file again). */
	reread(force = false): NotifyReading {
		const files = [this.paths.notifyConfigFile, this.paths.userConfigFile];
		const stamp = stampOf(files);
		if (stamp === this.lastStamp && this.badStamp !== undefined) {
			this.badStamp = undefined;
			return {kind: 'mended'};
		}

		if (stamp === this.lastStamp || (stamp === this.badStamp && !force)) {
			return {kind: 'unchanged'};
		}

		let settings: NotifySettings;
		try {
			settings = loadNotifySettings(this.paths.notifyConfigFile, this.paths.userConfigFile);
		} catch (error) {
			if (!(error instanceof ConfigError)) {
				throw error;
			}

			this.badStamp = stamp;
			return {kind: 'invalid', problems: error.problems};
		}

		this.lastStamp = stamp;
		this.badStamp = undefined;
		this.showWarnings(settings.warnings);
		const channels = configuredChannels(settings);
		return {kind: 'changed', settings, summary: `notifications: changed, ${channels.length > 0 ? `${channels.join(', ')}` : 'no channel'}`};
	}

	private showWarnings(warnings: readonly string[]): void {
		for (const key of this.warned) {
			if (!warnings.some(warning => `notify-permissions-${warning}` === key)) {
				this.warned.delete(key);
				this.setNotice(key, undefined);
			}
		}

		for (const warning of warnings) {
			const key = `notify-permissions-${warning}`;
			if (!this.warned.has(key)) {
				this.warned.add(key);
				this.logger.warn({}, warning);
				this.setNotice(key, warning);
			}
		}
	}
}
