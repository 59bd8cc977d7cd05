/**
 * `sage-console COMMAND --help` is that command's own help: its usage names every flag the command
 * reads, and `worker --help` says what each of its flags means and its default (docs/workers.md,
 * "Running a worker"). `worker --help` printed the usage line without --lock-duration and
 * --stalled-interval and nothing about any flag's meaning or default.
 */
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

const main = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function helpOf(command: string): {code: number | null; stdout: string} {
	const result = spawnSync(process.execPath, [main, command, '--help'], {encoding: 'utf8', timeout: 30_000});
	return {code: result.status, stdout: result.stdout};
}

/** The flags each command reads (src/cli/commands), besides --root, --config and --db that all take. */
const flagsRead: Record<string, string[]> = {
	list: ['--json', '--from', '--count'],
	history: ['--json', '--job', '--status', '--since', '--limit'],
	show: ['--json'],
	run: ['--param', '--trade-date', '--from', '--to', '--detach'],
	status: ['--json'],
	pause: ['--all'],
	resume: ['--all'],
	start: ['--json'],
	stop: ['--json'],
	restart: ['--json'],
	logs: ['--follow'],
	calendar: ['--year', '--json'],
	plan: ['--date', '--json'],
	notify: ['--channel'],
	export: ['--format', '--jobs'],
	import: ['--dry-run'],
	ping: ['--start', '--fail'],
	worker: ['--redis', '--queues', '--concurrency', '--grace', '--lock-duration', '--stalled-interval'],
};

describe('a command\'s own --help', () => {
	it('worker --help says what each of the worker\'s flags means, with its default', () => {
		const help = helpOf('worker');
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('$ sage-console worker [--redis URL]');
		expect(help.stdout).not.toContain('sage-console history');
		const flagLine = (flag: string) => help.stdout.split('\n').find(line => line.trimStart().startsWith(`${flag} `)) ?? '';
		expect(flagLine('--redis URL')).toContain('default: the redis: of ROOT/config/jobs.yaml');
		expect(flagLine('--queues a,b')).toContain('default: every worker queue jobs.yaml names');
		expect(flagLine('--concurrency N')).toContain('1 to 256; default: 1');
		expect(flagLine('--grace 30s')).toContain('on SIGTERM/SIGINT');
		expect(flagLine('--lock-duration 30s')).toContain('default: 30s');
		expect(flagLine('--stalled-interval 30s')).toContain('how often this worker looks for runs');
		expect(help.stdout).toContain('the project checkout');
	});

	it('every command\'s --help is its own and names every flag it reads', () => {
		for (const [command, flags] of Object.entries(flagsRead)) {
			const help = helpOf(command);
			expect(help.code, command).toBe(0);
			expect(help.stdout, command).not.toContain('$ sage-console --headless');
			const usage = help.stdout.slice(0, help.stdout.indexOf('\n  Options'));
			for (const flag of flags) {
				expect(usage, `${command} --help names ${flag}`).toContain(flag);
			}
		}
	}, 60_000);
});
