import type {RemoteView, WorkerView} from '../protocol/snapshot.js';

/** The workers that take new runs: online and not stopping (one told to stop serves its queues no more). */
export function takingWorkers(view: RemoteView): WorkerView[] {
	return view.workers.filter(worker => worker.online && !worker.stopping);
}
