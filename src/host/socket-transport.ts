import type {Socket} from 'node:net';
import type {Transport} from '../protocol/transport.js';
import type {CloseCode, ClosingMessage} from '../protocol/wire.js';

/** A message longer than this is a broken or hostile peer: the connection is closed. */
const maxLineBytes = 8 * 1024 * 1024;
/** A peer that stops reading is dropped once this much waits for it, so it cannot grow our memory. */
export const maxBacklogBytes = 32 * 1024 * 1024;

/** Why a peer that stopped reading was dropped, as it is told and as the scheduler's log says it. */
export const stoppedReadingReason = `dropped by the scheduler: this client read nothing while ${maxBacklogBytes / 1024 / 1024} MB waited for it`;

/**
 * The protocol between processes: one JSON value per line (NDJSON) over a unix socket. A line that is
 * not JSON gets a `bad-message` answer and the connection stays; an endless line ends it. What the
 * socket cannot take at once waits here, in whole lines, not in the socket: a peer that never reads is
 * dropped once too much waits, and its last line, a `closing` one saying why, goes ahead of what
 * waited (thrown away), so the peer learns why when it reads again.
 */
export function socketTransport(socket: Socket): Transport {
	const messageListeners: Array<(message: unknown) => void> = [];
	const closeListeners: Array<(reason?: string, code?: CloseCode) => void> = [];
	let closed = false;
	let closeReason: string | undefined;
	let closeCode: CloseCode | undefined;
	let chunks: Buffer[] = [];
	let buffered = 0;
	/** Lines waiting for the socket to drain, oldest first (from `next` on), and their bytes. */
	let waiting: string[] = [];
	let next = 0;
	let waitingBytes = 0;
	const forgetWaiting = () => {
		waiting = [];
		next = 0;
		waitingBytes = 0;
	};

	const closedBy = (reason?: string) => {
		if (!closed) {
			closed = true;
			forgetWaiting();
			for (const listener of closeListeners) {
				listener(closeReason ?? reason, closeCode);
			}
		}
	};

	/** Ends the connection of a peer that stopped reading, telling it why in a last line. */
	const dropStalledPeer = () => {
		forgetWaiting();
		closeReason = stoppedReadingReason;
		closeCode = 'stopped-reading';
		const closing: ClosingMessage = {kind: 'closing', code: closeCode, reason: stoppedReadingReason, at: Date.now()};
		// Ended, not destroyed: the few lines the socket still holds and the closing one reach the peer
		// when it reads again; until then only they are held (a scheduler that stops cuts it off).
		socket.end(`${JSON.stringify(closing)}\n`);
		closedBy();
	};

	/** Hands the socket waiting lines until it asks to drain again (`all`: every one, as the connection ends). */
	const flush = (all = false) => {
		while (next < waiting.length && !closed && !socket.destroyed && (all || !socket.writableNeedDrain)) {
			const line = waiting[next++]!;
			waitingBytes -= Buffer.byteLength(line);
			socket.write(line);
		}

		if (next === waiting.length) {
			forgetWaiting();
		}
	};

	const send = (message: unknown) => {
		if (closed || socket.destroyed) {
			return;
		}

		const line = `${JSON.stringify(message)}\n`;
		if (next === waiting.length && !socket.writableNeedDrain) {
			socket.write(line);
			return;
		}

		if (socket.writableLength + waitingBytes > maxBacklogBytes) {
			dropStalledPeer();
			return;
		}

		waiting.push(line);
		waitingBytes += Buffer.byteLength(line);
	};

	const deliver = (line: string) => {
		if (closed || line.trim() === '') {
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
	socket.on('drain', () => {
		flush();
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
			// What waited still goes before the end, as it did when the socket held it.
			flush(true);
			socket.end();
			closedBy('closed');
		},
	};
}
