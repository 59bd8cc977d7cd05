/**
 * A mail server that accepts the connection and never says a word (a hung relay) while a failure
 * alert is going out: a real headless scheduler stopped with SIGTERM ends within its notification grace
 * (5 s), not after the delivery's timeout_ms, and the other channels were not held up.
 */
import {chmodSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer} from 'node:http';
import {createServer, type AddressInfo, type Socket} from 'node:net';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {runCli, schedulerStarted, trackHeadlessProcesses} from '../helpers/run-cli.js';
import {waitFor} from '../helpers/wait-for.js';

const processes = trackHeadlessProcesses();
const cleanUps: Array<() => void> = [];

afterEach(() => {
	for (const cleanUp of cleanUps.splice(0)) {
		cleanUp();
	}
});

async function listening(server: ReturnType<typeof createServer> | ReturnType<typeof createHttpServer>): Promise<number> {
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	return (server.address() as AddressInfo).port;
}

describe('stopping while the mail server hangs', () => {
	it('SIGTERM ends the scheduler within the notification grace; the webhook had the alert at once', async () => {
		const mailConnections: Socket[] = [];
		const silentMail = createServer(socket => {
			socket.on('error', () => undefined);
			mailConnections.push(socket);
		});
		const hooks: string[] = [];
		const webhook = createHttpServer((request, response) => {
			let body = '';
			request.on('data', (chunk: Buffer) => {
				body += chunk.toString('utf8');
			});
			request.on('end', () => {
				hooks.push(body);
				response.writeHead(200).end('ok');
			});
		});
		const mailPort = await listening(silentMail);
		const hookPort = await listening(webhook);
		cleanUps.push(() => {
			for (const socket of mailConnections) {
				socket.destroy();
			}

			silentMail.close();
			webhook.closeAllConnections();
			webhook.close();
		});
		const root = processes.makeRoot({'config/jobs.yaml': 'jobs:\n  - {id: breaks, trigger: manual, command: ["false"]}\n'});
		const notifyFile = path.join(root.dir, 'config/notify_config.json');
		writeFileSync(notifyFile, JSON.stringify({
			channels: {
				email: {host: '127.0.0.1', port: mailPort, secure: false, from: 'sage@box.lan', to: ['ops@box.lan']},
				webhook: {url: `http://127.0.0.1:${hookPort}/hook`},
			},
			// Each of nodemailer's waits (connection, greeting, socket) would be 60 s.
			delivery: {attempts: 2, backoff_ms: 100, timeout_ms: 60_000},
		}));
		chmodSync(notifyFile, 0o600);
		const app = processes.start(root.dir);
		await schedulerStarted(app);
		runCli(['run', 'breaks', '--root', root.dir]);
		await waitFor(() => mailConnections.length === 1 && hooks.length === 1, 20_000, 'the alert at the webhook and the mail server\'s connection');
		expect(JSON.parse(hooks[0]!)).toMatchObject({event: 'failure', job: {id: 'breaks'}});

		const stopping = Date.now();
		app.child.kill('SIGTERM');
		await app.exited;
		// 5 s of grace for what is being sent, and the process's own way out (seconds more on a loaded box);
		// not nodemailer's 60 s waits.
		expect(Date.now() - stopping).toBeLessThan(30_000);
		expect(app.output().stdout).toContain('notification failed: email → ops@box.lan: not sent: sage-console stopped');
	}, 90_000);
});
