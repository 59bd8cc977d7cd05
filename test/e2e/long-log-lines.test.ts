/**
 * A module job's ctx.log line is capped at 64 KiB as a command's line is, and `run` and `logs` show
 * every line of a run log formatted: an oversized line in an old log is one line cut with a marker,
 * never raw pieces of JSON.
 */
import {appendFileSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {readRuns} from '../helpers/history-file.js';
import {runCli, trackHeadlessProcesses} from '../helpers/run-cli.js';

const roots = trackHeadlessProcesses();
const tenMb = 10 * 1024 * 1024;

describe('a very long log line', () => {
	it('from ctx.log is cut to 64 KiB in the run log, and run and logs print it formatted with its marker', () => {
		const root = roots.makeRoot({
			'jobs/big.ts': `export default async function run(ctx: any) {
	console.log('y'.repeat(${tenMb}));
	ctx.log.info({blob: 'z'.repeat(${tenMb}), small: 7}, 'big field');
	ctx.log.info('z'.repeat(${tenMb}));
	ctx.log.info('after the big ones');
}
`,
			'config/jobs.yaml': 'jobs:\n  - {id: bigmod, trigger: manual, module: jobs/big.ts}\n',
		});
		const ran = runCli(['run', 'bigmod', '--root', root.dir], {timeoutMs: 120_000});
		expect(ran.stderr).toBe('');
		const [row] = readRuns(root.dir);
		const fileLines = readFileSync(row!.log_path!, 'utf8').split('\n').filter(Boolean);
		for (const line of fileLines) {
			expect(Buffer.byteLength(line)).toBeLessThan(72 * 1024);
		}

		const records = fileLines.map(line => JSON.parse(line) as Record<string, unknown>);
		const big = records.find(record => String(record.msg).startsWith('big field'))!;
		expect(big.msg).toMatch(/^big field \[line truncated: 104858\d\d bytes]$/);
		expect(big.small).toBe(7);
		expect(String(big.blob)).toMatch(/^z{1000,}…$/);
		expect(records.find(record => /^z+… \[line truncated: \d+ bytes]$/.test(String(record.msg)))).toBeDefined();
		expect(records.some(record => record.msg === 'after the big ones')).toBe(true);

		const logs = runCli(['logs', String(row!.id), '--root', root.dir]);
		for (const output of [ran.stdout, logs.stdout]) {
			const lines = output.split('\n');
			expect(lines.filter(line => line.startsWith('{'))).toEqual([]);
			expect(Math.max(...lines.map(line => line.length))).toBeLessThan(72 * 1024);
			expect(output).toMatch(/INFO +big field \[line truncated: \d+ bytes]/);
			expect(output).toContain('after the big ones');
		}
	}, 180_000);

	it('in an old log file is shown by logs as one line cut with a marker, and the lines after it still come', () => {
		const root = roots.makeRoot({
			'jobs/small.ts': 'export default async function run(ctx: any) { ctx.log.info(\'first line\'); }\n',
			'config/jobs.yaml': 'jobs:\n  - {id: small, trigger: manual, module: jobs/small.ts}\n',
		});
		expect(runCli(['run', 'small', '--root', root.dir]).code).toBe(0);
		const [row] = readRuns(root.dir);
		// What an older version wrote: a pino line of 10 MB, then a line after it, then a non-JSON giant.
		const giant = JSON.stringify({level: 40, time: Date.UTC(2026, 11, 3, 8), jobId: 'small', runId: row!.id, blob: 'q'.repeat(tenMb), msg: 'old giant'});
		appendFileSync(row!.log_path!, `${giant}\n${JSON.stringify({level: 30, time: Date.UTC(2026, 11, 3, 8), msg: 'line after it'})}\n${'w'.repeat(5 * 1024 * 1024)}\n`);
		const logs = runCli(['logs', String(row!.id), '--root', root.dir]);
		const lines = logs.stdout.split('\n').filter(Boolean);
		expect(lines.filter(line => line.startsWith('{'))).toEqual([]);
		expect(Math.max(...lines.map(line => line.length))).toBeLessThan(72 * 1024);
		expect(lines.filter(line => line.includes('old giant'))).toHaveLength(1);
		expect(logs.stdout).toMatch(new RegExp(`WARN +old giant \\[line truncated: ${Buffer.byteLength(giant)} bytes]`));
		expect(logs.stdout).toContain('line after it');
		expect(logs.stdout).toMatch(/w{1000,}… \[line truncated: 5242880 bytes]/);
	}, 120_000);
});
