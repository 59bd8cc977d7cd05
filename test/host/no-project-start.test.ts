import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {binary, runCli} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

let folder: string | undefined;
afterEach(() => {
	if (folder) {
		rmSync(folder, {recursive: true, force: true});
		folder = undefined;
	}
});

/** A folder that is no project: a mistyped --root. */
function emptyFolder(): string {
	folder = mkdtempSync(path.join(os.tmpdir(), 'sage-no-project-'));
	return folder;
}

const notFound = /config\/jobs\.yaml:1:1: file not found \(root .*\): run sage-console in the project's folder/;

describe('a start in a folder that holds no project', () => {
	it('run and --headless refuse with "file not found" and leave no data/sage.db, so the folder still reads as no project', () => {
		// Given a folder with no jobs file, no history and no last good job list
		const dir = emptyFolder();

		// When a one-off run and a headless scheduler are started there
		for (const args of [['run', 'hello'], ['--headless']]) {
			const result = runCli([...args, '--root', dir], {timeoutMs: 20_000});

			// Then each refuses as before, and writes nothing there
			expect(result.code, args.join(' ')).toBe(1);
			expect(result.stderr).toMatch(notFound);
			expect(existsSync(path.join(dir, 'data/sage.db')), `${args.join(' ')} left data/sage.db`).toBe(false);
			expect(existsSync(path.join(dir, 'data')), `${args.join(' ')} left data/`).toBe(false);
		}

		// And the commands after them still say the folder is no project, not "no runs match" or "start one"
		const history = runCli(['history', '--root', dir]);
		expect(history.code).toBe(1);
		expect(history.stderr).toContain(`no sage-console project at ${dir}`);
		const status = runCli(['status', '--root', dir]);
		expect(status.code).toBe(4);
		expect(status.stderr).toContain(`no sage-console project at ${dir}, so no scheduler runs for it: neither config/jobs.yaml nor data/sage.db is there`);
		expect(status.stderr).not.toContain('start one with');
	});

	it.runIf(hasTmux)('the console in a terminal says "file not found", exits 1 and leaves no data/', async () => {
		const dir = emptyFolder();
		const terminal = openTmuxSession('no-project', `sh -c '${binary} --root ${dir}; echo "exit=$?"; sleep 60'`, 120, 30);

		const screen = await terminal.see('exit=', 20_000);

		expect(screen).toContain('exit=1');
		expect(screen.replaceAll('\n', '')).toMatch(notFound);
		expect(existsSync(path.join(dir, 'data'))).toBe(false);
	});
});
