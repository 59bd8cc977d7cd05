import {readFile} from 'node:fs/promises';

export type Bar = {date: string; open: number; high: number; low: number; close: number; volume: number};

/** Parses `date,open,high,low,close,volume` CSV; throws with the line number on a bad row. */
export function parseBarsCsv(text: string, file: string): Bar[] {
	const lines = text.split(/\r?\n/).filter(line => line.trim() !== '');
	const header = lines.shift()?.split(',').map(name => name.trim().toLowerCase());
	const expected = ['date', 'open', 'high', 'low', 'close', 'volume'];
	if (!header || expected.some(name => !header.includes(name))) {
		throw new Error(`${file}: the header must name ${expected.join(', ')}`);
	}

	const index = Object.fromEntries(expected.map(name => [name, header.indexOf(name)])) as Record<string, number>;
	return lines.map((line, i) => {
		const cells = line.split(',');
		const bar: Bar = {
			date: cells[index.date!]!.trim(),
			open: Number(cells[index.open!]),
			high: Number(cells[index.high!]),
			low: Number(cells[index.low!]),
			close: Number(cells[index.close!]),
			volume: Number(cells[index.volume!]),
		};
		if (!/^\d{4}-\d\d-\d\d$/.test(bar.date) || [bar.open, bar.high, bar.low, bar.close, bar.volume].some(n => !Number.isFinite(n))) {
			throw new Error(`${file}:${i + 2}: not a valid bar: ${line}`);
		}

		return bar;
	});
}

export async function readBars(file: string): Promise<Bar[]> {
	return parseBarsCsv(await readFile(file, 'utf8'), file);
}

export function barsToCsv(bars: readonly Bar[]): string {
	return `date,open,high,low,close,volume\n${bars.map(b => `${b.date},${b.open},${b.high},${b.low},${b.close},${b.volume}`).join('\n')}\n`;
}
