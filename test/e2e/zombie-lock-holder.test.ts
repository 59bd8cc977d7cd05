/**
 * A scheduler killed with -9 whose parent does not reap it (a container whose init never calls
 * wait(), a supervisor script that `exec`s into something else) stays in the process table as a
 * zombie: its pid still exists, with the same start time. It schedules nothing and holds nothing,
 * so the next scheduler takes the root at once, and `status` does not name it as the one running.
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

function processState(pid: number): string | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat[stat.lastIndexOf(')') + 2];
	} catch {
		return undefined;
	}
}

/** A headless scheduler whose parent is `sleep`, which never reaps a child. */
async function schedulerUnderNonReapingParent(root: string): Promise<number> {
	const output = path.join(root, 'first.out');
	const parent = spawn('sh', ['-c', `"${binary}" --headless --root "${root}" > "${output}" 2>&1 & echo $!; exec sleep 300`], {stdio: ['ignore', 'pipe', 'ignore']});
	onTestFinished(() => {
		parent.kill('SIGKILL');
	});
	let pidText = '';
	parent.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		pidText += chunk;
	});
	const pid = await waitFor(() => pidText.includes('\n') && Number(pidText.trim()), 10_000, 'the scheduler\'s pid');
	await waitFor(() => readFileSync(output, 'utf8').includes('ready: clients attach on '), 30_000, 'the first scheduler to listen');
	return pid;
}

describe('a scheduler killed with -9 and left a zombie', () => {
	it('does not hold the root: status says none runs, and the next --headless starts', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n'}).dir;
		const first = await schedulerUnderNonReapingParent(root);

		process.kill(first, 'SIGKILL');
		await waitFor(() => processState(first) === 'Z', 10_000, 'the killed scheduler to be a zombie');

		const status = runCli(['status', '--root', root]);
		expect(`${status.stdout}${status.stderr}`).not.toContain(String(first));

		const second = processes.start(root);
		await schedulerStarted(second);
		expect(second.output().stderr).not.toContain('already scheduling here');
		// The zombie is still there: the start did not just outwait it.
		expect(processState(first)).toBe('Z');
	}, 90_000);
});
