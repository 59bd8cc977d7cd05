import {mkdirSync, statSync, unlinkSync} from 'node:fs';
import {open, stat, unlink} from 'node:fs/promises';
import type {RunLogNames} from '../engine/ports.js';
import {runLogPath} from '../engine/run-log-name.js';

/** The store's run numbers, handed out in increasing order within a day. */
export type RunNumberSource = {
	nextRunNumber(day: string): number;
	upcomingRunNumbers(day: string, count: number): number[];
};

export type RunLogReserveOptions = {
	/** Today (YYYYMMDD, in the scheduler's time zone): the day to make files for. */
	today: () => string;
	/** How long after the last run's start the reserve waits before making files. @default 50 */
	quietMs?: number;
	/** Files kept ready at least, and at most. @default 16, 1000 */
	least?: number;
	most?: number;
};

const dayCheckMs = 3_600_000;

/**
 * Run log files made ahead of time, in quiet moments. Creating a file is the dearest step of a run's
 * start on an ext4 disk (~0.45 ms of kernel time here, against ~13 µs to open one that exists): a
 * second with a hundred starts spent ~45 ms of the two cores on it, in the middle of the burst. The
 * reserve keeps the files of the day's next run numbers ready and empty, twice as many as the most
 * runs that started between two quiet moments (16 at least), made one at a time off the scheduler's
 * thread once starts have paused for `quietMs`, and it stops as soon as a run starts again.
 * Unused files are removed at the change of day and at close (only while empty); a crash leaves a
 * few empty files, which go with the run logs' retention.
 */
export class RunLogReserve implements RunLogNames {
	private day = '';
	/** Numbers of `day` whose file is made and not yet handed out. */
	private readonly ready = new Set<number>();
	private lastTaken = 0;
	private takesSinceFill = 0;
	private busiest = 0;
	private lastTakeAt = 0;
	private quietTimer: NodeJS.Timeout | undefined;
	private dayTimer: NodeJS.Timeout | undefined;
	private filling: Promise<void> | undefined;
	private closed = false;
	private readonly quietMs: number;
	private readonly least: number;
	private readonly most: number;

	constructor(private readonly folder: string, private readonly numbers: RunNumberSource, private readonly options: RunLogReserveOptions) {
		this.quietMs = options.quietMs ?? 50;
		this.least = options.least ?? 16;
		this.most = options.most ?? 1000;
	}

	/** Makes the first files, and checks for a new day every hour so its first runs find theirs ready. */
	start(): void {
		this.afterQuiet(0);
		this.dayTimer = setInterval(() => {
			if (this.options.today() !== this.day) {
				void this.fill();
			}
		}, dayCheckMs);
		this.dayTimer.unref();
	}

	take(day: string): string {
		const number = this.numbers.nextRunNumber(day);
		if (day === this.day) {
			this.ready.delete(number);
			this.lastTaken = number;
		}

		this.takesSinceFill++;
		this.lastTakeAt = performance.now();
		this.afterQuiet(this.quietMs);
		return runLogPath(this.folder, day, number);
	}

	/** Files made and not yet used. */
	get readyCount(): number {
		return this.ready.size;
	}

	/** Stops making files and removes the unused ones that are still empty. */
	async close(): Promise<void> {
		this.closed = true;
		clearTimeout(this.quietTimer);
		clearInterval(this.dayTimer);
		await this.filling;
		for (const number of this.ready) {
			removeIfEmptySync(runLogPath(this.folder, this.day, number));
		}

		this.ready.clear();
	}

	private afterQuiet(ms: number): void {
		if (this.quietTimer || this.closed) {
			return;
		}

		this.quietTimer = setTimeout(() => {
			this.quietTimer = undefined;
			const quietFor = performance.now() - this.lastTakeAt;
			if (quietFor < this.quietMs) {
				this.afterQuiet(this.quietMs - quietFor);
			} else {
				void this.fill();
			}
		}, ms);
		this.quietTimer.unref();
	}

	private async fill(): Promise<void> {
		if (this.closed) {
			return;
		}

		if (this.filling) {
			// Still making files (a slow disk): look again once it is done.
			void this.filling.then(() => this.afterQuiet(0));
			return;
		}

		this.filling = this.makeFiles().finally(() => {
			this.filling = undefined;
		});
		return this.filling;
	}

	private async makeFiles(): Promise<void> {
		const startedAt = this.lastTakeAt;
		try {
			const day = this.options.today();
			if (day !== this.day) {
				await this.dropDay();
				this.day = day;
				this.lastTaken = 0;
			}

			this.busiest = Math.max(this.busiest, this.takesSinceFill);
			this.takesSinceFill = 0;
			const wanted = Math.min(this.most, Math.max(this.least, 2 * this.busiest));
			mkdirSync(this.folder, {recursive: true});
			for (const number of this.numbers.upcomingRunNumbers(day, wanted)) {
				// A run started: the threads are needed for it; the next quiet moment goes on.
				if (this.closed || this.lastTakeAt !== startedAt) {
					return;
				}

				if (!this.ready.has(number)) {
					// One at a time, so making files never crowds a start.
					await (await open(runLogPath(this.folder, day, number), 'a')).close();
					if (number > this.lastTaken) {
						this.ready.add(number);
					}
				}
			}
		} catch {
			// A full or read-only disk: each run then makes its own file, as without the reserve.
		}
	}

	/** The previous day's unused files. */
	private async dropDay(): Promise<void> {
		const files = [...this.ready].map(number => runLogPath(this.folder, this.day, number));
		this.ready.clear();
		await Promise.all(files.map(async file => {
			try {
				if ((await stat(file)).size === 0) {
					await unlink(file);
				}
			} catch {
				// Gone already.
			}
		}));
	}
}

function removeIfEmptySync(file: string): void {
	try {
		if (statSync(file).size === 0) {
			unlinkSync(file);
		}
	} catch {
		// Gone already.
	}
}
