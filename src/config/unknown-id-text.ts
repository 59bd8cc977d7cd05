/**
 * The refusal of an id no job (or service) of jobs.yaml has: the closest known id where it is a likely
 * typo, then the known ids, the first `shownIds` of them: a box of two hundred jobs answered a typo
 * with all two hundred, the answer lost at the top of the screen.
 */
import {didYouMean} from './did-you-mean.js';

/** Known ids listed at most; the rest are counted, and `sage-console list` lists them. */
const shownIds = 20;

export type UnknownId = {
	what: 'job' | 'service';
	id: string;
	known: readonly string[];
	/** Where it was looked for, after the id: ` in jobs.yaml or history`. */
	where?: string;
	/** Said instead of the list when nothing is known. @default 'known: none' */
	none?: string;
};

/** `no job "okk" (did you mean "ok"?); known: ok, slow, fails`, or with more than 20 known, `…, and 180 more (sage-console list)`. */
export function unknownIdText({what, id, known, where = '', none = 'known: none'}: UnknownId): string {
	const suggestion = didYouMean(id, known);
	const named = `no ${what} "${id}"${where}${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
	if (known.length === 0) {
		return `${named}; ${none}`;
	}

	const more = known.length - shownIds;
	return `${named}; known: ${known.slice(0, shownIds).join(', ')}${more > 0 ? `, and ${more} more (sage-console list)` : ''}`;
}
