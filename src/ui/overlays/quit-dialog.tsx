import {Text} from 'ink';
import {clip} from '../text-fit.js';
import {theme} from '../theme.js';

/** Asked only when runs are live: leaving cancels or waits for them. */
export function QuitDialog({liveRuns, width}: {liveRuns: number; width: number}) {
	const them = liveRuns === 1 ? 'it' : 'them';
	const text = `${liveRuns} run${liveRuns === 1 ? '' : 's'} live. Quit?  w: wait for ${them} · c: cancel ${them} · s/Esc: stay`;
	return <Text color={theme.warn} bold>{clip(text, width)}</Text>;
}
