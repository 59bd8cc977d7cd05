import {existsSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {commandTarget, executorIn, logLines, moduleTarget, recordingSink, specFor} from './run-harness.js';

const jobs = {
	'jobs/touches.ts': 'import {writeFileSync} from \'node:fs\';\nexport default function run(ctx: any) { writeFileSync(ctx.paths.root + \'/module-started\', \'\'); return {ok: true}; }\n',
	'jobs/deletes-its-logs.ts': `import {rmSync} from 'node:fs';
export default function run(ctx: any) {
	ctx.log.info('before');
	rmSync(ctx.paths.logs, {recursive: true, force: true});
	ctx.log.info('after the folder is gone');
	return {ok: true};
}\n`,
	'jobs/prints-secret.ts': 'export default function run(ctx: any) { console.log(\'job prints \' + ctx.params.api_token); throw new Error(\'login refused for token \' + ctx.params.api_token); }\n',
};

describe('run logs on a failing disk', () => {
	it('a log folder that cannot be created fails the run before anything starts, naming the path and the cause', async () => {
		const {root, executor} = executorIn(jobs);
		writeFileSync(path.join(root.dir, 'logs'), 'a file where the folder should be\n');
		const moduleRun = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/touches.ts')));
		const commandRun = specFor(root.dir, commandTarget(['touch', 'command-started']));
		for (const spec of [moduleRun, commandRun]) {
			const name = path.relative(root.dir, spec.logPath);
			expect(await executor.start(spec, recordingSink().sink).done).toEqual({status: 'failed', error: {type: 'RunLogUnavailable', message: `cannot write ${name}: ENOTDIR (a part of the path is not a directory)`}});
		}

		expect(existsSync(path.join(root.dir, 'module-started'))).toBe(false);
		expect(existsSync(path.join(root.dir, 'command-started'))).toBe(false);
	});

	it('a full disk (the header cannot be written) fails the run as RunLogUnavailable with ENOSPC', async () => {
		const {root, executor} = executorIn(jobs);
		for (const target of [moduleTarget(path.join(root.dir, 'jobs/touches.ts')), commandTarget(['touch', 'command-started'])]) {
			expect(await executor.start(specFor(root.dir, target, {logPath: '/dev/full'}), recordingSink().sink).done)
				.toEqual({status: 'failed', error: {type: 'RunLogUnavailable', message: 'cannot write /dev/full: ENOSPC (no space left on device)'}});
		}

		expect(existsSync(path.join(root.dir, 'module-started'))).toBe(false);
		expect(existsSync(path.join(root.dir, 'command-started'))).toBe(false);
	});

	it('a deleted logs/ folder is made again, owner and group only (0750, files 0640)', async () => {
		const {root, executor} = executorIn(jobs);
		rmSync(path.join(root.dir, 'logs'), {recursive: true, force: true});
		const spec = specFor(root.dir, commandTarget(['true']));
		expect(await executor.start(spec, recordingSink().sink).done).toMatchObject({status: 'success'});
		expect(statSync(path.dirname(spec.logPath)).mode & 0o777).toBe(0o750);
		expect(statSync(spec.logPath).mode & 0o777).toBe(0o640);
	});

	it('a log deleted while the run goes on does not stop the run; the outcome notes the loss', async () => {
		const {root, executor} = executorIn(jobs);
		const sink = recordingSink();
		const spec = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/deletes-its-logs.ts')));
		const outcome = await executor.start(spec, sink.sink).done;
		const note = `${path.relative(root.dir, spec.logPath)} was deleted while the run was going; its lines are lost`;
		expect(outcome).toEqual({status: 'success', result: {ok: true}, notes: [note]});
		expect(sink.lines.map(line => line.msg)).toEqual(['before', 'after the folder is gone', note]);
	});
});

describe('secrets in run logs', () => {
	it('values of secret params never reach the header or the executor\'s own lines; the job may print them itself', async () => {
		const {root, executor} = executorIn(jobs);
		const params = {api_token: 'tk-5a1b2c3d4e', PASSWORD: 'hunter2-long', nested: {client_secret: 'cs-998877'}, symbols: ['600519.SH']};
		const command = specFor(root.dir, commandTarget(['sh', '-c', 'echo "job prints $1"; echo "denied for $1" >&2; exit 1', 'x', '{params.api_token}', '--pw={params.PASSWORD}']), {params});
		const outcome = await executor.start(command, recordingSink().sink).done;
		const lines = logLines(command.logPath);
		expect(lines[0]).toMatchObject({msg: 'run started', command: ['sh', '-c', expect.any(String), 'x', '[redacted]', '--pw=[redacted]'], params: {api_token: '[redacted]', PASSWORD: '[redacted]', nested: {client_secret: '[redacted]'}, symbols: ['600519.SH']}});
		expect(lines.find(line => line.stream === 'stdout')?.msg).toBe('job prints tk-5a1b2c3d4e');
		expect(JSON.stringify([lines[0], lines.at(-1), outcome])).not.toMatch(/tk-5a1b2c3d4e|hunter2-long|cs-998877/);
		expect(outcome).toMatchObject({status: 'failed', error: {message: 'sh exited with code 1: denied for [redacted]'}});

		const moduleRun = specFor(root.dir, moduleTarget(path.join(root.dir, 'jobs/prints-secret.ts')), {params});
		const failed = await executor.start(moduleRun, recordingSink().sink).done;
		const moduleLines = logLines(moduleRun.logPath);
		expect(moduleLines[0]).toMatchObject({params: {api_token: '[redacted]'}});
		expect(moduleLines[1]!.msg).toBe('job prints tk-5a1b2c3d4e');
		expect(JSON.stringify([moduleLines[0], moduleLines.at(-1), failed])).not.toContain('tk-5a1b2c3d4e');
		expect(readFileSync(moduleRun.logPath, 'utf8')).toContain('login refused for token [redacted]');
	});
});
