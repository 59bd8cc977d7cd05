/**
 * What the console's keys ask of the scheduler, as protocol requests; each says how it went on the
 * status line when the answer comes. A scheduler that went away answers every one with a message.
 */
import type {Dispatch} from 'react';
import type {SchedulerClient} from '../protocol/client.js';
import type {HistoryQuery} from '../protocol/messages.js';
import type {AskedRuns} from './asked-runs.js';
import {jobTargetText} from './job-target-text.js';
import {pauseStoppedWords} from './pause-stopped-words.js';
import type {ConsoleAction, Overlay, ServiceVerb} from './state/console-state.js';

/** The protocol request for each service verb, as `sage-console start|stop|restart` sends it. */
const serviceRequests = {start: 'start-service', stop: 'stop-service', restart: 'restart-service'} as const;

/** Output lines a service's view loads. */
const serviceTailLines = 40;

export type ConsoleActions = ReturnType<typeof createConsoleActions>;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** @param asked where the runs `r` asks for are noted until the snapshot shows them (`c` may cancel them at once) */
export function createConsoleActions(client: SchedulerClient, dispatch: Dispatch<ConsoleAction>, asked?: AskedRuns) {
	const say = (text: string, tone: 'info' | 'good' | 'bad') => dispatch({type: 'say', text, tone});
	const failed = (what: string) => (error: unknown) => say(`${what}: ${reasonOf(error)}`, 'bad');
	// What `p` asked last, by job, until the snapshot shows it: its patch comes up to 250 ms after the
	// answer and the frame once a second, and a second `p` meanwhile paused the job again, not resumed it.
	const pauseAsked = new Map<string, {paused: boolean; at: number}>();
	const actions = {
		runJob(jobId: string): void {
			const answer = client.request('run-job', {jobId});
			// Noted as soon as it comes (before the next key is read): a `c` typed meanwhile waits for it.
			asked?.asking(jobId, answer.then(result => (result.ok ? result.run : undefined)));
			answer.then(result => {
				say(result.ok ? `started ${jobId} (run ${result.run.id})` : `${jobId} not started: ${result.reason}`, result.ok ? 'good' : 'bad');
			}, failed(`${jobId} not started`));
		},
		/** @param note said after the answer (`resumed sync; the whole scheduler is paused: …`) */
		setPaused(jobId: string, paused: boolean, note?: string): void {
			pauseAsked.set(jobId, {paused, at: Date.now()});
			client.request(paused ? 'pause-job' : 'resume-job', {jobId}).then(answer => {
				const stopped = 'stopped' in answer ? pauseStoppedWords(answer.stopped) : '';
				say(`${paused ? 'paused' : 'resumed'} ${jobId}${[stopped, note].filter(Boolean).map(words => `; ${words}`).join('')}`, 'info');
			}, (error: unknown) => {
				pauseAsked.delete(jobId);
				failed(`${jobId} not ${paused ? 'paused' : 'resumed'}`)(error);
			});
		},
		/**
		 * Whether a job is paused as far as this console knows: as `p` last asked, until the snapshot
		 * (`snapshotPaused`) shows it or a few seconds passed (another client may have changed it since).
		 */
		pausedNow(jobId: string, snapshotPaused: boolean): boolean {
			const asked = pauseAsked.get(jobId);
			if (!asked || asked.paused === snapshotPaused || Date.now() - asked.at > 3000) {
				pauseAsked.delete(jobId);
				return snapshotPaused;
			}

			return asked.paused;
		},
		cancel(runId: number, jobId: string): void {
			client.request('cancel-run', {runId}).then(result => {
				const dropped = result.droppedAttempt;
				say(result.ok ? (dropped ? `${jobId}: attempt ${dropped.attempt} will not run (it waited for its backoff after run ${dropped.after})` : `cancelling ${jobId} (run ${runId})`) : `not cancelled: ${result.reason}`, result.ok ? 'info' : 'bad');
			}, failed('not cancelled'));
		},
		retry(runId: number, jobId: string): void {
			client.request('retry-run', {runId}).then(result => {
				say(result.ok ? `retrying ${jobId} (run ${result.run.id}, attempt ${result.run.attempt})` : `not retried: ${result.reason}`, result.ok ? 'good' : 'bad');
			}, failed('not retried'));
		},
		backfill(jobId: string, from: string, to: string): void {
			client.request('backfill', {jobId, from, to}).then(results => {
				const none = from === to ? `${from} is not a trading day: nothing to backfill` : `no trading days from ${from} to ${to}`;
				say(results.length === 0 ? none : `backfill ${jobId}: ${results.filter(result => result.ok).length} run(s) queued for ${from} to ${to}`, results.length === 0 ? 'bad' : 'good');
			}, failed('backfill not queued'));
		},
		/** Fetches a run in full (stack, result, alerts sent) and opens its detail; Esc goes back to `back`. */
		openRun(runId: number, back?: Overlay): void {
			client.request('get-run', {runId}).then(({run, notifications}) => {
				if (run) {
					dispatch({type: 'open', overlay: {kind: 'detail', run, notifications, back: back?.kind === 'none' ? undefined : back}});
				} else {
					say(`run ${runId} is no longer in history`, 'bad');
				}
			}, failed(`cannot open run ${runId}`));
		},
		/** Reads an open run's record again (it has ended since it was opened); a failed read keeps what the view has. */
		refreshRun(runId: number): void {
			client.request('get-run', {runId}).then(({run, notifications}) => {
				if (run) {
					dispatch({type: 'run-detail', run, notifications});
				}
			}, failed(`cannot read run ${runId} again`));
		},
		/** Opens a job's own view at once and fills it when its detail arrives. */
		openJob(jobId: string): void {
			dispatch({type: 'open', overlay: {kind: 'job', jobId}});
			actions.refreshJob(jobId);
		},
		/** Loads the job's detail and what it runs (its definition; the view does without it when that cannot be read). */
		refreshJob(jobId: string): void {
			const definition = client.request('export-jobs', {jobs: [jobId]}).then(({jobs}) => jobs[0], () => undefined);
			Promise.all([client.request('job-detail', {jobId}), definition]).then(([detail, job]) => {
				dispatch({type: 'job-detail', jobId, detail, target: jobTargetText(job)});
			}, error => {
				dispatch({type: 'close'});
				failed(`cannot open ${jobId}`)(error);
			});
		},
		/** Opens a service's view at once; useServiceDetail fills it. */
		openService(serviceId: string): void {
			dispatch({type: 'open', overlay: {kind: 'service', serviceId}});
		},
		/** Loads a service's output and crashes into its open view; a failure is said in the view. */
		refreshService(serviceId: string): void {
			client.request('service-detail', {serviceId, lines: serviceTailLines}).then(detail => {
				dispatch({type: 'service-detail', serviceId, detail});
			}, error => {
				dispatch({type: 'service-detail', serviceId, error: reasonOf(error)});
			});
		},
		/** `s`, `x` (after a yes), `X` (after a yes): the answer is the supervisor's own sentence. */
		controlService(verb: ServiceVerb, serviceId: string): void {
			client.request(serviceRequests[verb], {serviceId}).then(result => {
				say(result.ok ? result.message : `not done: ${result.message}`, result.ok ? 'good' : 'bad');
			}, failed(`${serviceId}: ${verb} not done`));
		},
		listRuns(query: HistoryQuery, title: string): void {
			client.request('history', {limit: 200, ...query}).then(runs => {
				dispatch({type: 'open', overlay: {kind: 'runs', title: `${title} (${runs.length})`, runs}});
			}, failed('cannot list runs'));
		},
	};
	return actions;
}
