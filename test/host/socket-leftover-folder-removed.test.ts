/**
 * A scheduler killed (kill -9, a power cut) in the moment between making its socket's private folder in
 * data/ and removing it leaves that folder behind, a dead socket in it. Given such a folder, named as a
 * scheduler names it (`.sage.sock-` and six letters or digits), and a user's own hidden folders beside
 * it; when a real `--headless` scheduler starts on the root; then it removes the leftover and says so in
 * its log, and leaves the user's folders (one of them holding a socket too) and a link named as a leftover alone.
 */
import {existsSync, mkdirSync, readdirSync, renameSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

/** A unix socket file with nobody behind it: a server bound at `file`, closed without removing it. */
async function deadSocket(file: string): Promise<void> {
	const server = net.createServer();
	await new Promise<void>(resolve => {
		server.listen(file, resolve);
	});
	// Node's close unlinks the path it bound: a renamed-away socket stays, as a killed scheduler's does.
	const kept = `${file}.kept`;
	renameSync(file, kept);
	await new Promise<void>(resolve => {
		server.close(() => resolve());
	});
	renameSync(kept, file);
}

it('removes a killed scheduler\'s socket folder from data/ at the start, saying so, and leaves the user\'s hidden folders alone', async () => {
	const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: yearly, cron: "0 0 1 1 *", command: ["true"]}\n'});
	const data = path.join(root.dir, 'data');
	const leftover = path.join(data, '.sage.sock-Xy12Zq');
	mkdirSync(leftover, {recursive: true, mode: 0o700});
	await deadSocket(path.join(leftover, 's'));
	expect(statSync(path.join(leftover, 's')).isSocket()).toBe(true);
	const mine = path.join(data, '.mine');
	mkdirSync(mine, {mode: 0o700});
	await deadSocket(path.join(mine, 's'));
	const notes = path.join(data, '.sage.sock-notes1');
	mkdirSync(notes, {mode: 0o700});
	writeFileSync(path.join(notes, 'todo.txt'), 'mine\n');
	// A link named as a leftover is not followed: the folder it points to, a dead socket in it, stays.
	const elsewhere = path.join(root.dir, 'elsewhere');
	mkdirSync(elsewhere, {mode: 0o700});
	await deadSocket(path.join(elsewhere, 's'));
	symlinkSync(elsewhere, path.join(data, '.sage.sock-Link01'));

	const scheduler = processes.start(root.dir);
	await schedulerStarted(scheduler);

	expect(existsSync(leftover)).toBe(false);
	expect(scheduler.output().stdout).toContain(`removed ${leftover}: the private folder a scheduler killed while it made its socket left behind`);
	expect(readdirSync(mine)).toEqual(['s']);
	expect(readdirSync(notes)).toEqual(['todo.txt']);
	expect(readdirSync(elsewhere)).toEqual(['s']);
	expect(readdirSync(data).filter(name => name.startsWith('.')).sort()).toEqual(['.mine', '.sage.sock-Link01', '.sage.sock-notes1']);
	expect(statSync(path.join(data, 'sage.sock')).isSocket()).toBe(true);
}, 90_000);
