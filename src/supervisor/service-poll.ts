/**
 * The supervisor's poll on real time (once a second by default): the memory of each live service's
 * process tree (max_memory), whether an adopted process still runs, and the size of its output files
 * (rotated past log_max_bytes), or whether they were deleted under it (deleted-output-files.ts). One poll at a time: a rotation copying a big file may outlast the
 * interval.
 */
import path from 'node:path';
import {readAllProcStats} from '../executors/proc-stat.js';
import {DeletedOutputFiles} from './deleted-output-files.js';
import {rotateIfOver, serviceLogFiles} from './service-logs.js';
import type {SupervisedService} from './supervised-service.js';
import type {SupervisorSay} from './supervisor-deps.js';

export type ServicePollDeps = {
	/** Every service supervised now. */
	services(): Iterable<SupervisedService>;
	/** The supervisor is stopping: nothing more is looked at. */
	closed(): boolean;
	/** `ROOT/logs/services`. */
	logsDir: string;
	say: SupervisorSay;
};

export class ServicePoll {
	private timer: NodeJS.Timeout | undefined;
	/** A poll is under way (a rotation copying a big file may outlast the interval). */
	private polling = false;
	private readonly deleted = new DeletedOutputFiles();

	constructor(private readonly deps: ServicePollDeps) {}

	/** Polls every `intervalMs` (real ms) until stop; the timer does not keep the process alive. */
	start(intervalMs: number): void {
		this.timer = setInterval(() => {
			void this.poll();
		}, intervalMs);
		this.timer.unref();
	}

	stop(): void {
		clearInterval(this.timer);
	}

	private async poll(): Promise<void> {
		const live = [...this.deps.services()].filter(service => service.state === 'starting' || service.state === 'up' || service.state === 'stopping');
		if (live.length === 0 || this.deps.closed() || this.polling) {
			return;
		}

		this.polling = true;
		try {
			await this.pollLive(live);
		} finally {
			this.polling = false;
		}
	}

	private async pollLive(live: readonly SupervisedService[]): Promise<void> {
		const stats = await readAllProcStats();
		this.deleted.keepOnly(new Set(live.map(service => service.pid).filter(pid => pid !== undefined)));
		for (const service of live) {
			service.sample(stats);
			const files = serviceLogFiles(this.deps.logsDir, service.def.id);
			for (const file of service.pid === undefined ? [] : this.deleted.newlyDeleted(service.pid, files)) {
				this.deps.say('warn', `${path.basename(file)} was deleted while ${service.def.id} runs (pid ${service.pid}): it writes on into the deleted file, which takes disk space unseen, is not rotated and cannot be read; restart ${service.def.id} to give it a new one`, {jobId: service.def.id});
			}

			for (const file of [files.out, files.err]) {
				try {
					if (await rotateIfOver(file, service.def.logMaxBytes, service.def.logKeep)) {
						this.deps.say('info', `rotated ${path.basename(file)} (over ${Math.round(service.def.logMaxBytes / 1024)} KiB; keeping ${service.def.logKeep})`, {jobId: service.def.id});
					}
				} catch (error) {
					this.deps.say('warn', `could not rotate ${file}: ${(error as Error).message}`, {jobId: service.def.id});
				}
			}
		}
	}
}
