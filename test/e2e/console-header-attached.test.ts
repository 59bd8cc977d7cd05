/**
 * An 80×24 terminal (a laptop's tmux pane). The header of a console attached to a headless scheduler,
 * after the close on a Friday with failures today, leaves out what it can and, last, says `pid N`
 * instead of `attached to pid N`, so the pid is never cut to `pid 1…`. The jobs panel's NEXT column is
 * as wide as the times it shows, so its spare cells go to the names.
 */
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {atTime, hasFaketime, hasTmux, openTmuxSession} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();

const slow = 60_000;

const jobsYaml = `jobs:
  - id: import_fills
    trigger: manual
    command: ["sh", "-c", "echo 'broker file missing' >&2; exit 3"]
`;

describe.skipIf(!hasTmux || !hasFaketime)('the console at 80×24 (tmux; attached to --headless, then with its own scheduler)', () => {
	it('keeps the attached scheduler\'s pid whole in the header', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const pid = processes.pidOf(0);
		for (let run = 0; run < 12; run++) {
			expect(runCli(['run', 'import_fills', '--detach', '--root', root.dir]).code).toBe(0);
		}

		// Friday 23:26 in Shanghai: the market is closed until Monday, the longest words the header has.
		const s = openTmuxSession('header', `${atTime('2026-12-04T23:26:56+08:00', `${binary} --root ${root.dir}`)}; sleep 120`, 80, 24);
		await s.see(/1[0-2] failed/, slow);
		const header = s.rows()[0]!;
		expect(header).toMatch(new RegExp(`│ (attached to )?pid ${pid}$`));
		expect(header).not.toContain('…');
	}, 3 * slow);

	it('gives the jobs\' names the cells NEXT does not need', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': `jobs:
  - id: health_check
    name: 行情源与券商柜台健康检查
    trigger: interval
    minutes: 10
    command: ["true"]
  - id: import_fills
    name: 券商成交回报导入
    trigger: manual
    command: ["true"]
`});
		// Monday 10:00 in Shanghai: the console runs its own scheduler, its next check due in minutes.
		const s = openTmuxSession('names', `cd ${root.dir} && ${atTime('2026-12-07T10:00:00+08:00', binary)}; sleep 120`, 80, 24);
		await s.see('Jobs (2)', slow);
		const row = (id: string) => s.rows().find(line => line.includes(` ${id} `)) ?? '';
		expect(row('health_check')).toMatch(/ health_check +行情源与券商柜台健康检查 +every 10 min +10:\d\d in \d+m +never run/);
		expect(row('import_fills')).toMatch(/ import_fills +券商成交回报导入 +manual +— +never run/);
	}, 3 * slow);
});
