import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {lockHolder} from '../../src/host/instance-lock.js';
import {binary} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot, testJobs, type TempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

let root: TempRoot | undefined;
let scheduler: number | undefined;
afterEach(() => {
	try {
		if (scheduler !== undefined) {
			process.kill(scheduler, 'SIGKILL');
		}
	} catch {
		// It ended, as it should.
	}

	root?.remove();
});

const config = `jobs:
  - id: good
    cron: "*/2 * * * * *"
    module: jobs/ok.ts
`;

/**
 * `nohup sage-console --headless > out &` from an ssh or tmux session that is closed later: stdout goes
 * to a file, stdin is the terminal that goes away. The scheduler runs on (its shell, ignoring SIGHUP,
 * keeps the hangup from it) until it is stopped, later, by a signal.
 */
describe.skipIf(!hasTmux)('--headless started from a terminal that goes away (ssh dropped, tmux killed)', () => {
	it.each(['SIGTERM', 'SIGHUP'] as const)('stops on %s with exit code 0 and "scheduler stopped" last, no abort putting the terminal back', async signal => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': config});
		const exit = path.join(root.dir, 'exit-code');
		const output = path.join(root.dir, 'headless.out');
		// The shell outlives the hangup (it ignores SIGHUP) to write down how the scheduler ended.
		const session = openTmuxSession('sage', `sh -c "trap '' HUP; cd ${root.dir} && ${binary} --headless > ${output} 2>&1; echo \\$? > ${exit}"`);
		await waitFor(() => existsSync(output) && readFileSync(output, 'utf8').includes(`"status":"success"`), 20_000, 'a run to succeed');
		scheduler = lockHolder(path.join(root.dir, 'data/sage.lock'));
		expect(scheduler).toBeGreaterThan(0);
		session.kill();
		const runs = () => readFileSync(output, 'utf8').split('"status":"success"').length;
		const before = runs();
		await waitFor(() => runs() > before, 10_000, 'a run after the terminal went away');
		process.kill(scheduler!, signal);

		await waitFor(() => existsSync(exit) && readFileSync(exit, 'utf8').trim() !== '', 30_000, 'the scheduler to end');
		const lines = readFileSync(output, 'utf8').trim().split('\n');
		expect(lines.join('\n')).not.toMatch(/Assertion failed|ResetStdio|Aborted/);
		expect(lines.some(line => line.includes(`"signal":"${signal}"`))).toBe(true);
		expect(JSON.parse(lines.at(-1)!)).toMatchObject({msg: 'scheduler stopped'});
		expect(readFileSync(exit, 'utf8').trim()).toBe('0');
		expect(existsSync(path.join(root.dir, 'data/sage.lock'))).toBe(false);
	});
});
