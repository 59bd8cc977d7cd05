import {readFileSync, rmSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/run-cli.js';
import {sameDayEach} from '../helpers/same-day-ahead.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

type RunJson = {id: number; job_id: string; log_path: string};

describe('run log names after logs/ was deleted', () => {
	// Run logs are numbered within a day in Shanghai (the root's zone): both runs on one day there, where
	// across its midnight the second was the new day's `_001.log`.
	sameDayEach('Asia/Shanghai', 60_000);

	let root: TempRoot | undefined;
	afterEach(() => {
		root?.remove();
		root = undefined;
	});

	it('a new run the same day takes the next number, not 001 again, so an old run keeps its own log', () => {
		root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: ten, trigger: manual, command: ["echo", "ten says hi"]}\n  - {id: minute, trigger: manual, command: ["echo", "minute says hi"]}\n'});
		expect(runCli(['run', 'ten', '--root', root.dir]).code).toBe(0);
		rmSync(path.join(root.dir, 'logs'), {recursive: true, force: true});
		expect(runCli(['run', 'minute', '--root', root.dir]).code).toBe(0);

		const runs = (JSON.parse(runCli(['history', '--json', '--root', root.dir]).stdout) as RunJson[]).sort((a, b) => a.id - b.id);
		expect(runs.map(run => [run.job_id, path.basename(run.log_path).replace(/^\d{8}_/, '')])).toEqual([['ten', '001.log'], ['minute', '002.log']]);
		expect(readFileSync(runs[1]!.log_path, 'utf8')).toContain('minute says hi');
		const ten = runCli(['logs', '1', '--root', root.dir]);
		expect(ten.stdout).not.toContain('minute says hi');
	});
});
