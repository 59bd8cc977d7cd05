import {execFileSync} from 'node:child_process';
import {makeTempRoot} from './temp-root.js';

/** Whether this process may mount a tmpfs (root, and mounts allowed): real full or read-only disks need it. */
export const canMountTmpfs = (() => {
	if (process.getuid?.() !== 0) {
		return false;
	}

	const probe = makeTempRoot();
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe.dir]);
		execFileSync('umount', [probe.dir]);
		return true;
	} catch {
		return false;
	} finally {
		probe.remove();
	}
})();
