/**
 * Standing notices for the console's header and `status` (the HTTP API off, run logs not written, the
 * config file gone), one per key. Each is said where a headless box's operator looks (journald,
 * sage-console.log) once when it comes and once when it goes, not at each new wording.
 */
export class Notices {
	private readonly standing = new Map<string, string>();

	constructor(private readonly say: (level: 'info' | 'warn', msg: string) => void) {}

	get(key: string): string | undefined {
		return this.standing.get(key);
	}

	/** Sets (or with undefined clears) the notice under `key`. */
	set(key: string, text: string | undefined): void {
		const before = this.standing.get(key);
		if (text === undefined) {
			this.standing.delete(key);
		} else {
			this.standing.set(key, text);
		}

		if (before === undefined && text !== undefined) {
			this.say('warn', `notice: ${text}`);
		} else if (before !== undefined && text === undefined) {
			this.say('info', `notice over: ${before}`);
		}
	}

	list(): string[] {
		return [...this.standing.values()];
	}
}
