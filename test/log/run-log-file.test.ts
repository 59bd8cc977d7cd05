import {closeSync, openSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {RunLogFile, RunLogUnavailableError} from '../../src/log/run-log-file.js';
import {RunLoggers} from '../../src/log/run-logger.js';
import {scratchDir} from '../helpers/temp-root.js';

describe('run log files never throw', () => {
	it('opens with its folder (0750) and file (0640), and writes pino-format lines', () => {
		const dir = scratchDir('sage-run-log-');
		const file = path.join(dir, 'logs/jobs/20261203_001.log');
		const log = RunLogFile.open(file, {jobId: 'sync', runId: 1});
		expect(log.write('info', 'run started', {attempt: 1})).toBe(true);
		log.close();
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({level: 30, jobId: 'sync', runId: 1, attempt: 1, msg: 'run started'});
		expect(statSync(file).mode & 0o777).toBe(0o640);
		expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o750);
	});

	it('open names the path and the cause when it cannot have the file', () => {
		const dir = scratchDir('sage-run-log-');
		writeFileSync(path.join(dir, 'logs'), 'a file where the folder should be');
		const error = (() => {
			try {
				RunLogFile.open(path.join(dir, 'logs/jobs/20261203_001.log'), {}, 'logs/jobs/20261203_001.log');
			} catch (caught) {
				return caught;
			}
		})();
		expect(error).toBeInstanceOf(RunLogUnavailableError);
		expect(error).toMatchObject({name: 'RunLogUnavailable'});
		expect((error as Error).message).toMatch(/^cannot write logs\/jobs\/20261203_001\.log: ENOTDIR \(a part of the path is not a directory\)$/);
	});

	it('a write to a full disk is counted as lost, not thrown', () => {
		const log = new RunLogFile('/dev/full', {jobId: 'sync', runId: 2});
		expect(log.write('info', 'one')).toBe(false);
		expect(log.writeMany([{level: 'info', msg: 'two'}, {level: 'warn', msg: 'three'}])).toBe(false);
		expect(log.lostLines).toBe(3);
		expect(log.problem).toMatchObject({code: 'ENOSPC'});
		log.close();
	});

	it('a job\'s ctx.log on a descriptor of a full disk loses lines quietly and still feeds the tail', () => {
		const fd = openSync('/dev/full', 'a');
		const tail: string[] = [];
		const run = new RunLoggers(line => tail.push(line)).attach(fd, {jobId: 'sync', runId: 3});
		run.logger.info({rows: 1}, 'fetched');
		run.logger.warn('slow');
		expect(run.lostLines()).toBe(2);
		expect(run.problem()).toMatchObject({code: 'ENOSPC'});
		expect(tail.map(line => (JSON.parse(line) as {msg: string}).msg)).toEqual(['fetched', 'slow']);
		run.close();
		closeSync(fd);
	});
});
