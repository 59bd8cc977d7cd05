import {displayWidth} from '../text-fit.js';
import type {Style} from '../theme.js';

/** The header's parts that give way on a narrow terminal. */
export type HeaderPart = 'lag' | 'market' | 'jobs' | 'running' | 'runs' | 'failed' | 'cancelled' | 'paused' | 'scheduler';

/** A shorter text of a part: fewer words for the same facts (`terse`), then fewer facts. */
export type HeaderForm = 'terse' | 'short' | 'phase';

/**
 * A piece of the header line: its text, its shorter ones, and the part it belongs to (none: it stays,
 * as the brand, the date and the clock do; they come and go with the width only, the in-place clock's
 * column depends on them). A separator (`bar`) goes with its neighbours: it shows only between two pieces.
 */
export type HeaderPiece = {text: string; style?: Style; part?: HeaderPart; forms?: Partial<Record<HeaderForm, string>>; bar?: boolean};

/**
 * What the header gives up, in this order, while its line is wider than the terminal: first what a
 * glance does not miss, last what it is for.
 *
 * 1. the lag: the box's own business (it turns yellow past 50 ms; `status` and `/metrics` keep it)
 * 2. "next trading day Mon 7 Dec" → "next Mon 7 Dec": the same fact in fewer words
 * 3. the jobs count: the Jobs panel's title says it
 * 4. the next boundary's clock time ("lunch in 1h 59m"): the countdown says when
 * 5. today's cancelled runs: an operator's own cancels, mostly; the failed ones stay
 * 6. "attached to pid N" → "pid N", "⏸ scheduler paused" → "⏸ paused": fewer words, kept this long
 *    because they say what `q` does here (it only detaches) and that nothing fires
 * 7. today's run count and success rate
 * 8. the countdown: the market's phase stays ("◆ trading")
 * 9. "re-attaching (pid N gone)" (or stopped) → "re-attaching": the ⚠ line below says which pid went, and when
 *
 * On the narrowest terminals (60 columns and less, where the panels are at their smallest or not drawn)
 * it goes on: the running count, the market, the paused sign, the failed count. Kept to the last: the
 * clock and which scheduler this is (`pid N`, never cut while the clock and it fit: a cut pid names
 * another process).
 */
const giveWay: ReadonlyArray<readonly [HeaderPart, HeaderForm | 'gone']> = [
	['lag', 'gone'],
	['market', 'terse'],
	['jobs', 'gone'],
	['market', 'short'],
	['cancelled', 'gone'],
	['scheduler', 'terse'],
	['paused', 'terse'],
	['runs', 'gone'],
	['market', 'phase'],
	['scheduler', 'short'],
	['running', 'gone'],
	['market', 'gone'],
	['paused', 'gone'],
	['failed', 'gone'],
];

/** The pieces without separators left side by side, at either end or right after the clock. */
function tidy(pieces: readonly HeaderPiece[]): HeaderPiece[] {
	const kept: HeaderPiece[] = [];
	for (const [index, piece] of pieces.entries()) {
		const previous = kept.at(-1);
		if (piece.bar && (!previous?.part || previous.bar || index === pieces.length - 1)) {
			continue;
		}

		kept.push(piece);
	}

	return kept.at(-1)?.bar ? kept.slice(0, -1) : kept;
}

const lineWidth = (pieces: readonly HeaderPiece[]) => pieces.reduce((sum, piece) => sum + displayWidth(piece.text), 0);

/** The header's pieces that fit `width` cells, giving way in `giveWay`'s order. */
export function fitHeader(pieces: readonly HeaderPiece[], width: number): HeaderPiece[] {
	let left = pieces;
	let shown = tidy(left);
	for (const [part, form] of giveWay) {
		if (lineWidth(shown) <= width) {
			break;
		}

		left = form === 'gone'
			? left.filter(piece => piece.part !== part)
			: left.map(piece => (piece.part === part && piece.forms?.[form] !== undefined ? {...piece, text: piece.forms[form]} : piece));
		shown = tidy(left);
	}

	return shown;
}
