import {Text} from 'ink';
import {glyphs, theme} from '../theme.js';

export function ProgressBar({fraction, width}: {fraction: number | undefined; width: number}) {
	if (fraction === undefined) {
		return <Text color={theme.muted}>{glyphs.barEmpty.repeat(width)}</Text>;
	}

	const filled = Math.round(Math.min(Math.max(fraction, 0), 1) * width);
	return (
		<Text>
			<Text color={theme.accent}>{glyphs.barFull.repeat(filled)}</Text>
			<Text color={theme.muted}>{glyphs.barEmpty.repeat(width - filled)}</Text>
		</Text>
	);
}
