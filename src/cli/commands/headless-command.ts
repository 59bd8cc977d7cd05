import {ConfigWatcher} from '../../host/config-watcher.js';
import type {AppPaths} from '../../host/paths.js';
import {openSchedulerProcess} from '../../host/scheduler-process.js';

/** `sage-console --headless`: the scheduler with no UI (for systemd), logging to stdout. Resolves on SIGINT/SIGTERM. */
export async function headlessCommand(paths: AppPaths): Promise<number> {
	const app = openSchedulerProcess(paths, {schedules: true, logToStdout: true});
	const watcher = new ConfigWatcher(paths.configFile, paths.root, app.engine, app.configText);
	// What the journal needs to tell one start from another and how node was started (the launcher's V8 flags).
	app.logger.info({node: process.version, nodeFlags: process.execArgv}, 'sage-console starting');
	app.engine.start();
	watcher.start();
	await new Promise<void>(resolve => {
		let signals = 0;
		const onSignal = (signal: NodeJS.Signals) => {
			signals++;
			if (signals > 1) {
				app.logger.warn({signal}, 'second signal: cancelling live runs now');
				void app.engine.stop('cancel');
				return;
			}

			const {mode, graceMs} = app.engine.currentConfig.shutdown;
			app.logger.info({signal, mode, graceMs}, mode === 'wait' ? 'stopping: waiting for live runs (send the signal again to cancel them)' : 'stopping: cancelling live runs');
			watcher.stop();
			void app.close().then(resolve);
		};

		process.on('SIGINT', onSignal);
		process.on('SIGTERM', onSignal);
	});
	return 0;
}
