import {describe, expect, it} from 'vitest';
import {drawWhenQuiet, frameBudgetMs} from '../../src/ui/hooks/quiet-moment.js';
import {waitFor} from '../helpers/run-cli.js';

const sleep = async (ms: number) => new Promise(resolve => {
	setTimeout(resolve, ms);
});

describe('frames wait for a quiet scheduler', () => {
	it('holds a frame while runs wait for a slot, and draws it once they have started', async () => {
		let queued = 100;
		const asked: number[] = [];
		let drawn = 0;
		drawWhenQuiet(ms => {
			asked.push(ms);
			return queued === 0;
		}, 0, () => drawn++);
		await sleep(100);
		expect(drawn).toBe(0);
		queued = 0;
		await waitFor(() => drawn === 1, 2000, 'the held frame');
		expect(asked.every(ms => ms === frameBudgetMs)).toBe(true);
	});

	it('draws a frame anyway once it is a second late, so a scheduler that is never quiet still gets a screen', async () => {
		let drawn = 0;
		drawWhenQuiet(() => false, 0, () => drawn++);
		await sleep(300);
		expect(drawn).toBe(0);
		await waitFor(() => drawn === 1, 3000, 'the overdue frame');
	});

	it('a cancelled frame is never drawn', async () => {
		let drawn = 0;
		const cancel = drawWhenQuiet(() => false, 0, () => drawn++);
		await sleep(50);
		cancel();
		await sleep(1200);
		expect(drawn).toBe(0);
	});
});
