import {Text} from 'ink';
import {memo} from 'react';
import type {ConsoleState} from './state/console-state.js';
import {clip} from './text-fit.js';
import {theme} from './theme.js';

const hints = 'r run · p pause · c cancel · R retry · f failures · l log · / filter · ? help · q quit';

/** Feedback for the last action, the filter being typed, or the key hints. */
export const StatusLine = memo(function StatusLine({state, width}: {state: ConsoleState; width: number}) {
	if (state.overlay.kind === 'filter') {
		return <Text color={theme.accent}>{clip(`/ filter jobs: ${state.filter}▌   (Enter keeps it, Esc clears it)`, width)}</Text>;
	}

	if (state.overlay.kind === 'backfill') {
		return <Text color={theme.accent}>{clip(`backfill ${state.overlay.jobId} for trading days (D or D1 D2): ${state.overlay.text}▌   Enter queues, Esc cancels`, width)}</Text>;
	}

	if (state.status) {
		const color = state.status.tone === 'bad' ? theme.bad : (state.status.tone === 'good' ? theme.good : theme.accent);
		return <Text color={color}>{clip(state.status.text, width)}</Text>;
	}

	return <Text color={theme.muted}>{clip(hints, width)}</Text>;
});
