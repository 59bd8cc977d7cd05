import type {PanelId} from './state/console-types.js';

/** Every key of the console, in one place; the `?` help and the key bar are drawn from this list. */
export type KeyAction =
	| 'up' | 'down' | 'top' | 'bottom' | 'page-up' | 'page-down' | 'next-panel' | 'prev-panel' | 'open' | 'back'
	| 'run' | 'pause' | 'cancel' | 'retry' | 'backfill' | 'start-service' | 'stop-service' | 'restart-service' | 'failures' | 'log' | 'log-scope'
	| 'search' | 'next-match' | 'prev-match' | 'command' | 'mouse' | 'start-scheduler' | 'dismiss-notice' | 'help' | 'quit';

/** Where a key does something: the main screen's panels, or a view over them. */
export type KeyPlace = PanelId | 'main' | 'detail' | 'job' | 'service' | 'runs' | 'help';

export type KeyBinding = {
	action: KeyAction;
	keys: string;
	help: string;
	group: 'move' | 'act' | 'look' | 'console';
	/**
	 * Shown on the key bar while one of these has the keyboard, with this short text; in `spare`
	 * places (also in `places`) only as room allows: it acts there (on the line's job) but is not
	 * the place's own, so a narrow bar leaves it out before the place's own keys.
	 */
	bar?: {places: readonly KeyPlace[]; text: string; spare?: readonly KeyPlace[]};
};

const everywhere: KeyPlace[] = ['main', 'jobs', 'running', 'services', 'log', 'failures', 'detail', 'job', 'service', 'runs'];
const panelPlaces: KeyPlace[] = ['jobs', 'running', 'services', 'log', 'failures'];

export const keymap: readonly KeyBinding[] = [
	{action: 'up', keys: '↑ k', help: 'move up / scroll', group: 'move', bar: {places: ['runs', 'job', 'service', 'help'], text: '↑↓ move'}},
	{action: 'down', keys: '↓ j', help: 'move down / scroll', group: 'move'},
	{action: 'page-up', keys: 'PgUp', help: 'a page back', group: 'move', bar: {places: ['log', 'detail', 'help'], text: 'PgUp/PgDn scroll'}},
	{action: 'page-down', keys: 'PgDn', help: 'a page forward', group: 'move'},
	{action: 'top', keys: 'g Home', help: 'first line / oldest', group: 'move'},
	{action: 'bottom', keys: 'G End', help: 'last line / newest: the log follows', group: 'move', bar: {places: ['log'], text: 'End newest'}},
	{action: 'next-panel', keys: 'Tab', help: 'next panel', group: 'move', bar: {places: panelPlaces, text: 'Tab panel'}},
	{action: 'prev-panel', keys: 'S-Tab', help: 'previous panel', group: 'move'},
	{action: 'open', keys: 'Enter', help: 'open the job, run, service', group: 'look', bar: {places: [...panelPlaces, 'job', 'runs'], text: 'Enter open'}},
	{action: 'back', keys: 'Esc', help: 'back, close, clear the filter', group: 'look', bar: {places: ['detail', 'job', 'service', 'runs', 'help'], text: 'Esc back'}},
	{action: 'run', keys: 'r', help: 'run the job now (asks if disabled)', group: 'act', bar: {places: ['jobs', 'job', 'log', 'failures'], text: 'r run', spare: ['log', 'failures']}},
	{action: 'pause', keys: 'p', help: 'pause or resume the job', group: 'act', bar: {places: ['jobs', 'job', 'log', 'failures'], text: 'p pause', spare: ['log', 'failures']}},
	{action: 'cancel', keys: 'c', help: 'cancel the live run (asks y/N)', group: 'act', bar: {places: ['running', 'job', 'detail'], text: 'c cancel'}},
	{action: 'retry', keys: 'R', help: 'retry the failed run', group: 'act', bar: {places: ['failures', 'detail'], text: 'R retry'}},
	{action: 'backfill', keys: 'b', help: 'backfill past trading days', group: 'act'},
	{action: 'start-service', keys: 's', help: 'start the service', group: 'act', bar: {places: ['services', 'service'], text: 's start'}},
	{action: 'stop-service', keys: 'x', help: 'stop the service (asks y/N)', group: 'act', bar: {places: ['services', 'service'], text: 'x stop'}},
	{action: 'restart-service', keys: 'X', help: 'restart the service (asks y/N)', group: 'act', bar: {places: ['services', 'service'], text: 'X restart'}},
	{action: 'failures', keys: 'f', help: "today's failures", group: 'look', bar: {places: ['jobs', 'running', 'log'], text: 'f failures'}},
	{action: 'log', keys: 'l', help: 'the log', group: 'look'},
	{action: 'log-scope', keys: 'a', help: 'log: all jobs or the selected one', group: 'look', bar: {places: ['log'], text: 'a scope'}},
	{action: 'search', keys: '/', help: 'filter jobs; search the log, a detail', group: 'look', bar: {places: ['jobs', 'log', 'detail', 'service'], text: '/ find'}},
	// One row for n and N (N: prev-match, in byInput): the help fits 100×30 in two columns with S in it.
	{action: 'next-match', keys: 'n N', help: 'next, previous match (older, newer)', group: 'look', bar: {places: ['log', 'detail', 'service'], text: 'n/N match'}},
	{action: 'command', keys: ':', help: 'command: job ID, runs failed, q', group: 'console', bar: {places: panelPlaces, text: ': command'}},
	{action: 'mouse', keys: 'm', help: 'mouse wheel on/off (select: Shift)', group: 'console'},
	{action: 'start-scheduler', keys: 'S', help: 'start a scheduler here when none runs', group: 'console'},
	{action: 'dismiss-notice', keys: 'd', help: "dismiss the header's 'was down' notice", group: 'console'},
	{action: 'help', keys: '?', help: 'this help and the icon legend', group: 'console', bar: {places: everywhere, text: '? help'}},
	{action: 'quit', keys: 'q', help: 'quit (asks if runs are live)', group: 'console', bar: {places: panelPlaces, text: 'q quit'}},
];

/**
 * What a narrow key bar leaves out first (`spare` keys after the first four, the last of them
 * first); `? help` (every key) and the place's own actions stay.
 */
const barShedOrder: readonly KeyAction[] = ['command', 'failures', 'next-match', 'log-scope', 'page-up', 'bottom', 'search', 'open', 'next-panel', 'quit', 'up'];

/**
 * Keys that do not apply to a heartbeat job (nothing runs for it), which its key bar leaves out: run
 * and cancel, and in its view Enter (it opens a run).
 */
export function heartbeatJobWithout(place: KeyPlace): ReadonlySet<KeyAction> {
	return new Set<KeyAction>(place === 'job' ? ['run', 'cancel', 'open'] : ['run', 'cancel']);
}

/**
 * The key bar for a place: its keys' short texts, in keymap order, but for those `without`; within
 * `width` cells, the least needed are left out until it fits (an 80-column jobs panel drops `: command`).
 */
export function keyBar(place: KeyPlace, width = Number.POSITIVE_INFINITY, without: ReadonlySet<KeyAction> = new Set()): string {
	const shown = keymap.filter(binding => binding.bar?.places.includes(place) && !without.has(binding.action));
	const text = () => shown.map(binding => binding.bar!.text).join(' · ');
	const spare = shown.filter(binding => binding.bar?.spare?.includes(place)).map(binding => binding.action);
	for (const action of [...barShedOrder.slice(0, 4), ...spare.reverse(), ...barShedOrder.slice(4)]) {
		if (text().length <= width) {
			break;
		}

		const at = shown.findIndex(binding => binding.action === action);
		if (at !== -1) {
			shown.splice(at, 1);
		}
	}

	return text();
}

type InkKey = {
	upArrow: boolean; downArrow: boolean; tab: boolean; return: boolean; escape: boolean;
	pageUp: boolean; pageDown: boolean; home?: boolean; end?: boolean; ctrl: boolean; shift: boolean;
};

const byInput: Record<string, KeyAction> = {
	k: 'up', j: 'down', g: 'top', G: 'bottom', r: 'run', p: 'pause', c: 'cancel', R: 'retry', b: 'backfill', s: 'start-service', x: 'stop-service', X: 'restart-service', f: 'failures',
	l: 'log', a: 'log-scope', '/': 'search', n: 'next-match', N: 'prev-match', ':': 'command', m: 'mouse', S: 'start-scheduler', d: 'dismiss-notice', '?': 'help', q: 'quit',
};

/** Maps Ink's `useInput` arguments to an action. */
export function actionFor(input: string, key: InkKey): KeyAction | undefined {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.tab) return key.shift ? 'prev-panel' : 'next-panel';
	if (key.return) return 'open';
	if (key.escape) return 'back';
	if (key.pageUp) return 'page-up';
	if (key.pageDown) return 'page-down';
	if (key.home) return 'top';
	if (key.end) return 'bottom';
	if (key.ctrl && input === 'c') return 'quit';
	return key.ctrl ? undefined : byInput[input];
}
