import {visit, type Document} from 'yaml';
import {YamlSource} from '../config/yaml-source.js';

/**
 * A YAML text as plain nodes, read as jobs.yaml's reader reads a file: each alias replaced by what it
 * stands for, merge keys (`<<: *defaults`) merged, and no anchors left. An import's job nodes go into
 * jobs.yaml, which has none of the text's anchors: an alias carried there cannot be resolved (the
 * import ended in "unexpected error: Unresolved alias"), and an anchor carried there names nothing.
 * An export prints jobs.yaml's jobs as they mean, not an alias as `{source: d}`.
 */
export function plainYamlDocument(text: string, name: string): Document {
	const {document} = new YamlSource(name, text);
	visit(document, {
		Node(_key, node) {
			if ('anchor' in node) {
				delete node.anchor;
			}
		},
	});
	return document;
}
