/**
 * `sage-console reload` typed after saving config/calendar.yaml says what the edit changed
 * (`calendar: changed, 2 closures from calendar.yaml (years 2027)`) also when the scheduler's own watcher
 * applied the saved file first, as it does for jobs.yaml's settings; it answered `reloaded: 0 added,
 * 0 removed, 0 changed` alone, as if the edit had not been seen. Asked again, nothing is new.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';

const processes = trackHeadlessProcesses();

it('reload after the watcher applied a calendar.yaml edit tells that edit', async () => {
	const root = processes.makeRoot({
		'config/jobs.yaml': 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n',
		'config/calendar.yaml': 'years:\n  2027: [2027-01-01]\n',
	});
	await schedulerStarted(processes.start(root.dir));
	writeFileSync(path.join(root.dir, 'config/calendar.yaml'), 'years:\n  2027: [2027-01-01, 2027-02-08]\n');
	const said = 'calendar: changed, 2 closures from calendar.yaml (years 2027)';
	// The watcher has applied it before the reload asks.
	await expect.poll(() => readFileSync(path.join(root.dir, 'logs/sage-console.log'), 'utf8'), {timeout: 15_000}).toContain(said);

	const reload = runCli(['reload', '--root', root.dir]);
	expect(reload.code).toBe(0);
	expect(reload.stdout).toBe(`reloaded: 0 added, 0 removed, 0 changed\n${said}\n`);
	expect(runCli(['reload', '--root', root.dir]).stdout).toBe('reloaded: 0 added, 0 removed, 0 changed\n');
}, 60_000);
