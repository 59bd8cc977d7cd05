import {LineSplitter} from './line-splitter.js';

export type CapturedStream = 'stdout' | 'stderr';

/**
 * In a job worker: what the job writes to process.stdout and process.stderr (console.log included) goes
 * to `onLine`, a line at a time, synchronously and in order with ctx.log, never to the terminal the
 * console draws on. Lines are split linearly and capped, as a command's are. `flush` hands over a
 * last line that has no newline (at the end of a run).
 */
export function captureConsoleOutput(onLine: (stream: CapturedStream, line: string) => void): {flush(): void} {
	const splitters = {stdout: new LineSplitter(), stderr: new LineSplitter()};
	for (const stream of ['stdout', 'stderr'] as const) {
		process[stream].write = ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown) => {
			const bytes = typeof chunk === 'string'
				? Buffer.from(chunk, typeof encodingOrCallback === 'string' && Buffer.isEncoding(encodingOrCallback) ? encodingOrCallback : 'utf8')
				: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
			for (const line of splitters[stream].push(bytes)) {
				onLine(stream, line.text);
			}

			const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
			if (typeof done === 'function') {
				(done as () => void)();
			}

			return true;
		}) as typeof process.stdout.write;
	}

	return {
		flush() {
			for (const stream of ['stdout', 'stderr'] as const) {
				for (const line of splitters[stream].end()) {
					onLine(stream, line.text);
				}
			}
		},
	};
}
