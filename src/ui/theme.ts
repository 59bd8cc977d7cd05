import type {LogLevel} from '../core/log-line.js';
import type {RunStatus} from '../core/run-record.js';

/** Colours and glyphs in one place. `NO_COLOR` (any value) turns colour off; glyphs still tell status. */
export const useColor = !('NO_COLOR' in process.env);

type Color = string | undefined;
const color = (name: string): Color => (useColor ? name : undefined);

export const theme = {
	accent: color('cyan'),
	muted: color('gray'),
	good: color('green'),
	bad: color('red'),
	warn: color('yellow'),
	focus: color('cyan'),
	selectedBackground: color('blue'),
};

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
	barFull: '█',
	barEmpty: '░',
	cursor: '›',
};
