/**
 * The scheduler's picture of the workers and queues (RemoteView), kept current by polling Redis: every
 * worker's heartbeat each poll, the queues' depths every other poll, and after each poll a look at the
 * runs followed (one on a dead worker goes to another). While Redis is unreachable the workers are shown
 * offline, with the runs they had when last seen. A new picture is handed on only when it changed, or every few seconds.
 */
import type {RedisSettings} from '../core/job-definition.js';
import type {RemoteView} from '../protocol/snapshot.js';
import type {RemoteConnection} from './remote-connection.js';
import type {RedisLink} from './redis-link.js';

export type RemoteViewPollOptions = {
	connection: RemoteConnection;
	settings(): RedisSettings | undefined;
	/** Every worker queue the config names (their depths are shown). */
	queues(): string[];
	view(view: RemoteView): void;
	/** The executor is closing: nothing is polled any more. */
	closed(): boolean;
	/** Looks at the runs followed, after a poll that reached Redis. */
	checkRuns(now: number): Promise<void>;
	/** How long a poll waits for an unreachable Redis. */
	connectTimeoutMs: number;
	pollMs: number;
};

export class RemoteViewPoll {
	private timer: NodeJS.Timeout | undefined;
	private polling = false;
	private polls = 0;
	private view: RemoteView | undefined;
	private viewShownAt = 0;

	constructor(private readonly options: RemoteViewPollOptions) {}

	/** Polls every `pollMs` from now on. */
	start(): void {
		if (this.timer || this.options.closed()) {
			return;
		}

		this.timer = setInterval(() => {
			void this.poll();
		}, this.options.pollMs);
		this.timer.unref();
		void this.poll();
	}

	stop(): void {
		clearInterval(this.timer);
	}

	async poll(): Promise<void> {
		if (this.polling || this.options.closed() || !this.options.settings()) {
			return;
		}

		const parts = this.options.connection.ensure();
		if (!parts) {
			return;
		}

		const {link, directory} = parts;
		this.polling = true;
		try {
			if (!link.reachable) {
				await link.whenReady(this.options.connectTimeoutMs);
			}

			if (!link.reachable) {
				// Offline as far as this side can tell; their runs as last seen (they go on there: the run's row still names its worker).
				this.show({...this.baseView(link), workers: this.view?.workers.map(worker => ({...worker, online: false})) ?? [], queues: this.view?.queues ?? []});
				return;
			}

			const workers = await directory.pollWorkers();
			const queues = this.polls++ % 2 === 0 || !this.view ? await directory.pollQueues([...this.options.queues(), ...workers.flatMap(worker => worker.queues)]) : this.view.queues;
			this.show({...this.baseView(link), workers, queues});
			await this.options.checkRuns(Date.now());
		} catch {
			// Redis went away mid-poll: the link tells it; the next poll shows it.
		} finally {
			this.polling = false;
		}
	}

	private baseView(link: RedisLink): Pick<RemoteView, 'redis' | 'reachable' | 'problem' | 'evictionWarning'> {
		const {evictionWarning} = this.options.connection;
		return {
			redis: link.target.shown,
			reachable: link.reachable,
			...(link.reachable || !link.problem ? {} : {problem: link.problem}),
			...(evictionWarning ? {evictionWarning} : {}),
		};
	}

	/** A new view when something but the time a worker was last seen changed, else every few seconds. */
	private show(view: RemoteView): void {
		const now = Date.now();
		const key = (shown: RemoteView | undefined) => JSON.stringify(shown && {...shown, workers: shown.workers.map(worker => ({...worker, lastSeenAt: 0}))});
		if (key(view) === key(this.view) && now - this.viewShownAt < 5000) {
			return;
		}

		this.view = view;
		this.viewShownAt = now;
		this.options.view(view);
	}
}
