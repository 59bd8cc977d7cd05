/**
 * Where each run of a service begins and ends in its output file. A service's runs share
 * `logs/services/<id>.log`, so the supervisor writes a line of its own there before it starts a run's
 * process and after the run ended ('--- sage-console: run 42 of feed started 2026-12-05T10:15:00.000+08:00 ---'),
 * as journald marks a boot. Its time is in the scheduler's zone (jobs.yaml `timezone`) with the offset,
 * as the process log writes times; marks written before were in UTC ('…Z'): a mark is found by its run
 * and edge, never by its time, so both read the same. The marks travel with the lines through
 * copy-then-truncate rotation, so a run's lines are found again in `.1`, `.2`… (service-run-lines.ts).
 */
import {appendFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {formatZonedIso} from '../time/zoned-time.js';

export type RunMarkLine = {runId: number; edge: 'started' | 'ended'};

const markPattern = /^--- sage-console: run (\d+) of \S+ (started|ended)\b/;

/** The run and edge a line marks, or undefined for the service's own lines. */
export function runMarkOf(line: string): RunMarkLine | undefined {
	const match = markPattern.exec(line);
	return match ? {runId: Number(match[1]), edge: match[2] as RunMarkLine['edge']} : undefined;
}

/** `at` as a mark gives it: ISO in `timeZone` with its offset and always milliseconds, as the process log's `time`. */
export function markTime(at: number, timeZone: string): string {
	const iso = formatZonedIso(at, timeZone);
	return /\.\d{3}(?:[+-]|Z)/.test(iso) ? iso : iso.replace(/([+-]\d\d:\d\d|Z)$/, '.000$1');
}

/**
 * Appends the mark of a run's start or end to the service's output file, its time in `timeZone` (the
 * scheduler's). A file that cannot be written is left alone: the start then fails opening it, naming
 * why (service-process.ts).
 */
export function markRun(file: string, serviceId: string, runId: number, edge: RunMarkLine['edge'], at: number, timeZone: string): void {
	try {
		mkdirSync(path.dirname(file), {recursive: true, mode: 0o750});
		appendFileSync(file, `--- sage-console: run ${runId} of ${serviceId} ${edge} ${markTime(at, timeZone)} ---\n`, {mode: 0o640});
	} catch {
		// Not markable: the run's lines are still in the file, only not told apart from its neighbours'.
	}
}
