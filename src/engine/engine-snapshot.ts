import type {ConfigProblem} from '../config/config-problem.js';
import type {MarketPhase} from '../market/market-session.js';
import type {Priority} from '../core/job-definition.js';
import type {RunRecord, RunTrigger} from '../core/run-record.js';

export type JobView = {
	id: string;
	name: string;
	schedule: string;
	queue: string;
	priority: Priority;
	enabled: boolean;
	paused: boolean;
	nextFireAt?: number;
	lastRun?: RunRecord;
	liveRuns: number;
};

export type LiveRunView = {
	runId: number;
	jobId: string;
	jobName: string;
	trigger: RunTrigger;
	status: 'queued' | 'running';
	scheduledAt: number;
	startedAt?: number;
	attempt: number;
	progress?: number;
	message?: string;
	logPath?: string;
};

export type TodayStats = {day: string; runs: number; succeeded: number; failed: number};

/** An immutable picture of the engine, replaced whenever something changes. */
export type EngineSnapshot = {
	jobs: readonly JobView[];
	live: readonly LiveRunView[];
	today: TodayStats;
	failuresToday: readonly RunRecord[];
	configProblems: readonly ConfigProblem[];
	calendarWarning?: string;
	/** Standing notices from outside the engine (notification config problems, file permissions). */
	notices: readonly string[];
	/** Set while history writes fail (disk full, read-only). */
	storeProblem?: string;
	market: MarketPhase;
	/** p99 event-loop delay over the last few seconds, ms. */
	loopDelayMs: number;
};
