/**
 * One run's lines of a service's output file, told apart from the other runs' by the marks the
 * supervisor writes at each run's start and end (service-run-marks.ts), looked for in the rotated
 * files too (`.N` oldest … `.1`, then the live file).
 *
 * The files are up to (log_keep + 1) × log_max_size (60 MB by default) and the scheduler reads them
 * for clients on its own thread, so they are read asynchronously, newest first, and the marks are
 * found by a byte search: only the run's own lines are decoded and split. (Decoding and splitting all
 * of them stalled the scheduler's thread ~0.5 s a read at the defaults.)
 */
import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {runMarkOf} from './service-run-marks.js';

export type ServiceRunLines = {
	lines: string[];
	/** Set when some or all of the run's lines are no longer in the files: says so, for the reader. */
	missing?: string;
	/** Bytes of the live file read: a follower reads on from here. */
	endOffset: number;
};

const markStart = Buffer.from('--- sage-console: run ');
const newline = 10;

/** The output file and its rotated copies, oldest first (rotation keeps them numbered without gaps). */
function filesOldestFirst(logPath: string): string[] {
	const rotated: string[] = [];
	for (let index = 1; existsSync(`${logPath}.${index}`); index++) {
		rotated.unshift(`${logPath}.${index}`);
	}

	return [...rotated, logPath];
}

async function readOrEmpty(file: string): Promise<Buffer> {
	try {
		return await readFile(file);
	} catch {
		return Buffer.alloc(0);
	}
}

type Mark = {at: number; end: number; runId: number; edge: 'started' | 'ended'};

/** The next mark line at or after `from` (marks begin a line), with where its line ends. */
function nextMark(bytes: Buffer, from: number): Mark | undefined {
	for (let at = bytes.indexOf(markStart, from); at !== -1; at = bytes.indexOf(markStart, at + 1)) {
		if (at > 0 && bytes[at - 1] !== newline) {
			continue;
		}

		const lineEnd = bytes.indexOf(newline, at);
		const end = lineEnd === -1 ? bytes.length : lineEnd;
		const mark = runMarkOf(bytes.toString('utf8', at, end));
		if (mark) {
			return {at, end, ...mark};
		}
	}

	return undefined;
}

/** Where `runId`'s start mark is in `bytes`. */
function startOf(bytes: Buffer, runId: number): number | undefined {
	const needle = Buffer.from(`--- sage-console: run ${runId} of `);
	for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
		if (at > 0 && bytes[at - 1] !== newline) {
			continue;
		}

		const lineEnd = bytes.indexOf(newline, at);
		if (runMarkOf(bytes.toString('utf8', at, lineEnd === -1 ? bytes.length : lineEnd))?.edge === 'started') {
			return at;
		}
	}

	return undefined;
}

/** The lines of `bytes` from `from` to `to`, a file's last newline not making an empty line. */
function linesOf(bytes: Buffer, from: number, to: number): string[] {
	if (from >= to) {
		return [];
	}

	const lines = bytes.toString('utf8', from, to).split('\n');
	if (lines.at(-1) === '') {
		lines.pop();
	}

	return lines;
}

/** Adds `more` to the end of `lines` one by one: a run has hundreds of thousands of lines, too many to spread as arguments. */
function append(lines: string[], more: readonly string[]): void {
	for (const line of more) {
		lines.push(line);
	}
}

/**
 * From `start` in `files[first]` on through the newer files: this run's lines, until a mark of another
 * run (not included) or this run's end mark (included).
 */
function upToOthers(files: Buffer[], first: number, start: number, runId: number): string[] {
	const lines: string[] = [];
	for (let index = first, from = start; index < files.length; index++, from = 0) {
		const bytes = files[index]!;
		// The run's own start mark is the first line; look for the next mark after it.
		for (let mark = nextMark(bytes, from); mark; mark = nextMark(bytes, mark.end)) {
			if (mark.runId !== runId) {
				append(lines, linesOf(bytes, from, mark.at));
				return lines;
			}

			if (mark.edge === 'ended') {
				append(lines, linesOf(bytes, from, Math.min(mark.end + 1, bytes.length)));
				return lines;
			}
		}

		append(lines, linesOf(bytes, from, bytes.length));
	}

	return lines;
}

/**
 * Run `runId`'s lines of `logPath` (its own start and end marks included), up to the next run's mark.
 * `ended`: the run has ended (a live run's lines go on to the end of the file).
 */
export async function serviceRunLines(logPath: string, runId: number, ended: boolean): Promise<ServiceRunLines> {
	const names = filesOldestFirst(logPath);
	const files: Buffer[] = Array.from({length: names.length}, () => Buffer.alloc(0));
	// Newest first: a recent run's start is in the live file, and the older files need no reading.
	for (let index = names.length - 1; index >= 0; index--) {
		files[index] = await readOrEmpty(names[index]!);
		const start = startOf(files[index]!, runId);
		if (start !== undefined) {
			return {lines: upToOthers(files, index, start, runId), endOffset: files.at(-1)!.length};
		}
	}

	const endOffset = files.at(-1)!.length;
	const rotatedAway = `the start of run ${runId}'s output was rotated away from ${logPath} (the files kept: ${names.length}); its lines still there:`;
	const firstMark = files.map((bytes, index) => ({index, mark: nextMark(bytes, 0)})).find(({mark}) => mark !== undefined);
	if (firstMark?.mark?.runId === runId && firstMark.mark.edge === 'ended') {
		const {index, mark} = firstMark;
		return {lines: [...files.slice(0, index).flatMap(bytes => linesOf(bytes, 0, bytes.length)), ...linesOf(files[index]!, 0, Math.min(mark.end + 1, files[index]!.length))], missing: rotatedAway, endOffset};
	}

	const all = () => files.flatMap(bytes => linesOf(bytes, 0, bytes.length));
	if (firstMark === undefined && !ended && files.some(bytes => bytes.length > 0)) {
		// No run is marked in any file kept: a service still up since before runs were marked (adopted at an upgrade) reads so too.
		return {lines: all(), missing: `the start of run ${runId}'s output is not in ${logPath} (the files kept: ${names.length}): rotated away, or the run was started by a sage-console from before runs were marked in it (its lines may follow earlier runs'); the lines there:`, endOffset};
	}

	return {lines: [], missing: `run ${runId}'s output is no longer in ${logPath} (rotated away, the files kept: ${names.length}; or written before runs were marked in it)`, endOffset};
}
