/**
 * A process whose wall clock a test can step: Debian's libfaketime, preloaded, reads the offset from a
 * file at every call (FAKETIME_NO_CACHE) and leaves the monotonic clock alone, as an NTP step does.
 */
import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';

export const libfaketime = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/** Whether libfaketime is installed (tests that need it are skipped without it). */
export const canStepClock = existsSync(libfaketime);

/**
 * The environment for a process with a steppable wall clock, its offset kept in `dir/clock-offset`
 * (starting at +0), and `step(offset)` to move it: '+1h', '-2h', '+0'.
 */
export function steppedClock(dir: string): {env: Record<string, string>; step(offset: string): void} {
	const offsetFile = path.join(dir, 'clock-offset');
	const step = (offset: string) => {
		writeFileSync(offsetFile, `${offset}\n`);
	};

	step('+0');
	return {env: {LD_PRELOAD: libfaketime, FAKETIME_TIMESTAMP_FILE: offsetFile, FAKETIME_NO_CACHE: '1', DONT_FAKE_MONOTONIC: '1'}, step};
}
