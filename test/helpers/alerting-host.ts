import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import type {JobAlert} from '../../src/scheduler/job-alert.js';
import type {ManualClock} from './manual-clock.js';

/**
 * A real scheduling host on the root `dir` (its SQLite file, its settings table) with the test's clock,
 * started, and the job alerts it tells (deadlines, heartbeats, max_duration), in order. Close it.
 */
export async function openAlertingHost(dir: string, clock: ManualClock): Promise<{host: SchedulerHost; alerts: JobAlert[]}> {
	const host = SchedulerHost.open({paths: resolvePaths({root: dir}), logToStdout: false, schedules: true, clock});
	const alerts: JobAlert[] = [];
	host.scheduler.events.on('job-alert', alert => alerts.push(alert));
	await host.start();
	return {host, alerts};
}
