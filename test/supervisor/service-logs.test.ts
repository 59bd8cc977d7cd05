import {appendFileSync, existsSync, readFileSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {OutputWatch} from '../../src/supervisor/output-watch.js';
import {fileSize, openOutput, rotateIfOver, serviceLogFiles, tailLines} from '../../src/supervisor/service-logs.js';
import {scratchDir} from '../helpers/temp-root.js';

describe('service output files', () => {
	it('rotate by size keeping N: .1 the newest, the oldest dropped, the live file emptied in place', async () => {
		const files = serviceLogFiles(path.join(scratchDir(), 'logs', 'services'), 'quotes');
		const fds = openOutput(files);
		for (let round = 1; round <= 4; round++) {
			appendFileSync(fds.out, `round ${round}\n`.repeat(20));
			expect(await rotateIfOver(files.out, 100, 2)).toBe(true);
		}

		expect(await rotateIfOver(files.out, 100, 2)).toBe(false);
		expect(fileSize(files.out)).toBe(0);
		expect(readFileSync(`${files.out}.1`, 'utf8')).toContain('round 4');
		expect(readFileSync(`${files.out}.2`, 'utf8')).toContain('round 3');
		expect(existsSync(`${files.out}.3`)).toBe(false);
		// The writer's descriptor (O_APPEND) goes on at the start of the emptied file.
		appendFileSync(fds.out, 'after rotation\n');
		expect(readFileSync(files.out, 'utf8')).toBe('after rotation\n');
	});

	it('tails: the last lines, not before an offset (one run\'s stderr), whole after a rotation', () => {
		const file = path.join(scratchDir(), 'quotes.err.log');
		appendFileSync(file, 'old run: boom\n');
		const from = fileSize(file);
		appendFileSync(file, 'line 1\nline 2\nline 3\n');
		expect(tailLines(file, 2, from)).toEqual(['line 2', 'line 3']);
		expect(tailLines(file, 10, from)).toEqual(['line 1', 'line 2', 'line 3']);
		expect(tailLines(file, 10)).toEqual(['old run: boom', 'line 1', 'line 2', 'line 3']);
		expect(tailLines(`${file}.missing`, 5)).toEqual([]);
	});

	it('finds a readiness line written in pieces, from where the process started', () => {
		const file = path.join(scratchDir(), 'feed.log');
		appendFileSync(file, 'listening on 1 (an earlier run)\n');
		const watch = new OutputWatch(file, fileSize(file), 'listening on \\d+');
		expect(watch.check()).toBeUndefined();
		appendFileSync(file, 'loading\nlisten');
		expect(watch.check()).toBeUndefined();
		appendFileSync(file, 'ing on 9100\n');
		expect(watch.check()).toBe('listening on 9100');
	});

	it('a readiness watch emptied under it with log_keep: 0 does not read an older rotation\'s .1 left beside it', async () => {
		const file = path.join(scratchDir(), 'feed.log');
		writeFileSync(`${file}.1`, `${'x'.repeat(100)}\nlistening on 1 (a rotation of long ago)\n`);
		utimesSync(`${file}.1`, new Date('2026-11-01T00:00:00Z'), new Date('2026-11-01T00:00:00Z'));
		appendFileSync(file, 'y'.repeat(60));
		const watch = new OutputWatch(file, fileSize(file), 'listening on \\d+');
		appendFileSync(file, 'loading\n');
		expect(await rotateIfOver(file, 10, 0)).toBe(true);
		expect(watch.check()).toBeUndefined();
		appendFileSync(file, 'listening on 9100\n');
		expect(watch.check()).toBe('listening on 9100');
	});
});
