/**
 * A heartbeat job (`heartbeat: true`: an outside process pings in, nothing runs here) in the console,
 * pinged for real through `sage-console ping`. The jobs panel shows its state and last ping where other
 * jobs show their last run (it said "never run" after pings), NEXT the ping it expects: before the first
 * ping the schedule's next time, as `list` gives it (it said "—"), and how long overdue a late one is.
 * Its view says what its pings are and how they come, offers no `r` or `c`, and `r` says why nothing
 * runs. The built console in tmux, with its own scheduler and attached to a built `--headless`.
 */
import {describe, expect, it} from 'vitest';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {binary, runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession, type TmuxSession} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;
const zone = 'Asia/Shanghai';

const files = {
	'config/jobs.yaml': [
		`timezone: ${zone}`,
		'jobs:',
		'  - {id: py_macro_export, name: 宏观数据导出, cron: "0 18 * * *", heartbeat: true, grace: 30m}',
		'  - {id: quotes_feed, cron: "*/5 * * * * *", heartbeat: true, grace: 1h}',
		'  - {id: backup_db, cron: "30 2 * * *", command: ["true"]}',
		'',
	].join('\n'),
};

/**
 * How the jobs panel's NEXT starts for the wall time `text` (`2026-12-07 18:00`), as a pattern: its day
 * only when not today's. The console drew the screen a moment before the test reads it, so near
 * midnight either day may be its today.
 */
function nextStart(text: string): string {
	const forms = new Set([Date.now() - 5000, Date.now()].map(at => {
		const today = new Intl.DateTimeFormat('en-CA', {timeZone: zone}).format(at);
		return text.slice(0, 10) === today ? text.slice(11, 16) : `${text.slice(5, 10)} ${text.slice(11, 16)}`;
	}));
	return `(?:${[...forms].join('|')})`;
}

/** A `sage-console ping` from a shell, as the outside process's cron line does it; its output. */
function ping(root: string, jobId: string, flag?: string): string {
	const pinged = runCli(['ping', jobId, ...(flag ? [flag] : []), '--root', root]);
	expect(pinged.code, pinged.stderr).toBe(0);
	return pinged.stdout;
}

/** The bottom row with text: the key bar. */
const keyBarRow = (s: TmuxSession) => s.rows().filter(line => line.trim() !== '').at(-1)!;

const row = (screen: string, jobId: string) => screen.split('\n').find(line => line.includes(` ${jobId} `)) ?? '';

async function pingsShownInJobsPanel(s: TmuxSession, root: string): Promise<void> {
	// Given a heartbeat job never pinged: NEXT is the schedule's next time, as `list` says it
	const listed = JSON.parse(runCli(['list', '--json', '--root', root]).stdout) as Array<{id: string; next: string[]}>;
	const first = listed.find(job => job.id === 'py_macro_export')!.next[0]!.replace('T', ' ');
	const before = await s.see(/py_macro_export .* new, no ping yet/, slow);
	expect(row(before, 'py_macro_export')).toMatch(new RegExp(` ${nextStart(first)} in \\S+ +new, no ping yet`));
	expect(row(before, 'py_macro_export')).not.toMatch(/never run|—/);

	// When its process says it started, then that it succeeded
	ping(root, 'py_macro_export', '--start');
	await s.see(/py_macro_export .* · new, started \d\d:\d\d/, slow);
	const said = ping(root, 'py_macro_export');
	const expected = /next ping expected by (\S+ \S+)/.exec(said)?.[1];
	expect(said).toMatch(/^py_macro_export up; next ping expected by /);

	// Then LAST is its state and last ping, NEXT the ping it expects next
	const up = await s.see(/py_macro_export .* ✓ up \d\d:\d\d/, slow);
	expect(row(up, 'py_macro_export')).toMatch(new RegExp(` ${nextStart(expected!)} in \\S+ +✓ up \\d\\d:\\d\\d`));

	// And a ping of failure makes it down
	ping(root, 'py_macro_export', '--fail');
	await s.see(/py_macro_export .* ✗ down: fail \d\d:\d\d/, slow);

	// And one whose next ping has not come is late, NEXT saying how long overdue
	ping(root, 'quotes_feed');
	const late = await s.see(/quotes_feed .*\d\d:\d\d \d+s overdue +⧗ late \d\d:\d\d/, slow);
	expect(row(late, 'backup_db')).toContain('never run');
}

describe.skipIf(!hasTmux)('a heartbeat job in the console, pinged through the CLI (tmux)', () => {
	it('shows its state and next ping in the jobs panel of a console running its own scheduler', async () => {
		const root = processes.makeRoot(files);
		const s = openTmuxSession('hb-here', `${binary} --root ${root.dir}; sleep 60`, 120, 30);
		await s.see('Jobs (3)', slow);
		await pingsShownInJobsPanel(s, root.dir);
		s.keys('q');
	}, 3 * slow);

	it('shows its state and next ping in the jobs panel of a console attached to a headless scheduler', async () => {
		const root = processes.makeRoot(files);
		const {session: s} = await consoleOnHeadless(processes, root.dir, 'hb-attached', {timeoutMs: slow, size: {columns: 120, rows: 30}});
		await s.see('Jobs (3)', slow);
		await pingsShownInJobsPanel(s, root.dir);
	}, 3 * slow);

	it('says in its view what its pings are, offers no run, and r says why', async () => {
		const root = processes.makeRoot(files);
		const {session: s} = await consoleOnHeadless(processes, root.dir, 'hb-view', {timeoutMs: slow, size: {columns: 120, rows: 30}});
		await s.see('Jobs (3)', slow);
		// Given the selected heartbeat job: the key bar offers no r
		await s.see('Enter: job view', slow);
		expect(keyBarRow(s)).toContain('p pause');
		expect(keyBarRow(s)).not.toContain('r run');
		ping(root.dir, 'py_macro_export', '--start');
		const expected = /next ping expected by (\S+ \S+)/.exec(ping(root.dir, 'py_macro_export'))?.[1];

		// When its view opens
		s.keys('Enter');
		const view = await s.see(/state +up: the last ping came in time/, slow);
		// Then it says its last ping and start, how its process pings, the next ping it expects; no runs table
		expect(view).toMatch(/pings +last \d\d:\d\d:\d\d success \(.*\) · last start \d\d:\d\d:\d\d \(.*\) · grace 30m/);
		expect(view).toContain('ping with sage-console ping py_macro_export [--start | --fail]');
		expect(view).toMatch(new RegExp(`next ping expected by ${nextStart(expected!)}:00 \\(in `));
		expect(view).toContain('no runs: an outside process does the work and pings in');
		expect(view).not.toContain('success   no ended runs yet');
		const bar = keyBarRow(s);
		expect(bar).toContain('p pause');
		expect(bar).not.toMatch(/r run|c cancel|Enter open/);

		// And r says nothing runs for it, without asking the scheduler to run it
		s.keys('r');
		await s.see('py_macro_export is a heartbeat job: nothing runs here, its outside process pings in (sage-console ping py_macro_export)', slow);

		// And a ping of failure shows at once in the open view
		ping(root.dir, 'py_macro_export', '--fail');
		await s.see(/state +down: its last ping reported a failure/, slow);
		await s.see(/pings +last \d\d:\d\d:\d\d fail/, slow);
	}, 3 * slow);
});
