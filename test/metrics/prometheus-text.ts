/**
 * A strict reader of Prometheus' text exposition format (0.0.4), for tests: every sample must belong
 * to a family declared by `# TYPE` before it, names and labels must be well formed, label values
 * properly escaped, values numbers (or NaN, +Inf, -Inf, in any case as Prometheus' own reader takes them). Throws on anything else.
 */
export type Sample = {name: string; labels: Record<string, string>; value: number};
export type Family = {name: string; type: string; help?: string; samples: Sample[]};

const metricName = /^[a-zA-Z_:][a-zA-Z\d_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z\d_]*$/;
const suffixes: Record<string, string[]> = {histogram: ['_bucket', '_sum', '_count'], summary: ['_sum', '_count', ''], counter: ['', '_total'], gauge: [''], untyped: ['']};

/** Prometheus reads values with Go's strconv.ParseFloat, which takes NaN and Inf in any case (prom-client prints `Nan`). */
function parseValue(text: string, line: string): number {
	if (/^nan$/i.test(text)) {
		return Number.NaN;
	}

	if (/^[+-]?inf(inity)?$/i.test(text)) {
		return text.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
	}

	if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
		throw new Error(`bad value "${text}" in: ${line}`);
	}

	return Number(text);
}

function parseLabels(text: string, line: string): Record<string, string> {
	const labels: Record<string, string> = {};
	let rest = text;
	while (rest.length > 0) {
		const match = /^([^=]+)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/.exec(rest);
		if (!match || !labelName.test(match[1]!)) {
			throw new Error(`bad labels in: ${line}`);
		}

		if (Object.hasOwn(labels, match[1]!)) {
			throw new Error(`label ${match[1]} twice in: ${line}`);
		}

		labels[match[1]!] = match[2]!.replaceAll(/\\(["\\n])/g, (_all, c: string) => (c === 'n' ? '\n' : c));
		rest = rest.slice(match[0].length);
	}

	return labels;
}

export function parsePrometheusText(text: string): Map<string, Family> {
	const families = new Map<string, Family>();
	const helps = new Map<string, string>();
	for (const line of text.split('\n')) {
		if (line === '') {
			continue;
		}

		if (line.startsWith('#')) {
			const match = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
			if (!match) {
				continue;
			}

			const [, kind, name, rest] = match as unknown as [string, string, string, string];
			if (!metricName.test(name)) {
				throw new Error(`bad metric name in: ${line}`);
			}

			if (kind === 'HELP') {
				helps.set(name, rest);
			} else {
				if (families.has(name)) {
					throw new Error(`TYPE of ${name} twice`);
				}

				if (!Object.hasOwn(suffixes, rest)) {
					throw new Error(`unknown type in: ${line}`);
				}

				families.set(name, {name, type: rest, help: helps.get(name), samples: []});
			}

			continue;
		}

		const match = /^([a-zA-Z_:][a-zA-Z\d_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/.exec(line);
		if (!match) {
			throw new Error(`bad sample line: ${line}`);
		}

		const [, name, labelText, valueText] = match as unknown as [string, string, string | undefined, string];
		const family = [...families.values()].find(candidate => suffixes[candidate.type]!.some(suffix => `${candidate.name}${suffix}` === name));
		if (!family) {
			throw new Error(`sample of an undeclared family: ${line}`);
		}

		family.samples.push({name, labels: parseLabels(labelText ?? '', line), value: parseValue(valueText, line)});
	}

	return families;
}

/** The value of the one sample of `name` whose labels include `labels`. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
	for (const family of families.values()) {
		const found = family.samples.filter(sample => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
		if (found.length > 1) {
			throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
		}

		if (found.length === 1) {
			return found[0]!.value;
		}
	}

	return undefined;
}
