import type {WorkerLogger} from './worker-logger.js';

/** The same trouble is logged again after this long at the earliest. */
const againAfterMs = 60_000;

/** Connection trouble is logged once a minute per kind, not per retry (ioredis retries for ever). */
export class TroubleLog {
	private readonly toldAt = new Map<string, number>();

	constructor(private readonly logger: WorkerLogger) {}

	/** Forgets what was told (the connection is back): whether anything was. */
	clear(): boolean {
		const told = this.toldAt.size > 0;
		this.toldAt.clear();
		return told;
	}

	tell(what: string, error: Error): void {
		const key = `${what}: ${error.message}`;
		const now = Date.now();
		if (now - (this.toldAt.get(key) ?? 0) >= againAfterMs) {
			this.toldAt.set(key, now);
			this.logger.warn({err: error.message}, `${what}: ${error.message}`);
		}
	}
}
