/**
 * The socket file deleted from under a scheduler while a console is attached: the root guard's
 * `relisten` makes it again, new clients reach the scheduler, and the attached one stays connected;
 * a relisten under way when the scheduler stops listens no more. Real unix sockets.
 */
import {existsSync, unlinkSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {connectToScheduler} from '../../src/host/socket-client.js';
import {SocketServer} from '../../src/host/socket-server.js';
import type {EventName, Events} from '../../src/protocol/messages.js';
import type {EventSource, RequestHandler} from '../../src/protocol/server-session.js';
import {scratchDir} from '../helpers/temp-root.js';

it('listens anew while a client is attached, which stays connected', async () => {
	const dir = scratchDir();
	const socketPath = path.join(dir, 'sage.sock');
	const listeners = new Set<(name: EventName, data: unknown) => void>();
	const events: EventSource = {
		on(listener: <E extends EventName>(name: E, data: Events[E]) => void) {
			const own = listener as (name: EventName, data: unknown) => void;
			listeners.add(own);
			return () => listeners.delete(own);
		},
	};
	const handler = ((method: string) => (method === 'subscribe' ? {snapshot: {}, tail: []} : {answered: method})) as unknown as RequestHandler;
	const server = new SocketServer(socketPath, path.join(dir, 'sage.db'), handler, events, {pid: process.pid, startedAt: Date.now(), version: 'test', root: dir});
	await server.listen();
	try {
		const {client: attached} = await connectToScheduler(socketPath, 'console');
		await attached.request('subscribe', {});
		unlinkSync(socketPath);

		// Resolved only once every client had left, before: an attached console kept the socket from coming back.
		await server.relisten();
		const {client: another} = await connectToScheduler(socketPath, 'status');
		expect(await another.request('snapshot', {})).toEqual({answered: 'snapshot'});
		const states: unknown[] = [];
		attached.on('scheduler-state', data => states.push(data));
		for (const listener of listeners) {
			listener('scheduler-state', {paused: true, stopping: false});
		}

		expect(await attached.request('snapshot', {})).toEqual({answered: 'snapshot'});
		expect(states).toEqual([{paused: true, stopping: false}]);
		another.close();
		attached.close();
	} finally {
		await server.close();
	}
}, 30_000);

it('does not listen again when it was closed while a relisten was under way', async () => {
	// Given a scheduler whose socket file was deleted, making it again as the scheduler stops
	const dir = scratchDir();
	const socketPath = path.join(dir, 'sage.sock');
	const events: EventSource = {on: () => () => true};
	const handler = ((method: string) => ({answered: method})) as unknown as RequestHandler;
	const server = new SocketServer(socketPath, path.join(dir, 'sage.db'), handler, events, {pid: process.pid, startedAt: Date.now(), version: 'test', root: dir});
	await server.listen();
	unlinkSync(socketPath);

	// When it is closed while the relisten is under way
	const relisten = server.relisten();
	await server.close();
	await relisten;

	// Then nothing listens (a listener made then would hold the process open for ever), and no socket is left
	await expect(connectToScheduler(socketPath, 'status')).rejects.toThrow();
	expect(existsSync(socketPath)).toBe(false);
}, 30_000);
