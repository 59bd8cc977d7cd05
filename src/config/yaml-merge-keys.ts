import {isMap, isScalar, isSeq, visit, type Document, type Node} from 'yaml';

/**
 * `<<: *defaults` (YAML's merge key, as docker-compose files use it): the merged mapping's keys are
 * copied into this one, except those it sets itself; a list of mappings merges each, first wins.
 */
export function applyMergeKeys(document: Document.Parsed, report: (node: Node, message: string) => void): void {
	visit(document, {
		Map: (_key, map) => {
			const index = map.items.findIndex(item => isScalar(item.key) && item.key.value === '<<');
			if (index === -1) {
				return;
			}

			const merged = map.items[index]!.value as Node | null;
			map.items.splice(index, 1);
			const sources = isSeq(merged) ? merged.items : [merged];
			for (const source of sources) {
				if (!isMap(source)) {
					report(source as Node, 'a merge key (<<) takes a mapping or a list of mappings');
					continue;
				}

				for (const item of source.items) {
					const name = isScalar(item.key) ? item.key.value : undefined;
					if (!map.items.some(own => isScalar(own.key) && own.key.value === name)) {
						map.items.push(item);
					}
				}
			}
		},
	});
}
