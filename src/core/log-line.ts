export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** One line for the log tail (a job's own line, or the scheduler's word about a run). */
export type LogLine = {time: number; level: LogLevel; msg: string; jobId?: string; runId?: number};
