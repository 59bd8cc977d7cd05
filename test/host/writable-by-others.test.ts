/**
 * A root whose job list or job folder every user of the box may write lets any of them make the
 * scheduler run their commands: a scheduler starting there says so in its log and as a standing notice
 * (`status`), naming what to chmod; nothing for a root kept as usual. The built binary on real roots.
 */
import {chmodSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();
const jobsYaml = 'jobs:\n  - {id: yearly, cron: "0 0 1 1 *", command: ["true"]}\n';

async function statusOf(root: string): Promise<{status: string; log: string}> {
	const app = processes.start(root);
	await schedulerStarted(app);
	const status = runCli(['status', '--root', root]);
	expect(status.code, status.stderr).toBe(0);
	return {status: status.stdout, log: app.output().stdout};
}

describe('a root others may write', () => {
	it('is named at the start: the files and folders, their modes and the chmod', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml, 'jobs/keep.ts': 'export default () => 1;\n'});
		chmodSync(path.join(root.dir, 'config/jobs.yaml'), 0o666);
		chmodSync(path.join(root.dir, 'jobs'), 0o777);
		const {status, log} = await statusOf(root.dir);
		const warning = 'writable by every user of this box: config/jobs.yaml (mode 666), jobs/ (mode 777); anyone here can change what the scheduler runs, or plant files it writes to: chmod o-w config/jobs.yaml jobs/';
		expect(status).toContain(`! ${warning}`);
		expect(log).toContain(warning);
	}, 60_000);

	it('says nothing of a root kept as usual', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		chmodSync(root.dir, 0o755);
		const {status} = await statusOf(root.dir);
		expect(status).not.toContain('writable by every user');
	}, 60_000);
});
