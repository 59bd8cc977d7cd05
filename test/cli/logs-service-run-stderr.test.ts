/**
 * `sage-console logs RUN` of a service run prints that run's stderr lines after its output, as
 * `pm2 logs` shows both: a crash's trace goes to logs/services/<id>.err.log, and logs printed only the
 * run's start and end marks of the output file. Only that run's lines, told apart by the marks the
 * scheduler now writes in the error file too. With the built CLI, a headless scheduler and a real
 * service that crashes twice.
 */
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

const crashy = `#!/bin/sh
n=$(cat count 2>/dev/null || echo 0)
n=$((n+1))
echo $n > count
echo "session $n: loading"
echo "session $n: Traceback: KeyError 'close'" >&2
exit 3
`;

describe('logs of a crashed service run', () => {
	it('prints its stderr lines after its output, its own only', async () => {
		const root = processes.makeRoot({'crashy.sh': crashy});
		serviceProcesses.watch(root.dir);
		root.write('config/jobs.yaml', `services:
  - id: crashy
    command: ["sh", "${root.dir}/crashy.sh"]
    cwd: ${root.dir}
    restart_delay: 200ms
    start_limit: 2
`);
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		const runs = await waitFor(() => {
			const found = readRuns(root.dir).filter(run => run.job_id === 'crashy' && run.status === 'failed');
			return found.length === 2 ? found : undefined;
		}, 20_000, 'two crashes');
		const second = Math.max(...runs.map(run => run.id));

		const expected = [`session 2: loading`, `(stderr, ${root.dir}/logs/services/crashy.err.log:)`, `session 2: Traceback: KeyError 'close'`];
		const ownLines = (stdout: string) => stdout.split('\n').filter(line => line.startsWith('session ') || line.startsWith('(stderr'));
		// Through the scheduler, and straight from the files once it stopped.
		expect(ownLines(runCli(['logs', String(second), '--root', root.dir]).stdout)).toEqual(expected);
		scheduler.child.kill('SIGTERM');
		expect(await scheduler.exited).toBe(0);
		expect(ownLines(runCli(['logs', String(second), '--root', root.dir]).stdout)).toEqual(expected);
	}, 60_000);
});
