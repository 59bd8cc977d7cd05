import {Text} from 'ink';
import {memo} from 'react';
import {theme} from '../theme.js';
import {displayWidth, fit} from '../text-fit.js';

/** A one-line panel heading; highlighted when the panel has the keyboard. */
export const PanelTitle = memo(function PanelTitle({title, focused, width, right = ''}: {title: string; focused: boolean; width: number; right?: string}) {
	const left = `${focused ? '▌' : ' '}${title} `;
	const rule = '─'.repeat(Math.max(0, width - displayWidth(left) - displayWidth(right) - 1));
	return (
		<Text color={focused ? theme.focus : theme.muted} bold={focused} wrap="truncate">
			{fit(`${left}${rule} ${right}`, width)}
		</Text>
	);
});
