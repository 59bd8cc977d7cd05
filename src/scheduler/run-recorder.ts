/**
 * The one path by which a run's state reaches history. A run's record lives in memory while it is
 * queued or running (and a while after it ends); every status change is checked against the run
 * state table and written through HistoryWrites, so an illegal move fails loudly and no write of one
 * run can undo another's.
 */
import {checkedTransition, isFinal} from '../core/run-states.js';
import type {NewRun, RunPatch, RunRecord, RunStatus} from '../core/run-record.js';
import type {ProcessIdentity} from '../executors/executor.js';
import type {HistoryWrites} from './history-writes.js';
import type {HistoryPort} from './ports.js';

/** Ended runs kept in memory for `retry` and `get-run` while their rows may still wait to be written. */
const recentCapacity = 500;

export type StatusPatch = Omit<RunPatch, 'status'>;

export class RunRecorder {
	private readonly live = new Map<number, RunRecord>();
	private readonly recent = new Map<number, RunRecord>();

	constructor(
		private readonly history: Pick<HistoryPort, 'nextRunId' | 'insertRun' | 'updateRun' | 'getRun'>,
		private readonly writes: HistoryWrites,
	) {}

	/** A new run, `queued` or `skipped` (recorded with why). */
	create(run: Omit<NewRun, 'status'> & {status: 'queued' | 'skipped'}): RunRecord {
		checkedTransition(0, 'new', run.status);
		const record: RunRecord = {...run, id: this.history.nextRunId()};
		const row = {...record};
		this.writes.write(`record run ${record.id} of ${record.jobId}`, () => this.history.insertRun(row));
		this.keep(record);
		return record;
	}

	/** Moves a run to `status` with the fields that go with it (times, error, result). */
	move(record: RunRecord, status: RunStatus, patch: StatusPatch = {}): RunRecord {
		checkedTransition(record.id, record.status, status);
		Object.assign(record, patch, {status});
		const update = {...patch, status};
		this.writes.write(`record run ${record.id} of ${record.jobId} as ${status}`, () => this.history.updateRun(record.id, update));
		this.keep(record);
		return record;
	}

	/** Fields of a live run that are not its status: progress, message, the real start, its process or worker. */
	note(record: RunRecord, patch: StatusPatch & {process?: ProcessIdentity; worker?: string}, write = true): void {
		const {process: _process, ...fields} = patch;
		Object.assign(record, fields);
		if (write) {
			const update = {...patch};
			this.writes.write(`update run ${record.id} of ${record.jobId}`, () => this.history.updateRun(record.id, update));
		}
	}

	/** Commits the writes made so far (HistoryWrites.commitNow): a run's `running` row, with its log, before its work starts. */
	commitNow(): void {
		this.writes.commitNow();
	}

	/** A run read back from history that goes on live (adopted after a restart): kept like one created here. */
	adopt(record: RunRecord): void {
		this.keep(record);
	}

	/** The run as known now: in memory if it is live or recent, else from history. */
	get(id: number): RunRecord | undefined {
		return this.live.get(id) ?? this.recent.get(id) ?? this.history.getRun(id);
	}

	private keep(record: RunRecord): void {
		if (!isFinal(record.status)) {
			this.live.set(record.id, record);
			return;
		}

		this.live.delete(record.id);
		this.recent.set(record.id, record);
		if (this.recent.size > recentCapacity) {
			this.recent.delete(this.recent.keys().next().value!);
		}
	}
}
