import {useEffect, useState} from 'react';

/** The current time, ticking on each whole second (one shared redraw a second when idle). */
export function useClock(now: () => number = Date.now): number {
	const [time, setTime] = useState(now);
	useEffect(() => {
		let timer: NodeJS.Timeout;
		const schedule = () => {
			timer = setTimeout(() => {
				setTime(now());
				schedule();
			}, 1000 - (now() % 1000) + 5);
		};

		schedule();
		return () => clearTimeout(timer);
	}, [now]);
	return time;
}
