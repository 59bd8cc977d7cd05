/**
 * A job that fails with an AggregateError (`Promise.any` over data sources that all failed, or one
 * made of each symbol's failure): its own message says only "All promises were rejected"; what the
 * operator needs is the errors inside, in the one line history and alerts show and in the stack.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const files = {
	'config/jobs.yaml': `jobs:
  - {id: any_source, trigger: manual, module: jobs/any-source.ts}
  - {id: each_symbol, trigger: manual, module: jobs/each-symbol.mjs}
  - {id: many, trigger: manual, module: jobs/many.ts}
`,
	'jobs/any-source.ts': `async function fetchFrom(source: string): Promise<string> {
	throw new Error(\`\${source} answered 502\`);
}

export default async function run() {
	return Promise.any([fetchFrom('tushare'), fetchFrom('akshare')]);
}
`,
	'jobs/each-symbol.mjs': `export default async function run() {
	throw new AggregateError([new RangeError('600519.SH: no bars'), 'plain text', {code: 42}], '3 symbols failed');
}
`,
	'jobs/many.ts': `export default async function run() {
	throw new AggregateError(Array.from({length: 12}, (_, i) => new Error(\`symbol \${i} failed\`)));
}
`,
};

type Row = {id: number; error_type: string; error_message: string};

describe('a job failing with an AggregateError', () => {
	const root = makeTempRoot(files);
	afterAll(() => root.remove());
	const run = (jobId: string) => runCli(['run', jobId], {cwd: root.dir});
	const row = (jobId: string) => (JSON.parse(runCli(['history', '--json', '--job', jobId], {cwd: root.dir}).stdout) as Row[])[0]!;

	it('names each error in its message, and gives each one\'s stack, pointing at the job\'s lines', () => {
		const result = run('any_source');
		expect(result.code).toBe(1);
		expect(row('any_source')).toMatchObject({error_type: 'AggregateError', error_message: 'All promises were rejected: [1] Error: tushare answered 502; [2] Error: akshare answered 502'});
		expect(result.stdout).toMatch(/\nErrors:\n {2}\[1\] Error: tushare answered 502\n {8}at fetchFrom \(\S*jobs\/any-source\.ts:2:8\)\n/);
		expect(result.stdout).toMatch(/\n {2}\[2\] Error: akshare answered 502\n {8}at fetchFrom \(\S*jobs\/any-source\.ts:2:8\)\n/);
		const show = runCli(['show', String(row('any_source').id)], {cwd: root.dir}).stdout;
		expect(show).toContain('[2] Error: akshare answered 502');
	});

	it('values that are not errors are shown as text and JSON', () => {
		run('each_symbol');
		expect(row('each_symbol').error_message).toBe('3 symbols failed: [1] RangeError: 600519.SH: no bars; [2] plain text; [3] {"code":42}');
	});

	it('names the first ten and counts the rest', () => {
		const result = run('many');
		expect(row('many').error_message).toBe(`${Array.from({length: 10}, (_, i) => `[${i + 1}] Error: symbol ${i} failed`).join('; ')}; and 2 more`);
		expect(result.stdout).toContain('\n  … and 2 more\n');
		expect(result.stdout).not.toContain('symbol 10 failed');
	});
});
