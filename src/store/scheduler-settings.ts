import type {SqliteDatabase} from './open-database.js';

function prepareStatements(db: SqliteDatabase) {
	return {
		selectSetting: db.prepare('SELECT value FROM settings WHERE key = ?'),
		upsertSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
		deleteSetting: db.prepare('DELETE FROM settings WHERE key = ?'),
		selectKeysStartingWith: db.prepare('SELECT key FROM settings WHERE substr(key, 1, length(@prefix)) = @prefix ORDER BY key').pluck(),
	};
}

/** Scheduler-wide settings kept across restarts (the `settings` table): its pause, a service's hold… */
export class SchedulerSettings {
	private readonly s: ReturnType<typeof prepareStatements>;

	constructor(db: SqliteDatabase) {
		this.s = prepareStatements(db);
	}

	schedulerPaused(): boolean {
		return this.setting('paused') === '1';
	}

	setSchedulerPaused(paused: boolean): void {
		this.s.upsertSetting.run('paused', paused ? '1' : '0');
	}

	/** A scheduler-wide setting kept across restarts (a service's hold…), as text. */
	setting(key: string): string | undefined {
		return (this.s.selectSetting.get(key) as {value: string} | undefined)?.value;
	}

	/** The keys kept that start with `prefix` (`service-hold:`: every service's hold). */
	settingKeys(prefix: string): string[] {
		return this.s.selectKeysStartingWith.all({prefix}) as string[];
	}

	/** Keeps `value` under `key`; undefined removes it. */
	setSetting(key: string, value: string | undefined): void {
		if (value === undefined) {
			this.s.deleteSetting.run(key);
		} else {
			this.s.upsertSetting.run(key, value);
		}
	}
}
