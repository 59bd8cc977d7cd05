import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {binary} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {makeTempRoot, testJobs, type TempRoot} from '../helpers/temp-root.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';

let root: TempRoot | undefined;
let session: TmuxSession | undefined;
afterEach(() => {
	session?.kill();
	root?.remove();
});

const config = `jobs:
  - id: steps
    name: 回测 backtest
    trigger: manual
    command: ["sh", "-c", "for i in 1 2 3 4 5 6 7 8 9; do echo \\"::progress 0.$i day $i\\"; sleep 1; done"]
  - id: broken
    trigger: manual
    module: jobs/throws.ts
  - id: tick
    cron: "*/2 * * * * *"
    command: ["true"]
`;

// Failures today counts in Shanghai (the scheduler's zone): a midnight there within the test empties it.
sameDayEach('Asia/Shanghai', 180_000);

describe.skipIf(!hasTmux)('sage-console in a real terminal (tmux)', () => {
	it('shows jobs with next times, runs with r, opens a stack trace with f and Enter, survives a resize, and q leaves a clean shell', async () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': config});
		session = new TmuxSession('sage', `cd ${root.dir} && ${binary}; echo SHELL-IS-BACK; sleep 60`);
		const screen = () => session!.screen();
		await waitFor(() => screen().includes('Jobs (3)') && screen().includes('every 2s'), 20_000, 'the job list');
		expect(screen()).toMatch(/\d\d:\d\d (in \d+s|now)/);
		const clock = () => /\d\d:\d\d:\d\d/.exec(screen().split('\n')[0] ?? '')?.[0];
		const first = clock();
		await waitFor(() => clock() !== first && clock(), 15_000, 'the header clock to tick');
		expect(screen()).toContain('回测 backtest');

		session.keys('r');
		await waitFor(() => /█+░+\s+\d+%\s+day \d/.test(screen()), 15_000, 'a progress bar');

		session.keys('j', 'r');
		await waitFor(() => screen().includes('Failures today (1)'), 15_000, 'the failure');
		session.keys('f', 'Enter');
		await waitFor(() => screen().includes('DataFeedError: feed returned 502 for 600519.SH') && screen().includes('at fetchBars'), 10_000, 'the stack trace');
		session.keys('Escape');
		await waitFor(() => screen().includes('Jobs (3)'), 10_000, 'the main screen again');

		session.resize(80, 24);
		await waitFor(() => screen().includes('Jobs (3)') && screen().includes('Failures today') && /─{60}/.test(screen()) && !/─{85}/.test(screen()), 10_000, 'a redraw at 80×24');
		const small = screen().replace(/\n$/, '').split('\n');
		expect(small).toHaveLength(24);
		expect(Math.max(...small.map(line => stringWidth(line)))).toBeLessThanOrEqual(80);
		expect(small.filter(line => line.includes('Jobs (3)'))).toHaveLength(1);
		session.resize(100, 30);
		await waitFor(() => screen().includes('Jobs (3)') && /─{85}/.test(screen()), 10_000, 'a redraw at 100×30');
		expect(screen().split('\n').filter(line => line.includes('Jobs (3)'))).toHaveLength(1);

		session.keys('q');
		await waitFor(() => screen().includes('Quit?'), 10_000, 'the quit question (a run is live)');
		session.keys('c');
		await waitFor(() => screen().includes('SHELL-IS-BACK'), 20_000, 'the shell');
		expect(screen()).not.toContain('Jobs (3)');
	});

	it('stops cleanly when its terminal goes away: scheduler shut down, exit code 0, no abort while putting the terminal back', async () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': config});
		const exit = path.join(root.dir, 'exit-code');
		const stderr = path.join(root.dir, 'stderr');
		// The shell outlives the hangup (it ignores SIGHUP) to write down how the console ended.
		session = new TmuxSession('sage', `sh -c "trap '' HUP; cd ${root.dir} && ${binary} 2>${stderr}; echo \\$? > ${exit}"`);
		await waitFor(() => /\d\d:\d\d:\d\d \S*tick.*▶ tick started/.test(session!.screen()), 20_000, 'log lines');
		session.kill();
		await waitFor(() => existsSync(exit) && readFileSync(exit, 'utf8').trim() !== '', 30_000, 'the console to end');
		expect(readFileSync(stderr, 'utf8')).not.toMatch(/Assertion failed|ResetStdio|Aborted/);
		expect(readFileSync(exit, 'utf8').trim()).toBe('0');
		expect(existsSync(path.join(root.dir, 'data/sage.lock'))).toBe(false);
	});

	it('draws in colour on a colour terminal, CI variable or not, and in plain text under NO_COLOR', async () => {
		root = makeTempRoot({...testJobs, 'config/jobs.yaml': config});
		// The colour parameters of a screen's SGR codes (resets, bold and inverse are not colours).
		const colours = (text: string) => [...text.matchAll(/\u001B\[([\d;]*)m/g)]
			.flatMap(match => match[1]!.split(';').map(Number))
			.filter(code => (code >= 30 && code <= 38) || (code >= 40 && code <= 48) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107));
		for (const environment of ['', 'CI=true CONTINUOUS_INTEGRATION=1']) {
			session = new TmuxSession('sage', `cd ${root.dir} && ${environment} ${binary}; sleep 60`);
			const styled = () => session!.styledScreen();
			await waitFor(() => /\d\d:\d\d:\d\d \S*tick.*▶ tick started/.test(session!.screen()), 20_000, `log lines (${environment || 'no CI variable'})`);
			// The focused panel's title cyan; a log row: the clock grey, the job cyan.
			expect(styled()).toMatch(/\u001B\[36m▌Jobs \(3\)/);
			expect(styled()).toMatch(/\u001B\[90m\d\d:\d\d:\d\d\u001B\[39m \u001B\[36mtick/);
			session.kill();
			// Its terminal gone, the console stops as on SIGHUP (its scheduler shut down, the lock let go): the
			// next one must not attach to it meanwhile.
			await waitFor(() => !existsSync(path.join(root!.dir, 'data/sage.lock')), 20_000, 'the console before it to stop');
		}

		session = new TmuxSession('sage', `cd ${root.dir} && NO_COLOR=1 ${binary}; sleep 60`);
		await waitFor(() => /\d\d:\d\d:\d\d \S*tick.*▶ tick started/.test(session!.screen()), 20_000, 'log lines under NO_COLOR');
		expect(session.screen()).toContain('▌Jobs (3)');
		expect(session.styledScreen()).toContain('\u001B[1m');
		expect(colours(session.styledScreen())).toEqual([]);
	});
});
