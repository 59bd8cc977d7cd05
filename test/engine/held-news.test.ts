import {describe, expect, it} from 'vitest';
import {HeldNews} from '../../src/engine/held-news.js';
import {waitFor} from '../helpers/run-cli.js';

describe('news of runs during a burst', () => {
	it('is told at once when the scheduler is not busy', () => {
		const told: string[] = [];
		new HeldNews(() => false).tell(() => told.push('end 1'));
		expect(told).toEqual(['end 1']);
	});

	it('waits while busy, then is told in order, news told meanwhile after it', async () => {
		let busy = true;
		const told: string[] = [];
		const news = new HeldNews(() => busy);
		news.tell(() => {
			told.push('end 1');
			// A listener starting something while the held news is told.
			news.tell(() => told.push('start 3'));
		});
		news.tell(() => told.push('start 2'));
		await new Promise(resolve => setTimeout(resolve, 20));
		expect(told).toEqual([]);
		busy = false;
		await waitFor(() => told.length === 3, 1000, 'the held news');
		expect(told).toEqual(['end 1', 'start 2', 'start 3']);
	});

	it('is never held much longer than 100 ms, however long the burst', async () => {
		const told: number[] = [];
		const heldAt = performance.now();
		new HeldNews(() => true).tell(() => told.push(performance.now() - heldAt));
		await waitFor(() => told.length === 1, 2000, 'the held news');
		expect(told[0]).toBeGreaterThanOrEqual(100);
		expect(told[0]).toBeLessThan(1000);
	});

	it('captures what a piece of work tells, for the caller to tell after its own news', () => {
		const told: string[] = [];
		const news = new HeldNews(() => false);
		const captured = news.capture(() => {
			news.tell(() => told.push('start 2'));
			news.tell(() => told.push('start 3'));
		});
		expect(told).toEqual([]);
		news.tell(() => told.push('end 1'));
		for (const item of captured) {
			news.tell(item);
		}

		expect(told).toEqual(['end 1', 'start 2', 'start 3']);
		news.tell(() => told.push('end 2'));
		expect(told.at(-1)).toBe('end 2');
	});
});
