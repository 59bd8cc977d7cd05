import {setTimeout as sleep} from 'node:timers/promises';
import {getHeapSpaceStatistics} from 'node:v8';
import {describe, expect, it} from 'vitest';
import {exposedGc} from '../../src/threads/exposed-gc.js';
import {collectOldGarbageAsItGrows} from '../../src/threads/old-garbage.js';

const oldBytes = () => getHeapSpaceStatistics()
	.filter(space => space.space_name === 'old_space' || space.space_name === 'lo_space')
	.reduce((sum, space) => sum + space.space_used_size, 0);
const mib = 1024 * 1024;

/** A batch of quotes that lives long enough to be promoted (two scavenges) and is then dropped: ~1.5 MiB of old garbage. */
function promoteAndDropQuotes(round: number): number {
	const quotes = Array.from({length: 20_000}, (_, index) => ({symbol: `60${index}`, price: (round + index) / 100}));
	exposedGc()!({type: 'minor'});
	exposedGc()!({type: 'minor'});
	return quotes.length;
}

describe('collecting old garbage as a thread grows it', () => {
	it('keeps the old generation of a thread that promotes garbage all the time near what it really holds', async () => {
		const collector = collectOldGarbageAsItGrows({checkEveryMs: 10, minGrowthBytes: 4 * mib});
		const before = oldBytes();
		let most = before;
		let quotes = 0;
		try {
			for (let round = 0; round < 24; round++) {
				quotes += promoteAndDropQuotes(round);
				most = Math.max(most, oldBytes());
				await sleep(15);
			}
		} finally {
			collector.stop();
		}

		// About 36 MiB went through the old generation; it never held more than the threshold and a batch or two over its start.
		expect(quotes).toBe(480_000);
		expect(collector.collections).toBeGreaterThanOrEqual(2);
		expect(most - before).toBeLessThan(10 * mib);
	});

	it('leaves a thread that holds more than it should collect at once to V8', async () => {
		const collector = collectOldGarbageAsItGrows({checkEveryMs: 10, minGrowthBytes: 4 * mib, mostHeldBytes: 1 * mib});
		const before = oldBytes();
		try {
			for (let round = 0; round < 8; round++) {
				promoteAndDropQuotes(round);
				await sleep(15);
			}
		} finally {
			collector.stop();
		}

		expect(before).toBeGreaterThan(1 * mib);
		expect(collector.collections).toBe(0);
	});

	it('leaves a thread alone whose old generation does not grow', async () => {
		const collector = collectOldGarbageAsItGrows({checkEveryMs: 10, minGrowthBytes: 4 * mib});
		await sleep(200);
		collector.stop();
		expect(collector.collections).toBe(0);
	});
});
