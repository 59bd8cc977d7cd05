/**
 * A console attached to a built `--headless` scheduler shows, in a failed run's detail, the params it
 * was asked for with (`sage-console run JOB --param`), a secret one `[redacted]`: the run's record
 * reaches it over the socket with them, as `show RUN` gives them, also when the scheduler has been
 * started again since and reads the run from history. Its detail said nothing of them.
 */
import {describe, expect, it} from 'vitest';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux} from '../helpers/tmux.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

const files = {
	'config/jobs.yaml': [
		'jobs:',
		'  - id: import_fills',
		'    trigger: manual',
		'    command: ["sh", "-c", "echo \'broker file missing\' >&2; exit 3"]',
		'',
	].join('\n'),
};

// Failures today counts in Shanghai (the scheduler's zone): a midnight there within the test empties it.
sameDayEach('Asia/Shanghai', 180_000);

describe.skipIf(!hasTmux)('a run\'s params in the detail of a console attached to --headless (tmux)', () => {
	it('gives the params the run was asked for, a secret one redacted', async () => {
		const root = processes.makeRoot(files);
		const {session: s} = await consoleOnHeadless(processes, root.dir, 'params-attached', {timeoutMs: slow, size: {columns: 120, rows: 30}});
		await s.see('Jobs (1)', slow);

		// Given a run asked for with params, one of them a secret, which fails
		const asked = runCli(['run', 'import_fills', '--param', 'code=600519', '--param', 'days=5', '--param', 'api_token=tok-s3cret-9f2', '--root', root.dir]);
		expect(asked.code, asked.stderr).not.toBe(0);
		await s.see('Failures today (1)', slow);

		// When its detail opens (f, Enter)
		s.keys('f');
		s.keys('Enter');
		const detail = await s.see('Run 1 · import_fills', slow);

		// Then it gives the params as show does, the secret's value censored
		expect(detail).toMatch(/params +code=600519 days=5 api_token=\[redacted\]/);
		expect(detail).not.toContain('tok-s3cret');
		const shown = runCli(['show', '1', '--root', root.dir]).stdout;
		expect(shown).toMatch(/params +code=600519 days=5 api_token=\[redacted\]/);
	}, 3 * slow);

	it('gives them for a run of before the scheduler was started again, read from history', async () => {
		const root = processes.makeRoot(files);
		// Given a run asked for with params under a scheduler since stopped
		const first = processes.start(root.dir);
		await schedulerStarted(first);
		const asked = runCli(['run', 'import_fills', '--param', 'code=600519', '--param', 'api_token=tok-s3cret-9f2', '--root', root.dir]);
		expect(asked.code, asked.stderr).not.toBe(0);
		first.child.kill('SIGTERM');
		expect(await first.exited).toBe(0);

		// When a console attached to the next scheduler opens its detail
		const {session: s} = await consoleOnHeadless(processes, root.dir, 'params-restarted', {timeoutMs: slow, size: {columns: 120, rows: 30}});
		await s.see('Failures today (1)', slow);
		s.keys('f');
		s.keys('Enter');
		const detail = await s.see('Run 1 · import_fills', slow);

		// Then the params history kept are there, the secret censored
		expect(detail).toMatch(/params +code=600519 api_token=\[redacted\]/);
		expect(detail).not.toContain('tok-s3cret');
	}, 3 * slow);
});
