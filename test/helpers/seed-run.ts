import type {NewRun, RunRecord} from '../../src/core/run-record.js';
import type {HistoryStore} from '../../src/store/history-store.js';

/** Writes a run straight into history, as if a scheduler had recorded it earlier. */
export function seedRun(store: HistoryStore, run: NewRun): RunRecord {
	const record = {...run, id: store.nextRunId()};
	store.insertRun(record);
	return record;
}
