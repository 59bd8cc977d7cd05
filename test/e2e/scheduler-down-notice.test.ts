/**
 * The header's notice that the scheduler before died, as an operator sees it at 80×24 in tmux: it reads
 * whole in two rows (how long the root was down at most, the pid that died, when it was last alive, how
 * it ended, the runs closed interrupted), not cut at the third row before its end as the log's long
 * sentence was. Real parts: the built binary, `--headless` killed with -9, a console attached to the next.
 */
import {describe, expect, it} from 'vitest';
import {binary, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. */
const slow = 60_000;

// 'last alive' is a clock time alone only on the day of the restart (Shanghai, the console's zone): a
// midnight there between the kill and the next start gives its day too (`last alive 12-07 23:59:59`).
sameDayEach('Asia/Shanghai', 2 * slow);

describe.skipIf(!hasTmux)('the header after a scheduler that was down (tmux, 80×24)', () => {
	it('says it whole in two rows: down up to a figure, the pid that died, last alive, how it ended, the runs interrupted', async () => {
		// Given a headless scheduler killed with -9 and started again
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n'}).dir;
		const first = processes.start(root);
		await schedulerStarted(first);
		first.child.kill('SIGKILL');
		await first.exited;
		const second = processes.start(root);
		await schedulerStarted(second);

		// When an operator attaches a console at 80×24
		const s = openTmuxSession('down-notice', `${binary} --root ${root}`, 80, 24);
		await s.see(`pid ${second.child.pid}`, slow);
		const screen = await s.see('⚠ sage-console was down', slow);

		// Then the ⚠ notice is two rows, none cut, and says it all
		const rows = screen.split('\n');
		const start = rows.findIndex(row => row.startsWith('⚠ sage-console was down'));
		const notice = rows.slice(start, start + 2);
		// (Below it the Jobs panel, or another ⚠ notice: from 2027 on, while the shipped closures end with
		// 2026, `⚠ no exchange closures for 2027: …`. A third row of this one would be indented.)
		expect(rows[start + 2]).toMatch(/^(?:▌?Jobs|⚠ )/);
		expect(notice.join('\n')).not.toContain('…');
		const text = notice.map(row => row.trim()).join(' ');
		expect(text).toMatch(new RegExp(`^⚠ sage-console was down up to \\S+: pid ${first.child.pid}, last alive \\d\\d:\\d\\d:\\d\\d, no clean stop \\(kill -9, out of memory, crash, power cut\\); 0 runs interrupted$`));
		second.child.kill('SIGTERM');
		expect(await second.exited).toBe(0);
	}, 4 * slow);
});
