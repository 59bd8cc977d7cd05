import {isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair, type YAMLError, type YAMLMap} from 'yaml';
import type {ConfigProblem} from './config-problem.js';
import {didYouMean} from './did-you-mean.js';
import {durationProblem, parseDuration} from './quantities.js';

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

/** A parsed YAML file that collects positioned problems as it is read. */
export class YamlSource {
	readonly problems: ConfigProblem[] = [];
	/** Not fatal: the file loads, and these are shown (`validate`) and logged (at load). */
	readonly warnings: ConfigProblem[] = [];
	readonly document: Document.Parsed;
	private readonly lines = new LineCounter();

	constructor(readonly file: string, text: string) {
		this.document = parseDocument(text, {lineCounter: this.lines, prettyErrors: false, uniqueKeys: true});
		for (const error of [...this.document.errors]) {
			this.reportYamlError(text, error);
		}

		this.expandAliases();
		this.applyMergeKeys();
	}

	/**
	 * `<<: *defaults` (YAML's merge key, as docker-compose files use it): the merged mapping's keys are
	 * copied into this one, except those it sets itself; a list of mappings merges each, first wins.
	 */
	private applyMergeKeys(): void {
		visit(this.document, {
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
						this.report(source as Node, 'a merge key (<<) takes a mapping or a list of mappings');
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

	/**
	 * `*name` means the node `&name` stands for: each alias is replaced by a copy of it, so every reader
	 * sees plain values. A file whose aliases would unfold into more than `maxExpandedNodes` nodes (an
	 * alias bomb: a few lines of nested aliases that make millions of nodes) is refused instead.
	 */
	private expandAliases(): void {
		let expanded = 0;
		visit(this.document, {
			Alias: (_key, alias) => {
				const target = alias.resolve(this.document);
				if (!target) {
					this.report(alias as unknown as Node, `unknown alias *${alias.source}`);
					return visit.REMOVE;
				}

				expanded += nodeCount(target, maxExpandedNodes - expanded);
				if (expanded > maxExpandedNodes) {
					this.report(alias as unknown as Node, `aliases here unfold into more than ${maxExpandedNodes} values: more than a config should hold (an alias bomb?)`);
					return visit.BREAK;
				}

				// Targets come before their aliases, so a copy carries no alias of its own.
				return target.clone() as Node;
			},
		});
	}

	/**
	 * A syntax error where the mistake is, not where the parser noticed it: an unclosed quote is reported
	 * at the end of the text it swallowed (often past the last line), so it points at the opening quote;
	 * a misindented key is reported at the start of its line, so it points at the key.
	 */
	private reportYamlError(text: string, error: YAMLError): void {
		const at = error.pos[0];
		if (error.code === 'DUPLICATE_KEY') {
			this.reportAt(at, `duplicate key ${JSON.stringify(this.keyAt(at) ?? text.slice(at).split(/[:\n]/)[0]!.trim())}`);
		} else if (error.code === 'MISSING_CHAR' && /closing .?quote/i.test(error.message)) {
			const opened = this.quotedScalarEndingAt(at);
			this.reportAt(opened ?? at, opened === undefined ? firstLine(error.message) : `${firstLine(error.message)}: the quote opened here is never closed`);
		} else if (error.code === 'BAD_INDENT') {
			const indent = /^[ \t]*/.exec(text.slice(at))![0].length;
			this.reportAt(text[at + indent] === '\n' ? at : at + indent, firstLine(error.message));
		} else {
			this.reportAt(at, firstLine(error.message));
		}
	}

	private keyAt(offset: number): string | undefined {
		let key: string | undefined;
		visit(this.document, {
			Pair: (_key, pair) => {
				if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
					key = String(pair.key.value);
					return visit.BREAK;
				}

				return undefined;
			},
		});
		return key;
	}

	/** Where the quoted scalar that runs up to `offset` opens: the last quoted value starting before it. */
	private quotedScalarEndingAt(offset: number): number | undefined {
		let start: number | undefined;
		visit(this.document, {
			Scalar: (_key, scalar) => {
				const range = scalar.range;
				if ((scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') && range && range[0] < offset && offset <= range[2]) {
					start = Math.max(start ?? -1, range[0]);
				}
			},
		});
		return start;
	}

	reportAt(offset: number, message: string): void {
		const {line, col} = this.lines.linePos(offset);
		this.problems.push({file: this.file, line, col, message});
	}

	report(node: Node | Pair | undefined | null, message: string): void {
		this.reportAt(this.offsetOf(node), message);
	}

	warn(node: Node | Pair | undefined | null, message: string): void {
		const {line, col} = this.lines.linePos(this.offsetOf(node));
		this.warnings.push({file: this.file, line, col, message});
	}

	private offsetOf(node: Node | Pair | undefined | null): number {
		const target = node && 'range' in node ? node : (node as Pair | undefined)?.key as Node | undefined;
		return target?.range?.[0] ?? 0;
	}

	lineOf(node: Node): number {
		return this.lines.linePos(node.range?.[0] ?? 0).line;
	}

	get root(): Node | undefined {
		return (this.document.contents ?? undefined) as Node | undefined;
	}
}

function firstLine(message: string): string {
	return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Typed access to one YAML mapping, reporting wrong types and unknown keys with positions. */
export class MapReader {
	constructor(readonly source: YamlSource, readonly map: YAMLMap, private readonly where: string) {}

	static of(source: YamlSource, node: unknown, where: string): MapReader | undefined {
		if (!isMap(node)) {
			source.report(node as Node, `${where} must be a mapping`);
			return undefined;
		}

		return new MapReader(source, node, where);
	}

	keys(): string[] {
		return this.map.items.map(item => String(isScalar(item.key) ? item.key.value : item.key));
	}

	pair(key: string): Pair | undefined {
		return this.map.items.find(item => isScalar(item.key) && item.key.value === key) as Pair | undefined;
	}

	node(key: string): Node | undefined {
		return (this.pair(key)?.value ?? undefined) as Node | undefined;
	}

	has(key: string): boolean {
		return this.pair(key) !== undefined;
	}

	value(key: string): unknown {
		const node = this.node(key);
		if (node === undefined) {
			return this.has(key) ? null : undefined;
		}

		return isScalar(node) ? node.value : node.toJSON();
	}

	report(key: string, message: string): void {
		this.source.report(this.node(key) ?? this.pair(key) ?? this.map, message);
	}

	reportKey(key: string, message: string): void {
		this.source.report(this.pair(key)?.key as Node | undefined ?? this.map, message);
	}

	/** A warning at the key's value (the whole mapping when the key is absent). */
	warn(key: string, message: string): void {
		this.source.warn(this.node(key) ?? this.pair(key) ?? this.map, message);
	}

	rejectUnknownKeys(known: readonly string[]): void {
		for (const key of this.keys()) {
			if (!known.includes(key)) {
				const suggestion = didYouMean(key, known);
				this.reportKey(key, `unknown key "${key}" in ${this.where}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
			}
		}
	}

	string(key: string): string | undefined {
		const value = this.value(key);
		if (value === undefined) {
			return undefined;
		}

		if (typeof value === 'string' && value.trim() !== '') {
			return value;
		}

		if (typeof value === 'number') {
			return String(value);
		}

		this.report(key, `${key} must be a non-empty string`);
		return undefined;
	}

	oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
		const value = this.value(key);
		if (value === undefined) {
			return undefined;
		}

		if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
			return value as T;
		}

		const suggestion = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
		this.report(key, `${key} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
		return undefined;
	}

	integer(key: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
		const value = this.value(key);
		if (value === undefined) {
			return undefined;
		}

		if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
			return value;
		}

		this.report(key, `${key} must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}, not ${JSON.stringify(value)}`);
		return undefined;
	}

	/**
	 * A duration (`30s`, `1h30m`, a bare number of seconds) in ms; a value that is not one, or is out of
	 * range, is reported with its position and reads as undefined. `atLeast.text` says the shortest in
	 * words (`2s (why)`).
	 */
	duration(key: string, {allowZero = false, longestMs, atLeast}: {allowZero?: boolean; longestMs?: number; atLeast?: {ms: number; text: string}} = {}): number | undefined {
		const value = this.value(key);
		if (value === undefined) {
			return undefined;
		}

		const ms = parseDuration(value);
		const problem = durationProblem(key, value, ms, {allowZero, longestMs})
			?? (atLeast && ms! < atLeast.ms ? `${key} "${String(value)}" must be at least ${atLeast.text}` : undefined);
		if (problem) {
			this.report(key, problem);
			return undefined;
		}

		return ms;
	}

	boolean(key: string): boolean | undefined {
		const value = this.value(key);
		if (value === undefined || typeof value === 'boolean') {
			return value;
		}

		this.report(key, `${key} must be true or false, not ${JSON.stringify(value)}`);
		return undefined;
	}

	stringList(key: string): string[] | undefined {
		const node = this.node(key);
		const value = this.value(key);
		if (value === undefined) {
			return undefined;
		}

		if (typeof value === 'string') {
			return [value];
		}

		if (isSeq(node) && Array.isArray(value) && value.every(item => typeof item === 'string' || typeof item === 'number')) {
			return value.map(String);
		}

		this.report(key, `${key} must be a list of strings`);
		return undefined;
	}
}
