import {formatDuration} from '../../config/quantities.js';
import type {LogLine} from '../../core/log-line.js';
import type {RunRecord} from '../../core/run-record.js';
import {printable} from '../../log/printable-text.js';
import type {NotificationView} from '../../protocol/messages.js';
import {formatZonedIso, zonedClock} from '../../time/zoned-time.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {dayNumberOf, daySeparatorText} from '../log-days.js';
import {formatElapsed} from '../relative-time.js';
import {wrapFacts, wrapLine} from '../text-fit.js';
import {statusColor, theme, type Style} from '../theme.js';
import {runParamsText} from '../../log/run-params-text.js';

/**
 * A line of a view, wrapped to the view's width; `style` colours it. `divider`: a separator row
 * (`── Tue 8 Dec ──`), not text: search neither finds nor marks it.
 */
export type ViewLine = {text: string; style?: Style; divider?: boolean};

const when = (ms: number | undefined, zone: string) => (ms === undefined ? '—' : formatZonedIso(ms, zone).replace('T', ' '));
const labelWidth = 11;

/**
 * A run in full, as lines for the detail view: its facts, the alerts sent, the error with its whole
 * stack trace (or the result), then its newest log lines as the console received them, a
 * `── Tue 8 Dec ──` row above the first of each day other than the run's start's (the clocks are
 * HH:MM:SS: a run through midnight, or lines of a later day than the run's start), with its year when
 * `today` (the console's day number, log-days.ts; by default the run's start's) is of another year:
 * `── Thu 31 Dec 2026 ──` seen on 1 Jan 2027.
 * Times and days are of `zone`, the console's (the scheduler's, jobs.yaml's `timezone`).
 * Every line is wrapped to `width`, never cut: a stack frame's path is often the longest line on the screen.
 * `now`: a running run's time so far is counted to it.
 */
export function detailLines(run: RunRecord & {waitingFor?: string}, notifications: readonly NotificationView[], log: readonly LogLine[], width: number, today?: number, zone = exchangeTimeZone, now?: number): ViewLine[] {
	// Several facts on one line, wrapped between them: `trade date 2026-12-04` moves whole to the next line.
	const who = [`job        ${run.jobId}`, `run ${run.id}`, `${run.trigger}, attempt ${run.attempt}`, ...(run.tradeDate ? [`trade date ${run.tradeDate}`] : [])];
	const facts: ViewLine[] = [
		// A queued run says why it waits, whole: the Running panel cuts it at 80 columns (`waits for run 716…`).
		{text: `status     ${run.status}${run.waitingFor ? `  ${run.waitingFor}` : ''}`, style: {color: statusColor(run.status), bold: true}},
		// Only a run asked for with params beyond its job's has them (what R runs it with again).
		...(run.params && Object.keys(run.params).length > 0 ? [{text: `params     ${runParamsText(run.params)}`}] : []),
		{text: `scheduled  ${when(run.scheduledAt, zone)}`},
		{text: `started    ${when(run.startedAt, zone)}`},
		// A live run's time so far, as the Running panel counts it: `finished —` alone left it to be worked out.
		{text: `finished   ${when(run.finishedAt, zone)}   ${run.durationMs === undefined ? (run.status === 'running' && run.startedAt !== undefined && now !== undefined ? `running for ${formatElapsed(now - run.startedAt)}` : '') : formatDuration(run.durationMs)}`},
		{text: `progress   ${run.progress === undefined ? '—' : `${Math.round(run.progress * 100)}%`}${run.message ? `  ${printable(run.message)}` : ''}`},
		...(run.worker ? [{text: `worker     ${run.worker}`}] : []),
		{text: `log        ${run.logPath ?? '—'}`},
		...notifications.map(sent => ({text: `notified   ${sent.channel} → ${sent.recipient}: ${sent.status} (${sent.attempts} attempt${sent.attempts === 1 ? '' : 's'})${sent.error ? ` ${sent.error}` : ''}`})),
	];
	const lines: ViewLine[] = [
		...wrapFacts(who, width, ' '.repeat(labelWidth)).map(text => ({text})),
		...facts.flatMap(line => wrapLine(line.text, width, ' '.repeat(labelWidth)).map(text => ({text, style: line.style}))),
	];
	if (run.error) {
		const headline = printable(`${run.error.type}: ${run.error.message}`);
		const stack = (run.error.stack ?? '(no stack trace)').split('\n').map(frame => printable(frame));
		// A stack usually repeats the headline as its first line.
		const frames = stack[0] === headline ? stack.slice(1) : stack;
		lines.push({text: ''}, ...wrapLine(headline, width, '  ').map(text => ({text, style: {color: theme.bad, bold: true}})));
		lines.push(...frames.flatMap(frame => wrapLine(frame, width, '        ').map(text => ({text, style: {color: theme.muted}}))));
	} else if (run.result !== undefined) {
		lines.push({text: ''}, ...wrapLine(`result     ${JSON.stringify(run.result)}`, width, ' '.repeat(labelWidth)).map(text => ({text})));
	}

	if (log.length > 0) {
		lines.push({text: ''}, ...wrapLine(`log, ${log.length === 1 ? 'the one line' : `newest ${log.length} lines`} the console has (all of it: ${run.logPath ?? 'the run log'})`, width, '  ').map(text => ({text, style: {color: theme.accent}})));
		let day = dayNumberOf(run.startedAt ?? run.scheduledAt, zone);
		const todayNumber = today ?? day;
		for (const line of log) {
			const lineDay = dayNumberOf(line.time, zone);
			if (lineDay !== day) {
				day = lineDay;
				lines.push({text: daySeparatorText(day, todayNumber), style: {color: theme.muted, dim: true}, divider: true});
			}

			const level = line.level === 'info' ? '' : `${line.level} `;
			// The job's fields after the message, as the log panel and `logs` print them (`synced  symbol=600519.SH`).
			const fields = line.fields ? `  ${printable(line.fields).replaceAll('\t', ' ')}` : '';
			lines.push(...wrapLine(`${zonedClock(line.time, zone)} ${level}${printable(line.msg)}${fields}`, width, '         ').map(text => ({text, style: line.level === 'error' || line.level === 'fatal' ? {color: theme.bad} : undefined})));
		}
	}

	return lines;
}
