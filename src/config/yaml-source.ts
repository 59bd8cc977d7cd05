import {LineCounter, parseDocument, type Document, type Node, type Pair} from 'yaml';
import type {ConfigProblem} from './config-problem.js';
import {expandAliases} from './yaml-aliases.js';
import {placeYamlError} from './yaml-error-position.js';
import {applyMergeKeys} from './yaml-merge-keys.js';
import {explainBareStars} from './yaml-bare-star.js';

/** A parsed YAML file that collects positioned problems as it is read. */
export class YamlSource {
	readonly problems: ConfigProblem[] = [];
	/** Not fatal: the file loads, and these are shown (`validate`) and logged (at load). */
	readonly warnings: ConfigProblem[] = [];
	/** Absolute paths of files the text names that are not there (a job's `module`): the config watcher waits for them. */
	readonly missingFiles: string[] = [];
	readonly document: Document.Parsed;
	private readonly lines = new LineCounter();

	constructor(readonly file: string, text: string) {
		this.document = parseDocument(text, {lineCounter: this.lines, prettyErrors: false, uniqueKeys: true});
		for (const error of [...this.document.errors]) {
			const {offset, message} = placeYamlError(this.document, text, error);
			this.reportAt(offset, message);
		}

		const report = (node: Node, message: string) => {
			this.report(node, message);
		};
		expandAliases(this.document, report);
		applyMergeKeys(this.document, report);
		this.problems.splice(0, this.problems.length, ...explainBareStars(text, this.problems));
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
