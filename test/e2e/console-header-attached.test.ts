/**
 * The header of a console attached to a headless scheduler on an 80×24 terminal (a laptop's tmux
 * pane), after the close on a Friday with failures today: the line leaves out what it can and, last,
 * says `pid N` instead of `attached to pid N`, so the pid is never cut to `pid 1…`.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {atTime, hasFaketime, hasTmux, TmuxSession} from '../helpers/tmux.js';

const processes = trackHeadlessProcesses();
let session: TmuxSession | undefined;
afterEach(() => {
	session?.kill();
	session = undefined;
});

const slow = 60_000;

const jobsYaml = `jobs:
  - id: import_fills
    trigger: manual
    command: ["sh", "-c", "echo 'broker file missing' >&2; exit 3"]
`;

describe.skipIf(!hasTmux || !hasFaketime)('the attached console\'s header at 80×24 (tmux, --headless)', () => {
	it('keeps the scheduler\'s pid whole', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const pid = processes.pidOf(0);
		for (let run = 0; run < 12; run++) {
			expect(runCli(['run', 'import_fills', '--detach', '--root', root.dir]).code).toBe(0);
		}

		// Friday 23:26 in Shanghai: the market is closed until Monday, the longest words the header has.
		session = new TmuxSession('header', `${atTime('2026-12-04T23:26:56+08:00', `${binary} --root ${root.dir}`)}; sleep 120`, 80, 24);
		const s = session;
		await s.see(/1[0-2] failed/, slow);
		const header = s.rows()[0]!;
		expect(header).toMatch(new RegExp(`│ (attached to )?pid ${pid}$`));
		expect(header).not.toContain('…');
	}, 3 * slow);
});
