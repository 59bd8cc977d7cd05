import {createRequire} from 'node:module';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {Box, Text} from 'ink';
import {afterEach, describe, expect, it} from 'vitest';
import type {LogLine} from '../../src/core/log-line.js';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import type {JobView, LiveRunView} from '../../src/protocol/snapshot.js';
import {App} from '../../src/ui/app.js';
import type {NumberedLine} from '../../src/ui/log-buffer.js';
import {Header} from '../../src/ui/panels/header.js';
import {JobsPanel} from '../../src/ui/panels/jobs-panel.js';
import {LogPanel} from '../../src/ui/panels/log-panel.js';
import {RunningPanel} from '../../src/ui/panels/running-panel.js';
import {waitFor} from '../helpers/wait-for.js';
import {consoleFeed} from '../helpers/console-client.js';
import {makeTestScheduler, type TestScheduler} from '../helpers/test-scheduler.js';
import {renderAt} from './terminal-at.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const calendar = createTradingCalendar();
const start = Date.parse('2026-12-07T09:31:00+08:00');

/** Heap growth (MB) that survives a full collection after `work`. */
function retainedMb(work: () => void): number {
	collectGarbage();
	const before = process.memoryUsage().heapUsed;
	work();
	collectGarbage();
	return (process.memoryUsage().heapUsed - before) / 1_048_576;
}

const logLine = (seq: number): NumberedLine => ({seq, line: {time: start + (seq * 200), level: seq % 7 === 0 ? 'warn' : 'info', jobId: 'refresh_quotes', runId: 7, msg: `quote tick ${seq} 600519.SH 1712.${seq % 100} vol ${seq * 7} 行情 ${'-'.repeat(40)}`}});
const jobs: JobView[] = ['sync_daily_bars', 'refresh_quotes', 'compute_indicators'].map((id, index) => ({
	id, name: id, schedule: 'every 5 min · trading hours', queue: 'data', priority: 'medium', enabled: true, paused: false, liveRuns: index === 1 ? 1 : 0, kind: 'module', nextFireAt: start + 300_000,
}));
const today = {day: '2026-12-07', runs: 12, succeeded: 11, failed: 1};

/** Frame `i` of a busy console: the clock ticks, twelve new log lines, a progress bar moves, "in 3m" counts down. */
function Busy({i, plain}: {i: number; plain: boolean}) {
	const now = start + (i * 1000);
	const lines = Array.from({length: 12}, (_, index) => logLine((i * 12) + index));
	const live: LiveRunView[] = [{runId: 7, jobId: 'refresh_quotes', jobName: 'refresh_quotes', trigger: 'schedule', status: 'running', scheduledAt: start, startedAt: start, attempt: 1, progress: (i % 1000) / 1000, message: `symbol ${i} of 5000`}];
	if (plain) {
		// The control: the same rows as Ink Text, which Ink measures and caches text by text.
		return (
			<Box flexDirection="column">
				<Text>{`${new Date(now).toISOString()} running ${live[0]!.progress}`}</Text>
				{lines.map(({seq, line}) => <Text key={seq} wrap="truncate"><Text color="gray">{line.time}</Text> {line.msg}</Text>)}
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Header now={now} calendar={calendar} jobs={3} running={1} today={today} loopDelayMs={i % 40} warningRows={[]} width={120}/>
			<JobsPanel jobs={jobs} cursor={i % 3} focused filter="" now={now} width={120} height={5}/>
			<RunningPanel runs={live} cursor={0} focused={false} now={now} width={120} height={2}/>
			<LogPanel lines={lines} scope="all jobs" behind={0} focused selected={(i * 12) + 3} search="tick 1" width={120} height={13}/>
		</Box>
	);
}

// Every frame's log rows are new: the frames below hold 18,000 distinct log rows and 1,500 clocks.
const frames = 1500;

function drawFrames(plain: boolean): {retained: number; last: string} {
	const ui = renderAt(<Busy i={0} plain={plain}/>, 120, 22);
	// The first frames load modules and fill V8's own caches: not what this test is about.
	for (let i = 1; i < 100; i++) {
		ui.rerender(<Busy i={i} plain={plain}/>);
	}

	const retained = retainedMb(() => {
		for (let i = 100; i < frames; i++) {
			ui.rerender(<Busy i={i} plain={plain}/>);
		}
	});
	const last = ui.lastFrame();
	ui.unmount();
	return {retained, last};
}

let t: TestScheduler | undefined;
afterEach(async () => {
	await t?.close();
	t?.root.remove();
	t = undefined;
});

describe('the console stays bounded in memory while its log moves (fixed-rows.tsx)', () => {
	it(`draws ${frames} frames of a moving log (${frames * 12} distinct rows), a ticking clock and a moving progress bar without keeping them`, () => {
		const {retained, last} = drawFrames(false);
		console.log(`fixed rows: ${retained.toFixed(1)} MB kept`);
		expect(last).toContain(`quote tick ${((frames - 1) * 12) + 11} 600519.SH`);
		expect(last).toContain('refresh_quotes');
		// Ink keeps every distinct text it measures: drawn as Text, these rows stay (the control below).
		expect(retained).toBeLessThan(1.5);
	}, 600_000);

	it('(control) the same frames as plain Text rows make Ink keep every row: if this fails, Ink bounds its caches itself now', () => {
		const {retained} = drawFrames(true);
		console.log(`plain Text rows: ${retained.toFixed(1)} MB kept`);
		expect(retained).toBeGreaterThan(3);
	}, 600_000);

	it('hands Ink nothing but blank blocks on the main screen: every text Ink measures is a placeholder', async () => {
		t = makeTestScheduler(`jobs:
  - {id: chatty, trigger: manual, command: ["sh", "-c", "for i in $(seq 1 50); do echo line-$i; done"]}
  - {id: broken, trigger: manual, module: jobs/throws.ts}
`, {now: Date.now()});
		t.scheduler.start();
		const ui = renderAt(<App feed={await consoleFeed(t)} calendar={calendar} onQuit={() => {}} now={() => t!.clock.now()}/>, 120, 40);
		for (const jobId of ['chatty', 'broken']) {
			const run = t.scheduler.submit(jobId);
			await t.scheduler.whenFinished(run.ok ? run.run.id : 0);
		}

		await waitFor(() => ui.lastFrame().includes('line-50') && ui.lastFrame().includes('Failures today (1)'), 10_000, 'the log and the failure');
		const texts = inkTexts(await inkRoot(ui.stdout));
		expect(texts.length).toBeGreaterThan(4);
		expect(texts.filter(text => text.trim() !== '')).toEqual([]);
		ui.unmount();
	});
});

type InkNode = {nodeName: string; nodeValue?: string; childNodes?: InkNode[]; style?: {display?: string}};

/** Ink's own tree for a screen (Ink keeps its instances by stdout; not exported, so read by file). */
async function inkRoot(stdout: object): Promise<InkNode> {
	const inkBuild = path.dirname(createRequire(import.meta.url).resolve('ink'));
	const instances = ((await import(pathToFileURL(path.join(inkBuild, 'instances.js')).href)) as {default: WeakMap<object, {rootNode: InkNode}>}).default;
	return instances.get(stdout)!.rootNode;
}

/** The text of every text node Ink lays out (what it measures and wraps): a hidden box's (display none: the help while closed) are not. */
function inkTexts(node: InkNode): string[] {
	if (node.style?.display === 'none') {
		return [];
	}

	if (node.nodeName === 'ink-text') {
		const squash = (child: InkNode): string => (child.nodeName === '#text' ? child.nodeValue ?? '' : (child.childNodes ?? []).map(squash).join(''));
		return [squash(node)];
	}

	return (node.childNodes ?? []).flatMap(child => inkTexts(child));
}

export type {LogLine};
