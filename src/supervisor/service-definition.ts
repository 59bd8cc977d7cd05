/**
 * A service as jobs.yaml declares it (`services:`), validated and typed: a long-running process the
 * scheduler keeps up while its window is open. Produced by src/config/service-reader.ts, consumed by
 * the supervisor. Pure data.
 */

/** What runs: a command, or a script (`module:`) run by Node in a process of its own (TypeScript through tsx). */
export type ServiceTarget =
	| {kind: 'command'; argv: string[]; shell: boolean; cwd: string; env?: Record<string, string>}
	| {kind: 'module'; path: string; cwd: string; env?: Record<string, string>};

/** A stretch of a day, milliseconds since local midnight, end exclusive (a range never crosses midnight). */
export type DayRange = {startMs: number; endMs: number};

/** When a service should be up. */
export type ServiceWindow =
	| {kind: 'always'}
	/**
	 * The same ranges every day (`calendar: trading-days`: on trading days only), in `timezone`.
	 * `trading-session` is one range, 09:15 − lead to 15:00 + lag in Asia/Shanghai, on trading days.
	 */
	| {kind: 'daily'; ranges: DayRange[]; timezone: string; tradingDaysOnly: boolean; /** How the config said it, for display. */ text: string};

export type RestartPolicy = 'on-failure' | 'always' | 'never';

/** Up counts from a stdout line matching `pattern`, or after running `afterMs` without exiting. */
export type Readiness =
	| {kind: 'immediate'}
	| {kind: 'pattern'; pattern: string; timeoutMs: number}
	| {kind: 'after'; afterMs: number};

export type ServiceNotify = {channels?: string[]; users?: string[]} | false;

export type ServiceDefinition = {
	id: string;
	name: string;
	target: ServiceTarget;
	window: ServiceWindow;
	/** @default 'on-failure' */
	restart: RestartPolicy;
	/** First delay before a restart; doubles with each quick exit in a row. @default 1 s */
	restartDelayMs: number;
	/** The longest restart delay. @default 60 s */
	restartDelayMaxMs: number;
	/** More than this many starts within `startLimitIntervalMs`: the service is `fatal`. @default 5 */
	startLimit: number;
	/** @default 10 min */
	startLimitIntervalMs: number;
	/** Up this long: no longer a quick exit (the restart delay starts over, an incident has recovered). @default 30 s */
	minUptimeMs: number;
	readiness: Readiness;
	/** Alert when it is not up this long after its window opened. @default 2 min */
	upGraceMs: number;
	/** @default 'SIGTERM' */
	stopSignal: NodeJS.Signals;
	/** Then SIGKILL to what is left of its process tree. @default 10 s */
	stopTimeoutMs: number;
	/** Resident memory of its whole process tree, MiB; over it, the service is restarted. */
	maxMemoryMb?: number;
	/** Its log files rotate past this size. @default 10 MiB */
	logMaxBytes: number;
	/** Rotated files kept (`<id>.log.1` … `.N`). @default 5 */
	logKeep: number;
	/** @default true */
	enabled: boolean;
	/** Where its alerts go (false: nowhere). @default every channel */
	notify?: ServiceNotify;
};
