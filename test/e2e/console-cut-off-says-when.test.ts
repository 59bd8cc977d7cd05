/**
 * A console the scheduler dropped for not reading and then cut off (it stayed stopped past the grace,
 * so the closing line that said when was lost with its connection) says, resumed, when the scheduler
 * dropped it, as the scheduler's log has it, and how much later it read again; it said the moment it
 * read again. The built `sage-console --headless` (its grace shortened with
 * SAGE_CONSOLE_DROPPED_GRACE_MS) and the built console in tmux.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {wholeLines} from '../helpers/log-file-lines.js';
import {processState} from '../helpers/published-events.js';
import {binary, runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {slowAndFloodJobsYaml} from '../helpers/stalled-follower.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

/** The time of the first line of the scheduler's log that includes `text` (ms). */
function loggedAt(root: string, text: string): number | undefined {
	const line = wholeLines(path.join(root, 'logs', 'sage-console.log')).find(candidate => candidate.includes(text));
	return line === undefined ? undefined : Date.parse((JSON.parse(line) as {time: string}).time);
}

/** A moment as the console's clock shows it, in the root's zone (Asia/Shanghai). */
const clock = (ms: number) => new Date(ms + (8 * 3600 * 1000)).toISOString().slice(11, 19);

describe.skipIf(!hasTmux)('a console cut off after it was dropped (tmux, --headless)', () => {
	it('says when the scheduler dropped it, not when it read again', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': slowAndFloodJobsYaml});
		const scheduler = startCli(['--headless', '--root', root.dir], {env: {SAGE_CONSOLE_DROPPED_GRACE_MS: '2000'}});
		processes.track(scheduler);
		await schedulerStarted(scheduler);
		const schedulerPid = scheduler.child.pid!;
		const s = openTmuxSession('cut-off-when', `${binary} --root ${root.dir}; sleep 120`, 160, 40);
		await s.see(attachedHeader(schedulerPid), slow);
		const pid = s.consolePid();

		// Given the console stopped while a job floods the log, dropped, then cut off past the grace
		process.kill(pid, 'SIGSTOP');
		await waitFor(() => processState(pid) === 'T', 10_000, 'the console to stop');
		expect(runCli(['run', 'chatty', '--detach', '--root', root.dir]).code).toBe(0);
		const droppedAt = await waitFor(() => loggedAt(root.dir, `dropped console (pid ${pid})`), slow, 'the drop in the scheduler\'s log');
		await waitFor(() => loggedAt(root.dir, `cut off console (pid ${pid})`), slow, 'the cut-off in the scheduler\'s log');

		// When it reads again some seconds after the drop
		await new Promise(resolve => {
			setTimeout(resolve, 4000);
		});
		process.kill(pid, 'SIGCONT');

		// Then it says the drop's moment (its second, or the next: the log's line may come a tick later),
		// and how much later it read again
		const told = await s.see(/dropped by scheduler pid \d+ at \d\d:\d\d:\d\d: this console stopped reading/, slow);
		const saidAt = new RegExp(`dropped by scheduler pid ${schedulerPid} at (\\d\\d:\\d\\d:\\d\\d)`).exec(told)?.[1];
		expect([clock(droppedAt - 1000), clock(droppedAt), clock(droppedAt + 1000)], told).toContain(saidAt);
		expect(told).toMatch(/this console stopped reading \(it read again \d+(\.\d)?s later\)/);
	}, 4 * slow);
});
