import {writeFileSync} from 'node:fs';
import {monitorEventLoopDelay} from 'node:perf_hooks';

/**
 * With `SAGE_CONSOLE_STATS=FILE`, the console counts its frames, render times, event-loop lag and the
 * bytes it writes to the terminal, and writes them to FILE on exit (for `npm run bench`). With
 * `SAGE_CONSOLE_STATS_AFTER_MS=N` it starts counting N ms after start-up, leaving out the first frames
 * (module compilation, the first full layout) so the figures are the steady state's.
 */
export function createRenderStats(): {onRender: (metrics: {renderTime: number}) => void; write: () => void} | undefined {
	const file = process.env.SAGE_CONSOLE_STATS;
	if (!file) {
		return undefined;
	}

	let renderTimes: number[] = [];
	let bytes = 0;
	const write = process.stdout.write.bind(process.stdout);
	process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
		return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
	}) as typeof process.stdout.write;
	let started = Date.now();
	const resolutionMs = 10;
	const lag = monitorEventLoopDelay({resolution: resolutionMs});
	lag.enable();
	const afterMs = Number(process.env.SAGE_CONSOLE_STATS_AFTER_MS ?? 0);
	if (afterMs > 0) {
		setTimeout(() => {
			renderTimes = [];
			bytes = 0;
			started = Date.now();
			lag.reset();
		}, afterMs).unref();
	}

	return {
		onRender({renderTime}) {
			renderTimes.push(renderTime);
		},
		write() {
			lag.disable();
			// The histogram records whole timer intervals: the resolution is taken off.
			const lagP99 = lag.count > 0 ? Math.max(0, (lag.percentile(99) / 1e6) - resolutionMs) : 0;
			writeFileSync(file, JSON.stringify({seconds: (Date.now() - started) / 1000, frames: renderTimes.length, renderTimes, lagP99, bytes}));
		},
	};
}
