import {isMap, isScalar, isSeq, type Node} from 'yaml';
import type {YamlSource} from './yaml-source.js';

/**
 * Reports each whole number written under `node` (`order: 12345678901234567891`) past
 * Number.MAX_SAFE_INTEGER, at the number: YAML reads it as the nearest double (12345678901234567000),
 * which the job would get. `run --param` and the HTTP API refuse such a number the same way.
 * `path` names the value (`params.order`); a number written as a float (`1e20`) is what it says.
 */
export function reportInexactIntegers(source: YamlSource, node: Node | undefined | null, path: string): void {
	if (isScalar(node)) {
		const written = node.source ?? '';
		if (typeof node.value === 'number' && /^[-+]?\d+$/.test(written) && !Number.isSafeInteger(node.value)) {
			source.report(node, `${path} is a whole number beyond ±${Number.MAX_SAFE_INTEGER}, which YAML does not keep exactly (it reads as ${String(node.value)}): write it as a string, "${written}"`);
		}
	} else if (isMap(node)) {
		for (const pair of node.items) {
			reportInexactIntegers(source, pair.value as Node | null, `${path}.${String(isScalar(pair.key) ? pair.key.value : pair.key)}`);
		}
	} else if (isSeq(node)) {
		for (const [index, item] of node.items.entries()) {
			reportInexactIntegers(source, item as Node | null, `${path}[${index}]`);
		}
	}
}
