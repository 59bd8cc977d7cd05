import type {EventName, Events, Method, ParamsOf, ResultOf} from './messages.js';
import {protocolVersion} from './protocol-version.js';
import type {Transport} from './transport.js';
import {ConnectionClosedError, ProtocolError, readServerMessage, type ClosingMessage, type CloseCode} from './wire.js';

type Pending = {resolve: (result: unknown) => void; reject: (error: Error) => void};
type AnyListener = (data: unknown) => void;

/**
 * Asked when the connection closes without the scheduler saying why: whether the scheduler that said
 * hello still answers (another connection to it, with the same pid and start). True, it cut this client off:
 * it had dropped it for not reading (a `logs --follow` stopped past the grace) and the closing line
 * that said so was lost with the connection; the close is told as that drop, not as the scheduler
 * going away.
 */
export type StillAnswers = () => Promise<boolean>;

/** Why the connection closed when the scheduler cut this client off (StillAnswers): it said so in a line this client never got. */
export const cutOffReason = 'dropped by the scheduler, which still runs: this client read nothing for too long, and its connection was cut off before it read why';

/**
 * A scheduler as its clients see it: typed requests that settle with the result (or a ProtocolError),
 * and typed events. Knows nothing of where the scheduler runs: a thread, or another process.
 */
export class SchedulerClient {
	private nextId = 1;
	private readonly pending = new Map<number, Pending>();
	private readonly listeners = new Map<EventName, Set<AnyListener>>();
	private readonly closeListeners = new Set<(reason?: string, code?: CloseCode, at?: number) => void>();
	private closedReason: string | undefined;
	/** The scheduler's last word before it ended the connection: why (a client that stopped reading). */
	private closing: ClosingMessage | undefined;
	private closed = false;
	/** See StillAnswers; asked once, while the close is held back. */
	private stillAnswers: StillAnswers | undefined;
	/** The connection closed without a word and whether the scheduler still answers is being asked. */
	private asking = false;

	constructor(private readonly transport: Transport) {
		transport.onMessage(message => this.receive(message));
		transport.onClose(reason => this.closedBy(reason));
	}

	/**
	 * Says hello (the protocol's versions must match) and returns a ready client.
	 * @throws ProtocolError `version-mismatch` when the scheduler speaks another version
	 */
	static async connect(transport: Transport, clientName: string): Promise<{client: SchedulerClient; server: ResultOf<'hello'>}> {
		const client = new SchedulerClient(transport);
		try {
			const server = await client.request('hello', {protocol: protocolVersion, client: clientName});
			return {client, server};
		} catch (error) {
			client.close();
			throw error;
		}
	}

	async request<M extends Method>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
		if (this.closed) {
			throw new ConnectionClosedError(this.closedReason ?? 'the connection to the scheduler is closed');
		}

		const id = this.nextId++;
		return new Promise<ResultOf<M>>((resolve, reject) => {
			this.pending.set(id, {resolve: resolve as (result: unknown) => void, reject});
			this.transport.send({kind: 'request', id, method, params});
		});
	}

	/**
	 * How to learn, when the connection closes without a closing line, whether the scheduler still
	 * answers (StillAnswers): until it is known, pending requests wait and close listeners are not told.
	 */
	explainSilentCloseWith(stillAnswers: StillAnswers): void {
		this.stillAnswers = stillAnswers;
	}

	on<E extends EventName>(name: E, listener: (data: Events[E]) => void): () => void {
		let set = this.listeners.get(name);
		if (!set) {
			set = new Set();
			this.listeners.set(name, set);
		}

		set.add(listener as AnyListener);
		return () => set.delete(listener as AnyListener);
	}

	/**
	 * Called once when the scheduler goes away or the client closes; `code` when the scheduler said why
	 * it ended the connection (`stopped-reading`: it dropped this client for not reading), and `at` when it
	 * did (its clock), which a client that was not reading learns late.
	 */
	onClose(listener: (reason?: string, code?: CloseCode, at?: number) => void): () => void {
		if (this.closed) {
			queueMicrotask(() => listener(this.closedReason, this.closing?.code, this.closing?.at));
			return () => undefined;
		}

		this.closeListeners.add(listener);
		return () => this.closeListeners.delete(listener);
	}

	/** The scheduler's last line, when it said why it ended the connection (its `cause` for a stop on purpose). */
	get closedWith(): ClosingMessage | undefined {
		return this.closed ? this.closing : undefined;
	}

	get isClosed(): boolean {
		return this.closed;
	}

	close(): void {
		if (!this.closed) {
			// Closed by this side (also while asking why the connection closed): nothing to ask, nor to wait for.
			this.stillAnswers = undefined;
			this.asking = false;
			this.transport.close();
			this.closedBy('closed by the client', true);
		}
	}

	private receive(raw: unknown): void {
		const message = readServerMessage(raw);
		if (!message) {
			return;
		}

		if (message.kind === 'event') {
			for (const listener of this.listeners.get(message.name) ?? []) {
				listener(message.data);
			}

			return;
		}

		if (message.kind === 'closing') {
			// The connection ends after it: its reason is the close's.
			this.closing = message;
			return;
		}

		const pending = message.id === null ? undefined : this.pending.get(message.id);
		if (!pending) {
			return;
		}

		this.pending.delete(message.id!);
		if (message.ok) {
			pending.resolve(message.result);
		} else {
			pending.reject(new ProtocolError(message.error.code, message.error.message));
		}
	}

	private closedBy(reason?: string, byClient = false): void {
		if (this.closed || (this.asking && !byClient)) {
			return;
		}

		const stillAnswers = this.stillAnswers;
		if (!byClient && !this.closing && stillAnswers) {
			// Closed without a word: the scheduler went away, or it cut this client off and still runs.
			this.asking = true;
			this.stillAnswers = undefined;
			void stillAnswers().catch(() => false).then(answers => {
				if (this.asking) {
					this.asking = false;
					this.closing = answers ? {kind: 'closing', code: 'stopped-reading', reason: cutOffReason} : undefined;
					this.closedBy(reason);
				}
			});
			return;
		}

		this.closed = true;
		this.closedReason = this.closing?.reason ?? reason;
		const code = this.closing?.code;
		const error = new ConnectionClosedError(this.closedReason ?? 'the scheduler went away', code);
		for (const pending of this.pending.values()) {
			pending.reject(error);
		}

		this.pending.clear();
		for (const listener of this.closeListeners) {
			listener(this.closedReason, code, this.closing?.at);
		}

		this.closeListeners.clear();
	}
}
