import {formatProblem, type ConfigProblem} from '../config/config-problem.js';
import type {Notifier} from '../notify/notifier.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {CalendarFile} from './calendar-file.js';
import type {NotifyFiles} from './open-notifier.js';

/** What reading the files beside jobs.yaml again did (`calendar: changed, …`), and the problems of those left as they were. */
export type SettingsReload = {notes: string[]; problems: ConfigProblem[]};

/** How long a change the watcher applied stays the one a `reload` tells: one saved a minute ago is another edit (as for jobs.yaml). */
const unreportedForMs = 60_000;

/**
 * The files beside jobs.yaml that a running scheduler reads again on `reload` and when the watcher sees
 * an edit: config/calendar.yaml (a new calendar handed to the scheduler, which passes it on to the fire
 * timer, the services' windows and its clients) and the notification files
 * (applied to the notifier; the channels they configure go to the snapshot). A broken file keeps what was loaded before, and says so in the log and a
 * standing notice until it is fixed, as a broken jobs.yaml does.
 */
export class SettingsFiles {
	/**
	 * What the watcher's own applies changed, by file, that no `reload` has told yet: the edit a
	 * `sage-console reload` typed after saving is about, which the watcher applied first.
	 */
	private readonly unreported = new Map<string, {note: string; at: number}>();
	/** The apply going on: the next waits for it, so a newer calendar is never overtaken by an older one still being worked out. */
	private applying: Promise<unknown> = Promise.resolve();

	constructor(private readonly calendar: CalendarFile, private readonly notify: NotifyFiles, private readonly scheduler: Scheduler, private readonly notifier: Notifier) {}

	/**
	 * Reads each file again; `force` (a `reload`) tells a still-broken file's problems again. A new
	 * calendar's fire times are worked out a few milliseconds at a time between fires before it applies.
	 */
	async apply(force = false): Promise<SettingsReload> {
		const applied = this.applying.then(async () => this.applyNow(force));
		this.applying = applied.catch(() => undefined);
		return applied;
	}

	private async applyNow(force: boolean): Promise<SettingsReload> {
		const reload: SettingsReload = {notes: [], problems: []};
		const calendar = this.calendar.reread(force);
		if (calendar.kind === 'changed') {
			this.scheduler.setCalendar(calendar.calendar, await this.scheduler.prepareCalendar(calendar.calendar));
			this.applied(reload, 'calendar-config', calendar.summary, force);
			for (const warning of calendar.warnings) {
				this.scheduler.say('warn', `calendar.yaml: ${warning}`);
				reload.notes.push(`warning: calendar.yaml: ${warning}`);
			}
		} else if (calendar.kind === 'invalid') {
			this.kept(reload, 'calendar-config', calendar.problems, 'calendar.yaml not applied; the calendar loaded before stays');
		} else if (calendar.kind === 'mended') {
			this.mended(reload, 'calendar-config', 'calendar.yaml reads as before again; the calendar in use stays');
		}

		const notify = this.notify.reread(force);
		if (notify.kind === 'changed') {
			this.notifier.useSettings(notify.settings);
			this.scheduler.setAlertChannels(this.notifier.channels);
			this.applied(reload, 'notify-config', notify.summary, force);
		} else if (notify.kind === 'invalid') {
			this.kept(reload, 'notify-config', notify.problems, 'notification settings not applied; the ones loaded before stay');
		} else if (notify.kind === 'mended') {
			this.mended(reload, 'notify-config', 'notification settings read as before again; the ones in use stay');
		}

		if (force) {
			const readAnew = new Set<string>();
			if (calendar.kind !== 'unchanged') {
				readAnew.add('calendar-config');
			}

			if (notify.kind !== 'unchanged') {
				readAnew.add('notify-config');
			}

			this.tellUnreported(reload, readAnew);
		}

		return reload;
	}

	/** A `reload` also tells what the watcher applied a moment before from a file it found unchanged since (not `readAnew`). */
	private tellUnreported(reload: SettingsReload, readAnew: ReadonlySet<string>): void {
		for (const [noticeKey, {note, at}] of this.unreported) {
			if (!readAnew.has(noticeKey) && Date.now() - at <= unreportedForMs) {
				reload.notes.push(note);
			}
		}

		this.unreported.clear();
	}

	private applied(reload: SettingsReload, noticeKey: string, summary: string, force: boolean): void {
		this.scheduler.setNotice(noticeKey, undefined);
		this.scheduler.say('info', summary);
		reload.notes.push(summary);
		if (!force) {
			this.unreported.set(noticeKey, {note: summary, at: Date.now()});
		}
	}

	/** A file broken, then put back as it was: nothing to apply, and the notice of the broken one goes. */
	private mended(reload: SettingsReload, noticeKey: string, note: string): void {
		this.scheduler.setNotice(noticeKey, undefined);
		this.scheduler.say('info', note);
		reload.notes.push(note);
	}

	private kept(reload: SettingsReload, noticeKey: string, problems: readonly ConfigProblem[], what: string): void {
		for (const problem of problems) {
			this.scheduler.say('error', formatProblem(problem));
		}

		this.scheduler.say('error', what);
		this.scheduler.setNotice(noticeKey, `${what}: ${formatProblem(problems[0]!)}${problems.length > 1 ? ` (+${problems.length - 1} more in the log)` : ''}`);
		reload.notes.push(what);
		reload.problems.push(...problems);
	}
}
