import type {JobContext} from '../../src/job-api.js';

/** A job that works through steps, reporting progress: stands for a data pull or a backtest. */
export default async function run(ctx: JobContext<{steps?: number; stepMs?: number; label?: string}>) {
	const steps = Number(ctx.params.steps ?? 10);
	const stepMs = Number(ctx.params.stepMs ?? 200);
	for (let i = 1; i <= steps; i++) {
		if (ctx.signal.aborted) {
			ctx.log.warn({done: i - 1}, 'stopped on request');
			return {done: i - 1, stopped: true};
		}

		await new Promise(resolve => setTimeout(resolve, stepMs));
		ctx.progress(i / steps, `${ctx.params.label ?? 'step'} ${i}/${steps}`);
		if (i % 4 === 0) {
			ctx.log.info({i}, `${ctx.params.label ?? 'step'} ${i} done`);
		}
	}

	return {done: steps};
}
