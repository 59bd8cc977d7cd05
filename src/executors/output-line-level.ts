import type {LogLevel} from '../core/log-line.js';

const levels: Record<string, LogLevel> = {
	DEBUG: 'debug', INFO: 'info', WARN: 'warn', WARNING: 'warn', ERROR: 'error', CRITICAL: 'error', FATAL: 'error',
};

/**
 * The level a logging library wrote at the start of a line, in the forms a script's output has it:
 * Python's `logging.basicConfig()` (`INFO:root:synced`), a bracket (`[ERROR] …`, `[2026-12-07 16:30:01]
 * [INFO] …`), a dash-separated format (`2026-12-07 16:30:01,120 - sync - WARNING - …`), loguru's
 * (`2026-12-07 16:30:01.120 | INFO     | …`), or a time then the level (`16:30:01 ERROR …`).
 * Upper case only, near the start: a word in a message is not a level.
 */
const levelAtStart = /^(?:[\d\-:.,T ]{8,30}(?:\s*\|\s*|\s+-\s+|\s+)|\[[\d\-:.,T ]{8,30}\]\s*)?(?:\[(DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL)\]|(DEBUG|INFO|WARNING|ERROR|CRITICAL):|(DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL)(?=\s*\|| - |\s))|^[^|\n]{0,60}? - (DEBUG|INFO|WARNING|ERROR|CRITICAL) - /;

/**
 * The level of a command's output line: the one its logging library wrote, else its stream's (stdout
 * INFO, stderr WARN). Python's logging writes every level to stderr: its routine lines are not warnings,
 * and its errors are errors.
 */
export function outputLineLevel(text: string, streamLevel: LogLevel): LogLevel {
	const match = levelAtStart.exec(text);
	const name = match && (match[1] ?? match[2] ?? match[3] ?? match[4]);
	return name ? levels[name]! : streamLevel;
}
