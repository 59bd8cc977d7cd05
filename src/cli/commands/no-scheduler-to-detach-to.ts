import {NoSchedulerError} from '../../host/socket-client.js';

/** `run JOB --detach` with no scheduler to leave the run to: exits 4 as NoSchedulerError does, saying what to do instead. */
export class NoSchedulerToDetachTo extends NoSchedulerError {
	override name = 'NoSchedulerToDetachTo';

	constructor(socketPath: string) {
		super(socketPath);
		this.message = `--detach needs a running scheduler to leave the run to; none is running for this root (nothing answers on ${socketPath}): start one with \`sage-console --headless\`, or run the job here without --detach`;
	}
}
