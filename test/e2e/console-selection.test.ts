/**
 * The cursor of a list stays on its row, as an operator reading the Failures panel in tmux expects:
 * the built `sage-console` attached to a built `sage-console --headless`, two jobs failing. With the
 * older failure selected, a new failure that arrives above it leaves the › on the same run, and `R`
 * retries that run's job (history shows the retry), not the run that now stands in its old row.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';

const processes = trackHeadlessProcesses();

/** Generous: several test files share 2 cores. */
const slow = 60_000;

const jobsYaml = `jobs:
  - id: import_fills
    trigger: manual
    command: ["sh", "-c", "echo 'broker file missing' >&2; exit 3"]
  - id: push_orders
    trigger: manual
    command: ["sh", "-c", "echo 'gateway refused the order' >&2; exit 4"]
`;

type HistoryRow = {id: number; job_id: string; trigger: string; attempt: number};

// Failures today counts in Shanghai (the scheduler's zone): a midnight there within the test empties it.
sameDayEach('Asia/Shanghai', 180_000);

describe.skipIf(!hasTmux)('the Failures panel\'s cursor (tmux, attached to --headless)', () => {
	it('stays on the selected run when a new failure arrives above it, and R retries that run', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const fail = (jobId: string) => expect(runCli(['run', jobId, '--detach', '--root', root.dir]).code).toBe(0);
		fail('import_fills');
		const s = openTmuxSession('selection', `${binary} --root ${root.dir}; sleep 120`, 120, 40);
		await s.see(attachedHeader(), slow);
		await s.see('Failures today (1)', slow);
		fail('push_orders');
		await s.see('Failures today (2)', slow);
		const selected = () => s.rows().find(line => line.startsWith('›')) ?? '';

		// The newest failure is listed first: the older one (run 1, import_fills) is the second row.
		s.keys('f', 'g', 'j');
		await s.see(/›✗ \d\d:\d\d:\d\d run 1 +#1 +import_fills/, slow);

		// A new failure of the other job arrives at the top: the › stays on run 1.
		fail('push_orders');
		await s.see('Failures today (3)', slow);
		expect(selected()).toMatch(/run 1 +#1 +import_fills/);

		// R retries the selected run: a retry of import_fills, attempt 2.
		s.keys('R');
		await s.see(/retrying import_fills \(run 4, attempt 2\)/, slow);
		const history = JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as HistoryRow[];
		expect(history.find(run => run.id === 4)).toMatchObject({job_id: 'import_fills', trigger: 'retry', attempt: 2});
		expect(history.filter(run => run.trigger === 'retry')).toHaveLength(1);
	});
});
