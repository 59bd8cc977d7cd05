import {chmodSync, chownSync, mkdirSync, readdirSync, statSync} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {createHash} from 'node:crypto';
import {makeTempRoot, scratchDir} from '../helpers/temp-root.js';
import {runCli, schedulerStarted, startCli, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();

/**
 * A root whose `data/sage.sock` is past a unix socket's 107 bytes, so the scheduler listens in
 * `$TMPDIR/sage-console-<uid>/`, with TMPDIR a scratch folder standing for /tmp.
 */
function longRoot(): {root: string; tmp: string; folder: string; env: Record<string, string>} {
	const scratch = scratchDir('sage-sock-');
	const root = makeTempRoot({'config/jobs.yaml': 'jobs:\n  - {id: yearly, cron: "0 0 1 1 *", command: ["true"]}\n'}, path.join(scratch, 'r'.repeat(110))).dir;
	const tmp = path.join(scratch, 'tmp');
	mkdirSync(tmp);
	return {root, tmp, folder: path.join(tmp, `sage-console-${process.getuid!()}`), env: {TMPDIR: tmp, XDG_RUNTIME_DIR: ''}};
}

describe('the socket\'s private folder in /tmp (a root too deep for data/sage.sock)', () => {
	it.skipIf(process.getuid?.() !== 0)('is not used when another user made it first: the start is refused, saying whose it is', async () => {
		const {root, folder, env} = longRoot();
		// Another user got there first, and left it open so they can swap the socket for theirs.
		mkdirSync(folder, {mode: 0o777});
		chmodSync(folder, 0o777);
		chownSync(folder, 65_534, 65_534);
		const app = startCli(['--headless', '--root', root], {env});
		processes.track(app);
		const code = await Promise.race([app.exited, waitFor(() => app.output().stdout.includes('ready: clients attach on ') && 'listened', 40_000, 'an exit or a listen')]);
		expect(code).toBe(1);
		expect(app.output().stderr).toContain(`sage-console: cannot listen on the scheduler's socket: its folder ${folder} belongs to uid 65534, not to this user (uid 0)`);
		expect(readdirSync(folder)).toEqual([]);
	});

	it.skipIf(process.getuid?.() !== 0)('is not trusted by a client when another user made it: status does not talk to the socket there', async () => {
		const {root, folder, env} = longRoot();
		mkdirSync(folder, {mode: 0o777});
		chmodSync(folder, 0o777);
		// Another user's process answering where the root's scheduler would listen, hearing what clients send.
		let heard = 0;
		const impostor = net.createServer(socket => {
			heard++;
			socket.destroy();
		});
		const socketPath = path.join(folder, `${createHash('sha256').update(path.join(root, 'data', 'sage.db')).digest('hex').slice(0, 16)}.sock`);
		await new Promise<void>(resolve => {
			impostor.listen(socketPath, resolve);
		});
		chownSync(folder, 65_534, 65_534);
		try {
			// Spawned, not run to its end synchronously: the impostor must be free to take a connection meanwhile.
			const status = startCli(['status', '--root', root], {env});
			const code = await status.exited;
			expect(status.output().stderr).toContain(`sage-console: cannot reach the scheduler's socket: its folder ${folder} belongs to uid 65534, not to this user (uid 0)`);
			expect(code).toBe(1);
			expect(heard).toBe(0);
		} finally {
			await new Promise(resolve => {
				impostor.close(resolve);
			});
		}
	});

	it('is narrowed to 0700 when it is this user\'s but open to others, and clients reach the scheduler there', async () => {
		const {root, folder, env} = longRoot();
		mkdirSync(folder);
		chmodSync(folder, 0o777);
		const app = startCli(['--headless', '--root', root], {env});
		processes.track(app);
		await schedulerStarted(app);
		expect(statSync(folder).mode & 0o777).toBe(0o700);
		const status = runCli(['status', '--root', root], {env});
		expect(status.stdout).toContain(`root ${root}`);
	});
});
