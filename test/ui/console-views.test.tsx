import {describe, expect, it} from 'vitest';
import {waitFor} from '../helpers/wait-for.js';
import {keys} from '../helpers/keys.js';
import {consoleFeed} from '../helpers/console-client.js';
import {orderFailures} from '../../src/ui/panels/failures-panel.js';
import {consoleHarness} from './console-harness.js';
import {consoleJobsYaml} from './console-jobs.js';

const open = consoleHarness();

/** The console's four jobs, and counter (prints 200 lines) and off (disabled). */
const jobsYaml = `${consoleJobsYaml}  - id: counter
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 200); do echo line-$i; done"]
  - id: off
    trigger: manual
    command: ["true"]
    enabled: false
`;

describe('Enter opens what the focused panel shows', () => {
	it('jobs: the job view, with next fires, success rate, a duration sparkline and why it does not fire', async () => {
		const c = await open(jobsYaml);
		for (let i = 0; i < 3; i++) {
			await c.run('fetch_daily_data');
		}

		await c.see('✓');
		await c.press('p');
		await c.see('⏸ paused');
		await c.press(keys.enter);
		const view = await c.see(/durations\s+[▁▂▃▄▅▆▇█]{3} /);
		expect(view).toContain('Job fetch_daily_data · 每日行情同步');
		expect(view).toContain('daily 16:30 · trading days');
		expect(view).toMatch(/priority \w+ · module jobs\/ok\.ts/);
		expect(view).toContain('3 of the last 3 ended runs (100%)');
		expect(view).toMatch(/why\s+paused \(p in the console/);
		expect(view).toMatch(/RUN\s+TRIGGER\s+TRADE DAY\s+STATUS\s+STARTED\s+DURATION/);
		expect(view).toMatch(/3\s+manual\s+\d\d-\d\d\s+✓ success/);
		await c.press('p');
		await c.gone('paused (p in the console');
		await c.press(keys.escape);
		await c.see('Jobs (6)');
	});

	it('jobs: a sub-minute schedule\'s next fires show their seconds; a whole-minute one\'s do not', async () => {
		const c = await open(`jobs:
  - {id: every_5s, cron: "*/5 * * * * *", command: ["true"]}
  - {id: nightly, cron: "30 16 * * *", command: ["true"]}
`);
		await c.see('Jobs (2)');
		await c.press(keys.enter);
		// (The scheduler answers job-detail from the wall clock, not the test's: only the form is fixed.)
		const fires = /next\s+(?:\d\d-\d\d )?(\d\d:\d\d:\d\d) \([^)]+\) · (?:\d\d-\d\d )?(\d\d:\d\d:\d\d) \(/;
		const fast = (await c.see(fires)).match(fires)!;
		expect(fast[1]).not.toBe(fast[2]);
		await c.press(keys.escape, 'j', keys.enter);
		await c.see('Job nightly');
		await c.see(/next\s+(?:\d\d-\d\d )?16:30 \([^)]+\) · \d\d-\d\d 16:30 \(/);
	});

	it('Esc read together with the next key (ESC ESC, ESC j) is still Esc, then that key', async () => {
		const c = await open(jobsYaml);
		await c.run('fetch_daily_data');
		await c.see(/fetch_daily_data .*✓/);
		// The job view, then its newest run's detail over it: two Escapes in one read close both.
		await c.press(keys.enter);
		await c.see('1 of its one ended run');
		await c.press(keys.enter);
		await c.see('Run 1 · fetch_daily_data');
		await c.press('\u001B\u001B');
		await c.see('Jobs (6)');
		await c.press(keys.enter);
		await c.see('Job fetch_daily_data');
		await c.press('\u001Bj');
		await c.see('›● tick');
	});

	it('running: the live run; log: the run that wrote the selected line; failures: the failed run', async () => {
		const c = await open(jobsYaml);
		await c.run('broken');
		await c.run('counter');
		await c.see('Failures today (1)');
		c.t.scheduler.submit('sleepy');
		await c.see(/▶ sleepy\s+░+/);
		await c.press(keys.tab, keys.enter);
		await c.see('Run 3 · sleepy');
		expect(c.frame()).toContain('status     running');
		await c.press(keys.escape);
		await c.press(keys.tab);
		await c.see('▌Log');
		// The newest line is the live run's; up the log, counter's lines, then broken's.
		await c.press('k', keys.enter);
		await c.see('Run 2 · counter');
		// Its detail ends with its own newest lines.
		await c.press('G');
		await c.see('line-200');
		await c.press(keys.escape, keys.tab, keys.enter);
		const failure = await c.see('Run 1 · broken');
		expect(failure).toContain('DataFeedError: feed returned 502 for 600519.SH');
	});
});

describe('keys that ask first, and messages that fade', () => {
	it('r on a disabled job asks; any key but y leaves it alone', async () => {
		const c = await open(jobsYaml, {statusMs: 400});
		await c.see('Jobs (6)');
		await c.press('j', 'j', 'j', 'j', 'j');
		await c.press('r');
		await c.see('off is disabled in jobs.yaml (enabled: false). Run it once anyway?  y: yes');
		await c.press('n');
		await c.see('off not run');
		expect(c.t.started).toEqual([]);
		await c.press('r', 'y');
		await c.see(/started off \(run \d+\)/);
		// The answer fades and the key bar comes back.
		await c.see('Tab panel · Enter open · r run');
	});

	it('r on a job whose params_schema needs a param says which, and runs nothing', async () => {
		const c = await open(`jobs:
  - {id: needy, trigger: manual, module: jobs/ok.ts, params_schema: {symbols: {type: array, required: true}}}
`);
		await c.see('Jobs (1)');
		await c.press('r');
		await c.see('needy not started: needy needs param "symbols" (array)');
		expect(c.t.started).toEqual([]);
	});

	it('c with nothing live says so, and sends you to the running panel only from elsewhere', async () => {
		const c = await open(jobsYaml);
		await c.see('Jobs (6)');
		// In the running panel already: no hint to go there.
		await c.press(keys.tab);
		await c.see('▌Running');
		await c.press('c');
		const here = await c.see('nothing running to cancel');
		expect(here).not.toContain('Tab to the running panel');
		// From the jobs panel, with another job's run live: the hint says where to cancel it.
		c.t.scheduler.submit('sleepy');
		// The running panel has it (the jobs panel's ▶ may be drawn a frame before the live runs arrive).
		await c.see('Running (1)');
		await c.press(keys.tab, keys.tab, keys.tab);
		await c.see('▌Jobs');
		await c.press('c');
		await c.see('nothing running to cancel here (Tab to the running panel)');
	});

	it('/ takes fast typing with Backspaces in one chunk, and keeps no invisible characters', async () => {
		const c = await open(jobsYaml);
		await c.see('Jobs (6)');
		await c.press('/', 'tickx\u007F', 'zz\u007F\u007F');
		const typed = await c.see('/ filter jobs: tick▌');
		expect(typed).toContain('Jobs (1 matching "tick")');
		await c.press(keys.backspace, 'k', keys.enter);
		await c.see('Jobs (1 matching "tick")');
	});
});

describe('search, commands and the mouse wheel', () => {
	it('/ in the log finds the newest match; n older, N newer; the view stays on it', async () => {
		const c = await open(jobsYaml);
		await c.run('counter');
		await c.see('line-200');
		await c.press('l', '/', 'line-14', keys.enter);
		await c.see(/›\d\d:\d\d:\d\d counter\s+line-149/);
		await c.see(/\d+ newer lines below · End: newest/);
		await c.press('n');
		await c.see(/›\d\d:\d\d:\d\d counter\s+line-148/);
		await c.press('N', 'N');
		await c.see('no newer line with "line-14"');
		await c.press('G');
		await c.see('newest');
	});

	it('/ in a run\'s detail jumps to the line with the text; its stack wraps instead of being cut', async () => {
		const c = await open(`jobs:
  - id: wordy
    trigger: manual
    command: ["sh", "-c", "for i in $(seq 1 60); do echo filler-$i; done; echo 'a very long line of output that goes on ${'and on '.repeat(30)}until the end mark'; exit 3"]
`);
		await c.run('wordy');
		await c.see('Failures today (1)');
		await c.press('f', keys.enter);
		const top = await c.see('Run 1 · wordy');
		expect(top).not.toContain('end mark');
		await c.press('/', 'end mark', keys.enter);
		// The whole line is there, wrapped over three rows: its end is on the screen, no ellipsis.
		const found = await c.see('until the end mark');
		expect(found).toMatch(/Run 1 · wordy ─+ \d+-\d+ of \d+/);
		expect(found).toMatch(/a very long line of output that goes on (?:and on ?)+\n\s+and on/);
		await c.press('n');
		await c.see('no further line with "end mark"');
	});

	it(': commands: job ID opens its view, runs failed lists failed runs, Enter opens one, q quits', async () => {
		const c = await open(jobsYaml);
		await c.run('broken');
		await c.see('Failures today (1)');
		await c.press(':', 'job tick', keys.enter);
		await c.see('Job tick');
		await c.see(/priority \w+ · command true\n/);
		await c.press(keys.escape, ':', 'job counter', keys.enter);
		// The command, a fact too long for what is left of the row, goes whole onto the next (wrapFacts).
		await c.see(/priority \w+\n {11}command sh -c 'for i in \$\(seq 1 200\); do echo line-\$i; done'\n/);
		await c.press(keys.escape, ':', 'runs failed', keys.enter);
		await c.see('Runs · failed (1)');
		await c.press(keys.enter);
		await c.see('Run 1 · broken');
		await c.press(keys.escape);
		await c.see('Runs · failed (1)');
		await c.press(keys.escape, ':', 'nonsense', keys.enter);
		await c.see('unknown command "nonsense"');
		await c.press(':', 'q', keys.enter);
		await waitFor(() => c.quits.length === 1, 15_000, 'the quit');
	});

	it('m turns the mouse wheel on; the wheel then moves the cursor', async () => {
		const c = await open(jobsYaml);
		await c.see('›● fetch_daily_data');
		await c.press('\u001B[<65;10;10M');
		expect(c.frame()).toContain('›● fetch_daily_data');
		await c.press('m');
		await c.see('mouse wheel on');
		await c.press('\u001B[<65;10;10M', '\u001B[<65;10;10M');
		await c.see('›● broken');
	});
});

describe('the failures panel', () => {
	// Fails on odd runs, succeeds on even ones.
	const alternating = `jobs:
  - {id: alternate, trigger: manual, command: ["sh", "-c", "n=$(cat count 2>/dev/null || echo 0); n=$((n + 1)); echo $n > count; [ $((n % 2)) -eq 0 ]"]}
`;
	it('tells runs of one job apart (time, run id, attempt) and dims those whose job has recovered', async () => {
		const c = await open(`jobs:
  - {id: flaky, trigger: manual, command: ["sh", "-c", "if [ -f twice ]; then exit 0; fi; if [ -f once ]; then touch twice; else touch once; fi; exit 3"]}
  - {id: broken, trigger: manual, module: jobs/throws.ts}
`);
		await c.run('flaky');
		await c.run('flaky');
		await c.run('broken');
		const failing = await c.see('Failures today (3)');
		expect(failing).toMatch(/✗ \d\d:\d\d:\d\d run 3\s+#1\s+broken\s+DataFeedError: feed returned 502/);
		expect(failing).toMatch(/✗ \d\d:\d\d:\d\d run 2\s+#1\s+flaky/);
		await c.run('flaky');
		const recovered = await c.see('Failures today (3, 2 recovered)');
		const rows = recovered.split('\n');
		const at = (run: string) => rows.findIndex(row => new RegExp(`[✗↺] \\d\\d:\\d\\d:\\d\\d ${run}\\s`).test(row));
		// Still failing first, then the recovered ones.
		expect(at('run 3')).toBeLessThan(at('run 2'));
		expect(rows[at('run 2')]).toMatch(/↺ \d\d:\d\d:\d\d run 2\s+#1\s+flaky\s+recovered · /);
		expect(rows[at('run 1')]).toContain('recovered · ');
	});

	it('a failure its job recovered from stays recovered when the job fails again later; the new failure is ✗', async () => {
		const c = await open(alternating);
		await c.run('alternate');
		await c.run('alternate');
		await c.see('Failures today (1, 1 recovered)');
		await c.run('alternate');
		const screen = await c.see('Failures today (2, 1 recovered)');
		expect(screen).toMatch(/✗ \d\d:\d\d:\d\d run 3\s+#1\s+alternate\s+(?!recovered)\S/);
		expect(screen).toMatch(/↺ \d\d:\d\d:\d\d run 1\s+#1\s+alternate\s+recovered · /);
	});

	it('a console opened after fail, success, fail knows the first failure was recovered (from history)', async () => {
		const c = await open(alternating);
		for (let i = 0; i < 3; i++) {
			await c.run('alternate');
		}

		await c.see('Failures today (2, 1 recovered)');
		const later = await consoleFeed(c.t);
		try {
			await waitFor(() => later.newestSuccesses.get('alternate') === 2, 15_000, 'the newest success from history');
			const rows = orderFailures(later.snapshot.failuresToday, later.newestSuccesses);
			expect(rows.map(({run, recovered}) => `${run.id}:${recovered}`)).toEqual(['3:false', '1:true']);
		} finally {
			later.close();
		}
	});
});

describe('the header', () => {
	const day = (iso: string) => ({now: Date.parse(iso)});
	// At 100 columns the header says `next` for `next trading day`, then leaves out the jobs count (the
	// Jobs panel's title says it) to keep the boundary's clock time and today's numbers.
	it('before the open of a trading day, at lunch, after the close and on a holiday', async () => {
		let c = await open(jobsYaml, day('2026-12-07T08:00:00+08:00'));
		await c.see('◆ trading day · opens 09:15 in 1h 15m │ running 0 │ today 0 runs · — ok · 0 failed');
		c = await open(jobsYaml, day('2026-12-07T12:00:00+08:00'));
		await c.see('◆ lunch break · resumes 13:00 in 1h 00m │ running 0');
		c = await open(jobsYaml, day('2026-12-04T15:30:00+08:00'));
		await c.see('◆ closed · opens Mon 7 Dec 09:15 in 2d 17h │ running 0');
		c = await open(jobsYaml, day('2026-10-01T10:00:00+08:00'));
		await c.see('◆ holiday · next Thu 8 Oct │ jobs 6 · running 0 │ today 0 runs');
	});
});
