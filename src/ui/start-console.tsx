import {render} from 'ink';
import type {TradingCalendar} from '../market/trading-calendar.js';
import {App} from './app.js';
import {keepInkCachesAcrossFrames} from './ink-frame-cache.js';
import {createRenderStats} from './render-stats.js';
import type {SchedulerFeed} from './scheduler-feed.js';
import {mouseOff} from './hooks/use-mouse-mode.js';
import type {QuitMode} from './keys/use-console-keys.js';
import {watchTerminal} from './vanished-terminal.js';
import {readableErrorText} from '../log/readable-stack.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';

export type ConsoleOptions = {
	feed: SchedulerFeed;
	/** This console's own reading of config/calendar.yaml (none when it does not read): see App's `calendar`. */
	calendar?: TradingCalendar;
	/** The pid of a scheduler in another process this console attached to. */
	attachedTo?: number;
};

/**
 * Draws the console on the alternate screen until the operator quits or a signal (SIGTERM, SIGHUP,
 * SIGINT) arrives; the terminal is restored in every case, a crash included.
 * @returns how the operator chose to leave live runs, or `signal` when a signal ended the console
 */
export async function startConsole({feed, calendar, attachedTo}: ConsoleOptions): Promise<QuitMode | 'signal'> {
	let onScreen = true;
	const restore = () => {
		if (onScreen) {
			onScreen = false;
			process.stdout.write(mouseOff + leaveAlternateScreen);
		}
	};

	process.stdout.write(enterAlternateScreen);
	process.once('exit', restore);
	const crash = (error: unknown) => {
		restore();
		process.stderr.write(`sage-console crashed: ${readableErrorText(error)}\n`);
		process.exit(1);
	};

	process.once('uncaughtException', crash);
	let resolveQuit!: (mode: QuitMode | 'signal') => void;
	const quit = new Promise<QuitMode | 'signal'>(resolve => {
		resolveQuit = resolve;
	});
	const onSignal = () => resolveQuit('signal');
	const signals = ['SIGTERM', 'SIGHUP', 'SIGINT'] as const;
	for (const signal of signals) {
		process.on(signal, onSignal);
	}

	// The terminal went away (tmux killed, an ssh connection dropped): writes fail with EIO or EPIPE, as
	// SIGHUP arrives. The console then ends as on that signal, its scheduler stopping gracefully, and
	// nothing more is written; an unheard 'error' would crash the process with the scheduler in it.
	const terminalGone = () => {
		onScreen = false;
		resolveQuit('signal');
	};

	watchTerminal(terminalGone);
	process.stderr.on('error', () => undefined);

	const cacheProblem = await keepInkCachesAcrossFrames();
	const consoleNotices = cacheProblem ? [`drawing without the frame cache (${cacheProblem}): the console uses more CPU`] : undefined;
	const stats = createRenderStats();
	const instance = render(<App liveClock={Boolean(process.stdout.isTTY)} feed={feed} calendar={calendar} attachedTo={attachedTo} consoleNotices={consoleNotices} onQuit={mode => resolveQuit(mode)}/>, {
		exitOnCtrlC: false,
		patchConsole: true,
		// Ink's incremental mode (rewrite changed rows only) misplaces rows on a screen-high frame: the
		// tmux tests show the header and panels written over each other. Every frame is written whole.
		incrementalRendering: false,
		// The console's own frames are already coalesced (the feed and the clock draw once a second, on the
		// whole second: hooks/use-feed-frame.ts), so Ink's cap only decides how long a key waits behind a
		// frame just drawn: Ink's throttle holds a render for ceil(1000 / maxFps) ms after the last one and
		// restarts that wait on every render asked for meanwhile. At 60 a key pressed just after the
		// once-a-second frame was drawn 17–30 ms later with the event loop idle (traced under 1,000 log
		// lines/s); at 240 the wait is 5 ms at most, and a burst of key or wheel events still costs at most
		// one frame per 5 ms.
		maxFps: 240,
		onRender: stats?.onRender,
	});
	const mode = await quit;
	instance.unmount();
	restore();
	stats?.write();
	for (const signal of signals) {
		process.off(signal, onSignal);
	}

	process.off('uncaughtException', crash);
	return mode;
}
