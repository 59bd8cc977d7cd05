/**
 * The alerts about jobs.yaml itself, not a job: an edit (or the file at a start) the scheduler refused,
 * and the file applied again. In the style of scheduler-down-messages.ts.
 */
import {formatProblem, type ConfigProblem} from '../config/config-problem.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import {render, when, type Field} from './messages.js';
import type {Message} from './notification-types.js';

/** Problems an alert lists; the rest are counted (a robot's size limit would cut them anyway). */
const listed = 10;

/** Where the refused file is and what runs meanwhile. */
export type RefusedJobsFile = {
	/** As the log shows it (`config/jobs.yaml`). */
	file: string;
	root: string;
	problems: readonly ConfigProblem[];
	/** What runs instead: `the jobs loaded before keep running`, `the last good job list, from …, is in use`. */
	inUse: string;
	at: number;
};

/** `⚠ config/jobs.yaml not applied`: every problem (up to ten) at its `FILE:LINE:COL`, and what runs meanwhile. */
export function jobsFileRefusedMessage(refused: RefusedJobsFile, zone = exchangeTimeZone): Message {
	const {problems} = refused;
	const shown = problems.slice(0, listed).map(problem => formatProblem(problem));
	const more = problems.length > listed ? [`… and ${problems.length - listed} more (sage-console validate lists them all)`] : [];
	const fields: Field[] = [
		['file', refused.file],
		['root', refused.root],
		['problems', String(problems.length)],
		['meanwhile', `${refused.inUse}; nothing of the file applies (a job it adds does not run) until it is mended`],
		['noticed', when(refused.at, zone)],
	];
	return {
		...render('alert', `⚠ ${refused.file} not applied`, fields, [...shown, ...more].join('\n')),
		event: {event: 'config-invalid', reason: shown[0] ?? 'not applied', file: refused.file, root: refused.root, problems: problems.map(problem => ({...problem})), at: refused.at},
	};
}

/** `✅ config/jobs.yaml applied again`: the refused file (or a later edit) now runs. */
export function jobsFileMendedMessage(mended: {file: string; root: string; refusedAt: number; at: number}, zone = exchangeTimeZone): Message {
	const fields: Field[] = [
		['file', mended.file],
		['root', mended.root],
		['not applied since', when(mended.refusedAt, zone)],
		['applied', `${when(mended.at, zone)}: its jobs run as it says`],
	];
	return {
		...render('recovery', `✅ ${mended.file} applied again`, fields),
		event: {event: 'config-fixed', file: mended.file, root: mended.root, since: mended.refusedAt, at: mended.at},
	};
}
