import {isScalar, visit, type Document, type YAMLError} from 'yaml';

function firstLine(message: string): string {
	return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function keyAt(document: Document.Parsed, offset: number): string | undefined {
	let key: string | undefined;
	visit(document, {
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
function quotedScalarEndingAt(document: Document.Parsed, offset: number): number | undefined {
	let start: number | undefined;
	visit(document, {
		Scalar: (_key, scalar) => {
			const range = scalar.range;
			if ((scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') && range && range[0] < offset && offset <= range[2]) {
				start = Math.max(start ?? -1, range[0]);
			}
		},
	});
	return start;
}

/**
 * A syntax error where the mistake is, not where the parser noticed it: an unclosed quote is reported
 * at the end of the text it swallowed (often past the last line), so it points at the opening quote;
 * a misindented key is reported at the start of its line, so it points at the key.
 */
export function placeYamlError(document: Document.Parsed, text: string, error: YAMLError): {offset: number; message: string} {
	const at = error.pos[0];
	if (error.code === 'DUPLICATE_KEY') {
		return {offset: at, message: `duplicate key ${JSON.stringify(keyAt(document, at) ?? text.slice(at).split(/[:\n]/)[0]!.trim())}`};
	}

	if (error.code === 'MISSING_CHAR' && /closing .?quote/i.test(error.message)) {
		const opened = quotedScalarEndingAt(document, at);
		return {offset: opened ?? at, message: opened === undefined ? firstLine(error.message) : `${firstLine(error.message)}: the quote opened here is never closed`};
	}

	if (error.code === 'MULTILINE_IMPLICIT_KEY' || (error.code === 'MISSING_CHAR' && /^Implicit map keys need to be followed/.test(error.message))) {
		// `cron "0 9 * * *"` or `cron:"0 9 * * *"`: a line with no key: value on it, which YAML joins to the next.
		const lineStart = text.lastIndexOf('\n', at - 1) + 1;
		const line = text.slice(lineStart, text.indexOf('\n', at) === -1 ? undefined : text.indexOf('\n', at)).replace(/\r$/, '');
		const written = line.replace(/\s#.*$/, '').trim();
		if (!/:(?:\s|$)/.test(written)) {
			const [, key, value] = /^(?:-\s+)?([^\s:]+):?\s*(.*)$/.exec(written) ?? [];
			const fixed = key ? ` (${key}: ${value || '…'})` : '';
			return {offset: at, message: `${written} is not key: value: a key needs a colon and a space after it${fixed}`};
		}
	}

	if (error.code === 'BAD_INDENT') {
		const indent = /^[ \t]*/.exec(text.slice(at))![0].length;
		return {offset: text[at + indent] === '\n' ? at : at + indent, message: firstLine(error.message)};
	}

	return {offset: at, message: firstLine(error.message)};
}
