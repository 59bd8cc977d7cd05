import {useEffect, useState} from 'react';
import {untilNextBeat} from './beat.js';
import {drawWhenQuiet, type QuietCheck} from './quiet-moment.js';

const alwaysQuiet: QuietCheck = () => true;

/**
 * The current time for what the panels show. Ticks each second while something on screen counts
 * seconds (a live run's elapsed time, a job due within a minute and a half), else once a minute, so an
 * idle console redraws once a minute; the header clock is kept ticking by `useLiveClock`. A tick is a
 * whole frame, so it waits for a quiet moment of the scheduler (jobs fire on the second).
 */
export function useClock(now: () => number = Date.now, everySecond = true, isQuiet: QuietCheck = alwaysQuiet): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		let cancel: () => void;
		const schedule = () => {
			const period = everySecond ? 1000 : 60_000;
			cancel = drawWhenQuiet(isQuiet, untilNextBeat(period, now()), () => {
				setTime(now());
				schedule();
			});
		};

		schedule();
		return () => cancel();
	}, [now, everySecond, isQuiet]);
	return time;
}
