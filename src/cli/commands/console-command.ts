import {ConfigWatcher} from '../../host/config-watcher.js';
import type {AppPaths} from '../../host/paths.js';
import {openSchedulerProcess} from '../../host/scheduler-process.js';
import {startConsole} from '../../ui/start-console.js';

/** `sage-console` on a terminal: the Ink console with the scheduler running inside. */
export async function consoleCommand(paths: AppPaths): Promise<number> {
	const app = openSchedulerProcess(paths, {schedules: true, logToStdout: false});
	const watcher = new ConfigWatcher(paths.configFile, paths.root, app.engine, app.configText);
	const mode = await startConsole({
		engine: app.engine,
		calendar: app.calendar,
		notificationsFor: app.notifier ? runId => app.notifier!.notificationsFor(runId) : undefined,
		onMounted() {
			app.engine.start();
			watcher.start();
		},
	});
	watcher.stop();
	if (mode === 'wait') {
		process.stdout.write('waiting for live runs to finish…\n');
	}

	await app.close(mode);
	return 0;
}
