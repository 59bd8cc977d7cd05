/**
 * The first run of a day names its log without listing logs/jobs/: at midnight, when the daily jobs
 * fire, the scheduler's thread used to read the whole folder (a month of a job every 10 s is 260,000
 * logs, 0.4 s). The folder is still read when a name is found taken, so files the history does not know
 * (its database replaced, a one-off run of another process) are never written over. A real folder; the
 * listings are counted through the names' folder reader.
 */
import {mkdirSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {FileRunLogNames} from '../../src/host/run-log-names.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
afterEach(() => {
	root?.remove();
	root = undefined;
});

const zone = () => 'Asia/Shanghai';
const justAfterMidnight = Date.parse('2026-12-08T00:00:00.010+08:00');

/** Names that read the real folder, counting how often they list it. */
function countingNames(folder: string, recorded: () => number = () => 0) {
	const listings: string[] = [];
	const names = new FileRunLogNames(folder, zone, recorded, listed => {
		listings.push(listed);
		return readdirSync(listed);
	});
	return {names, listings};
}

describe('run log names on a new day', () => {
	it('takes the day\'s first name without listing a folder of earlier days\' logs', () => {
		// Given logs of the days before (a month of a job every 10 s is 260,000 of them)
		root = makeTempRoot();
		const folder = path.join(root.dir, 'logs/jobs');
		mkdirSync(folder, {recursive: true});
		for (let day = 1; day <= 30; day++) {
			for (let number = 1; number <= 20; number++) {
				writeFileSync(path.join(folder, `202611${String(day).padStart(2, '0')}_${String(number).padStart(3, '0')}.log`), '');
			}
		}

		// When the first run after each of three midnights takes its name
		const {names, listings} = countingNames(folder);
		const firsts = [0, 1, 2].map(days => names.take(justAfterMidnight + (days * 86_400_000)));

		// Then each is its day's 001, and the folder was never listed
		expect(firsts.map(first => path.basename(first))).toEqual(['20261208_001.log', '20261209_001.log', '20261210_001.log']);
		expect(listings).toEqual([]);
	});

	it('lists the folder once a day, when a name it would give is taken', () => {
		root = makeTempRoot();
		const folder = path.join(root.dir, 'logs/jobs');
		mkdirSync(folder, {recursive: true});
		writeFileSync(path.join(folder, '20261208_001.log'), '{}\n');
		writeFileSync(path.join(folder, '20261208_005.log'), '{}\n');

		const {names, listings} = countingNames(folder);
		expect(path.basename(names.take(justAfterMidnight))).toBe('20261208_006.log');
		writeFileSync(path.join(folder, '20261208_007.log'), '');
		expect(path.basename(names.take(justAfterMidnight + 1000))).toBe('20261208_008.log');
		expect(listings).toEqual([folder]);
		// The next day starts afresh: its first name is free, nothing is listed
		expect(path.basename(names.take(justAfterMidnight + 86_400_000))).toBe('20261209_001.log');
		expect(listings).toEqual([folder]);
	});

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
