import {afterEach} from 'vitest';
import {processesWith} from '../supervisor/service-host.js';

/**
 * Services outlive a headless scheduler killed with -9, by design: after each test of the calling file,
 * every process whose command line holds the root last given to `watch` is killed (SIGKILL). Call it
 * at the top of a file, next to trackHeadlessProcesses.
 */
export function trackServiceProcesses(): {watch(root: string): void} {
	let serviceRoot: string | undefined;
	afterEach(() => {
		for (const pid of serviceRoot ? processesWith(serviceRoot) : []) {
			process.kill(pid, 'SIGKILL');
		}
	});
	return {
		watch(root) {
			serviceRoot = root;
		},
	};
}
