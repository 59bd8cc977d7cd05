import type {Socket} from 'node:net';
import type {Transport} from '../protocol/transport.js';

/** A message longer than this is a broken or hostile peer: the connection is closed. */
const maxLineBytes = 8 * 1024 * 1024;
/** A peer that stops reading is dropped once this much waits for it, so it cannot grow our memory. */
const maxBacklogBytes = 32 * 1024 * 1024;

/**
 * The protocol between processes: one JSON value per line (NDJSON) over a unix socket. A line that is
 * not JSON gets a `bad-message` answer and the connection stays; an endless line or a peer that never
 * reads ends it.
 */
export function socketTransport(socket: Socket): Transport {
	const messageListeners: Array<(message: unknown) => void> = [];
	const closeListeners: Array<(reason?: string) => void> = [];
	let closed = false;
	let closeReason: string | undefined;
	let chunks: Buffer[] = [];
	let buffered = 0;

	const closedBy = (reason?: string) => {
		if (!closed) {
			closed = true;
			for (const listener of closeListeners) {
				listener(closeReason ?? reason);
			}
		}
	};

	const send = (message: unknown) => {
		if (closed || socket.destroyed) {
			return;
		}

		if (socket.writableLength > maxBacklogBytes) {
			closeReason = 'the peer stopped reading';
			socket.destroy();
			return;
		}

		socket.write(`${JSON.stringify(message)}\n`);
	};

	const deliver = (line: string) => {
		if (line.trim() === '') {
			return;
		}

		let message: unknown;
		try {
			message = JSON.parse(line);
		} catch {
			send({kind: 'response', id: null, ok: false, error: {code: 'bad-message', message: `not a JSON message: ${line.slice(0, 80)}`}});
			return;
		}

		for (const listener of messageListeners) {
			listener(message);
		}
	};

	socket.on('data', (data: Buffer) => {
		let start = 0;
		for (let newline = data.indexOf(10); newline !== -1; newline = data.indexOf(10, start)) {
			chunks.push(data.subarray(start, newline));
			const line = Buffer.concat(chunks).toString('utf8');
			chunks = [];
			buffered = 0;
			start = newline + 1;
			deliver(line);
		}

		if (start < data.length) {
			chunks.push(data.subarray(start));
			buffered += data.length - start;
			if (buffered > maxLineBytes) {
				closeReason = `a message longer than ${maxLineBytes} bytes`;
				socket.destroy();
			}
		}
	});
	socket.on('error', error => {
		closeReason ??= error.message;
	});
	socket.on('close', () => closedBy('the connection closed'));
	return {
		send,
		onMessage(listener) {
			messageListeners.push(listener);
		},
		onClose(listener) {
			closeListeners.push(listener);
		},
		close() {
			socket.end();
			closedBy('closed');
		},
	};
}
