/**
 * One remote stage (openRemoteStage: Redis, root, scheduling host, workers) shared by every test of the
 * calling file: opened before the first, closed after the last. Call it at the top of the file; the
 * object it returns reads the opened stage, so use it inside the tests.
 */
import {afterAll, beforeAll} from 'vitest';
import {openRemoteStage, type RemoteStage, type RemoteStageOptions} from './remote-stage.js';

export function remoteStageForFile(options: RemoteStageOptions): Omit<RemoteStage, 'close'> {
	let opened: RemoteStage | undefined;
	beforeAll(async () => {
		opened = await openRemoteStage(options);
	}, 60_000);
	afterAll(async () => {
		await opened?.close();
	}, 30_000);
	const s = () => {
		if (!opened) {
			throw new Error('the remote stage is not open: read it inside a test');
		}

		return opened;
	};

	return {
		get redis() {
			return s().redis;
		},
		get root() {
			return s().root;
		},
		get host() {
			return s().host;
		},
		get workers() {
			return s().workers;
		},
		async startWorker(args) {
			return s().startWorker(args);
		},
		async startWorkerOnCheckout(checkout, args) {
			return s().startWorkerOnCheckout(checkout, args);
		},
	};
}
