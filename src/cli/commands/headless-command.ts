import type {AppPaths} from '../../host/paths.js';
import {SchedulerHost} from '../../host/scheduler-host.js';
import {flushProcessLogger} from '../../log/process-logger.js';
import {withReadableStack} from '../../log/readable-stack.js';
import {exitCodes} from '../exit-codes.js';
import {tellThreadCrash} from '../thread-crash-alert.js';
import type {StartSignals} from '../start-signals.js';

/**
 * `sage-console --headless`: the scheduler with no UI (for systemd), logging to stdout, serving
 * clients on its socket. SIGTERM, SIGINT and SIGHUP stop it gracefully (the config's `shutdown`); a
 * second signal cancels live runs at once. `signals` heard them from before the host opened: one that
 * came first stops the start where it is, leaving no lock behind, and exits as such a stop does.
 */
export async function headlessCommand(paths: AppPaths, signals: StartSignals): Promise<number> {
	await SchedulerHost.refuseIfRunning(paths);
	if (signals.received) {
		process.stderr.write(`sage-console: ${signals.received} before the scheduler opened ${paths.root}: not started\n`);
		return exitCodes.ok;
	}

	// Synchronous: a signal arriving while it runs is heard right after, by onSignal below.
	const host = SchedulerHost.open({paths, logToStdout: true, schedules: true});
	host.logger.info({node: process.version, root: paths.root, socket: paths.socketFile}, 'sage-console starting');
	// An uncaught exception on the scheduler's thread (this one) ends the process with code 1, as Node
	// does, for systemd to restart it; its stack goes to logs/sage-console.log first, not to stderr only,
	// and the crash into the scheduler's life row, so the next start's alert says what it was.
	process.on('uncaughtExceptionMonitor', (error, origin) => {
		// `throw 'text'` throws no Error: its text is what it was.
		const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error as unknown);
		host.logger.fatal({err: withReadableStack(error), origin}, `scheduler stopped: ${what}; the process exits (code 1) for its service manager to restart it`);
		tellThreadCrash(paths, {what, at: Date.now(), crashes: 1, gaveUp: false}, (level, fields, message) => {
			host.logger[level](fields, message);
		});
		flushProcessLogger(host.logger);
	});
	await new Promise<void>((resolve, reject) => {
		let heard = 0;
		const onSignal = (signal: NodeJS.Signals) => {
			heard++;
			if (heard > 1) {
				host.logger.warn({signal}, 'second signal: cancelling live runs now');
				void host.close('cancel');
				return;
			}

			const {mode, graceMs} = host.scheduler.currentConfig.shutdown;
			host.logger.info({signal, mode, graceMs}, mode === 'wait' ? 'stopping: waiting for live runs (send the signal again to cancel them)' : 'stopping: cancelling live runs');
			host.close(undefined, signal).then(resolve, reject);
		};

		signals.handTo(onSignal);
		// "scheduler started" comes from the scheduler before the socket listens: this line is the one to wait for.
		host.start().then(() => {
			if (host.stopping) {
				return;
			}

			host.logger.info({socket: paths.socketFile, ...(host.apiUrl ? {api: host.apiUrl} : {})}, `ready: clients attach on ${paths.socketFile}${host.apiUrl ? ` and ${host.apiUrl}` : ''}`);
		}, (error: unknown) => {
			void host.close('cancel').finally(() => reject(error as Error));
		});
	});
	return exitCodes.ok;
}
