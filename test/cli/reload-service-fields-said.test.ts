/**
 * A reload that changed a service names what changed in it, old → new as for settings, in the
 * scheduler's log line and in `sage-console reload`'s answer (which said nothing of services at all,
 * and the log line only `1 changed (~ feed)`); an env value is never printed, only its key. With the
 * built CLI, a headless scheduler and a real service.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {trackServiceProcesses} from '../helpers/service-processes.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const serviceProcesses = trackServiceProcesses();

const jobs = 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n';
const feed = (fields: string) => `timezone: UTC
${jobs}services:
  - id: feed
    command: ["sh", "-c", "while :; do sleep 1; done"]
    cwd: ROOT
${fields}`;

describe('sage-console reload of a service edit', () => {
	it('names each field the edit changed, old → new, and env keys without their values', async () => {
		const root = processes.makeRoot();
		serviceProcesses.watch(root.dir);
		const write = (fields: string) => writeFileSync(path.join(root.dir, 'config/jobs.yaml'), feed(fields).replace('ROOT', root.dir));
		root.write('config/jobs.yaml', '');
		write('    stop_timeout: 3s\n    env: {BROKER_PASS: old-secret-1, MODE: paper}\n');
		const scheduler = processes.start(root.dir);
		await schedulerStarted(scheduler);

		write('    stop_timeout: 10s\n    restart: always\n    env: {BROKER_PASS: new-secret-2, MODE: paper, DEBUG: "1"}\n    max_memory: 512mb\n');
		const reload = runCli(['reload', '--root', root.dir]);
		expect(reload.stderr).toBe('');
		expect(reload.code).toBe(0);
		expect(reload.stdout).toBe('reloaded: 0 added, 0 removed, 0 changed; services: 0 added, 0 removed, 1 changed\n'
			+ '  ~ service feed: env BROKER_PASS changed, env DEBUG added, restart on-failure → always, stop_timeout 3.0s → 10s, max_memory none → 512 MiB\n');

		const line = 'config reloaded: 0 added, 0 removed, 0 changed; services: 0 added, 0 removed, 1 changed (~ feed: env BROKER_PASS changed, env DEBUG added, restart on-failure → always, stop_timeout 3.0s → 10s, max_memory none → 512 MiB)';
		await waitFor(() => scheduler.output().stdout.includes(line), 20_000, 'the reload line');
		const logFile = readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8');
		for (const secret of ['old-secret-1', 'new-secret-2']) {
			expect(scheduler.output().stdout).not.toContain(secret);
			expect(logFile).not.toContain(secret);
			expect(reload.stdout).not.toContain(secret);
		}

		// Asked again with nothing edited since: nothing changed, no services named.
		expect(runCli(['reload', '--root', root.dir]).stdout).toBe('reloaded: 0 added, 0 removed, 0 changed\n');
	}, 60_000);
});
