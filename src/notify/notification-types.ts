import type {ChannelName} from '../core/channel-names.js';

/** What the notifier keeps about one delivery (a message to one channel and recipient). */
export type NotificationRecord = {
	id: number;
	runId?: number;
	jobId?: string;
	kind: MessageKind;
	channel: ChannelName;
	recipient: string;
	status: 'pending' | 'sent' | 'failed';
	attempts: number;
	error?: string;
	createdAt: number;
	finishedAt?: number;
};

export {channelNames, type ChannelName} from '../core/channel-names.js';
/** `alert`: a deadline, max_duration or heartbeat alert; its end is a `recovery`. */
export type MessageKind = 'failure' | 'recovery' | 'success' | 'job' | 'test' | 'alert';

/** A message rendered for every channel format. */
export type Message = {
	kind: MessageKind;
	title: string;
	html: string;
	markdown: string;
	/**
	 * `markdown` as its fields (`head`) and its stack (`pre`, fenced after them), so a robot with a size
	 * limit cuts the stack first, at the end that matters less (`keep`: the part kept).
	 */
	markdownParts?: {head: string; pre: string; keep: 'start' | 'end'};
	/** `html` the same way: its fields' HTML (`head`), then the stack's plain text (`pre`), escaped in a `<pre>`. */
	htmlParts?: {head: string; pre: string; keep: 'start' | 'end'};
	text: string;
	runId?: number;
	jobId?: string;
	/** The structured event, for channels that carry data (the webhook). */
	event?: {event: string; job?: {id: string; name: string}; run?: {id: number; trigger: string; attempt: number; scheduledAt: number; startedAt?: number; finishedAt?: number; durationMs?: number; tradeDate?: string; logPath?: string}; status?: string; error?: {type: string; message: string}; [key: string]: unknown};
};

/** Persistence the notifier needs; implemented over SQLite in src/store. */
export type NotificationStore = {
	insertNotification(record: Omit<NotificationRecord, 'id'>): number;
	updateNotification(id: number, patch: Partial<Pick<NotificationRecord, 'status' | 'attempts' | 'error' | 'finishedAt'>>): void;
	notificationsForRun(runId: number): NotificationRecord[];
	alertState(jobId: string): {failing: boolean; failures: number; since?: number} | undefined;
	setAlertState(jobId: string, state: {failing: boolean; failures: number; since?: number}): void;
	/** The failure alert of the job's failing that no channel took (its run): set as it is queued, kept until a channel takes it or a next alert is decided. */
	untoldFailure(jobId: string): UntoldFailure | undefined;
	/** `untold` undefined: told since (or the job recovered), forgotten. */
	setUntoldFailure(jobId: string, untold: UntoldFailure | undefined): void;
};

/** A job's failure alert that no channel accepted (yet): the run it was about, and since when it is owed. */
export type UntoldFailure = {runId: number; at: number};
