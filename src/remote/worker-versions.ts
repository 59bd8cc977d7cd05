/**
 * Workers online that run another sage-console version than this scheduler: the two speak one event
 * format on Redis, and a worker left behind by an upgrade of the trading box (or ahead of it) is not
 * supported. A standing notice names each such worker and its version, and goes once it is
 * restarted on the same version (or leaves).
 */
import type {RemoteView} from '../protocol/snapshot.js';

export class WorkerVersions {
	private told: string | undefined;

	constructor(private readonly ownVersion: string, private readonly notice: (text: string | undefined) => void) {}

	/** Looks at a new picture of the workers. */
	look(view: RemoteView): void {
		if (!view.reachable) {
			return;
		}

		const others = view.workers.filter(worker => worker.online && worker.version !== undefined && worker.version !== this.ownVersion);
		const text = others.length === 0
			? undefined
			: `${others.map(worker => `worker ${worker.name} runs sage-console ${worker.version!}`).join(', ')}, this scheduler ${this.ownVersion}: update ${others.length === 1 ? 'its' : 'their'} checkout (npm ci) and restart ${others.length === 1 ? 'it' : 'them'}`;
		if (text !== this.told) {
			this.told = text;
			this.notice(text);
		}
	}
}
