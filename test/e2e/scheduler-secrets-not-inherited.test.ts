/**
 * The scheduler's own secrets in its environment (SAGE_API_TOKENS, SAGE_REDIS_PASSWORD) do not reach
 * its jobs and services: a job that prints its environment would put the API's control token into its
 * run log, its history row's error and the alert pushed to a phone. A job's own `env:` may still name
 * one. The built binary: a headless scheduler and `run` in the foreground, real processes.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';
import {readRuns} from '../helpers/history-file.js';

const processes = trackHeadlessProcesses();
const secrets = {SAGE_API_TOKENS: 'control:control-token-5f1d2c8e9a7b', SAGE_REDIS_PASSWORD: 'redis-pass-83c1e0a4'};
const jobsYaml = `jobs:
  - {id: env_command, trigger: manual, command: ["sh", "-c", "env | grep -c -e ^SAGE_API_TOKENS= -e ^SAGE_REDIS_PASSWORD= || true"]}
  - {id: env_module, trigger: manual, module: jobs/env.ts}
  - {id: env_given, trigger: manual, command: ["sh", "-c", "echo given=$SAGE_REDIS_PASSWORD"], env: {SAGE_REDIS_PASSWORD: own-value}}
services:
  - {id: env_service, command: ["sh", "-c", "echo service sees $(env | grep -c -e ^SAGE_API_TOKENS= -e ^SAGE_REDIS_PASSWORD=) && sleep 60"]}
`;
const envJob = `import {execFileSync} from 'node:child_process';
const secret = (name: string) => name === 'SAGE_API_TOKENS' || name === 'SAGE_REDIS_PASSWORD';
export default function run() {
	const childEnv = execFileSync('env', {encoding: 'utf8'}).split('\\n').map(line => line.split('=')[0]!);
	return {thread: Object.keys(process.env).filter(secret), child: childEnv.filter(secret)};
}
`;

describe('the scheduler\'s secrets in its environment', () => {
	it('are not in the environment of its command jobs, module jobs and their children, nor its services', async () => {
		const root = processes.makeRoot({'config/jobs.yaml': jobsYaml, 'jobs/env.ts': envJob});
		// In the foreground, as `run` with no scheduler.
		const command = runCli(['run', 'env_command', '--root', root.dir], {env: secrets});
		expect(command.code, command.stderr).toBe(0);
		expect(command.stdout).toMatch(/^\S+ INFO {2}0 {2}stream=stdout$/m);
		const module = runCli(['run', 'env_module', '--root', root.dir], {env: secrets});
		expect(module.stdout).toContain('result: {"thread":[],"child":[]}');
		const given = runCli(['run', 'env_given', '--root', root.dir], {env: secrets});
		expect(given.stdout).toContain('given=own-value');

		// Through a headless scheduler started with them, as under systemd's EnvironmentFile.
		const app = startCli(['--headless', '--root', root.dir], {env: secrets});
		processes.track(app);
		await schedulerStarted(app);
		expect(runCli(['run', 'env_module', '--root', root.dir]).stdout).toContain('result: {"thread":[],"child":[]}');
		const serviceLog = path.join(root.dir, 'logs/services/env_service.log');
		const said = await waitFor(() => {
			try {
				return /service sees (\d+)/.exec(readFileSync(serviceLog, 'utf8'))?.[1];
			} catch {
				return undefined;
			}
		}, 20_000, 'the service\'s line');
		expect(said).toBe('0');
		expect(readRuns(root.dir).every(row => !JSON.stringify(row).includes('control-token-5f1d2c8e9a7b'))).toBe(true);
	}, 90_000);
});
