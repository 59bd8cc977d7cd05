/**
 * What an adopted process wrote before the scheduler that adopts it started, for its readiness: the
 * scheduler before died while the process was `starting` or after it was `up`, and only its output
 * (its ready line, or none yet) tells which. A one-off read at adoption, of a file up to log_max_size
 * (10 MB by default); a bigger one (a log_max_size of gigabytes) is not read whole into memory here.
 */
import {closeSync, openSync, readSync} from 'node:fs';
import {fileSize} from './service-logs.js';

/** The most read at adoption: past it, the run's start is taken as not found (it is then taken as up, as before). */
const maxReadBytes = 64 * 1024 * 1024;

function readFrom(file: string, from: number): Buffer {
	const size = fileSize(file);
	if (size <= from || size > maxReadBytes) {
		return Buffer.alloc(0);
	}

	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch {
		return Buffer.alloc(0);
	}

	try {
		const buffer = Buffer.alloc(size - from);
		return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, from));
	} finally {
		closeSync(fd);
	}
}

/**
 * Where run `runId`'s lines begin in the live output file (after its start mark), or undefined when its
 * start mark is not there (rotated away: what it wrote first is no longer in this file).
 */
export function runLinesStart(file: string, serviceId: string, runId: number): number | undefined {
	const bytes = readFrom(file, 0);
	const mark = Buffer.from(`--- sage-console: run ${runId} of ${serviceId} started `);
	for (let at = bytes.indexOf(mark); at !== -1; at = bytes.indexOf(mark, at + 1)) {
		if (at === 0 || bytes[at - 1] === 0x0A) {
			const lineEnd = bytes.indexOf(0x0A, at);
			return lineEnd === -1 ? bytes.length : lineEnd + 1;
		}
	}

	return undefined;
}

/**
 * The first whole line from `from` to the file's end that matches `pattern`, and where the whole lines
 * read end (a watch goes on from there: a line still being written is read whole later).
 */
export function matchingLineSince(file: string, from: number, pattern: string): {line: string | undefined; end: number} {
	const bytes = readFrom(file, from);
	const whole = bytes.lastIndexOf(0x0A) + 1;
	const regex = new RegExp(pattern);
	const line = bytes.toString('utf8', 0, whole).split('\n').find(text => regex.test(text));
	return {line, end: from + whole};
}
