/**
 * `rm -rf data` under a running scheduler: its root guard's timer round finds the database gone and
 * restores it (a copy that takes seconds on a big history) before it listens on the socket again. A
 * client that finds no socket calls the beacon meanwhile; the beacon runs a check, and is let go only
 * when it returns. That check must wait for the round under way: let go at once, the client reconnects
 * to a socket not made yet and says no scheduler runs. Real database, socket, beacon and guard; the
 * restore waits at a gate the test opens, standing in for the long copy.
 */
import {existsSync, mkdirSync, rmSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {expect, it} from 'vitest';
import {HistoryDatabase} from '../../src/host/database-restore.js';
import {RootGuard} from '../../src/host/root-guard.js';
import {callSchedulerBeacon, SchedulerBeacon} from '../../src/host/scheduler-beacon.js';
import {openDatabase} from '../../src/store/open-database.js';
import {scratchDir} from '../helpers/temp-root.js';

it.runIf(process.platform === 'linux')('a beacon call during the guard\'s round that restores the database is let go once the socket is back', async () => {
	const dir = scratchDir('sage-guard-round-');
	mkdirSync(path.join(dir, 'data'));
	const dbFile = path.join(dir, 'data/sage.db');
	const socketFile = path.join(dir, 'data/sage.sock');
	const database = new HistoryDatabase(openDatabase(dbFile), dbFile);
	let server: net.Server | undefined;
	let openGate!: () => void;
	const gate = new Promise<void>(resolve => {
		openGate = resolve;
	});
	let restoring = false;
	const guard = new RootGuard({
		dbFile,
		socketFile,
		dbInode: () => database.openInode,
		async restoreDatabase() {
			restoring = true;
			await gate;
			await database.restore();
		},
		async relisten() {
			server = net.createServer();
			await new Promise<void>(resolve => {
				server!.listen(socketFile, resolve);
			});
		},
		say() {},
		setNotice() {},
	});
	const beacon = await SchedulerBeacon.hold(socketFile, async () => guard.check());
	try {
		rmSync(path.join(dir, 'data'), {recursive: true});
		// The timer's round, under way.
		const round = guard.check();
		expect(restoring).toBe(true);
		let answered = false;
		const call = callSchedulerBeacon(socketFile).then(answer => {
			answered = true;
			return {answer, socketThere: existsSync(socketFile)};
		});
		await new Promise(resolve => {
			setTimeout(resolve, 300);
		});
		expect(answered).toBe(false);
		openGate();
		await round;
		expect(await call).toEqual({answer: {pid: process.pid}, socketThere: true});
	} finally {
		openGate();
		(beacon as SchedulerBeacon).close();
		server?.close();
		database.db.close();
	}
});
