import {readdirSync, readFileSync} from 'node:fs';
import {afterEach} from 'vitest';

/**
 * Every live process whose command line holds `marker`, children of another such process included: a
 * headless scheduler started with `--root ROOT` holds the root, and so do the services it started, which
 * are its children but a process group of their own, so killing the scheduler leaves them running.
 */
function everyProcessWith(marker: string): number[] {
	const found: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) {
			continue;
		}

		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z' && readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) {
				found.push(Number(name));
			}
		} catch {
			// Gone meanwhile.
		}
	}

	return found;
}

/**
 * Services outlive a headless scheduler killed with -9, by design: after each test of the calling file,
 * every process whose command line holds the root last given to `watch` (the scheduler and each
 * service) is killed (SIGKILL). Call it at the top of a file, next to trackHeadlessProcesses.
 */
export function trackServiceProcesses(): {watch(root: string): void} {
	let serviceRoot: string | undefined;
	afterEach(() => {
		for (const pid of serviceRoot ? everyProcessWith(serviceRoot) : []) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Ended meanwhile (a service whose scheduler was killed just before).
			}
		}
	});
	return {
		watch(root) {
			serviceRoot = root;
		},
	};
}
