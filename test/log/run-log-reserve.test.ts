import {existsSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it, onTestFinished} from 'vitest';
import {RunLogReserve} from '../../src/log/run-log-reserve.js';
import {HistoryStore} from '../../src/store/history-store.js';
import {openDatabase} from '../../src/store/open-database.js';
import {waitFor} from '../helpers/run-cli.js';
import {scratchDir} from '../helpers/temp-root.js';

function reserveIn(options: {least?: number; day?: () => string} = {}) {
	const root = scratchDir();
	const folder = path.join(root, 'logs', 'jobs');
	const store = new HistoryStore(openDatabase(path.join(root, 'sage.db')));
	const reserve = new RunLogReserve(folder, store, {today: options.day ?? (() => '20261123'), quietMs: 5, least: options.least});
	onTestFinished(async () => reserve.close());
	reserve.start();
	return {reserve, folder, files: () => readdirSync(folder).sort()};
}

const isEmptyFile = (file: string) => existsSync(file) && statSync(file).size === 0;

describe('run log files made ahead of time', () => {
	it('has the next runs\' files ready, empty, before they start', async () => {
		const {reserve} = reserveIn();
		await waitFor(() => reserve.readyCount >= 16, 10_000, '16 files ready');
		const first = reserve.take('20261123');
		expect(path.basename(first)).toBe('20261123_001.log');
		expect(isEmptyFile(first)).toBe(true);
	});

	it('after a burst, keeps twice as many ready as the burst had', async () => {
		const {reserve} = reserveIn({least: 4});
		await waitFor(() => reserve.readyCount >= 4, 10_000, 'the first files');
		const burst = Array.from({length: 40}, () => reserve.take('20261123'));
		await waitFor(() => reserve.readyCount >= 80, 20_000, '80 files ready');
		const next = Array.from({length: 80}, () => reserve.take('20261123'));
		expect(next.every(file => isEmptyFile(file))).toBe(true);
		expect(new Set([...burst, ...next]).size).toBe(120);
	});

	it('at close, removes the files no run used and keeps every run\'s log', async () => {
		const {reserve, files} = reserveIn();
		await waitFor(() => reserve.readyCount >= 16, 10_000, '16 files ready');
		const used = [reserve.take('20261123'), reserve.take('20261123')];
		for (const file of used) {
			writeFileSync(file, '{"msg":"run started"}\n', {flag: 'a'});
		}

		await reserve.close();
		expect(files()).toEqual(used.map(file => path.basename(file)));
	});

	it('at a new day, removes the old day\'s unused files and makes the new day\'s', async () => {
		let day = '20261123';
		const {reserve, files} = reserveIn({day: () => day});
		await waitFor(() => reserve.readyCount >= 16, 10_000, '16 files ready');
		const lastOfOldDay = reserve.take('20261123');
		writeFileSync(lastOfOldDay, '{"msg":"run started"}\n');
		day = '20261124';
		reserve.take('20261124');
		await waitFor(() => files().filter(name => name.startsWith('20261124_')).length >= 16, 10_000, 'the new day\'s files');
		expect(files().filter(name => name.startsWith('20261123_'))).toEqual([path.basename(lastOfOldDay)]);
	});
});
