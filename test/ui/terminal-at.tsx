import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type {ReactElement} from 'react';

/** A terminal of a given size for Ink: it keeps only the last frame (thousands of frames stay cheap). */
class Screen extends EventEmitter {
	isTTY = true;
	last = '';
	frames = 0;
	constructor(readonly columns: number, readonly rows: number) {
		super();
	}

	write = (frame: string) => {
		// Writes of control sequences alone (mouse mode on/off) are not frames.
		if (!/^(?:\u001B\[[?\d;]*[a-zA-Z])+$/.test(frame)) {
			this.last = frame;
		}

		this.frames++;
		return true;
	};
}

/** A keyboard Ink can read from, as ink-testing-library's. */
class Keyboard extends EventEmitter {
	isTTY = true;
	private data: string | null = null;
	write(data: string) {
		this.data = data;
		this.emit('readable');
	}

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

/**
 * Renders with Ink on a `columns`×`rows` terminal, synchronously (every render is a frame), as
 * ink-testing-library does at its fixed 100 columns.
 */
export function renderAt(tree: ReactElement, columns: number, rows: number) {
	const stdout = new Screen(columns, rows);
	const stdin = new Keyboard();
	const instance = render(tree, {stdout: stdout as never, stdin: stdin as never, debug: true, patchConsole: false, exitOnCtrlC: false});
	return {
		stdout,
		stdin,
		lastFrame: () => stdout.last,
		rerender: instance.rerender,
		unmount: instance.unmount,
	};
}
