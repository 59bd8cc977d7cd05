/**
 * Services in the console, as an operator meets them: the built `sage-console` in tmux, attached to a
 * built `sage-console --headless` that supervises a real service which crashed once on its way up.
 * Given that, the services panel shows its row (state, counting uptime, restarts, pid, last exit);
 * Enter opens its view with its output and the crash's stderr; Esc goes back; x asks y/N and stops
 * it; s starts it again; X in its view asks and restarts it; a crash while its view is open shows up
 * there, and the view is searchable.
 */
import {attachedHeader} from '../helpers/attached-header.js';
import {describe, expect, it} from 'vitest';
import {binary, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

/** Generous: CI runs ~85 test files on 2 cores at once. */
const slow = 60_000;

// 'restarts 2 today' counts in Shanghai (the scheduler's zone): a midnight there within the test starts it again at 0.
sameDayEach('Asia/Shanghai', 180_000);

describe.skipIf(!hasTmux)('services in the console (tmux, attached to --headless)', () => {
	it('shows the service row; Enter: output and crash stderr; x asks, then stops it; s starts it; X restarts it', async () => {
		const root = processes.makeRoot({'collector.sh': `#!/bin/sh
if [ ! -e crashed-once ]; then touch crashed-once; echo "quote feed: HTTP 502 from upstream" >&2; exit 1; fi
echo "collector up, 4521 symbols"
while :; do
  if [ -e crash-now ]; then rm crash-now; echo "feed lost: socket closed by 10.0.0.7" >&2; exit 3; fi
  sleep 0.2
done
`});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `jobs:
  - {id: tick, trigger: manual, command: ["true"]}
services:
  - id: quotes
    name: 行情采集
    command: ["sh", "${root.dir}/collector.sh"]
    cwd: ${root.dir}
    restart_delay: 300ms
  - id: strategy
    command: ["sleep", "100000"]
    window: trading-session
    enabled: false
`);
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const s = openTmuxSession('services', `${binary} --root ${root.dir}; sleep 120`, 120, 40);
		const row = (id: string) => s.rows().find(line => new RegExp(`[●◐◑↻✗■○] ${id} `).test(line)) ?? '';
		await s.see(attachedHeader(), slow);
		await waitFor(() => /● quotes\s+up\s+up \d+s\s+↺1\s+pid \d+/.test(row('quotes')), slow, `the quotes row up after one restart:\n${s.screen()}`);
		expect(s.screen()).toContain('Services (1 of 2 up)');
		expect(row('quotes')).toMatch(/\d\d:\d\d:\d\d exit 1/);
		expect(row('strategy')).toMatch(/○ strategy\s+disabled\s+.*session 09:15–15:00/);
		const uptime = Number(/up (\d+)s/.exec(row('quotes'))![1]);
		await waitFor(() => Number(/up (\d+)s/.exec(row('quotes'))?.[1] ?? -1) > uptime, slow, `the uptime to count:\n${s.screen()}`);

		// Tab: jobs → running → services (the panel is a Tab stop because there are services).
		s.keys('Tab', 'Tab');
		await s.see('▌Services', slow);
		await s.see('s start · x stop · X restart', slow);
		s.keys('Enter');
		const view = await s.see(/Crashes \(1\)[\s\S]*collector up, 4521 symbols/, slow);
		expect(view).toMatch(/Service quotes · up/);
		expect(view).toMatch(/✗ run \d+ .*ExitCode: quotes exited with code 1/);
		expect(view).toContain('quote feed: HTTP 502 from upstream');
		s.keys('Escape');
		await s.see('▌Services', slow);

		// x asks first; anything but y leaves it running.
		s.keys('x');
		await s.see(/Stop quotes \(pid \d+, up \d+.*\)\? It stays stopped until s or its next window\.\s+y: yes/, slow);
		s.keys('n');
		await s.see('quotes not stopped: it goes on as it is', slow);
		expect(row('quotes')).toMatch(/● quotes\s+up/);
		s.keys('x');
		await s.see('Stop quotes', slow);
		s.keys('y');
		await waitFor(() => /■ quotes\s+stopped/.test(row('quotes')), slow, `quotes to show stopped:\n${s.screen()}`);
		expect(row('quotes')).not.toMatch(/pid \d+/);

		s.keys('s');
		await waitFor(() => /● quotes\s+up\s+up \d+s\s+↺1\s+pid \d+/.test(row('quotes')), slow, `quotes up again (a manual start is no restart):\n${s.screen()}`);

		// X in its view asks too, and restarts it: a second restart today.
		s.keys('Enter');
		await s.see(/Service quotes · up/, slow);
		s.keys('X');
		await s.see(/Restart quotes \(pid \d+/, slow);
		s.keys('y');
		await s.see(/restarts\s+2 today/, slow);
		await s.see(/Service quotes · up/, slow);

		// The open view is read again when the service moves: a crash now is in it, with its stderr.
		root.write('crash-now', '');
		await s.see(/Crashes \(2\)[\s\S]*exited with code 3[\s\S]*feed lost: socket closed by 10\.0\.0\.7/, slow);
		// Searchable as a run's detail is: / lands on the first match, N finds none before it.
		s.keys('/');
		s.type('feed lost');
		s.keys('Enter');
		await s.see(/n\/N match/, slow);
		s.keys('N');
		await s.see('no earlier line with "feed lost"', slow);
		s.keys('Escape');
		await waitFor(() => /● quotes\s+up\s+up \d+s\s+↺3\s+pid \d+\s+.*exit 3/.test(row('quotes')), slow, `quotes up again after its crash:\n${s.screen()}`);

		// :runs failed SERVICE lists the service's crashes from history, as for a job.
		s.keys(':');
		s.type('runs failed quotes');
		s.keys('Enter');
		await s.see(/Runs · failed · quotes \(2\)/, slow);
	}, 300_000);
});
