import {parseArgs} from 'node:util';
import {UsageError} from './commands/usage-error.js';
import {flagSpecs} from './usage.js';

type FlagSpecs = typeof flagSpecs;
type FlagValue<Spec> = Spec extends {type: 'boolean'} ? boolean
	: Spec extends {isMultiple: true} ? string[]
		: Spec extends {type: 'number'} ? number | undefined
			: string | undefined;

/** The flags of the command line by their camelCase names: a boolean not given is false, a repeatable one []. */
export type CliFlags = {-readonly [Name in keyof FlagSpecs]: FlagValue<FlagSpecs[Name]>};

export type CommandLine = {
	/** The words that are not flags: the command and its arguments. */
	input: string[];
	flags: CliFlags;
	/** Every flag given, known or not: a known one by its kebab-case name (`--no-json` as json), another as typed. */
	given: string[];
	help: boolean;
	version: boolean;
};

const kebab = (name: string) => name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
const camel = (name: string) => name.replaceAll(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

type FlagName = keyof FlagSpecs;
type Spec = FlagSpecs[FlagName];
const specs = new Map<string, Spec>(Object.entries(flagSpecs).map(([name, spec]) => [kebab(name), spec]));
const isRepeatable = (spec: Spec) => 'isMultiple' in spec && spec.isMultiple;

/**
 * The command line as parseArgs should read it: a flag typed in camelCase (`--tradeDate`) is the same
 * flag as `--trade-date`, as it always was; a flag that takes a value followed by another flag is given
 * "" rather than taking that flag as its value, for rejectFlagsWithoutValue to refuse.
 */
function normalized(argv: readonly string[]): string[] {
	const end = argv.indexOf('--');
	return argv.map((argument, index) => {
		const typed = /^--([^=]+)(=.*)?$/.exec(argument);
		if (!typed || (end !== -1 && index >= end)) {
			return argument;
		}

		const name = specs.has(typed[1]!) ? typed[1]! : kebab(typed[1]!);
		const spec = specs.get(name);
		if (spec === undefined) {
			return argument;
		}

		const valueless = typed[2] === undefined && spec.type !== 'boolean' && argv[index + 1]?.startsWith('--') === true;
		return `--${name}${typed[2] ?? ''}${valueless ? '=' : ''}`;
	});
}

/** Each flag's value from the tokens node:util's parseArgs read: booleans false and repeatable flags [] unless given. */
function flagValues(tokens: ReturnType<typeof parseArgs>['tokens'] & {}): {flags: CliFlags; given: string[]} {
	const flags: Record<string, unknown> = {};
	for (const [name, spec] of specs) {
		flags[camel(name)] = spec.type === 'boolean' ? false : (isRepeatable(spec) ? [] : undefined);
	}

	const given = new Set<string>();
	const seen = new Set<string>();
	for (const token of tokens) {
		if (token.kind !== 'option') {
			continue;
		}

		const negated = /^no-(.+)$/.exec(token.name)?.[1];
		const name = negated !== undefined && specs.get(negated)?.type === 'boolean' ? negated : token.name;
		given.add(name);
		const spec = specs.get(name);
		if (spec === undefined) {
			continue;
		}

		if (spec.type === 'boolean') {
			flags[camel(name)] = negated === undefined;
		} else if (isRepeatable(spec)) {
			(flags[camel(name)] as string[]).push(token.value ?? '');
		} else if (seen.has(name)) {
			throw new UsageError(`the flag --${name} can only be set once; see sage-console --help`);
		} else {
			seen.add(name);
			flags[camel(name)] = spec.type === 'number' ? Number(token.value ?? '') : (token.value ?? '');
		}
	}

	return {flags: flags as CliFlags, given: [...given]};
}

/**
 * The command line read with node:util's parseArgs, leniently: an unknown flag is kept in `given` for
 * the caller to refuse with a suggestion, and a value flag's value is taken as typed, for the checks
 * that follow (flag-values.ts) to refuse a missing one or a number that is not digits. A flag that takes
 * a value given twice is refused here; a boolean given twice is the same as once.
 */
export function readCommandLine(argv: readonly string[]): CommandLine {
	const options = Object.fromEntries([...specs].map(([name, spec]) => [name, {
		type: spec.type === 'boolean' ? 'boolean' as const : 'string' as const,
		multiple: isRepeatable(spec),
	}]));
	const {positionals, tokens} = parseArgs({
		args: normalized(argv),
		options: {...options, help: {type: 'boolean'}, version: {type: 'boolean'}},
		strict: false,
		allowPositionals: true,
		tokens: true,
	});
	const {flags, given} = flagValues(tokens);
	const named = (name: string) => tokens.some(token => token.kind === 'option' && token.name === name);
	return {input: positionals, flags, given, help: named('help'), version: named('version')};
}
