import {writeFileSync} from 'node:fs';
import type {Engine} from '../engine/engine.js';

/**
 * With `SAGE_CONSOLE_STATS=FILE`, the console counts its frames, render times, event-loop lag and the
 * bytes it writes to the terminal, and writes them to FILE on exit (for `npm run bench`).
 */
export function createRenderStats(engine: Engine): {onRender: (metrics: {renderTime: number}) => void; write: () => void} | undefined {
	const file = process.env.SAGE_CONSOLE_STATS;
	if (!file) {
		return undefined;
	}

	const renderTimes: number[] = [];
	const lags: number[] = [];
	let bytes = 0;
	const write = process.stdout.write.bind(process.stdout);
	process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
		bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
		return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
	}) as typeof process.stdout.write;
	const started = Date.now();
	const lagSampler = setInterval(() => lags.push(engine.loopDelayP99()), 5000);
	lagSampler.unref();
	return {
		onRender({renderTime}) {
			renderTimes.push(renderTime);
		},
		write() {
			clearInterval(lagSampler);
			writeFileSync(file, JSON.stringify({seconds: (Date.now() - started) / 1000, frames: renderTimes.length, renderTimes, lags, bytes}));
		},
	};
}
