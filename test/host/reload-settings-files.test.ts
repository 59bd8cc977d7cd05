/**
 * `reload` and the config watcher on a running headless scheduler read again the files beside
 * jobs.yaml — config/calendar.yaml and the notification files — and say which jobs.yaml settings wait
 * for the next start. Real processes, real files, a local robot server for the notifications.
 */
import {chmodSync, existsSync} from 'node:fs';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {RobotServer} from '../helpers/robot-servers.js';
import {schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
let robots: RobotServer | undefined;
afterEach(async () => {
	await robots?.stop();
	robots = undefined;
});

async function startScheduler(files: Record<string, string>) {
	const root = processes.makeRoot(files);
	const app = processes.start(root.dir);
	await schedulerStarted(app);
	await waitFor(() => existsSync(path.join(root.dir, 'data/sage.sock')), 10_000, 'the socket');
	return {root, app};
}

/** Runs the CLI without blocking the test's event loop (the robot server answers on it). */
async function cli(args: string[]): Promise<{code: number | null; stdout: string; stderr: string}> {
	const started = startCli(args);
	const timer = setTimeout(() => started.child.kill('SIGKILL'), 60_000);
	const code = await started.exited;
	clearTimeout(timer);
	return {code, ...started.output()};
}

type Status = {jobs: Array<{id: string; nextFireAt?: string}>; notices: string[]; calendarWarning?: string};

async function status(dir: string): Promise<Status> {
	return JSON.parse((await cli(['status', '--json', '--root', dir])).stdout) as Status;
}

const closeReport = 'timezone: Asia/Shanghai\njobs:\n  - {id: close_report, cron: "0 16 * * *", calendar: trading-days, command: ["true"]}\n';

describe('reload and the watcher read config/calendar.yaml again', () => {
	it('an emergency closure moves the next fire off the closed day; next year\'s closures clear the header\'s notice; a broken file keeps the calendar and says why', async () => {
		const {root, app} = await startScheduler({'config/jobs.yaml': closeReport});
		const before = (await status(root.dir)).jobs[0]!.nextFireAt!;
		const closedDay = before.slice(0, 10);
		const nextYear = Number(new Date().toISOString().slice(0, 4)) + 1;

		root.write('config/calendar.yaml', `closures: [${closedDay}]\nyears:\n  ${nextYear}: [${nextYear}-01-01]\n`);
		const reload = await cli(['reload', '--root', root.dir]);
		expect(reload.code).toBe(0);
		expect(reload.stdout).toMatch(/^reloaded: 0 added, 0 removed, 0 changed\n/);
		const after = await status(root.dir);
		expect(after.jobs[0]!.nextFireAt!.slice(0, 10) > closedDay).toBe(true);
		// The watcher may have applied the edit already (then the scheduler's log says it), or `reload` did.
		expect(reload.stdout + app.output().stdout).toContain(`calendar: changed, 2 closures from calendar.yaml (years ${nextYear})`);
		expect(after.calendarWarning ?? '').not.toContain(`${nextYear} closures not loaded yet`);
		const list = await cli(['list', '--json', '--root', root.dir]);
		expect(list.stdout).toContain(after.jobs[0]!.nextFireAt!.slice(0, 16));

		// A broken edit: the calendar loaded before stays (the closure still applies), and status says why.
		root.write('config/calendar.yaml', `closures: [${closedDay}, 2026-13-40]\n`);
		const refused = await cli(['reload', '--root', root.dir]);
		expect(refused.code).toBe(1);
		expect(refused.stderr).toMatch(/calendar\.yaml:1:\d+: .*2026-13-40/);
		expect(refused.stdout).toContain('calendar.yaml not applied; the calendar loaded before stays');
		const kept = await status(root.dir);
		expect(kept.jobs[0]!.nextFireAt).toBe(after.jobs[0]!.nextFireAt);
		expect(kept.notices.join('\n')).toMatch(/calendar\.yaml not applied; the calendar loaded before stays: .*calendar\.yaml:1:\d+/);

		// Mended and saved, without `reload`: the watcher applies it (the closure gone, the fire back on its day).
		root.write('config/calendar.yaml', 'closures: []\n');
		await waitFor(async () => (await status(root.dir)).jobs[0]!.nextFireAt === before, 20_000, 'the watcher to apply the calendar');
		expect((await status(root.dir)).notices.join('\n')).not.toContain('calendar.yaml not applied');
	}, 120_000);
});

describe('reload and the watcher read the notification files again', () => {
	it('settings copied in after the start are used without a restart; chmod 600 clears the permission notice', async () => {
		robots = new RobotServer('ding-secret', 'pp-token');
		const base = await robots.start();
		const {root} = await startScheduler({
			'config/jobs.yaml': 'jobs:\n  - {id: digest, trigger: manual, module: jobs/digest.ts}\n',
			'jobs/digest.ts': 'export default async function run(ctx: any) { await ctx.notify("收盘摘要", "3 gainers"); return {sent: true}; }\n',
		});
		const notifyFile = root.write('config/notify_config.json', JSON.stringify({channels: {wecom: {webhook: `${base}/cgi-bin/webhook/send?key=wc-key-1234`}}, delivery: {attempts: 1, backoff_ms: 0, timeout_ms: 2000}}));
		chmodSync(notifyFile, 0o644);
		const reload = await cli(['reload', '--root', root.dir]);
		expect(reload.code).toBe(0);
		await waitFor(async () => (await status(root.dir)).notices.some(notice => notice.includes('notify_config.json holds tokens and is readable by other users')), 20_000, 'the permission notice');

		expect((await cli(['run', 'digest', '--root', root.dir])).code).toBe(0);
		const sent = await waitFor(() => robots!.of('/cgi-bin/webhook/send')[0], 20_000, 'the message at the robot');
		expect(JSON.stringify(sent.body)).toContain('收盘摘要');

		chmodSync(notifyFile, 0o600);
		expect((await cli(['reload', '--root', root.dir])).code).toBe(0);
		expect((await status(root.dir)).notices.join('\n')).not.toContain('readable by other users');
	}, 120_000);
});

describe('reload says what waits for the next start', () => {
	it('names http: when jobs.yaml changed it', async () => {
		const {root} = await startScheduler({'config/jobs.yaml': 'jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n'});
		root.write('config/jobs.yaml', 'http:\n  listen: 127.0.0.1:18471\njobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n');
		const reload = await cli(['reload', '--root', root.dir]);
		expect(reload.code).toBe(0);
		expect(reload.stdout).toContain('http: changed; it applies at the next start');
	}, 60_000);
});
