/**
 * The signal one delivery attempt is sent with: aborted at the attempt's timeout (a TimeoutError) or
 * when the queue stops (the stop's reason), whichever comes first.
 *
 * Not `AbortSignal.any([AbortSignal.timeout(ms), stop])`: on Node 20 the composite is held only weakly,
 * so a garbage collection during a hanging request loses it and the request is never aborted. One
 * robot that accepts and never answers then held its channel's queue, and every alert after it, for
 * good. Here the timer and the stop's listener hold the controller until `done()` lets them go.
 */
export type AttemptSignal = {signal: AbortSignal; done(): void};

export function attemptSignal(timeoutMs: number, stop: AbortSignal): AttemptSignal {
	const controller = new AbortController();
	const onStop = () => {
		controller.abort(stop.reason);
	};

	const timer = setTimeout(() => {
		controller.abort(new DOMException(`no answer in ${timeoutMs} ms`, 'TimeoutError'));
	}, timeoutMs);
	if (stop.aborted) {
		onStop();
	} else {
		stop.addEventListener('abort', onStop, {once: true});
	}

	return {
		signal: controller.signal,
		done() {
			clearTimeout(timer);
			stop.removeEventListener('abort', onStop);
		},
	};
}
