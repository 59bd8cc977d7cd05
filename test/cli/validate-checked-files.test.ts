/**
 * `validate` on a root made from the shipped files, through the built CLI: it checks every file the
 * scheduler loads from config/ and its OK line names each one it checked, with what it holds.
 */
import {chmodSync, copyFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeShippedRoot} from '../helpers/shipped-root.js';
import type {TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

/** The shipped root with its example notification files in place (mode 600, as the README asks) and a calendar.yaml. */
function rootWithEveryFile(): TempRoot {
	const made = makeShippedRoot();
	for (const name of ['notify_config', 'user_config']) {
		const file = path.join(made.dir, 'config', `${name}.json`);
		copyFileSync(path.join(made.dir, 'config', `${name}.example.json`), file);
		chmodSync(file, 0o600);
	}

	writeFileSync(path.join(made.dir, 'config', 'calendar.yaml'), 'closures: [2026-12-24]\nyears:\n  2027: [2027-01-01]\n');
	return made;
}

describe('validate names what it checked', () => {
	it('each file beside jobs.yaml, with what it holds, and says which optional ones are absent', () => {
		root = makeShippedRoot();
		const bare = runCli(['validate'], {cwd: root.dir});
		expect(bare).toMatchObject({code: 0, stderr: ''});
		expect(bare.stdout).toMatch(/^OK: config\/jobs\.yaml \(\d+ jobs, \d+ enabled\); absent \(optional\): config\/calendar\.yaml, config\/notify_config\.json, config\/user_config\.json\n$/);

		root.remove();
		root = rootWithEveryFile();
		const full = runCli(['validate'], {cwd: root.dir});
		expect(full).toMatchObject({code: 0, stderr: ''});
		expect(full.stdout).toMatch(/^OK: config\/jobs\.yaml \(\d+ jobs, \d+ enabled\), config\/calendar\.yaml \(1 closure, year 2027\), config\/notify_config\.json \(channels: [a-z, ]+\), config\/user_config\.json \(1 user\)\n$/);
	});

	it('every problem of every file at once, not only the first broken file\'s', () => {
		root = rootWithEveryFile();
		writeFileSync(path.join(root.dir, 'config', 'calendar.yaml'), 'closures: [2026-13-24]\n');
		writeFileSync(path.join(root.dir, 'config', 'notify_config.json'), '{"delivery": {"attempts": 0}}\n');
		writeFileSync(path.join(root.dir, 'config', 'jobs.yaml'), 'jobs:\n  - {id: a, command: ["true"], cron: "0 9 * * *", timeout: 0}\n');
		const result = runCli(['validate'], {cwd: root.dir});
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		const lines = result.stderr.split('\n').filter(Boolean);
		expect(lines.map(line => line.split(':')[0])).toEqual(['config/jobs.yaml', 'config/calendar.yaml', 'config/notify_config.json', '3 problems; nothing was loaded from these files']);
	});

	it('a token file others can read is a warning, counted on the OK line', () => {
		root = rootWithEveryFile();
		chmodSync(path.join(root.dir, 'config', 'user_config.json'), 0o644);
		const result = runCli(['validate'], {cwd: root.dir});
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/^config\/user_config\.json: warning: user_config\.json holds tokens and is readable by other users \(mode 644\)/);
		expect(result.stdout).toMatch(/config\/user_config\.json \(1 user\); 1 warning\n$/);
	});
});
