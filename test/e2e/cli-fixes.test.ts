import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {makeShippedRoot} from '../helpers/shipped-root.js';
import {makeTempRoot, testJobs} from '../helpers/temp-root.js';

const echoParams = 'export default async function run(ctx: any) { return {params: ctx.params}; }\n';

const schemaJobs = `jobs:
  - id: sync
    trigger: manual
    module: jobs/echo.ts
    params: {source: csv}
    params_schema:
      symbols: {type: array, required: true}
      days: integer
      source: string
      dry_run: boolean
  - id: free
    trigger: manual
    module: jobs/echo.ts
  - id: broken
    trigger: manual
    module: jobs/throws.ts
`;

const headless = trackHeadlessProcesses();

describe('the command line (issue 28)', () => {
	it('--headless writes times in the configured zone with its offset, not UTC', async () => {
		const root = headless.makeRoot({...testJobs, 'jobs/echo.ts': echoParams, 'config/jobs.yaml': schemaJobs});
		const app = headless.start(root.dir);
		await schedulerStarted(app);
		const line = app.output().stdout.split('\n').find(text => text.includes('scheduler started'))!;
		expect(JSON.parse(line).time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
	});

	it('run --param k=JSON: numbers, booleans, arrays and objects arrive typed, other text as text', () => {
		const root = makeTempRoot({...testJobs, 'jobs/echo.ts': echoParams, 'config/jobs.yaml': schemaJobs});
		const result = runCli(['run', 'free', '--param', 'days=3', '--param', 'dry_run=true', '--param', 'symbols=["600519.SH"]', '--param', 'opts={"k":1}', '--param', 'code="600519"', '--param', 'name=plain text'], {cwd: root.dir});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stdout).toContain('result: {"params":{"days":3,"dry_run":true,"symbols":["600519.SH"],"opts":{"k":1},"code":"600519","name":"plain text"}}');
		root.remove();
	});

	it('params_schema: an unknown, mistyped or missing param is refused with its name, and nothing runs', () => {
		const root = makeTempRoot({...testJobs, 'jobs/echo.ts': echoParams, 'config/jobs.yaml': schemaJobs});
		const run = (...params: string[]) => runCli(['run', 'sync', ...params.flatMap(param => ['--param', param])], {cwd: root.dir});
		const unknown = run('symbols=["a"]', 'dayz=3');
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('unknown param "dayz" for sync; its params_schema knows symbols, days, source, dry_run');
		const mistyped = run('symbols=["a"]', 'days=3.5');
		expect(mistyped.code).toBe(2);
		expect(mistyped.stderr).toContain('param "days" of sync must be an integer, not number 3.5');
		const missing = run('days=3');
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('sync needs param "symbols" (array)');
		const good = run('symbols=["600519.SH"]', 'days=3');
		expect(good.code, good.stderr).toBe(0);
		expect(good.stdout).toContain('"symbols":["600519.SH"],"days":3');
		// Only the good run is in history.
		expect(runCli(['history', '--json'], {cwd: root.dir}).stdout.match(/"id":/g)).toHaveLength(1);
		root.remove();
	});

	it('show says a failed run\'s error once, then its stack', () => {
		const root = makeTempRoot({...testJobs, 'jobs/echo.ts': echoParams, 'config/jobs.yaml': schemaJobs});
		expect(runCli(['run', 'broken'], {cwd: root.dir}).code).toBe(1);
		const shown = runCli(['show', '1'], {cwd: root.dir});
		expect(shown.stdout.match(/DataFeedError: feed returned 502 for 600519\.SH/g)).toHaveLength(1);
		expect(shown.stdout).toMatch(/DataFeedError: feed returned 502 for 600519\.SH\n\s+at fetchBars/);
		root.remove();
	});

	it('an unknown flag is a usage error that names it and the flag meant', () => {
		const result = runCli(['list', '--jsn']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('sage-console: unknown flag --jsn (did you mean --json?); see sage-console --help\n');
		expect(runCli(['--frobnicate-everything']).stderr).toBe('sage-console: unknown flag --frobnicate-everything; see sage-console --help\n');
	});

	it('the digest jobs say that nothing was sent when no notification channel is configured', () => {
		const root = makeShippedRoot({insideProject: true});
		try {
			for (const jobId of ['daily_digest', 'watched_stocks_digest']) {
				const result = runCli(['run', jobId], {cwd: root.dir});
				expect(result.code, result.stderr).toBe(0);
				expect(result.stdout).toContain('no notification channel configured; digest not sent');
				expect(result.stdout).not.toContain('digest sent');
				expect(result.stdout).toContain('"sent":false');
			}
		} finally {
			root.remove();
		}
	});
});
