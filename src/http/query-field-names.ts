/**
 * Every refusal of a query field names it `query NAME`: the schema's (`query limit must be an
 * integer, not "abc"`), the routes' own checks (`query since 1796461345 looks like epoch seconds`) and
 * the scheduler's, said for every client (`until (…) must be after since (…)`), alike, as a body field
 * is `body NAME`. They read `querystring limit` in one place and a bare `since` in the others.
 */
import {HttpError} from './http-errors.js';

export const queryField = (name: string): string => `query ${name}`;

/**
 * For `promise.catch`: a bad-params refusal from the scheduler with each of `names` it gives a value
 * of (`since (2026-11-20T00:00:00+08:00)`) named as a query field; anything else as it was.
 */
export function namedByQueryFields(names: readonly string[]): (error: unknown) => never {
	const mention = new RegExp(`(^|[ ;(])(${names.join('|')}) \\(`, 'g');
	return error => {
		if (error instanceof HttpError && error.code === 'bad-params') {
			throw new HttpError(400, 'bad-params', error.message.replace(mention, (_match, before: string, name: string) => `${before}${queryField(name)} (`));
		}

		throw error;
	};
}
