/**
 * A unix socket's path holds at most 107 bytes. The private folder the scheduler makes its socket in
 * (`data/.sage.sock-XXXXXX/s`, ten bytes longer than `data/sage.sock`) is used while that path fits, in
 * bytes (a root under a Chinese folder name counts three a character); a byte beyond, the socket is bound
 * at `data/sage.sock` and narrowed after, as before; beyond that it goes to the private fallback folder.
 * Seen with strace on a real `--headless` scheduler under `umask 000`: which path it bound, that it listens
 * (a client attaches), that its socket is 0600 and that data/ holds no hidden folder afterwards.
 */
import {mkdirSync, readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {afterEach, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot, scratchDir, type TempRoot} from '../helpers/temp-root.js';
import {canTrace, tracedHeadless} from '../helpers/traced-headless.js';

const startTraced = tracedHeadless();

/** sun_path's room on Linux, the last of its 108 bytes a NUL. */
const maxSocketPathBytes = 107;
const privateTail = Buffer.byteLength('/.sage.sock-XXXXXX/s');

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

/** A folder under a Chinese name whose roots' `data/` is `dataBytes` long in bytes. */
function parentFor(dataBytes: number): string {
	const scratch = scratchDir('sage-limit-');
	// A root is `<parent>/sage-test-XXXXXX`, its data folder that and `/data`.
	const need = dataBytes - Buffer.byteLength(`${scratch}//sage-test-XXXXXX/data`);
	let name = '';
	while (Buffer.byteLength(`${name}股`) <= need) {
		name += '股';
	}

	name = name.padEnd(name.length + need - Buffer.byteLength(name), 'a');
	const parent = path.join(scratch, name);
	mkdirSync(parent);
	return parent;
}

/** The unix-socket binds a `--headless` scheduler on a root of that `data/` length made while it started. */
async function bindsOfSchedulerWithData(dataBytes: number): Promise<{binds: string[]; socketPath: string}> {
	root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: yearly, cron: "0 0 1 1 *", command: ["true"]}\n'}, parentFor(dataBytes));
	const data = path.join(root.dir, 'data');
	expect(Buffer.byteLength(data)).toBe(dataBytes);
	const scheduler = await startTraced(root.dir, 'bind');
	const status = runCli(['status', '--root', root.dir]);
	expect(status.code, status.stderr).toBe(0);
	expect(status.stdout).toContain(`scheduler pid ${scheduler.pid} `);
	expect(readdirSync(data).filter(name => name.startsWith('.'))).toEqual([]);
	const socketPath = /ready: clients attach on (\S+?)"/.exec(scheduler.stdout())![1]!;
	expect(statSync(socketPath).mode & 0o777).toBe(0o600);
	// Stopped, so a socket in the fallback folder is removed with it.
	await scheduler.stop();
	const binds = scheduler.calls().filter(line => /\bbind\(.*AF_UNIX, sun_path="\//.test(line));
	return {binds, socketPath};
}

it.runIf(canTrace)('with data/.sage.sock-XXXXXX/s exactly 107 bytes long (a Chinese folder name), the socket is made in its private folder', async () => {
	const {binds} = await bindsOfSchedulerWithData(maxSocketPathBytes - privateTail);
	expect(binds, binds.join('\n')).toHaveLength(1);
	expect(binds[0]).toMatch(/\/data\/\.sage\.sock-[A-Za-z\d]{6}\/s"/);
}, 90_000);

it.runIf(canTrace)('a byte longer, it is bound at data/sage.sock and narrowed to 0600 there, as before', async () => {
	const {binds, socketPath} = await bindsOfSchedulerWithData(maxSocketPathBytes - privateTail + 1);
	expect(binds, binds.join('\n')).toHaveLength(1);
	expect(binds[0]).toMatch(/\/data\/sage\.sock"/);
	expect(socketPath).toMatch(/\/data\/sage\.sock$/);
}, 90_000);

it.runIf(canTrace)('with data/sage.sock itself too long, it goes to the private fallback folder', async () => {
	const {binds, socketPath} = await bindsOfSchedulerWithData(maxSocketPathBytes - Buffer.byteLength('/sage.sock') + 1);
	expect(binds, binds.join('\n')).toHaveLength(1);
	expect(binds[0]).toContain(`sun_path="${socketPath}"`);
	expect(socketPath).toMatch(/\/sage-console(-\d+)?\/[\da-f]{16}\.sock$/);
}, 90_000);
