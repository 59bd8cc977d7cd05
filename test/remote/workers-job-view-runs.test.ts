/**
 * A `run_on: workers` job's view names, in its table of last runs, the worker that ran each
 * (`host:pid`, the host without its domain), in a WORKER column after STATUS; a local job's table has
 * no such column. At 80 columns the worker stays whole and the error column gives way (ERROR); at
 * 60 TRADE DAY and TRIGGER give way and the worker stays whole, the row within the terminal. Its table did not say where a run ran. Real parts: a redis-server, the built `sage-console --headless`, a real
 * `sage-console worker`, the built console in tmux.
 */
import {describe, expect, it} from 'vitest';
import {redisAndWorkersForFile} from '../helpers/redis-and-workers-for-file.js';
import {binary, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';
import {remoteJobs} from './remote-fixtures.js';

const processes = trackHeadlessProcesses();
const {redis, workers} = redisAndWorkersForFile({when: hasTmux});

const slow = 60_000;

describe.skipIf(!hasTmux)('a run_on: workers job\'s last runs name their worker (tmux)', () => {
	it('in a WORKER column of its job view, wide and narrow; a local job\'s table has none', async () => {
		const root = processes.makeRoot({
			...remoteJobs,
			'config/jobs.yaml': `redis: ${redis().url()}
jobs:
  - {id: crunch, trigger: manual, module: jobs/steps.ts, params: {steps: 2, ms: 50}, run_on: workers, queue: analysis}
  - {id: local_tick, trigger: manual, command: ["true"]}
`,
		});
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		const worker = await workers.start(root.dir, redis().url(), ['--queues', 'analysis']);
		const [host, pid] = [worker.name.slice(0, worker.name.lastIndexOf(':')), worker.pid];
		const shown = `${host.split('.')[0]}:${pid}`;

		const s = openTmuxSession('job-view-worker', `${binary} --root ${root.dir}; sleep 120`, 120, 40);
		await s.see('Workers (1 online)', slow);
		s.keys('r');
		s.keys('Enter');
		await s.see(/Job crunch[\s\S]*✓ success/, slow);
		const rows = s.rows();
		const heading = rows.find(row => /RUN +TRIGGER/.test(row))!;
		expect(heading).toMatch(/STATUS +WORKER +STARTED +DURATION/);
		expect(rows[rows.indexOf(heading) + 1]).toMatch(new RegExp(`^ ?\\d+ +manual +(\\d\\d-\\d\\d +)?✓ success +${shown.replaceAll('.', '\\.')} +\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d `));

		s.keys('Escape');
		await s.see('▌Jobs (2)', slow);
		s.keys('Down');
		await s.see(/›● local_tick/, slow);
		s.keys('r');
		s.keys('Enter');
		const local = await s.see(/Job local_tick[\s\S]*✓ success/, slow);
		expect(local).toMatch(/STATUS +STARTED +DURATION/);
		expect(local).not.toContain('WORKER');

		// At 80 columns the worker stays whole and the error column gives way (headed ERROR); at 60
		// TRADE DAY and TRIGGER give way before it, the row still within the terminal and STARTED whole.
		const narrow = openTmuxSession('job-view-worker-narrow', `${binary} --root ${root.dir}; sleep 120`, 80, 20);
		await narrow.see('Workers (1 online)', slow);
		narrow.keys('Enter');
		await narrow.see(/Job crunch[\s\S]*✓ success/, slow);
		const at80 = narrow.rows();
		const heading80 = at80.find(row => /RUN +TRIGGER/.test(row))!;
		expect(heading80).toMatch(/STATUS +WORKER +STARTED +DURATION +ERROR$/);
		expect(at80[at80.indexOf(heading80) + 1]).toMatch(new RegExp(`✓ success +${shown.replaceAll('.', '\\.')} +\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d {2}`));
		expect(Math.max(...at80.map(row => row.length))).toBeLessThanOrEqual(80);

		narrow.resize(60, 20);
		await narrow.see(/RUN +STATUS +WORKER +STARTED +DURATION/, slow);
		const at60 = narrow.rows();
		// (its pid whole; a long host name is cut to fit)
		expect(at60.join('\n')).toMatch(new RegExp(`✓ success +\\S+:${pid} +\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d {2}`));
		expect(Math.max(...at60.map(row => row.length))).toBeLessThanOrEqual(60);
	}, 240_000);
});
