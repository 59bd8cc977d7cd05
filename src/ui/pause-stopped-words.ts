/**
 * What a `p` pause stopped, as the console's message line says it after `paused sync`: the runs not
 * begun it cancelled, a run a worker took as the pause came (it goes on), the next attempts it dropped.
 */
import type {PauseResult} from '../protocol/messages.js';

const list = (ids: readonly number[]) => ids.join(', ');

/** `cancelled run 41, 42 (not begun); run 43 goes on (a worker took it); dropped attempt 2 after run 40`, or '' when it stopped nothing. */
export function pauseStoppedWords({runs, attempts}: PauseResult['stopped']): string {
	const cancelled = runs.filter(run => run.was !== 'taken').map(run => run.runId);
	const goingOn = runs.filter(run => run.was === 'taken').map(run => run.runId);
	return [
		cancelled.length > 0 ? `cancelled run ${list(cancelled)} (not begun)` : '',
		goingOn.length > 0 ? `run ${list(goingOn)} ${goingOn.length === 1 ? 'goes' : 'go'} on (a worker took ${goingOn.length === 1 ? 'it' : 'them'})` : '',
		...attempts.map(({attempt, after}) => `dropped attempt ${attempt} after run ${after}`),
	].filter(Boolean).join('; ');
}
