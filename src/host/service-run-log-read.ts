/**
 * `read-log` of a service's run: that run's lines only, of the output file all the service's runs share
 * (service-run-lines.ts, as `sage-console logs RUN` prints them), with offsets counted in those lines
 * alone, as if the run had a log file of its own as a job's run has: `offset` is a byte of the run's
 * non-empty lines, each with its newline. So `?offset=` pages through one run, and an offset past its
 * end reads as past a job run's (no lines, `nextOffset` as given). `missing` says when rotation took
 * part or all of the run's lines.
 *
 * Finding a run's lines reads every kept file, so a follower passes back `fileOffset` (where in the
 * live file its last read ended) and is answered from there on as `tail -F` reads (rotated-log-read.ts),
 * up to the run's end mark or another run's.
 */
import {closeSync, openSync, readSync} from 'node:fs';
import type {LogChunk} from '../protocol/messages.js';
import {serviceRunLines} from '../supervisor/service-run-lines.js';
import {runMarkOf} from '../supervisor/service-run-marks.js';
import {readRotatedLog} from './rotated-log-read.js';

export type ServiceRunRead = {
	runId: number;
	offset: number;
	maxBytes?: number;
	/** Where in the live file the follower's last read ended (that answer's `fileOffset`). */
	fileOffset?: number;
	/** The run has ended. */
	ended: boolean;
};

/** The most one answer carries, as readRunLog's (a client reads on from `nextOffset`). */
const defaultMaxBytes = 256 * 1024;
const lineBytes = (line: string) => Buffer.byteLength(line) + 1;

export async function readServiceRunLog(logPath: string, read: ServiceRunRead): Promise<LogChunk> {
	return read.fileOffset === undefined ? fromRunStart(logPath, read) : fromFileOffset(logPath, read, read.fileOffset);
}

async function fromRunStart(logPath: string, {runId, offset, maxBytes = defaultMaxBytes, ended}: ServiceRunRead): Promise<LogChunk> {
	const run = await serviceRunLines(logPath, runId, ended);
	let fileEnd = run.endOffset;
	let lines = run.lines;
	const last = ended ? undefined : lastByte(logPath, fileEnd);
	if (last !== undefined && last !== 10 && lines.length > 0) {
		// A live run's last line still being written waits for its newline, as a job run's does (readRunLog).
		fileEnd -= Buffer.byteLength(lines.at(-1)!);
		lines = lines.slice(0, -1);
	}

	const budget = Math.min(Math.max(maxBytes, 1024), 4 * 1024 * 1024);
	const page: string[] = [];
	let at = 0;
	let taken = 0;
	let nextOffset = offset;
	let all = true;
	for (const line of lines.filter(line => line.length > 0)) {
		const size = lineBytes(line);
		if (at >= offset) {
			if (page.length > 0 && taken + size > budget) {
				all = false;
				break;
			}

			page.push(line);
			taken += size;
			nextOffset = at + size;
		}

		at += size;
	}

	return {
		logPath,
		lines: page,
		nextOffset,
		finished: ended && all,
		...(run.missing ? {missing: run.missing} : {}),
		// A live run's lines go on at the end of the live file: a follower reads on there.
		...(!ended && all && offset <= at ? {fileOffset: fileEnd} : {}),
	};
}

function fromFileOffset(logPath: string, {runId, offset, maxBytes, ended}: ServiceRunRead, fileOffset: number): LogChunk {
	const chunk = readRotatedLog(logPath, fileOffset, maxBytes, ended);
	const lines: string[] = [];
	let nextOffset = offset;
	for (const line of chunk.lines) {
		const mark = runMarkOf(line);
		if (mark && mark.runId !== runId) {
			// The next run's start: this one's lines are all read (its end is marked before its record ends, service-runs.ts).
			return {logPath, lines, nextOffset, finished: true};
		}

		if (line.length > 0) {
			lines.push(line);
			nextOffset += lineBytes(line);
		}

		if (mark?.edge === 'ended') {
			return {logPath, lines, nextOffset, finished: true};
		}
	}

	return {logPath, lines, nextOffset, finished: chunk.finished, fileOffset: chunk.nextOffset};
}

function lastByte(file: string, size: number): number | undefined {
	if (size === 0) {
		return undefined;
	}

	let fd: number | undefined;
	try {
		fd = openSync(file, 'r');
		const byte = Buffer.alloc(1);
		return readSync(fd, byte, 0, 1, size - 1) === 1 ? byte[0] : undefined;
	} catch {
		return undefined;
	} finally {
		if (fd !== undefined) {
			closeSync(fd);
		}
	}
}
