/**
 * `sage-console run JOB` prints what the job did in the order it did it: a progress report comes after
 * the lines the job wrote before it, however long those take to read, in the foreground and when a
 * live scheduler runs the job. The built CLI, a real command job, a real SQLite file.
 */
import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {binary, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

// 20,000 lines take several reads: the progress report right after them arrives while they are being read.
const jobsYaml = `jobs:
  - id: many_lines
    trigger: manual
    command: ["sh", "-c", "seq 1 20000; echo '::progress 0.5 half way'; sleep 1; echo last line"]
`;

async function runJob(root: string): Promise<{code: number | null; lines: string[]}> {
	const child = spawn(binary, ['run', 'many_lines', '--root', root], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('exit', resolve);
	});
	return {code, lines: stdout.split('\n')};
}

function expectInOrder(lines: string[]): void {
	const index = (pattern: RegExp) => lines.findIndex(line => pattern.test(line));
	const lastSeq = index(/ INFO {2}20000 {2}stream=stdout$/);
	const progress = index(/^many_lines {2}50% half way$/);
	const last = index(/ INFO {2}last line {2}stream=stdout$/);
	expect(lastSeq).toBeGreaterThan(0);
	expect({progressAfterTheLinesBeforeIt: progress > lastSeq, progressBeforeTheLineAfterIt: progress < last}).toEqual({progressAfterTheLinesBeforeIt: true, progressBeforeTheLineAfterIt: true});
}

describe('run JOB prints the job\'s lines and its progress in the order they came', () => {
	it('in the foreground', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		const result = await runJob(root.dir);
		expect(result.code).toBe(0);
		expectInOrder(result.lines);
	}, 60_000);

	it('through a live scheduler', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml});
		await schedulerStarted(processes.start(root.dir));
		const result = await runJob(root.dir);
		expect(result.code).toBe(0);
		expectInOrder(result.lines);
	}, 60_000);
});
