import {mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ConfigWatcher, type ConfigTarget} from '../../src/host/config-watcher.js';
import {waitFor} from '../helpers/wait-for.js';
import {trackTestSchedulers} from '../helpers/test-scheduler.js';

const makeTestScheduler = trackTestSchedulers();
const oneJob = 'jobs:\n  - {id: old_tick, cron: "* * * * * *", command: ["true"]}\n';
const twoJobs = oneJob + '  - {id: new_tick, cron: "* * * * * *", command: ["true"]}\n';

function jobIds(scheduler: ReturnType<typeof makeTestScheduler>['scheduler']): string[] {
	return scheduler.currentConfig.jobs.map(job => job.id);
}

describe('the config watcher', () => {
	it('applies an edit saved while the scheduler was starting, before the watch began', async () => {
		const test = makeTestScheduler(oneJob);
		const file = test.root.write('config/jobs.yaml', oneJob);
		const watcher = new ConfigWatcher(file, test.root.dir, test.scheduler, oneJob);
		// Saved after the config was read and before the watch: no file event will ever tell of it.
		writeFileSync(file, twoJobs);
		await watcher.start();
		try {
			expect(jobIds(test.scheduler)).toEqual(['old_tick', 'new_tick']);
		} finally {
			watcher.stop();
		}
	});

	it('applies an edit saved after the watch began, and leaves an unchanged file alone', async () => {
		const test = makeTestScheduler(oneJob);
		const file = test.root.write('config/jobs.yaml', oneJob);
		const watcher = new ConfigWatcher(file, test.root.dir, test.scheduler, readFileSync(file, 'utf8'), 50);
		await watcher.start();
		try {
			expect(test.logger.lines.some(line => line.msg.startsWith('config reloaded'))).toBe(false);
			writeFileSync(path.join(test.root.dir, 'config/jobs.yaml'), twoJobs);
			await waitFor(() => jobIds(test.scheduler).length === 2, 15_000, 'the edit to be applied');
			expect(jobIds(test.scheduler)).toEqual(['old_tick', 'new_tick']);
		} finally {
			watcher.stop();
		}
	});

	it('a deleted jobs.yaml keeps the jobs, counts as one config problem, and says so in the log once (not only in the header), and once more when it is back', async () => {
		const test = makeTestScheduler(oneJob);
		const file = test.root.write('config/jobs.yaml', oneJob);
		const watcher = new ConfigWatcher(file, test.root.dir, test.scheduler, oneJob, 50);
		await watcher.start();
		try {
			const logged = () => test.logger.lines.filter(line => line.msg.includes('keep running until'));
			rmSync(file);
			await waitFor(() => logged().length > 0, 15_000, 'the log line');
			await watcher.apply(true);
			expect(logged().map(line => [line.level, line.msg])).toEqual([['warn', expect.stringMatching(/^notice: the jobs loaded before keep running until \S*config\/jobs\.yaml is back$/)]]);
			expect(test.scheduler.snapshot().configProblems).toEqual([expect.objectContaining({line: 1, col: 1, message: 'the file is missing'})]);
			expect(jobIds(test.scheduler)).toEqual(['old_tick']);
			writeFileSync(file, oneJob);
			await waitFor(() => test.logger.lines.some(line => /^notice over: the jobs loaded before keep running until/.test(line.msg)), 15_000, 'the notice to end');
			await waitFor(() => test.scheduler.snapshot().configProblems.length === 0, 15_000, 'the problem to go');
		} finally {
			watcher.stop();
		}
	});

	it('follows a config mounted the Kubernetes way (jobs.yaml → ..data/jobs.yaml, ..data swapped atomically)', async () => {
		const test = makeTestScheduler(oneJob);
		const config = path.join(test.root.dir, 'config');
		test.root.write('config/..2026_12_03_a/jobs.yaml', oneJob);
		symlinkSync('..2026_12_03_a', path.join(config, '..data'));
		symlinkSync('..data/jobs.yaml', path.join(config, 'jobs.yaml'));
		const watcher = new ConfigWatcher(path.join(config, 'jobs.yaml'), test.root.dir, test.scheduler, oneJob, 50);
		await watcher.start();
		try {
			// A new version in a new folder, then the one atomic rename that publishes it.
			test.root.write('config/..2026_12_03_b/jobs.yaml', twoJobs);
			symlinkSync('..2026_12_03_b', path.join(config, '..data_tmp'));
			renameSync(path.join(config, '..data_tmp'), path.join(config, '..data'));
			await waitFor(() => jobIds(test.scheduler).length === 2, 15_000, 'the swapped config to be applied');
		} finally {
			watcher.stop();
		}
	});

	it('follows a jobs.yaml that is a symlink to a file edited in place elsewhere', async () => {
		const test = makeTestScheduler(oneJob);
		const target = test.root.write('shared/jobs.yaml', oneJob);
		mkdirSync(path.join(test.root.dir, 'config'), {recursive: true});
		symlinkSync(target, path.join(test.root.dir, 'config/jobs.yaml'));
		const watcher = new ConfigWatcher(path.join(test.root.dir, 'config/jobs.yaml'), test.root.dir, test.scheduler, oneJob, 50);
		await watcher.start();
		try {
			writeFileSync(target, twoJobs);
			await waitFor(() => jobIds(test.scheduler).length === 2, 15_000, 'the edit of the target to be applied');
		} finally {
			watcher.stop();
		}
	});

	it('an edit whose apply fails for a reason not in the file (a scheduler part throwing) keeps the jobs, shows the failure as its problem, and the next save applies', async () => {
		const test = makeTestScheduler(oneJob);
		const file = test.root.write('config/jobs.yaml', oneJob);
		// The scheduler as the watcher's target, but its first apply throws as a failing part would (the history database, say).
		let failures = 1;
		const target: ConfigTarget = {
			prepareReload: async config => test.scheduler.prepareReload(config),
			reload(config, warnings, prepared) {
				if (failures-- > 0) {
					throw new Error('database disk image is malformed');
				}

				return test.scheduler.reload(config, warnings, prepared);
			},
			reportConfigProblems: problems => test.scheduler.reportConfigProblems(problems),
			setNotice: (key, text) => test.scheduler.setNotice(key, text),
			say: (level, msg) => test.scheduler.say(level, msg),
		};
		const watcher = new ConfigWatcher(file, test.root.dir, target, oneJob, 50);
		await watcher.start();
		try {
			writeFileSync(file, twoJobs);
			await waitFor(() => test.scheduler.snapshot().configProblems.length > 0, 15_000, 'the failed apply to show as a problem');
			expect(test.scheduler.snapshot().configProblems).toEqual([expect.objectContaining({line: 1, col: 1, message: 'could not be applied: database disk image is malformed'})]);
			expect(jobIds(test.scheduler)).toEqual(['old_tick']);
			// The same text saved again is tried again (it was not refused for what it says), and applies.
			writeFileSync(file, twoJobs);
			await waitFor(() => jobIds(test.scheduler).length === 2, 15_000, 'the next save to be applied');
			expect(test.scheduler.snapshot().configProblems).toEqual([]);
		} finally {
			watcher.stop();
		}
	});

	it('an edit of jobs.yaml is applied while another file in config/ is written without pause (a sync tool, a log)', async () => {
		const test = makeTestScheduler(oneJob);
		const file = test.root.write('config/jobs.yaml', oneJob);
		const watcher = new ConfigWatcher(file, test.root.dir, test.scheduler, oneJob, 100);
		await watcher.start();
		const busy = path.join(test.root.dir, 'config/sync.state');
		let writes = 0;
		// A change in the folder every 10 ms, far closer than the watcher's 100 ms wait for quiet: it never comes.
		const stream = setInterval(() => writeFileSync(busy, String(writes++)), 10);
		try {
			await waitFor(() => writes > 5, 15_000, 'the stream of writes to begin');
			writeFileSync(file, twoJobs);
			await waitFor(() => jobIds(test.scheduler).length === 2, 15_000, 'the edit to be applied while the writes go on');
			expect(jobIds(test.scheduler)).toEqual(['old_tick', 'new_tick']);
		} finally {
			clearInterval(stream);
			watcher.stop();
		}
	});
});
