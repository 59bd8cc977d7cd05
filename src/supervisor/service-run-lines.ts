/**
 * One run's lines of a service's output file, told apart from the other runs' by the marks the
 * supervisor writes at each run's start and end (service-run-marks.ts), looked for in the rotated
 * files too (`.N` oldest … `.1`, then the live file).
 */
import {existsSync, readFileSync} from 'node:fs';
import {runMarkOf} from './service-run-marks.js';

export type ServiceRunLines = {
	lines: string[];
	/** Set when some or all of the run's lines are no longer in the files: says so, for the reader. */
	missing?: string;
	/** Bytes of the live file read: a follower reads on from here. */
	endOffset: number;
};

/** The output file and its rotated copies, oldest first (rotation keeps them numbered without gaps). */
function filesOldestFirst(logPath: string): string[] {
	const rotated: string[] = [];
	for (let index = 1; existsSync(`${logPath}.${index}`); index++) {
		rotated.unshift(`${logPath}.${index}`);
	}

	return [...rotated, logPath];
}

function readOrEmpty(file: string): Buffer {
	try {
		return readFileSync(file);
	} catch {
		return Buffer.alloc(0);
	}
}

/**
 * Run `runId`'s lines of `logPath` (its own start and end marks included), up to the next run's mark.
 * `ended`: the run has ended (a live run's lines go on to the end of the file).
 */
export function serviceRunLines(logPath: string, runId: number, ended: boolean): ServiceRunLines {
	const files = filesOldestFirst(logPath);
	let endOffset = 0;
	const all: string[] = [];
	for (const file of files) {
		const bytes = readOrEmpty(file);
		if (file === logPath) {
			endOffset = bytes.length;
		}

		const lines = bytes.toString('utf8').split('\n');
		if (lines.at(-1) === '') {
			lines.pop();
		}

		all.push(...lines);
	}

	const marks = all.map(line => runMarkOf(line));
	const start = marks.findIndex(mark => mark?.runId === runId && mark.edge === 'started');
	if (start !== -1) {
		return {lines: upToOthers(all, marks, start, runId), endOffset};
	}

	const rotatedAway = `the start of run ${runId}'s output was rotated away from ${logPath} (the files kept: ${files.length}); its lines still there:`;
	const first = marks.findIndex(mark => mark !== undefined);
	const firstMark = first === -1 ? undefined : marks[first];
	if (firstMark?.runId === runId && firstMark.edge === 'ended') {
		return {lines: all.slice(0, first + 1), missing: rotatedAway, endOffset};
	}

	if (firstMark === undefined && !ended && all.length > 0) {
		return {lines: all, missing: rotatedAway, endOffset};
	}

	return {lines: [], missing: `run ${runId}'s output is no longer in ${logPath} (rotated away, the files kept: ${files.length}; or written before runs were marked in it)`, endOffset};
}

/** From `start` on, until a mark of another run (or past this run's end mark). */
function upToOthers(all: string[], marks: ReturnType<typeof runMarkOf>[], start: number, runId: number): string[] {
	const lines: string[] = [];
	for (let index = start; index < all.length; index++) {
		const mark = marks[index];
		if (mark && mark.runId !== runId) {
			break;
		}

		lines.push(all[index]!);
		if (mark?.edge === 'ended') {
			break;
		}
	}

	return lines;
}
