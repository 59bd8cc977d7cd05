/**
 * A scheduler that starts on the last good job list because jobs.yaml is broken counts the file's
 * problems as those of a refused edit: `sage_config_problems` on /metrics and `status --json`'s
 * configProblems, so an operator's alert on them fires after a reboot too, and they go once an edit
 * mends the file. A real headless scheduler with its HTTP API, scraped over HTTP.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {startHeadlessWithApi} from '../helpers/headless-api.js';
import {trackHeadlessProcesses} from '../helpers/run-cli.js';
import {configProblemsMetric, configStatus, keepLastGood} from '../helpers/last-good-roots.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

const good = 'jobs:\n  - {id: nightly, cron: "0 3 * * *", command: ["true"]}\n';
const twoProblems = `${good}  - {id: typo, cron: "61 * * * *", command: ["true"]}\n  - {id: typo2, after: [ghost], command: ["true"]}\n`;
const oneProblem = `${good}  - {id: typo, cron: "0 3 * * * * * *", command: ["true"]}\n`;

describe('sage_config_problems after a start on the last good job list', () => {
	it('counts the broken file\'s problems, follows a later refused edit, and is 0 once an edit mends the file', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': good});
		await keepLastGood(processes, root.dir);

		// Given a reboot with a broken file.
		root.write('config/jobs.yaml', twoProblems);
		const {url} = await startHeadlessWithApi(processes, root.dir);
		await configProblemsMetric(url, 2);
		const now = configStatus(root.dir);
		expect(now.jobs.map(job => job.id)).toEqual(['nightly']);
		expect(now.configProblems.map(problem => problem.line)).toEqual([3, 4]);
		// The notice says what runs instead; the problems themselves are configProblems (the header's `config not applied: …` lines).
		expect(now.notices).toEqual([expect.stringMatching(/^the last good job list, from .*, is in use until an edit mends \S*config\/jobs\.yaml$/)]);

		// When an edit is refused too: its problems count.
		root.write('config/jobs.yaml', oneProblem);
		await configProblemsMetric(url, 1);
		await waitFor(() => configStatus(root.dir).configProblems.find(problem => problem.line === 3 && problem.message.startsWith('cron "0 3 * * * * * *" has 8 fields')), 10_000, 'the refused edit\'s problem');
		expect(configStatus(root.dir).notices).toEqual([expect.stringMatching(/until an edit mends \S*config\/jobs\.yaml$/)]);

		// Then mended: 0, no notice, the file applied and kept.
		const mended = `${good}  - {id: weekly, cron: "0 4 * * 1", command: ["true"]}\n`;
		root.write('config/jobs.yaml', mended);
		await configProblemsMetric(url, 0);
		await waitFor(() => {
			const back = configStatus(root.dir);
			return back.configProblems.length === 0 && back.notices.length === 0 && back.jobs.length === 2;
		}, 10_000, 'the mended file to be applied');
		await waitFor(() => readFileSync(`${root.dir}/data/sage.last-good-jobs.yaml`, 'utf8') === mended, 10_000, 'the mended file kept');
	}, 90_000);
});
