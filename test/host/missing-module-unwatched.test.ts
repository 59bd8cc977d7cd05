/**
 * A jobs.yaml refused for a missing module waits for the module's folder to change; when that folder
 * cannot be watched (EACCES here; ENOSPC when the inotify watches are used up) the module coming back
 * goes unseen, and the scheduler's log says so once, with what to do. Real headless scheduler, real
 * folder permissions.
 */
import {chmodSync, renameSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {wholeLines} from '../helpers/log-file-lines.js';
import {configStatus} from '../helpers/last-good-roots.js';
import {trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {startedBarsRoot} from '../helpers/bars-job-root.js';

const processes = trackHeadlessProcesses();

const told = "cannot watch jobs/ for config/jobs.yaml's missing module jobs/bars.ts (EACCES: no permission to read it): run sage-console reload once it is back";

/** The messages of the scheduler's log saying a folder cannot be watched. */
function unwatchedLines(dir: string): string[] {
	return wholeLines(path.join(dir, 'logs/sage-console.log'))
		.map(line => (JSON.parse(line) as {msg: string}).msg)
		.filter(message => message.startsWith('cannot watch '));
}

// Root's watches ignore permissions (fs.watch of a mode 000 folder succeeds as root), and ENOSPC would
// take lowering the inotify limit of the whole machine: as root the refusal cannot be provoked for real.
// As another user: setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp npx vitest run
// --configLoader runner test/host/missing-module-unwatched.test.ts (runner: no config bundle written in node_modules).
describe.skipIf(process.getuid?.() === 0)('a jobs.yaml refused for a missing module whose folder cannot be watched', () => {
	it('says so once in the scheduler\'s log, and a reload applies it once the module is back', async () => {
		const {root, cli} = await startedBarsRoot(processes);
		const jobs = path.join(root.dir, 'jobs');
		renameSync(path.join(jobs, 'bars.ts'), path.join(jobs, 'bars-old.ts'));
		// Write and search but no read: its files are found by name, but the folder takes no watch.
		chmodSync(jobs, 0o300);
		try {
			// When: an edit names the missing module. Then: refused, and the log says the folder is not watched.
			root.write('config/jobs.yaml', 'jobs:\n  - {id: bars, cron: "30 9 * * *", module: jobs/bars.ts}\n  - {id: quotes, cron: "0 10 * * *", module: jobs/quotes.ts}\n');
			await waitFor(() => unwatchedLines(root.dir).length > 0, 15_000, 'the log to say jobs/ cannot be watched');
			expect(unwatchedLines(root.dir)).toEqual([told]);

			// Two more refused edits wait for the same folder: not told again. The first has a second problem
			// (a cron of four fields), so each is seen read by the problems it leaves.
			root.write('config/jobs.yaml', 'jobs:\n  - {id: bars, cron: "30 9 * * *", module: jobs/bars.ts}\n  - {id: quotes, cron: "0 10 * *", module: jobs/quotes.ts}\n');
			await waitFor(() => configStatus(root.dir).configProblems.length === 2, 15_000, 'the second edit to be refused');
			root.write('config/jobs.yaml', 'jobs:\n  - {id: bars, cron: "45 9 * * *", module: jobs/bars.ts}\n  - {id: quotes, cron: "0 10 * * *", module: jobs/quotes.ts}\n');
			await waitFor(() => configStatus(root.dir).configProblems.length === 1, 15_000, 'the third edit to be refused');

			// The module back: the reload the log asks for applies the edit.
			renameSync(path.join(jobs, 'bars-old.ts'), path.join(jobs, 'bars.ts'));
			cli('reload');
			expect(configStatus(root.dir).configProblems).toEqual([]);
			expect(configStatus(root.dir).jobs).toEqual([expect.objectContaining({id: 'bars', nextFireAt: expect.stringMatching(/T09:45:00/) as unknown}), expect.objectContaining({id: 'quotes'})]);
			expect(unwatchedLines(root.dir)).toEqual([told]);
		} finally {
			chmodSync(jobs, 0o755);
		}
	}, 120_000);
});
