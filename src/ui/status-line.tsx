import {memo} from 'react';
import {formatDuration} from '../config/quantities.js';
import {FixedRows} from './fixed-rows.js';
import {heartbeatJobWithout, keyBar, type KeyPlace} from './keymap.js';
import {runDetailWithout} from './keys/run-detail-acts.js';
import {commandHelp} from './keys/command-line.js';
import type {QuitRuns} from './quit-runs.js';
import {plainRow} from './row-text.js';
import {clip, displayWidth, wrapLine} from './text-fit.js';
import type {ConsoleState, Prompt} from './state/console-state.js';
import {theme, type Style} from './theme.js';

/** A prompt's words before the text typed, and its hint after it. */
function promptParts(prompt: Prompt): {lead: string; hint: string} {
	switch (prompt.purpose) {
		case 'filter': {
			return {lead: '/ filter jobs: ', hint: 'Enter keeps it · Esc clears it'};
		}

		case 'search': {
			return {lead: '/ search: ', hint: 'Enter finds · then n older, N newer · Esc cancels'};
		}

		case 'command': {
			return {lead: ':', hint: commandHelp};
		}

		case 'backfill': {
			return {lead: `backfill ${prompt.jobId} for trading days (D or D1 D2): `, hint: 'Enter queues · Esc cancels'};
		}
	}
}

/** The end of `text` that fits in `cells` cells. */
function lastCells(text: string, cells: number): string {
	const chars = [...text];
	let used = 0;
	let from = chars.length;
	while (from > 0 && used + displayWidth(chars[from - 1]!) <= cells) {
		from--;
		used += displayWidth(chars[from]!);
	}

	return chars.slice(from).join('');
}

/**
 * The line being typed, its hint after it where the row has room. Longer than the row, it shows the
 * end of the text, where the typing is, cut with `…` before it (`/ search: …条，耗时 120▌`), and the
 * prompt's words while they leave the text 12 cells; cut at its end, the text typed last and the
 * cursor were off the screen.
 */
function promptText(prompt: Prompt, width: number): string {
	const {lead, hint} = promptParts(prompt);
	const typed = `${lead}${prompt.text}`;
	if (displayWidth(typed) + 1 <= width) {
		return `${typed}▌   ${hint}`;
	}

	const textRoom = width - displayWidth(lead) - 2;
	return textRoom >= 12 ? `${lead}…${lastCells(prompt.text, textRoom)}▌` : `…${lastCells(typed, width - 2)}▌`;
}

/** Where the keyboard is, for the key bar. */
export function keyPlace(state: ConsoleState): KeyPlace {
	switch (state.overlay.kind) {
		case 'none': {
			return state.focus;
		}

		case 'detail':
		case 'job':
		case 'service':
		case 'runs':
		case 'help': {
			return state.overlay.kind;
		}

		case 'quit': {
			return 'main';
		}
	}
}

/** A question on the status line and the keys that answer it. */
type Question = {question: string; keys: string};

/** The quit question: how many runs are live here and what each answer does with them. */
function quitQuestion({here: liveRuns, onWorkers}: QuitRuns, shutdownGraceMs: number): Question {
	const them = liveRuns === 1 ? 'it' : 'them';
	// Waiting lasts shutdown_grace at most: past it, the stop cancels what is still running. The runs the
	// question was about may end while it is asked: then either answer quits at once.
	return liveRuns === 0
		? {question: 'the live runs have ended. Quit?', keys: 'w or c: quit now · s/Esc: stay'}
		: {
			question: `${liveRuns} run${liveRuns === 1 ? '' : 's'} live${onWorkers > 0 ? ` (${onWorkers} more on workers ${onWorkers === 1 ? 'goes' : 'go'} on there)` : ''}. Quit?`,
			keys: `w: wait for ${them} (up to ${formatDuration(shutdownGraceMs)}) · c: cancel ${them} · s/Esc: stay`,
		};
}

/** The question being asked, a y/N one or the quit question, unless a line is being typed. */
function questionAsked(state: ConsoleState, liveRuns: QuitRuns, shutdownGraceMs: number): Question | undefined {
	if (state.prompt) {
		return undefined;
	}

	if (state.confirm) {
		return {question: state.confirm.question, keys: 'y: yes · N (any other key): no'};
	}

	return state.overlay.kind === 'quit' ? quitQuestion(liveRuns, shutdownGraceMs) : undefined;
}

const questionText = ({question, keys}: Question) => `${question}  ${keys}`;

/**
 * What the status line says that must be read whole, its answer keys included: a y/N question, the
 * quit question, the answer to the last action (when nothing typed or asked takes its place).
 * Undefined for the line being typed and the key bar (which fits itself to the width).
 */
function wordsToReadWhole(state: ConsoleState, liveRuns: QuitRuns, shutdownGraceMs: number): string | undefined {
	if (state.prompt) {
		return undefined;
	}

	const question = questionAsked(state, liveRuns, shutdownGraceMs);
	return question ? questionText(question) : state.status?.text;
}

/**
 * The rows the status line wants: two for a question or an answer wider than the terminal (a cancel
 * question naming a long job id, a refusal with its reason), else one.
 */
export function statusRowsWanted(state: ConsoleState, width: number, liveRuns: QuitRuns, shutdownGraceMs: number): number {
	const words = wordsToReadWhole(state, liveRuns, shutdownGraceMs);
	return words !== undefined && displayWidth(words) > width ? 2 : 1;
}

/** `text` on `rows` rows: broken at spaces, the last row cut when it is longer still. */
function textRows(text: string, width: number, rows: number): string[] {
	if (rows === 1) {
		return [text];
	}

	const [first = '', ...rest] = wrapLine(text, width);
	return [first, rest.join(' ')];
}

/**
 * A question on `rows` rows, wrapped as any text; where it does not fit (a narrow terminal, one row), the
 * question is cut with `…`, never the keys that answer it at the end of the last row.
 */
function questionRows(asked: Question, width: number, rows: number): string[] {
	const whole = textRows(questionText(asked), width, rows);
	const keysRoom = width - displayWidth(asked.keys) - 2;
	if (whole.every(row => displayWidth(row) <= width) || keysRoom < 1) {
		return whole;
	}

	const wrapped = wrapLine(asked.question, width);
	const rest = wrapped.slice(rows - 1).join(' ');
	return [...wrapped.slice(0, rows - 1), rest ? `${clip(rest, keysRoom)}  ${asked.keys}` : asked.keys];
}

/**
 * The bottom row, first of these that applies: the line being typed, a y/N question, the quit
 * question, the answer to the last action (it fades after a few seconds), else the keys for where the
 * keyboard is. A question or an answer wider than the terminal goes on in a second row when the layout
 * gives it one (`rows`), so a question's answer keys are never cut off.
 */
export const StatusLine = memo(function StatusLine({state, liveRuns, shutdownGraceMs, width, rows = 1, heartbeatJob = false}: {state: ConsoleState; liveRuns: QuitRuns; shutdownGraceMs: number; width: number; rows?: number; heartbeatJob?: boolean}) {
	const question = questionAsked(state, liveRuns, shutdownGraceMs);
	let lines: string[];
	let style: Style;
	if (state.prompt) {
		lines = [promptText(state.prompt, width)];
		style = {color: theme.accent};
	} else if (question) {
		lines = questionRows(question, width, rows);
		style = {color: theme.warn, bold: true};
	} else if (state.status) {
		lines = textRows(state.status.text, width, rows);
		style = {color: state.status.tone === 'bad' ? theme.bad : (state.status.tone === 'good' ? theme.good : theme.accent)};
	} else {
		const place = keyPlace(state);
		const without = new Set([...(heartbeatJob ? heartbeatJobWithout(place) : []), ...(state.overlay.kind === 'detail' ? runDetailWithout(state.overlay.run.status) : [])]);
		lines = [keyBar(place, width, without)];
		style = {color: theme.muted};
	}

	return <FixedRows rows={lines.map(row => plainRow(row, width, style))} width={width} height={rows}/>;
});
