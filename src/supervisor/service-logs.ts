/**
 * A service's output files: stdout in `logs/services/<id>.log`, stderr in `<id>.err.log` (pm2 and
 * supervisord keep them apart too), rotated by size keeping N (`.1` newest … `.N`).
 *
 * The service writes them itself, through descriptors opened O_APPEND and handed to it at spawn: no
 * pipe to the scheduler, so its output does not depend on the scheduler living (a service adopted after
 * a scheduler restart goes on writing; a pipe would have broken with SIGPIPE). Rotation is therefore
 * copy-then-truncate (logrotate's copytruncate): the writer keeps its descriptor, and O_APPEND puts its
 * next line at the start of the emptied file. A line written between the copy and the truncate is lost.
 */
import {closeSync, existsSync, mkdirSync, openSync, readSync, statSync} from 'node:fs';
import {copyFile, rename, rm, truncate} from 'node:fs/promises';
import path from 'node:path';

export type OutputFiles = {out: string; err: string};

export function serviceLogFiles(logsDir: string, serviceId: string): OutputFiles {
	return {out: path.join(logsDir, `${serviceId}.log`), err: path.join(logsDir, `${serviceId}.err.log`)};
}

/** The stderr file beside a service's output file (a service run's `logPath`). */
export function errorFileOf(outFile: string): string {
	return outFile.replace(/\.log$/, '.err.log');
}

/**
 * Descriptors for a new process's stdout and stderr (the caller closes them once it has spawned).
 * @throws the file system's error, naming the path
 */
export function openOutput(files: OutputFiles): {out: number; err: number} {
	mkdirSync(path.dirname(files.out), {recursive: true, mode: 0o750});
	const out = openSync(files.out, 'a', 0o640);
	try {
		return {out, err: openSync(files.err, 'a', 0o640)};
	} catch (error) {
		closeSync(out);
		throw error;
	}
}

export function fileSize(file: string): number {
	try {
		return statSync(file).size;
	} catch {
		return 0;
	}
}

/**
 * Rotates `file` when it is over `maxBytes`: `.N-1` → `.N` … `.1` → `.2`, a copy to `.1`, then emptied.
 * True when it rotated. Asynchronous: copying 50 MB must not hold the scheduler's thread (a fire waits
 * for the longest synchronous slice).
 */
export async function rotateIfOver(file: string, maxBytes: number, keep: number): Promise<boolean> {
	if (fileSize(file) <= maxBytes) {
		return false;
	}

	if (keep > 0) {
		await rm(`${file}.${keep}`, {force: true});
		for (let index = keep - 1; index >= 1; index--) {
			if (existsSync(`${file}.${index}`)) {
				await rename(`${file}.${index}`, `${file}.${index + 1}`);
			}
		}

		await copyFile(file, `${file}.1`);
	}

	await truncate(file, 0);
	return true;
}

/**
 * The last `count` lines of `file` (from its last `maxBytes`, and not before byte `from`: what one run
 * wrote), oldest first; none when it does not exist.
 */
export function tailLines(file: string, count: number, from = 0, maxBytes = 64 * 1024): string[] {
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch {
		return [];
	}

	try {
		const size = statSync(file).size;
		// Smaller than `from`: rotated since, so all of it is newer.
		const first = size < from ? 0 : from;
		const start = Math.max(first, size - maxBytes);
		const buffer = Buffer.alloc(size - start);
		const read = readSync(fd, buffer, 0, buffer.length, start);
		const lines = buffer.subarray(0, read).toString('utf8').split('\n');
		if (start > first) {
			// The first line is cut.
			lines.shift();
		}

		if (lines.at(-1) === '') {
			lines.pop();
		}

		return lines.slice(-count);
	} finally {
		closeSync(fd);
	}
}
