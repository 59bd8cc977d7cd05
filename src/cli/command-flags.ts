import {UsageError} from './commands/usage-error.js';

/** Where the project is: every command takes these but `init`. */
const projectFlags = ['root', 'config', 'db'] as const;

/**
 * The project flags `command` takes: `init` writes its starter files under its folder (DIR, else
 * `--root`), `config/jobs.yaml` among them, and makes no database, so `--config` and `--db` would be
 * ignored: they are refused, and `init --help` does not list them.
 */
export function projectFlagsOf(command: string | undefined): readonly string[] {
	return command === 'init' ? ['root'] : projectFlags;
}

/**
 * Each command's own flags (flagSpecs' names), as its usage line in `--help` names them; `undefined`
 * is the console and `--headless`.
 */
const ownFlags: ReadonlyMap<string | undefined, readonly string[]> = new Map<string | undefined, readonly string[]>([
	[undefined, ['headless', 'http']],
	['init', []], ['validate', []], ['cancel', []], ['retry', []], ['reload', []],
	['list', ['json', 'from', 'count']],
	['history', ['json', 'job', 'status', 'since', 'limit']],
	['show', ['json']], ['status', ['json']], ['start', ['json']], ['stop', ['json']], ['restart', ['json']],
	['run', ['param', 'tradeDate', 'from', 'to', 'detach']],
	['pause', ['all']], ['resume', ['all']],
	['logs', ['follow']],
	['calendar', ['year', 'json']],
	['plan', ['date', 'json']],
	['notify', ['channel']],
	['export', ['format', 'jobs']],
	['import', ['dryRun']],
	['ping', ['start', 'fail']],
	['worker', ['redis', 'queues', 'concurrency', 'grace', 'lockDuration', 'stalledInterval']],
]);

/** The commands there are, by name (for an unknown one's closest). */
export const commandNames: readonly string[] = [...ownFlags.keys()].filter(command => command !== undefined);

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
const camel = (name: string) => name.replaceAll(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * A known flag the command does not take is refused, not ignored: `plan --year 2027` showed today's
 * plan, `history --count 5` every run, `validate --json` text, each as if the flag had been understood.
 * `argv` is the command line as typed (the parsed flags hold every boolean, given or not). Commands this does
 * not know are left to the dispatch.
 */
export function rejectFlagsNotTaken(command: string | undefined, argv: readonly string[]): void {
	const own = ownFlags.get(command);
	if (own === undefined) {
		return;
	}

	const taken = new Set<string>([...projectFlagsOf(command), ...own, 'help', 'version']);
	const end = argv.indexOf('--');
	const given = (end === -1 ? argv : argv.slice(0, end))
		.filter(argument => argument.startsWith('--'))
		.map(argument => camel(argument.slice(2).split('=')[0]!.replace(/^no-/, '')));
	const refused = [...new Set(given)].filter(name => !taken.has(name));
	if (refused.length === 0) {
		return;
	}

	const what = command ?? 'the console';
	const shown = refused.map(name => `--${kebab(name)}`).join(', ');
	const its = command === 'init'
		? 'it takes DIR or --root DIR alone: the starter files, config/jobs.yaml among them, go there, and it makes no database'
		: (own.length === 0 ? 'no flags of its own' : `its flags: ${own.map(name => `--${kebab(name)}`).join(', ')}`);
	throw new UsageError(`${what} does not take ${shown} (${its}); see sage-console${command ? ` ${command}` : ''} --help`);
}
