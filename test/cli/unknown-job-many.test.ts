/**
 * A mistyped job id on a box of many jobs is answered with the likely job and the first 20 known ids,
 * the rest counted: the refusal listed every id, two hundred on some boxes, and the answer scrolled
 * away at the top of the screen. The built CLI on a real root.
 */
import {expect, it} from 'vitest';
import {makeTempRoot} from '../helpers/temp-root.js';
import {runCli} from '../helpers/run-cli.js';

it('names the likely job and 20 of the known ones, counting the rest', () => {
	const ids = Array.from({length: 30}, (_, i) => `job_${String(i + 1).padStart(2, '0')}`);
	const root = makeTempRoot({'config/jobs.yaml': `jobs:\n${ids.map(id => `  - {id: ${id}, trigger: manual, command: ["true"]}\n`).join('')}`});
	try {
		const typo = runCli(['history', '--job', 'job_3O', '--root', root.dir]);
		expect(typo).toMatchObject({
			code: 1,
			stdout: '',
			stderr: `sage-console: no job "job_3O" in jobs.yaml or history (did you mean "job_30"?); known: ${ids.slice(0, 20).join(', ')}, and 10 more (sage-console list)\n`,
		});
	} finally {
		root.remove();
	}
});
