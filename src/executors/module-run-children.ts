import type {CancelReason} from './executor.js';
import {stopMarkedProcesses} from './process-tree.js';
import {durationText} from './run-outcome-latch.js';
import type {EnvironmentMark} from './run-mark.js';

type Say = (msg: string) => void;

/**
 * The processes a module run's job started (child_process in its worker thread), found by the run's
 * mark in their environment wherever they went (`setsid`, a parent that died), ended when the run is
 * stopped: SIGTERM as soon as the run is asked to stop, SIGKILL for what is still alive after the
 * grace, and once the run has ended, the same again for any started meanwhile. A run that ends by
 * itself leaves its children be, as a command run's background processes are.
 */
export class ModuleRunChildren {
	private stopping: Promise<void> | undefined;

	/** @param sinceTicks No process of the run is older (this process's start). */
	constructor(private readonly mark: EnvironmentMark, private readonly sinceTicks: number, private readonly graceMs: number, private readonly say: Say) {}

	/** The run was asked to stop: its children are sent SIGTERM now. */
	stop(reason: CancelReason): void {
		const why = reason === 'timeout' ? 'timed out' : reason === 'cancel' ? 'cancelled' : `cancelled (${reason})`;
		this.stopping ??= this.end(why);
	}

	/** The stopped run has ended: resolves once its children (those started since the first stop too) are gone. */
	async ended(): Promise<void> {
		if (!this.stopping) {
			return;
		}

		await this.stopping;
		await this.end('after the run ended');
	}

	private async end(when: string): Promise<void> {
		try {
			const report = await stopMarkedProcesses(this.mark, this.sinceTicks, this.graceMs, 'SIGTERM', signalled => {
				if (signalled.outside > 0) {
					this.say(`${when}: sent SIGTERM to ${processes(signalled.outside)} the job started`);
				}
			});

			if (report.killed > 0) {
				this.say(`killed ${processes(report.killed)} the job started with SIGKILL, still running after the ${durationText(this.graceMs)} grace`);
			}
		} catch {
			// /proc unreadable: nothing to end that can be found.
		}
	}
}

function processes(count: number): string {
	return `${count} ${count === 1 ? 'process' : 'processes'}`;
}
