import type {JobContext} from '../../src/job-api.js';

/** Burns a core for a few seconds in its worker: the console's clock keeps ticking meanwhile. */
export default function run(ctx: JobContext<{seconds?: number}>) {
	const until = Date.now() + Number(ctx.params.seconds ?? 3) * 1000;
	let spins = 0;
	while (Date.now() < until) {
		spins++;
	}

	return {spins};
}
