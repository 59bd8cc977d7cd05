/**
 * How a service's process comes under supervision: started here (a run in history, its environment,
 * a start that fails is an exit like any other) or adopted from a previous scheduler; followed until
 * it exits, and awaited until it is ready.
 */
import type {RunRecord} from '../core/run-record.js';
import {serviceRunMark} from '../executors/run-mark.js';
import {tradeDateOf} from '../market/market-session.js';
import type {RestartStreak} from './restart-streak.js';
import type {ServiceLife} from './service-life.js';
import {ServiceProcess, type ServiceExit} from './service-process.js';
import {markRun} from './service-run-marks.js';
import type {ServiceReadiness} from './service-readiness.js';
import {targetStamp, targetStampVariable} from './target-stamp.js';

export type StartOutcomes = {
	/** Its process ended. */
	exited(process: ServiceProcess, exit: ServiceExit): void;
	/** Its process could not start: an exit that failed. */
	failed(now: number, stderrTail: string[]): void;
};

export class ServiceStarts {
	constructor(
		private readonly life: ServiceLife,
		private readonly streak: RestartStreak,
		private readonly readiness: ServiceReadiness,
		private readonly outcomes: StartOutcomes,
	) {}

	/** The first start of a new streak (a window opened, a manual start). */
	startFresh(reason: string): void {
		this.streak.startOver();
		this.life.note = undefined;
		this.start(reason);
	}

	/** The next start of the streak. */
	start(reason: string): void {
		const {life} = this;
		const {deps, def} = life;
		const now = deps.clock.now();
		this.streak.began(now);
		life.nextStartAt = undefined;
		const {attempt} = this.streak;
		const run = deps.runs.begin(def.id, attempt, now, reason, tradeDateOf(now, deps.calendar()));
		life.run = run;
		// In both files: a run's stderr lines are told apart as its output lines are.
		markRun(deps.files.out, def.id, run.id, 'started', now, deps.timezone());
		markRun(deps.files.err, def.id, run.id, 'started', now, deps.timezone());
		const started = ServiceProcess.start(def.target, deps.files, {SAGE_SERVICE_ID: def.id, SAGE_SERVICE_ROOT: deps.root, [targetStampVariable]: targetStamp(def.target)}, serviceRunMark(run.id, deps.files.out, deps.database));
		life.moveTo('starting');
		if (!(started instanceof ServiceProcess)) {
			deps.runs.failedToStart(run, now, started);
			life.lastExit = {at: now, runId: run.id, status: 'failed', message: `${started.type}: ${started.message}`};
			deps.say('error', `${def.id} could not start: ${started.message}`, run.id);
			// A quick exit, as a crash at once is: the backoff doubles (it stayed at restart_delay, '0th exit in a row').
			this.streak.exited(true);
			this.outcomes.failed(now, [started.message]);
			return;
		}

		life.process = started;
		life.startedAt = now;
		life.memoryMb = undefined;
		deps.runs.running(run, now, deps.files.out, started.identity);
		deps.say('info', `▶ ${def.id} started (pid ${started.pid}, run ${run.id}, ${reason}${attempt > 1 ? `, start ${attempt} in a row` : ''})`, run.id);
		this.follow(started);
		this.readiness.await(started);
	}

	/** A process a previous scheduler started for this service, still running: supervised from here on. */
	adopt(run: RunRecord, process: ServiceProcess, by: string): void {
		const {life} = this;
		life.process = process;
		life.run = run;
		life.startedAt = run.startedAt ?? life.deps.clock.now();
		this.streak.adopted(run.attempt);
		life.deps.runs.note(run, `adopted by ${by}`);
		life.moveTo('starting');
		// Up since its process started (history has when), not since it was adopted, once it is ready.
		this.readiness.awaitAdopted(run.id);
		this.follow(process);
		life.deps.say('info', `${life.def.id}: adopted its running process (pid ${process.pid}, run ${run.id}) from the previous scheduler`, run.id);
	}

	private follow(process: ServiceProcess): void {
		void process.exited.then(exit => this.outcomes.exited(process, exit));
	}
}
