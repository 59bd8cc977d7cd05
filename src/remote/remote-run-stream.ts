/**
 * A run's event stream, as the scheduler follows it: each event once and in order (by its sequence
 * number), passed on to the run's sink — taken and started by a worker, progress, log lines, the log
 * file's bytes, notifications — and its end: the worker's outcome, or a hand-over to another worker.
 */
import type {RemoteRunEnding} from './remote-run-ending.js';
import type {RemoteRunState} from './remote-run-state.js';
import type {RunEvent, SequencedEvent} from './run-events.js';
import {stalledNote} from './stalled-note.js';

export class RemoteRunStream {
	private lastSeq = 0;
	private listening = false;

	constructor(private readonly run: RemoteRunState, private readonly ending: RemoteRunEnding) {}

	/** Reads the run's stream from its start (`history`: it may hold events already, read them now). */
	listen(history: boolean): void {
		if (!this.listening) {
			this.listening = true;
			this.run.deps.reader.follow(this.run.keys.events, '0', events => {
				this.onEvents(events);
			}, history);
		}
	}

	unfollow(): void {
		// A duplicate never listened: the stream it names is the run that won's.
		if (this.listening) {
			this.listening = false;
			this.run.deps.reader.unfollow(this.run.keys.events);
		}
	}

	private onEvents(events: SequencedEvent[]): void {
		// A run taken and started in the same read (a short run: one news entry) is told started once, with its worker.
		const startedToo = events.some(event => event.t === 'started');
		for (const event of events) {
			// Events may come before the add's answer (phase still connecting): they are this run's all the same.
			if (!this.run.isLive) {
				return;
			}

			if (event.s !== undefined) {
				if (event.s <= this.lastSeq) {
					continue;
				}

				this.lastSeq = event.s;
			}

			this.onEvent(event, startedToo);
		}
	}

	private onEvent(event: RunEvent, startedToo: boolean): void {
		const {run} = this;
		const {sink} = run;
		switch (event.t) {
			case 'taken': {
				run.worker = event.worker;
				if (!startedToo) {
					sink.started(event.at, undefined, event.worker);
				}

				break;
			}

			case 'started': {
				sink.started(event.at, undefined, run.worker);
				break;
			}

			case 'progress': {
				sink.progress(event.f, event.m);
				break;
			}

			case 'lines': {
				sink.log(event.lines);
				break;
			}

			case 'log': {
				run.wroteLog = true;
				run.log.append(event.o, event.n, event.d);
				break;
			}

			case 'notify': {
				sink.notify(event.title, event.body, event.users);
				break;
			}

			case 'stalled': {
				run.stalled = stalledNote(event.by, run.worker);
				break;
			}

			case 'end': {
				if (event.handOver) {
					this.ending.handOver('WorkerStopped', event.handOver);
					return;
				}

				const outcome = run.withLogNote(event.outcome);
				this.ending.settle(typeof event.at === 'number' && Number.isFinite(event.at) ? {...outcome, endedAt: event.at} : outcome, true);
				break;
			}

			default: {
				break;
			}
		}
	}
}
