/**
 * The command line's part: `--headless --http ADDR` serves the API; `ping`, `export` and `import` work
 * through the live scheduler, and `export`/`import` on the files when none runs. Runs the CLI as src/ has
 * it (the build when current, else the source under tsx, which compiles at each start: hence the long
 * time limits).
 */
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';
import {currentCliArgs} from '../helpers/current-cli.js';
import {api} from './api-fixtures.js';

const cliArgs = currentCliArgs();
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) {
		await cleanup();
	}
});

function cli(root: TempRoot, args: string[]) {
	const result = spawnSync(process.execPath, [...cliArgs, '--root', root.dir, ...args], {encoding: 'utf8', timeout: 60_000, env: {...process.env, SAGE_API_TOKENS: ''}});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

const jobs = `# Jobs of the CLI test.
warm_workers: 0
jobs:
  # the quick one
  - {id: quick, trigger: manual, command: ["true"]}
  - {id: beat, cron: "0 16 * * *", calendar: trading-days, heartbeat: true, grace: 10m}
`;

function tempRoot(): TempRoot {
	const root = makeTempRoot({'config/jobs.yaml': jobs});
	cleanups.push(() => root.remove());
	return root;
}

describe('export and import on the files (no scheduler running)', () => {
	it('exports YAML or JSON; imports with a dry run first, then writes, keeping comments', () => {
		const root = tempRoot();
		const exported = cli(root, ['export', '--format', 'json']);
		expect(exported.code).toBe(0);
		const data = JSON.parse(exported.stdout) as {jobs: Array<Record<string, unknown>>; paused: string[]};
		expect(data.jobs.map(job => job.id)).toEqual(['quick', 'beat']);
		data.jobs.push({id: 'added', trigger: 'manual', command: ['echo', 'hi']});
		const file = root.write('export.json', JSON.stringify(data));
		const dry = cli(root, ['import', file, '--dry-run']);
		expect(dry).toMatchObject({code: 0});
		expect(dry.stdout).toContain('+ added\ndry run: jobs.yaml not written (1 added, 0 changed, 0 removed)');
		// A changed job shows what changed in it, key by key.
		const retimed = root.write('retimed.json', JSON.stringify({...data, jobs: data.jobs.map(job => (job.id === 'quick' ? {...job, command: ['sleep', '1'], retries: 2} : job))}));
		expect(cli(root, ['import', retimed, '--dry-run']).stdout).toContain('~ quick\n    command: ["true"] → ["sleep","1"]\n    + retries: 2\n');
		expect(readFileSync(path.join(root.dir, 'config/jobs.yaml'), 'utf8')).toBe(jobs);
		expect(cli(root, ['import', file]).stdout).toContain('jobs.yaml written (1 added');
		const after = readFileSync(path.join(root.dir, 'config/jobs.yaml'), 'utf8');
		expect(after.startsWith('# Jobs of the CLI test.\nwarm_workers: 0\njobs:\n  # the quick one\n  - {id: quick, trigger: manual, command: ["true"]}\n')).toBe(true);
		expect(cli(root, ['validate']).code).toBe(0);
		expect(cli(root, ['export', '--jobs', 'added']).stdout).toBe('jobs:\n  - id: added\n    trigger: manual\n    command:\n      - echo\n      - hi\npaused: []\n');
		// No such job: exit 1 (README: Exit codes), as through a running scheduler, not 2 (a usage error).
		expect(cli(root, ['export', '--jobs', 'nope'])).toMatchObject({code: 1, stdout: '', stderr: expect.stringContaining('no job "nope" in ') as string});
		// A root with no jobs.yaml (a mistyped --root): said as list and validate say it, not an unexpected error's stack.
		const empty = makeTempRoot({});
		cleanups.push(() => empty.remove());
		for (const args of [['export'], ['import', file, '--dry-run']]) {
			const missing = cli(empty, args);
			expect(missing, args[0]).toMatchObject({code: 1, stdout: ''});
			expect(missing.stderr, args[0]).toContain('config/jobs.yaml:1:1: file not found (root ');
			expect(missing.stderr, args[0]).not.toContain('unexpected error');
		}

		const bad = root.write('bad.yaml', 'jobs:\n  - {id: x, cron: "99 * * * *", command: ["true"]}\n');
		const refused = cli(root, ['import', bad]);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/bad\.yaml:2:\d+: .*cron/);
	}, 180_000);
});

describe('export and import with top-level settings the jobs need', () => {
	it('round-trips a run_on: workers job: the import is checked against the live redis:, not as a file of its own', () => {
		const root = makeTempRoot({'config/jobs.yaml': `timezone: Asia/Shanghai
redis: redis://127.0.0.1:6390/0
jobs:
  - {id: local, trigger: manual, command: ["true"]}
  - id: remote
    cron: "0 17 * * *"
    command: ["true"]
    run_on: workers
`});
		cleanups.push(() => root.remove());
		for (const format of ['yaml', 'json']) {
			const exported = cli(root, ['export', '--format', format]);
			expect(exported.code).toBe(0);
			const file = root.write(`export.${format}`, exported.stdout);
			const dry = cli(root, ['import', file, '--dry-run']);
			expect({format, code: dry.code, stderr: dry.stderr}).toEqual({format, code: 0, stderr: ''});
			expect(dry.stdout).toContain('(0 added, 0 changed, 0 removed)');
		}

		// A problem of the imported jobs themselves is still positioned in the imported file.
		const bad = root.write('bad.yaml', 'jobs:\n  - {id: remote, cron: "0 17 * * *", command: ["true"], run_on: workers}\n  - {id: x, cron: "99 * * * *", command: ["true"]}\n');
		const refused = cli(root, ['import', bad, '--dry-run']);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/bad\.yaml:3:\d+: .*cron/);
		expect(refused.stderr).not.toContain('redis');
	}, 180_000);
});

describe('--headless --http with the CLI beside it', () => {
	it('serves the API on the given address; ping and export go through the live scheduler', async () => {
		const root = tempRoot();
		const child = spawn(process.execPath, [...cliArgs, '--root', root.dir, '--headless', '--http', '127.0.0.1:0'], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, SAGE_API_TOKENS: ''}});
		const exited = new Promise(resolve => {
			child.on('exit', resolve);
		});
		cleanups.push(async () => {
			child.kill('SIGTERM');
			await exited;
		});
		const url = await new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
				out += chunk;
				const match = /HTTP API listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
				if (match) {
					resolve(match[1]!);
				}
			});
			child.on('exit', () => reject(new Error(`headless ended: ${out}`)));
		});
		expect((await api(url, 'GET', '/v1/health')).body).toMatchObject({ok: true});
		const pinged = cli(root, ['ping', 'beat']);
		expect(pinged).toMatchObject({code: 0});
		expect(pinged.stdout).toMatch(/^beat up; next ping expected by \d{4}-\d\d-\d\d 16:00:00\n$/);
		expect(((await api(url, 'GET', '/v1/jobs/beat')).body.job as {heartbeat: {state: string}}).heartbeat.state).toBe('up');
		expect(cli(root, ['ping', 'beat', '--fail']).stdout).toMatch(/^beat down/);
		expect(cli(root, ['ping', 'quick']).stderr).toContain('quick is not a heartbeat job');
		await api(url, 'POST', '/v1/jobs/quick/pause');
		expect(JSON.parse(cli(root, ['export', '--format', 'json']).stdout)).toMatchObject({paused: ['quick']});
		expect(cli(root, ['export', '--jobs', 'nope'])).toMatchObject({code: 1, stdout: '', stderr: expect.stringContaining('no job "nope" in ') as string});
	}, 180_000);
});
