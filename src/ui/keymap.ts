/** Every key of the console, in one place; the `?` help is drawn from this list. */
export type KeyAction =
	| 'up' | 'down' | 'next-panel' | 'open' | 'back' | 'run' | 'pause' | 'cancel' | 'retry' | 'failures'
	| 'log' | 'log-scope' | 'page-up' | 'page-down' | 'filter' | 'help' | 'quit' | 'backfill';

export type KeyBinding = {action: KeyAction; keys: string; help: string};

export const keymap: readonly KeyBinding[] = [
	{action: 'up', keys: '↑ / k', help: 'move up'},
	{action: 'down', keys: '↓ / j', help: 'move down'},
	{action: 'next-panel', keys: 'Tab', help: 'next panel (jobs, running, log, failures)'},
	{action: 'open', keys: 'Enter', help: 'open the detail of the selected run (stack trace, log path)'},
	{action: 'back', keys: 'Esc', help: 'back / close / clear the filter'},
	{action: 'run', keys: 'r', help: 'run the selected job now'},
	{action: 'pause', keys: 'p', help: 'pause or resume the selected job'},
	{action: 'cancel', keys: 'c', help: 'cancel the selected running run'},
	{action: 'retry', keys: 'R', help: 'retry the selected failed run'},
	{action: 'failures', keys: 'f', help: "today's failures"},
	{action: 'log', keys: 'l', help: 'focus the log'},
	{action: 'log-scope', keys: 'a', help: 'log: all jobs / the selected job'},
	{action: 'page-up', keys: 'PgUp', help: 'scroll back (log, detail)'},
	{action: 'page-down', keys: 'PgDn', help: 'scroll forward (log, detail)'},
	{action: 'filter', keys: '/', help: 'filter jobs by text'},
	{action: 'backfill', keys: 'b', help: 'backfill the selected job for past trading days'},
	{action: 'help', keys: '?', help: 'this help'},
	{action: 'quit', keys: 'q', help: 'quit (asks when runs are live)'},
];

type InkKey = {
	upArrow: boolean; downArrow: boolean; tab: boolean; return: boolean; escape: boolean;
	pageUp: boolean; pageDown: boolean; ctrl: boolean; shift: boolean;
};

/** Maps Ink's `useInput` arguments to an action. */
export function actionFor(input: string, key: InkKey): KeyAction | undefined {
	if (key.upArrow || input === 'k') return 'up';
	if (key.downArrow || input === 'j') return 'down';
	if (key.tab) return 'next-panel';
	if (key.return) return 'open';
	if (key.escape) return 'back';
	if (key.pageUp) return 'page-up';
	if (key.pageDown) return 'page-down';
	if (key.ctrl && input === 'c') return 'quit';
	const byInput: Record<string, KeyAction> = {
		b: 'backfill', r: 'run', p: 'pause', c: 'cancel', R: 'retry', f: 'failures', l: 'log', a: 'log-scope', '/': 'filter', '?': 'help', q: 'quit',
	};
	return byInput[input];
}
