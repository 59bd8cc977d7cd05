import {printable} from '../../log/printable-text.js';
import type {ServiceDetail} from '../../protocol/messages.js';
import type {ServiceView} from '../../protocol/snapshot.js';
import {stateText} from '../../supervisor/service-states.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {lastExitText} from '../last-exit-text.js';
import {serviceLookOf, whenText} from '../panels/services-panel.js';
import {wrapLine} from '../text-fit.js';
import {theme, type Style} from '../theme.js';
import type {ViewLine} from './detail-lines.js';

const labelWidth = 11;
const lineCount = (count: number) => `${count} line${count === 1 ? '' : 's'}`;
const when = (ms: number | undefined, zone: string) => (ms === undefined ? '—' : formatZonedIso(ms, zone).replace('T', ' ').slice(0, 19));

function wrapped(text: string, width: number, indent: string, style?: Style): ViewLine[] {
	return wrapLine(printable(text), width, indent).map(line => ({text: line, style}));
}

/** The service as the snapshot has it now (its uptime ticks): state, process, restarts, memory, last exit. */
function facts(service: ServiceView, now: number, zone: string): Array<{text: string; style?: Style}> {
	const look = serviceLookOf(service);
	const exit = service.lastExit;
	return [
		{text: `service    ${service.id}${service.name && service.name !== service.id ? `  ${service.name}` : ''}`},
		{text: `state      ${look.glyph} ${service.enabled ? stateText(service.state) : 'disabled'}  ${whenText(service, now)}${service.adopted ? '  (adopted from the scheduler before)' : ''}`, style: {...look.style, bold: true}},
		...(service.note ? [{text: `why        ${service.note}`, style: {color: theme.warn}}] : []),
		{text: `window     ${service.window}${service.inWindow ? '  (in it now)' : ''}${service.closesAt === undefined ? '' : `  until ${when(service.closesAt, zone)}`}`},
		{text: `process    ${service.pid === undefined ? '—' : `pid ${service.pid}`}${service.runId === undefined ? '' : `   run ${service.runId}`}${service.startedAt === undefined ? '' : `   started ${when(service.startedAt, zone)}`}`},
		{text: `restarts   ${service.restartsToday} today`, style: service.restartsToday > 0 ? {color: theme.warn} : undefined},
		{text: `memory     ${service.memoryMb === undefined ? '—' : `${service.memoryMb} MiB`}${service.maxMemoryMb ? ` of ${Math.round(service.maxMemoryMb)} MiB allowed` : ''}`},
		{text: `last exit  ${exit ? `${lastExitText(service, now, zone)} (run ${exit.runId}, ${exit.status})${exit.message ? `  ${exit.message}` : ''}` : '—'}`, style: exit?.status === 'failed' ? {color: theme.bad} : undefined},
	];
}

/**
 * A service up close, as lines for its view: its facts (live from the snapshot), its last crashes with
 * the stderr each left as its stack, then the newest lines of its output and of its error file. Every
 * line is wrapped to `width`, never cut, as a run's detail is. Times in `zone`, the console's (the scheduler's).
 */
export function serviceViewLines(service: ServiceView | undefined, detail: ServiceDetail | undefined, error: string | undefined, now: number, width: number, zone = exchangeTimeZone): ViewLine[] {
	const shown = service ?? detail?.service;
	if (!shown) {
		return [{text: 'not in jobs.yaml any more', style: {color: theme.warn}}];
	}

	const lines = facts(shown, now, zone).flatMap(line => wrapped(line.text, width, ' '.repeat(labelWidth), line.style));
	if (error) {
		lines.push(...wrapped(`⚠ its output and crashes could not be read: ${error}`, width, '  ', {color: theme.bad}));
	}

	if (!detail) {
		return error ? lines : [...lines, {text: ''}, {text: 'loading its output and crashes…', style: {color: theme.muted}}];
	}

	const heading = (text: string) => lines.push({text: ''}, ...wrapped(text, width, '  ', {color: theme.accent}));
	heading(`Crashes (${detail.crashes.length})${detail.crashes.length > 0 ? ', newest first, each with the stderr it left' : ''}`);
	if (detail.crashes.length === 0) {
		lines.push({text: '  none', style: {color: theme.muted}});
	}

	for (const crash of detail.crashes) {
		const headline = `${crash.error?.type ?? crash.status}: ${crash.error?.message ?? ''}`;
		lines.push(...wrapped(`  ✗ run ${crash.id}  ${crash.finishedAt === undefined ? '' : `${when(crash.finishedAt, zone)}  `}${headline}`, width, '      ', {color: theme.bad, bold: true}));
		const left = (crash.error?.stack ?? '').split('\n').filter(line => line.trim() !== '' && printable(line) !== printable(headline));
		// The message ends with the last line stderr left (`… after 1 s: fatal: cannot bind`): a stderr of that
		// one line, under the wrapped message at the same indent, read as the line written twice.
		const stack = left.length === 1 && printable(headline).endsWith(`: ${printable(left[0]!.trim())}`) ? [] : left;
		for (const line of stack) {
			lines.push(...wrapped(`      ${line}`, width, '        ', {color: theme.muted}));
		}
	}

	heading(`Output, newest ${lineCount(detail.output.length)} (all of it: ${detail.outputFile})`);
	lines.push(...detail.output.flatMap(line => wrapped(`  ${line}`, width, '    ')));
	if (detail.errors.length > 0) {
		heading(`Errors, newest ${lineCount(detail.errors.length)} (${detail.errorFile})`);
		lines.push(...detail.errors.flatMap(line => wrapped(`  ${line}`, width, '    ', {color: theme.bad})));
	}

	return lines;
}
