import chalk, {type ForegroundColorName} from 'chalk';
import type {LogLevel} from '../core/log-line.js';
import type {RunStatus} from '../core/run-record.js';

/** Colours and glyphs in one place. `NO_COLOR` (any value) turns colour off; glyphs still tell status. */
export const useColor = !('NO_COLOR' in process.env);

type Color = ForegroundColorName | undefined;
const color = (name: ForegroundColorName): Color => (useColor ? name : undefined);

export const theme = {
	accent: color('cyan'),
	muted: color('gray'),
	good: color('green'),
	bad: color('red'),
	warn: color('yellow'),
	focus: color('cyan'),
	match: color('magenta'),
};

/** How a piece of a row is drawn. Attributes (bold, dim, inverse) stay under NO_COLOR: they are not colour. */
export type Style = {color?: Color; bold?: boolean; dim?: boolean; inverse?: boolean; underline?: boolean};

/**
 * Text with its style as escape codes, for rows handed to Ink finished (see fixed-rows.tsx). chalk is
 * the one Ink itself loads, so both agree on whether the terminal takes colour.
 */
export function paint(text: string, style: Style | undefined): string {
	if (!style || text === '') {
		return text;
	}

	let out = text;
	if (style.color) {
		out = chalk[style.color](out);
	}

	if (style.dim) {
		out = chalk.dim(out);
	}

	if (style.bold) {
		out = chalk.bold(out);
	}

	if (style.underline) {
		out = chalk.underline(out);
	}

	if (style.inverse) {
		out = chalk.inverse(out);
	}

	return out;
}

export const statusGlyph: Record<RunStatus, string> = {
	queued: '…',
	running: '▶',
	success: '✓',
	failed: '✗',
	timeout: '⧗',
	cancelled: '⊘',
	interrupted: '↯',
	skipped: '·',
};

export function statusColor(status: RunStatus | undefined): Color {
	switch (status) {
		case 'success': {
			return theme.good;
		}

		case 'failed':
		case 'timeout':
		case 'interrupted': {
			return theme.bad;
		}

		case 'running':
		case 'queued': {
			return theme.accent;
		}

		case 'cancelled': {
			return theme.warn;
		}

		default: {
			return theme.muted;
		}
	}
}

export const levelColor: Record<LogLevel, Color> = {
	trace: theme.muted,
	debug: theme.muted,
	info: undefined,
	warn: theme.warn,
	error: theme.bad,
	fatal: theme.bad,
};

export const glyphs = {
	paused: '⏸',
	disabled: '○',
	idle: '●',
	recovered: '↺',
	barFull: '█',
	barEmpty: '░',
	cursor: '›',
	focusBar: '▌',
	rule: '─',
	sparks: '▁▂▃▄▅▆▇█',
	market: '◆',
	warning: '⚠',
};

/** What each glyph means, for the `?` help's legend. */
export const legend: ReadonlyArray<{glyph: string; meaning: string}> = [
	{glyph: glyphs.idle, meaning: 'job idle (colour: its last result)'},
	{glyph: `${statusGlyph.running} ${statusGlyph.queued}`, meaning: 'running, queued (waiting for a slot)'},
	{glyph: glyphs.paused, meaning: 'paused (p resumes)'},
	{glyph: glyphs.disabled, meaning: 'disabled; a service outside its window'},
	// Two glyphs a row where their meanings are short: at 100×30 the help's keys and legend fit side by side.
	// A heartbeat job's state shares its glyphs with runs (heartbeat-text.ts), each named on its run's row:
	// a row more would push the legend past 100×30's two columns.
	{glyph: `${statusGlyph.success} ${statusGlyph.failed}`, meaning: 'succeeded, failed; heartbeat up, down'},
	{glyph: `${statusGlyph.timeout} ${statusGlyph.cancelled}`, meaning: 'timed out, cancelled; heartbeat late'},
	{glyph: statusGlyph.interrupted, meaning: 'interrupted (process died)'},
	{glyph: statusGlyph.skipped, meaning: 'skipped (busy, limits); heartbeat new'},
	{glyph: glyphs.recovered, meaning: 'failed, since recovered'},
	{glyph: '◐ ◑', meaning: 'service starting, stopping'},
	{glyph: '↻ ■', meaning: 'service restarting soon, stopped'},
	{glyph: `${glyphs.market} ${glyphs.warning}`, meaning: 'market state, needs attention'},
	// The red `!` of a job's or a run's row (deadline-missed-text.ts, max-duration-text.ts). Its row is the
	// one `▶ …` gave up: a 15th entry would push the legend past 100×30's two columns.
	{glyph: '!', meaning: 'deadline missed; run past max_duration'},
	{glyph: `${glyphs.cursor} ${glyphs.focusBar}`, meaning: 'cursor; the panel with the keys'},
];
