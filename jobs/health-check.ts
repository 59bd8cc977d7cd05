import type {JobContext} from '../src/job-api.js';

type Params = {
	urls?: string[];
	/** Per request, in milliseconds. @default 5000 */
	timeoutMs?: number;
	/** Status codes that count as healthy. @default 200-399 */
	okStatus?: number[];
};

/** HTTP GET each URL with a timeout; fails naming every unhealthy URL and why. */
export default async function healthCheck(ctx: JobContext<Params>) {
	const urls = ctx.params.urls ?? [];
	const timeoutMs = ctx.params.timeoutMs ?? 5000;
	if (urls.length === 0) {
		ctx.log.info('no urls configured: nothing to check');
		return {checked: 0};
	}

	const results = await Promise.all(urls.map(async url => {
		const started = performance.now();
		const request = requestSignal(ctx.signal, timeoutMs);
		try {
			const response = await fetch(url, {signal: request.signal});
			await response.body?.cancel();
			const ok = ctx.params.okStatus ? ctx.params.okStatus.includes(response.status) : response.status < 400;
			return {url, ok, status: response.status, ms: Math.round(performance.now() - started)};
		} catch (error) {
			const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (error as Error).message;
			return {url, ok: false, error: reason, ms: Math.round(performance.now() - started)};
		} finally {
			request.done();
		}
	}));
	for (const result of results) {
		ctx.log[result.ok ? 'info' : 'error'](result, result.ok ? 'healthy' : 'unhealthy');
	}

	const failed = results.filter(result => !result.ok);
	if (failed.length > 0) {
		throw new Error(`${failed.length} of ${urls.length} unhealthy: ${failed.map(f => `${f.url} (${'status' in f ? `HTTP ${f.status}` : f.error})`).join('; ')}`);
	}

	return {checked: urls.length, slowestMs: Math.max(...results.map(result => result.ms))};
}

/**
 * A request's signal: aborted at its timeout (a TimeoutError) or when the run is cancelled, whichever
 * comes first. Not `AbortSignal.any([ctx.signal, AbortSignal.timeout(ms)])`: Node 20 holds that composite
 * only weakly, so a garbage collection while a server accepts and never answers lost the timeout, and the
 * check hung until the job's own timeout. Here the timer and the cancel listener hold the controller until
 * `done()` lets them go (as src/notify/attempt-signal.ts does for alerts).
 */
function requestSignal(cancel: AbortSignal, timeoutMs: number): {signal: AbortSignal; done(): void} {
	const controller = new AbortController();
	const onCancel = () => {
		controller.abort(cancel.reason);
	};

	const timer = setTimeout(() => {
		controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError'));
	}, timeoutMs);
	if (cancel.aborted) {
		onCancel();
	} else {
		cancel.addEventListener('abort', onCancel, {once: true});
	}

	return {
		signal: controller.signal,
		done() {
			clearTimeout(timer);
			cancel.removeEventListener('abort', onCancel);
		},
	};
}
