/**
 * logs/sage-console.log on a disk that refuses writes, and over days: `/dev/full` behind a symlinked
 * log file opens fine and refuses every write (ENOSPC), as a full disk does. The recovery line is said
 * only once a write went in; the file is rotated by size.
 */
import {readFileSync, readdirSync, rmSync, statSync, symlinkSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {lineFileDefaults} from '../../src/log/line-file.js';
import {createProcessLogger, flushProcessLogger, processLogFile} from '../../src/log/process-logger.js';
import {scratchDir} from '../helpers/temp-root.js';

type Line = {msg: string; n?: number};
const linesOf = (file: string): Line[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as Line);

describe('the console\'s log on a full disk', () => {
	it('is not said to be "written again" while writes still fail; once they work, the lines logged meanwhile are there and the recovery is said', () => {
		const dir = scratchDir('sage-process-log-');
		const file = path.join(dir, 'sage-console.log');
		symlinkSync('/dev/full', file);
		const logger = createProcessLogger(dir, {stdout: false});
		const lineFile = processLogFile(logger)!;
		logger.info({n: 1}, 'run started');
		flushProcessLogger(logger);
		expect(lineFile.problem).toBe(`cannot write ${file}: ENOSPC (no space left on device)`);
		// The root guard's check, every few seconds: the file opens, but nothing goes in.
		expect(lineFile.reopenIfGone()).toBeUndefined();
		expect(lineFile.problem).toBe(`cannot write ${file}: ENOSPC (no space left on device)`);
		logger.info({n: 2}, 'run finished');
		flushProcessLogger(logger);
		expect(lineFile.reopenIfGone()).toBeUndefined();

		// Space again (the operator freed the disk; here: a real file instead of /dev/full).
		rmSync(file);
		expect(lineFile.reopenIfGone()).toBe(`${file} is written again (no line was lost)`);
		expect(lineFile.problem).toBeUndefined();
		expect(linesOf(file).map(line => line.n)).toEqual([1, 2]);
		expect(lineFile.reopenIfGone()).toBeUndefined();
		flushProcessLogger(logger, true);
	});

	it('holds at most maxHeldBytes while the disk is full, in whole lines, and counts the rest as lost', () => {
		const dir = scratchDir('sage-process-log-');
		const file = path.join(dir, 'sage-console.log');
		symlinkSync('/dev/full', file);
		const logger = createProcessLogger(dir, {stdout: false, file: {maxHeldBytes: 2000}});
		const lineFile = processLogFile(logger)!;
		for (let n = 0; n < 100; n++) {
			logger.info({n}, 'quote refreshed');
			flushProcessLogger(logger);
		}

		rmSync(file);
		const recovery = lineFile.reopenIfGone();
		const kept = linesOf(file).map(line => line.n!);
		expect(kept.length).toBeGreaterThan(10);
		expect(kept).toEqual(Array.from({length: kept.length}, (_, index) => 100 - kept.length + index));
		expect(recovery).toBe(`${file} is written again (${100 - kept.length} lines were lost)`);
		expect(statSync(file).size).toBeLessThanOrEqual(2000);
		flushProcessLogger(logger, true);
	});
});

describe('the console\'s log over days', () => {
	it('is rotated by size: sage-console.log, then .1 (newest) … .keep, the oldest dropped; no line lost or repeated in the kept files', async () => {
		const dir = scratchDir('sage-process-log-');
		const logger = createProcessLogger(dir, {stdout: false, file: {maxBytes: 4096, keep: 2}});
		for (let n = 0; n < 400; n++) {
			logger.info({n}, 'run finished');
			if (n % 10 === 0) {
				await new Promise(resolve => setImmediate(resolve));
			}
		}

		flushProcessLogger(logger, true);
		expect(readdirSync(dir).sort()).toEqual(['sage-console.log', 'sage-console.log.1', 'sage-console.log.2']);
		const files = ['sage-console.log.2', 'sage-console.log.1', 'sage-console.log'].map(name => path.join(dir, name));
		for (const rotated of files.slice(0, 2)) {
			// A batch of lines goes in whole: at most one turn's lines over the limit.
			expect(statSync(rotated).size).toBeGreaterThanOrEqual(4096);
			expect(statSync(rotated).size).toBeLessThan(4096 + 11 * 200);
		}

		const numbers = files.flatMap(rotated => linesOf(rotated).map(line => line.n!));
		expect(numbers.at(-1)).toBe(399);
		expect(numbers).toEqual(Array.from({length: numbers.length}, (_, index) => 400 - numbers.length + index));
	});

	it('keeps sage-console.log plus 5 older files of 10 MiB by default (as the README says)', () => {
		expect(lineFileDefaults).toMatchObject({maxBytes: 10 * 1024 * 1024, keep: 5});
		const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
		expect(readme).toMatch(/`logs\/sage-console\.log`[^\n]*rotated at 10 MiB[^\n]*`sage-console\.log\.1`[^\n]*`\.5`/);
	});
});
