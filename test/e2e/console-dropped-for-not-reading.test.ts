/**
 * A console that stops reading (stopped with SIGSTOP here; a pane frozen in tmux's scroll mode or a
 * stalled ssh link do the same) while a job floods the log: the scheduler drops it once 32 MB wait for
 * it. The built `sage-console` in tmux attached to a built `sage-console --headless`. The scheduler's
 * log says which client it dropped and why; the console, resumed, says it was dropped for not reading,
 * not that the scheduler is gone, re-attaches by itself, and its log tail marks with a dim row where
 * the lines it never got were.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {connectToScheduler} from '../../src/host/socket-client.js';
import {socketPathFor} from '../../src/host/socket-path.js';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {wholeLines} from '../helpers/log-file-lines.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. */
const slow = 60_000;

/**
 * A job that prints `batches` of 200 lines of `bytes` (`flood 0 xxx…` on), one every `pauseMs`: the
 * scheduler passes them on whole (it thins out more than 2,000 lines a tenth of a second).
 */
function floodJob(bytes: number, batches: number, pauseMs: number): string {
	const script = String.raw`const line = 'x'.repeat(${bytes}); let batch = 0; const next = () => { let text = ''; for (let i = 0; i < 200; i++) text += 'flood ' + (batch * 200 + i) + ' ' + line + '\n'; process.stdout.write(text, () => { if (++batch < ${batches}) setTimeout(next, ${pauseMs}); }); }; next();`;
	return `jobs:\n  - id: chatty\n    trigger: manual\n    command: ["node", "-e", ${JSON.stringify(script)}]\n`;
}

const processState = (pid: number) => /^State:\s+(\S)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];

/** The log panel's rows: from its title row to the Failures panel's. */
function logRows(screen: string): string[] {
	const rows = screen.split('\n');
	const from = rows.findIndex(row => row.includes('Log · '));
	const to = rows.findIndex(row => row.includes('Failures today'));
	return rows.slice(from + 1, to);
}

/**
 * A console attached to a headless scheduler is stopped while `jobsYaml`'s flood runs (its last line
 * `flood LAST`), then resumed once the flood ended; its marker is looked for a page at a time `from`
 * its oldest line or its newest.
 */
async function droppedConsole(jobsYaml: string, last: number, from: 'oldest' | 'newest'): Promise<void> {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const {pid: schedulerPid, session: s} = await consoleOnHeadless(processes, root.dir, 'dropped', {timeoutMs: slow, size: {columns: 140, rows: 40}});
	const pid = s.consolePid();

	// Given the console stopped, when a job floods the log
	process.kill(pid, 'SIGSTOP');
	await waitFor(() => processState(pid) === 'T', 10_000, 'the console to stop');
	expect(runCli(['run', 'chatty', '--detach', '--root', root.dir]).code).toBe(0);

	// Then the scheduler's log has one warn line naming the console, its pid, and why it was dropped
	const logFile = path.join(root.dir, 'logs', 'sage-console.log');
	const dropLines = () => wholeLines(logFile).filter(line => line.includes('read nothing while'));
	const [dropped] = await waitFor(() => dropLines().length > 0 && dropLines(), slow, 'the drop in the scheduler\'s log');
	expect(JSON.parse(dropped!)).toMatchObject({level: 40, client: `console (pid ${pid})`, msg: expect.stringContaining(`dropped console (pid ${pid}) from the socket: it read nothing while 32 MB waited for it`) as unknown});
	expect(processState(pid)).toBe('T');

	// And the flood ends meanwhile: the scheduler holds its last 5,000 lines, far past what the console got
	const {client} = await connectToScheduler(socketPathFor(path.join(root.dir, 'data', 'sage.db')), 'test');
	let status: string | undefined;
	const asking = setInterval(() => {
		client.request('get-run', {runId: 1}).then(({run}) => {
			status = run?.status;
		}, () => undefined);
	}, 200);
	try {
		await waitFor(() => status === 'success', slow, 'the flood to end');
	} finally {
		clearInterval(asking);
		client.close();
	}

	// When the console reads again, 3 s or more after the drop, it says it was dropped, for not reading, by
	// a scheduler that runs on, and when: the drop's moment as the scheduler's log has it, not the resume's
	const droppedAt = Date.parse((JSON.parse(dropped!) as {time: string}).time);
	await waitFor(() => Date.now() > droppedAt + 3000, 10_000, '3 s to pass since the drop');
	process.kill(pid, 'SIGCONT');
	const told = await s.see('this console stopped reading', slow);
	const clock = (ms: number) => new Date(ms + (8 * 3600 * 1000)).toISOString().slice(11, 19);
	const saidAt = new RegExp(`dropped by scheduler pid ${schedulerPid} at (\\d\\d:\\d\\d:\\d\\d)`).exec(told)?.[1];
	expect([clock(droppedAt - 1000), clock(droppedAt), clock(droppedAt + 1000)], told).toContain(saidAt);
	expect(told).toContain(`re-attaching (dropped by pid ${schedulerPid})`);
	expect(told).not.toContain('gone');

	// And it attaches again by itself, with the flood's last lines
	const back = await s.see(new RegExp(`${attachedHeader(schedulerPid).source}[\\s\\S]*flood ${last} x`), slow);
	expect(back).not.toContain('re-attaching');
	expect(back).not.toContain('this console stopped reading');

	// And where the lines it never got were, between the last it had and the first it got again, a dim
	// row says so: a page at a time from the oldest line held, or from the newest.
	s.keys('l');
	s.keys(from === 'oldest' ? 'g' : 'G');
	let screen = await s.see(/^›/m, 10_000);
	for (let page = 0; page < 40 && !screen.includes('lines missed while'); page++) {
		const before = screen;
		s.keys(from === 'oldest' ? 'PageDown' : 'PageUp');
		screen = await waitFor(() => s.screen() !== before && s.screen(), 10_000, 'the log to move a page');
	}

	// The marker may head the panel, a page's step landing on it: then up a line at a time (the cursor
	// first climbs to the top row) until the line above it shows too.
	const markerRow = (shown: string) => logRows(shown).findIndex(row => row.includes('── lines missed while this console was not reading ──'));
	for (let step = 0; step < 60 && markerRow(screen) === 0; step++) {
		const before = screen;
		s.keys('k');
		screen = await waitFor(() => s.screen() !== before && s.screen(), 10_000, 'the log\'s cursor to move up a line');
	}

	const rows = logRows(screen);
	const marker = markerRow(screen);
	expect(marker, rows.join('\n')).toBeGreaterThan(0);
	const number = (row: string | undefined) => Number(/flood (\d+) x/.exec(row ?? '')?.[1]);
	// Above it a line it had before it stopped, below it one of the flood's last, far after it.
	expect(number(rows[marker + 1]) - number(rows[marker - 1]), rows.join('\n')).toBeGreaterThan(5000);
	expect(number(rows[marker + 1]), rows.join('\n')).toBeGreaterThan(last - 5000);
	const styled = s.styledScreen().split('\n').find(row => row.includes('lines missed while'))!;
	expect(styled).toMatch(/\u001B\[[\d;]*2[;m]/);
}

describe.skipIf(!hasTmux)('a console the scheduler drops for not reading (tmux, --headless)', () => {
	it('is logged by the scheduler, says it was dropped (not that the scheduler is gone), re-attaches, and marks the lines it missed', async () => {
		// 40,000 lines of 1.2 KB: 48 MB, half again what a client may leave unread, and far more lines than
		// a re-attach's backlog of 5,000. Of those it had, the newest 200 stay above the marker.
		await droppedConsole(floodJob(1200, 200, 20), 39_999, 'oldest');
	}, 4 * slow);

	it('re-attaches after a flood of long lines too, whose 5,000 newest would be an answer too long to take', async () => {
		// 8,000 lines of 6 KB: 48 MB; the re-attach's backlog is the newest few MB of them.
		await droppedConsole(floodJob(6000, 40, 150), 7999, 'newest');
	}, 4 * slow);
});
