import {getHeapSpaceStatistics} from 'node:v8';
import {describe, expect, it} from 'vitest';
import {collectYoungGarbage} from '../../src/threads/young-garbage.js';

const youngBytes = () => getHeapSpaceStatistics().find(space => space.space_name === 'new_space')!.space_used_size;

describe('collecting young garbage in a quiet moment', () => {
	it('empties the young space of garbage when it holds enough, and leaves it alone when it does not', () => {
		let checksum = 0;
		// Short-lived objects, as a second of fires and runs leaves behind, until the young space holds
		// well over the threshold (V8 may collect on its own on the way: then this goes on filling it).
		const filled = (index: number) => index >= 60_000 && index % 1000 === 0 && youngBytes() >= 640 * 1024;
		for (let index = 0; index < 5_000_000 && !filled(index); index++) {
			const garbage = {index, text: `run ${index} finished`};
			checksum += garbage.text.length;
		}

		const before = youngBytes();
		expect(checksum).toBeGreaterThan(0);
		expect(before).toBeGreaterThan(512 * 1024);
		expect(collectYoungGarbage(512 * 1024)).toBe(true);
		// What survives (the test runner's own live objects) moves within the young space; the garbage is gone.
		expect(youngBytes()).toBeLessThan(before / 2);
		expect(collectYoungGarbage(youngBytes() + 256 * 1024)).toBe(false);
	});
});
