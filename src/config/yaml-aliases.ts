import {visit, type Document, type Node} from 'yaml';

/** Values that aliases may add to a file: a real jobs.yaml shares a few blocks a few dozen times. */
const maxExpandedNodes = 100_000;

/** Nodes in a tree, counted up to `limit` (and a little past it): no walk over a bomb's millions. */
function nodeCount(node: Node, limit: number): number {
	let count = 0;
	visit(node, () => {
		count++;
		return count > limit ? visit.BREAK : undefined;
	});
	return count;
}

/**
 * `*name` means the node `&name` stands for: each alias is replaced by a copy of it, so every reader
 * sees plain values. A file whose aliases would unfold into more than `maxExpandedNodes` nodes (an
 * alias bomb: a few lines of nested aliases that make millions of nodes) is refused instead.
 */
export function expandAliases(document: Document.Parsed, report: (node: Node, message: string) => void): void {
	let expanded = 0;
	visit(document, {
		Alias: (_key, alias) => {
			const target = alias.resolve(document);
			if (!target) {
				report(alias as unknown as Node, `unknown alias *${alias.source}`);
				return visit.REMOVE;
			}

			expanded += nodeCount(target, maxExpandedNodes - expanded);
			if (expanded > maxExpandedNodes) {
				report(alias as unknown as Node, `aliases here unfold into more than ${maxExpandedNodes} values: more than a config should hold (an alias bomb?)`);
				return visit.BREAK;
			}

			// Targets come before their aliases, so a copy carries no alias of its own.
			return target.clone() as Node;
		},
	});
}
