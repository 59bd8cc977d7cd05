import {eastAsianWidth} from 'get-east-asian-width';

/** Text of printable ASCII only: one cell a character, the common case measured without a loop. */
export const printableAscii = /^[\u0020-\u007E]*$/;

/** Marks that sit on the character before them, format characters (joiners, variation selectors) and controls. */
const zeroWidth = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;

/**
 * Terminal cells of one character (a code point): a fast path for the common cases, else none for a
 * mark or a format character and the East Asian Width of the rest (two for wide and full-width forms,
 * emoji among them; one for ambiguous ones, as terminals set for Latin scripts show them).
 */
export function charWidth(char: string): number {
	const code = char.codePointAt(0) ?? 0;
	if (code >= 0x20 && code < 0x7F) {
		return 1;
	}

	// Punctuation (… ·), box drawing and blocks (─ ▌ █ ░): one cell.
	if ((code >= 0x2010 && code <= 0x2027) || (code >= 0x2500 && code <= 0x259F) || code === 0xB7) {
		return 1;
	}

	// CJK ideographs, kana, hangul and full-width forms: the names and messages shown most.
	if ((code >= 0x2E80 && code <= 0xA4CF) || (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) || (code >= 0xFF00 && code <= 0xFF60)) {
		return 2;
	}

	return zeroWidth.test(char) ? 0 : eastAsianWidth(code);
}

/** Display width of text in terminal cells (CJK counts as two), without colour codes. */
export function displayWidth(text: string): number {
	if (printableAscii.test(text)) {
		return text.length;
	}

	let width = 0;
	for (const char of text) {
		width += charWidth(char);
	}

	return width;
}
