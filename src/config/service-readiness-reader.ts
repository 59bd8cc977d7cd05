import type {Readiness} from '../supervisor/service-definition.js';
import type {MapReader} from './map-reader.js';

/** When a started service counts as up: a line matching `ready_pattern` (within `ready_timeout`), `ready_after` a delay, or at once. */
export function readReadiness(reader: MapReader): Readiness {
	const pattern = reader.string('ready_pattern');
	if (pattern !== undefined && reader.has('ready_after')) {
		reader.reportKey('ready_after', 'give ready_pattern or ready_after, not both');
	}

	if (reader.has('ready_timeout') && pattern === undefined) {
		reader.reportKey('ready_timeout', 'ready_timeout applies to ready_pattern only');
	}

	if (pattern !== undefined) {
		try {
			new RegExp(pattern);
		} catch (error) {
			reader.report('ready_pattern', `ready_pattern is not a regular expression: ${(error as Error).message}`);
		}

		return {kind: 'pattern', pattern, timeoutMs: reader.duration('ready_timeout') ?? 60_000};
	}

	const afterMs = reader.duration('ready_after', {allowZero: true}) ?? 0;
	return afterMs > 0 ? {kind: 'after', afterMs} : {kind: 'immediate'};
}
