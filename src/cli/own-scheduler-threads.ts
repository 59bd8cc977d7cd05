import {releaseLockOfThisProcess} from '../host/instance-lock.js';
import type {AppPaths} from '../host/paths.js';
import {crashWindowMs, restartsPerWindow} from '../host/scheduler-crash-window.js';
import {startSchedulerThread, type SchedulerThread} from '../host/scheduler-thread.js';
import type {ProcessLogger} from '../log/process-logger.js';
import type {SchedulerFeed} from '../ui/scheduler-feed.js';
import type {CrashAlert} from './thread-crash-alert.js';

/**
 * The pause before each automatic start after a crash (the last one repeats), as systemd's RestartSec
 * grows: 2 s, 10 s, 60 s. `SAGE_CONSOLE_RESTART_DELAYS_MS` (milliseconds, comma-separated) sets them
 * (tests shorten them).
 */
export function restartDelaysMs(env: NodeJS.ProcessEnv = process.env): readonly number[] {
	const text = env.SAGE_CONSOLE_RESTART_DELAYS_MS;
	return text !== undefined && /^\d+(,\d+)*$/.test(text) ? text.split(',').map(Number) : [2000, 10_000, 60_000];
}

/**
 * What a crash needs (pino, the history database, the notifier and the config it reads): loaded at the
 * first crash, not with the console, so an idle console's UI thread does not hold them (~100 modules).
 */
async function loadCrashTools() {
	const [logging, stacks, alert] = await Promise.all([import('../log/process-logger.js'), import('../log/readable-stack.js'), import('./thread-crash-alert.js')]);
	return {...logging, ...stacks, ...alert};
}

type CrashTools = Awaited<ReturnType<typeof loadCrashTools>>;

/** How long an alert still on its way when the console closes may take to go out. */
const alertGraceMs = 5000;
/** While another scheduler starts or stops (the root's lock taken), an automatic start waits this long and looks again. */
const busyRootMs = 2000;

/**
 * The console's own scheduler threads (the one it starts, or one started with `S`). Each is watched:
 * one that ends unasked (an uncaught exception or `process.exit` on its thread) is written to
 * logs/sage-console.log with its stack, the root's lock it held is freed (no scheduler runs here now:
 * `status`, systemd's `--headless` and another console see the truth and may take the root), and the
 * console is told why. Then, as systemd restarts `--headless`, it is started again after a pause —
 * through the feed's start here, so a scheduler that took the root meanwhile is attached to instead,
 * and the new thread settles the runs the dead one left as any start does. More than
 * `restartsPerWindow` crashes in `crashWindowMs` leave it stopped: the console keeps saying nothing
 * fires and offers `S`. The phone hears of each crash (thread-crash-alert.ts): from the start that
 * follows, or, when none follows, from this thread.
 */
export class OwnSchedulerThreads {
	private current: SchedulerThread | undefined;
	private stopping = false;
	private feed: SchedulerFeed | undefined;
	private logger: ProcessLogger | undefined;
	private readonly crashes: number[] = [];
	private timer: NodeJS.Timeout | undefined;
	private alert: CrashAlert | undefined;
	private tools: CrashTools | undefined;
	/** The crash told so far (logged, recorded, alert started): a restart and `stop` wait for it. */
	private told: Promise<void> = Promise.resolve();

	constructor(private readonly paths: AppPaths) {}

	/** The newest thread started (it may have ended). */
	get thread(): SchedulerThread | undefined {
		return this.current;
	}

	/** Starts a scheduler thread and watches it. @throws as startSchedulerThread does */
	async start(): Promise<SchedulerThread> {
		const thread = await startSchedulerThread(this.paths);
		this.current = thread;
		void thread.ended.then(crash => {
			if (crash && thread === this.current && !this.stopping) {
				this.crashed(crash);
			}
		});
		return thread;
	}

	/** The console's feed: told why the scheduler went away, and the way a new one is started. */
	watchWith(feed: SchedulerFeed): void {
		this.feed = feed;
	}

	/** Stops the scheduler running here, if one does, and any start still to come. */
	async stop(mode?: 'wait' | 'cancel'): Promise<void> {
		this.stopping = true;
		clearTimeout(this.timer);
		await this.current?.stop(mode);
		await this.told;
		await this.alert?.close(alertGraceMs);
		await this.alert?.done;
	}

	private crashed(crash: Error): void {
		const now = Date.now();
		this.crashes.push(now);
		while (this.crashes.length > 0 && this.crashes[0]! < now - crashWindowMs) {
			this.crashes.shift();
		}

		const freed = releaseLockOfThisProcess(this.paths.lockFile);
		const gaveUp = this.crashes.length > restartsPerWindow;
		const delays = restartDelaysMs();
		const delayMs = delays[Math.min(this.crashes.length - 1, delays.length - 1)]!;
		const what = `${crash.name}: ${crash.message}`;
		const crashes = this.crashes.length;
		this.told = this.told.then(async () => {
			this.tools ??= await loadCrashTools();
			this.log('error', {err: this.tools.withReadableStack(crash), lockFreed: freed, crashesInWindow: crashes, ...(gaveUp ? {} : {restartInMs: delayMs})},
				`scheduler thread stopped: ${what}; nothing fires until it starts again${gaveUp ? ` — ${crashes} crashes in ${crashWindowMs / 60_000} min: not started again automatically (S in the console starts it)` : `; starting it again in ${delayMs / 1000} s`}`);
			this.alert = this.tools.tellThreadCrash(this.paths, {what, at: now, crashes, gaveUp}, (level, fields, message) => {
				this.log(level, fields, message);
			}) ?? this.alert;
		}).catch(() => {
			// Its modules did not load (the install changed under a running console): the header still says it.
		});
		this.feed?.explainGone(`scheduler thread stopped: ${what} (stack in logs/sage-console.log)${gaveUp ? `; ${this.crashes.length} crashes in ${crashWindowMs / 60_000} min: not started again automatically` : `; starting it again in ${delayMs / 1000} s`}`);
		if (!gaveUp) {
			this.restartAfter(delayMs);
		}
	}

	/** Starts the scheduler again after `delayMs`, unless the console re-attached, started one (`S`) or closed meanwhile. */
	private restartAfter(delayMs: number): void {
		clearTimeout(this.timer);
		this.timer = setTimeout(() => {
			// Not before the crash is recorded: the start that follows tells it (thread-crash-alert.ts).
			void this.told.then(() => {
				this.restartNow();
			});
		}, delayMs);
		this.timer.unref();
	}

	/** The start after a crash, once its pause is over and the crash is recorded. */
	private restartNow(): void {
		const feed = this.feed;
		if (this.stopping || !feed?.gone) {
			return;
		}

		if (!feed.reattaching?.noScheduler) {
			// Not yet known that the root is free, or another scheduler is starting: look again shortly.
			this.restartAfter(busyRootMs);
			return;
		}

		feed.startHere().then(otherPid => {
			this.log('info', {otherPid}, otherPid === undefined ? 'scheduler thread started again after its crash' : `scheduler pid ${otherPid} took this root meanwhile: attached to it`);
		}, (error: unknown) => {
			const failure = error instanceof Error ? error : new Error(String(error));
			if (!this.stopping) {
				this.crashed(failure);
			}
		});
	}

	/** The console's log, written from this thread while no scheduler thread writes it. */
	private log(level: 'error' | 'info', fields: Record<string, unknown>, message: string): void {
		if (!this.tools) {
			return;
		}

		const {createProcessLogger, flushProcessLogger} = this.tools;
		try {
			this.logger ??= createProcessLogger(this.paths.logs, {stdout: false, timeZone: this.feed?.snapshot.scheduler.timezone});
			this.logger[level](fields, message);
			flushProcessLogger(this.logger);
		} catch {
			// The log cannot be written (logs/ gone, a full disk): the console's header still says it.
		}
	}
}
