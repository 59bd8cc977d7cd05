import type {ConfigProblem} from '../config/config-problem.js';
import type {RunRecord} from '../core/run-record.js';

/** Everything the engine tells the outside world; kebab-case names in one map. */
export type EngineEvents = {
	'run-queued': RunRecord;
	'run-started': RunRecord;
	'run-progress': {runId: number; jobId: string; progress?: number; message?: string};
	'run-finished': RunRecord;
	'run-skipped': RunRecord;
	'job-paused': {jobId: string};
	'job-resumed': {jobId: string};
	'config-reloaded': {added: string[]; removed: string[]; changed: string[]};
	'config-invalid': {problems: ConfigProblem[]};
	'fire-late': {jobId: string; lateMs: number};
	/** A job called ctx.notify(title, body). */
	'job-notify': {jobId: string; runId: number; title: string; body: string; users?: string[]};
	/** Something in the snapshot changed; read `engine.snapshot()`. */
	changed: undefined;
	stopped: undefined;
};
