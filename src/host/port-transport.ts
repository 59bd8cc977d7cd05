import type {MessagePort} from 'node:worker_threads';
import type {Transport} from '../protocol/transport.js';

/**
 * The protocol between two threads of one process: structured clones over a MessagePort. What one
 * turn of the event loop sends goes as one message (an array, in order): a second of 100 fires is a
 * few hundred events, and each postMessage costs far more than cloning one more envelope.
 */
export function portTransport(port: MessagePort): Transport {
	const closeListeners: Array<(reason?: string) => void> = [];
	let closed = false;
	let outgoing: unknown[] = [];
	const flush = () => {
		if (outgoing.length > 0 && !closed) {
			port.postMessage(outgoing);
		}

		outgoing = [];
	};

	const closedBy = (reason?: string) => {
		if (!closed) {
			closed = true;
			for (const listener of closeListeners) {
				listener(reason);
			}
		}
	};

	port.on('close', () => closedBy('the scheduler thread ended'));
	return {
		send(message) {
			if (closed) {
				return;
			}

			outgoing.push(message);
			if (outgoing.length === 1) {
				queueMicrotask(flush);
			}
		},
		onMessage(listener) {
			port.on('message', (batch: unknown[]) => {
				for (const message of batch) {
					listener(message);
				}
			});
		},
		onClose(listener) {
			closeListeners.push(listener);
		},
		close() {
			flush();
			port.close();
			closedBy('closed');
		},
	};
}
