import {render} from 'ink-testing-library';
import {afterEach, describe, expect, it} from 'vitest';
import {createTradingCalendar} from '../../src/market/shipped-calendar.js';
import {App} from '../../src/ui/app.js';
import type {QuitMode} from '../../src/ui/keys/use-console-keys.js';
import {waitFor} from '../helpers/wait-for.js';
import {consoleFeed} from '../helpers/console-client.js';
import {makeTestScheduler, type TestScheduler} from '../helpers/test-scheduler.js';

let t: TestScheduler | undefined;
let ui: ReturnType<typeof render> | undefined;
afterEach(async () => {
	ui?.unmount();
	await t?.close();
	t?.root.remove();
	t = undefined;
	ui = undefined;
});

const jobsYaml = `jobs:
  - id: sleepy
    trigger: manual
    module: jobs/hangs.ts
`;

async function open() {
	t = makeTestScheduler(jobsYaml, {now: Date.parse('2026-11-20T16:28:30+08:00')});
	const quits: QuitMode[] = [];
	const clock = t.clock;
	t.scheduler.start();
	const feed = await consoleFeed(t);
	ui = render(<App feed={feed} calendar={createTradingCalendar()} onQuit={mode => quits.push(mode)} now={() => clock.now()}/>);
	return {quits, frame: () => ui!.lastFrame() ?? ''};
}

const see = async (frame: () => string, text: string) =>
	waitFor(() => frame().includes(text) && frame(), 20_000, `the console to show ${text}`);

async function press(key: string) {
	ui!.stdin.write(key);
	await new Promise(resolve => {
		setTimeout(resolve, 30);
	});
}

describe('the quit question when the live runs end while it is asked', () => {
	it('says the runs have ended, not "0 runs live", and w quits', async () => {
		// Given a live run and the quit question about it
		const {frame, quits} = await open();
		await see(frame, 'sleepy');
		const run = t!.scheduler.submit('sleepy');
		await see(frame, 'running 1');
		await press('q');
		await see(frame, '1 run live. Quit?');

		// When the run ends (another client cancels it) while the question is up
		t!.scheduler.cancel(run.ok ? run.run.id : 0);
		await see(frame, 'running 0');

		// Then the question says so and an answer quits
		const screen = await see(frame, 'the live runs have ended. Quit?  w or c: quit now · s/Esc: stay');
		expect(screen).not.toContain('0 runs live');
		expect(quits).toEqual([]);
		await press('w');
		expect(quits).toEqual(['wait']);
	});
});
