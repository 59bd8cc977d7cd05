/**
 * What each protocol request does on the scheduler's side. Every client — the console, the CLI's
 * control commands, the HTTP API — ends up here; a refusal is a ProtocolError with a code and a
 * message the client can show as it is.
 */
import {unknownIdText} from '../config/unknown-id-text.js';
import {paramsProblem} from '../core/params-fit.js';
import {isFinal} from '../core/run-states.js';
import {redactSecrets} from '../log/redact.js';
import {marketPhase} from '../market/market-session.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import type {NotificationRecord} from '../notify/notification-types.js';
import type {HistoryQuery, Method, ParamsOf, Requests, ResultOf} from '../protocol/messages.js';
import {summarizeRun} from '../protocol/run-summary.js';
import type {RequestHandler} from '../protocol/server-session.js';
import {ProtocolError} from '../protocol/wire.js';
import type {Scheduler} from '../scheduler/scheduler.js';
import type {HistoryStore} from '../store/history-store.js';
import {serviceHandlers} from '../supervisor/service-requests.js';
import type {Supervisor} from '../supervisor/supervisor.js';
import type {EventRelay} from './event-relay.js';
import {insightHandlers, type InsightDeps} from './insight-requests.js';
import {jobDetail} from './job-detail.js';
import {jobsFileHandlers} from './jobs-file-requests.js';
import {refuseOtherJobsFile} from './other-jobs-file.js';
import {readRunLog} from './read-run-log.js';
import {readServiceRunLog} from './service-run-log-read.js';
import {newestWithin} from './bounded-tail.js';
import {calendarDateProblem} from '../time/calendar-date.js';
import {zonedDate} from '../time/zoned-time.js';

export type HandlerDeps = {
	scheduler: Scheduler;
	relay: EventRelay;
	store: HistoryStore;
	/** Reads jobs.yaml now and applies it. */
	reload(): Promise<ResultOf<'reload'>>;
	notificationsFor(runId: number): NotificationRecord[];
	info: ResultOf<'hello'>;
	/** Where jobs.yaml is, for export, import and edits (none: those requests are unavailable). */
	jobsFile?: {configFile: string; root: string};
	statistics?: InsightDeps['statistics'];
	/** The services of jobs.yaml (none: service requests answer not-found). */
	services?: Supervisor;
};

type Handlers = {[M in Method]: (params: ParamsOf<M>) => Requests[M]['result'] | Promise<Requests[M]['result']>};

/** A service's id given for a job's is named as what it is, with the commands that steer it (as `start JOB` names a job). */
function knownJob(scheduler: Scheduler, jobId: string, services?: Supervisor): void {
	if (services?.definition(jobId)) {
		throw new ProtocolError('not-found', `"${jobId}" is a service, not a job: sage-console start|stop|restart ${jobId} (s, x, X in the console's Services panel; in the HTTP API, /v1/services/${jobId} and POST /v1/services/${jobId}/start|stop|restart)`);
	}

	if (!scheduler.job(jobId)) {
		throw new ProtocolError('not-found', unknownIdText({what: 'job', id: jobId, known: scheduler.jobIds}));
	}
}

/** A day to run a job for: a real date, and not after today in the job's zone (a backfill is for past trading days). */
function checkDay(scheduler: Scheduler, jobId: string, text: string | undefined, what: string): void {
	if (text === undefined) {
		return;
	}

	const problem = calendarDateProblem(text);
	if (problem) {
		throw new ProtocolError('bad-params', `${what} ${problem}`);
	}

	const zone = scheduler.job(jobId)!.timezone;
	const today = zonedDate(scheduler.now(), zone);
	if (text > today) {
		throw new ProtocolError('bad-params', `${what} ${text} is after today (${today} in ${zone}): a backfill runs past trading days`);
	}
}

/**
 * A run's params against the job's `params_schema` (core/params-fit.ts): an unknown name, a wrong type
 * or a required param given neither here nor in jobs.yaml is refused, naming the param, before anything is queued.
 */
function checkParams(scheduler: Scheduler, jobId: string, params: Record<string, unknown> | undefined): void {
	const problem = paramsProblem(scheduler.job(jobId)!, params);
	if (problem) {
		const hint = problem.stringExpected ? ' (on the command line, quote it as JSON: --param k=\'"text"\')' : '';
		throw new ProtocolError('bad-params', `${problem.message}${hint}`);
	}
}

export function createRequestHandler(deps: HandlerDeps): RequestHandler {
	const {scheduler} = deps;
	const handlers: Handlers = {
		hello: () => deps.info,
		subscribe({tailLines}) {
			const count = Math.min(tailLines ?? 1000, 5000);
			const {lines: tail, cut} = newestWithin(scheduler.tail.newest(count));
			const olderLines = count > 0 && (cut || scheduler.tail.length > count);
			return {snapshot: deps.relay.snapshotForNewClient(), tail, ...(olderLines ? {olderLines} : {})};
		},
		snapshot: () => scheduler.snapshot(),
		ping: () => ({at: Date.now()}),
		'run-job'({jobId, params, tradeDate}) {
			knownJob(scheduler, jobId, deps.services);
			checkDay(scheduler, jobId, tradeDate, 'trade date');
			if (tradeDate && !scheduler.calendar.isTradingDay(tradeDate)) {
				throw new ProtocolError('bad-params', `${tradeDate} is not a trading day`);
			}

			checkParams(scheduler, jobId, params);
			return scheduler.submit(jobId, {trigger: tradeDate ? 'backfill' : 'manual', params, tradeDate});
		},
		backfill({jobId, from, to}) {
			knownJob(scheduler, jobId, deps.services);
			checkDay(scheduler, jobId, from, 'from');
			checkDay(scheduler, jobId, to, 'to');
			if (to < from) {
				throw new ProtocolError('bad-params', `to (${to}) is before from (${from})`);
			}

			return scheduler.backfill(jobId, from, to);
		},
		async 'pause-job'({jobId}) {
			knownJob(scheduler, jobId, deps.services);
			const {changed, stopped} = scheduler.pauseJob(jobId, true);
			return {changed, stopped: await stopped};
		},
		'resume-job'({jobId}) {
			knownJob(scheduler, jobId, deps.services);
			return {changed: scheduler.setPaused(jobId, false)};
		},
		async 'pause-scheduler'() {
			const {changed, stopped} = scheduler.pauseScheduler(true);
			return {changed, stopped: await stopped};
		},
		'resume-scheduler': () => ({changed: scheduler.setSchedulerPaused(false)}),
		'cancel-run': ({runId}) => scheduler.cancel(runId),
		'retry-run': ({runId}) => scheduler.retry(runId),
		async reload({file}) {
			refuseOtherJobsFile(file, deps.jobsFile?.configFile);
			return deps.reload();
		},
		'read-log'({runId, offset, maxBytes, fileOffset}) {
			const run = scheduler.getRun(runId);
			if (!run) {
				throw new ProtocolError('not-found', `no run ${runId}`);
			}

			// A service's runs share its output file, which rotates under a follower: that run's lines only.
			return run.trigger === 'service' && run.logPath
				? readServiceRunLog(run.logPath, {runId, offset: offset ?? 0, maxBytes, fileOffset, ended: isFinal(run.status)})
				: readRunLog(run.logPath, offset ?? 0, maxBytes, isFinal(run.status));
		},
		history: (query: HistoryQuery) => deps.store.query(query).map(run => summarizeRun(run)),
		'get-run'({runId}) {
			const found = scheduler.getRun(runId);
			// A run still in memory holds its params' secret values (for its retry): a client sees them censored, as history keeps them.
			const run = found?.params ? {...found, params: redactSecrets(found.params)} : found;
			// Why a queued run waits, as the snapshot's live list says it (`show RUN` and /v1/runs/:id alike).
			const waitingFor = run?.status === 'queued' ? scheduler.snapshot().live.find(live => live.runId === runId)?.waitingFor : undefined;
			const nextAttempt = scheduler.nextAttemptOf(runId);
			const nextAttemptDropped = nextAttempt ? undefined : scheduler.droppedAttemptWhy(runId);
			return {
				run,
				notifications: run ? deps.notificationsFor(runId).map(n => ({channel: n.channel, recipient: n.recipient, kind: n.kind, status: n.status, attempts: n.attempts, error: n.error, createdAt: n.createdAt})) : [],
				nextAttempt,
				...(waitingFor === undefined ? {} : {waitingFor}),
				...(nextAttemptDropped === undefined ? {} : {nextAttemptDropped}),
			};
		},
		'job-detail'({jobId}) {
			knownJob(scheduler, jobId, deps.services);
			return jobDetail(scheduler, deps.store, jobId, scheduler.now());
		},
		...insightHandlers({scheduler, statistics: deps.statistics, now: () => scheduler.now()}),
		...jobsFileHandlers({scheduler, jobsFile: deps.jobsFile, reload: deps.reload}),
		...serviceHandlers(deps.services, id => {
			const job = scheduler.job(id);
			return job ? (job.heartbeat ? 'heartbeat' : 'job') : undefined;
		}),
		market({at}) {
			const when = at ?? scheduler.now();
			const day = zonedDate(when, exchangeTimeZone);
			return {at: when, day, tradingDay: scheduler.calendar.isTradingDay(day), phase: marketPhase(when, scheduler.calendar)};
		},
	};
	return (method, params) => (handlers[method] as (params: unknown) => ResultOf<typeof method>)(params);
}
