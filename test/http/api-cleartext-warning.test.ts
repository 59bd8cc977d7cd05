/**
 * The HTTP API speaks plain HTTP: listening beyond loopback (allowed with a token), its bearer tokens
 * cross the network in clear text. The scheduler's log says so once when the API listens, and
 * `validate` warns at `http.listen`, naming how to avoid it; on loopback neither says a word.
 */
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const tokens = 'read:r3ad-t0ken-abcdef0123,control:c0ntrol-t0ken-abcdef0123';
const jobs = 'jobs:\n  - {id: quick, trigger: manual, command: ["true"]}\n';
const warning = /the HTTP API listens on 0\.0\.0\.0:0, beyond loopback, over plain HTTP: its bearer tokens cross the network in clear text.*listen on 127\.0\.0\.1 and reach it through a TLS-terminating reverse proxy/;

/** The headless scheduler's whole log (stdout) from its start with `--http listen` to its stop once the API listened. */
async function headlessLog(listen: string): Promise<string> {
	const root = processes.makeRoot({'config/jobs.yaml': jobs});
	const app = startCli(['--headless', '--http', listen, '--root', root.dir], {env: {SAGE_API_TOKENS: tokens}});
	processes.track(app);
	await schedulerStarted(app);
	await waitFor(() => app.output().stdout.includes('HTTP API listening on http://'), 20_000, 'the HTTP API to listen');
	app.child.kill('SIGTERM');
	await app.exited;
	return app.output().stdout;
}

describe('an HTTP API beyond loopback over plain HTTP', () => {
	it('--headless --http 0.0.0.0:0 with a token: the log warns once, after the API listens', async () => {
		const log = await headlessLog('0.0.0.0:0');
		const lines = log.split('\n');
		const warned = lines.filter(line => warning.test(line));
		expect(warned, log).toHaveLength(1);
		expect(lines.findIndex(line => warning.test(line))).toBeGreaterThan(lines.findIndex(line => line.includes('HTTP API listening on')));
		expect(log).not.toContain('c0ntrol-t0ken');
	}, 60_000);

	it('--headless --http 127.0.0.1:0 with a token: no such warning', async () => {
		const log = await headlessLog('127.0.0.1:0');
		expect(log).toContain('HTTP API listening on http://127.0.0.1:');
		expect(log).not.toContain('plain HTTP');
	}, 60_000);

	it('validate warns at http.listen beyond loopback, and not on loopback', () => {
		const open = processes.makeRoot({'config/jobs.yaml': `http: {listen: "0.0.0.0:8470"}\n${jobs}`});
		const validated = runCli(['validate', '--root', open.dir], {env: {SAGE_API_TOKENS: tokens}});
		expect(validated.code, validated.stderr).toBe(0);
		expect(validated.stderr).toMatch(/config\/jobs\.yaml:1:\d+: warning: the HTTP API listens on 0\.0\.0\.0:8470, beyond loopback, over plain HTTP: .*clear text.*TLS-terminating reverse proxy/m);
		expect(validated.stdout).toMatch(/^OK: .*; 1 warning/);

		const loopback = processes.makeRoot({'config/jobs.yaml': `http: {listen: "127.0.0.1:8470"}\n${jobs}`});
		const quiet = runCli(['validate', '--root', loopback.dir], {env: {SAGE_API_TOKENS: tokens}});
		expect(quiet.code, quiet.stderr).toBe(0);
		expect(quiet.stderr).not.toContain('plain HTTP');
		expect(quiet.stdout).not.toContain('warning');
	}, 60_000);
});
