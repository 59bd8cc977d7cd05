/**
 * The first run of a day names its log without listing logs/jobs/: at midnight, when the daily jobs
 * fire, the scheduler's thread used to read the whole folder (a month of a job every 10 s is 260,000
 * logs, 0.4 s). The folder is still read when a name is found taken, so files the history does not know
 * (its database replaced, a one-off run of another process) are never written over. A real folder.
 */
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {FileRunLogNames} from '../../src/host/run-log-names.js';
import {zonedDate} from '../../src/time/zoned-time.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const zone = () => 'Asia/Shanghai';
const justAfterMidnight = Date.parse('2026-12-08T00:00:00.010+08:00');

function timed<T>(work: () => T): {value: T; ms: number} {
	const start = performance.now();
	const value = work();
	return {value, ms: performance.now() - start};
}

describe('run log names on a new day', () => {
	it('takes the day\'s first name without reading a folder of a month of logs', () => {
		// Given a month of logs of a job every 10 s before today
		root = makeTempRoot();
		const folder = path.join(root.dir, 'logs/jobs');
		mkdirSync(folder, {recursive: true});
		for (let day = 1; day <= 30; day++) {
			for (let number = 1; number <= 2000; number++) {
				writeFileSync(path.join(folder, `202611${String(day).padStart(2, '0')}_${String(number).padStart(3, '0')}.log`), '');
			}
		}

		// When the first run after midnight takes its name (three midnights: the quickest of each, as a
		// busy machine slows some of them)
		zonedDate(justAfterMidnight, zone()); // The zone's formatter is made once per process, not timed here
		const firsts = [0, 1, 2].map(days => timed(() => new FileRunLogNames(folder, zone, () => 0).take(justAfterMidnight + (days * 86_400_000))));
		const listings = [0, 1, 2].map(() => timed(() => readdirSync(folder)));

		// Then it is the day's 001, in a fraction of the time one read of the folder takes
		expect(listings[0]!.value.length).toBe(60_003);
		expect(firsts.map(first => path.basename(first.value))).toEqual(['20261208_001.log', '20261209_001.log', '20261210_001.log']);
		const take = Math.min(...firsts.map(first => first.ms));
		const listing = Math.min(...listings.map(one => one.ms));
		expect(take, `take ${take.toFixed(1)} ms, a listing ${listing.toFixed(1)} ms`).toBeLessThan(listing / 4);
	}, 120_000);

	it('goes on after the day\'s files the history does not know, and after the numbers it recorded', () => {
		root = makeTempRoot();
		const folder = path.join(root.dir, 'logs/jobs');
		mkdirSync(folder, {recursive: true});
		for (const name of ['20261208_001.log', '20261208_002.log', '20261208_007.log', '20261207_050.log']) {
			writeFileSync(path.join(folder, name), '{}\n');
		}

		expect(path.basename(new FileRunLogNames(folder, zone, () => 0).take(justAfterMidnight))).toBe('20261208_008.log');
		expect(path.basename(new FileRunLogNames(folder, zone, () => 12).take(justAfterMidnight))).toBe('20261208_013.log');
		// Another process takes the next names meanwhile: this one finds them taken and goes on after them
		const names = new FileRunLogNames(folder, zone, () => 20);
		expect(path.basename(names.take(justAfterMidnight))).toBe('20261208_021.log');
		writeFileSync(path.join(folder, '20261208_022.log'), '');
		writeFileSync(path.join(folder, '20261208_023.log'), '');
		expect(path.basename(names.take(justAfterMidnight + 1000))).toBe('20261208_024.log');
	});
});
