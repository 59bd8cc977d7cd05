/**
 * The scheduler's refusals of a run request, named by the body field they are about, as the schema's
 * refusals name them (`body trade_date`, `body params.n`). The scheduler words them for every client:
 * the CLI's `--trade-date` and `--param` ("trade date 2026-12-06 is after today …", "param "n" of typed
 * must be an integer, not string "x" (on the command line, quote it as JSON: …)"), whose command-line
 * hint means nothing to a client of the API.
 */
import {HttpError} from './http-errors.js';

type RunBody = {params?: Record<string, unknown>; trade_date?: string} | undefined;
type Renaming = (message: string, body: NonNullable<RunBody>) => string | undefined;

const renamings: Renaming[] = [
	(message, {trade_date: day}) => {
		const said = message.replace(/^trade date /, '');
		return day !== undefined && (said !== message || said.startsWith(`${day} `)) ? `body trade_date ${said}` : undefined;
	},
	message => {
		const match = /^unknown param "(.+)" for ([a-z\d_-]+); its params_schema knows (.*)$/.exec(message);
		return match ? `body params has an unknown property "${match[1]!}" (${match[2]!}'s params_schema knows: ${match[3]!})` : undefined;
	},
	message => {
		const match = /^param "(.+)" of ([a-z\d_-]+) (must be .*?)(?: \(on the command line, .*\))?$/.exec(message);
		return match ? `body params.${match[1]!} ${match[3]!} (${match[2]!}'s params_schema)` : undefined;
	},
	message => {
		const match = /^([a-z\d_-]+) needs params? (.*)$/.exec(message);
		return match ? `body params needs ${match[2]!}, required by ${match[1]!}'s params_schema` : undefined;
	},
];

/** For `promise.catch`: a bad-params refusal about the body's fields, renamed; anything else as it was. */
export function namedByBodyField(body: RunBody): (error: unknown) => never {
	return error => {
		if (error instanceof HttpError && error.code === 'bad-params') {
			for (const rename of renamings) {
				const named = rename(error.message, body ?? {});
				if (named) {
					throw new HttpError(400, 'bad-params', named);
				}
			}
		}

		throw error;
	};
}
