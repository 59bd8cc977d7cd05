/**
 * A request body the API refuses as too large (413) is read to its end and dropped before the answer
 * goes, up to a bound. Refused at once, the rest of the body still on its way made the connection close
 * under the client: it got `write EPIPE` or `connection reset` (curl: "Send failure: Broken pipe")
 * instead of the 413 that says what to change. Past the bound the answer goes all the same.
 */
import type {IncomingMessage} from 'node:http';

/** The most of a refused body read before answering: a few times any body limit an operator sets. */
const drainAtMostBytes = 64 * 1024 * 1024;
/** The longest a refused body is waited for (a slow link, a client that stalls). */
const drainAtMostMs = 10_000;

export async function drainRefusedBody(request: IncomingMessage): Promise<void> {
	if (request.readableEnded || request.destroyed) {
		return;
	}

	await new Promise<void>(resolve => {
		let read = 0;
		const done = () => {
			clearTimeout(timer);
			request.off('data', counted);
			request.off('end', done);
			request.off('error', done);
			request.off('close', done);
			resolve();
		};

		const counted = (chunk: Buffer) => {
			read += chunk.length;
			if (read > drainAtMostBytes) {
				done();
			}
		};

		const timer = setTimeout(done, drainAtMostMs);
		request.on('data', counted);
		request.once('end', done);
		request.once('error', done);
		request.once('close', done);
		request.resume();
	});
}
