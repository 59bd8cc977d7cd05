import {readdirSync, readFileSync} from 'node:fs';
import {afterEach} from 'vitest';

/**
 * Every live process of the root `marker`, children of another such process included: one whose command
 * line holds it (a headless scheduler started with `--root ROOT`, a service's script under the root), or
 * a service the root's scheduler started, whose environment says so (`SAGE_SERVICE_ROOT=ROOT`) whatever
 * its command (`sh -c 'while :; do sleep 1; done'`). Services are the scheduler's children but a process
 * group of their own, so killing the scheduler leaves them running.
 */
function everyProcessWith(marker: string): number[] {
	const found: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name) || Number(name) === process.pid) {
			continue;
		}

		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z' && (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker) || serviceOf(name, marker))) {
				found.push(Number(name));
			}
		} catch {
			// Gone meanwhile.
		}
	}

	return found;
}

/** Whether process `pid` is a service the scheduler of `root` started (its environment names the root). */
function serviceOf(pid: string, root: string): boolean {
	try {
		return `\0${readFileSync(`/proc/${pid}/environ`, 'utf8')}`.includes(`\0SAGE_SERVICE_ROOT=${root}\0`);
	} catch {
		// Gone, or another user's: not ours.
		return false;
	}
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
