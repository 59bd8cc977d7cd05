/**
 * The name of a root's beacon (src/host/scheduler-beacon.ts), an abstract unix socket every process on
 * the network namespace shares: one root is one name whatever of data/ is left; two roots are two names. Real folders; the held beacon and its call with real sockets.
 */
import {mkdirSync, readdirSync, rmSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {expect, it} from 'vitest';
import {beaconName, callSchedulerBeacon, SchedulerBeacon} from '../../src/host/scheduler-beacon.js';
import {scratchDir} from '../helpers/temp-root.js';
import {waitFor} from '../helpers/wait-for.js';

function root(): {dir: string; socket: string} {
	const dir = scratchDir('sage-beacon-');
	mkdirSync(path.join(dir, 'data'));
	return {dir, socket: path.join(dir, 'data/sage.sock')};
}

it('names one root the same with data/ deleted, and two roots apart', () => {
	const one = root();
	const name = beaconName(one.socket);
	rmSync(path.join(one.dir, 'data'), {recursive: true});
	expect(beaconName(one.socket)).toBe(name);
	expect(beaconName(root().socket)).not.toBe(name);
});

it.runIf(process.platform === 'linux')('a call is answered with the pid after the check it asks for; one root is held once', async () => {
	const {socket} = root();
	expect(await callSchedulerBeacon(socket)).toBeUndefined();
	let checks = 0;
	const beacon = await SchedulerBeacon.hold(socket, async () => {
		checks++;
	});
	try {
		expect(beacon).toBeInstanceOf(SchedulerBeacon);
		expect(await callSchedulerBeacon(socket)).toEqual({pid: process.pid});
		expect(checks).toBe(1);
		expect(await SchedulerBeacon.hold(socket, async () => undefined)).toBe('held-elsewhere');
	} finally {
		(beacon as SchedulerBeacon).close();
	}

	expect(await callSchedulerBeacon(socket)).toBeUndefined();
});

it.runIf(process.platform === 'linux')('a caller that never hangs up is cut off: anyone on the machine may call, and each call would hold one of the scheduler\'s files for good', async () => {
	const {socket} = root();
	const beacon = await SchedulerBeacon.hold(socket, async () => undefined);
	const openFiles = () => readdirSync('/proc/self/fd').length;
	const callers: net.Socket[] = [];
	try {
		const before = openFiles();
		for (let i = 0; i < 20; i++) {
			// A caller that reads the pid but never closes its side.
			const caller = net.connect({path: beaconName(socket), allowHalfOpen: true});
			caller.on('error', () => undefined);
			caller.resume();
			callers.push(caller);
			await new Promise(resolve => {
				caller.once('end', resolve);
			});
		}

		// Each call: the caller's end and the beacon's (the beacon's go).
		const held = openFiles();
		expect(held - before).toBeGreaterThanOrEqual(38);
		await waitFor(() => openFiles() <= held - 18, 5000, 'the beacon to let go of the callers that did not hang up');
	} finally {
		for (const caller of callers) {
			caller.destroy();
		}

		(beacon as SchedulerBeacon).close();
	}
});
