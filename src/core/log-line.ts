export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * One line for the log tail (a job's own line, or the scheduler's word about a run). `fields`: the
 * line's structured fields in words (`symbol=600519.SH bars=136`, src/log/log-fields-text.ts), cut to
 * a bounded length by whoever makes the line; absent when it has none.
 */
export type LogLine = {time: number; level: LogLevel; msg: string; fields?: string; jobId?: string; runId?: number};
