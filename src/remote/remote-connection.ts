/**
 * The scheduler's way to Redis for runs on workers, made on first use: the link (RedisLink), the reader
 * of the runs' event streams and the directory of workers on it. A console whose `redis:` is missing
 * or unusable still starts and runs local jobs; the operator is told why runs on workers fail, and told
 * once per change (in the log and a standing notice) while Redis is unreachable or may evict runs.
 */
import type {RedisSettings} from '../core/job-definition.js';
import {openRedisWarning} from './open-redis-warning.js';
import {RedisLink} from './redis-link.js';
import {redisTarget, RedisSettingsError, shownUrl} from './redis-settings.js';
import {RunEventReader} from './run-event-reader.js';
import {WorkerDirectory} from './worker-directory.js';

export type RemoteConnectionOptions = {
	/** Where a relative path in the settings starts. */
	root: string;
	settings(): RedisSettings | undefined;
	say(level: 'info' | 'warn' | 'error', msg: string): void;
	/** A standing notice (undefined clears it). */
	notice(key: string, text: string | undefined): void;
	/** The executor is closing: no link is made any more. */
	closed(): boolean;
	/** Redis became reachable, or stopped being. */
	changed(): void;
};

/** The link and what is read through it. */
export type RemoteParts = {link: RedisLink; reader: RunEventReader; directory: WorkerDirectory};

export class RemoteConnection {
	/** Why there is no link: the settings are missing or unusable. */
	problem: string | undefined;
	/** Redis's maxmemory-policy lets it evict queued runs, once seen. */
	evictionWarning: string | undefined;
	private parts: RemoteParts | undefined;

	constructor(private readonly options: RemoteConnectionOptions) {}

	/** The parts, made on first use; undefined (with `problem`) when the settings are unusable. */
	ensure(): RemoteParts | undefined {
		if (this.parts || this.options.closed()) {
			return this.parts;
		}

		const settings = this.options.settings();
		if (!settings) {
			this.problem = 'jobs.yaml has no redis: URL for runs on workers';
			return undefined;
		}

		try {
			const target = redisTarget(settings, this.options.root);
			const link = new RedisLink(target, {
				changed: (reachable, problem) => this.linkChanged(target.shown, reachable, problem),
				eviction: policy => {
					this.evictionChecked(target.shown, policy);
				},
			});
			this.parts = {link, reader: new RunEventReader(link), directory: new WorkerDirectory(link)};
			const openRedis = openRedisWarning(target);
			if (openRedis !== undefined) {
				this.options.say('warn', openRedis);
			}

			this.options.notice('redis-open', openRedis);

			return this.parts;
		} catch (error) {
			this.problem = error instanceof RedisSettingsError ? error.message : `Redis at ${shownUrl(settings.url)}: ${(error as Error).message}`;
			this.options.say('error', `${this.problem}: runs on workers fail until it is fixed`);
			this.options.notice('redis', this.problem);
			return undefined;
		}
	}

	/** Stops reading the runs' streams and closes the link. */
	async close(): Promise<void> {
		this.parts?.reader.stop();
		await this.parts?.link.close();
	}

	/**
	 * Redis's maxmemory-policy as read at a connect: a policy other than noeviction is warned of (log and
	 * standing notice) when first seen or changed; the warning goes once Redis, restarted, has noeviction.
	 * One that cannot be read (CONFIG and INFO refused) leaves what was said.
	 */
	private evictionChecked(shown: string, policy: string | undefined): void {
		if (policy === undefined) {
			return;
		}

		const warning = policy === 'noeviction' ? undefined : `Redis at ${shown} has maxmemory-policy ${policy}: it may evict queued runs and their results; set maxmemory-policy noeviction`;
		if (warning === this.evictionWarning) {
			return;
		}

		if (warning === undefined) {
			this.options.say('info', `Redis at ${shown} has maxmemory-policy noeviction now: queued runs and their results are not evicted`);
		} else {
			this.options.say('warn', warning);
		}

		this.evictionWarning = warning;
		this.options.notice('redis-eviction', warning);
		this.options.changed();
	}

	/** Told once per change: the console's log and a standing notice while Redis is unreachable. */
	private linkChanged(shown: string, reachable: boolean, problem: string | undefined): void {
		if (reachable) {
			this.options.say('info', `Redis reachable at ${shown}: runs on workers go to the workers`);
			this.options.notice('redis', undefined);
		} else {
			const text = `Redis unreachable at ${shown}${problem ? ` (${problem})` : ''}: runs on workers fail until it is back; local jobs go on`;
			this.options.say('error', text);
			this.options.notice('redis', text);
		}

		this.options.changed();
	}
}
