import {formatDuration} from '../../config/quantities.js';
import {lockHolder, SchedulerRunningError} from '../../host/instance-lock.js';
import type {AppPaths} from '../../host/paths.js';
import {connectToScheduler, NoSchedulerError} from '../../host/socket-client.js';
import type {ResultOf} from '../../protocol/messages.js';
import type {SchedulerClient} from '../../protocol/client.js';
import type {LiveRunView} from '../../protocol/snapshot.js';
import type {TradingCalendar} from '../../market/trading-calendar.js';
import {SchedulerFeed, type Reattach, type StartHere} from '../../ui/scheduler-feed.js';
import {startConsole} from '../../ui/start-console.js';
import type {QuitMode} from '../../ui/keys/use-console-keys.js';
import {fallbackCalendar} from '../console-fallback-calendar.js';
import {OwnSchedulerThreads} from '../own-scheduler-threads.js';
import {exitCodes} from '../exit-codes.js';
import type {StartSignals} from '../start-signals.js';

/**
 * `sage-console` on a terminal. When a scheduler already runs for this root (headless under systemd,
 * or another console), the console attaches to it and `q` leaves it running (and re-attaches when that
 * scheduler restarts; while none runs at all, `S` starts it here); otherwise the scheduler
 * starts on a thread of this process and stops with the console. A scheduler thread of this console
 * that crashes is started again (own-scheduler-threads.ts); meanwhile the console says nothing fires. `signals` heard the stop signals
 * from before the scheduler took the root's lock: one that came before the screen is drawn stops the
 * scheduler as a signal does later (none is started if it came first), and the console never opens.
 */
export async function consoleCommand(paths: AppPaths, signals: StartSignals): Promise<number> {
	try {
		const attached = await connectToScheduler(paths.socketFile, 'console');
		// The header shows the market by the scheduler's calendar (in its snapshot, reloads included): this
		// one, read here, stands in only for a scheduler too old to send it, and only if the file reads fine.
		return await attachedConsole(paths, attached, await fallbackCalendar(paths), signals);
	} catch (error) {
		if (!(error instanceof NoSchedulerError)) {
			throw error;
		}
	}

	if (signals.received) {
		return exitCodes.ok;
	}

	const threads = new OwnSchedulerThreads(paths);
	const thread = await threads.start();
	const feed = await SchedulerFeed.open(thread.client, {...rootWatch(paths, threads), schedulingHere: true});
	threads.watchWith(feed);
	signals.release();
	if (signals.received) {
		await stopOwnScheduler(threads, feed, 'signal');
		return exitCodes.ok;
	}

	const chosen = await startConsole({feed});
	// Its own scheduler gone for good (crashes), the console may have attached to systemd's since.
	const leftRunning = schedulerLeftRunning(feed);
	await stopOwnScheduler(threads, feed, chosen);
	sayDetached(leftRunning, chosen);
	return exitCodes.ok;
}

/**
 * How a console finds a scheduler again once its own went away, and starts one here: re-attaching
 * to the root's socket (a restart), asking whether any scheduler holds the root, starting one on a
 * thread of this process (`S`, or the automatic start after a crash) — or attaching to the one that
 * took the root meanwhile.
 */
function rootWatch(paths: AppPaths, threads: OwnSchedulerThreads): {reattach: Reattach; noScheduler: () => boolean; startHere: StartHere} {
	const reattach = async () => {
		const attached = await connectToScheduler(paths.socketFile, 'console');
		const {droppedAt} = attached.server;
		return {client: attached.client, pid: attached.server.pid, startedAt: attached.server.startedAt, ...(droppedAt === undefined ? {} : {droppedAt})};
	};

	const startHere: StartHere = async () => {
		try {
			const thread = await threads.start();
			return {client: thread.client};
		} catch (error) {
			if (!(error instanceof SchedulerRunningError)) {
				throw error;
			}

			// Another scheduler (systemd's restart, another console) took the lock meanwhile: attach to it.
			try {
				return await reattach();
			} catch {
				throw new Error(`scheduler${error.holderPid === undefined ? '' : ` pid ${error.holderPid}`} took this root meanwhile and does not answer yet: re-attaching to it`);
			}
		}
	};

	return {reattach, noScheduler: () => lockHolder(paths.lockFile) === undefined, startHere};
}

/**
 * The console attached to a scheduler in another process. Kept open in tmux all day: when that
 * scheduler restarts (systemd), the console attaches to the new one; when it is gone and no scheduler
 * holds the root (its lock free), the operator may start one here (`S`), as a plain start would.
 */
async function attachedConsole(paths: AppPaths, {client, server}: {client: SchedulerClient; server: ResultOf<'hello'>}, calendar: TradingCalendar | undefined, signals: StartSignals): Promise<number> {
	const threads = new OwnSchedulerThreads(paths);
	const feed = await SchedulerFeed.open(client, {pid: server.pid, startedAt: server.startedAt, ...rootWatch(paths, threads)});
	threads.watchWith(feed);
	signals.release();
	if (signals.received) {
		feed.close();
		client.close();
		return exitCodes.ok;
	}

	const chosen = await startConsole({feed, calendar, attachedTo: server.pid});
	const leftRunning = schedulerLeftRunning(feed);
	if (threads.thread) {
		await stopOwnScheduler(threads, feed, chosen);
	} else {
		feed.close();
	}

	sayDetached(leftRunning, chosen);
	client.close();
	return exitCodes.ok;
}

/** The pid of the scheduler in another process the console is attached to as it quits, which runs on. */
function schedulerLeftRunning(feed: SchedulerFeed): number | undefined {
	return feed.reattaching === undefined && !feed.schedulingHere ? feed.pid : undefined;
}

/**
 * As tmux says `[detached]`: the screen the console leaves shows nothing of the scheduler going on.
 * Not after a signal (the terminal may be gone).
 */
function sayDetached(pid: number | undefined, chosen: QuitMode | 'signal'): void {
	if (pid !== undefined && chosen !== 'signal') {
		process.stdout.write(`detached: the scheduler (pid ${pid}) runs on; sage-console to attach again\n`);
	}
}

/** The runs a quit waits for, as the screen it leaves names them: `: run 12 backtest 45%, run 13 sync_bars`; '' for none. */
function liveRunsText(live: readonly LiveRunView[]): string {
	const running = live.filter(run => run.status === 'running');
	const named = running.slice(0, 5).map(run => `run ${run.runId} ${run.jobId}${run.progress === undefined ? '' : ` ${Math.floor(run.progress * 100)}%`}`);
	return named.length === 0 ? '' : `: ${named.join(', ')}${running.length > named.length ? ` and ${running.length - named.length} more` : ''}`;
}

/** The console's own scheduler stopped as the operator chose at `q` (or as `--headless` on a signal). */
async function stopOwnScheduler(threads: OwnSchedulerThreads, feed: SchedulerFeed, chosen: QuitMode | 'signal'): Promise<void> {
	const grace = formatDuration(feed.snapshot.scheduler.shutdownGraceMs);
	const waitedFor = liveRunsText(feed.snapshot.live);
	feed.close();
	// A signal stops the scheduler as --headless does: the config's `shutdown` (wait or cancel, with its grace).
	const mode = chosen === 'signal' ? undefined : chosen;
	if (mode === 'wait') {
		process.stdout.write(`waiting up to ${grace} (shutdown_grace) for live runs to finish${waitedFor}, then they are cancelled… (Ctrl-C cancels them now)\n`);
	}

	if (mode !== 'cancel') {
		// While live runs are waited for, another signal (or Ctrl-C) cancels them at once.
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			process.once(signal, () => {
				void threads.stop('cancel');
			});
		}
	}

	await threads.stop(mode);
}
