/**
 * A y/N question wider than the terminal (a cancel naming a long job id at 80 columns) and the quit
 * question on a narrow one go on in a second status row, so their answer keys are read: they were cut at
 * the terminal's width with `…`, the `y: yes` or `s/Esc: stay` lost. Where even two rows are too few
 * (60 columns), the question is cut, not its keys. The built console in tmux.
 */
import {describe, expect, it, onTestFinished} from 'vitest';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {binary} from '../helpers/run-cli.js';
import {dayIn} from '../helpers/same-day-ahead.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;
const longId = 'long_running_backtest_with_a_really_long_identifier_name';

/**
 * This year's closures, none, in config/calendar.yaml when the shipped ones end before it: without them
 * every console says `⚠ no exchange closures for 2027: …`, two rows at 60 columns, and 60×14 is then
 * too small to draw (`needs 60×15`).
 */
const thisYear = Number(dayIn('Asia/Shanghai', Date.now()).slice(0, 4));
const closures: Record<string, string> = createTradingCalendar().hasDataFor(thisYear) ? {} : {'config/calendar.yaml': `years:\n  ${thisYear}: []\n`};

const files = {
	'config/jobs.yaml': `jobs:\n  - {id: ${longId}, trigger: manual, module: jobs/waits.js}\n`,
	'jobs/waits.js': 'export default async function run(ctx) {\n\tawait new Promise(resolve => ctx.signal.addEventListener(\'abort\', resolve));\n}\n',
	...closures,
};

/** The screen's words, runs of blanks and row breaks as one space: a question wrapped onto two rows reads as one. */
const words = (screen: string) => screen.replaceAll(/\s+/g, ' ');
/** `text` on the screen, wrapped or not: its words apart by blanks or a row break. */
const wrapped = (text: string) => new RegExp(text.split(' ').map(word => word.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`)).join(String.raw`\s+`));

describe.skipIf(!hasTmux)('a question wider than the terminal (tmux, 80×24)', () => {
	it('shows the cancel question and the quit question whole, answer keys included', async () => {
		const root = makeTempRoot(files);
		onTestFinished(() => {
			root.remove();
		});
		const s = openTmuxSession('question-whole', `${binary} --root ${root.dir}; echo console exited $?; sleep 60`, 80, 24);
		await s.see('Jobs (1)', slow);
		s.keys('r');
		await s.see('Running (1)', slow);

		// c on the job asks about its run; the question names the whole id and then how to answer.
		s.keys('c');
		const asked = await s.see('Cancel run 1 of ', slow);
		expect(words(asked)).toContain(`Cancel run 1 of ${longId}? y: yes · N (any other key): no`);
		s.keys('n');
		await s.see(wrapped(`not cancelled: run 1 of ${longId} goes on`), slow);

		// At 60 columns the question does not fit even on two rows: it is cut, the keys that answer it are not.
		s.resize(60, 14);
		await s.see(/^ Running \(1\) ─{40,}$/m, slow);
		s.keys('c');
		const narrow = await s.see('Cancel run 1 of', slow);
		expect(narrow).toMatch(/… {2}y: yes · N \(any other key\): no$/m);
		s.keys('n');
		await s.see('not cancelled: run 1 of', slow);

		// q on a narrower terminal asks what to do with the live run; every answer can be read.
		s.resize(70, 24);
		await s.see(/^ Running \(1\) ─{40,}$/m, slow);
		s.keys('q');
		const quitting = await s.see('Quit?', slow);
		expect(words(quitting)).toContain('1 run live. Quit? w: wait for it (up to 30s) · c: cancel it · s/Esc: stay');
		s.keys('c');
		await s.see('console exited 0', slow);
	}, 4 * slow);
});
