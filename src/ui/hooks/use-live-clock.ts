import {useStdout} from 'ink';
import {useEffect} from 'react';
import {zonedClock} from '../../time/zoned-time.js';
import {untilNextTick} from './use-clock.js';

/**
 * Keeps the header's HH:MM:SS ticking by writing those eight cells in place once a second (cursor
 * saved and restored around it), instead of having Ink rebuild the whole frame: an idle console then
 * costs one short write a second. `column` is where the clock starts on the first row (0-based).
 */
export function useLiveClock(enabled: boolean, column: number, now: () => number = Date.now): void {
	const {stdout} = useStdout();
	useEffect(() => {
		if (!enabled) {
			return;
		}

		let timer: NodeJS.Timeout;
		const tick = () => {
			stdout.write(`\u001B7\u001B[1;${column + 1}H${zonedClock(now(), 'Asia/Shanghai')}\u001B8`);
			timer = setTimeout(tick, untilNextTick(1000, now()));
		};

		timer = setTimeout(tick, untilNextTick(1000, now()));
		return () => clearTimeout(timer);
	}, [enabled, column, stdout, now]);
}
