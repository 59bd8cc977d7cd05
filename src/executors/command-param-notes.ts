import {paramPlaceholders} from './placeholders.js';

/**
 * What a command run's log says of its params, since a command gets a param only where its argv names
 * it (`{params.NAME}`): one it does not name reaches it nowhere (`run JOB --param date=…` would read as
 * applied), and a `{params.NAME}` with no such param is passed as written, braces and all.
 */
export function commandParamNotes(argv: readonly string[], params: Readonly<Record<string, unknown>>): string[] {
	const named = paramPlaceholders(argv);
	const notes: string[] = [];
	const unused = Object.keys(params).filter(name => !named.has(name));
	if (unused.length > 0) {
		const which = unused.length === 1 ? `param ${unused[0]}` : `params ${unused.join(', ')}`;
		notes.push(`the command does not use ${which}: a command gets a param only where its argv says {params.${unused[0]}}`);
	}

	const missing = [...named].filter(name => !Object.hasOwn(params, name) || params[name] === undefined);
	if (missing.length > 0) {
		const which = missing.map(name => `{params.${name}}`).join(', ');
		notes.push(`the command names ${which} but the run has no such param: passed as written (give it in jobs.yaml's params or with run --param ${missing[0]}=…)`);
	}

	return notes;
}
