/**
 * The operator reads history where data/ cannot be written: a read-only mount, or the data of
 * another user (data/ 0555, sage.db 0444). The reading commands read; the writing ones say why not.
 * CI runs as root, for whom chmod stops nothing: the read-only mount is a bind mount made read-only
 * in a mount namespace of the command's own (`unshare -m`), gone when the command exits; the other
 * user is `nobody` (setpriv). Each case is skipped, saying so, where the box does not permit it.
 */
import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdtempSync, readdirSync, rmdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {binary, runCli, type CliResult} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

const jobsYaml = `jobs:
  - id: nightly_report
    name: nightly report
    cron: "0 20 * * *"
    command: ["sh", "-c", "echo 'report written'"]
  - id: broken_feed
    trigger: manual
    command: ["sh", "-c", "echo 'feed down' >&2; exit 3"]
`;

/** Whether this box lets a process mount in a namespace of its own (root, or CAP_SYS_ADMIN). */
function mountNamespacesWork(): boolean {
	const point = mkdtempSync(path.join(tmpdir(), 'sage-mount-probe-'));
	try {
		return spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs tmpfs '${point}' && mount -o remount,ro '${point}'`], {encoding: 'utf8'}).status === 0;
	} finally {
		rmdirSync(point);
	}
}

const canMount = mountNamespacesWork();
const canBecomeNobody = process.getuid?.() === 0 && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;
if (!canMount) {
	process.stderr.write('read-only-data.test.ts: skipping the read-only mount cases: mounting in a namespace of our own (unshare -m) is not permitted here\n');
}

if (!canBecomeNobody) {
	process.stderr.write('read-only-data.test.ts: skipping the other-user cases: they need root and setpriv to run as nobody\n');
}

/** A root with two runs in its history (one failed), written by foreground runs that have ended. */
function rootWithHistory(): TempRoot {
	const root = makeTempRoot({'config/jobs.yaml': jobsYaml});
	expect(runCli(['run', 'nightly_report', '--root', root.dir]).code).toBe(0);
	expect(runCli(['run', 'broken_feed', '--root', root.dir]).code).toBe(1);
	// The scheduler that wrote it stopped: its -wal and -shm are gone, as after a clean stop.
	expect(readdirSync(path.join(root.dir, 'data')).filter(name => name.startsWith('sage.db'))).toEqual(['sage.db']);
	return root;
}

/** `sage-console ARGS` with ROOT/data mounted read-only for it alone. */
function onReadOnlyMount(root: TempRoot, args: string[]): CliResult {
	const data = path.join(root.dir, 'data');
	const quoted = [binary, ...args, '--root', root.dir].map(arg => `'${arg}'`).join(' ');
	const result = spawnSync('unshare', ['-m', 'sh', '-c', `mount --bind '${data}' '${data}' && mount -o remount,bind,ro '${data}' && exec ${quoted}`], {encoding: 'utf8', timeout: 60_000});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** `sage-console ARGS` as nobody, with data/ 0555 and sage.db 0444 (the rest readable). */
function asAnotherUser(root: TempRoot, args: string[]): CliResult {
	const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', binary, ...args, '--root', root.dir], {encoding: 'utf8', timeout: 60_000, cwd: tmpdir()});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

function othersMayRead(root: TempRoot): void {
	const open = (dir: string) => {
		chmodSync(dir, 0o755);
		for (const entry of readdirSync(dir, {withFileTypes: true})) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) {
				open(full);
			} else {
				chmodSync(full, 0o644);
			}
		}
	};

	open(root.dir);
	chmodSync(path.join(root.dir, 'data/sage.db'), 0o444);
	chmodSync(path.join(root.dir, 'data'), 0o555);
}

/** What every reading command shows of the two runs; shared by both ways data/ is read-only. */
function expectReadingWorks(read: (args: string[]) => CliResult): void {
	const history = read(['history']);
	expect(history.stderr).toBe('');
	expect(history.stdout).toMatch(/^2 +broken_feed .* failed .*ExitCode: sh exited with code 3: feed down/m);
	expect(history.stdout).toMatch(/^1 +nightly_report .* success/m);
	expect(history.code).toBe(0);

	const historyJson = read(['history', '--json', '--status', 'failed']);
	expect((JSON.parse(historyJson.stdout) as Array<{id: number}>).map(run => run.id)).toEqual([2]);

	const show = read(['show', '2']);
	expect(show.stdout).toContain('run 2  broken_feed  FAILED');
	expect(show.stdout).toContain('feed down');
	expect(show.code).toBe(0);

	const logs = read(['logs', '1']);
	expect(logs.stdout).toContain('report written');
	expect(logs.code).toBe(0);

	const list = read(['list']);
	expect(list.stdout).toMatch(/nightly_report +nightly report/);
	expect(list.code).toBe(0);

	const plan = read(['plan']);
	expect(plan.stdout).toMatch(/20:00/);
	expect(plan.code).toBe(0);

	expect(read(['validate']).code).toBe(0);
}

describe('reading commands on a read-only data/', () => {
	it.skipIf(!canMount)('on a read-only mount (as root), history, show, logs, list, plan and validate read; run says it cannot write', () => {
		const root = rootWithHistory();
		try {
			expectReadingWorks(args => onReadOnlyMount(root, args));
			const run = onReadOnlyMount(root, ['run', 'nightly_report']);
			expect(run.stderr).toContain(`cannot write the history database ${path.join(root.dir, 'data/sage.db')}: it is on a read-only file system`);
			expect(run.code).toBe(1);
			// Nothing was written beside the database while it was read.
			expect(readdirSync(path.join(root.dir, 'data')).filter(name => name.startsWith('sage.db'))).toEqual(['sage.db']);
		} finally {
			root.remove();
		}
	});

	it.skipIf(!canBecomeNobody)('as another user (data/ 0555, sage.db 0444), history, show, logs, list, plan and validate read; run says permission denied', () => {
		const root = rootWithHistory();
		try {
			othersMayRead(root);
			expectReadingWorks(args => asAnotherUser(root, args));
			const run = asAnotherUser(root, ['run', 'nightly_report']);
			expect(run.stderr).toContain('cannot write the history database');
			expect(run.stderr).toContain('permission denied');
			expect(run.code).toBe(1);
		} finally {
			chmodSync(path.join(root.dir, 'data'), 0o755);
			root.remove();
			expect(existsSync(root.dir)).toBe(false);
		}
	});
});
