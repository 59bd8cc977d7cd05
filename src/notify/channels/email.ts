import {connect, type Socket} from 'node:net';
import {DeliveryError} from '../delivery-error.js';
import type {Message} from '../notification-types.js';
import type {ChannelsConfig} from '../channels-config.js';
import {refusedRecipientsNote} from './refused-recipients.js';

type EmailConfig = NonNullable<ChannelsConfig['email']>;

/**
 * SMTP through nodemailer: an HTML body with a plain-text alternative. nodemailer (~12 MB) is loaded
 * with the first e-mail, not by every scheduler that never sends one.
 *
 * nodemailer takes no AbortSignal, so the TCP connection is opened here (nodemailer adds TLS on it
 * for `secure`, or STARTTLS) and cut when `signal` aborts: a mail server that hangs holds neither the
 * delivery past its `timeout_ms` nor a stopping scheduler past its notification grace.
 *
 * Resolves with a note when the server refused some of the recipients and took the rest
 * (`not delivered to a@x (550 …)`): the mail went out, but a wrong address must not go unseen.
 */
export async function sendEmail(config: EmailConfig, message: Message, signal: AbortSignal, timeoutMs: number): Promise<string | undefined> {
	const {default: nodemailer} = await import('nodemailer');
	const sockets = new Set<Socket>();
	const transport = nodemailer.createTransport({
		host: config.host,
		port: config.port,
		secure: config.secure,
		auth: config.user ? {user: config.user, pass: config.pass} : undefined,
		connectionTimeout: timeoutMs,
		greetingTimeout: timeoutMs,
		socketTimeout: timeoutMs,
		getSocket(_options: unknown, callback: (error: Error | null, socketOptions: {connection: Socket} | undefined) => void) {
			const socket = connect({host: config.host, port: config.port});
			sockets.add(socket);
			// The cut below is an error for nodemailer's listener too (it clears its greeting timer then); never unhandled.
			socket.on('error', () => undefined);
			const refused = (error: Error) => callback(error, undefined);
			socket.once('error', refused);
			socket.once('connect', () => {
				socket.off('error', refused);
				callback(null, {connection: socket});
			});
			if (signal.aborted) {
				socket.destroy(new Error('cut: no answer in time'));
			}
		},
	});
	let detach = () => undefined as void;
	const aborted = new Promise<never>((_resolve, reject) => {
		const cut = () => {
			for (const socket of sockets) {
				// With an error: a plain close while nodemailer waits for the greeting leaves its timer (timeout_ms) holding the process.
				socket.destroy(new Error('cut: no answer in time'));
			}

			reject(new DeliveryError('no answer in time', true));
		};

		if (signal.aborted) {
			cut();
		} else {
			signal.addEventListener('abort', cut, {once: true});
			detach = () => signal.removeEventListener('abort', cut);
		}
	});
	// Settled by whichever comes first; the other's rejection is not the outcome.
	aborted.catch(() => undefined);
	try {
		const sending = transport.sendMail({from: config.from, to: config.to, subject: message.title, html: message.html, text: message.text});
		sending.catch(() => undefined);
		const info = await Promise.race([sending, aborted]);
		// The server took the mail for some recipients and refused others (RCPT TO): sent, said for those.
		return refusedRecipientsNote(info);
	} catch (error) {
		if (error instanceof DeliveryError) {
			throw error;
		}

		const code = (error as {responseCode?: number}).responseCode;
		// 5xx SMTP replies are permanent (bad address, auth refused); the rest is worth another try.
		throw new DeliveryError((error as Error).message, code === undefined || code < 500);
	} finally {
		detach();
		transport.close();
	}
}
