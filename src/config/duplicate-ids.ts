import type {Node} from 'yaml';
import type {MapReader} from './map-reader.js';

/**
 * Notes the `id` of one list item in `seen` (id → its node), or reports it at its position when an
 * earlier item took it: `duplicate job id "x" (first defined at line 3)`.
 */
export function checkDuplicateId(item: MapReader | undefined, seen: Map<string, Node>, what: 'job' | 'service'): void {
	const idNode = item?.node('id');
	const id = item?.value('id');
	if (typeof id !== 'string' || !idNode) {
		return;
	}

	const first = seen.get(id);
	if (first) {
		item!.source.report(idNode, `duplicate ${what} id "${id}" (first defined at line ${item!.source.lineOf(first)})`);
	} else {
		seen.set(id, idNode);
	}
}
