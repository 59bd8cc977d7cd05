/** The scheduler thread's program (see scheduler-thread.ts). */
import {readlinkSync} from 'node:fs';
import {parentPort, workerData, type MessagePort} from 'node:worker_threads';
import {ConfigError} from '../config/config-problem.js';
import {SchedulerRunningError} from './instance-lock.js';
import type {AppPaths} from './paths.js';
import {portTransport} from './port-transport.js';
import {SchedulerHost} from './scheduler-host.js';
import type {ThreadOrder, ThreadReport} from './scheduler-thread.js';

const {paths, port} = workerData as {paths: AppPaths; port: MessagePort};
const report = (message: ThreadReport) => parentPort!.postMessage(message);
const threadId = () => {
	try {
		return Number(readlinkSync('/proc/thread-self').split('/').pop());
	} catch {
		return undefined;
	}
};

try {
	await SchedulerHost.refuseIfRunning(paths);
	const host = SchedulerHost.open({paths, logToStdout: false, schedules: true});
	// The thread's id, as `top -H` and /proc/PID/task/ show it (all of Node's threads are named "node").
	host.logger.info({tid: threadId(), pid: process.pid}, 'scheduler thread started');
	host.serve(portTransport(port));
	await host.start();
	parentPort!.on('message', (order: ThreadOrder) => {
		if (order.type === 'stop') {
			void host.close(order.mode, 'its console quit').then(() => {
				report({type: 'stopped'});
				port.close();
				parentPort!.close();
			});
		}
	});
	report({type: 'ready'});
} catch (error) {
	const failure = error as Error;
	report({
		type: 'failed',
		name: failure.name,
		message: failure.message,
		problems: error instanceof ConfigError ? error.problems : undefined,
		holderPid: error instanceof SchedulerRunningError ? error.holderPid : undefined,
	});
	port.close();
	parentPort!.close();
}
