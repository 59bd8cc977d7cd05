import {DeliveryError} from '../delivery-error.js';
import type {Message} from '../notification-types.js';
import type {ChannelsConfig} from '../channels-config.js';

type EmailConfig = NonNullable<ChannelsConfig['email']>;

/**
 * SMTP through nodemailer: an HTML body with a plain-text alternative. nodemailer (~12 MB) is loaded
 * with the first e-mail, not by every scheduler that never sends one.
 */
export async function sendEmail(config: EmailConfig, message: Message, timeoutMs: number): Promise<void> {
	const {default: nodemailer} = await import('nodemailer');
	const transport = nodemailer.createTransport({
		host: config.host,
		port: config.port,
		secure: config.secure,
		auth: config.user ? {user: config.user, pass: config.pass} : undefined,
		connectionTimeout: timeoutMs,
		greetingTimeout: timeoutMs,
		socketTimeout: timeoutMs,
	});
	try {
		await transport.sendMail({from: config.from, to: config.to, subject: message.title, html: message.html, text: message.text});
	} catch (error) {
		const code = (error as {responseCode?: number}).responseCode;
		// 5xx SMTP replies are permanent (bad address, auth refused); the rest is worth another try.
		throw new DeliveryError((error as Error).message, code === undefined || code < 500);
	} finally {
		transport.close();
	}
}
