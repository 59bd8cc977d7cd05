import {describe, expect, it} from 'vitest';
import {printable} from '../../src/log/printable-text.js';

describe('printable: job text made safe to draw in a terminal', () => {
	it('returns ordinary text (CJK, emoji, tabs) untouched', () => {
		for (const text of ['fetched 600519.SH 贵州茅台 rows=3', '日报\t完成 ✅ 😀', '']) {
			expect(printable(text)).toBe(text);
		}
	});

	it('drops colour codes, cursor moves, screen clears and other CSI sequences', () => {
		expect(printable('\u001B[31mred\u001B[0m and \u001B[1;32mbold green\u001B[m')).toBe('red and bold green');
		expect(printable('\u001B[2J\u001B[H\u001B[?1049hscreen')).toBe('screen');
		expect(printable('8-bit \u009B31mcsi')).toBe('8-bit csi');
	});

	it('drops OSC strings (titles, hyperlinks) up to BEL or ST, and two-byte ESC sequences (a terminal reset)', () => {
		expect(printable('\u001B]0;pwned title\u0007after')).toBe('after');
		expect(printable('\u001B]8;;https://x.example\u001B\\link\u001B]8;;\u001B\\')).toBe('link');
		expect(printable('\u001Bcreset \u001B(Bcharset \u001B7saved')).toBe('reset charset saved');
		expect(printable('unterminated \u001B]0;title')).toBe('unterminated ');
	});

	it('shows other control characters as pictures, so a line stays one line', () => {
		expect(printable('a\rb')).toBe('a␍b');
		expect(printable('one\ntwo')).toBe('one␊two');
		expect(printable('bell\u0007 nul\u0000 del\u007F esc\u001B')).toBe('bell␇ nul␀ del␡ esc␛');
		expect(printable('c1 \u0085 \u0090')).toBe('c1 ⟨85⟩ ⟨90⟩');
	});
});
