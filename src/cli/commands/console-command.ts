import {formatDuration} from '../../config/quantities.js';
import type {AppPaths} from '../../host/paths.js';
import {startSchedulerThread} from '../../host/scheduler-thread.js';
import {connectToScheduler, NoSchedulerError} from '../../host/socket-client.js';
import {SchedulerFeed} from '../../ui/scheduler-feed.js';
import {startConsole} from '../../ui/start-console.js';
import {fallbackCalendar} from '../console-fallback-calendar.js';
import {exitCodes} from '../exit-codes.js';

/**
 * `sage-console` on a terminal. When a scheduler already runs for this root (headless under systemd,
 * or another console), the console attaches to it and `q` leaves it running (and re-attaches when that
 * scheduler restarts); otherwise the scheduler
 * starts on a thread of this process and stops with the console.
 */
export async function consoleCommand(paths: AppPaths): Promise<number> {
	// The header shows the market by the scheduler's calendar (in its snapshot, reloads included): this
	// one, read here, stands in only for a scheduler too old to send it, and only if the file reads fine.
	const calendar = fallbackCalendar(paths);
	try {
		const {client, server} = await connectToScheduler(paths.socketFile, 'console');
		// Kept open in tmux all day: when the scheduler restarts (systemd), the console attaches to the new one.
		const reattach = async () => {
			const attached = await connectToScheduler(paths.socketFile, 'console');
			return {client: attached.client, pid: attached.server.pid};
		};
		const feed = await SchedulerFeed.open(client, {pid: server.pid, reattach});
		await startConsole({feed, calendar, attachedTo: server.pid});
		feed.close();
		client.close();
		return exitCodes.ok;
	} catch (error) {
		if (!(error instanceof NoSchedulerError)) {
			throw error;
		}
	}

	const thread = await startSchedulerThread(paths);
	const feed = await SchedulerFeed.open(thread.client);
	const chosen = await startConsole({feed, calendar});
	const grace = formatDuration(feed.snapshot.scheduler.shutdownGraceMs);
	feed.close();
	// A signal stops the scheduler as --headless does: the config's `shutdown` (wait or cancel, with its grace).
	const mode = chosen === 'signal' ? undefined : chosen;
	if (mode === 'wait') {
		process.stdout.write(`waiting up to ${grace} (shutdown_grace) for live runs to finish, then they are cancelled… (Ctrl-C cancels them now)\n`);
	}

	if (mode !== 'cancel') {
		// While live runs are waited for, another signal (or Ctrl-C) cancels them at once.
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
			process.once(signal, () => {
				void thread.stop('cancel');
			});
		}
	}

	await thread.stop(mode);
	return exitCodes.ok;
}
