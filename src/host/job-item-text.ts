/**
 * One job of jobs.yaml as text for an item of its block job list: a flow mapping on one line
 * (`{id: x, cron: "…"}`, spaces inside the braces when the file has them) or a block mapping whose
 * lines after the first are indented to the item's column, as the `- ` item it goes into is written.
 */
import {Document, isCollection, isMap, isNode, visit, type Node} from 'yaml';

export type ItemStyle = {
	flow: boolean;
	/** `{ id: x }` rather than `{id: x}` (the job's own braces). */
	padding: boolean;
	/** The column of the item's first key (after `- `). */
	column: number;
	eol: string;
};

export function jobItemText(item: unknown, style: ItemStyle): string {
	const node = (isNode(item) ? item.clone() : new Document().createNode(item)) as Node;
	if (isMap(node)) {
		node.flow = style.flow;
	}

	// A comment above or beside the job belongs to the list around it, not to the text put in its place;
	// inside a one-line flow mapping no comment can stand.
	node.commentBefore = undefined;
	node.comment = undefined;
	node.spaceBefore = false;
	// A job made from JSON (an import of `export --format json`, PUT /v1/jobs/:id) has no source style:
	// its lists and maps below the job read as a hand-kept file writes them, `command: ["true"]`.
	const made = !node.range;
	visit(node, (_key, inner) => {
		if (style.flow && isNode(inner)) {
			inner.commentBefore = undefined;
			inner.comment = undefined;
		}

		if (made && isCollection(inner) && inner !== node) {
			inner.flow = true;
		}
	});

	const lines = new Document(node).toString({lineWidth: 0, flowCollectionPadding: false}).replace(/\n$/, '').split('\n');
	// The job's own braces padded as the file pads them; lists inside stay `["true"]`, as hand-kept files write them.
	if (style.flow && style.padding && lines.length === 1 && /^\{.+\}$/.test(lines[0]!)) {
		return `{ ${lines[0]!.slice(1, -1)} }`;
	}

	const indent = ' '.repeat(style.column);
	return lines.map((line, index) => (index === 0 || line === '' ? line : `${indent}${line}`)).join(style.eol);
}
