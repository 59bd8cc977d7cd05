/**
 * A real redis-server for a test file: on 127.0.0.1 and a free port, no snapshots; with `persist`,
 * an append-only file in a temp folder, so it can be stopped and started again with its data (as a
 * production Redis configured per docs/workers.md would be). With `tls`, it listens over TLS only
 * (`--port 0 --tls-port`), and `url()` is `rediss://`. Stopped by the file's afterAll.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {freePort} from './free-port.js';

/** PEM files of a Redis over TLS: its certificate and key, the CA its clients' certificates are checked with, and whether clients must show one. */
export type RedisServerTls = {certFile: string; keyFile: string; caFile: string; authClients: boolean};

export class RedisServer {
	private child: ChildProcess | undefined;
	private readonly dir = mkdtempSync(path.join(tmpdir(), 'sage-redis-'));

	private constructor(readonly port: number, private readonly options: {persist: boolean; args: string[]; tls?: RedisServerTls}) {}

	/**
	 * Starts redis-server and waits until it accepts connections. A free port found here (outside the
	 * ephemeral range: see freePort) is closed again before redis-server binds it (it cannot be told to
	 * take any port and say which), so another test may take it meanwhile: then it starts on another.
	 */
	static async start(options: {persist?: boolean; args?: string[]; port?: number; tls?: RedisServerTls} = {}): Promise<RedisServer> {
		for (let attempt = 1; ; attempt++) {
			const server = new RedisServer(options.port ?? await freePort(), {persist: options.persist ?? false, args: options.args ?? [], ...(options.tls ? {tls: options.tls} : {})});
			try {
				await server.startAgain();
				return server;
			} catch (error) {
				rmSync(server.dir, {recursive: true, force: true});
				if (options.port !== undefined || attempt === 5 || !/Address already in use/.test((error as Error).message)) {
					throw error;
				}
			}
		}
	}

	url(db = 0): string {
		return `${this.options.tls ? 'rediss' : 'redis'}://127.0.0.1:${this.port}/${db}`;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	/** Starts it (again) on the same port, with what it had written to its append-only file; `moreArgs` after its own (a changed setting). */
	async startAgain(moreArgs: string[] = []): Promise<void> {
		const {tls} = this.options;
		const ports = tls
			? ['--port', '0', '--tls-port', String(this.port), '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.caFile, '--tls-auth-clients', tls.authClients ? 'yes' : 'no']
			: ['--port', String(this.port)];
		const args = [
			...ports, '--bind', '127.0.0.1', '--save', '', '--dir', this.dir, '--daemonize', 'no', '--loglevel', 'notice',
			'--appendonly', this.options.persist ? 'yes' : 'no', ...(this.options.persist ? ['--appendfsync', 'always'] : []), ...this.options.args, ...moreArgs,
		];
		const child = spawn('redis-server', args, {stdio: ['ignore', 'pipe', 'pipe']});
		this.child = child;
		let output = '';
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${this.port}:\n${output}`)), 15_000);
			child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
				output += chunk;
				if (output.includes('Ready to accept connections')) {
					clearTimeout(timer);
					resolve();
				}
			});
			// On close, not exit: its last words (why it could not start) may still be on their way on exit.
			child.once('close', code => {
				clearTimeout(timer);
				reject(new Error(`redis-server exited with ${code}:\n${output}`));
			});
		});
		child.stdout!.resume();
		child.stderr!.resume();
	}

	/** SIGTERM: Redis shuts down cleanly (its append-only file synced), as `systemctl stop` would. */
	async stop(): Promise<void> {
		const child = this.child;
		this.child = undefined;
		if (!child || child.exitCode !== null) {
			return;
		}

		const exited = new Promise(resolve => {
			child.once('exit', resolve);
		});
		child.kill('SIGTERM');
		await exited;
	}

	async remove(): Promise<void> {
		await this.stop();
		rmSync(this.dir, {recursive: true, force: true});
	}
}
