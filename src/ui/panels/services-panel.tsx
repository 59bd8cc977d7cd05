/**
 * The services panel: one row per service (jobs.yaml `services:`) with its state, uptime, restarts
 * today, pid, memory and last exit; Enter opens the selected one's newest output and its last crashes
 * with their stderr. Self-contained: the console hands it the snapshot's services, the time, whether it
 * has the keyboard, and how to load a service's detail (the `service-detail` request); it keeps its own
 * cursor and open detail.
 */
import {useInput} from 'ink';
import {memo, useEffect, useReducer} from 'react';
import type {ServiceDetail} from '../../protocol/messages.js';
import type {ServiceView} from '../../protocol/snapshot.js';
import {stateText, type ServiceState} from '../../supervisor/service-states.js';
import {formatZonedIso} from '../../time/zoned-time.js';
import {FixedRows} from '../fixed-rows.js';
import {formatElapsed, formatIn} from '../relative-time.js';
import {plainRow, rowText} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {glyphs, theme, type Style} from '../theme.js';
import {scrollOffset, titleRow} from './panel-title.js';

const stateStyle: Record<ServiceState, {glyph: string; style: Style}> = {
	up: {glyph: '●', style: {color: theme.good}},
	starting: {glyph: '◐', style: {color: theme.accent}},
	stopping: {glyph: '◑', style: {color: theme.accent}},
	backoff: {glyph: '↻', style: {color: theme.warn}},
	fatal: {glyph: '✗', style: {color: theme.bad, bold: true}},
	stopped: {glyph: '■', style: {color: theme.muted}},
	'outside-window': {glyph: '○', style: {color: theme.muted}},
};

/** HH:MM:SS on the exchange's clock, as the header shows time. */
const clock = (ms: number) => formatZonedIso(ms, 'Asia/Shanghai').slice(11, 19);

function lastExitText(service: ServiceView): string {
	const exit = service.lastExit;
	if (!exit) {
		return '';
	}

	const how = exit.signal ?? (exit.exitCode === undefined ? exit.status : `exit ${exit.exitCode}`);
	return `${clock(exit.at)} ${how}`;
}

/** What follows the state: uptime when up, when it starts again, or why it is held. */
function whenText(service: ServiceView, now: number): string {
	if (service.upSince !== undefined) {
		return `up ${formatElapsed(now - service.upSince)}`;
	}

	if (service.nextStartAt !== undefined) {
		return `${service.state === 'backoff' ? 'restart' : 'opens'} ${formatIn(service.nextStartAt - now)}`;
	}

	return '';
}

export function serviceRow(service: ServiceView, selected: boolean, idWidth: number, now: number, width: number): string {
	const look = stateStyle[service.state];
	return rowText([
		{text: selected ? glyphs.cursor : ' ', width: 1, style: {color: theme.focus}},
		{text: look.glyph, width: 2, style: look.style},
		{text: service.id, width: idWidth + 1, style: {inverse: selected}},
		{text: service.enabled ? stateText(service.state) : 'disabled', width: 15, style: look.style},
		{text: whenText(service, now), width: 16},
		{text: service.restartsToday > 0 ? `↺${service.restartsToday}` : '', width: 5, style: {color: theme.warn}},
		{text: service.pid === undefined ? '' : `pid ${service.pid}`, width: 11, style: {color: theme.muted}},
		{text: service.memoryMb === undefined ? '' : `${service.memoryMb}M${service.maxMemoryMb ? `/${Math.round(service.maxMemoryMb)}M` : ''}`, width: 11, align: 'right'},
		{text: `  ${lastExitText(service)}`, width: 18, style: {color: service.lastExit?.status === 'failed' ? theme.bad : theme.muted}},
		{text: `  ${service.note ?? service.window}`, style: {color: theme.muted}},
	], width);
}

/** The open detail: the service's newest output, then its last crashes with their stderr. */
export function serviceDetailRows(detail: ServiceDetail, width: number, rows: number): string[] {
	const crashRows: string[] = [];
	for (const crash of detail.crashes.slice(0, 3)) {
		crashRows.push(rowText([{text: `  ✗ run ${crash.id} ${crash.finishedAt === undefined ? '' : clock(crash.finishedAt)} `, style: {color: theme.bad}}, {text: `${crash.error?.type ?? ''}: ${crash.error?.message ?? ''}`}], width));
		for (const line of (crash.error?.stack ?? '').split('\n').filter(Boolean).slice(-4)) {
			crashRows.push(plainRow(`      ${line}`, width, {color: theme.muted}));
		}
	}

	const head = [
		plainRow(`${detail.service.id} · ${stateText(detail.service.state)} · ${detail.outputFile}`, width, {bold: true}),
		plainRow(`Crashes (${detail.crashes.length})`, width, {color: theme.accent}),
		...(crashRows.length > 0 ? crashRows : [plainRow('  none', width, {color: theme.muted})]),
		plainRow('Output', width, {color: theme.accent}),
	];
	const room = Math.max(0, rows - head.length);
	return [...head, ...detail.output.slice(-room).map(line => plainRow(`  ${line}`, width))];
}

type PanelState = {cursor: number; open?: string; detail?: ServiceDetail; error?: string};
type PanelAction = {kind: 'move'; by: number; count: number} | {kind: 'toggle'; id: string | undefined} | {kind: 'close'} | {kind: 'loaded'; detail?: ServiceDetail; error?: string};

function reduce(state: PanelState, action: PanelAction): PanelState {
	switch (action.kind) {
		case 'move': {
			return {...state, cursor: Math.min(Math.max(0, state.cursor + action.by), Math.max(0, action.count - 1))};
		}

		case 'toggle': {
			return state.open === undefined && action.id !== undefined ? {cursor: state.cursor, open: action.id} : {cursor: state.cursor};
		}

		case 'close': {
			return {cursor: state.cursor};
		}

		case 'loaded': {
			return state.open === undefined ? state : {...state, detail: action.detail, error: action.error};
		}
	}
}

export type ServicesPanelProps = {
	services: readonly ServiceView[];
	focused: boolean;
	width: number;
	height: number;
	now: number;
	/** The `service-detail` request. */
	loadDetail(serviceId: string): Promise<ServiceDetail>;
};

/** ↑↓/jk move, Enter opens or closes the selected service's output and crashes, Esc closes. */
export const ServicesPanel = memo(function ServicesPanel({services, focused, width, height, now, loadDetail}: ServicesPanelProps) {
	const [state, dispatch] = useReducer(reduce, {cursor: 0});
	useInput((input, key) => {
		if (key.upArrow || input === 'k') {
			dispatch({kind: 'move', by: -1, count: services.length});
		} else if (key.downArrow || input === 'j') {
			dispatch({kind: 'move', by: 1, count: services.length});
		} else if (key.return) {
			dispatch({kind: 'toggle', id: services[state.cursor]?.id});
		} else if (key.escape) {
			dispatch({kind: 'close'});
		}
	}, {isActive: focused});
	const openView = services.find(service => service.id === state.open);
	// Loaded when opened, and again when the service moves (a new start, an exit): its output and crashes changed.
	useEffect(() => {
		if (state.open === undefined) {
			return;
		}

		let current = true;
		loadDetail(state.open).then(detail => current && dispatch({kind: 'loaded', detail}), (error: unknown) => current && dispatch({kind: 'loaded', error: (error as Error).message}));
		return () => {
			current = false;
		};
	}, [state.open, openView?.state, openView?.runId, loadDetail]);

	const rows = [titleRow(`Services (${services.length})`, focused, width, focused ? (state.open ? 'Enter/Esc: back' : 'Enter: output and crashes') : '')];
	if (state.open !== undefined) {
		rows.push(...(state.detail ? serviceDetailRows(state.detail, width, height - 1) : [plainRow(state.error ?? '  loading…', width, {color: theme.muted})]));
	} else if (services.length === 0) {
		rows.push(plainRow('  no services in jobs.yaml', width, {color: theme.muted}));
	} else {
		const visible = Math.max(1, height - 1);
		const offset = scrollOffset(state.cursor, visible, services.length);
		const idWidth = Math.min(24, Math.max(8, ...services.map(service => displayWidth(service.id))));
		rows.push(...services.slice(offset, offset + visible).map((service, index) => serviceRow(service, focused && offset + index === state.cursor, idWidth, now, width)));
	}

	return <FixedRows rows={rows.slice(0, height)} width={width} height={height}/>;
});
