/**
 * The stack of a job that throws from a nested function, as `show` and the alert give it: every
 * frame is the job's own file at the line and column of the call (a TypeScript job's through its
 * bundle's source map), and none is the job worker's program: `at async run (…/worker-entry.js:104:45)`
 * ended every stack, read as sage-console's fault and took a line of the alert's eight.
 */
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {makeTempRoot} from '../helpers/temp-root.js';

const nestedTs = `type Bar = {symbol: string; close: number};

function parse(line: string): Bar {
	const [symbol, close] = line.split(',');
	if (!close) {
		throw new Error(\`no close for \${symbol}\`);
	}

	return {symbol: symbol!, close: Number(close)};
}

const load = (lines: string[]): Bar[] => lines.map(parse);

export default async function run() {
	await new Promise(resolve => setTimeout(resolve, 5));
	return load(['600519.SH,1700', '000001.SZ']);
}
`;

const nestedMjs = `function parse(line) {
	const [symbol, close] = line.split(',');
	if (!close) {
		throw new Error(\`no close for \${symbol}\`);
	}

	return {symbol, close: Number(close)};
}

export default async function run() {
	return ['600519.SH,1700', '000001.SZ'].map(parse);
}
`;

describe('the stack of a job that throws from a nested function', () => {
	const root = makeTempRoot({
		'config/jobs.yaml': 'jobs:\n  - {id: bars_ts, trigger: manual, module: jobs/bars.ts}\n  - {id: bars_mjs, trigger: manual, module: jobs/bars.mjs}\n',
		'jobs/bars.ts': nestedTs,
		'jobs/bars.mjs': nestedMjs,
	});
	afterAll(() => root.remove());
	const stackOf = (jobId: string) => {
		expect(runCli(['run', jobId], {cwd: root.dir}).code).toBe(1);
		const [row] = JSON.parse(runCli(['history', '--json', '--job', jobId], {cwd: root.dir}).stdout) as Array<{id: number}>;
		const show = JSON.parse(runCli(['show', String(row!.id), '--json'], {cwd: root.dir}).stdout) as {error_stack: string};
		return show.error_stack.split('\n');
	};

	it('TypeScript: the .ts file\'s lines and columns, down to run(), and nothing of the worker', () => {
		expect(stackOf('bars_ts')).toEqual([
			'Error: no close for 000001.SZ',
			`    at parse (${root.dir}/jobs/bars.ts:6:9)`,
			'    at Array.map (<anonymous>)',
			`    at load (${root.dir}/jobs/bars.ts:12:48)`,
			`    at run (${root.dir}/jobs/bars.ts:16:9)`,
		]);
	});

	it('JavaScript (.mjs): the same, by its file URL', () => {
		expect(stackOf('bars_mjs')).toEqual([
			'Error: no close for 000001.SZ',
			`    at parse (file://${root.dir}/jobs/bars.mjs:4:9)`,
			'    at Array.map (<anonymous>)',
			`    at run (file://${root.dir}/jobs/bars.mjs:11:41)`,
		]);
	});
});
