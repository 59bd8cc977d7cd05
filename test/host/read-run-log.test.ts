/**
 * The run log reader that run, logs, the console and the API share, on real files: a line longer than
 * its read window is handed out as one line cut with a marker, never as pieces of JSON.
 */
import {appendFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {allRunLogLines, readRunLog} from '../../src/host/read-run-log.js';

let folder: string | undefined;
afterEach(() => {
	if (folder) {
		rmSync(folder, {recursive: true, force: true});
	}
});

function logFile(text: string): string {
	folder = mkdtempSync(path.join(tmpdir(), 'sage-read-log-'));
	const file = path.join(folder, '20261203_001.log');
	writeFileSync(file, text);
	return file;
}

const line = (fields: Record<string, unknown>) => `${JSON.stringify({level: 30, time: 1_764_748_800_000, jobId: 'bigmod', runId: 1, ...fields})}\n`;

describe('reading a run log with a line longer than the read window', () => {
	it('hands it out as one pino line with its level, time, ids, msg and a marker, then the lines after it', () => {
		const giant = line({blob: 'z'.repeat(1024 * 1024), msg: 'big field'});
		const file = logFile(`${line({msg: 'before'})}${giant}${line({msg: 'after'})}`);
		const lines: string[] = [];
		for (let offset = 0, reads = 0; reads < 10; reads++) {
			const chunk = readRunLog(file, offset, 256 * 1024, true);
			lines.push(...chunk.lines);
			if (chunk.nextOffset === offset) {
				break;
			}

			offset = chunk.nextOffset;
		}

		expect(lines.map(text => JSON.parse(text) as unknown)).toEqual([
			{level: 30, time: 1_764_748_800_000, jobId: 'bigmod', runId: 1, msg: 'before'},
			{level: 30, time: 1_764_748_800_000, jobId: 'bigmod', runId: 1, msg: `big field [line truncated: ${Buffer.byteLength(giant) - 1} bytes]`},
			{level: 30, time: 1_764_748_800_000, jobId: 'bigmod', runId: 1, msg: 'after'},
		]);
	});

	it('waits for the end of a long line a live run is still writing, and reads an ended run\'s last line without a newline', () => {
		const file = logFile(line({msg: 'first'}));
		appendFileSync(file, `{"level":30,"msg":"${'y'.repeat(300 * 1024)}`);
		const first = readRunLog(file, 0, 256 * 1024, false);
		expect(first.lines).toHaveLength(1);
		expect(readRunLog(file, first.nextOffset, 256 * 1024, false)).toMatchObject({lines: [], nextOffset: first.nextOffset, finished: false});
		const ended = readRunLog(file, first.nextOffset, 256 * 1024, true);
		expect(ended.finished).toBe(true);
		expect(ended.lines).toHaveLength(1);
		expect(JSON.parse(ended.lines[0]!)).toMatchObject({level: 30, msg: expect.stringMatching(/^y{1000,}… \[line truncated: \d+ bytes]$/) as string});
		expect([...allRunLogLines(file, true)]).toHaveLength(2);
	});
});
