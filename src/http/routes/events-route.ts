/**
 * `GET /v1/events`: the protocol's events as Server-Sent Events. A new client gets a `snapshot` event
 * first (then patches and runs follow on from it); a client that reconnects with `Last-Event-ID` (or
 * `?last_event_id=`) inside the journal's window gets what it missed instead, and otherwise a fresh
 * snapshot. `?events=run-finished,job-alert` picks events. A client that cannot keep up is dropped
 * rather than buffered without end.
 */
import {defaultEvents} from '../../protocol/event-names.js';
import type {RouteRegistrar} from '../api-context.js';
import type {JournalEntry} from '../event-journal.js';
import {HttpError} from '../http-errors.js';
import {urlTokenField} from '../presented-token.js';
import {queryField} from '../query-field-names.js';

const keepAliveMs = 15_000;
/** Unsent bytes a slow client may hold before it is dropped. */
const maxBufferedBytes = 4 * 1024 * 1024;

/** What the stream carries: a snapshot, then the protocol's default events (the opt-in ones feed the metrics only). */
const streamedEvents: readonly string[] = ['snapshot', ...defaultEvents];

/** The names `?events=` picks; a name the stream never carries is refused, not followed in silence. */
function wantedEvents(text: string | undefined): Set<string> | undefined {
	const names = (text ?? '').split(',').map(name => name.trim()).filter(Boolean);
	if (names.length === 0) {
		return undefined;
	}

	const unknown = names.filter(name => !streamedEvents.includes(name));
	if (unknown.length > 0) {
		throw new HttpError(400, 'bad-params', `${queryField('events')} names ${unknown.length === 1 ? 'an unknown event' : 'unknown events'} ${unknown.map(name => `"${name}"`).join(', ')}; known: ${streamedEvents.join(', ')}`);
	}

	return new Set(names);
}

function frame(id: number, name: string, data: unknown): string {
	return `id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const registerEventsRoute: RouteRegistrar = (app, {call, journal, warn}) => {
	app.get<{Querystring: {events?: string; last_event_id?: string}}>('/v1/events', {
		config: {scope: 'read', urlToken: true},
		schema: {querystring: {type: 'object', properties: {events: {type: 'string'}, last_event_id: {type: 'string', pattern: '^\\d+$'}, ...urlTokenField}, additionalProperties: false}},
	}, async (request, reply) => {
		const wanted = wantedEvents(request.query.events);
		const header = request.headers['last-event-id'];
		const lastText = (Array.isArray(header) ? header[0] : header) ?? request.query.last_event_id;
		const lastId = lastText !== undefined && /^\d+$/.test(lastText) ? Number(lastText) : undefined;
		reply.hijack();
		const raw = reply.raw;
		raw.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no'});
		if (request.method === 'HEAD') {
			// The headers are the whole answer: Node sends them only with a body or an end, so a stream left open said nothing.
			raw.end();
			return;
		}

		raw.write('retry: 2000\n\n');
		let stop = () => undefined as void;
		let keepAlive: NodeJS.Timeout | undefined;
		let closed = false;
		// Listened for at once: a client may leave while the snapshot is being read.
		raw.on('close', () => {
			closed = true;
			clearInterval(keepAlive);
			stop();
		});
		const send = (entry: JournalEntry) => {
			if (raw.destroyed || (wanted && !wanted.has(entry.name))) {
				return;
			}

			if (raw.writableLength > maxBufferedBytes) {
				// Logged once: nothing is sent to a destroyed stream (its close unsubscribes it).
				const client = `SSE client ${request.ip}:${request.socket.remotePort ?? '?'}`;
				warn?.({client, userAgent: request.headers['user-agent'], backlogBytes: maxBufferedBytes}, `dropped ${client} from /v1/events: it read nothing while ${maxBufferedBytes / 1024 / 1024} MB waited for it (stopped, or on a stalled link)`);
				raw.destroy();
				return;
			}

			entry.frame ??= frame(entry.id, entry.name, entry.data);
			raw.write(entry.frame);
		};

		// Followed before the snapshot is read: nothing published after it can fall between the two.
		const pending: JournalEntry[] = [];
		let ready = false;
		const following = journal.follow(entry => (ready ? send(entry) : pending.push(entry)), lastId);
		stop = following.stop;
		if (closed) {
			stop();
			return;
		}

		if (lastId === undefined || following.missed) {
			try {
				const snapshot = await call('snapshot', {});
				raw.write(frame(journal.lastId, 'snapshot', snapshot));
			} catch {
				// The scheduler is going away: so is this stream.
				raw.destroy();
				return;
			}

			// Whatever came before the snapshot is already in it.
			pending.splice(0, pending.length, ...pending.filter(entry => entry.id > journal.lastId));
		}

		ready = true;
		for (const entry of pending) {
			send(entry);
		}

		if (!closed) {
			keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), keepAliveMs);
		}
	});
};
