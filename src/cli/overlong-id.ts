/**
 * A job's or service's id given on the command line longer than any id jobs.yaml takes (maxIdLength)
 * names nothing there is: refused, shown cut as the API's schema cuts it. A pasted blob (a 100 KB
 * argument to `run`) was echoed whole in `no job "…"; known: …`, burying the answer.
 */
import {maxIdLength} from '../config/id-rules.js';
import {ProtocolError} from '../protocol/wire.js';

/** How much of an overlong id the refusal shows. */
const shownLength = 40;

/**
 * Refuses `id` past maxIdLength characters as no such job or service (exit 1). The live commands ask
 * it once a scheduler answers, so with none they still say that none runs (exit 4).
 */
export function rejectOverlongId(id: string | undefined): void {
	if (id !== undefined && id.length > maxIdLength) {
		throw new ProtocolError('not-found', `no job or service "${id.slice(0, shownLength)}…" (${id.length} characters): an id has at most ${maxIdLength}`);
	}
}
