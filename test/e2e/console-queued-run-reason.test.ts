/**
 * The console's Running panel says why a queued run waits, where a running run shows its message:
 * "waits for queue data: 1 of its limit 1 running (run 1 bars)". It showed "queued" and nothing more.
 * The built console in tmux.
 */
import {describe, it, onTestFinished} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';
import {hasTmux, openTmuxSession} from '../helpers/tmux.js';

const slow = 60_000;

const files = {
	'config/jobs.yaml': `queues: {data: 1}
jobs:
  - {id: bars, trigger: manual, queue: data, command: ["sh", "-c", "while [ ! -f go ]; do sleep 0.2; done"]}
  - {id: quotes, trigger: manual, queue: data, command: ["true"]}
`,
};

describe.skipIf(!hasTmux)('a queued run in the Running panel (tmux, 120×30)', () => {
	it('says what it waits for', async () => {
		const root = makeTempRoot(files);
		onTestFinished(() => {
			root.write('go', '');
			root.remove();
		});
		const s = openTmuxSession('queued-reason', `${binary} --root ${root.dir}; sleep 60`, 120, 30);
		await s.see('Jobs (2)', slow);
		s.keys('r');
		await s.see('Running (1)', slow);
		s.keys('j', 'r');
		await s.see(/… quotes +queued +waits for queue data: 1 of its limit 1/, slow);
		root.write('go', '');
		await s.see('Running (0)', slow);
		s.keys('q');
	}, 3 * slow);
});
