/**
 * An e-mail to several recipients where the SMTP server refuses one RCPT TO and takes the others is
 * sent, and says which address was not delivered to: in the outcome and in the delivery's record. It
 * counted as sent with nothing said, so a wrong address went unseen. A real SMTP server on loopback,
 * the built CLI (`notify test`, the scheduler's delivery queue and sender), a real data/sage.db.
 */
import {spawn} from 'node:child_process';
import {chmodSync} from 'node:fs';
import path from 'node:path';
import type {AddressInfo} from 'node:net';
import Database from 'better-sqlite3';
import {SMTPServer} from 'smtp-server';
import {afterEach, expect, it} from 'vitest';
import {binary} from '../helpers/run-cli.js';
import {makeTempRoot, type TempRoot} from '../helpers/temp-root.js';

let root: TempRoot | undefined;
let server: SMTPServer | undefined;
afterEach(async () => {
	root?.remove();
	await new Promise<void>(resolve => {
		if (server) {
			server.close(() => resolve());
		} else {
			resolve();
		}
	});
});

/** Takes mail for everyone but gone@box.local, whose RCPT TO it refuses with 550. */
async function startMailServer(delivered: string[][]): Promise<number> {
	server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			callback(address.address === 'gone@box.local' ? Object.assign(new Error('5.1.1 no such mailbox'), {responseCode: 550}) : undefined);
		},
		onData(stream, session, callback) {
			stream.resume();
			stream.on('end', () => {
				delivered.push(session.envelope.rcptTo.map(rcpt => rcpt.address));
				callback();
			});
		},
	});
	await new Promise<void>(resolve => {
		server!.listen(0, '127.0.0.1', resolve);
	});
	return (server.server.address() as AddressInfo).port;
}

/** The CLI talks to a server in this process, so it must run without blocking the event loop. */
async function runAsync(args: string[]): Promise<{code: number | null; stdout: string}> {
	const child = spawn(binary, args, {stdio: ['ignore', 'pipe', 'inherit']});
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	const code = await new Promise<number | null>(resolve => {
		child.on('exit', resolve);
	});
	return {code, stdout};
}

it('sends to the recipients the server took and says which one it refused', async () => {
	const delivered: string[][] = [];
	const port = await startMailServer(delivered);
	root = makeTempRoot({
		'config/jobs.yaml': 'jobs:\n  - {id: a, trigger: manual, command: ["true"]}\n',
		'config/notify_config.json': JSON.stringify({channels: {
			email: {host: '127.0.0.1', port, secure: false, from: 'sage@box.local', to: ['ops@box.local', 'gone@box.local', 'lead@box.local']},
		}, delivery: {attempts: 2, backoff_ms: 20, timeout_ms: 5000}}),
	});
	chmodSync(path.join(root.dir, 'config', 'notify_config.json'), 0o600);

	const result = await runAsync(['notify', 'test', '--channel', 'email', '--root', root.dir]);
	expect(delivered).toEqual([['ops@box.local', 'lead@box.local']]);
	expect(result.stdout.replaceAll(/\s+/g, ' ').trim()).toMatch(/^email ops@box\.local, gone@box\.local, lead@box\.local sent \(1 attempt\): not delivered to gone@box\.local \(550 5\.1\.1 no such mailbox\)$/);
	expect(result.code).toBe(0);

	const db = new Database(path.join(root.dir, 'data', 'sage.db'), {readonly: true});
	try {
		const rows = db.prepare('SELECT channel, status, attempts, error FROM notifications').all();
		expect(rows).toEqual([{channel: 'email', status: 'sent', attempts: 1, error: 'not delivered to gone@box.local (550 5.1.1 no such mailbox)'}]);
	} finally {
		db.close();
	}
});
