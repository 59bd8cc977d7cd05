import type {LogLine} from '../core/log-line.js';

/**
 * The newest log lines of all runs, in a fixed-size ring: memory stays bounded however long the
 * console runs. Listeners hear about appends, not lines, so a UI can redraw at its own pace.
 */
export class LogTail {
	private readonly ring: Array<LogLine | undefined>;
	private next = 0;
	private size = 0;
	private readonly listeners = new Set<() => void>();
	/** Increases on every append; cheap change detection for readers. */
	version = 0;

	constructor(readonly capacity = 5000) {
		this.ring = Array.from({length: capacity});
	}

	append(lines: readonly LogLine[]): void {
		for (const line of lines) {
			this.ring[this.next] = line;
			this.next = (this.next + 1) % this.capacity;
			this.size = Math.min(this.size + 1, this.capacity);
		}

		if (lines.length > 0) {
			this.version++;
			for (const listener of this.listeners) {
				listener();
			}
		}
	}

	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * Lines oldest first, ending `skip` lines before the newest.
	 * @param filter keeps only matching lines (e.g. one job's)
	 */
	newest(count: number, skip = 0, filter?: (line: LogLine) => boolean): LogLine[] {
		const out: LogLine[] = [];
		let toSkip = skip;
		for (let i = 1; i <= this.size && out.length < count; i++) {
			const line = this.ring[(this.next - i + this.capacity) % this.capacity]!;
			if (filter && !filter(line)) {
				continue;
			}

			if (toSkip > 0) {
				toSkip--;
				continue;
			}

			out.push(line);
		}

		return out.reverse();
	}

	get length(): number {
		return this.size;
	}
}
