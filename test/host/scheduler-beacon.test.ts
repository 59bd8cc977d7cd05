/**
 * The name of a root's beacon (src/host/scheduler-beacon.ts), an abstract unix socket every process on
 * the network namespace shares: one root is one name whatever of data/ is left; two roots are two names. Real folders; the held beacon and its call with real sockets.
 */
import {mkdirSync, rmSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {beaconName, callSchedulerBeacon, SchedulerBeacon} from '../../src/host/scheduler-beacon.js';
import {scratchDir} from '../helpers/temp-root.js';

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
