/**
 * `r` then `c` typed in one go on a job: `c` comes before the scheduler answered `r`, so the run it
 * asked for is in no list yet. The console waits for that answer and asks about that run, where it
 * said "nothing running to cancel". The built console in tmux, running its own scheduler, and attached
 * to a built `sage-console --headless` (its answer comes over the unix socket).
 */
import {describe, expect, it} from 'vitest';
import {consoleOnHeadless} from '../helpers/console-on-headless.js';
import {binary, runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {hasTmux, openTmuxSession, type TmuxSession} from '../helpers/tmux.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const slow = 60_000;

const files = {
	'config/jobs.yaml': 'jobs:\n  - {id: sleepy, trigger: manual, module: jobs/sleepy.js}\n',
	'jobs/sleepy.js': 'export default async function run(ctx) {\n\tawait new Promise(resolve => ctx.signal.addEventListener(\'abort\', resolve));\n}\n',
};

/** The stored status of run `id`, as `sage-console show --json` reads it beside the scheduler. */
function statusOf(root: string, id: number): string | undefined {
	const shown = runCli(['show', String(id), '--json', '--root', root]);
	return shown.code === 0 ? (JSON.parse(shown.stdout) as {status?: string}).status : undefined;
}

/** Types `rc` on the selected job, answers yes, and expects that run cancelled. */
async function cancelRightAfterRun(s: TmuxSession, root: string): Promise<void> {
	// When r and c reach the console in one read
	s.type('rc');
	// Then c asks about the run r asked for, once the scheduler named it
	const asked = await s.see(/Cancel run \d+ of sleepy\?/, slow);
	expect(asked).not.toContain('nothing running to cancel');
	const id = Number(/Cancel run (\d+) of sleepy/.exec(asked)?.[1]);
	// And a yes cancels it
	s.keys('y');
	await s.see(`cancelling sleepy (run ${id})`, slow);
	await waitFor(() => statusOf(root, id) === 'cancelled', slow, `run ${id} to be cancelled`);
}

describe.skipIf(!hasTmux)('c typed right after r, before the scheduler answered r (tmux)', () => {
	it('cancels that run in a console running its own scheduler', async () => {
		const root = processes.makeRoot(files);
		const s = openTmuxSession('rc-here', `${binary} --root ${root.dir}; sleep 60`, 100, 30);
		await s.see('Jobs (1)', slow);
		await cancelRightAfterRun(s, root.dir);
		s.keys('q');
	}, 3 * slow);

	it('cancels that run in a console attached to a headless scheduler', async () => {
		const root = processes.makeRoot(files);
		const {session: s} = await consoleOnHeadless(processes, root.dir, 'rc-attached', {timeoutMs: slow});
		await s.see('Jobs (1)', slow);
		await cancelRightAfterRun(s, root.dir);
	}, 3 * slow);
});
