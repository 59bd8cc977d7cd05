/** process.env and the listeners on process as they were, to tell whether a run changed them. */
export class ProcessFingerprint {
	private constructor(
		private readonly env: string,
		private readonly listeners: string,
		/** process.env's names as they were, in order, and their values: the same means the same env, without a sort. */
		private readonly envNames: string[],
		private readonly envValues: Array<string | undefined>,
	) {}

	static take(): ProcessFingerprint {
		const envNames = Object.keys(process.env);
		return new ProcessFingerprint(envText(), listenerText(), envNames, envNames.map(name => process.env[name]));
	}

	/** Whether nothing differs, cheaply. */
	unchanged(): boolean {
		return this.sameEnv() && listenerText() === this.listeners;
	}

	/** What differs, named. */
	changes(): string[] {
		const found: string[] = [];
		if (envText() !== this.env) {
			found.push('process.env was changed');
		}

		if (listenerText() !== this.listeners) {
			found.push('listeners on process were added or removed');
		}

		return found;
	}

	/** Whether process.env has the same names in the same order with the same values (each read once: its reads are calls into Node). */
	private sameEnv(): boolean {
		const {env} = process;
		const names = Object.keys(env);
		if (names.length !== this.envNames.length) {
			return false;
		}

		for (let index = 0; index < names.length; index++) {
			const name = names[index]!;
			if (name !== this.envNames[index] || env[name] !== this.envValues[index]) {
				return false;
			}
		}

		return true;
	}
}

function envText(): string {
	return JSON.stringify(Object.entries(process.env).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function listenerText(): string {
	return process.eventNames().map(name => `${String(name)}:${process.listenerCount(name)}`).sort().join(',');
}
