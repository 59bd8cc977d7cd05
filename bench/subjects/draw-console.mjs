// The Ink console of a scheduler process (from dist/), drawing into a 120x40 stream that counts its
// bytes, with a keyboard that accepts raw mode as a terminal's does (without one, Ink stops after the
// first frame). Shared by the bench subjects. It draws in colour, as on a 256-colour terminal: chalk
// reads FORCE_COLOR when Ink first loads it, and without it would see a pipe and draw plain text.
import {PassThrough, Writable} from 'node:stream';

process.env.FORCE_COLOR ??= '2';

export async function drawConsole(app, options = {}) {
	let bytes = 0;
	const screen = Object.assign(new Writable({
		write(chunk, _encoding, callback) {
			bytes += chunk.length;
			callback();
		},
	}), {columns: 120, rows: 40, isTTY: true});
	const keyboard = Object.assign(new PassThrough(), {isTTY: true, setRawMode() {}, ref() {}, unref() {}});
	const {render} = await import('ink');
	const React = await import('react');
	const {App} = await import('../../dist/ui/app.js');
	const ink = render(React.createElement(App, {engine: app.engine, calendar: app.calendar, onQuit() {}}), {stdout: screen, stdin: keyboard, patchConsole: false, exitOnCtrlC: false, maxFps: 10, incrementalRendering: false, onRender: options.onRender});
	return {
		unmount: () => ink.unmount(),
		bytes: () => bytes,
		resetBytes() {
			bytes = 0;
		},
	};
}
