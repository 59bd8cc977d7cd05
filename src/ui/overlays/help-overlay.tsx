import {Box, Text} from 'ink';
import {keymap} from '../keymap.js';
import {PanelTitle} from '../panels/panel-title.js';
import {theme} from '../theme.js';

/** Every key, from the keymap itself. */
export function HelpOverlay({width, height}: {width: number; height: number}) {
	return (
		<Box flexDirection="column" width={width} height={height}>
			<PanelTitle title="Keys" focused width={width}/>
			{keymap.map(binding => (
				<Box key={binding.action}>
					<Text color={theme.accent}>{`  ${binding.keys.padEnd(8)}`}</Text>
					<Text>{binding.help}</Text>
				</Box>
			))}
			<Text color={theme.muted}>  Esc or ? closes this help</Text>
		</Box>
	);
}
