import {formatDuration} from '../config/quantities.js';
import type {JobDefinition} from '../core/job-definition.js';
import type {RunRecord} from '../core/run-record.js';
import type {ServiceAlert} from '../supervisor/service-alert.js';
import {exchangeTimeZone} from '../market/trading-calendar.js';
import {formatZonedIso} from '../time/zoned-time.js';
import type {Message} from './notification-types.js';

const stackLines = 8;
/**
 * A time as the messages show it, `2026-12-07 16:30:05`, in `zone`: the scheduler's (jobs.yaml's
 * `timezone`), the one its "today", `status` and the console show times in.
 */
export const when = (ms: number | undefined, zone = exchangeTimeZone) => (ms === undefined ? '—' : formatZonedIso(ms, zone).replace('T', ' ').slice(0, 19));

export function escapeHtml(text: string): string {
	return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

export type Field = [label: string, value: string];

/** `keep`: which end of `pre` a robot whose size limit cuts it keeps (a command's stderr: its end, the exception). */
export function render(kind: Message['kind'], title: string, fields: Field[], pre?: string, ids: {runId?: number; jobId?: string} = {}, keep: 'start' | 'end' = 'start'): Message {
	const htmlHead = [
		`<h3>${escapeHtml(title)}</h3>`,
		'<table>',
		...fields.map(([label, value]) => `<tr><td><b>${escapeHtml(label)}</b></td><td>${escapeHtml(value)}</td></tr>`),
		'</table>',
	].join('');
	const html = pre ? `${htmlHead}<pre>${escapeHtml(pre)}</pre>` : htmlHead;
	const head = [`### ${title}`, ...fields.map(([label, value]) => `- **${label}**: ${value}`)].join('\n');
	const markdown = pre ? `${head}\n\n\`\`\`\n${pre}\n\`\`\`` : head;
	const text = [title, '', ...fields.map(([label, value]) => `${label}: ${value}`), ...(pre ? ['', pre] : [])].join('\n');
	return {kind, title, html, markdown, ...(pre ? {markdownParts: {head, pre, keep}, htmlParts: {head: htmlHead, pre, keep}} : {}), text, ...ids};
}

function runFields(job: Pick<JobDefinition, 'id' | 'name'>, run: RunRecord, zone: string): Field[] {
	return [
		['job', job.name === job.id ? job.id : `${job.name} (${job.id})`],
		['run', `${run.id} · ${run.trigger} · attempt ${run.attempt}`],
		['status', run.status],
		['scheduled', when(run.scheduledAt, zone)],
		['finished', `${when(run.finishedAt, zone)}${run.durationMs === undefined ? '' : ` (${formatDuration(run.durationMs)})`}`],
		// A run on workers: which machine's checkout ran it (a failure there may be that checkout's).
		...(run.worker ? [['worker', run.worker] as Field] : []),
		...(run.tradeDate ? [['trade date', run.tradeDate] as Field] : []),
		...(run.error ? [['error', `${run.error.type}: ${run.error.message}`] as Field] : []),
		['log', run.logPath ?? '—'],
	];
}

/**
 * A command's stack is its stderr's tail: its end (a traceback's exception, the last word before a
 * timeout) matters most. Only a command's timeout has a stack.
 */
const endsWithItsPoint = (error: RunRecord['error']) => error?.type === 'ExitCode' || error?.type === 'Killed' || error?.type === 'Timeout';

/**
 * The lines of a failure's stack an alert shows: where a JavaScript stack was thrown (its top), and the
 * end of a command's stderr tail (its stack), where a traceback has the innermost frame and the exception.
 */
function stackExcerpt(error: RunRecord['error']): string | undefined {
	const lines = error?.stack?.split('\n');
	if (!lines || lines.length <= stackLines) {
		return lines?.join('\n');
	}

	if (endsWithItsPoint(error)) {
		return [`… ${lines.length - stackLines} lines above, in the run's log`, ...lines.slice(-stackLines)].join('\n');
	}

	return lines.slice(0, stackLines).join('\n');
}

/** The first failure of a job: everything needed to act from the phone, and the commands that do it. */
export function failureMessage(job: Pick<JobDefinition, 'id' | 'name'>, run: RunRecord, zone = exchangeTimeZone): Message {
	const stack = stackExcerpt(run.error);
	const next: Field = ['next', `sage-console show ${run.id} (the whole error and log) · sage-console retry ${run.id}`];
	return render('failure', `❌ ${job.name} ${run.status}`, [...runFields(job, run, zone), next], stack, {runId: run.id, jobId: job.id}, endsWithItsPoint(run.error) ? 'end' : 'start');
}

/** The first success after failures, with how many there were. */
export function recoveryMessage(job: Pick<JobDefinition, 'id' | 'name'>, run: RunRecord, failures: number, since: number | undefined, zone = exchangeTimeZone): Message {
	return render('recovery', `✅ ${job.name} recovered`, [
		...runFields(job, run, zone),
		['failed', `${failures} time${failures === 1 ? '' : 's'} since ${when(since, zone)}`],
	], undefined, {runId: run.id, jobId: job.id});
}

export function successMessage(job: Pick<JobDefinition, 'id' | 'name'>, run: RunRecord, zone = exchangeTimeZone): Message {
	return render('success', `✅ ${job.name} succeeded`, runFields(job, run, zone), undefined, {runId: run.id, jobId: job.id});
}

const entities: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' '};

/**
 * The plain text of a job's HTML body, for the robots' markdown, e-mail's text and the webhook: blocks
 * on lines of their own, inline tags gone without a space in their place (`组合<b>收益</b>` stays one
 * word), entities decoded (`A&amp;B` is `A&B`).
 */
function htmlText(body: string): string {
	return body
		.replaceAll(/<br\s*\/?>/gi, '\n')
		.replaceAll(/<\/?(p|div|h\d|tr|li|ul|ol|table|pre|blockquote)\b[^>]*>/gi, '\n')
		.replaceAll(/<\/?t[dh]\b[^>]*>/gi, ' ')
		.replaceAll(/<[^>]*>/g, '')
		.replaceAll(/&(amp|lt|gt|quot|apos|nbsp|#\d+|#x[\da-f]+);/gi, (whole, name: string) => {
			const code = name.startsWith('#') ? Number.parseInt(name.slice(name[1] === 'x' || name[1] === 'X' ? 2 : 1), name[1] === 'x' || name[1] === 'X' ? 16 : 10) : undefined;
			return code === undefined ? entities[name.toLowerCase()] ?? whole : (code > 0 && code <= 0x10_FF_FF ? String.fromCodePoint(code) : whole);
		})
		.split('\n')
		.map(line => line.replaceAll(/[ \t]+/g, ' ').trim())
		.join('\n')
		.replaceAll(/\n{3,}/g, '\n\n')
		.trim();
}

/** A message a job sends itself with ctx.notify(title, body); the body is HTML. */
export function jobMessage(jobId: string, runId: number, title: string, body: string): Message {
	const text = htmlText(body);
	return {kind: 'job', title, html: body, markdown: `### ${title}\n\n${text}`, text: `${title}\n\n${text}`, runId, jobId};
}

export function testMessage(channel: string, at: number, zone = exchangeTimeZone): Message {
	return render('test', '🔔 sage-console test message', [['channel', channel], ['sent', when(at, zone)]], undefined);
}

const serviceTitles: Record<ServiceAlert['kind'], string> = {
	'service-exited': '💥 exited',
	'service-fatal': '⛔ fatal (crash loop)',
	'service-not-up': '⏰ not up',
	'service-recovered': '✅ up again',
};

/** A service's alert (src/supervisor): an unexpected exit, a crash loop gone fatal, not up in time, up again. */
export function serviceAlertMessage(alert: ServiceAlert, service: {id: string; name: string}, zone = exchangeTimeZone): Message {
	const title = `${service.name} ${serviceTitles[alert.kind]}`;
	const fields: Field[] = [
		['service', service.name === service.id ? service.id : `${service.name} (${service.id})`],
		['what', alert.kind],
		['why', alert.message],
		['at', when(alert.at, zone)],
		...(alert.runId === undefined ? [] : [['run', String(alert.runId)] as Field]),
		// Fatal holds until a manual start (or its next window's): say which.
		...(alert.kind === 'service-fatal' ? [['next', `mend why it exits (sage-console show ${alert.runId ?? 'RUN'}), then sage-console start ${service.id}`] as Field] : []),
	];
	const stderr = alert.stderrTail?.slice(-stackLines).join('\n');
	return {
		...render(alert.kind === 'service-recovered' ? 'recovery' : 'alert', title, fields, stderr, {runId: alert.runId, jobId: service.id}, 'end'),
		event: {event: alert.kind, service: {id: service.id, name: service.name}, reason: alert.message, runId: alert.runId, at: alert.at},
	};
}
