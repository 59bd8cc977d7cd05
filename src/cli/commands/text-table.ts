import {displayWidth} from '../../core/display-width.js';

/** Pads by display width, so 中文 names line up with ASCII ones. */
export function padEnd(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** A plain aligned table for command output. */
export function textTable(header: string[], rows: string[][]): string {
	const widths = header.map((title, column) => Math.max(displayWidth(title), ...rows.map(row => displayWidth(row[column] ?? ''))));
	const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : padEnd(cell, widths[column]!))).join('  ').trimEnd();
	return [line(header), ...rows.map(row => line(row))].join('\n');
}
