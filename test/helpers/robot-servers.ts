import {createHmac} from 'node:crypto';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {SMTPServer} from 'smtp-server';

export type Received = {path: string; query: URLSearchParams; body: Record<string, unknown>};
/** `hold`: received and answered as `ok` only once `release()` is called (a robot slow to answer). */
export type Mode = 'ok' | 'error500' | 'hang' | 'hold' | 'limit' | 'badtoken';

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) {
		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks).toString('utf8');
}

/**
 * One local HTTP server that speaks PushPlus (/send), the DingTalk robot (/robot/send, checks the
 * signature) and the WeCom robot (/cgi-bin/webhook/send), answering the way the real services do.
 */
export class RobotServer {
	readonly received: Received[] = [];
	mode: Record<'pushplus' | 'dingtalk' | 'wecom', Mode> = {pushplus: 'ok', dingtalk: 'ok', wecom: 'ok'};
	private readonly server: Server;
	private readonly hanging = new Set<() => void>();
	private held: Array<() => void> = [];

	constructor(readonly dingtalkSecret: string, readonly validPushplusToken: string) {
		this.server = createServer(async (request, response) => {
			const url = new URL(request.url ?? '/', 'http://127.0.0.1');
			const raw = await readBody(request);
			const body = JSON.parse(raw || '{}') as Record<string, unknown>;
			const service = url.pathname === '/send' ? 'pushplus' : (url.pathname === '/robot/send' ? 'dingtalk' : 'wecom');
			const mode = this.mode[service];
			if (mode === 'hang') {
				this.hanging.add(() => response.destroy());
				return;
			}

			this.received.push({path: url.pathname, query: url.searchParams, body});
			if (mode === 'hold') {
				await new Promise<void>(resolve => {
					this.held.push(resolve);
				});
			}

			if (mode === 'error500') {
				response.writeHead(500).end('upstream error');
				return;
			}

			response.writeHead(200, {'content-type': 'application/json'});
			// DingTalk's body limit, as it answers past it.
			const tooLong = service === 'dingtalk' && Buffer.byteLength(raw) > 20_000;
			response.end(JSON.stringify(tooLong ? {errcode: 460_101, errmsg: 'message too long, exceed 20000 bytes'} : this.answer(service, mode, url, body)));
		});
	}

	private answer(service: 'pushplus' | 'dingtalk' | 'wecom', mode: Mode, url: URL, body: Record<string, unknown>): Record<string, unknown> {
		if (service === 'pushplus') {
			if (mode === 'limit') {
				return {code: 900, msg: '用户账户使用受限'};
			}

			// A verified account's documented limits: content 20,000 characters, title 100; 999 is its "server-side validation error".
			if (String(body.content ?? '').length > 20_000 || String(body.title ?? '').length > 100) {
				return {code: 999, msg: '内容或标题过长'};
			}

			const valid = body.token === this.validPushplusToken && body.template === 'html' && typeof body.title === 'string' && typeof body.content === 'string';
			return valid ? {code: 200, msg: '请求成功', data: 'abc'} : {code: 903, msg: '无效的用户token'};
		}

		if (service === 'dingtalk') {
			const timestamp = url.searchParams.get('timestamp') ?? '';
			const expected = createHmac('sha256', this.dingtalkSecret).update(`${timestamp}\n${this.dingtalkSecret}`).digest('base64');
			const fresh = Math.abs(Date.now() - Number(timestamp)) < 3_600_000;
			if (url.searchParams.get('sign') !== expected || !fresh) {
				return {errcode: 310_000, errmsg: 'sign not match'};
			}

			const markdown = body.markdown as {title?: string; text?: string} | undefined;
			return body.msgtype === 'markdown' && markdown?.title && markdown.text ? {errcode: 0, errmsg: 'ok'} : {errcode: 40_035, errmsg: 'bad body'};
		}

		const content = (body.markdown as {content?: string} | undefined)?.content ?? '';
		if (Buffer.byteLength(content) > 4096) {
			return {errcode: 40_058, errmsg: 'content exceed max length'};
		}

		return body.msgtype === 'markdown' ? {errcode: 0, errmsg: 'ok'} : {errcode: 40_008, errmsg: 'invalid message type'};
	}

	async start(): Promise<string> {
		await new Promise<void>(resolve => {
			this.server.listen(0, '127.0.0.1', resolve);
		});
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	/** Answers every request held so far (mode `hold`); the modes stay as they are. */
	release(): void {
		for (const answer of this.held.splice(0)) {
			answer();
		}
	}

	of(path: string): Received[] {
		return this.received.filter(entry => entry.path === path);
	}

	async stop(): Promise<void> {
		this.release();
		for (const drop of this.hanging) {
			drop();
		}

		this.server.closeAllConnections();
		await new Promise(resolve => {
			this.server.close(resolve);
		});
	}
}

export type Mail = {from: string; to: string[]; raw: string};

/** A real SMTP server on loopback that keeps what it receives. */
export class MailServer {
	readonly mails: Mail[] = [];
	private readonly server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(_auth, _session, callback) {
			callback(null, {user: 'ops'});
		},
		onData: (stream, session, callback) => {
			let raw = '';
			stream.setEncoding('utf8');
			stream.on('data', (chunk: string) => {
				raw += chunk;
			});
			stream.on('end', () => {
				this.mails.push({from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map(rcpt => rcpt.address), raw});
				callback();
			});
		},
	});

	async start(): Promise<number> {
		await new Promise<void>(resolve => {
			this.server.listen(0, '127.0.0.1', resolve);
		});
		return (this.server.server.address() as AddressInfo).port;
	}

	async stop(): Promise<void> {
		await new Promise<void>(resolve => {
			this.server.close(() => resolve());
		});
	}
}
