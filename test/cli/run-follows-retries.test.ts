import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {binary, runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

/** Fails its first attempt (leaves a marker), succeeds the next: a feed that was down for a moment. */
const flakyYaml = `jobs:
  - id: flaky
    trigger: manual
    command: ["sh", "-c", "if [ -f data/seen ]; then echo 'feed back'; else touch data/seen; echo 'feed down' >&2; exit 3; fi"]
    retries: 2
    retry_backoff: 1s
  - id: broken
    trigger: manual
    command: ["sh", "-c", "echo 'always down' >&2; exit 4"]
    retries: 1
    retry_backoff: 1s
`;

async function runAsync(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const child = spawn(binary, args, {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
		stderr += chunk;
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('exit', resolve);
	});
	return {code, stdout, stderr};
}

describe('sage-console run JOB with retries', () => {
	it('in the foreground (no scheduler running), follows the retry and exits 0 when it succeeds', () => {
		const root = processes.makeRoot({'config/jobs.yaml': flakyYaml});
		const run = runCli(['run', 'flaky', '--root', root.dir]);
		expect(run.stdout).toMatch(/run 1 flaky \[[\d-]+\]: failed/);
		expect(run.stdout).toMatch(/flaky: attempt 2 in [\d.]+m?s\n/);
		expect(run.stdout).toContain('feed back');
		expect(run.stdout).toMatch(/run 2 flaky \[[\d-]+\]: success/);
		expect(run.code).toBe(0);
	});

	it('exits 1 when the last attempt fails too, after following every attempt', () => {
		const root = processes.makeRoot({'config/jobs.yaml': flakyYaml});
		const run = runCli(['run', 'broken', '--root', root.dir]);
		expect(run.stdout).toMatch(/run 1 broken \[[\d-]+\]: failed/);
		expect(run.stdout).toMatch(/run 2 broken \[[\d-]+\]: failed/);
		expect(run.stdout).not.toContain('attempt 3');
		expect(run.code).toBe(1);
	});

	it('through a running scheduler, follows the retry the scheduler makes and exits 0', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': flakyYaml});
		await schedulerStarted(processes.start(root.dir));
		const run = await runAsync(['run', 'flaky', '--root', root.dir]);
		expect(run.stdout).toMatch(/run 1 flaky \[[\d-]+\]: failed/);
		expect(run.stdout).toMatch(/flaky: attempt 2 in [\d.]+m?s\n/);
		expect(run.stdout).toMatch(/run 2 flaky \[[\d-]+\]: success/);
		expect(run.code).toBe(0);
	});
});
