import {Box, Text} from 'ink';
import {formatDuration} from '../../config/quantities.js';
import type {RunRecord} from '../../core/run-record.js';
import type {NotificationView} from '../../protocol/messages.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {clip} from '../text-fit.js';
import {statusColor, theme} from '../theme.js';
import {PanelTitle} from '../panels/panel-title.js';

const when = (ms: number | undefined) => (ms === undefined ? '—' : formatZonedIso(ms, 'Asia/Shanghai').replace('T', ' '));

/** The lines of a run's detail, so the caller knows how far it can scroll. */
export function detailLines(run: RunRecord, notifications: readonly NotificationView[] = []): string[] {
	const lines = [
		`job        ${run.jobId}   run ${run.id}   ${run.trigger}, attempt ${run.attempt}${run.tradeDate ? `   trade date ${run.tradeDate}` : ''}`,
		`status     ${run.status}`,
		`scheduled  ${when(run.scheduledAt)}`,
		`started    ${when(run.startedAt)}`,
		`finished   ${when(run.finishedAt)}   ${run.durationMs === undefined ? '' : formatDuration(run.durationMs)}`,
		`progress   ${run.progress === undefined ? '—' : `${Math.round(run.progress * 100)}%`}${run.message ? `  ${run.message}` : ''}`,
		`log        ${run.logPath ?? '—'}`,
	];
	for (const sent of notifications) {
		lines.push(`notified   ${sent.channel} → ${sent.recipient}: ${sent.status} (${sent.attempts} attempt${sent.attempts === 1 ? '' : 's'})${sent.error ? ` ${sent.error}` : ''}`);
	}

	if (run.error) {
		const headline = `${run.error.type}: ${run.error.message}`;
		const stack = (run.error.stack ?? '(no stack trace)').split('\n');
		// A stack usually repeats the headline as its first line.
		lines.push('', headline, ...(stack[0] === headline ? stack.slice(1) : stack));
	} else if (run.result !== undefined) {
		lines.push('', `result     ${JSON.stringify(run.result)}`);
	}

	return lines;
}

/** A run in full, with its whole stack trace; PgUp/PgDn and ↑↓ scroll, Esc goes back. */
export function RunDetail({run, notifications, scroll, width, height}: {run: RunRecord; notifications: readonly NotificationView[]; scroll: number; width: number; height: number}) {
	const lines = detailLines(run, notifications);
	const errorLine = lines.findIndex(line => run.error !== undefined && line === `${run.error.type}: ${run.error.message}`);
	const visible = Math.max(1, height - 2);
	const shown = lines.slice(scroll, scroll + visible);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<PanelTitle title={`Run ${run.id} · ${run.jobId}`} focused width={width} right={lines.length > visible ? `${scroll + 1}-${scroll + shown.length} of ${lines.length}` : ''}/>
			{shown.map((line, index) => {
				const number = scroll + index;
				const isError = number === errorLine;
				const color = number === 1 ? statusColor(run.status) : (isError ? theme.bad : (errorLine !== -1 && number > errorLine ? theme.muted : undefined));
				return <Text key={number} color={color} bold={isError}>{clip(line, width)}</Text>;
			})}
			<Text color={theme.muted}>Esc back · ↑↓ PgUp PgDn scroll · R retry</Text>
		</Box>
	);
}
