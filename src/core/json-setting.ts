/**
 * A value kept as JSON in one row of the database's settings (a service's hold, a job's untold alert):
 * read back through `shape`, which takes what it recognises and turns the rest down, so a row that is
 * missing, unreadable or of another shape reads as none.
 */
export type KeptSettings = {
	setting(key: string): string | undefined;
	setSetting(key: string, value: string | undefined): void;
};

export function readJsonSetting<T>(settings: Pick<KeptSettings, 'setting'>, key: string, shape: (value: Record<string, unknown>) => T | undefined): T | undefined {
	const text = settings.setting(key);
	if (text === undefined) {
		return undefined;
	}

	try {
		const value = JSON.parse(text) as unknown;
		return typeof value === 'object' && value !== null ? shape(value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** Keeps `value` as JSON under `key`; undefined removes the row. */
export function keepJsonSetting(settings: Pick<KeptSettings, 'setSetting'>, key: string, value: unknown): void {
	settings.setSetting(key, value === undefined ? undefined : JSON.stringify(value));
}
