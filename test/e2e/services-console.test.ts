/**
 * The services panel in a real terminal (tmux), attached over the socket to the built
 * `sage-console --headless` supervising a real service that crashed once: state, uptime, restarts,
 * pid and last exit on the row; Enter opens its output and its crash with the stderr.
 */
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {schedulerStarted, trackHeadlessProcesses, waitFor} from '../helpers/run-cli.js';
import {hasTmux, TmuxSession} from '../helpers/tmux.js';
import {processesWith} from '../supervisor/service-host.js';

const processes = trackHeadlessProcesses();
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
let session: TmuxSession | undefined;
let serviceRoot: string | undefined;
afterEach(() => {
	session?.kill();
	// The headless scheduler is killed with -9 after the test, and services outlive that by design: end them here.
	for (const pid of serviceRoot ? processesWith(serviceRoot) : []) {
		process.kill(pid, 'SIGKILL');
	}
});

describe.skipIf(!hasTmux)('the services panel in tmux', () => {
	it('shows state, uptime, restarts today, pid and last exit; Enter shows the output and the crash', async () => {
		const root = processes.makeRoot({'collector.sh': `#!/bin/sh
if [ ! -e crashed-once ]; then touch crashed-once; echo "quote feed: HTTP 502 from upstream" >&2; exit 1; fi
echo "collector up, 4521 symbols"
while :; do sleep 1; done
`});
		serviceRoot = root.dir;
		root.write('config/jobs.yaml', `services:
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
		session = new TmuxSession('services', `cd ${projectRoot} && node --import tsx test/supervisor/services-console.tsx ${root.dir}; sleep 60`, 120, 24);
		const screen = () => session!.screen();
		const row = () => screen().split('\n').find(line => line.includes('quotes')) ?? '';
		await waitFor(() => screen().includes('Services (2)') && /● quotes\s+up\s+up \d+s\s+↺1\s+pid \d+/.test(row()), 30_000, `the quotes row up after one restart:\n${screen()}`);
		expect(row()).toMatch(/\d\d:\d\d:\d\d exit 1/);
		const uptime = Number(/up (\d+)s/.exec(row())![1]);
		await waitFor(() => Number(/up (\d+)s/.exec(row())?.[1] ?? -1) > uptime, 10_000, 'the uptime to count');
		expect(screen()).toMatch(/○ strategy\s+disabled\s+session 09:15–15:00/);

		session.keys('Enter');
		await waitFor(() => screen().includes('Crashes (1)') && screen().includes('quote feed: HTTP 502 from upstream') && screen().includes('collector up, 4521 symbols'), 15_000, `the detail:\n${screen()}`);
		expect(screen()).toMatch(/✗ run \d+ \d\d:\d\d:\d\d ExitCode: quotes exited with code 1/);
		session.keys('Escape');
		await waitFor(() => /● quotes/.test(screen()), 10_000, 'the list again');
	}, 120_000);
});
