import path from 'node:path';
import {isMap, isScalar, parseDocument, LineCounter} from 'yaml';
import type {ConfigProblem} from '../../config/config-problem.js';
import {isLoopback, splitListen} from '../../config/listen-address.js';
import type {HttpSettings} from '../../core/job-definition.js';
import {ApiTokens, TokenConfigError} from '../../http/api-tokens.js';
import {cleartextApiWarning} from '../../http/cleartext-api-warning.js';

/** Where `http.<key>` is written in jobs.yaml (its key), or the file's start when it is not there. */
function httpKeyPosition(jobsText: string, key: string): {line: number; col: number} {
	const lines = new LineCounter();
	const http = parseDocument(jobsText, {lineCounter: lines}).get('http', true);
	const pair = isMap(http) ? http.items.find(item => isScalar(item.key) && item.key.value === key) : undefined;
	const offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
	return offset === undefined ? {line: 1, col: 1} : lines.linePos(offset);
}

/**
 * The HTTP API's settings as its thread checks them at the start: the tokens (SAGE_API_TOKENS and
 * jobs.yaml's `http.tokens_file`, resolved against the root) and the address. A setting that would
 * turn the API off — a tokens file others can read, a missing one, a malformed entry, a `listen`
 * beyond loopback with no token — is a problem of jobs.yaml, placed at its key. Only when jobs.yaml
 * has `http:`; the message never holds a token.
 */
export function checkApiSettings(http: HttpSettings | undefined, root: string, jobsFile: string, jobsText: string): ConfigProblem[] {
	if (!http) {
		return [];
	}

	let tokens: ApiTokens;
	try {
		tokens = ApiTokens.load(process.env.SAGE_API_TOKENS, http.tokensFile && path.resolve(root, http.tokensFile));
	} catch (error) {
		if (!(error instanceof TokenConfigError)) {
			throw error;
		}

		const at = error.message.startsWith('SAGE_API_TOKENS') ? {line: 1, col: 1} : httpKeyPosition(jobsText, 'tokens_file');
		return [{file: jobsFile, ...at, message: `http.${error.message}; the HTTP API will not start`}];
	}

	// http-server.ts refuses the same (HttpListenError): anyone who reaches the port would control the scheduler.
	if (!tokens.configured && !isLoopback(splitListen(http.listen).host)) {
		const why = http.tokensFile ? `http.tokens_file ${http.tokensFile} holds no token and SAGE_API_TOKENS is not set` : 'no API token is set (SAGE_API_TOKENS or http.tokens_file)';
		return [{file: jobsFile, ...httpKeyPosition(jobsText, 'listen'), message: `http.listen "${http.listen}" is beyond loopback and ${why}; the HTTP API will not start`}];
	}

	return [];
}

/** The API would listen beyond loopback over plain HTTP, its tokens in clear text: a warning at `http.listen`. */
export function apiSettingsWarnings(http: HttpSettings | undefined, jobsFile: string, jobsText: string): ConfigProblem[] {
	const warning = http && cleartextApiWarning(http.listen);
	return warning === undefined ? [] : [{file: jobsFile, ...httpKeyPosition(jobsText, 'listen'), message: warning}];
}
