/**
 * An edit of jobs.yaml made on its text, so everything the edit does not touch stays byte for byte as
 * the operator wrote it (a trailing comment's gap, `{ … }` padding, blank lines): a replaced job's text
 * goes over exactly the old job's source range (yaml nodes carry `range`), an added job is appended
 * after the last one in the list's style (flow or block items, same indentation, a blank line before it
 * when the jobs are kept apart by blank lines), a removed job takes its own lines only (with a comment
 * on them or indented under it; a comment line above it and blank lines stay). The result must
 * read back as the edited document; when it does not, or a case is not one of these, the caller writes
 * the document whole instead.
 */
import {isDeepStrictEqual} from 'node:util';
import {isMap, parseDocument, type Document, type Range, type YAMLSeq} from 'yaml';
import {jobItemText, type ItemStyle} from './job-item-text.js';

type Splice = {start: number; end: number; text: string};

class NotInPlace extends Error {
	override name = 'NotInPlace';
}

/** A job list item's id, as jobs-file.ts reads it (undefined for an item that is not a map). */
const idOf = (item: unknown) => (isMap(item) ? String(item.get('id')) : undefined);

function rangeOf(item: unknown): Range {
	const range = (item as {range?: Range | null}).range;
	if (!range) {
		throw new NotInPlace('a job has no position in the file');
	}

	return range;
}

/** Where the item's text starts, the start of its line, and the end of its own text (trailing blanks left out). */
function place(text: string, item: unknown) {
	const [start, valueEnd] = rangeOf(item);
	let end = valueEnd;
	while (end > start && /\s/.test(text[end - 1]!)) {
		end--;
	}

	const lineStart = text.lastIndexOf('\n', start - 1) + 1;
	return {start, end, lineStart, prefix: text.slice(lineStart, start)};
}

/** The end of `end`'s line, past its newline; only blanks or a comment may follow `end` on it. */
function lineEnd(text: string, end: number): number {
	const newline = text.indexOf('\n', end);
	const stop = newline === -1 ? text.length : newline + 1;
	if (!/^[ \t]*(#.*)?\r?\n?$/.test(text.slice(end, stop))) {
		throw new NotInPlace('another value shares a job\'s line');
	}

	return stop;
}

function styleOf(text: string, item: unknown, column: number, eol: string): ItemStyle {
	const flow = isMap(item) && item.flow === true;
	return {flow, padding: flow && text[rangeOf(item)[0] + 1] === ' ', column, eol};
}

function replacement(text: string, old: unknown, item: unknown, eol: string): Splice {
	const {start, end, prefix} = place(text, old);
	if (!/^ *(- +)?$/.test(prefix)) {
		throw new NotInPlace(`job "${idOf(old)}" has an anchor or tag before it`);
	}

	return {start, end, text: jobItemText(item, styleOf(text, old, prefix.length, eol))};
}

/** The end of the item's own text with the comment lines indented under it (range[2]), blanks after it left out. */
function ownEnd(text: string, item: unknown): number {
	const {end} = place(text, item);
	let after = Math.max(end, rangeOf(item)[2]);
	while (after > end && /\s/.test(text[after - 1]!)) {
		after--;
	}

	return after;
}

function removal(text: string, old: unknown): Splice {
	const {lineStart, prefix} = place(text, old);
	if (!/^ *- +$/.test(prefix)) {
		throw new NotInPlace(`job "${idOf(old)}" does not start its own line`);
	}

	return {start: lineStart, end: lineEnd(text, ownEnd(text, old)), text: ''};
}

/** Jobs kept apart by a blank line each: added ones are too. */
function blankLinesBetween(text: string, originals: readonly unknown[]): boolean {
	return originals.length > 1 && originals.slice(1).every((item, index) => /\n[ \t]*\r?\n/.test(text.slice(ownEnd(text, originals[index]), place(text, item).lineStart)));
}

function addition(text: string, originals: readonly unknown[], added: readonly unknown[], eol: string): Splice {
	const last = originals.at(-1);
	if (last === undefined) {
		throw new NotInPlace('the job list is empty');
	}

	const {prefix} = place(text, last);
	if (!/^ *- +$/.test(prefix)) {
		throw new NotInPlace('the last job does not start its own line');
	}

	// After the last job's own lines, before what follows the list.
	const at = lineEnd(text, ownEnd(text, last));
	const style = styleOf(text, last, prefix.length, eol);
	const separator = blankLinesBetween(text, originals) ? eol : '';
	const items = added.map(item => `${separator}${prefix}${jobItemText(item, style)}${eol}`).join('');
	return {start: at, end: at, text: `${at === text.length && !text.endsWith('\n') && text.length > 0 ? eol : ''}${items}`};
}

/**
 * `before` with its job list changed from `originals` (its items as parsed, in order) to `seq`'s items
 * now (after the edit), or why that cannot be done safely in place. `edited` is the whole document after
 * the edit: the spliced text must read as it does.
 */
export function spliceJobs(before: string, seq: YAMLSeq, originals: readonly unknown[], edited: Document): {text: string} | {notInPlace: string} {
	try {
		if (seq.flow) {
			throw new NotInPlace('the job list is a flow sequence [ … ]');
		}

		if (seq.items.length === 0 && originals.length > 0) {
			throw new NotInPlace('no job is left: the list becomes jobs: []');
		}

		const eol = before.includes('\r\n') ? '\r\n' : '\n';
		const kept = new Set(seq.items);
		const replaced = new Set<unknown>();
		const splices: Splice[] = [];
		const added: unknown[] = [];
		for (const item of seq.items) {
			if (originals.includes(item)) {
				continue;
			}

			const old = originals.find(original => idOf(original) === idOf(item) && !kept.has(original) && !replaced.has(original));
			if (old === undefined) {
				added.push(item);
			} else {
				replaced.add(old);
				splices.push(replacement(before, old, item, eol));
			}
		}

		for (const old of originals) {
			if (!kept.has(old) && !replaced.has(old)) {
				splices.push(removal(before, old));
			}
		}

		if (added.length > 0) {
			splices.push(addition(before, originals, added, eol));
		}

		let text = before;
		let limit = Number.POSITIVE_INFINITY;
		for (const splice of splices.sort((a, b) => b.start - a.start || b.end - a.end)) {
			if (splice.end > limit) {
				throw new NotInPlace('two edits overlap');
			}

			text = text.slice(0, splice.start) + splice.text + text.slice(splice.end);
			limit = splice.start;
		}

		const reread = parseDocument(text);
		if (reread.errors.length > 0 || !isDeepStrictEqual(reread.toJS(), edited.toJS())) {
			throw new NotInPlace('the edited text did not read back as the new job list');
		}

		return {text};
	} catch (error) {
		// NotInPlace, or toJS past its alias limit and the like (the whole-document write's validation names that).
		return {notInPlace: (error as Error).message};
	}
}
