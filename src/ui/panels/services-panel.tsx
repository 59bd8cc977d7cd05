/**
 * The services panel: one row per service (jobs.yaml `services:`) with its state, uptime, restarts
 * today, pid, memory and last exit. It is on the screen only while there are services.
 */
import {memo} from 'react';
import type {ServiceView} from '../../protocol/snapshot.js';
import {stateText, type ServiceState} from '../../supervisor/service-states.js';
import {FixedRows} from '../fixed-rows.js';
import {exchangeTimeZone} from '../../market/trading-calendar.js';
import {lastExitText} from '../last-exit-text.js';
import {formatElapsed, formatIn} from '../relative-time.js';
import {rowText} from '../row-text.js';
import {displayWidth} from '../text-fit.js';
import {glyphs, theme, type Style} from '../theme.js';
import {scrollOffset, titleRow} from './panel-title.js';
import {exitShift} from './service-exit-room.js';
import {manualUntilText} from './service-until-text.js';

export const serviceLook: Record<ServiceState, {glyph: string; style: Style}> = {
	up: {glyph: '●', style: {color: theme.good}},
	starting: {glyph: '◐', style: {color: theme.accent}},
	stopping: {glyph: '◑', style: {color: theme.accent}},
	backoff: {glyph: '↻', style: {color: theme.warn}},
	fatal: {glyph: '✗', style: {color: theme.bad, bold: true}},
	stopped: {glyph: '■', style: {color: theme.muted}},
	'outside-window': {glyph: '○', style: {color: theme.muted}},
};

/**
 * A service's glyph and colour: its state's, but ○ for a disabled one at rest (stopped, or outside
 * its window), as the legend has it; one disabled while still stopping shows that.
 */
export function serviceLookOf(service: ServiceView): {glyph: string; style: Style} {
	const resting = service.state === 'stopped' || service.state === 'outside-window';
	return !service.enabled && resting ? {glyph: glyphs.disabled, style: {color: theme.muted}} : serviceLook[service.state];
}

/** What follows the state: uptime when up, when it starts again, or why it is held. */
export function whenText(service: ServiceView, now: number): string {
	if (service.upSince !== undefined) {
		return `up ${formatElapsed(now - service.upSince)}`;
	}

	if (service.nextStartAt !== undefined) {
		return `${service.state === 'backoff' ? 'restart' : 'opens'} ${formatIn(service.nextStartAt - now)}`;
	}

	return '';
}

/** A service's uptime counts seconds in its first hour ("up 3m04s", then "up 1h02m"), a backoff its last ones: the console then ticks each second. */
export function servicesCountSeconds(services: readonly ServiceView[], now: number): boolean {
	return services.some(service => (service.upSince !== undefined && now - service.upSince < 3_600_000) || (service.nextStartAt !== undefined && service.nextStartAt - now < 90_000));
}

/** A service's row as texts, one per column after its id. */
function serviceCells(service: ServiceView, now: number, zone: string) {
	return {
		state: service.enabled ? stateText(service.state) : 'disabled',
		// Started by hand outside its window: until when it stays up, as status and the service view say.
		when: [whenText(service, now), manualUntilText(service, now, zone)].filter(Boolean).join(' · '),
		restarts: service.restartsToday > 0 ? `↺${service.restartsToday}` : '',
		pid: service.pid === undefined ? '' : `pid ${service.pid}`,
		memory: service.memoryMb === undefined ? '' : `${service.memoryMb}M${service.maxMemoryMb ? `/${Math.round(service.maxMemoryMb)}M` : ''}`,
		exit: lastExitText(service, now, zone),
	};
}

type ServiceColumns = {[Column in keyof ReturnType<typeof serviceCells> | 'id']: number};

/**
 * Each column as wide as its widest text and a gap, so a row fits 80 columns with its last exit;
 * the uptime column keeps room for "up 59m59s" so it does not jump as seconds count.
 */
export function serviceColumns(services: readonly ServiceView[], now: number, zone = exchangeTimeZone): ServiceColumns {
	const cells = services.map(service => serviceCells(service, now, zone));
	const widest = (texts: string[], floor = 0) => Math.max(floor, ...texts.map(text => displayWidth(text)));
	const gap = (width: number) => (width === 0 ? 0 : width + 1);
	return {
		id: Math.min(24, widest(services.map(service => service.id), 8)) + 1,
		state: gap(widest(cells.map(cell => cell.state))),
		when: gap(widest(cells.map(cell => cell.when), 9)),
		restarts: gap(widest(cells.map(cell => cell.restarts))),
		pid: gap(widest(cells.map(cell => cell.pid))),
		memory: gap(widest(cells.map(cell => cell.memory))),
		exit: gap(widest(cells.map(cell => cell.exit))),
	};
}

export function serviceRow(service: ServiceView, selected: boolean, columns: ServiceColumns, now: number, width: number, zone = exchangeTimeZone): string {
	const look = serviceLookOf(service);
	const cells = serviceCells(service, now, zone);
	const head = [
		{text: selected ? glyphs.cursor : ' ', width: 1, style: {color: theme.focus}},
		{text: look.glyph, width: 2, style: look.style},
		// The id's column holds a blank after it (`pad`): an id cut at 24 cells ran into the state (`strategy_…outside window`).
		{text: service.id, width: columns.id - 1, pad: 1, style: {inverse: selected}},
		{text: cells.state, width: columns.state, style: look.style},
	];
	// A service with nothing to count (disabled, outside its window, never started) says why or when right away.
	if (!cells.when && !cells.restarts && !cells.pid && !cells.memory && !cells.exit) {
		return rowText([...head, {text: service.note ?? service.window, style: {color: theme.muted}}], width);
	}

	// A row without a process (backoff) gives its blank pid and memory cells to its last exit where that would be cut.
	const shift = exitShift({
		before: 3 + columns.id + columns.state + columns.when + columns.restarts,
		pid: {width: columns.pid, blank: !cells.pid},
		memory: {width: columns.memory, blank: !cells.memory},
		exit: cells.exit,
		width,
	});
	const process = shift > columns.memory
		? [{text: '', width: columns.pid + columns.memory - shift}]
		: [{text: cells.pid, width: columns.pid, style: {color: theme.muted}}, {text: cells.memory, width: columns.memory - shift}];
	return rowText([
		...head,
		{text: cells.when, width: columns.when},
		{text: cells.restarts, width: columns.restarts, style: {color: theme.warn}},
		...process,
		{text: cells.exit, width: columns.exit + shift, style: {color: service.lastExit?.status === 'failed' ? theme.bad : theme.muted}},
		{text: ` ${service.note ?? service.window}`, style: {color: theme.muted}},
	], width);
}

export type ServicesPanelProps = {
	services: readonly ServiceView[];
	cursor: number;
	focused: boolean;
	width: number;
	height: number;
	now: number;
	/** The console's zone, the scheduler's: a last exit's time and day. @default 'Asia/Shanghai' */
	zone?: string;
};

/** One row per service; the cursor and the keys are the console's (ConsoleState, keys/service-keys.ts). */
export const ServicesPanel = memo(function ServicesPanel({services, cursor, focused, width, height, now, zone = exchangeTimeZone}: ServicesPanelProps) {
	const up = services.filter(service => service.state === 'up').length;
	const title = `Services (${up} of ${services.length} up)`;
	const visible = Math.max(1, height - 1);
	const offset = scrollOffset(cursor, visible, services.length);
	const shown = services.slice(offset, offset + visible);
	// More services than rows (the panel gets a fifth of the screen): which are shown, as the jobs and
	// failures panels say it; with the keys' note when both fit, else the range alone.
	const range = services.length > visible ? `${offset + 1}-${offset + shown.length} of ${services.length}` : '';
	const keysNote = focused ? 'Enter: output and crashes' : '';
	const fits = (note: string) => displayWidth(title) + displayWidth(note) + 3 <= width;
	const withKeys = [range, keysNote].filter(Boolean).join(' · ');
	const rows = [titleRow(title, focused, width, fits(withKeys) ? withKeys : (fits(range) ? range : ''))];
	const columns = serviceColumns(services, now, zone);
	rows.push(...shown.map((service, index) => serviceRow(service, focused && offset + index === cursor, columns, now, width, zone)));
	return <FixedRows rows={rows.slice(0, height)} width={width} height={height}/>;
});
