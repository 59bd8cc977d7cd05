import {Table} from '@alcalzone/ink-table';
import {Box, Text} from 'ink';
import {memo, type ReactNode} from 'react';
import {FixedRows} from '../fixed-rows.js';
import {keymap, type KeyBinding} from '../keymap.js';
import {commandHelp} from '../keys/command-line.js';
import {titleRow} from '../panels/panel-title.js';
import {plainRow, rowText} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {legend, theme} from '../theme.js';

const groups: Record<KeyBinding['group'], string> = {move: 'Move', look: 'Look', act: 'Act', console: 'Console'};

/** Every binding of the keymap, by group, a row each. */
export function helpLines(width: number): string[] {
	const lines: string[] = [];
	for (const [group, name] of Object.entries(groups)) {
		lines.push(plainRow(` ${name}`, width, {color: theme.accent, bold: true}));
		for (const binding of keymap.filter(candidate => candidate.group === group)) {
			lines.push(rowText([{text: `   ${binding.keys}`, width: 11, style: {color: theme.accent}}, {text: binding.help}], width));
		}
	}

	return lines;
}

/**
 * Rows of the two-column help: the title, the keys (a heading per group), the legend (its table's
 * heading row is its title: at 100×30 there is no row to spare), the footer.
 */
const wideHelpRows = 1 + Math.ceil((Object.keys(groups).length + keymap.length) / 2) + 1 + Math.ceil(legend.length / 2) + 1;

/** Two columns of keys and the legend beside each other need this much room; else one scrolling column. */
export const wideHelp = (width: number, height: number) => width >= 100 && height >= wideHelpRows;

/** The rows of the scrolled help that are not its lines: its title and its footer (the page ↑↓ and G scroll by). */
export const helpChromeRows = 2;

/** What the help scrolls through on a small terminal: the keys, then the legend. */
export function helpContent(width: number): string[] {
	return [
		...helpLines(width),
		'',
		plainRow(' Legend', width, {color: theme.accent, bold: true}),
		// Two glyphs (`✓ ✗`) take 3 cells: a cell more keeps them off their meaning.
		...legend.map(entry => rowText([{text: `   ${entry.glyph}`, width: 7}, {text: entry.meaning}], width)),
	];
}

/**
 * The commands and how to close the help; where that is cut (80 columns), how to close it comes first,
 * and where the commands still do not fit (60 columns) the last ones give way (`help` is open, `q` is a
 * key too), so none is cut inside.
 */
function footerText(width: number): string {
	const full = ` Commands (:) ${commandHelp} · Esc or ? closes`;
	if (displayWidth(full) <= width) {
		return full;
	}

	const commands = commandHelp.split(' · ');
	for (let count = commands.length; count > 1; count--) {
		const text = ` Esc or ? closes · :${commands.slice(0, count).join(' · ')}`;
		if (displayWidth(text) <= width) {
			return text;
		}
	}

	return ` Esc or ? closes · :${commandHelp}`;
}

const NoSkeleton = (): ReactNode => null;
const Heading = ({children}: {children?: ReactNode}) => <Text bold color={theme.muted}>{children}</Text>;

/** Every key, from the keymap itself, and what each glyph means (tables of the legend, two halves). */
function Help({width, height, scroll}: {width: number; height: number; scroll: number}) {
	const footer = plainRow(footerText(width), width, {color: theme.muted});
	if (!wideHelp(width, height)) {
		const lines = helpContent(width);
		const visible = Math.max(1, height - helpChromeRows);
		const rows = [titleRow('Keys', true, width, lines.length > visible ? `↑↓ scroll · ${scroll + 1}-${Math.min(lines.length, scroll + visible)} of ${lines.length}` : ''), ...lines.slice(scroll, scroll + visible)];
		while (rows.length < height - 1) {
			rows.push('');
		}

		return <FixedRows rows={[...rows, footer]} width={width} height={height}/>;
	}

	const half = Math.floor(width / 2);
	const lines = helpLines(half);
	const split = Math.ceil(lines.length / 2);
	const entries = legend.map(entry => ({icon: entry.glyph, meaning: entry.meaning}));
	const legendHalf = Math.ceil(entries.length / 2);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<FixedRows rows={[titleRow('Keys', true, width)]} width={width}/>
			<Box>
				<FixedRows rows={lines.slice(0, split)} width={half} height={split}/>
				<FixedRows rows={lines.slice(split)} width={width - half} height={split}/>
			</Box>
			<Box>
				<Box width={half}><Table data={entries.slice(0, legendHalf)} skeleton={NoSkeleton} header={Heading}/></Box>
				<Box width={width - half}><Table data={entries.slice(legendHalf)} skeleton={NoSkeleton} header={Heading}/></Box>
			</Box>
			<Box flexGrow={1}/>
			<FixedRows rows={[footer]} width={width}/>
		</Box>
	);
}

/** Kept mounted (hidden) by the screen body: drawn again only when its size or scroll changes. */
export const HelpOverlay = memo(Help);
