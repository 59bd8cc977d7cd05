import type {Key} from 'ink';
import {calendarDateProblem} from '../../time/calendar-date.js';
import type {Prompt} from '../state/console-state.js';
import {runCommand} from './command-line.js';
import type {KeyContext} from './key-context.js';
import {say} from './key-context.js';
import {findInLog} from './log-keys.js';
import {findInView} from './view-keys.js';

const control = /[\u0000-\u001F\u007F-\u009F]/;

function setText(context: KeyContext, prompt: Prompt, text: string): void {
	context.dispatch({type: 'prompt', prompt: {...prompt, text}});
	// The job filter narrows the list as it is typed.
	if (prompt.purpose === 'filter') {
		context.dispatch({type: 'set-filter', text});
	}
}

function submit(context: KeyContext, prompt: Prompt): void {
	const {dispatch, actions} = context;
	const text = prompt.text.trim();
	dispatch({type: 'prompt', prompt: undefined});
	switch (prompt.purpose) {
		case 'filter': {
			break;
		}

		case 'search': {
			dispatch({type: 'search', text});
			if (text && context.getState().overlay.kind === 'none') {
				findInLog(context, -1, true);
			} else if (text) {
				findInView(context, 1, true);
			}

			break;
		}

		case 'command': {
			runCommand(context, text);
			break;
		}

		case 'backfill': {
			// `2026-11-02` or `2026-11-02 2026-11-06`: a backfill run per trading day.
			const [from, to = from] = text.split(/\s+|\.\.|,/).filter(Boolean);
			const problem = from ? calendarDateProblem(from) ?? calendarDateProblem(to!) : undefined;
			if (!from) {
				say(context, 'backfill needs a date or a range: 2026-11-02 2026-11-06', 'bad');
			} else if (problem) {
				say(context, `backfill: ${problem}`, 'bad');
			} else if (to! < from) {
				say(context, `backfill: ${to!} is before ${from}: the earlier day first (${to!} ${from})`, 'bad');
			} else {
				actions.backfill(prompt.jobId!, from, to!);
			}

			break;
		}
	}
}

/**
 * A key while a prompt is open. Keys typed faster than the terminal is read arrive as one chunk
 * ("ab⌫c"): the chunk is taken a character at a time, so a Backspace inside it deletes instead of
 * landing in the text as an invisible DEL, and control characters never enter the text.
 */
export function handlePromptKey(context: KeyContext, prompt: Prompt, input: string, key: Key): void {
	if (key.escape) {
		context.dispatch({type: 'prompt', prompt: undefined});
		if (prompt.purpose === 'filter') {
			context.dispatch({type: 'set-filter', text: ''});
		}

		return;
	}

	if (key.return) {
		submit(context, prompt);
		return;
	}

	if (key.backspace || key.delete) {
		setText(context, prompt, [...prompt.text].slice(0, -1).join(''));
		return;
	}

	if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.tab || key.pageUp || key.pageDown) {
		return;
	}

	let text = prompt.text;
	for (const char of input) {
		if (char === '\u007F' || char === '\b') {
			text = [...text].slice(0, -1).join('');
		} else if (char === '\r' || char === '\n') {
			submit(context, {...prompt, text});
			return;
		} else if (!control.test(char)) {
			text += char;
		}
	}

	if (text !== prompt.text) {
		setText(context, prompt, text);
	}
}
