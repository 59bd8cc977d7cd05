/** What nodemailer's sendMail resolves with, as far as refused recipients go. */
type SentInfo = {rejected?: unknown[]; rejectedErrors?: unknown[]};

function addressOf(recipient: unknown): string {
	if (typeof recipient === 'string') {
		return recipient;
	}

	return typeof recipient === 'object' && recipient !== null && 'address' in recipient ? String(recipient.address) : String(recipient);
}

/** The server's reply to one refused RCPT TO, "550 5.1.1 no such user", without nodemailer's own prefix. */
function replyOf(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null) {
		return undefined;
	}

	const {response, message} = error as {response?: unknown; message?: unknown};
	const text = typeof response === 'string' ? response : (typeof message === 'string' ? message : undefined);
	return text?.trim();
}

/**
 * "not delivered to bad@x (550 5.1.1 no such user); …" for the recipients an SMTP server refused while it
 * took the mail for the others (nodemailer's `info.rejected`); undefined when every one was taken.
 */
export function refusedRecipientsNote(info: SentInfo | undefined): string | undefined {
	const rejected = info?.rejected ?? [];
	if (rejected.length === 0) {
		return undefined;
	}

	const errors = info?.rejectedErrors ?? [];
	return rejected.map(recipient => {
		const address = addressOf(recipient);
		const reply = replyOf(errors.find(error => (error as {recipient?: unknown} | null)?.recipient === address));
		return `not delivered to ${address}${reply ? ` (${reply})` : ''}`;
	}).join('; ');
}
