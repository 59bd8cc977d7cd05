/**
 * A client the scheduler drops for not reading (a console under SIGSTOP, a pane frozen in tmux's scroll
 * mode, a stalled ssh link) is told why and the scheduler's log says so. Given a real socket server with
 * the scheduler's real process logger and a client, a child process, that says hello as a console
 * does, subscribes and stops itself: when far more is published than a peer may leave unread, the
 * scheduler's log has one warn line naming that client (its kind and pid) and why; resumed, the client
 * reads whole lines only, the last of them a `closing` one saying it was dropped for not reading.
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {SocketServer} from '../../src/host/socket-server.js';
import {createProcessLogger} from '../../src/log/process-logger.js';
import type {RequestHandler} from '../../src/protocol/server-session.js';
import {TestEvents, processState} from '../helpers/published-events.js';
import {scratchDir} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

/** Says hello as `console (pid N)`, subscribes, stops itself; resumed, reads to the end and tells what it read. */
const stoppingClient = String.raw`
const net = require('node:net');
const socketPath = process.argv[1];
const hello = {kind: 'request', id: 1, method: 'hello', params: {protocol: 1, client: 'console (pid ' + process.pid + ')'}};
const socket = net.connect(socketPath, () => {
	socket.write(JSON.stringify(hello) + '\n' + JSON.stringify({kind: 'request', id: 2, method: 'subscribe', params: {}}) + '\n');
});
let text = '';
let stopped = false;
socket.on('data', data => {
	text += data.toString();
	if (stopped || !text.includes('"id":2')) return;
	stopped = true;
	socket.pause();
	process.stdout.write('subscribed\n', () => {
		process.kill(process.pid, 'SIGSTOP');
		socket.resume();
	});
});
socket.on('error', error => { text += '\nerror ' + error.code; });
socket.on('close', () => {
	const lines = text.split('\n');
	const tail = lines.pop();
	const notJson = lines.filter(line => { try { JSON.parse(line); return false; } catch { return true; } }).length;
	process.stdout.write(JSON.stringify({last: lines.at(-1), partial: tail, notJson}) + '\n');
});
`;

it('logs the client it dropped for not reading, and the client, reading again, learns why in a last whole line', async () => {
	const dir = scratchDir();
	const socketPath = path.join(dir, 'sage.sock');
	const logger = createProcessLogger(path.join(dir, 'logs'), {stdout: false});
	const events = new TestEvents();
	const handler = ((method: string) => (method === 'subscribe' ? {snapshot: {}, tail: []} : {})) as unknown as RequestHandler;
	const server = new SocketServer(socketPath, path.join(dir, 'sage.db'), handler, events, {pid: process.pid, startedAt: Date.now(), version: 'test', root: dir}, logger);
	await server.listen();
	const child = spawn(process.execPath, ['-e', stoppingClient, socketPath], {stdio: ['ignore', 'pipe', 'inherit']});
	let output = '';
	child.stdout.on('data', (data: Buffer) => {
		output += data.toString();
	});
	const logLines = () => {
		try {
			return readFileSync(path.join(dir, 'logs', 'sage-console.log'), 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as {level: number; time: string; msg: string; client?: string});
		} catch {
			return [];
		}
	};

	try {
		await waitFor(() => output.includes('subscribed') && processState(child.pid!) === 'T', 20_000, 'the client to subscribe and stop');
		// 48 MB of log lines, half again the 32 MB a peer may leave unread; dropped on the way.
		const line = 'x'.repeat(64 * 1024);
		for (let sequence = 1; sequence <= 768; sequence++) {
			events.publish('log-lines', {lines: [{time: sequence, level: 'info', msg: line, jobId: 'chatty', runId: sequence}]});
			if (sequence % 64 === 0) {
				// The scheduler's I/O turns come between its events.
				await new Promise(resolve => {
					setImmediate(resolve);
				});
			}
		}

		expect(events.listeners.size).toBe(0);
		const dropped = await waitFor(() => logLines().filter(entry => entry.msg.includes('read nothing')), 20_000, 'the drop in the scheduler\'s log');
		expect(dropped).toHaveLength(1);
		// A warn line (pino's 40) naming the client by its kind and pid, and why.
		expect(dropped[0]).toMatchObject({level: 40, client: `console (pid ${child.pid})`});
		expect(dropped[0]!.msg).toContain(`dropped console (pid ${child.pid}) from the socket: it read nothing while 32 MB waited for it`);
		expect(processState(child.pid!)).toBe('T');

		child.kill('SIGCONT');
		await waitFor(() => output.includes('"last"'), 20_000, 'the resumed client to read to the end');
		const {last, partial, notJson} = JSON.parse(output.trim().split('\n').at(-1)!) as {last: string; partial: string; notJson: number};
		// Whole lines up to the end, no message cut in two, and the last one says why the connection closed.
		expect(notJson).toBe(0);
		expect(partial).toBe('');
		// And when, by the scheduler's clock: the moment its log has, which the client learns late.
		expect(JSON.parse(last)).toEqual({kind: 'closing', code: 'stopped-reading', reason: 'dropped by the scheduler: this client read nothing while 32 MB waited for it', at: expect.any(Number) as unknown});
		expect(Math.abs((JSON.parse(last) as {at: number}).at - Date.parse(dropped[0]!.time))).toBeLessThan(1000);
	} finally {
		child.kill('SIGKILL');
		await server.close();
	}
}, 60_000);
