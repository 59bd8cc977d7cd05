/**
 * The scheduler's events as clients receive them. Run and job events pass through as they happen;
 * the busy ones are gathered: log lines every 100 ms (at most 2,000 a batch; the run logs keep every
 * line), a run's progress and the snapshot's changed parts every 250 ms. Each listener names the
 * events it wants; nothing is gathered while no listener wants the busy ones, so a scheduler alone —
 * or one whose only client is the HTTP API's metrics — does no work for them.
 */
import type {LogLine} from '../core/log-line.js';
import {defaultEvents} from '../protocol/event-names.js';
import type {EventName, Events} from '../protocol/messages.js';
import type {EventSource} from '../protocol/server-session.js';
import type {SchedulerSnapshot, SnapshotPatch} from '../protocol/snapshot.js';
import type {Scheduler} from '../scheduler/scheduler.js';

type Listener = <E extends EventName>(name: E, data: Events[E]) => void;

const linesEveryMs = 100;
const snapshotEveryMs = 250;
const maxLinesPerBatch = 2000;

const passedThrough = ['run-queued', 'run-started', 'run-finished', 'run-skipped', 'job-changed', 'config-reloaded', 'config-invalid', 'scheduler-state', 'job-notify', 'job-alert', 'fired', 'fires-missed', 'run-failure-final'] as const;
/** Events gathered on timers: listened for only while someone wants one of them. */
const gathered: readonly EventName[] = ['log-lines', 'run-progress', 'snapshot-changed'];
const everyDefault: ReadonlySet<EventName> = new Set(defaultEvents);

/** The parts of `next` that are not the very same objects as in `previous`. */
export function snapshotPatch(previous: SchedulerSnapshot | undefined, next: SchedulerSnapshot): SnapshotPatch | undefined {
	if (!previous) {
		return next;
	}

	const patch: Record<string, unknown> = {};
	for (const key of Object.keys(next) as Array<keyof SchedulerSnapshot>) {
		if (next[key] !== previous[key]) {
			patch[key] = next[key];
		}
	}

	return Object.keys(patch).length > 0 ? patch as SnapshotPatch : undefined;
}

export class EventRelay implements EventSource {
	private readonly listeners = new Map<Listener, ReadonlySet<EventName>>();
	private readonly detach: Array<() => void> = [];
	private readonly detachGathering: Array<() => void> = [];
	private lines: LogLine[] = [];
	private skippedLines = 0;
	private linesTimer: NodeJS.Timeout | undefined;
	private progress = new Map<number, Events['run-progress']>();
	private snapshotTimer: NodeJS.Timeout | undefined;
	private lastSnapshot: SchedulerSnapshot | undefined;

	constructor(private readonly scheduler: Scheduler) {}

	on(listener: Listener, names: ReadonlySet<EventName> = everyDefault): () => void {
		this.listeners.set(listener, names);
		if (this.listeners.size === 1) {
			this.attach();
		}

		if (this.detachGathering.length === 0 && this.wantsGathered()) {
			this.attachGathering();
		}

		return () => {
			if (!this.listeners.delete(listener)) {
				return;
			}

			if (this.listeners.size === 0) {
				this.stop();
			} else if (!this.wantsGathered()) {
				this.stopGathering();
			}
		};
	}

	/** An event from beside the scheduler (the notifier's deliveries), to the listeners that want it. */
	publish<E extends EventName>(name: E, data: Events[E]): void {
		this.emit(name, data);
	}

	/**
	 * The snapshot a new subscriber starts from: what was gathered goes out first (to every listener,
	 * the new one included, which ignores events that come before its answer), so later patches and
	 * lines follow on from exactly this snapshot and the tail.
	 */
	snapshotForNewClient(): SchedulerSnapshot {
		this.flushLines();
		this.flushSnapshot();
		return this.lastSnapshot ?? this.scheduler.snapshot();
	}

	stop(): void {
		for (const off of this.detach.splice(0)) {
			off();
		}

		this.stopGathering();
	}

	private wantsGathered(): boolean {
		return [...this.listeners.values()].some(names => gathered.some(name => names.has(name)));
	}

	private stopGathering(): void {
		for (const off of this.detachGathering.splice(0)) {
			off();
		}

		clearTimeout(this.linesTimer);
		clearTimeout(this.snapshotTimer);
		this.linesTimer = undefined;
		this.snapshotTimer = undefined;
		this.lines = [];
		this.progress.clear();
		this.lastSnapshot = undefined;
	}

	private attach(): void {
		const events = this.scheduler.events;
		for (const name of passedThrough) {
			this.detach.push(events.on(name, data => {
				// A run's last progress goes out before its end.
				if (name === 'run-finished') {
					this.flushProgress();
				}

				this.emit(name, data as never);
			}));
		}
	}

	private attachGathering(): void {
		const events = this.scheduler.events;
		this.detachGathering.push(
			events.on('log-lines', ({lines}) => this.gatherLines(lines)),
			events.on('run-progress', event => {
				this.progress.set(event.runId, event);
				this.snapshotTimer ??= setTimeout(() => this.flushSnapshot(), snapshotEveryMs);
			}),
			events.on('changed', () => {
				this.snapshotTimer ??= setTimeout(() => this.flushSnapshot(), snapshotEveryMs);
			}),
		);
		this.lastSnapshot = this.scheduler.snapshot();
	}

	private emit<E extends EventName>(name: E, data: Events[E]): void {
		for (const [listener, names] of this.listeners) {
			if (names.has(name)) {
				listener(name, data);
			}
		}
	}

	private gatherLines(lines: LogLine[]): void {
		this.lines.push(...lines);
		if (this.lines.length > maxLinesPerBatch) {
			this.skippedLines += this.lines.length - maxLinesPerBatch;
			this.lines = this.lines.slice(-maxLinesPerBatch);
		}

		this.linesTimer ??= setTimeout(() => this.flushLines(), linesEveryMs);
	}

	private flushLines(): void {
		clearTimeout(this.linesTimer);
		this.linesTimer = undefined;
		const lines = this.lines;
		this.lines = [];
		if (this.skippedLines > 0) {
			lines.unshift({time: Date.now(), level: 'warn', msg: `… ${this.skippedLines} log lines not shown here (too many at once; every line is in its run's log file)`});
			this.skippedLines = 0;
		}

		if (lines.length > 0) {
			this.emit('log-lines', {lines});
		}
	}

	private flushProgress(): void {
		for (const event of this.progress.values()) {
			this.emit('run-progress', event);
		}

		this.progress.clear();
	}

	private flushSnapshot(): void {
		clearTimeout(this.snapshotTimer);
		this.snapshotTimer = undefined;
		this.flushProgress();
		const next = this.scheduler.snapshot();
		const patch = snapshotPatch(this.lastSnapshot, next);
		this.lastSnapshot = next;
		if (patch && this.listeners.size > 0) {
			this.emit('snapshot-changed', patch);
		}
	}
}
