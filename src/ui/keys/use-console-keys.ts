import {useInput, useStdin, type Key} from 'ink';
import {useEffect, useLayoutEffect, useRef} from 'react';
import {actionFor} from '../keymap.js';
import type {KeyContext} from './key-context.js';
import {handleMainKey} from './main-keys.js';
import {handlePromptKey} from './prompt-keys.js';
import {handleConfirmKey, handleViewKey} from './view-keys.js';

export type {KeyContext, QuitMode} from './key-context.js';

/** An SGR mouse report (`ESC [ < button ; x ; y M`) as Ink passes it on, the ESC taken off. */
const mouseReport = /^\[<(\d+);\d+;\d+[Mm]$/;

function handleKey(context: KeyContext, input: string, key: Key): void {
	const state = context.getState();
	if (state.prompt) {
		handlePromptKey(context, state.prompt, input, key);
		return;
	}

	if (state.confirm) {
		handleConfirmKey(context, state.confirm.action, input);
		return;
	}

	const wheel = mouseReport.exec(input);
	if (wheel) {
		// 64 and 65: the wheel up and down (other buttons are not ours to take).
		const button = Number(wheel[1]);
		if (state.mouse && (button === 64 || button === 65)) {
			handleKey(context, '', {...key, upArrow: button === 64, downArrow: button === 65});
		}

		return;
	}

	const action = actionFor(input, key);
	if (state.overlay.kind === 'none') {
		handleMainKey(context, action);
	} else {
		handleViewKey(context, state.overlay, action, input);
	}
}

/** One keyboard handler; what a key does depends on the prompt, the question, the view and the focused panel. */
export function useConsoleKeys(current: KeyContext): void {
	// Ink re-subscribes the handler after a render's effects run; a key pressed right after a frame
	// is drawn would otherwise act on the frame before it (a second `p` pausing again).
	const latest = useRef(current);
	useLayoutEffect(() => {
		// In the same commit as the frame (Ink writes it before layout effects run).
		latest.current = current;
	});
	// Ink hands useInput two Escapes read together ("ESC ESC") as one; the raw event tells them apart.
	// Subscribed before useInput, so it hears each event first (Ink's own, internal emitter).
	const {internal_eventEmitter: events} = useStdin();
	const raw = useRef('');
	useEffect(() => {
		const note = (data: string) => {
			raw.current = data;
		};

		events.on('input', note);
		return () => {
			events.off('input', note);
		};
	}, [events]);
	useInput((input, key) => {
		const context = latest.current;
		if (key.escape && raw.current === '\u001B\u001B') {
			handleKey(context, '', key);
			handleKey(context, '', key);
			return;
		}

		// Esc and the next key read in one go ("ESC j") look like Alt+j; this console has no Alt keys,
		// so it is Esc, then j, as the operator typed them.
		if (key.meta && !key.escape && !key.ctrl && input.length > 0 && !mouseReport.test(input) && !/^[[O]/.test(input)) {
			handleKey(context, '', {...key, meta: false, escape: true});
			handleKey(context, input, {...key, meta: false});
			return;
		}

		// Keys typed faster than the terminal reads them arrive as one chunk ("jr"): take them one by
		// one (a prompt takes its chunk itself, Backspaces included).
		if (input.length > 1 && !key.ctrl && !key.meta && !mouseReport.test(input) && !context.getState().prompt) {
			const chars = [...input];
			for (const [index, char] of chars.entries()) {
				handleKey(context, char, {...key, return: char === '\r' || char === '\n', tab: char === '\t', shift: char !== char.toLowerCase()});
				const rest = chars.slice(index + 1).join('');
				if (context.getState().prompt && rest) {
					// A key in the chunk opened a prompt (`/`, `:`): the rest is typed into it.
					handleKey(context, rest, {...key, return: false, tab: false});
					return;
				}
			}

			return;
		}

		handleKey(context, input, key);
	});
}
