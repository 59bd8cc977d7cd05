/**
 * Stopping a service's process: its stop signal to the whole tree, SIGKILL to what is left after its
 * stop timeout, each step in the log; and what the stop is for once the process is gone (held, out of
 * its window, started again, or counted as an exit). A shutdown waits for it, but not for ever.
 */
import {describeTree} from '../executors/process-tree.js';
import type {ServiceLife} from './service-life.js';
import type {StopReason} from './service-runs.js';

/**
 * After a stop, the service is held (`stopped`), out of its window, started again (the next start of its
 * streak: a restart), started as the operator's start asked while it was stopping (`manual-start`: a
 * fresh streak, outside its window until the end of the next one), or handled as an exit. Out of its
 * window, the window as it is when the stop ends decides: wanted again meanwhile, it starts afresh.
 */
export type AfterStop = 'stopped' | 'outside-window' | 'start' | 'manual-start' | 'exit';

/** A stop under way. */
export type Stopping = {
	reason: StopReason;
	/** The reason in words, when the reason's name alone would not say it ("2026-11-20 is now closed (calendar reload)"). */
	why?: string;
	then: AfterStop;
	/** The scheduler's shutdown, or the service's removal from jobs.yaml, came while it was under way. */
	closing?: Extract<StopReason, 'shutdown' | 'removed'>;
	/** Processes of its tree killed with SIGKILL, once `done`. */
	killed: number;
	/** Settles when the stop of the whole tree is over. */
	done: Promise<void>;
	/** Those waiting for the stop's end (a shutdown). */
	waiters: Array<() => void>;
};

/** How long past its stop timeout a shutdown waits for a process that survives SIGKILL (stuck in the kernel). */
const shutdownSlackMs = 5000;

export class ServiceStops {
	current: Stopping | undefined;

	constructor(private readonly life: ServiceLife) {}

	begin(reason: StopReason, then: AfterStop, why?: string): void {
		const {life} = this;
		const process = life.process;
		if (!process) {
			return;
		}

		life.timers.clear('ready', 'ready-timeout', 'output', 'stable');
		const stopping: Stopping = {reason, ...(why ? {why} : {}), then, killed: 0, done: Promise.resolve(), waiters: []};
		this.current = stopping;
		life.moveTo('stopping');
		stopping.done = process.stop(life.def.stopSignal, life.def.stopTimeoutMs, report => {
			life.deps.say('info', `${life.def.id}: ${why ?? `${reason} stop`}, sent ${life.def.stopSignal} to ${describeTree(report)}`, life.run?.id);
		}).then(report => {
			stopping.killed = report.killed;
			if (report.killed > 0) {
				life.deps.say('warn', `${life.def.id}: ${report.killed} process(es) still running ${Math.round(life.def.stopTimeoutMs / 1000)} s after ${life.def.stopSignal}, killed with SIGKILL`, life.run?.id);
			}
		}, (error: unknown) => {
			life.deps.say('error', `${life.def.id}: could not stop pid ${process.pid}: ${(error as Error).message}`, life.run?.id);
		});
	}

	/** A stop under way ends in `then` instead, unless it is to be handled as an exit (not ready in time). */
	redirect(then: AfterStop): void {
		if (this.current && this.current.then !== 'exit') {
			this.current.then = then;
		}
	}

	/** The stop's process is gone and its end handled: those waiting for it go on. */
	finished(stopping: Stopping): void {
		for (const resolve of stopping.waiters) {
			resolve();
		}
	}

	/** Shutdown (or removed from jobs.yaml): stopped with its signal and timeout; settles once its process is gone. */
	async close(reason: Extract<StopReason, 'shutdown' | 'removed'>): Promise<void> {
		const {life} = this;
		life.timers.clearAll();
		if (life.isRunning) {
			this.begin(reason, 'outside-window');
		}

		if (this.current) {
			this.current.closing = reason;
			// A manual stop under way at a shutdown still ends in its hold (kept for the next scheduler, with
			// why); anything else ends out of its window, and a removed service is held no more.
			if (reason === 'removed' || this.current.then !== 'stopped') {
				this.current.then = 'outside-window';
			}

			// A process that survives SIGKILL (stuck in the kernel) must not hold the shutdown for ever.
			let timer: NodeJS.Timeout | undefined;
			await Promise.race([
				new Promise<void>(resolve => {
					this.current?.waiters.push(resolve);
				}),
				new Promise<void>(resolve => {
					timer = setTimeout(resolve, life.def.stopTimeoutMs + shutdownSlackMs);
				}),
			]);
			clearTimeout(timer);
		}

		life.timers.clearAll();
	}
}
