import stringWidth from 'string-width';

/** Cuts or pads text to exactly `width` terminal cells (CJK counts as two), ending a cut with `…`. */
export function fit(text: string, width: number): string {
	if (width <= 0) {
		return '';
	}

	const flat = text.replaceAll(/[\r\n\t]+/g, ' ');
	const measured = stringWidth(flat);
	if (measured <= width) {
		return flat + ' '.repeat(width - measured);
	}

	let out = '';
	let used = 0;
	for (const char of flat) {
		const charWidth = stringWidth(char);
		if (used + charWidth > width - 1) {
			break;
		}

		out += char;
		used += charWidth;
	}

	return `${out}…${' '.repeat(Math.max(0, width - used - 1))}`;
}

export function fitRight(text: string, width: number): string {
	const measured = stringWidth(text);
	return measured >= width ? fit(text, width) : ' '.repeat(width - measured) + text;
}
