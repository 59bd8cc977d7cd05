import {progressMessage} from './progress-value.js';

/** A percentage, 0–100 with decimals: `45%`, `45.5 %`, `100%`. */
const percentage = /(?<![\d.])(\d{1,3}(?:\.\d+)?)\s?%/;
/** A drawn bar: tqdm's `|████▌     |`, wget's `[=====>    ]`, pip's and rich's `━━━━╺━━━`. */
const bars = [/\|[^|]*\|/g, /\[[=>\-#. ]*\]/g, /[\u2580-\u259F\u2500-\u257F#]{3,}/g];

/**
 * The progress a bar redrawn in place shows (a Python script's tqdm, wget, pip): its first percentage
 * as the fraction, and the rest of its text, bar drawn away, as the message. `Downloading:  45%|████▌     | 45/100 [00:01<00:01, 44.2it/s]`
 * is 0.45 with `Downloading: 45/100 [00:01<00:01, 44.2it/s]`. A text with no percentage up to 100 is no
 * progress. Only a line that a carriage return redraws is read this way (command-output.ts): a log line
 * that says `disk 91% full` is a log line.
 */
export function redrawProgress(text: string): {fraction: number; message?: string} | undefined {
	const found = percentage.exec(text);
	const value = found ? Number(found[1]) : Number.NaN;
	if (!found || !(value <= 100)) {
		return undefined;
	}

	let rest = text.slice(0, found.index) + text.slice(found.index + found[0].length);
	for (const bar of bars) {
		rest = rest.replace(bar, ' ');
	}

	rest = rest.replaceAll(/\s+/g, ' ').trim();
	return {fraction: value / 100, message: rest === '' ? undefined : progressMessage(rest)};
}
