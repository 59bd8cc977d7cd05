import type {RunRecord} from '../../core/run-record.js';
import type {JobDetail, NotificationView, ServiceDetail} from '../../protocol/messages.js';
import type {RunSummary} from '../../protocol/snapshot.js';

/** Every panel that can take the keyboard, top to bottom; `services` only while jobs.yaml has services. */
export const panels = ['jobs', 'running', 'services', 'log', 'failures'] as const;
export type PanelId = (typeof panels)[number];

/** The panels Tab cycles through: the services panel only when there are services. */
export function panelsShown(hasServices: boolean): readonly PanelId[] {
	return hasServices ? panels : panels.filter(panel => panel !== 'services');
}

/** What `s`, `x` and `X` ask of a service. */
export type ServiceVerb = 'start' | 'stop' | 'restart';

/** What covers the panels, if anything. Detail and runs remember what to go back to. */
export type Overlay =
	| {kind: 'none'}
	| {kind: 'help'}
	| {kind: 'detail'; run: RunRecord; notifications: readonly NotificationView[]; back?: Overlay}
	| {kind: 'job'; jobId: string; detail?: JobDetail; /** Its module path or command (jobTargetText). */ target?: string}
	| {kind: 'service'; serviceId: string; detail?: ServiceDetail; error?: string}
	| {kind: 'runs'; title: string; runs: readonly RunSummary[]}
	| {kind: 'quit'};

/** A line typed on the status line: a job filter, a search, a `:` command, a backfill range. */
export type Prompt = {purpose: 'filter' | 'search' | 'command' | 'backfill'; text: string; jobId?: string};

/** What a destructive key does once the operator answers `y`. */
export type PendingAction =
	| {kind: 'cancel'; runId: number; jobId: string}
	| {kind: 'run'; jobId: string}
	| {kind: 'service'; verb: Exclude<ServiceVerb, 'start'>; serviceId: string};

export type StatusTone = 'info' | 'good' | 'bad';
export type StatusMessage = {text: string; tone: StatusTone};

/**
 * Where the log view stands. Following, it shows the newest lines; scrolled back (`bottom` set), it
 * stays on the same lines while new ones arrive. `selected` is a line's sequence number.
 */
export type LogView = {bottom?: number; selected?: number};

export type ConsoleState = {
	focus: PanelId;
	/** Cursor per list, as a row number; the log's is `log.selected`. */
	cursor: {jobs: number; running: number; services: number; failures: number; runs: number};
	/**
	 * The row each list's cursor is on, by key (a job's or service's id, a run's id): the cursor stays
	 * on that row as rows arrive above it or leave (list-cursor.ts), so a key acts on the row shown.
	 */
	picked: {jobs?: string | number; running?: string | number; services?: string | number; failures?: string | number; runs?: string | number};
	filter: string;
	logScope: 'all' | 'selected';
	log: LogView;
	/** The last search term (log and detail), for n/N and for marking matches. */
	search: string;
	/** First line shown of a detail or job view. */
	detailScroll: number;
	/** The line of the open view the last n/N landed on (the top line may differ near the end). */
	viewMatch?: number;
	overlay: Overlay;
	prompt?: Prompt;
	confirm?: {question: string; action: PendingAction};
	/** The answer to the last action; fades after a few seconds. */
	status?: StatusMessage;
	/** Mouse wheel reporting is on (the terminal's own selection then needs Shift). */
	mouse: boolean;
	/** Notices dismissed in this console (`d`), by their text: the same notice stays hidden, a new one shows. */
	dismissedNotices?: readonly string[];
};

export type ConsoleAction =
	| {type: 'focus'; panel: PanelId}
	/** To the next panel of `panels` (those on the screen). */
	| {type: 'focus-next'; delta: 1 | -1; panels: readonly PanelId[]}
	/** `keys`: the list's rows' keys, in the order shown. */
	| {type: 'move'; list: keyof ConsoleState['cursor']; delta: number; keys: ReadonlyArray<string | number>}
	/** The lists as they are now: each cursor goes back to its picked row, or the nearest when it left. */
	| {type: 'follow'; lists: Partial<Record<keyof ConsoleState['cursor'], ReadonlyArray<string | number>>>}
	| {type: 'set-filter'; text: string}
	| {type: 'prompt'; prompt: Prompt | undefined}
	| {type: 'confirm'; question: string; action: PendingAction}
	| {type: 'answered'}
	| {type: 'open'; overlay: Overlay}
	| {type: 'close'}
	| {type: 'job-detail'; jobId: string; detail: JobDetail; target?: string}
	/** A run's record read again (it ended while its detail was open). */
	| {type: 'run-detail'; run: RunRecord; notifications: readonly NotificationView[]}
	| {type: 'service-detail'; serviceId: string; detail?: ServiceDetail; error?: string}
	| {type: 'toggle-log-scope'}
	| {type: 'log-view'; view: LogView}
	| {type: 'search'; text: string}
	| {type: 'scroll-detail'; to: number; match?: number}
	| {type: 'say'; text: string; tone: StatusTone}
	| {type: 'fade'; status: StatusMessage}
	| {type: 'toggle-mouse'}
	| {type: 'dismiss-notices'; texts: readonly string[]};
