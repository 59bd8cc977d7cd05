import {render} from 'ink-testing-library';
import {afterEach} from 'vitest';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {App} from '../../src/ui/app.js';
import type {QuitMode} from '../../src/ui/keys/use-console-keys.js';
import {waitFor} from '../helpers/wait-for.js';
import {consoleFeed} from '../helpers/console-client.js';
import {makeTestScheduler, type TestScheduler} from '../helpers/test-scheduler.js';
import {renderAt} from './terminal-at.js';

export type Console = {
	t: TestScheduler;
	quits: QuitMode[];
	frame: () => string;
	/** Waits until the frame shows `text`, and returns the frame. */
	see: (text: string | RegExp) => Promise<string>;
	/** Waits until the frame no longer shows `text`. */
	gone: (text: string | RegExp) => Promise<string>;
	/** Writes keys, then lets a macrotask pass so the next read sees their frame. */
	press: (...keys: string[]) => Promise<void>;
	/** Writes keys in one chunk, as a terminal hands over keys typed faster than the console reads ("rc"). */
	pressAtOnce: (keys: string) => Promise<void>;
	/** Runs a job to its end through the scheduler. */
	run: (jobId: string) => Promise<void>;
};

/** Writes of control sequences alone (mouse mode on/off) are not frames. */
const controlOnly = /^(?:\u001B\[[?\d;]*[a-zA-Z])+$/;

/**
 * A console (ink-testing-library, 100×30, or a terminal of `size`) on a real scheduler behind the real
 * protocol, closed after each test of the calling file.
 */
export function consoleHarness(): (yaml: string, options?: {now?: number; statusMs?: number; size?: {columns: number; rows: number}}) => Promise<Console> {
	const open: Array<{t: TestScheduler; unmount: () => void}> = [];
	afterEach(async () => {
		for (const {t, unmount} of open.splice(0)) {
			unmount();
			await t.close();
			t.root.remove();
		}
	});
	return async (yaml, options = {}) => {
		const t = makeTestScheduler(yaml, {now: options.now ?? Date.parse('2026-11-20T16:28:30+08:00')});
		t.scheduler.start();
		// The scheduler's jobs.yaml on disk too: the console reads a job's definition from it (export-jobs).
		const configFile = t.root.write('config/jobs.yaml', yaml);
		const quits: QuitMode[] = [];
		const app = <App feed={await consoleFeed(t, {configFile, root: t.root.dir})} calendar={createTradingCalendar()} onQuit={mode => quits.push(mode)} now={() => t.clock.now()} statusMs={options.statusMs}/>;
		let frame: () => string;
		let ui: {stdin: {write: (data: string) => void}; unmount: () => void};
		if (options.size) {
			const sized = renderAt(app, options.size.columns, options.size.rows);
			ui = sized;
			frame = sized.lastFrame;
		} else {
			const tested = render(app);
			ui = tested;
			frame = () => tested.frames.findLast(written => !controlOnly.test(written)) ?? '';
		}

		open.push({t, unmount: ui.unmount});
		const matches = (text: string | RegExp) => (typeof text === 'string' ? frame().includes(text) : text.test(frame()));
		return {
			t, quits, frame,
			see: async text => waitFor(() => matches(text) && frame(), 20_000, `the console to show ${String(text)}`).catch((error: unknown) => {
				throw new Error(`${(error as Error).message}; it shows:\n${frame()}`);
			}),
			gone: async text => waitFor(() => !matches(text) && frame(), 20_000, `${String(text)} to leave the console`),
			async press(...keys) {
				for (const key of keys) {
					ui.stdin.write(key);
					await new Promise(resolve => {
						setTimeout(resolve, 30);
					});
				}
			},
			async pressAtOnce(keys) {
				ui.stdin.write(keys);
				await new Promise(resolve => {
					setTimeout(resolve, 30);
				});
			},
			async run(jobId) {
				const submitted = t.scheduler.submit(jobId);
				await t.scheduler.whenFinished(submitted.ok ? submitted.run.id : 0);
			},
		};
	};
}
