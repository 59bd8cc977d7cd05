import {isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap} from 'yaml';
import {didYouMean} from './did-you-mean.js';
import {durationProblem, parseDuration, parseMemorySize} from './quantities.js';
import type {YamlSource} from './yaml-source.js';

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

	/** Each key not `known` is a problem at the key: with `advice` for it when there is some (a key of another tool), else the likely name. */
	rejectUnknownKeys(known: readonly string[], advice: Readonly<Record<string, string>> = {}): void {
		for (const key of this.keys()) {
			if (!known.includes(key)) {
				const told = Object.hasOwn(advice, key) ? advice[key] : undefined;
				const suggestion = told === undefined ? didYouMean(key, known) : undefined;
				this.reportKey(key, `unknown key "${key}" in ${this.where}${told ? `: ${told}` : suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
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

	/** A size (`512mb`, `2gb`, a bare number of MiB) in MiB; a value that is not one is reported with its position and reads as undefined. */
	memorySize(key: string): number | undefined {
		const value = this.value(key);
		const mb = value === undefined ? undefined : parseMemorySize(value);
		if (value !== undefined && mb === undefined) {
			this.report(key, typeof value === 'string' || typeof value === 'number' ? `${key} "${String(value)}" is not a size (use 512mb, 2gb)` : `${key} must be a size (512mb, 2gb), not ${JSON.stringify(value)}`);
		}

		return mb;
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
