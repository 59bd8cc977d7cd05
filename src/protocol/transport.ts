import type {CloseCode} from './wire.js';

/**
 * A two-way message pipe: a MessagePort between threads, or a unix socket between processes. Messages
 * are plain JSON-able values; a transport delivers them whole and in order.
 */
export type Transport = {
	send(message: unknown): void;
	onMessage(listener: (message: unknown) => void): void;
	/**
	 * Called once, when the other side or the transport itself closes (`reason` says why, if known;
	 * `code` when the transport ended it for a known cause, e.g. a peer that stopped reading).
	 */
	onClose(listener: (reason?: string, code?: CloseCode) => void): void;
	close(): void;
};
