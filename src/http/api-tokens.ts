/**
 * Bearer tokens for the HTTP API, each with a scope: `read` (look) or `control` (also steer and edit).
 * From SAGE_API_TOKENS (`read:abc…,control:def…`) or a `tokens_file` of `scope:token` lines that only
 * its owner may read (0600, refused otherwise) — never from jobs.yaml. Only hashes are kept, and a
 * presented token is compared with each in constant time (equal-length SHA-256 digests), so neither
 * its length nor its first wrong byte shows in the answer's timing. Tokens never reach a log.
 */
import {createHash, timingSafeEqual} from 'node:crypto';
import {readFileSync, statSync} from 'node:fs';

export type Scope = 'read' | 'control';

/** A token setting that cannot be used; its message never contains a token. */
export class TokenConfigError extends Error {
	override name = 'TokenConfigError';
}

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** Tokens shorter than this are refused: they can be guessed. */
const minLength = 16;

function parse(text: string, where: string): Array<{scope: Scope; token: string}> {
	const entries: Array<{scope: Scope; token: string}> = [];
	for (const [index, raw] of text.split(/[\n,]/).entries()) {
		const entry = raw.trim();
		if (entry === '' || entry.startsWith('#')) {
			continue;
		}

		const colon = entry.indexOf(':');
		const scope = entry.slice(0, colon);
		const token = entry.slice(colon + 1).trim();
		if (colon === -1 || (scope !== 'read' && scope !== 'control')) {
			throw new TokenConfigError(`${where}: entry ${index + 1} must be read:TOKEN or control:TOKEN`);
		}

		if (token.length < minLength) {
			throw new TokenConfigError(`${where}: the ${scope} token of entry ${index + 1} is shorter than ${minLength} characters`);
		}

		entries.push({scope, token});
	}

	return entries;
}

export class ApiTokens {
	private constructor(private readonly tokens: ReadonlyArray<{scope: Scope; hash: Buffer}>) {}

	/** @throws TokenConfigError for a malformed setting or a tokens file others can read */
	static load(env: string | undefined, tokensFile: string | undefined): ApiTokens {
		const entries = env ? parse(env, 'SAGE_API_TOKENS') : [];
		if (tokensFile) {
			let mode: number;
			try {
				mode = statSync(tokensFile).mode & 0o777;
			} catch (error) {
				throw new TokenConfigError(`tokens_file ${tokensFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message}`);
			}

			if (mode & 0o077) {
				throw new TokenConfigError(`tokens_file ${tokensFile} is readable by others (mode ${mode.toString(8)}): chmod 600 ${tokensFile}`);
			}

			entries.push(...parse(readFileSync(tokensFile, 'utf8'), `tokens_file ${tokensFile}`));
		}

		return new ApiTokens(entries.map(({scope, token}) => ({scope, hash: digest(token)})));
	}

	get configured(): boolean {
		return this.tokens.length > 0;
	}

	/** The scope of a presented token, or undefined. Every configured token is compared, match or not. */
	scopeOf(presented: string): Scope | undefined {
		const hash = digest(presented);
		let found: Scope | undefined;
		for (const token of this.tokens) {
			if (timingSafeEqual(hash, token.hash) && found !== 'control') {
				found = token.scope;
			}
		}

		return found;
	}
}
