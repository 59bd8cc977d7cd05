import {readFileSync} from 'node:fs';
import {pathToFileURL} from 'node:url';
import {createRequire} from 'node:module';
import path from 'node:path';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import chalk, {Chalk} from 'chalk';
import {Box} from 'ink';
import {describe, expect, it} from 'vitest';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import type {LiveRunView} from '../../src/protocol/snapshot.js';
import {plainCellsMaker, type Tokenizer} from '../../src/ui/ink-plain-cells.js';
import {framesMemory, framesRemembered, inkVersionChecked, keepInkCachesAcrossFrames} from '../../src/ui/ink-frame-cache.js';
import type {NumberedLine} from '../../src/ui/log-buffer.js';
import {Header} from '../../src/ui/panels/header.js';
import {LogPanel} from '../../src/ui/panels/log-panel.js';
import {RunningPanel} from '../../src/ui/panels/running-panel.js';
import {renderAt} from './terminal-at.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const calendar = createTradingCalendar();
const start = Date.parse('2026-12-07T09:31:00+08:00');
const today = {day: '2026-12-07', runs: 12, succeeded: 11, failed: 1};

const logLine = (seq: number): NumberedLine => ({seq, line: {time: start + (seq * 200), level: seq % 7 === 0 ? 'warn' : 'info', jobId: 'refresh_quotes', runId: 7, msg: `quote tick ${seq} 600519.SH 行情 ${'-'.repeat(seq % 50)}`}});

/** Frame `i` of a busy console: the clock ticks, the log scrolls by five lines, a progress bar moves, one row is selected, a box is clipped every fifth frame. */
function Busy({i}: {i: number}) {
	const now = start + (i * 1000);
	const lines = Array.from({length: 20}, (_, index) => logLine((i * 5) + index));
	const live: LiveRunView[] = [{runId: 7, jobId: 'refresh_quotes', jobName: '行情快照', trigger: 'schedule', status: 'running', scheduledAt: start, startedAt: start, attempt: 1, progress: (i % 100) / 100, message: `symbol ${i} of 5000`}];
	return (
		<Box flexDirection="column">
			<Header now={now} calendar={calendar} jobs={3} running={1} today={today} loopDelayMs={i % 40} warningRows={i % 3 === 0 ? ['⚠ config: a warning'] : []} width={120}/>
			{i % 5 === 0
				// A clipped box (as the job view's table): Ink's own get() draws that frame, with the caches.
				? <Box height={1} overflow="hidden"><RunningPanel runs={live} cursor={0} focused={false} now={now} width={120} height={2}/></Box>
				: <RunningPanel runs={live} cursor={0} focused={false} now={now} width={120} height={2}/>}
			<LogPanel lines={lines} scope="all jobs" behind={0} focused selected={(i * 5) + 3} search="tick 1" width={120} height={21}/>
		</Box>
	);
}

function drawFrames(count: number, from = 0): string[] {
	const ui = renderAt(<Busy i={from}/>, 120, 30);
	const seen = [ui.lastFrame()];
	for (let i = from + 1; i < from + count; i++) {
		ui.rerender(<Busy i={i}/>);
		seen.push(ui.lastFrame());
	}

	ui.unmount();
	return seen;
}

describe('Ink\'s per-frame caches kept across frames (ink-frame-cache.ts)', () => {
	it('installs on the Ink this project pins: a different Ink fails here, not silently on an operator\'s screen', async () => {
		const inkPackage = path.join(path.dirname(createRequire(import.meta.url).resolve('ink')), '../package.json');
		expect((JSON.parse(readFileSync(inkPackage, 'utf8')) as {version: string}).version).toBe(inkVersionChecked);
		const pinned = (JSON.parse(readFileSync('package.json', 'utf8')) as {dependencies: Record<string, string>}).dependencies.ink;
		expect(pinned).toBe(inkVersionChecked);
		expect(await keepInkCachesAcrossFrames()).toBeUndefined();
		// A second call (a second console in one process) changes nothing.
		expect(await keepInkCachesAcrossFrames()).toBeUndefined();
	});

	it('draws exactly the frames Ink draws alone: colours, CJK, a moving log, a selection', async () => {
		chalk.level = 1;
		// This file runs in its own worker: the frames before the install are Ink's own.
		const inkAlone = drawFrames(60);
		expect(await keepInkCachesAcrossFrames()).toBeUndefined();
		const cached = drawFrames(60);
		expect(cached).toEqual(inkAlone);
		expect(cached.at(-1)).toContain('quote tick 314 600519.SH 行情');
		expect(cached.at(-1)).toContain('\u001B[');
	});

	it('keeps nothing a frame stopped drawing: memory stays flat over thousands of frames of a moving log', async () => {
		expect(await keepInkCachesAcrossFrames()).toBeUndefined();
		drawFrames(100);
		collectGarbage();
		const before = process.memoryUsage().heapUsed;
		drawFrames(1500, 100);
		collectGarbage();
		const retainedMb = (process.memoryUsage().heapUsed - before) / 1_048_576;
		console.log(`frame cache: ${retainedMb.toFixed(1)} MB kept after 1,500 frames`);
		expect(retainedMb).toBeLessThan(1.5);
	}, 600_000);

	it('works a line out once while recent frames show it, and forgets it once it was not drawn for a few frames', () => {
		const memory = framesMemory();
		const worked: string[] = [];
		const ink = {
			getStyledChars(line: string) {
				worked.push(line);
				return [...line];
			},
			getStringWidth: (text: string) => text.length,
			getWidestLine: (text: string) => text.length,
		};
		const frame = (lines: string[]) => {
			const caches = memory.caches(ink);
			const drawn = lines.map(line => caches.getStyledChars(line));
			memory.endFrame();
			return drawn;
		};

		expect(frame(['a', 'b'])).toEqual([['a'], ['b']]);
		// A view and the panels taking turns: each worked out once.
		for (let turn = 0; turn < 10; turn++) {
			frame(turn % 2 === 0 ? ['b', 'c'] : ['a']);
		}

		expect(worked).toEqual(['a', 'b', 'c']);
		// `a` not drawn for as many frames as are remembered: worked out again.
		for (let turn = 0; turn < framesRemembered; turn++) {
			frame(['d']);
		}

		frame(['a']);
		expect(worked).toEqual(['a', 'b', 'c', 'd', 'a']);
		// One line a frame, kept for as many frames as are remembered.
		expect(memory.size()).toBeLessThanOrEqual(framesRemembered);
	});

	it('cuts a line of characters that never join into exactly the cells Ink\'s tokenizer makes, and leaves any other line to it', async () => {
		const inkEntry = createRequire(import.meta.url).resolve('ink');
		const tokenizerPackage = createRequire(inkEntry).resolve('@alcalzone/ansi-tokenize/package.json');
		const ink = await import(pathToFileURL(path.join(path.dirname(tokenizerPackage), 'build/index.js')).href) as Tokenizer & {styledCharsFromTokens(tokens: unknown[]): unknown[]};
		const colours = new Chalk({level: 3});
		const lines = [
			'',
			'plain [brackets] and m; 1;2m not a code',
			colours.gray('09:31:02') + ' ' + colours.cyan.bold('refresh_quotes') + ' quote tick 7 600519.SH',
			colours.inverse(' selected row ') + colours.dim(' dim ') + colours.underline('under'),
			colours.ansi256(208)('orange') + colours.rgb(10, 200, 30).bgBlue('rgb on blue') + 'after',
			'\u001B[1;31mcompound\u001B[0m reset \u001B[39;49mcloses',
			colours.red('unclosed') + '\u001B[1m',
			` ${colours.cyan('▶')} quotes_tick    行情快照       every 5s    00:25 in 3s  ${colours.green('✓')} 2.0s · ⏸ paused … ─── █████░░░ ▌Jobs ◆ │ ← ＡＢ`,
			colours.bold('回测 (long)') + colours.dim('数据库备份'),
		];
		const plainCells = plainCellsMaker(ink);
		for (const line of lines) {
			const cells = plainCells(line);
			expect(cells, JSON.stringify(line)).toBeDefined();
			expect(cells, JSON.stringify(line)).toEqual(ink.styledCharsFromTokens(ink.tokenize(line)));
		}

		for (const other of ['emoji \u{1F600}', 'tab\there', '\u001B]8;;https://x\u0007link\u001B]8;;\u0007', 'cafe\u0301', '⏸\uFE0F', '한국', 'e\u200Dx']) {
			expect(plainCells(other), JSON.stringify(other)).toBeUndefined();
		}
	});
});
