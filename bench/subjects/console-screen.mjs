// A terminal for a console drawn inside a bench subject: a 120x40 stream that counts its bytes, and a
// keyboard that accepts raw mode as a terminal's does (without one, Ink stops after the first frame).
// Colour as on a 256-colour terminal: chalk reads FORCE_COLOR when Ink first loads it.
import {PassThrough, Writable} from 'node:stream';

process.env.FORCE_COLOR ??= '2';

export function consoleScreen() {
	let bytes = 0;
	const stdout = Object.assign(new Writable({
		write(chunk, _encoding, callback) {
			bytes += chunk.length;
			callback();
		},
	}), {columns: 120, rows: 40, isTTY: true});
	const stdin = Object.assign(new PassThrough(), {isTTY: true, setRawMode() {}, ref() {}, unref() {}});
	return {stdout, stdin, bytes: () => bytes};
}
