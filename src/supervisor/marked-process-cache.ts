/**
 * Which processes carry a service run's mark, read once each: the memory poll asks every second about
 * every process started since the service that its links do not reach (on a busy machine, hundreds),
 * and a process's environment is what it was started with. A process is known by its pid and start
 * time (/proc/PID/stat field 22), so a reused pid is read again; what was learned of processes gone is
 * dropped at each poll.
 */
import {readFileSync} from 'node:fs';
import type {ProcStat} from '../executors/proc-stat.js';
import type {EnvironmentMark} from '../executors/run-mark.js';

/** The environment a process was started with (`NAME=value` entries, NUL-separated); `undefined` when it cannot be read. */
function readEnvironment(pid: number): string | undefined {
	try {
		return readFileSync(`/proc/${pid}/environ`, 'utf8');
	} catch {
		return undefined; // Gone, another user's, a kernel thread.
	}
}

export class MarkedProcessCache {
	/** `pid:startTicks` → whether that process carries the mark; `unsure`: read once, with no environment to be had. */
	private readonly known = new Map<string, boolean | 'unsure'>();
	private environmentReads = 0;

	/**
	 * @param mark the service run's mark (executors/run-mark.ts)
	 * @param sinceTicks the service's first process's start: no process of it is older
	 */
	constructor(private readonly mark: EnvironmentMark, private readonly sinceTicks: number) {}

	/** The processes of `stats` carrying the mark (never this process, a zombie, or one older than the service). */
	marked(stats: readonly ProcStat[]): ProcStat[] {
		const seen = new Set<string>();
		const marked = stats.filter(stat => {
			if (stat.startTicks < this.sinceTicks || stat.state === 'Z' || stat.state === 'X' || stat.pid === process.pid) {
				return false;
			}

			const key = `${stat.pid}:${stat.startTicks}`;
			seen.add(key);
			return this.carries(key, stat.pid);
		});
		for (const key of this.known.keys()) {
			if (!seen.has(key)) {
				this.known.delete(key);
			}
		}

		return marked;
	}

	/** How many processes are remembered now (for tests). */
	get size(): number {
		return this.known.size;
	}

	/** How many environments were read so far (for tests). */
	get reads(): number {
		return this.environmentReads;
	}

	private carries(key: string, pid: number): boolean {
		const cached = this.known.get(key);
		if (typeof cached === 'boolean') {
			return cached;
		}

		this.environmentReads++;
		const text = readEnvironment(pid);
		if (!text) {
			// A process in the middle of an exec shows no environment for a moment: believed when read so
			// twice, a poll apart (a kernel thread, another user's process, `env -i`).
			this.known.set(key, cached === 'unsure' ? false : 'unsure');
			return false;
		}

		const environment = text.split('\0');
		const carries = this.mark.every(entry => environment.includes(entry));
		this.known.set(key, carries);
		return carries;
	}
}
