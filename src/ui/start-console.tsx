import {render} from 'ink';
import type {Engine} from '../engine/engine.js';
import type {TradingCalendar} from '../market/trading-calendar.js';
import type {NotificationRecord} from '../notify/notification-types.js';
import {App} from './app.js';
import {createRenderStats} from './render-stats.js';
import type {QuitMode} from './use-console-keys.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';

export type ConsoleOptions = {
	engine: Engine;
	calendar: TradingCalendar;
	/** The notifications sent for a run, for its detail view. */
	notificationsFor?: (runId: number) => NotificationRecord[];
	/** Called once the UI listens, so no engine event is missed at start-up. */
	onMounted: () => void;
};

/**
 * Draws the console on the alternate screen until the operator quits; the terminal is restored on
 * quit, on Ctrl-C, on a signal and on a crash.
 * @returns how the operator chose to leave live runs
 */
export async function startConsole({engine, calendar, onMounted, notificationsFor}: ConsoleOptions): Promise<QuitMode> {
	let onScreen = true;
	const restore = () => {
		if (onScreen) {
			onScreen = false;
			process.stdout.write(leaveAlternateScreen);
		}
	};

	process.stdout.write(enterAlternateScreen);
	process.once('exit', restore);
	const crash = (error: unknown) => {
		restore();
		process.stderr.write(`sage-console crashed: ${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	};

	process.once('uncaughtException', crash);
	let resolveQuit!: (mode: QuitMode) => void;
	const quit = new Promise<QuitMode>(resolve => {
		resolveQuit = resolve;
	});
	const onSignal = () => resolveQuit('cancel');
	process.once('SIGTERM', onSignal);
	process.once('SIGHUP', onSignal);
	const stats = createRenderStats();
	const instance = render(<App liveClock={Boolean(process.stdout.isTTY)} engine={engine} calendar={calendar} notificationsFor={notificationsFor} onQuit={mode => resolveQuit(mode)}/>, {
		exitOnCtrlC: false,
		patchConsole: true,
		incrementalRendering: false,
		maxFps: 10,
		onRender: stats?.onRender,
	});
	onMounted();
	const mode = await quit;
	instance.unmount();
	restore();
	stats?.write();
	process.off('SIGTERM', onSignal);
	process.off('SIGHUP', onSignal);
	process.off('uncaughtException', crash);
	return mode;
}
