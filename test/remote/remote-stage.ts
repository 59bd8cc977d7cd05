/**
 * The stage of a runs-on-workers test file: a real redis-server, a root with `remoteJobs` and the
 * jobs.yaml it is given (pointed at that Redis), the scheduling host a console runs, and real
 * `sage-console worker` processes on it, or on checkouts of their own; `close` takes it all down.
 */
import {resolvePaths} from '../../src/host/paths.js';
import {SchedulerHost} from '../../src/host/scheduler-host.js';
import {RedisServer} from '../helpers/redis-server.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {WorkerProcesses, type WorkerProcess} from '../helpers/worker-process.js';
import {remoteJobs} from './remote-fixtures.js';

export type RemoteStage = {
	redis: RedisServer;
	root: TempRoot;
	host: SchedulerHost;
	workers: WorkerProcess[];
	/** Starts one more worker on the stage (the others' flags are the caller's to repeat). */
	startWorker(args: string[]): Promise<WorkerProcess>;
	/**
	 * Starts a worker on a checkout of its own, as on another machine: `files` beside a jobs.yaml of
	 * `jobsYaml` (after its `redis:` line, this Redis). The checkout goes with the stage.
	 */
	startWorkerOnCheckout(checkout: {jobsYaml: string; files?: Record<string, string>}, args: string[]): Promise<{worker: WorkerProcess; checkout: TempRoot}>;
	close(): Promise<void>;
};

export type RemoteStageOptions = {
	/** jobs.yaml after its `redis:` line (made of the root's path, for a file naming absolute paths in it). */
	jobsYaml: string | ((root: string) => string);
	workerArgs: string[];
	/** @default 2 */
	workerCount?: number;
	/** Redis with an append-only file (to be stopped and started again). */
	persist?: boolean;
	/** More files of the root (config/notify_config.json…). */
	files?: Record<string, string>;
};

export async function openRemoteStage({jobsYaml, workerArgs, workerCount = 2, persist = false, files = {}}: RemoteStageOptions): Promise<RemoteStage> {
	const processes = new WorkerProcesses();
	const redis = await RedisServer.start({persist});
	const root = makeTempRoot({...remoteJobs, ...files});
	root.write('config/jobs.yaml', `redis: ${redis.url()}\n${typeof jobsYaml === 'string' ? jobsYaml : jobsYaml(root.dir)}`);
	const checkouts: TempRoot[] = [];
	let host: SchedulerHost | undefined;
	const close = async () => {
		await host?.close('cancel');
		await processes.killAll();
		await redis.remove();
		root.remove();
		for (const checkout of checkouts) {
			checkout.remove();
		}
	};

	const startWorker = async (args: string[]) => processes.start(root.dir, redis.url(), args);
	const startWorkerOnCheckout = async ({jobsYaml: checkoutJobs, files: checkoutFiles = {}}: {jobsYaml: string; files?: Record<string, string>}, args: string[]) => {
		const checkout = makeTempRoot({...checkoutFiles, 'config/jobs.yaml': `redis: ${redis.url()}\n${checkoutJobs}`});
		checkouts.push(checkout);
		return {worker: await processes.start(checkout.dir, redis.url(), args), checkout};
	};
	try {
		host = SchedulerHost.open({paths: resolvePaths({root: root.dir}), logToStdout: false, schedules: true});
		await host.start();
		const workers = await Promise.all(Array.from({length: workerCount}, async () => startWorker(workerArgs)));
		return {redis, root, host, workers, startWorker, startWorkerOnCheckout, close};
	} catch (error) {
		// A stage that did not come up leaves no Redis, worker or root behind (afterAll has no stage to close).
		await close();
		throw error;
	}
}
