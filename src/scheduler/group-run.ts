import type {JobDefinition} from '../core/job-definition.js';
import type {LogLine} from '../core/log-line.js';
import type {RunRecord} from '../core/run-record.js';
import type {CancelReason, RunHandle, RunOutcome} from '../executors/executor.js';

/** What a group run needs from the engine: to start its members and hear when they end. */
export type GroupHost = {
	submitMember(jobId: string, tradeDate: string | undefined): {ok: true; record: RunRecord} | {ok: false; reason: string};
	whenFinished(runId: number): Promise<RunRecord | undefined>;
	/** The run of an ended run's next attempt (its retry) once asked for; undefined when none comes. */
	nextAttempt(runId: number): Promise<RunRecord | undefined>;
	/** Cancels the run, or, when it ended waiting for its retry, the retry. */
	cancelMember(runId: number): void;
};

export type GroupSink = {
	progress(fraction: number | undefined, message: string | undefined): void;
	log(lines: LogLine[]): void;
};

type Member = {jobId: string; run?: RunRecord; finished?: RunRecord};

function memberFailure(member: Member, reason?: string): RunOutcome {
	const error = member.finished?.error;
	return {
		status: 'failed',
		error: {
			type: 'GroupMemberFailed',
			message: reason ?? `${member.jobId} ${member.finished?.status ?? 'failed'}${error ? `: ${error.type}: ${error.message}` : ''}`,
			stack: error?.stack,
		},
	};
}

/**
 * Runs a group's members as one unit through the engine's own queue, so each member is an ordinary
 * run with its history, log and progress. A member's run is its last attempt: a failure with retries
 * left waits for the retry. Sequential groups stop at the first member that does not succeed and name
 * it as the cause; parallel groups start every member and fail if any fails.
 */
export function startGroupRun(host: GroupHost, group: JobDefinition, runId: number, tradeDate: string | undefined, sink: GroupSink): RunHandle {
	if (group.target.kind !== 'group') {
		throw new TypeError('startGroupRun needs a group');
	}

	const {mode, members: memberIds} = group.target;
	const members: Member[] = memberIds.map(jobId => ({jobId}));
	let cancelled: CancelReason | undefined;
	const say = (msg: string, level: LogLine['level'] = 'info') => sink.log([{time: Date.now(), level, msg, jobId: group.id, runId}]);
	const report = () => {
		const done = members.filter(member => member.finished).length;
		const current = members.find(member => member.run && !member.finished);
		sink.progress(done / members.length, `${done}/${members.length} members${current ? ` · ${current.jobId} running` : ''}`);
	};

	const startMember = (member: Member): RunOutcome | undefined => {
		const submitted = host.submitMember(member.jobId, tradeDate);
		if (!submitted.ok) {
			return memberFailure(member, `${member.jobId} could not start: ${submitted.reason}`);
		}

		member.run = submitted.record;
		say(`${group.id}: ${member.jobId} started (run ${submitted.record.id})`);
		report();
		return undefined;
	};

	const awaitMember = async (member: Member): Promise<RunRecord | undefined> => {
		let ended = await host.whenFinished(member.run!.id);
		while (ended && ended.status !== 'success' && !cancelled) {
			const next = await host.nextAttempt(ended.id);
			if (!next || cancelled) {
				break;
			}

			member.run = next;
			say(`${group.id}: ${member.jobId} attempt ${next.attempt} (run ${next.id})`);
			report();
			ended = await host.whenFinished(next.id);
		}

		member.finished = ended;
		report();
		return member.finished;
	};

	const run = async (): Promise<RunOutcome> => {
		if (mode === 'sequential') {
			for (const member of members) {
				if (cancelled) {
					break;
				}

				const failed = startMember(member);
				if (failed) {
					return failed;
				}

				const finished = await awaitMember(member);
				if (cancelled) {
					break;
				}

				if (finished?.status !== 'success') {
					say(`${group.id}: stopped, ${member.jobId} ${finished?.status ?? 'failed'}`, 'error');
					return memberFailure(member);
				}
			}
		} else {
			for (const member of members) {
				const failed = startMember(member);
				if (failed) {
					return failed;
				}
			}

			await Promise.all(members.map(async member => awaitMember(member)));
			const firstFailure = cancelled ? undefined : members.find(member => member.finished?.status !== 'success');
			if (firstFailure) {
				return memberFailure(firstFailure);
			}
		}

		if (cancelled) {
			return {status: 'cancelled', error: {type: 'Cancelled', message: 'the group was cancelled'}};
		}

		return {status: 'success', result: {members: members.map(member => ({job: member.jobId, run: member.run?.id, status: member.finished?.status}))}};
	};

	return {
		done: run(),
		cancel(reason) {
			cancelled = reason;
			for (const member of members) {
				if (member.run && !member.finished) {
					host.cancelMember(member.run.id);
				}
			}
		},
	};
}
