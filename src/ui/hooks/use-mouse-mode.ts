import {useStdout} from 'ink';
import {useEffect} from 'react';

/** Button events with SGR coordinates: the wheel arrives as `ESC [ < 64 ; x ; y M` (65 down). */
export const mouseOn = '\u001B[?1000h\u001B[?1006h';
export const mouseOff = '\u001B[?1000l\u001B[?1006l';

/**
 * Asks the terminal for mouse reports while `enabled` (the `m` key). Off by default: while it is on,
 * the terminal's own text selection needs Shift, and operators copy stack traces.
 */
export function useMouseMode(enabled: boolean): void {
	const {stdout} = useStdout();
	useEffect(() => {
		if (!enabled) {
			return;
		}

		stdout.write(mouseOn);
		return () => {
			stdout.write(mouseOff);
		};
	}, [enabled, stdout]);
}
