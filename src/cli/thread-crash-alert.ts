import {hostname} from 'node:os';
import type {AppPaths} from '../host/paths.js';
import {crashWindowMinutes} from '../host/scheduler-crash-window.js';
import {configuredTimeZone} from './commands/configured-time-zone.js';
import {Notifier} from '../notify/notifier.js';
import {configuredChannels, loadNotifySettings} from '../notify/notify-settings.js';
import {schedulerLeftStoppedMessage} from '../notify/scheduler-down-messages.js';
import {SqliteNotificationStore} from '../store/notification-store.js';
import {openDatabase, type SqliteDatabase} from '../store/open-database.js';
import {SchedulerLifeStore} from '../store/scheduler-life-store.js';

export type CrashLog = (level: 'error' | 'info', fields: Record<string, unknown>, message: string) => void;

/** A console's scheduler thread that crashed: the error, when, the crashes in the window, and whether no start follows. */
export type ThreadCrash = {what: string; at: number; crashes: number; gaveUp: boolean};

/** An alert on its way from the console's main thread; `close` gives it `graceMs` more, then records it as not sent. */
export type CrashAlert = {done: Promise<void>; close(graceMs: number): Promise<void>};

/**
 * What the console's main thread does when its scheduler thread crashed, the notifier that thread
 * ran having died with it. The crash goes into the scheduler's life row (scheduler-life-store.ts), so the
 * start that follows tells it in its `⚠ sage-console was down` alert. When no start follows (the
 * console gave up), the main thread sends the alert itself through a short-lived Notifier, as
 * `sage-console notify test` does, with the same queue, retries and delivery records; once it went
 * out, the operator's next start does not send it again.
 */
export function tellThreadCrash(paths: AppPaths, crash: ThreadCrash, log: CrashLog): CrashAlert | undefined {
	let db: SqliteDatabase;
	try {
		db = openDatabase(paths.dbFile);
	} catch (error) {
		log('error', {err: error}, `could not record the scheduler thread's crash in the history database: ${(error as Error).message}`);
		return undefined;
	}

	const life = new SchedulerLifeStore(db);
	try {
		life.crashed(process.pid, crash.at, crash.what, crash.crashes);
		return crash.gaveUp ? sendLeftStopped(paths, db, life, crash, log) : closeQuietly(db);
	} catch (error) {
		log('error', {err: error}, `could not tell the scheduler thread's crash: ${(error as Error).message}`);
		return closeQuietly(db);
	}
}

function closeQuietly(db: SqliteDatabase): undefined {
	try {
		db.close();
	} catch {
		// Closed already, or the file is gone: nothing is left to write.
	}

	return undefined;
}

/** @throws ConfigError (the notify files are broken: the caller logs it) */
function sendLeftStopped(paths: AppPaths, db: SqliteDatabase, life: SchedulerLifeStore, crash: ThreadCrash, log: CrashLog): CrashAlert | undefined {
	const settings = loadNotifySettings(paths.notifyConfigFile, paths.userConfigFile);
	if (configuredChannels(settings).length === 0) {
		return closeQuietly(db);
	}

	const started = life.last();
	const notifier = new Notifier(settings, new SqliteNotificationStore(db), {
		info: (fields, message) => log('info', fields, message),
		warn: (fields, message) => log('info', fields, message),
		error: (fields, message) => log('error', fields, message),
	});
	const message = schedulerLeftStoppedMessage({
		root: paths.root, host: hostname(), pid: process.pid, startedAt: started?.pid === process.pid ? started.startedAt : undefined,
		at: crash.at, crash: crash.what, crashes: crash.crashes,
	}, crashWindowMinutes, configuredTimeZone(paths));
	const done = notifier.send(message, {}, 'notify_job_failures').then(results => {
		const sent = results.filter(result => result.status === 'sent').map(result => result.channel);
		if (sent.length > 0) {
			life.told(process.pid, Date.now());
		}

		log(sent.length > 0 ? 'info' : 'error', {results: results.map(({channel, recipient, status}) => ({channel, recipient, status}))},
			sent.length > 0 ? `the scheduler left stopped was told through ${[...new Set(sent)].join(', ')}` : 'the scheduler left stopped could not be told through any channel');
	}).catch((error: unknown) => {
		log('error', {err: error}, `could not tell that the scheduler is left stopped: ${(error as Error).message}`);
	}).finally(() => closeQuietly(db));
	return {done, close: async graceMs => notifier.close(graceMs)};
}
