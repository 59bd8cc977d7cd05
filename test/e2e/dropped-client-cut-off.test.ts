/**
 * A client the scheduler dropped for not reading that never reads again (a console in a suspended tmux
 * pane, a Ctrl-Z'd `logs --follow`, a process that never reads its socket at all) does not keep its
 * connection in the scheduler for as long as it lives: after a grace to read its last lines the
 * scheduler closes its side, and its log says which client it cut off. Built binaries, a real headless
 * scheduler (its grace shortened with SAGE_CONSOLE_DROPPED_GRACE_MS), real clients, the scheduler's
 * sockets read from /proc and `ss -x`.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {spawn} from 'node:child_process';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {wholeLines} from '../helpers/log-file-lines.js';
import {processState} from '../helpers/published-events.js';
import {binary, runCli, schedulerStarted, startCli, trackHeadlessProcesses, type HeadlessProcesses} from '../helpers/run-cli.js';
import {serverEndsOf} from '../helpers/socket-peers.js';
import {slowAndFloodJobsYaml, stallUntilDropped} from '../helpers/stalled-follower.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

const jobsYaml = slowAndFloodJobsYaml;

type LogEntry = {level: number; msg: string; client?: string; graceMs?: number};

/** A headless scheduler whose dropped clients get 2 s to read their last lines. */
async function startScheduler(headless: HeadlessProcesses, root: string) {
	const scheduler = startCli(['--headless', '--root', root], {env: {SAGE_CONSOLE_DROPPED_GRACE_MS: '2000'}});
	headless.track(scheduler);
	await schedulerStarted(scheduler);
	const ready = scheduler.output().stdout.split('\n').find(line => line.includes('ready: clients attach on'))!;
	const {socket: socketPath} = JSON.parse(ready) as {socket: string};
	return {pid: scheduler.child.pid!, socketPath};
}

/** The scheduler's log lines saying it cut a client off. */
function cutOffLines(root: string): LogEntry[] {
	return wholeLines(path.join(root, 'logs', 'sage-console.log')).filter(line => line.includes('cut off')).map(line => JSON.parse(line) as LogEntry);
}

/** Waits until the scheduler's log says it cut `client` off and it holds no socket of `clientPid`'s any more. */
async function expectCutOff(root: string, schedulerPid: number, clientPid: number, client: string): Promise<void> {
	const [cutOff] = await waitFor(() => cutOffLines(root).length > 0 && cutOffLines(root), slow, 'the cut-off in the scheduler\'s log');
	expect(cutOff).toMatchObject({level: 40, client, graceMs: 2000});
	expect(cutOff!.msg).toBe(`cut off ${client} from the socket: 2 s after it was dropped for not reading, it still had not read its last lines; its connection is closed`);
	await waitFor(() => serverEndsOf(schedulerPid, clientPid).length === 0, slow, `the scheduler to close its side of ${client}'s connection`);
	expect(cutOffLines(root)).toHaveLength(1);
}

it('cuts off a logs --follow that stays stopped after it was dropped, and says so in its log', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const scheduler = await startScheduler(processes, root.dir);
	expect(runCli(['run', 'slow', '--detach', '--root', root.dir]).code).toBe(0);
	const follower = startCli(['logs', '1', '--follow', '--root', root.dir]);
	processes.track(follower);
	await waitFor(() => follower.output().stdout.includes('tick 1'), slow, 'the follower to print the run\'s first line');
	const pid = follower.child.pid!;
	expect(serverEndsOf(scheduler.pid, pid)).toHaveLength(1);

	// Given the follower stopped and dropped for not reading while a job floods the log
	await stallUntilDropped(root.dir, follower, pid => `cli logs (pid ${pid})`, slow);

	// When it stays stopped past the grace
	// Then the scheduler closes its side of the connection and its log names the follower
	await expectCutOff(root.dir, scheduler.pid, pid, `cli logs (pid ${pid})`);
	expect(processState(pid)).toBe('T');

	// And resumed, the follower finds its connection closed, asks whether the same scheduler still
	// answers, and says it was dropped for not reading and how to follow the run again (the run goes
	// on), not that the scheduler went away: it runs on
	follower.child.kill('SIGCONT');
	expect(await follower.exited).not.toBe(0);
	const {stderr} = follower.output();
	expect(stderr).toContain('sage-console: following run 1 ended: dropped by the scheduler, which still runs: this client read nothing for too long, and its connection was cut off before it read why; the run goes on: follow it again with `sage-console logs 1 --follow`');
	expect(stderr).not.toContain('went away');
	expect(runCli(['cancel', '1', '--root', root.dir]).code).toBe(0);
}, 4 * slow);

/** Says hello as `mute (pid N)` and subscribes, then never reads a byte of what the scheduler sends. */
const neverReadingClient = String.raw`
const net = require('node:net');
const socket = net.connect(process.argv[1]);
socket.pause();
socket.on('error', () => undefined);
// A socket nobody reads keeps no process alive: this one lives on as a stuck program does.
setInterval(() => undefined, 60_000);
socket.on('connect', () => {
	const hello = {kind: 'request', id: 1, method: 'hello', params: {protocol: 1, client: 'mute (pid ' + process.pid + ')'}};
	socket.write(JSON.stringify(hello) + '\n' + JSON.stringify({kind: 'request', id: 2, method: 'subscribe', params: {}}) + '\n', () => process.stdout.write('subscribed\n'));
});
`;

it('cuts off a client that never read from the start, once dropped, as one that stopped', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const scheduler = await startScheduler(processes, root.dir);
	const client = spawn(process.execPath, ['-e', neverReadingClient, scheduler.socketPath], {stdio: ['ignore', 'pipe', 'inherit']});
	let output = '';
	client.stdout.on('data', (data: Buffer) => {
		output += data.toString();
	});
	try {
		await waitFor(() => output.includes('subscribed'), slow, 'the client to subscribe');
		const pid = client.pid!;
		await waitFor(() => serverEndsOf(scheduler.pid, pid).length === 1, slow, 'the scheduler to take the client\'s connection');

		// Given a job flooding the log, when the scheduler drops the client that never read
		expect(runCli(['run', 'chatty', '--detach', '--root', root.dir]).code).toBe(0);
		const dropLines = () => wholeLines(path.join(root.dir, 'logs', 'sage-console.log')).filter(line => line.includes('read nothing while'));
		const [dropped] = await waitFor(() => dropLines().length > 0 && dropLines(), slow, 'the drop in the scheduler\'s log');
		expect(JSON.parse(dropped!)).toMatchObject({level: 40, client: `mute (pid ${pid})`});

		// Then past the grace the scheduler closes its side of the connection and its log names the client
		await expectCutOff(root.dir, scheduler.pid, pid, `mute (pid ${pid})`);
	} finally {
		client.kill('SIGKILL');
	}
}, 4 * slow);

describe.skipIf(!hasTmux)('a console cut off after it was dropped (tmux, --headless)', () => {
	it('says, resumed, that it was dropped (not that the scheduler is gone), re-attaches, and marks the lines it missed', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const scheduler = await startScheduler(processes, root.dir);
		const s = openTmuxSession('cutoff', `${binary} --root ${root.dir}; sleep 120`, 140, 40);
		await s.see(attachedHeader(scheduler.pid), slow);
		const pid = s.consolePid();

		// Given the console stopped and dropped for not reading while a job floods the log
		process.kill(pid, 'SIGSTOP');
		await waitFor(() => processState(pid) === 'T', 10_000, 'the console to stop');
		expect(runCli(['run', 'chatty', '--detach', '--root', root.dir]).code).toBe(0);

		// When it stays stopped past the grace, and the scheduler cuts it off (the line saying why is lost)
		await expectCutOff(root.dir, scheduler.pid, pid, `console (pid ${pid})`);

		// Then resumed, it says it was dropped by a scheduler that runs on, not that it is gone
		process.kill(pid, 'SIGCONT');
		const told = await s.see(`re-attaching (dropped by pid ${scheduler.pid})`, slow);
		expect(told).toContain('this console stopped reading');
		expect(told).not.toContain('gone');

		// And it attaches again by itself, and a dim row marks where the lines it never got were
		const back = await waitFor(() => !s.screen().includes('re-attaching') && s.screen(), slow, 'the console to attach again');
		expect(back).toMatch(attachedHeader(scheduler.pid));
		// (the lines it had before it stopped are few, the scheduler's start: the oldest page of the log
		// panel shows them and the row; chatty's start may be among the missed lines, sent in one message
		// with its first flood lines that the console never read whole)
		s.keys('l');
		s.keys('g');
		const oldest = await s.see('── lines missed while this console was not reading ──', 10_000);
		const rows = oldest.split('\n');
		const marker = rows.findIndex(row => row.includes('lines missed while'));
		expect(rows.slice(0, marker).join('\n')).toContain('scheduler started with 2 jobs');
		expect(rows[marker + 1]).toMatch(/flood \d+ x/);
	}, 4 * slow);
});
