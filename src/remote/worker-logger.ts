/** Where a worker process says what it does (pino's shape: fields first, then the message). */
export type WorkerLogger = {
	info(fields: Record<string, unknown>, message: string): void;
	warn(fields: Record<string, unknown>, message: string): void;
	error(fields: Record<string, unknown>, message: string): void;
};
