/**
 * One run on a worker: claimed (so it runs once, wherever BullMQ hands it), carried out by this
 * machine's local executor exactly as a local run is (isolation, ctx, log format), its reports sent
 * on the run's stream, its timeout enforced here with a real kill, and its outcome written before the
 * queue job completes. A run given back (the worker stops) ends with `handOver`, and the scheduler
 * hands it to another worker as the next attempt.
 */
import type {Redis} from 'ioredis';
import type {LogLine} from '../core/log-line.js';
import type {RunError} from '../core/run-record.js';
import type {CancelReason, Executor, RunHandle, RunOutcome, RunPaths} from '../executors/executor.js';
import {claimTaker, runClaim} from './claim-script.js';
import type {RedisClock} from './redis-clock.js';
import {LogShipper} from './log-shipper.js';
import {moduleDifference} from './module-digest.js';
import {jobDataProblem, runNamed} from './job-data-shape.js';
import {toRunSpec, type RemoteJobData} from './remote-job-data.js';
import {checkAgainstOwnJobs, type OwnJobs} from './worker-job-check.js';
import {ownLimits} from './worker-own-limits.js';
import {runKeys} from './remote-keys.js';
import {encodeEvent} from './run-events.js';
import {RunEventWriter} from './run-event-writer.js';
import type {WorkerLogFiles} from './worker-log-files.js';

/** Progress is sent at most this often per run (always the newest, and before the end). */
const progressEveryMs = 250;
/** Log tail lines and new log bytes are gathered this long before they are sent. */
const shipEveryMs = 100;

export type WorkerRunContext = {
	client: Redis;
	executor: Executor;
	/** This worker, `host:pid`. */
	name: string;
	/** The times told (taken, started) are on Redis's clock: the console records them, this machine's clock may be off. */
	clock: RedisClock;
	paths: RunPaths;
	/** Where runs' logs are written here before they are sent (`logs/worker/<id>.log`, files reused). */
	logFiles: WorkerLogFiles;
	/** The jobs this worker's own checkout defines (worker-own-jobs.ts): a run is carried out only as one of them. */
	ownJobs: {current(): OwnJobs};
};

/** What became of a run taken off a queue (`endedAt`: when it ended here, for one carried out). */
export type CarriedOut = {status: string; by?: string; refused?: RunError; endedAt?: number};

export class WorkerRun {
	private handle: RunHandle | undefined;
	private cancelReason: CancelReason | undefined;
	private handOver: string | undefined;
	private timeoutTimer: NodeJS.Timeout | undefined;
	private shipTimer: NodeJS.Timeout | undefined;
	private progressTimer: NodeJS.Timeout | undefined;
	private pendingProgress: {f?: number; m?: string} | undefined;
	private progressSentAt = 0;
	private lines: LogLine[] = [];
	private readonly writer: RunEventWriter;
	private readonly keys: ReturnType<typeof runKeys>;
	/** Why the run's data is not a run as a scheduler sends it (job-data-shape.ts): then it is failed, not run. */
	private readonly malformed: string | undefined;
	/** Its number and job for log lines and the heartbeat (`?` where malformed data does not tell). */
	readonly named: {runId: number | '?'; jobId: string};

	/** `data` as it came off the queue: whoever wrote it to Redis may have written anything. */
	constructor(readonly id: string, private readonly data: unknown, private readonly context: WorkerRunContext) {
		this.malformed = jobDataProblem(data);
		this.named = runNamed(data);
		this.keys = runKeys(id);
		this.writer = new RunEventWriter(context.client, this.keys);
	}

	/**
	 * Claims and carries out the run; resolves with its status once the outcome is written, and when it
	 * carried the run out, the moment (this machine's clock) the run ended: its end may reach Redis much
	 * later (Redis away meanwhile).
	 */
	async carryOut(): Promise<CarriedOut> {
		const taken = {t: 'taken', at: this.context.clock.now(), worker: this.context.name, s: 1} as const;
		const claim = await runClaim(this.context.client, [this.keys.claim, this.keys.cancel, this.keys.events], [claimTaker(this.context.name), encodeEvent(taken)]);
		if (claim.kind === 'ok') {
			this.writer.tell(taken, claim.entryId);
		}

		if (claim.kind === 'claimed') {
			// BullMQ gave it out again (its first worker's lock expired): the claimant runs it, not us.
			return {status: 'claimed', by: claim.by};
		}

		if (claim.kind === 'cancel') {
			const reason = asReason(claim.reason);
			const outcome: RunOutcome = reason === 'timeout'
				? {status: 'timeout', error: {type: 'Timeout', message: 'timed out before it started'}}
				: {status: 'cancelled', error: {type: 'Cancelled', message: 'cancelled before it started'}};
			await this.writer.end({t: 'end', outcome, at: this.context.clock.now()});
			return {status: outcome.status};
		}

		return this.run();
	}

	/** Stops the run (a cancel from the scheduler, or this worker's timeout). */
	cancel(reason: CancelReason): void {
		this.cancelReason ??= reason;
		this.handle?.cancel(reason);
	}

	/** The worker is stopping and cannot wait for the run: it ends here and goes to another worker. */
	giveBack(why: string): void {
		this.handOver ??= why;
		this.cancel('shutdown');
	}

	get jobId(): string {
		return this.named.jobId;
	}

	/** The run checked against this worker's own jobs (and its data's shape): what to run, or why not. */
	private check(): ReturnType<typeof checkAgainstOwnJobs> {
		if (this.malformed !== undefined) {
			return {error: {type: 'BadRunData', message: `worker ${this.context.name} cannot read queued run ${this.id}: ${this.malformed}: the run was not carried out; a run is queued by a scheduler of the same sage-console version (sage-console --version on both)`}};
		}

		// What runs is this worker's own definition of the job, never a target as Redis carried it.
		return checkAgainstOwnJobs(this.data as RemoteJobData, this.context.ownJobs.current(), this.context.name);
	}

	private async run(): Promise<CarriedOut> {
		const check = this.check();
		if ('error' in check) {
			await this.writer.end({t: 'end', outcome: {status: 'failed', error: check.error}, at: this.context.clock.now()});
			return {status: 'failed', refused: check.error};
		}

		const data = this.data as RemoteJobData;
		const logPath = this.context.logFiles.take(this.id);
		const limits = ownLimits(data, check.job, this.context.name, this.context.ownJobs.current().file);
		const spec = {...toRunSpec(data, this.context.paths, logPath), target: check.target, timeoutMs: limits.timeoutMs, maxMemoryMb: limits.maxMemoryMb, timeZone: limits.timeZone};
		const difference = spec.target.kind === 'module' ? moduleDifference(data, spec.target.path, this.context.name) : undefined;
		const notes = [...(difference === undefined ? [] : [difference]), ...(limits.note === undefined ? [] : [limits.note])];
		const shipper = new LogShipper(logPath, (o, n, d) => {
			void this.writer.write({t: 'log', o, n, d});
		});
		const ship = () => {
			this.shipTimer = undefined;
			this.sendLines();
			shipper.pump();
		};

		this.handle = this.context.executor.start(spec, {
			started: at => {
				void this.writer.write({t: 'started', at: this.context.clock.on(at)});
			},
			progress: (f, m) => this.progress({...(f === undefined ? {} : {f}), ...(m === undefined ? {} : {m})}),
			log: lines => {
				this.lines.push(...lines);
				this.shipTimer ??= setTimeout(ship, shipEveryMs);
			},
			notify: (title, body, users) => {
				void this.writer.write({t: 'notify', title, body, ...(users ? {users} : {})});
			},
		});
		// A module job's lines go straight to the file; read it on a beat too, not only when the tail hears of lines.
		const beat = setInterval(() => {
			shipper.pump();
		}, 250);
		if (this.cancelReason) {
			this.handle.cancel(this.cancelReason);
		}

		if (spec.timeoutMs !== undefined) {
			this.timeoutTimer = setTimeout(() => this.cancel('timeout'), spec.timeoutMs);
		}

		const done = await this.handle.done;
		const endedHere = Date.now();
		// Told with the end: what reaches the console after an outage of Redis, or of the console, ended then.
		const endedAt = this.context.clock.now();
		// Said in the run's message (history, show, alerts), as the run's other notes are.
		const outcome: RunOutcome = notes.length === 0 ? done : {...done, notes: [...notes, ...(done.notes ?? [])]};
		clearTimeout(this.timeoutTimer);
		clearTimeout(this.shipTimer);
		clearTimeout(this.progressTimer);
		clearInterval(beat);
		this.sendProgress();
		this.sendLines();
		shipper.pump(true);
		shipper.close();
		await this.writer.end({t: 'end', outcome, at: endedAt, ...(this.handOver ? {handOver: this.handOver} : {})});
		this.context.logFiles.giveBack(logPath);
		return {status: this.handOver ? 'handed-over' : outcome.status, endedAt: endedHere};
	}

	private progress(update: {f?: number; m?: string}): void {
		this.pendingProgress = {...this.pendingProgress, ...update};
		const wait = this.progressSentAt + progressEveryMs - Date.now();
		if (wait <= 0) {
			this.sendProgress();
		} else {
			this.progressTimer ??= setTimeout(() => {
				this.progressTimer = undefined;
				this.sendProgress();
			}, wait);
		}
	}

	private sendProgress(): void {
		if (this.pendingProgress) {
			void this.writer.write({t: 'progress', ...this.pendingProgress});
			this.pendingProgress = undefined;
			this.progressSentAt = Date.now();
		}
	}

	private sendLines(): void {
		if (this.lines.length > 0) {
			void this.writer.write({t: 'lines', lines: this.lines.splice(0, 2000)});
			// A flood is sampled for the tail (the log file keeps every line).
			this.lines = [];
		}
	}
}

function asReason(text: string): CancelReason {
	return text === 'timeout' || text === 'replaced' || text === 'shutdown' ? text : 'cancel';
}
