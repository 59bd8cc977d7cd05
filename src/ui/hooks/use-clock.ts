import {useEffect, useState} from 'react';

/** Milliseconds to the next whole `periodMs` (a second, a minute) of the clock. */
export function untilNextTick(periodMs: number, now: number): number {
	return periodMs - (now % periodMs);
}

/**
 * The current time for what the panels show. Ticks each second while something on screen counts
 * seconds (a live run's elapsed time, a job due within a minute and a half), else once a minute, so an
 * idle console redraws once a minute; the header clock is kept ticking by `useLiveClock`.
 */
export function useClock(now: () => number = Date.now, everySecond = true): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		let timer: NodeJS.Timeout;
		const schedule = () => {
			timer = setTimeout(() => {
				setTime(now());
				schedule();
			}, untilNextTick(everySecond ? 1000 : 60_000, now()));
		};

		schedule();
		return () => clearTimeout(timer);
	}, [now, everySecond]);
	return time;
}
