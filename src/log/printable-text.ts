/**
 * Text from jobs (their output, error messages, stack traces) made safe to draw in a terminal. A job's
 * line may carry colour codes, a cursor move, a screen clear, a title change (OSC), a bell or a lone
 * carriage return: drawn as is, any of these corrupts the console's frame or the operator's terminal.
 * Escape sequences are dropped; every other control character except tab becomes a visible picture
 * (␛ ␍ ␊ ␇, C1 as ⟨9B⟩). Printable Unicode (CJK included) passes untouched. The run's log file keeps
 * the raw text; this is for display paths only.
 */

// One pass over the text, longest forms first: OSC/DCS/SOS/PM/APC strings up to their terminator (BEL
// or ST), CSI sequences (8-bit CSI too), two-byte ESC sequences; then single controls. An 8-bit string
// introducer (0x90, 0x9D…) is shown as a picture, not taken to swallow the rest of the line.
const sequence = new RegExp([
	// ESC ] P X ^ _ ... (BEL | ESC \ | 8-bit ST); an unterminated one runs to the end of the text.
	String.raw`\u001B[\]PX^_][^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C|$)`,
	// CSI: ESC [ or 8-bit 0x9B, parameter bytes, intermediate bytes, a final byte.
	String.raw`(?:\u001B\[|\u009B)[\u0030-\u003F]*[\u0020-\u002F]*[\u0040-\u007E]?`,
	// ESC, intermediates (charset selection `ESC ( B`), a final byte (`ESC c` resets the terminal).
	String.raw`\u001B[\u0020-\u002F]*[\u0030-\u007E]?`,
	// Every other C0 control but tab, DEL, and C1.
	String.raw`[\u0000-\u0008\u000A-\u001F\u007F-\u009F]`,
].join('|'), 'g');

const anyControl = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;

/** `text` with escape sequences removed and other control characters (but tab) shown as pictures. */
export function printable(text: string): string {
	if (!anyControl.test(text)) {
		return text;
	}

	return text.replace(sequence, match => (match.length === 1 ? picture(match.charCodeAt(0)) : ''));
}

function picture(code: number): string {
	if (code < 0x20) {
		// Unicode's Control Pictures block: U+2400 + the code (␀ … ␟).
		return String.fromCharCode(0x24_00 + code);
	}

	if (code === 0x7F) {
		return '\u2421';
	}

	return `⟨${code.toString(16).toUpperCase()}⟩`;
}
