import {useStdout} from 'ink';
import {useEffect} from 'react';
import {zonedClock} from '../../time/zoned-time.js';
import {untilNextTick} from './use-clock.js';

/**
 * Keeps the header's HH:MM:SS ticking by writing those eight cells in place once a second (cursor
 * saved and restored around it), instead of having Ink rebuild the whole frame: an idle console then
 * costs one short write a second. `columnAt(width)` is where the clock starts on the first row
 * (0-based) of a terminal `width` wide; it is asked at each tick, because after a resize Ink draws the
 * new frame before React runs this hook's effect again, and a tick in between would otherwise write
 * at the old width's column, over the market text.
 */
export function useLiveClock(enabled: boolean, columnAt: (width: number) => number, now: () => number = Date.now): void {
	const {stdout} = useStdout();
	useEffect(() => {
		if (!enabled) {
			return;
		}

		let timer: NodeJS.Timeout;
		const tick = () => {
			stdout.write(`\u001B7\u001B[1;${columnAt(stdout.columns || 100) + 1}H${zonedClock(now(), 'Asia/Shanghai')}\u001B8`);
			timer = setTimeout(tick, untilNextTick(1000, now()));
		};

		timer = setTimeout(tick, untilNextTick(1000, now()));
		return () => clearTimeout(timer);
	}, [enabled, columnAt, stdout, now]);
}
