/**
 * Milliseconds to the next beat of a clock that beats every `intervalMs` from the whole second, 5 ms
 * past it (just after the jobs due on the second have fired). The console's clock ticks and its frames
 * fall on these beats, so a second's tick and its first log frame are drawn as one.
 */
export function untilNextBeat(intervalMs: number, now: number): number {
	const sinceBeat = (((now - 5) % intervalMs) + intervalMs) % intervalMs;
	return intervalMs - sinceBeat;
}
