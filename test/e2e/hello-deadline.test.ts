/**
 * A connection that never says hello (a program that connects and says nothing, or asks before its
 * hello) does not hold a connection in the scheduler for as long as it lives: past the deadline the
 * scheduler tells it why in a last `closing` line and closes it, and its log says so once (others within
 * a minute at debug). sage-console's own clients say hello at once and stay. Built binaries, a real
 * headless scheduler (its deadline shortened with SAGE_CONSOLE_HELLO_DEADLINE_MS), real client processes,
 * the scheduler's sockets read from /proc and `ss -x`.
 */
import {spawn} from 'node:child_process';
import path from 'node:path';
import {expect, it} from 'vitest';
import {wholeLines} from '../helpers/log-file-lines.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {serverEndsOf} from '../helpers/socket-peers.js';
import {floodJobYaml} from '../helpers/stalled-follower.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

const jobsYaml = `jobs:
  - id: slow
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 300); do echo tick $i; sleep 0.2; done"]
${floodJobYaml}`;

/**
 * Connects to the socket and then says nothing (`silent`) or subscribes without a hello (`no-hello`);
 * prints what the scheduler sends, and `closed` when the connection ends; lives on as a stuck program does.
 */
const rudeClient = String.raw`
const net = require('node:net');
const [socketPath, mode] = process.argv.slice(1);
const socket = net.connect(socketPath);
socket.on('error', () => undefined);
setInterval(() => undefined, 60_000);
socket.on('connect', () => {
	if (mode === 'no-hello') {
		socket.write(JSON.stringify({kind: 'request', id: 1, method: 'subscribe', params: {}}) + '\n');
	}
	process.stdout.write('connected\n');
});
socket.on('data', data => process.stdout.write(data));
socket.on('close', () => process.stdout.write('closed\n'));
`;

type LogEntry = {level: number; msg: string; deadlineMs?: number};

function helloLines(root: string): LogEntry[] {
	return wholeLines(path.join(root, 'logs', 'sage-console.log')).filter(line => line.includes('did not say hello')).map(line => JSON.parse(line) as LogEntry);
}

it('closes a connection that says nothing, or asks before its hello, past the deadline, with a closing line, and logs it once', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
	const scheduler = startCli(['--headless', '--root', root.dir], {env: {SAGE_CONSOLE_HELLO_DEADLINE_MS: '1500'}});
	processes.track(scheduler);
	await schedulerStarted(scheduler);
	const schedulerPid = scheduler.child.pid!;
	const ready = scheduler.output().stdout.split('\n').find(line => line.includes('ready: clients attach on'))!;
	const {socket: socketPath} = JSON.parse(ready) as {socket: string};

	// Given sage-console's own clients attached under load (a job flooding the log) and following a run
	expect(runCli(['run', 'slow', '--detach', '--root', root.dir]).code).toBe(0);
	expect(runCli(['run', 'chatty', '--detach', '--root', root.dir]).code).toBe(0);
	const follower = startCli(['logs', '1', '--follow', '--root', root.dir]);
	processes.track(follower);
	await waitFor(() => follower.output().stdout.includes('tick 1'), slow, 'the follower to print the run\'s first line');

	// When one program connects and says nothing, and another subscribes without a hello
	const rude = ['silent', 'no-hello'].map(mode => {
		const child = spawn(process.execPath, ['-e', rudeClient, socketPath, mode], {stdio: ['ignore', 'pipe', 'inherit']});
		let output = '';
		child.stdout.on('data', (data: Buffer) => {
			output += data.toString();
		});
		return {child, mode, output: () => output};
	});
	try {
		for (const client of rude) {
			await waitFor(() => client.output().includes('connected'), slow, `the ${client.mode} client to connect`);
		}

		// Then past the deadline each is told why in a last line, and the scheduler holds no socket of it
		for (const client of rude) {
			await waitFor(() => client.output().includes('closed\n'), slow, `the ${client.mode} client's connection to close`);
			const closing = client.output().split('\n').map(line => line.startsWith('{') ? JSON.parse(line) as Record<string, unknown> : undefined).find(message => message?.kind === 'closing');
			expect(closing, client.output()).toMatchObject({code: 'no-hello', reason: 'closed by the scheduler: this connection did not say hello within 1.5 s of connecting (a request with method "hello" and the protocol version comes first)'});
			await waitFor(() => serverEndsOf(schedulerPid, client.child.pid!).length === 0, slow, `the scheduler to close its side of the ${client.mode} client's connection`);
		}

		// (the subscribe before the hello was refused first, as before)
		expect(rude[1]!.output()).toContain('say hello first');

		// And its log says so once at warn; the other, within the minute, at debug (not in an info log)
		await waitFor(() => helloLines(root.dir).length > 0, slow, 'the close in the scheduler\'s log');
		expect(helloLines(root.dir)).toEqual([expect.objectContaining({level: 40, deadlineMs: 1500, msg: 'closed a connection that did not say hello within 1.5 s: a program on this machine connected to the socket and said nothing, or asked before its hello (more of these within a minute are logged at debug)'})]);

		// And sage-console's own clients, which said hello at once, stay: the follower long past the deadline
		expect(serverEndsOf(schedulerPid, follower.child.pid!)).toHaveLength(1);
		for (let i = 0; i < 3; i++) {
			expect(runCli(['status', '--root', root.dir]).code).toBe(0);
		}

		expect(follower.output().stderr).toBe('');
	} finally {
		for (const {child} of rude) {
			child.kill('SIGKILL');
		}
	}

	expect(runCli(['cancel', '1', '--root', root.dir]).code).toBe(0);
}, 4 * slow);
