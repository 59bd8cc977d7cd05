import {readFileSync} from 'node:fs';

/** Linux's USER_HZ: /proc/PID/stat counts a process's start in hundredths of a second since boot. */
export const ticksPerSecond = 100;

/** When this machine booted, in seconds since the epoch (`btime` of /proc/stat, whole seconds), or undefined without /proc. */
export function bootTimeSeconds(): number | undefined {
	try {
		const line = /^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'));
		return line ? Number(line[1]) : undefined;
	} catch {
		return undefined;
	}
}

/** When a process that started `startTicks` after boot started, in ms since the epoch (to about a second). */
export function processStartedAt(startTicks: number): number | undefined {
	const boot = bootTimeSeconds();
	return boot === undefined ? undefined : (boot * 1000) + (startTicks * 1000 / ticksPerSecond);
}
