/**
 * Job output that tries to drive the terminal (a screen clear, a title change, a bell, colour codes)
 * is shown, not obeyed, on every display path; the run's log file keeps the raw bytes.
 */
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const roots = trackHeadlessProcesses();
const hostile = String.raw`\u001B[2J\u001B]0;pwned\u0007\u001B[31mred\u001B[0m`;
const escape = '\u001B';

describe('escape sequences in job output', () => {
	it('never reach the terminal through run, show, history or logs; the log file keeps them', () => {
		const root = roots.makeRoot({
			'jobs/hostile.ts': `export default function run(ctx: any) {
	ctx.log.info("${hostile} in a line");
	ctx.progress(0.5, "${hostile} in progress");
	throw new Error("${hostile} in an error");
}
`,
			'config/jobs.yaml': 'jobs:\n  - {id: hostile, trigger: manual, module: jobs/hostile.ts}\n',
		});
		const outputs = [
			runCli(['run', 'hostile', '--root', root.dir]),
			runCli(['show', '1', '--root', root.dir]),
			runCli(['history', '--root', root.dir]),
			runCli(['logs', '1', '--root', root.dir]),
		];
		for (const output of outputs) {
			expect(output.stdout + output.stderr).not.toContain(escape);
			expect(output.stdout + output.stderr).not.toContain('\u0007');
		}

		expect(outputs[0]!.stdout).toContain('red in a line');
		expect(outputs[1]!.stdout).toContain('red in an error');
		const [row] = readRuns(root.dir);
		expect(readFileSync(row!.log_path!, 'utf8')).toContain(String.raw`\u001b[2J`);
	});
});
