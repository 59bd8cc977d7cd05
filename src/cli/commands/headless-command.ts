import type {AppPaths} from '../../host/paths.js';
import {SchedulerHost} from '../../host/scheduler-host.js';
import {exitCodes} from '../exit-codes.js';

/**
 * `sage-console --headless`: the scheduler with no UI (for systemd), logging to stdout, serving
 * clients on its socket. SIGTERM, SIGINT and SIGHUP stop it gracefully (the config's `shutdown`); a
 * second signal cancels live runs at once.
 */
export async function headlessCommand(paths: AppPaths): Promise<number> {
	const host = SchedulerHost.open({paths, logToStdout: true, schedules: true});
	host.logger.info({node: process.version, root: paths.root, socket: paths.socketFile}, 'sage-console starting');
	await new Promise<void>((resolve, reject) => {
		let signals = 0;
		const onSignal = (signal: NodeJS.Signals) => {
			signals++;
			if (signals > 1) {
				host.logger.warn({signal}, 'second signal: cancelling live runs now');
				void host.scheduler.stop('cancel');
				return;
			}

			const {mode, graceMs} = host.scheduler.currentConfig.shutdown;
			host.logger.info({signal, mode, graceMs}, mode === 'wait' ? 'stopping: waiting for live runs (send the signal again to cancel them)' : 'stopping: cancelling live runs');
			host.close().then(resolve, reject);
		};

		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
		process.on('SIGHUP', onSignal);
		// "scheduler started" comes from the scheduler before the socket listens: this line is the one to wait for.
		host.start().then(() => {
			host.logger.info({socket: paths.socketFile, ...(host.apiUrl ? {api: host.apiUrl} : {})}, `ready: clients attach on ${paths.socketFile}${host.apiUrl ? ` and ${host.apiUrl}` : ''}`);
		}, (error: unknown) => {
			void host.close('cancel').finally(() => reject(error as Error));
		});
	});
	return exitCodes.ok;
}
