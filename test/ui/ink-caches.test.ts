import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {describe, expect, it} from 'vitest';

// Ink's own modules, by file: the package exports only its entry point.
const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
const load = async <T>(file: string) => ((await import(pathToFileURL(path.join(inkBuild, file)).href)) as {default: T}).default;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Heap growth (MB) that survives a full collection after `work`. */
function retainedMb(work: () => void): number {
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	work();
	collectGarbage();
	return (process.memoryUsage().heapUsed - before) / 1_048_576;
}

const distinctLine = (i: number) => `10:31:${String(i % 60).padStart(2, '0')} refresh_quotes  quote tick ${i} 600519.SH 1712.35 +0.42% vol ${i * 7} ${'-'.repeat(60)}`;

describe('the console stays bounded in memory while its log moves (scripts/patch-ink.mjs)', () => {
	it('measuring 30,000 distinct log rows keeps no more than a few thousand of them', async () => {
		const measureText = await load<(text: string) => {width: number}>('measure-text.js');
		expect(measureText('quote tick 1').width).toBe(12);
		const retained = retainedMb(() => {
			for (let i = 0; i < 30_000; i++) {
				measureText(distinctLine(i));
			}
		});
		// Unbounded, 30,000 rows of ~150 characters stay alive: about 7 MB.
		expect(retained).toBeLessThan(3);
	});

	it('truncating 30,000 distinct rows keeps no more than a few thousand of them', async () => {
		const wrapText = await load<(text: string, width: number, wrap: string) => string>('wrap-text.js');
		expect(wrapText('quote tick 1 600519.SH', 10, 'truncate')).toBe('quote tic…');
		const retained = retainedMb(() => {
			for (let i = 0; i < 30_000; i++) {
				wrapText(distinctLine(i), 80, 'truncate');
			}
		});
		expect(retained).toBeLessThan(3);
	});

	it('drawing 30,000 frames of a moving log, coloured and with box glyphs, keeps no more than a few thousand rows', async () => {
		type Output = {write(x: number, y: number, text: string, options: {transformers: unknown[]}): void; get(): {output: string}};
		const OutputClass = await load<new (size: {width: number; height: number}) => Output>('output.js');
		const frame = (i: number) => {
			const output = new OutputClass({width: 120, height: 3});
			output.write(0, 0, '│', {transformers: []});
			// Ink has wrapped or cut each text to its box by now: rows fit the screen.
			output.write(2, 0, `\u001B[90m${distinctLine(i).slice(0, 110)}\u001B[39m`, {transformers: []});
			output.write(2, 1, `▶ ${distinctLine(i + 1).slice(0, 110)}`, {transformers: []});
			output.write(2, 2, `\u001B[32m${'█'.repeat(i % 40)}\u001B[39m${'░'.repeat(40 - (i % 40))} ${i}`, {transformers: []});
			return output.get().output;
		};

		expect(frame(1)).toContain('quote tick 1 ');
		const retained = retainedMb(() => {
			for (let i = 0; i < 30_000; i++) {
				frame(i);
			}
		});
		// Unbounded, every row and line drawn stays: about 74 MB.
		expect(retained).toBeLessThan(6);
	});
});
