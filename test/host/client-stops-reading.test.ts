/**
 * A client that stops reading (an attached console stopped with SIGSTOP, a pipe into a stuck process):
 * the scheduler must not queue its events without end. Given a real socket server and two clients, one
 * a child process that subscribes and then stops itself, when far more events are published than the
 * transport's backlog allows, then the stopped one is dropped while still stopped, the other meanwhile
 * gets every event in order, and the stopped one, resumed, finds its connection closed after what the
 * kernel held, connects again and gets the current state, as a console re-attaches. And a scheduler
 * that stops does not wait for such a client to hang up.
 */
import {spawn} from 'node:child_process';
import path from 'node:path';
import {expect, it} from 'vitest';
import {connectToScheduler} from '../../src/host/socket-client.js';
import {SocketServer} from '../../src/host/socket-server.js';
import type {RequestHandler} from '../../src/protocol/server-session.js';
import {TestEvents, processState} from '../helpers/published-events.js';
import {scratchDir} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

/** Subscribes, stops itself; resumed, reads to the end, then connects again and asks the state. */
const stoppingClient = String.raw`
const net = require('node:net');
const socketPath = process.argv[1];
const hello = {kind: 'request', id: 1, method: 'hello', params: {protocol: 1, client: 'stopped'}};
const first = net.connect(socketPath, () => {
	first.write(JSON.stringify(hello) + '\n' + JSON.stringify({kind: 'request', id: 2, method: 'subscribe', params: {}}) + '\n');
});
let text = '';
const subscribed = data => {
	text += data.toString();
	if (!text.includes('"id":2')) return;
	first.off('data', subscribed);
	first.pause();
	process.stdout.write('subscribed\n', () => {
		process.kill(process.pid, 'SIGSTOP');
		let received = 0;
		first.on('data', data => { received += data.length; });
		first.on('error', () => undefined);
		first.on('close', () => {
			const again = net.connect(socketPath, () => {
				again.write(JSON.stringify(hello) + '\n' + JSON.stringify({kind: 'request', id: 3, method: 'snapshot', params: {}}) + '\n');
			});
			let answer = '';
			again.on('data', data => {
				answer += data.toString();
				const line = answer.split('\n').find(line => line.includes('"id":3'));
				if (line) {
					process.stdout.write(JSON.stringify({received, state: JSON.parse(line).result}) + '\n');
					again.end();
				}
			});
		});
		first.resume();
	});
};
first.on('data', subscribed);
`;

it('drops a client that stopped reading, keeps the others whole, and a resumed client starts again from the current state', async () => {
	const dir = scratchDir();
	const socketPath = path.join(dir, 'sage.sock');
	const events = new TestEvents();
	let published = 0;
	const handler = ((method: string) => (method === 'subscribe' ? {snapshot: {published}, tail: []} : {published})) as unknown as RequestHandler;
	const server = new SocketServer(socketPath, path.join(dir, 'sage.db'), handler, events, {pid: process.pid, startedAt: Date.now(), version: 'test', root: dir});
	await server.listen();
	const child = spawn(process.execPath, ['-e', stoppingClient, socketPath], {stdio: ['ignore', 'pipe', 'inherit']});
	let output = '';
	child.stdout.on('data', (data: Buffer) => {
		output += data.toString();
	});
	try {
		const {client: reader} = await connectToScheduler(socketPath, 'reader');
		await reader.request('subscribe', {});
		const seen: number[] = [];
		reader.on('log-lines', data => {
			seen.push(...data.lines.map(line => Number(line.runId)));
		});

		await waitFor(() => output.includes('subscribed') && processState(child.pid!) === 'T', 20_000, 'the client to subscribe and stop');
		expect(events.listeners.size).toBe(2);

		// 48 MB of log lines, half again the 32 MB a peer may leave unread.
		const line = 'x'.repeat(64 * 1024);
		const count = 768;
		for (let sequence = 1; sequence <= count; sequence++) {
			published = sequence;
			events.publish('log-lines', {lines: [{time: sequence, level: 'info', msg: line, jobId: 'chatty', runId: sequence}]});
			if (sequence % 16 === 0) {
				// A client that reads keeps up (the scheduler's I/O turns come between its events).
				await waitFor(() => seen.length === sequence || reader.isClosed, 20_000, 'the reading client to keep up');
			}
		}

		expect(seen).toEqual(Array.from({length: count}, (_, index) => index + 1));
		// Dropped by the scheduler while it is still stopped: its session no longer hears events.
		expect(processState(child.pid!)).toBe('T');
		expect(events.listeners.size).toBe(1);

		child.kill('SIGCONT');
		await waitFor(() => output.includes('"state"'), 20_000, 'the resumed client to connect again');
		const {received, state} = JSON.parse(output.trim().split('\n').at(-1)!) as {received: number; state: {published: number}};
		// It read what the kernel held for it, never the 48 MB: the scheduler kept no backlog past the bound.
		expect(received).toBeLessThan(33 * 1024 * 1024);
		expect(state).toEqual({published: count});
		reader.close();
	} finally {
		// A client left stopped would hold the server's close (its connection never drains).
		child.kill('SIGKILL');
		await server.close();
	}
}, 60_000);

it('stops without waiting for a client that stopped reading to hang up', async () => {
	const dir = scratchDir();
	const socketPath = path.join(dir, 'sage.sock');
	const events = new TestEvents();
	const handler = ((method: string) => (method === 'subscribe' ? {snapshot: {}, tail: []} : {})) as unknown as RequestHandler;
	const server = new SocketServer(socketPath, path.join(dir, 'sage.db'), handler, events, {pid: process.pid, startedAt: Date.now(), version: 'test', root: dir});
	await server.listen();
	const child = spawn(process.execPath, ['-e', stoppingClient, socketPath], {stdio: ['ignore', 'pipe', 'inherit']});
	let output = '';
	child.stdout.on('data', (data: Buffer) => {
		output += data.toString();
	});
	try {
		await waitFor(() => output.includes('subscribed') && processState(child.pid!) === 'T', 20_000, 'the client to subscribe and stop');
		events.publish('scheduler-state', {paused: false, stopping: true});
		// Resolves while the client is still stopped: the stop goes on to close the database and free the lock.
		await server.close();
		expect(processState(child.pid!)).toBe('T');
		expect(events.listeners.size).toBe(0);
	} finally {
		child.kill('SIGKILL');
	}
}, 30_000);
