import {formatProblem, type ConfigProblem} from '../config/config-problem.js';
import {zonedClock, zonedDate} from '../time/zoned-time.js';

/** The text of jobs.yaml a scheduler of this root last applied, and when it first did. */
export type LastGoodJobs = {text: string; at: number};

/** Where it is kept: the history database's `settings` table (written in a transaction, so a crash leaves the old or the new). */
type SettingsStore = {
	setting(key: string): string | undefined;
	setSetting(key: string, value: string | undefined): void;
};

const settingKey = 'last-good-jobs';

/** The notice's key while a scheduler started with a broken jobs.yaml goes on with the last good list. */
export const lastGoodNoticeKey = 'jobs-config-last-good';

/** The last good job list kept for this root; undefined when none was ever applied (or what is kept does not read). */
export function readLastGoodJobs(store: SettingsStore): LastGoodJobs | undefined {
	const value = store.setting(settingKey);
	if (value === undefined) {
		return undefined;
	}

	try {
		const kept = JSON.parse(value) as Partial<LastGoodJobs>;
		return typeof kept.text === 'string' && typeof kept.at === 'number' ? {text: kept.text, at: kept.at} : undefined;
	} catch {
		return undefined;
	}
}

/** Keeps `text` as the last good job list (applied at `at`); the same text kept already keeps its time. */
export function rememberGoodJobs(store: SettingsStore, text: string, at: number): void {
	if (readLastGoodJobs(store)?.text === text) {
		return;
	}

	store.setSetting(settingKey, JSON.stringify({text, at}));
}

/**
 * What the scheduler tells (each problem in the log, the first in a standing notice) when jobs.yaml was
 * broken at start and the last good list runs instead; the notice goes when an edit is applied.
 */
export function tellLastGoodJobs(
	scheduler: {say(level: 'error', msg: string): void; setNotice(key: string, text: string | undefined): void},
	problems: readonly ConfigProblem[],
	lastGood: {at: number; timezone: string},
): void {
	const from = `${zonedDate(lastGood.at, lastGood.timezone)} ${zonedClock(lastGood.at, lastGood.timezone)}`;
	const what = `jobs.yaml not applied; the last good job list, from ${from}, is in use until an edit mends the file`;
	for (const problem of problems) {
		scheduler.say('error', formatProblem(problem));
	}

	scheduler.say('error', what);
	scheduler.setNotice(lastGoodNoticeKey, `${what}: ${formatProblem(problems[0]!)}${problems.length > 1 ? ` (+${problems.length - 1} more in the log)` : ''}`);
}
