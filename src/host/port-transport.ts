import type {MessagePort} from 'node:worker_threads';
import type {Transport} from '../protocol/transport.js';

/** The protocol between two threads of one process: structured clones over a MessagePort. */
export function portTransport(port: MessagePort): Transport {
	const closeListeners: Array<(reason?: string) => void> = [];
	let closed = false;
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
			if (!closed) {
				port.postMessage(message);
			}
		},
		onMessage(listener) {
			port.on('message', listener);
		},
		onClose(listener) {
			closeListeners.push(listener);
		},
		close() {
			port.close();
			closedBy('closed');
		},
	};
}
