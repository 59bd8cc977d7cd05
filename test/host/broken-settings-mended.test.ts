/**
 * A file beside jobs.yaml broken while the scheduler runs, then put back as it was (an edit undone, a
 * broken calendar.yaml removed again), takes its standing notice away: nothing changed in what the
 * scheduler uses, and nothing is wrong any more. Real headless schedulers, real files, the watcher.
 */
import {rmSync} from 'node:fs';
import path from 'node:path';
import {describe, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const jobs = 'jobs:\n  - {id: tick, cron: "* * * * * *", command: ["true"]}\n';

function notices(dir: string): string[] {
	return (JSON.parse(runCli(['status', '--json', '--root', dir]).stdout) as {notices: string[]}).notices;
}

async function noticeComes(dir: string, start: string): Promise<void> {
	await waitFor(() => notices(dir).some(notice => notice.startsWith(start)), 15_000, `the notice "${start}…"`);
}

async function noticeGoes(dir: string, start: string): Promise<void> {
	await waitFor(() => !notices(dir).some(notice => notice.startsWith(start)), 15_000, `the notice "${start}…" to go`);
}

describe('a settings file broken, then put back as it was, while the scheduler runs', () => {
	it('calendar.yaml edited back to the text in use (undo): the notice goes, the log says it reads as before', async () => {
		const good = 'closures: [2026-03-05]\n';
		const root = processes.makeRoot({'config/jobs.yaml': jobs, 'config/calendar.yaml': good});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		root.write('config/calendar.yaml', 'closures: [2026-03-05\n');
		await noticeComes(root.dir, 'calendar.yaml not applied; the calendar loaded before stays: ');
		root.write('config/calendar.yaml', good);
		await noticeGoes(root.dir, 'calendar.yaml not applied');
		// The log line is written with the notice's going; this process reads the pipe when it gets to it.
		await waitFor(() => scheduler.output().stdout.includes('"msg":"calendar.yaml reads as before again; the calendar in use stays"'), 10_000, 'the log line');
	}, 60_000);

	it('a broken calendar.yaml removed again, where there was none at start: the notice goes', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobs});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		root.write('config/calendar.yaml', 'closures: [2026-02-30]\n');
		await noticeComes(root.dir, 'calendar.yaml not applied; the calendar loaded before stays: ');
		rmSync(path.join(root.dir, 'config/calendar.yaml'));
		await noticeGoes(root.dir, 'calendar.yaml not applied');
	}, 60_000);

	it('notify_config.json edited back to the text in use: the notice goes', async () => {
		const good = '{"channels": {"dingtalk": {"webhook": "http://127.0.0.1:9/robot"}}}\n';
		const root = processes.makeRoot({'config/jobs.yaml': jobs, 'config/notify_config.json': good});
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);
		root.write('config/notify_config.json', '{"channels": {"dingtalk": {"webhook": "x"}}}\n');
		await noticeComes(root.dir, 'notification settings not applied; the ones loaded before stay: ');
		root.write('config/notify_config.json', good);
		await noticeGoes(root.dir, 'notification settings not applied');
	}, 60_000);
});
